"""One small helper for a blocking call made from the window: run it on Qt's thread pool,
get the answer back on the GUI thread as a signal.

For calls that need no worker of their own (a file to decode, a device to probe): the
thread, the worker object and the signal wiring are not written out again each time.
Workers that own a connection or a device for their lifetime (the database, the card
reader, the digitising service, the upload queue, the clerk accounts) stay long-lived
objects on their own threads: :func:`worker_thread` and :func:`stop_thread` are the one
way they are put there and stopped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThread, QThreadPool, Signal

from hardware.errors import HardwareError
from reception.errors import ReceptionError

# Calls in flight, kept alive until their answer has been delivered.
_in_flight: set[BlockingCall] = set()


class BlockingCall(QObject):
    """The answer of one call: :attr:`done` with its result, or :attr:`failed`."""

    done = Signal(object)
    failed = Signal(str, str)  # error code, English detail (for the log)
    finished = Signal()  # after either


class _Task(QRunnable):
    def __init__(self, call: BlockingCall, work: Callable[[], Any]) -> None:
        super().__init__()
        self._call = call
        self._work = work

    def run(self) -> None:
        try:
            result = self._work()
        except (HardwareError, ReceptionError) as exc:
            self._call.failed.emit(exc.code, str(exc))
        except OSError as exc:
            self._call.failed.emit("device_failed", exc.strerror or str(exc))
        else:
            self._call.done.emit(result)
        finally:
            self._call.finished.emit()


def run_blocking(
    work: Callable[[], Any],
    *,
    on_done: Callable[[Any], None],
    on_failed: Callable[[str, str], None],
) -> BlockingCall:
    """Run ``work()`` off the GUI thread; ``on_done(result)`` or ``on_failed(code, detail)``
    then runs on the thread that called this (the GUI thread), through its event loop.

    Errors a person can act on arrive as ``on_failed``; anything else is a bug and is
    left to propagate on the pool thread (logged by Qt).
    """
    call = BlockingCall()  # lives on the calling thread: queued answers are delivered there
    queued = Qt.ConnectionType.QueuedConnection
    call.done.connect(on_done, queued)
    call.failed.connect(on_failed, queued)
    call.finished.connect(lambda: _in_flight.discard(call), queued)
    _in_flight.add(call)
    QThreadPool.globalInstance().start(_Task(call, work))
    return call


def worker_thread(
    worker: QObject,
    name: str,
    parent: QObject | None,
    *,
    on_start: Callable[[], None] | None = None,
    on_finish: Callable[[], None] | None = None,
) -> QThread:
    """A thread named ``name`` that ``worker`` (with no parent) now lives on; not started.

    ``on_start`` runs on that thread when it starts (opening the worker's connection or
    device), ``on_finish`` on it just before it ends (closing them). The worker's slots,
    connected from the GUI thread, are then queued to it; its signals reach widgets
    queued to the GUI thread.
    """
    thread = QThread(parent)
    thread.setObjectName(name)
    worker.moveToThread(thread)
    if on_start is not None:
        thread.started.connect(on_start)
    if on_finish is not None:
        thread.finished.connect(on_finish)
    return thread


def stop_thread(thread: QThread) -> None:
    """Let ``thread`` finish the call in hand, then end it (blocks until it has)."""
    thread.quit()
    thread.wait()
