"""The capture panel with its service on a real worker thread: files, pages, PDF, reuse.

Every wait is on a signal the panel emits on the GUI thread after showing the result.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from reception.digitising.pdfa import inspect_pdf
from reception.digitising.reuse_store import Attachment, StoredComponent
from reception.dossiers.applicant import Applicant
from reception.dossiers.store import Dossier, DossierStatus
from reception.identity.citizen import CitizenIdentity
from reception.procedures.catalogue import load_active_catalogue
from reception.workstation.config import Config
from tests.generators.pages import gray, text_page
from ui.gui.capture_panel import CapturePanel, connect_service
from ui.gui.digitising_service import DigitisingService

OWNER = "001099000123"


class FakeQrResult:
    """What the panel reads from a QR result: the identity."""

    def __init__(self, id_number: str) -> None:
        self.identity = CitizenIdentity(id_number=id_number, full_name="PHẠM THỊ THỬ")


@pytest.fixture
def panel(qtbot: QtBot, example_config: Config, data_dir: Path) -> Iterator[CapturePanel]:
    thread = QThread()
    service = DigitisingService(example_config, data_dir)
    service.moveToThread(thread)
    widget = CapturePanel("QUAY-01")
    qtbot.addWidget(widget)
    connect_service(widget, service)
    thread.start()
    yield widget
    thread.quit()
    thread.wait()
    service.close()


def _dossier(code: str, procedure_code: str) -> Dossier:
    identity = CitizenIdentity(id_number=OWNER, full_name="PHẠM THỊ THỬ")
    return Dossier(
        code=code,
        procedure_code=procedure_code,
        procedure_name="Đăng ký khai sinh",
        applicant=Applicant(identity=identity),
        received_at=datetime.fromisoformat("2026-11-29T09:00:00+07:00"),
        workstation="QUAY-01",
        status=DossierStatus.RECEIVED,
    )


def _files(folder: Path) -> list[str]:
    folder.mkdir()
    paths = []
    for number in (1, 2):
        path = folder / f"trang-{number}.png"
        Image.fromarray(gray(text_page(lines=(f"Trang {number}", "Nội dung")))).save(
            path, dpi=(150, 150)
        )
        paths.append(str(path))
    broken = folder / "hong.jpg"
    broken.write_bytes(b"\xff\xd8 not really")
    return [*paths, str(broken)]


def test_files_become_pages_that_can_be_rotated_deleted_and_made_into_a_pdf(
    panel: CapturePanel, qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    procedure = load_active_catalogue(data_dir).search("khai sinh")[0]
    panel.set_procedure(procedure)
    assert panel.component.count() == len(procedure.components)
    with (
        qtbot.waitSignal(panel.problem_shown, timeout=10_000) as refused,
        qtbot.waitSignal(panel.pages.pages_changed, timeout=10_000),
    ):
        panel.add_files(_files(tmp_path / "in"))
    assert "hong.jpg" in refused.args[0]
    assert panel.pages.count() == 2
    assert not panel.make_button.isEnabled()  # no saved dossier yet: no code to name files

    panel.pages.item(1).setSelected(True)
    panel.pages.rotate_selected(1)
    assert panel.pages.edited_pages()[1][1].quarter_turns == 1
    panel.set_dossier(_dossier("000.00.01.H99-261129-0005", procedure.code))
    assert panel.make_button.isEnabled()
    with qtbot.waitSignal(panel.component_digitised, timeout=60_000) as done:
        panel.make_pdf()
    stored = done.args[0]
    assert isinstance(stored, StoredComponent)
    assert stored.path.name == f"000.00.01.H99-261129-0005_{procedure.components[0].code}_1.pdf"
    assert stored.pages == 2 and stored.owner_id_number == OWNER
    assert inspect_pdf(stored.path.read_bytes()).pdfa_part == "2B"
    assert panel.pages.count() == 0
    assert stored.path.name in panel.status.text()


def test_a_returning_citizen_is_offered_the_kept_component_and_it_is_reused(
    panel: CapturePanel, qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    procedure = load_active_catalogue(data_dir).search("khai sinh")[0]
    panel.set_procedure(procedure)
    panel.set_dossier(_dossier("000.00.01.H99-261102-0001", procedure.code))
    with qtbot.waitSignal(panel.pages.pages_changed, timeout=10_000):
        panel.add_files(_files(tmp_path / "in")[:1])
    with qtbot.waitSignal(panel.component_digitised, timeout=60_000):
        panel.make_pdf()

    with qtbot.waitSignal(panel.offers_shown, timeout=10_000) as shown:
        panel.offer_reuse(FakeQrResult("001199000777"))
    assert shown.args == [0]
    with qtbot.waitSignal(panel.offers_shown, timeout=10_000) as shown:
        panel.offer_reuse(FakeQrResult(OWNER))
    assert shown.args == [1] and panel.offers.count() == 1
    assert "/2026" in panel.offers.item(0).text()  # the date it was digitised
    assert not panel.offers.item(0).icon().isNull()  # the preview

    panel.set_dossier(_dossier("000.00.01.H99-261130-0002", procedure.code))
    panel.offers.setCurrentRow(0)
    assert panel.attach_button.isEnabled()
    with qtbot.waitSignal(panel.reuse_recorded, timeout=10_000) as recorded:
        panel.attach_selected_offer()
    attachment = recorded.args[0]
    assert isinstance(attachment, Attachment) and attachment.reused
    assert attachment.dossier_code == "000.00.01.H99-261130-0002"


def test_capturing_from_the_simulated_scanner_adds_pages(panel: CapturePanel, qtbot: QtBot) -> None:
    panel.on_sources_listed([])
    panel.sources_requested.emit()
    qtbot.waitUntil(lambda: panel.source.count() > 0, timeout=10_000)
    panel.source.setCurrentIndex(panel.source.findData("simulated"))
    with qtbot.waitSignal(panel.pages.pages_changed, timeout=20_000) as changed:
        panel.capture_button.click()
    assert changed.args == [1]
