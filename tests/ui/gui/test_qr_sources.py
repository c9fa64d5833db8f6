"""Scanner guns in the main window: keyboard-wedge bursts and a serial gun on a pty."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from hardware.camera.simulated import render_qr_scene
from reception.identity.citizen import IdentitySource
from reception.intake.qr_payload import format_qr_payload
from reception.workstation.config import Config
from tests.generators.synthetic_people import synthetic_people
from tests.ui.gui.conftest import window_running
from ui.gui.app import RunningApp

# Bytes that CP1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D; "Đ" has 0x90) become
# control characters no keyboard types, so mojibake of such names cannot be repaired: the
# person of these tests has a name without them.
PERSON = next(
    p
    for p in synthetic_people(40, seed=21)
    if not set(p.full_name.encode()) & {0x81, 0x8D, 0x8F, 0x90, 0x9D}
)
PAYLOAD = format_qr_payload(PERSON)
SCANNER_GAP = 0.004  # seconds between a gun's keystrokes
PERSON_GAP = 0.15  # between a clerk's


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Warnings the window would show in a modal box (which would block the test forever,
    e.g. a device or service failure reported late by another test's worker)."""
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.gui.main_window.QMessageBox.warning",
        lambda _parent, _title, text: shown.append(text),
    )
    return shown


@pytest.fixture
def running(
    qtbot: QtBot, qapp: QApplication, example_config: Config, data_dir: Path, clock: FakeClock
) -> Iterator[RunningApp]:
    with window_running(qtbot, qapp, example_config, data_dir, active=True) as app:
        app.window.wedge.set_clock(clock)
        yield app


def type_text(target: QWidget, text: str, clock: FakeClock, gap: float, enter: bool) -> None:
    """Key events with text, as a keyboard (or a gun pretending to be one) sends them.

    QTest.keyClicks cannot send Vietnamese letters, so the events are built here.
    """
    for char in text:
        clock.now += gap
        key = ord(char.upper()) if char.isascii() and char.isalnum() else Qt.Key.Key_unknown
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, char)
        QApplication.sendEvent(QApplication.focusWidget() or target, event)
    if enter:
        clock.now += gap
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(QApplication.focusWidget() or target, event)


def field(app: RunningApp, name: str) -> str:
    edit = app.window.applicant.findChild(QLineEdit, name)
    assert edit is not None
    return edit.text()


def test_a_wedge_burst_fills_the_panel_wherever_the_focus_is(
    running: RunningApp, qtbot: QtBot, clock: FakeClock
) -> None:
    search = running.window.picker.search
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    with qtbot.waitSignal(running.window.qr_read, timeout=10_000) as read:
        type_text(search, PAYLOAD, clock, SCANNER_GAP, enter=True)
    assert read.args is not None and read.args[0].raw == PAYLOAD
    assert field(running, "id_number") == PERSON.id_number
    assert field(running, "full_name") == PERSON.full_name
    assert running.window.applicant.source_of("full_name") is IdentitySource.QR
    # The burst never reached the search field it was typed into.
    assert search.text() == ""
    assert running.window.wedge.holding == 0


def test_a_person_typing_is_not_taken_for_a_scanner(
    running: RunningApp, qtbot: QtBot, clock: FakeClock
) -> None:
    name = running.window.applicant.findChild(QLineEdit, "full_name")
    assert name is not None
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    with qtbot.assertNotEmitted(running.window.qr_read):
        type_text(name, "TRẦN VĂN BÌNH", clock, PERSON_GAP, enter=True)
    assert name.text() == "TRẦN VĂN BÌNH"
    # A quick but short burst (a clerk's rollover) is given back to the field too.
    name.clear()
    type_text(name, "ab", clock, SCANNER_GAP, enter=False)
    assert name.text() == "" and running.window.wedge.holding == 2
    clock.now += 1.0
    running.window.wedge.flush_stale()
    assert name.text() == "ab"


def test_garbled_vietnamese_is_repaired_or_flagged_and_the_reliable_fields_kept(
    running: RunningApp, qtbot: QtBot, clock: FakeClock
) -> None:
    # A wedge that typed UTF-8 through a Windows code page, and lost one letter outright.
    mojibake = PAYLOAD.encode("utf-8").decode("cp1252", errors="replace")
    fields = mojibake.split("|")
    fields[5] = "S? 1 L? L?i, H? N?i"  # the address is beyond repair
    garbled = "|".join(fields)
    running.window.picker.search.setFocus()
    with qtbot.waitSignal(running.window.qr_read, timeout=10_000):
        type_text(running.window.picker.search, garbled, clock, SCANNER_GAP, enter=True)
    assert field(running, "id_number") == PERSON.id_number
    assert field(running, "full_name") == PERSON.full_name  # repaired
    note = running.window.applicant.warnings.text()
    assert note.startswith("Máy quét đã gõ sai chữ tiếng Việt. Đã tự sửa: họ và tên, giới tính.")
    assert "Kiểm tra và gõ lại: nơi thường trú." in note
    assert "sex_unrecognised" not in note  # the repair recovered it


def test_text_that_is_not_an_id_card_qr_fills_nothing(
    running: RunningApp, qtbot: QtBot, clock: FakeClock
) -> None:
    running.window.picker.search.setFocus()
    with qtbot.assertNotEmitted(running.window.qr_read):
        type_text(
            running.window.picker.search, "https://dichvucong.gov.vn/", clock, SCANNER_GAP, True
        )
    assert field(running, "id_number") == ""
    assert running.window.applicant.raw_payload.toPlainText() == "https://dichvucong.gov.vn/"


def test_a_serial_gun_fills_the_panel(
    qtbot: QtBot, qapp: QApplication, example_config: Config, data_dir: Path
) -> None:
    pytest.importorskip("termios", reason="pseudo-terminals are POSIX")
    from hardware.scanner_gun.simulated import PtyScannerGunSimulator

    gun = PtyScannerGunSimulator()
    devices = dataclasses.replace(example_config.devices, scanner_gun_port=gun.port)
    config = dataclasses.replace(example_config, devices=devices)
    try:
        with window_running(qtbot, qapp, config, data_dir, active=True) as app:
            assert app.devices.scanner_gun is not None
            with qtbot.waitSignal(app.window.qr_read, timeout=10_000) as read:
                gun.send(PAYLOAD)
            assert read.args is not None and read.args[0].raw == PAYLOAD
            assert field(app, "full_name") == PERSON.full_name
            # The payload parsed cleanly (the identity checks may still warn: the bundled
            # person's card names a district abolished in 2025).
            assert read.args[0].warnings == ()
    finally:
        gun.close()


def test_the_simulated_camera_fills_the_panel_and_closes_after_the_read(
    running: RunningApp, qtbot: QtBot
) -> None:
    person = running.devices.simulated_person
    assert person is not None
    window = running.window
    with qtbot.waitSignal(window.qr_read, timeout=10_000):
        window.scan_action.trigger()
    assert field(running, "id_number") == person.id_number
    assert field(running, "full_name") == person.full_name
    # The worker stops on the payload and gives the camera back: scanning is offered again.
    qtbot.waitUntil(window.scan_action.isEnabled, timeout=10_000)


def test_a_photo_of_the_card_fills_the_panel(
    running: RunningApp, qtbot: QtBot, tmp_path: Path
) -> None:
    photo = tmp_path / "ảnh thẻ.jpg"
    ok, data = cv2.imencode(".jpg", render_qr_scene(PAYLOAD))
    assert ok
    photo.write_bytes(data.tobytes())
    with qtbot.waitSignal(running.window.qr_read, timeout=10_000):
        running.window.read_qr_file(photo)
    assert field(running, "full_name") == PERSON.full_name
    qtbot.waitUntil(running.window.qr_file_action.isEnabled, timeout=10_000)


def test_an_unreadable_file_is_a_message_not_a_crash(
    running: RunningApp, qtbot: QtBot, tmp_path: Path, warnings_shown: list[str]
) -> None:
    broken = tmp_path / "hỏng.pdf"
    broken.write_bytes(b"%PDF-1.7 broken")
    running.window.read_qr_file(broken)
    message = "Không đọc được tệp này như một ảnh hoặc một tệp PDF."
    qtbot.waitUntil(lambda: message in warnings_shown, timeout=10_000)
    assert field(running, "id_number") == ""
