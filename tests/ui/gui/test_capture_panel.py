"""The capture panel with its service on a real worker thread: pages go into the current
component of the dossier in reception before it is saved; kept copies are reused.

Every wait is on a signal the panel emits on the GUI thread after showing the result.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from hardware.scanner.interface import ColorMode, ScannedPage
from reception.digitising.model import ComponentInfo, DigitiseOptions
from reception.digitising.pipeline import digitise, next_component_path
from reception.digitising.reuse_store import ReuseStore, documents_dir
from reception.dossiers.store import ComponentStatus
from reception.identity.citizen import CitizenIdentity, IdentitySource
from reception.procedures.catalogue import Procedure, load_active_catalogue
from reception.storage.database import open_database
from reception.workstation.config import Config
from tests.generators.pages import gray, text_page
from ui.gui.capture_panel import CapturePanel, connect_service
from ui.gui.digitising_service import DigitisingService
from ui.gui.walk_in_model import WalkInModel

OWNER = "001099000123"


@pytest.fixture
def panel(qtbot: QtBot, example_config: Config, data_dir: Path) -> Iterator[CapturePanel]:
    thread = QThread()
    service = DigitisingService(example_config, data_dir)
    service.moveToThread(thread)
    widget = CapturePanel(WalkInModel())
    qtbot.addWidget(widget)
    connect_service(widget, service)
    thread.start()
    yield widget
    thread.quit()
    thread.wait()
    service.close()


def _procedure(data_dir: Path) -> Procedure:
    return load_active_catalogue(data_dir).search("khai sinh")[0]


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


def test_without_a_procedure_there_is_nowhere_to_capture_into(panel: CapturePanel) -> None:
    panel.on_sources_listed([])
    assert not panel.capture_action.isEnabled()
    assert not panel.files_button.isEnabled()


def test_files_become_pages_of_the_current_component_which_then_moves_on(
    panel: CapturePanel, qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    procedure = _procedure(data_dir)
    panel.model.choose_procedure(procedure)
    first, second = procedure.components[0].code, procedure.components[1].code
    assert panel.model.current_component().code == first  # type: ignore[union-attr]
    assert first in panel.target.text()
    with (
        qtbot.waitSignal(panel.problem_shown, timeout=10_000) as refused,
        qtbot.waitSignal(panel.pages_captured, timeout=10_000) as captured,
    ):
        panel.add_files(_files(tmp_path / "in"))
    assert "hong.jpg" in refused.args[0]
    assert captured.args == [first, 2]
    component = panel.model.walk_in.component(first)
    assert component.status is ComponentStatus.DIGITISED and len(component.pages) == 2
    # The next capture goes into the next component; its (empty) pages are shown.
    assert panel.model.current_component().code == second  # type: ignore[union-attr]
    assert panel.pages.count() == 0

    # Back to the first: its pages, rotated and one deleted, are what the save will use.
    panel.model.set_current(0)
    assert panel.pages.count() == 2
    panel.pages.item(1).setSelected(True)
    panel.rotate_right.click()
    assert panel.model.walk_in.component(first).pages[1][1].quarter_turns == 1
    panel.pages.item(0).setSelected(True)
    panel.delete_button.click()
    assert len(panel.model.walk_in.component(first).pages) == 1
    assert panel.model.walk_in.captures()[0][0] == first


def test_a_new_dossier_empties_the_panel(
    panel: CapturePanel, qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    panel.model.choose_procedure(_procedure(data_dir))
    with qtbot.waitSignal(panel.pages_captured, timeout=10_000):
        panel.add_files(_files(tmp_path / "in")[:1])
    panel.model.set_current(0)
    assert panel.pages.count() == 1
    panel.model.start_new()
    assert panel.pages.count() == 0
    assert panel.offers.count() == 0
    assert panel.model.walk_in.pages_captured == 0
    assert not panel.capture_action.isEnabled()


def _keep_a_component(data_dir: Path, procedure: Procedure) -> Path:
    db = open_database(data_dir / "reception.sqlite3")
    try:
        store = ReuseStore(db, documents_dir(data_dir), timedelta(days=30))
        info = ComponentInfo(
            dossier_code="000.00.01.H99-261102-0001",
            procedure_code=procedure.code,
            component_code=procedure.components[0].code,
            operator="QUAY-01",
            component_name=procedure.components[0].name,
            owner_id_number=OWNER,
        )
        page = ScannedPage(image=gray(text_page(dpi=100)), dpi=100, mode=ColorMode.GRAY)
        made = digitise(
            [page],
            info,
            next_component_path(store.folder, info),
            options=DigitiseOptions(ocr=False),
        )
        return store.record(made, actor="QUAY-01").path
    finally:
        db.conn.close()


def test_a_returning_citizen_is_offered_the_kept_component_and_it_is_reused(
    panel: CapturePanel, qtbot: QtBot, data_dir: Path
) -> None:
    procedure = _procedure(data_dir)
    kept = _keep_a_component(data_dir, procedure)
    panel.model.choose_procedure(procedure)
    with qtbot.waitSignal(panel.offers_shown, timeout=10_000) as shown:
        panel.model.take_identity(
            CitizenIdentity(id_number="001199000777", full_name="X"), IdentitySource.QR
        )
    assert shown.args == [0]
    with qtbot.waitSignal(panel.offers_shown, timeout=10_000) as shown:
        panel.model.take_identity(
            CitizenIdentity(id_number=OWNER, full_name="PHẠM THỊ THỬ"), IdentitySource.QR
        )
    assert shown.args == [1] and panel.offers.count() == 1
    assert "/20" in panel.offers.item(0).text()  # the date it was digitised
    assert not panel.offers.item(0).icon().isNull()  # the preview

    panel.offers.setCurrentRow(0)
    assert panel.attach_button.isEnabled()
    with qtbot.waitSignal(panel.reuse_chosen, timeout=10_000) as chosen:
        panel.attach_button.click()
    code = procedure.components[0].code
    assert chosen.args == [code]
    component = panel.model.walk_in.component(code)
    assert component.status is ComponentStatus.REUSED
    assert component.reused is not None and component.reused.path == str(kept)
    draft = panel.model.walk_in.draft()
    assert draft.components[0].file_path == str(kept)
    assert draft.components[0].status is ComponentStatus.REUSED


def test_capturing_from_the_simulated_scanner_adds_pages(
    panel: CapturePanel, qtbot: QtBot, data_dir: Path
) -> None:
    panel.model.choose_procedure(_procedure(data_dir))
    panel.on_sources_listed([])
    panel.sources_requested.emit()
    qtbot.waitUntil(lambda: panel.source.count() > 0, timeout=10_000)
    panel.source.setCurrentIndex(panel.source.findData("simulated"))
    with qtbot.waitSignal(panel.pages_captured, timeout=20_000) as captured:
        panel.capture_action.trigger()
    assert captured.args[1] == 1
