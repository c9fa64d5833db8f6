"""Keyboard-wedge scanner guns: tell a scanner's burst of keystrokes from a person typing.

A wedge scanner "types" the QR payload and presses Enter, a few milliseconds per key;
people leave 60 ms or more between keys, and never keep under the limit for a dozen keys.
The filter sits on the application, so a scan is recognised wherever the focus is in the
watched window, without the clerk clicking a field first. Printable keys are held back
while they arrive faster than a person types; a burst ending in Enter becomes
:attr:`KeyboardWedgeFilter.burst_scanned`, anything else is replayed to the widget it was
meant for, in order (a held key waits at most ``max_gap`` before it is replayed).

Guns type as keyboards do: Shift (or AltGr) pressed and released around capitals and
``|``, key releases after every press, dead keys before an accented letter, the same key
several times, and under an input method (Telex, VNI) text committed by the input method
rather than key presses. Inside a burst none of these break it or reach the focused
widget: modifier and dead keys only keep the burst alive, releases of held keys are
swallowed with them, and committed input-method text is held like typed text.
"""

from __future__ import annotations

import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

#: Seconds; scanner guns type at 1–30 ms per key, fast typists at 60 ms and more.
MAX_KEY_GAP = 0.05
#: A CCCD payload has about 100 characters; a dozen is long enough to rule out a person.
MIN_BURST_CHARS = 12

Clock = Callable[[], float]


_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_Hyper_L,
        Qt.Key.Key_Hyper_R,
        Qt.Key.Key_Mode_switch,
    }
)
_ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})


def _is_dead_key(key: int) -> bool:
    """Dead keys (an accent typed before its letter) carry no text of their own."""
    return int(Qt.Key.Key_Dead_Grave) <= key <= int(Qt.Key.Key_Dead_Longsolidusoverlay)


def _is_shortcut(modifiers: Qt.KeyboardModifier) -> bool:
    """Control/Alt/Meta make a shortcut, except Control+Alt together: AltGr on Windows."""
    control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
    alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
    meta = bool(modifiers & Qt.KeyboardModifier.MetaModifier)
    return meta or (control != alt)


@dataclass(frozen=True, slots=True)
class _HeldKey:
    """A held keystroke, or text an input method committed (``key`` is then None)."""

    receiver: QObject
    key: int | None
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
        self._last = 0.0  # the last key event of the burst in progress, modifiers included
        # Releases still to come of presses this filter took: they must not leak either.
        self._releases_due: Counter[int] = Counter()
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
        kind = event.type()
        if self._replaying or kind not in (
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
            QEvent.Type.InputMethod,
        ):
            return False
        if not self._is_for_window(watched):
            return False
        now = self._clock()
        if self._held and now - self._last > self._max_gap:
            self.flush()
        if kind == QEvent.Type.InputMethod:
            assert isinstance(event, QInputMethodEvent)
            return self._on_input_method(watched, event, now)
        assert isinstance(event, QKeyEvent)
        if kind == QEvent.Type.KeyRelease:
            return self._on_release(event, now)
        return self._on_press(watched, event, now)

    def _on_press(self, watched: QObject, event: QKeyEvent, now: float) -> bool:
        key = event.key()
        if key in _MODIFIER_KEYS or _is_dead_key(key):
            # Shift around a capital, AltGr, an accent's dead key: part of the burst if
            # one is in progress; otherwise the widget gets them (they type nothing).
            if self._held:
                self._last = now
                self._releases_due[key] += 1
                return True
            return False
        if key in _ENTER_KEYS:
            return self._on_enter(key)
        text = event.text()
        # Control characters (Tab, Escape, Backspace) are the clerk's; anything else,
        # even a no-break space from a gun's odd keyboard layout, may be part of a code.
        if (
            not text
            or any(unicodedata.category(c).startswith("C") for c in text)
            or _is_shortcut(event.modifiers())
        ):
            self.flush()
            return False
        self._hold(_HeldKey(watched, key, event.modifiers(), text, now))
        self._releases_due[key] += 1
        return True

    def _on_release(self, event: QKeyEvent, now: float) -> bool:
        key = event.key()
        if self._releases_due[key] > 0:
            self._releases_due[key] -= 1
            if self._held:
                self._last = now
            return True
        if self._held and (key in _MODIFIER_KEYS or _is_dead_key(key)):
            self._last = now  # a modifier pressed just before the burst began
            return True
        return False

    def _on_input_method(self, watched: QObject, event: QInputMethodEvent, now: float) -> bool:
        committed = event.commitString()
        if committed and not any(unicodedata.category(c).startswith("C") for c in committed):
            self._hold(_HeldKey(watched, None, Qt.KeyboardModifier.NoModifier, committed, now))
            return True
        if self._held:  # a preedit update inside a burst: the composition is held too
            self._last = now
            return True
        return False

    def _hold(self, held: _HeldKey) -> None:
        self._held.append(held)
        self._last = held.time
        self._timer.start(int(self._max_gap * 1000) + 1)

    def _is_for_window(self, watched: QObject) -> bool:
        # Act once per keystroke: on its first receiver (the focus widget), not again on
        # the parents it propagates to when that widget ignores it.
        focus = QApplication.focusWidget()
        target = focus if focus is not None else QApplication.activeWindow()
        if watched is not target or not isinstance(watched, QWidget):
            return False
        # The window itself, or a dialog it owns (the receipt's preview left open when the
        # next citizen's card is scanned).
        window: QWidget | None = watched.window()
        while window is not None:
            if window is self._window:
                return True
            parent = window.parentWidget()
            window = parent.window() if parent is not None else None
        return False

    def _chars(self) -> int:
        return sum(len(key.text) for key in self._held)

    def _on_enter(self, key: int) -> bool:
        text = "".join(key.text for key in self._held)
        if self._chars() >= self._min_chars:
            self._held.clear()
            self._timer.stop()
            self._releases_due[key] += 1
            self.burst_scanned.emit(text)
            return True
        self.flush()
        return False

    def flush_stale(self) -> None:
        """Replay held keys once the clock says no scanner key can follow any more."""
        if self._held and self._clock() - self._last > self._max_gap:
            self.flush()
        elif self._held:
            self._timer.start(int(self._max_gap * 1000) + 1)

    def flush(self) -> None:
        """Replay every held key to its widget, in order: a person typed them."""
        held, self._held = self._held, []
        self._timer.stop()
        # The releases of replayed keys reach the widget again as the keyboard sends them.
        self._releases_due.clear()
        self._replaying = True
        try:
            for key in held:
                if not shiboken6.isValid(key.receiver):
                    continue
                if key.key is None:
                    commit = QInputMethodEvent()
                    commit.setCommitString(key.text)
                    QApplication.sendEvent(key.receiver, commit)
                    continue
                press = QKeyEvent(QEvent.Type.KeyPress, key.key, key.modifiers, key.text)
                QApplication.sendEvent(key.receiver, press)
        finally:
            self._replaying = False
