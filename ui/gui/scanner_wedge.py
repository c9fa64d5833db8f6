"""Keyboard-wedge scanner guns: tell a scanner's burst of keystrokes from a person typing.

A wedge scanner "types" the QR payload and presses Enter, a few milliseconds per key;
people leave 60 ms or more between keys, and never keep under the limit for a dozen keys.
The filter sits on the application, so a scan is recognised wherever the focus is in the
watched window, without the clerk clicking a field first. Printable keys are held back
while they arrive faster than a person types; a burst ending in Enter becomes
:attr:`KeyboardWedgeFilter.burst_scanned`, anything else is replayed to the widget it was
meant for, in order (a held key waits at most ``max_gap`` before it is replayed).
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

#: Seconds; scanner guns type at 1–30 ms per key, fast typists at 60 ms and more.
MAX_KEY_GAP = 0.05
#: A CCCD payload has about 100 characters; a dozen is long enough to rule out a person.
MIN_BURST_CHARS = 12

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class _HeldKey:
    receiver: QObject
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    time: float


class KeyboardWedgeFilter(QObject):
    """An application event filter that turns scanner bursts into :attr:`burst_scanned`."""

    burst_scanned = Signal(str)

    def __init__(
        self,
        window: QWidget,
        *,
        clock: Clock = time.monotonic,
        max_gap: float = MAX_KEY_GAP,
        min_chars: int = MIN_BURST_CHARS,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._clock = clock
        self._max_gap = max_gap
        self._min_chars = min_chars
        self._held: list[_HeldKey] = []
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush_stale)

    def set_clock(self, clock: Clock) -> None:
        """Replace the clock (tests drive time by hand)."""
        self._clock = clock

    @property
    def holding(self) -> int:
        """How many keystrokes are held back now."""
        return len(self._held)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if not self._is_for_window(watched):
            return False
        now = self._clock()
        if self._held and now - self._held[-1].time > self._max_gap:
            self.flush()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._on_enter()
        text = event.text()
        shortcut = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        # Control characters (Tab, Escape, Backspace) are the clerk's; anything else,
        # even a no-break space from a gun's odd keyboard layout, may be part of a code.
        if not text or any(unicodedata.category(c).startswith("C") for c in text) or shortcut:
            self.flush()
            return False
        self._held.append(_HeldKey(watched, event.key(), event.modifiers(), text, now))
        self._timer.start(int(self._max_gap * 1000) + 1)
        return True

    def _is_for_window(self, watched: QObject) -> bool:
        # Act once per keystroke: on its first receiver (the focus widget), not again on
        # the parents it propagates to when that widget ignores it.
        focus = QApplication.focusWidget()
        target = focus if focus is not None else QApplication.activeWindow()
        if watched is not target or not isinstance(watched, QWidget):
            return False
        return watched.window() is self._window

    def _on_enter(self) -> bool:
        text = "".join(key.text for key in self._held)
        if len(self._held) >= self._min_chars:
            self._held.clear()
            self._timer.stop()
            self.burst_scanned.emit(text)
            return True
        self.flush()
        return False

    def flush_stale(self) -> None:
        """Replay held keys once the clock says no scanner key can follow any more."""
        if self._held and self._clock() - self._held[-1].time > self._max_gap:
            self.flush()
        elif self._held:
            self._timer.start(int(self._max_gap * 1000) + 1)

    def flush(self) -> None:
        """Replay every held key to its widget, in order: a person typed them."""
        held, self._held = self._held, []
        self._timer.stop()
        self._replaying = True
        try:
            for key in held:
                if not shiboken6.isValid(key.receiver):
                    continue
                press = QKeyEvent(QEvent.Type.KeyPress, key.key, key.modifiers, key.text)
                QApplication.sendEvent(key.receiver, press)
        finally:
            self._replaying = False
