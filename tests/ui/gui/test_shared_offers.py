"""The province's shared store in the window's offers: listed after a read with date and
signer, attached in one action as reused (its SHA-256 checked); offline, a one-line note.

The first counter puts a component in the development server's store through the command
line (digitize, then queue drain); the second is the capture panel with its service.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt, QThread
from pytestqt.qtbot import QtBot

from reception.digitising.reuse_store import StoredComponent
from reception.dossiers.store import ComponentStatus
from reception.identity.citizen import CitizenIdentity, IdentitySource
from reception.procedures.catalogue import load_active_catalogue
from reception.storage.document_vault import read_document
from reception.upload.shared_store import SharedComponent
from reception.workstation.config import Config
from tests.generators.pages import gray, text_page
from tests.ui.gui.test_capture_panel import _keep_a_component
from ui.cli import main
from ui.composition import shared_store
from ui.gui.capture_panel import CapturePanel, connect_service
from ui.gui.digitising_service import DigitisingService
from ui.gui.shared_offers import NOTE, SharedOffers
from ui.gui.walk_in_model import WalkInModel
from ui.simulation.devserver.server import DevServer

OWNER = "001099000123"


def _upload_from_the_first_counter(
    tmp_path: Path, server: DevServer, capsys: pytest.CaptureFixture[str]
) -> str:
    page = tmp_path / "p1.png"
    Image.fromarray(gray(text_page(dpi=150))).save(page, dpi=(150, 150))
    first = ["--data-dir", str(tmp_path / "counter1")]
    made = main(
        [*first, "digitize", str(page), "--component", "TP1", "--out", str(tmp_path / "a.pdf"),
         "--owner", OWNER, "--no-ocr", "--json"]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert made == 0, err
    sha256 = str(json.loads(out)["sha256"])
    drained = main([*first, "queue", "drain", "--server", server.url, "--until-empty"])
    assert drained == 0, capsys.readouterr().err
    return sha256


class _Counter:
    def __init__(self, panel: CapturePanel, offers: SharedOffers) -> None:
        self.panel, self.offers = panel, offers


def _second_counter(
    qtbot: QtBot, example_config: Config, url: str, data_dir: Path
) -> Iterator[_Counter]:
    config = replace(
        example_config, server=replace(example_config.server, url=url, timeout_seconds=5.0)
    )
    thread = QThread()
    service = DigitisingService(config, data_dir)
    service.moveToThread(thread)
    panel = CapturePanel(WalkInModel())
    qtbot.addWidget(panel)
    connect_service(panel, service)
    offers = SharedOffers(panel, lambda: shared_store(config))
    offers.connect_service(service)
    panel.model.choose_procedure(load_active_catalogue(data_dir).search("khai sinh")[0])
    thread.start()
    yield _Counter(panel, offers)
    thread.quit()
    thread.wait()
    service.close()


def _read_the_card(panel: CapturePanel) -> None:
    panel.model.take_identity(
        CitizenIdentity(id_number=OWNER, full_name="PHẠM THỊ THỬ"), IdentitySource.QR
    )


@pytest.fixture
def counter(
    qtbot: QtBot, example_config: Config, tmp_path: Path, server: DevServer
) -> Iterator[_Counter]:
    yield from _second_counter(qtbot, example_config, server.url, tmp_path / "counter2")


def test_a_copy_of_the_shared_store_is_offered_and_attached_as_reused(
    tmp_path: Path,
    server: DevServer,
    capsys: pytest.CaptureFixture[str],
    counter: _Counter,
    qtbot: QtBot,
) -> None:
    sha256 = _upload_from_the_first_counter(tmp_path, server, capsys)
    panel = counter.panel
    with qtbot.waitSignal(counter.offers.listed, timeout=20_000) as listed:
        _read_the_card(panel)
    assert listed.args == [OWNER, 1] and panel.offers.count() == 1
    item = panel.offers.item(0)
    shared = item.data(0x0100)
    assert isinstance(shared, SharedComponent) and shared.sha256 == sha256
    assert "/20" in item.text() and "shared store" in item.text()  # its date, its origin

    panel.offers.setCurrentRow(0)
    code = panel.model.current_component().code  # type: ignore[union-attr]
    with qtbot.waitSignal(panel.reuse_chosen, timeout=20_000) as chosen:
        panel.attach_button.click()  # one action: fetched, checked, kept, attached
    assert chosen.args == [code]
    component = panel.model.walk_in.component(code)
    assert component.status is ComponentStatus.REUSED and component.reused is not None
    kept = Path(component.reused.path)
    assert component.reused.sha256 == sha256
    assert hashlib.sha256(read_document(kept)).hexdigest() == sha256
    assert kept.is_relative_to(tmp_path / "counter2")
    actions = [(e["action"], e["outcome"]) for e in server.components.access_log()]
    assert actions == [("store", 201), ("list", 200), ("fetch", 200)]


def test_offline_the_local_offers_stay_and_one_line_says_so(
    qtbot: QtBot, example_config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    data_dir = tmp_path / "counter2"
    _keep_a_component(data_dir, load_active_catalogue(data_dir).search("khai sinh")[0])
    # The discard port: nothing answers there.
    for counter in _second_counter(qtbot, example_config, "http://127.0.0.1:9", data_dir):
        panel = counter.panel
        with qtbot.waitSignal(counter.offers.unreachable, timeout=20_000):
            _read_the_card(panel)
        assert panel.offers.count() == 2
        local, note = panel.offers.item(0), panel.offers.item(1)
        assert isinstance(local.data(0x0100), StoredComponent)  # this counter's copy stays
        assert "could not be reached" in note.text() and note.data(0x0B) == NOTE
        assert not note.flags() & Qt.ItemFlag.ItemIsSelectable  # a note, not an offer
