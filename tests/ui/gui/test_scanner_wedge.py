"""Keyboard-wedge bursts as real guns send them: Shift and AltGr presses and releases,
dead keys, repeated keys, input-method commits (Telex, VNI), 2-8 ms apart on a fake clock.

Each test sends the QKeyEvent / QInputMethodEvent sequence a gun produces to the focused
field of a bare window and checks that the burst is recognised whole, and that nothing
of it (press, release or text) reaches the field.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMainWindow
from pytestqt.qtbot import QtBot

from reception.intake.qr_payload import parse_qr_payload
from ui.gui.scanner_wedge import KeyboardWedgeFilter

PAYLOAD = "001099012345|187654321|Nguyễn Thị Hương|15081999|Nữ|Số 1 Lê Lợi, Hà Nội|20082021"
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
# US layout: which characters need Shift, and the Qt key of each.
_SHIFTED = {"|": Qt.Key.Key_Bar, ",": Qt.Key.Key_Comma}


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Recorder(QObject):
    """What reaches the focused field after the application's filters."""

    seen: list[tuple[QEvent.Type, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # ShortcutOverride only asks whether the field wants the key: it types nothing.
        if isinstance(event, QKeyEvent) and event.type() != QEvent.Type.ShortcutOverride:
            self.seen.append((event.type(), event.text()))
        elif isinstance(event, QInputMethodEvent):
            self.seen.append((event.type(), event.commitString()))
        return False


@dataclass
class Gun:
    """Sends a gun's events to the focused widget, each 2-8 ms after the previous one."""

    clock: FakeClock
    rng: random.Random = field(default_factory=lambda: random.Random(7))

    def _send(self, event: QEvent) -> None:
        self.clock.now += self.rng.uniform(0.002, 0.008)
        target = QApplication.focusWidget()
        assert target is not None
        QApplication.sendEvent(target, event)

    def key(
        self, key: int, text: str = "", modifiers: Qt.KeyboardModifier = NONE, repeat: bool = False
    ) -> None:
        self._send(QKeyEvent(QEvent.Type.KeyPress, key, modifiers, text, repeat))
        self._send(QKeyEvent(QEvent.Type.KeyRelease, key, modifiers, text, repeat))

    def shifted(self, key: int, text: str) -> None:
        self._send(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, NONE))
        self.key(key, text, SHIFT)
        self._send(QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, SHIFT))

    def commit(self, text: str, preedits: list[str]) -> None:
        """An input method composing ``text``: preedit updates, then the commit."""
        for preedit in preedits:
            self._send(QInputMethodEvent(preedit, []))
        commit = QInputMethodEvent()
        commit.setCommitString(text)
        self._send(commit)

    def enter(self) -> None:
        self.key(Qt.Key.Key_Return, "\r")

    def type_us(self, text: str) -> None:
        """A US layout in Unicode mode: Shift around capitals and | , the rest plain."""
        for char in text:
            if char in _SHIFTED:
                self.shifted(_SHIFTED[char], char)
            elif char.isascii() and char.isupper():
                self.shifted(ord(char), char)
            elif char.isascii() and char.isalnum():
                self.key(ord(char.upper()), char)
            elif char == " ":
                self.key(Qt.Key.Key_Space, " ")
            elif char.isupper():  # a capital Vietnamese letter: Shift too
                self.shifted(Qt.Key.Key_unknown, char)
            else:
                self.key(Qt.Key.Key_unknown, char)


@pytest.fixture
def bench(
    qtbot: QtBot,
) -> Iterator[tuple[QLineEdit, KeyboardWedgeFilter, Recorder, Gun, list[str]]]:
    window = QMainWindow()
    edit = QLineEdit()
    window.setCentralWidget(edit)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    clock = FakeClock()
    wedge = KeyboardWedgeFilter(window, clock=clock)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(wedge)
    recorder = Recorder()
    edit.installEventFilter(recorder)
    scanned: list[str] = []
    wedge.burst_scanned.connect(scanned.append)
    yield edit, wedge, recorder, Gun(clock), scanned
    app.removeEventFilter(wedge)


def test_shift_around_capitals_and_bars_keeps_the_burst_whole(bench) -> None:  # type: ignore[no-untyped-def]
    edit, wedge, recorder, gun, scanned = bench
    gun.type_us(PAYLOAD)
    gun.enter()
    assert scanned == [PAYLOAD]
    assert parse_qr_payload(scanned[0]).identity.full_name == "Nguyễn Thị Hương"
    assert edit.text() == ""
    assert recorder.seen == []  # no press, release or Shift reached the field
    assert wedge.holding == 0


def test_dead_keys_altgr_and_repeated_keys_do_not_break_it(bench) -> None:  # type: ignore[no-untyped-def]
    edit, _wedge, recorder, gun, scanned = bench
    # Digits typed twice in a row (one of them an auto-repeat event), AltGr for the bar
    # (Control+Alt on Windows), and accented letters composed from a dead key.
    for char in "00":
        gun.key(Qt.Key.Key_0, char)
    gun.key(Qt.Key.Key_0, "0", repeat=True)
    gun.type_us("1099012345")
    gun._send(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_AltGr, NONE))
    altgr = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    gun.key(Qt.Key.Key_Bar, "|", altgr)
    gun._send(QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_AltGr, altgr))
    gun.type_us("|L")
    gun.key(Qt.Key.Key_Dead_Circumflex)
    gun.key(Qt.Key.Key_E, "ê")
    gun.type_us(" V")
    gun.key(Qt.Key.Key_Dead_Acute)
    gun.key(Qt.Key.Key_A, "á")
    gun.type_us("n|15081999|Nam|Hà Nội|20082021")
    gun.enter()
    assert scanned == ["0001099012345||Lê Ván|15081999|Nam|Hà Nội|20082021"]
    assert edit.text() == "" and recorder.seen == []


@pytest.mark.parametrize(
    ("method", "syllables"),
    [
        # Telex: the keys "Nguyeenx" compose "Nguyễn"; VNI: "Nguye64n".
        ("telex", [("Nguyễn", ["N", "Ng", "Ngu", "Nguy", "Nguye", "Nguyê", "Nguyên", "Nguyễn"])]),
        ("vni", [("Nguyễn", ["N", "Ng", "Ngu", "Nguy", "Nguye", "Nguyê", "Nguyễ", "Nguyễn"])]),
    ],
)
def test_text_committed_by_a_vietnamese_input_method_is_part_of_the_burst(  # type: ignore[no-untyped-def]
    bench, method: str, syllables: list[tuple[str, list[str]]]
) -> None:
    edit, _wedge, recorder, gun, scanned = bench
    gun.type_us("001099012345||")
    for word, preedits in syllables:
        gun.commit(word, preedits)
    gun.type_us(" Thi|15081999|Nam|Ha Noi|20082021")
    gun.enter()
    assert scanned == ["001099012345||Nguyễn Thi|15081999|Nam|Ha Noi|20082021"], method
    assert edit.text() == "" and recorder.seen == []


def test_a_person_typing_with_shift_gets_their_text(bench) -> None:  # type: ignore[no-untyped-def]
    edit, wedge, _recorder, gun, scanned = bench
    gun.rng = random.Random(1)
    for char in "Nam Lê":
        gun.clock.now += 0.15  # a person's pace
        gun.type_us(char)
    gun.clock.now += 1.0
    wedge.flush_stale()
    assert edit.text() == "Nam Lê"
    assert scanned == []


def test_a_burst_is_recognised_in_any_focused_widget_of_the_window(  # type: ignore[no-untyped-def]
    bench, qtbot: QtBot
) -> None:
    edit, _wedge, _recorder, gun, scanned = bench
    other = QLineEdit(edit.window())
    other.show()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    gun.type_us(PAYLOAD)
    gun.enter()
    assert scanned == [PAYLOAD] and other.text() == ""


def test_a_burst_into_a_dialog_of_the_window_is_recognised(bench, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    edit, _wedge, _recorder, gun, scanned = bench
    dialog = QDialog(edit.window())  # e.g. the receipt's preview, left open
    field_in_dialog = QLineEdit(dialog)
    dialog.show()
    dialog.activateWindow()
    field_in_dialog.setFocus()
    qtbot.waitUntil(field_in_dialog.hasFocus)
    gun.type_us(PAYLOAD)
    gun.enter()
    assert scanned == [PAYLOAD] and field_in_dialog.text() == ""
    dialog.close()
