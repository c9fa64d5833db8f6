"""Noticing that nobody has touched the window for a while.

:class:`IdleWatcher` filters the application's input events (keys, mouse, wheel, touch)
and reports ``idle_reached`` once when the last of them is older than the timeout. Time
comes from an injectable clock and the check is a slot, so a test advances a fake clock
and calls :meth:`IdleWatcher.check` instead of waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot

CHECK_INTERVAL_MS = 5_000

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle_reached`` after ``timeout_seconds`` without input (then waits for
    :meth:`reset`, so a locked window is not locked again and again)."""

    idle_reached = Signal()

    def __init__(
        self,
        timeout_seconds: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._timeout = timeout_seconds
        self._clock = clock
        self._last_activity = clock()
        self._armed = True
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)

    @property
    def timeout_seconds(self) -> float:
        return self._timeout

    def start(self) -> None:
        """Start checking every few seconds (the production setting)."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _ACTIVITY:
            self._last_activity = self._clock()
        return False  # only watching: every event goes on to its widget

    def note_activity(self) -> None:
        self._last_activity = self._clock()

    @Slot()
    def check(self) -> None:
        """Emit ``idle_reached`` if the timeout has passed since the last input."""
        if self._armed and self._clock() - self._last_activity >= self._timeout:
            self._armed = False
            self.idle_reached.emit()

    def reset(self) -> None:
        """Count from now again (after the clerk signed back in)."""
        self._last_activity = self._clock()
        self._armed = True
