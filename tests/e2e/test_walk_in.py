"""``make e2e``: two walk-ins through the real window, offscreen, on the simulated devices.

The clerk is played by key presses and clicks sent with QTest to the window (no internal
calls): walk-in 1 by the camera's QR and the chip, walk-in 2 by a scanner-gun burst (as
a wedge gun types it: Shift around capitals and ``|``, 2-8 ms apart on the filter's
injectable clock). Each digitises two components, saves, gets its receipt as a PDF and
is uploaded to the development server (``RECEPTION_E2E_SERVER=URL`` for another one,
with ``RECEPTION_SERVER_USERNAME`` / ``RECEPTION_SERVER_PASSWORD``).

``RECEPTION_E2E_OUT=DIR`` keeps one PNG per step and ``summary.json`` there (and the data
folder, so that the files the summary names stay).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import random
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from reception.dossiers.store import ComponentStatus, Dossier
from reception.intake.qr_payload import format_qr_payload
from reception.storage.database import open_database
from reception.storage.document_vault import read_document
from reception.workstation.config import Config
from tests.generators.synthetic_people import synthetic_people
from ui.gui.app import RunningApp, start_app
from ui.gui.clerk_settings import ClerkSettings, ReceiptOutput
from ui.simulation.devserver.server import DevServer

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.timeout(900),
    # The offscreen platform says so whenever a dock or menu window is shown: not ours.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

SAVE_TIMEOUT_MS = 300_000  # two PDFs with OCR on a busy two-core machine
UPLOAD_TIMEOUT_MS = 120_000
CLERK_PACE = 0.3  # seconds between a clerk's keys, on the wedge filter's clock


class FakeClock:
    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now


class Clerk:
    """Key presses and clicks sent to the window, counted as the clerk's actions."""

    def __init__(self, running: RunningApp, clock: FakeClock, out: Path | None) -> None:
        self.window = running.window
        self.clock = clock
        self.actions = 0
        self._out = out
        self._step = 0

    def _target(self) -> Any:
        return QApplication.focusWidget() or self.window

    def key(
        self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.clock.now += CLERK_PACE
        QTest.keyClick(self._target(), key, modifiers)
        self.actions += 1

    def type(self, text: str) -> None:
        for char in text:
            self.clock.now += CLERK_PACE
            QTest.keyClick(self._target(), char)
            self.actions += 1

    def snapshot(self, name: str) -> None:
        if self._out is None:
            return
        QApplication.processEvents()
        self._step += 1
        self.window.grab().save(str(self._out / f"{self._step:02d}-{name}.png"))


def gun_burst(clock: FakeClock, payload: str, seed: int = 3) -> None:
    """A keyboard-wedge gun typing ``payload`` and Enter into the focused widget."""
    rng = random.Random(seed)
    shift = Qt.KeyboardModifier.ShiftModifier

    def send(kind: QEvent.Type, key: int, mods: Qt.KeyboardModifier, text: str = "") -> None:
        clock.now += rng.uniform(0.002, 0.008)
        target = QApplication.focusWidget() or QApplication.activeWindow()
        assert target is not None
        QApplication.sendEvent(target, QKeyEvent(kind, key, mods, text))

    for char in [*payload, "\r"]:
        if char == "\r":
            key, shifted = int(Qt.Key.Key_Return), False
        elif char == "|":
            key, shifted = int(Qt.Key.Key_Bar), True
        elif char.isascii() and char.isalnum():
            key, shifted = ord(char.upper()), char.isupper()
        else:
            key, shifted = int(Qt.Key.Key_unknown), char.isupper()
        if shifted:
            send(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
        mods = shift if shifted else Qt.KeyboardModifier.NoModifier
        send(QEvent.Type.KeyPress, key, mods, char)
        send(QEvent.Type.KeyRelease, key, mods, char)
        if shifted:
            send(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, shift)


@pytest.fixture
def out_dir() -> Path | None:
    value = os.environ.get("RECEPTION_E2E_OUT")
    if not value:
        return None
    path = Path(value)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DevServer | None]:
    """The development server on 127.0.0.1, unless RECEPTION_E2E_SERVER names another."""
    if os.environ.get("RECEPTION_E2E_SERVER"):
        yield None
        return
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("RECEPTION_SERVER_USERNAME", "demo")
    monkeypatch.setenv("RECEPTION_SERVER_PASSWORD", "demo")
    dev = DevServer(tmp_path / "server").start()
    yield dev
    dev.stop()


@pytest.fixture
def running(  # noqa: PLR0917
    qtbot: QtBot,
    qapp: QApplication,
    example_config: Config,
    tmp_path: Path,
    out_dir: Path | None,
    server: DevServer | None,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[RunningApp]:
    data_dir = (out_dir / "data") if out_dir is not None else tmp_path / "data"
    if data_dir.exists():
        shutil.rmtree(data_dir)
    monkeypatch.setenv("RECEPTION_DATA_DIR", str(data_dir))
    url = server.url if server is not None else os.environ["RECEPTION_E2E_SERVER"]
    config = dataclasses.replace(
        example_config, server=dataclasses.replace(example_config.server, url=url)
    )
    settings = ClerkSettings(data_dir)
    settings.receipt_output = ReceiptOutput.PDF
    settings.receipt_folder = (out_dir or tmp_path) / "receipts"
    settings.receipt_folder.mkdir(parents=True, exist_ok=True)
    app = start_app(qapp, config, data_dir, simulate=True, settings=settings)
    qtbot.addWidget(app.window)
    app.window.show()
    app.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is app.window)
    qtbot.waitUntil(lambda: app.window.capture.source.count() > 0, timeout=10_000)
    yield app
    app.shutdown()
    for translator in app.translators:
        QCoreApplication.removeTranslator(translator)


def _capture_two_and_save(clerk: Clerk, qtbot: QtBot) -> tuple[Dossier, str]:
    """Enter takes the first match, F4 twice captures two components, Ctrl+S saves."""
    window = clerk.window
    clerk.key(Qt.Key.Key_Return)
    assert window.model.walk_in.procedure is not None
    assert window.components.items.hasFocus()  # focus moved on by itself
    clerk.snapshot("procedure")
    for _ in range(2):
        with qtbot.waitSignal(window.capture.pages_captured, timeout=60_000):
            clerk.key(Qt.Key.Key_F4)
    clerk.snapshot("captured")
    with (
        qtbot.waitSignal(window.dossier_saved, timeout=SAVE_TIMEOUT_MS) as saved,
        qtbot.waitSignal(window.receipts.receipt_written, timeout=SAVE_TIMEOUT_MS) as written,
    ):
        clerk.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    clerk.snapshot("saved")
    dossier = saved.args[0]
    assert isinstance(dossier, Dossier)
    return dossier, str(written.args[0])


def _receipt_text(path: str) -> str:
    result = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())


def _assert_digitised(dossier: Dossier) -> list[dict[str, Any]]:
    """Two components digitised, each with its PDF named by the code and its SHA-256."""
    listed = []
    digitised = [c for c in dossier.components if c.status is ComponentStatus.DIGITISED]
    assert len(digitised) == 2
    for component in dossier.components:
        if component.status is ComponentStatus.NOT_RECEIVED:
            continue
        if component.status is ComponentStatus.DIGITISED:
            path = Path(str(component.file_path))
            assert path.name.startswith(f"{dossier.code}_{component.code}_")
            # Kept sealed on this computer; its SHA-256 is the PDF's (sent plain).
            assert path.read_bytes()[:5] != b"%PDF-"
            assert component.file_sha256 == hashlib.sha256(read_document(path)).hexdigest()
        status = {
            ComponentStatus.PAPER: "paper",
            ComponentStatus.DIGITISED: "digitised",
            ComponentStatus.REUSED: "reused",
        }[component.status]
        listed.append(
            {
                "code": component.code,
                "status": "shown" if component.shown_only else status,
                "file": component.file_path,
                "sha256": component.file_sha256,
            }
        )
    return listed


def _assert_uploaded(
    running: RunningApp, server: DevServer | None, dossier: Dossier, qtbot: QtBot
) -> None:
    """The server holds the dossier with every component file (same SHA-256) listed."""
    files = {c.code: c.file_sha256 for c in dossier.components if c.file_path is not None}
    data_dir = Path(os.environ["RECEPTION_DATA_DIR"])
    db = open_database(data_dir / "reception.sqlite3")
    try:

        def sent() -> bool:
            row = db.execute(
                "SELECT state FROM upload_jobs WHERE dossier_code = ?", [dossier.code]
            ).fetchone()
            return row is not None and row[0] == "sent"

        qtbot.waitUntil(sent, timeout=UPLOAD_TIMEOUT_MS)
        local = {
            str(row[0]): str(row[1])
            for row in db.execute(
                "SELECT component_code, sha256 FROM upload_files WHERE dossier_code = ?"
                " AND file_id IS NOT NULL",
                [dossier.code],
            ).fetchall()
        }
    finally:
        db.conn.close()
    assert local == files
    if server is None:
        return  # another server: its confirmation (state "sent") is what we can see
    assert dossier.code in server.store.dossier_codes()
    listed = {
        d["MaThanhPhanHoSo"]: d["TepDinhKemId"]
        for d in server.store.record(dossier.code)["TaiLieuNop"]
    }
    assert listed == files
    for sha in files.values():
        held = server.store.files / str(sha)
        assert hashlib.sha256(held.read_bytes()).hexdigest() == sha


def test_two_walk_ins_reach_the_server_with_their_scans(
    running: RunningApp,
    qtbot: QtBot,
    server: DevServer | None,
    out_dir: Path | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = running.window
    clock = FakeClock()
    window.wedge.set_clock(clock)
    # A modal box would stall the walk-in: any warning fails the test instead.
    monkeypatch.setattr(
        "ui.gui.main_window.QMessageBox.warning",
        lambda _p, _t, text: pytest.fail(f"warning shown: {text}"),
    )
    clerk = Clerk(running, clock, out_dir)
    clerk.snapshot("start")
    summary: dict[str, Any] = {"actions": 0, "dossiers": []}

    # Walk-in 1: the citizen shows the card's QR to the camera, then lays the card down.
    reading = running.card_reading
    assert reading is not None
    with qtbot.waitSignal(window.qr_read, timeout=20_000):
        clerk.key(Qt.Key.Key_F2)
    assert window.picker.search.hasFocus()  # focus moved to the procedure by itself
    clerk.snapshot("qr-read")
    with qtbot.waitSignal(reading.result_shown, timeout=60_000):
        clerk.key(Qt.Key.Key_F9)  # the simulated card laid on the reader
    clerk.snapshot("chip-read")
    clerk.type("kh")  # a few letters, no accents: "khai sinh" comes first
    first, receipt = _capture_two_and_save(clerk, qtbot)
    summary["actions"] = clerk.actions
    text = _receipt_text(receipt)
    assert first.code in text and "điện tử" in text
    summary["dossiers"].append(
        {"code": first.code, "receipt_pdf": receipt, "components": _assert_digitised(first)}
    )

    # The next citizen starts from nothing of the first.
    edits = [e for e in window.applicant.findChildren(QLineEdit) if e.text()]
    assert edits == []
    assert window.model.walk_in.identity is None and window.model.walk_in.pages_captured == 0
    assert window.camera_view.pixmap().isNull()
    assert reading.panel.photo.pixmap().isNull()
    assert "background" not in reading.panel.verdict.styleSheet()  # no verdict banner
    assert reading.panel.details.text() == ""
    assert window.capture.pages.count() == 0 and window.capture.offers.count() == 0
    assert window.components.items.count() == 0 and window.picker.search.text() == ""
    clerk.snapshot("new-citizen")

    # Walk-in 2: a scanner gun reads another citizen's QR while the focus is anywhere.
    other = next(
        p for p in synthetic_people(20, seed=5) if p.id_number != first.applicant.identity.id_number
    )
    with qtbot.waitSignal(window.qr_read, timeout=10_000):
        gun_burst(clock, format_qr_payload(other))
    assert window.applicant.field_text("id_number") == other.id_number
    assert window.picker.search.hasFocus() and window.picker.search.text() == ""
    clerk.snapshot("gun-read")
    clerk.type("kh")
    second, receipt = _capture_two_and_save(clerk, qtbot)
    assert second.applicant.identity.id_number == other.id_number
    text = _receipt_text(receipt)
    assert second.code in text and "điện tử" in text
    assert first.applicant.identity.full_name not in text
    summary["dossiers"].append(
        {"code": second.code, "receipt_pdf": receipt, "components": _assert_digitised(second)}
    )

    for dossier in (first, second):
        _assert_uploaded(running, server, dossier, qtbot)
    clerk.snapshot("uploaded")
    assert summary["actions"] <= 8
    if out_dir is not None:
        (out_dir / "summary.json").write_text(
            json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8"
        )
