"""The one helper for blocking calls: the answer (or the failure) on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot
from pytestqt.qtbot import QtBot

from reception.errors import StorageFullError
from ui.gui.blocking import run_blocking, stop_thread, worker_thread


def test_the_result_comes_back_on_the_gui_thread(qtbot: QtBot) -> None:
    answers: list[tuple[object, bool]] = []
    gui = QThread.currentThread()
    run_blocking(
        lambda: threading.current_thread() is not threading.main_thread(),
        on_done=lambda result: answers.append((result, QThread.currentThread() is gui)),
        on_failed=lambda code, detail: answers.append((code, False)),
    )
    qtbot.waitUntil(lambda: answers != [], timeout=5_000)
    assert answers == [(True, True)]  # ran off the GUI thread, answered on it


def test_an_error_a_person_can_act_on_comes_back_as_its_code(qtbot: QtBot) -> None:
    failures: list[str] = []

    def work() -> None:
        raise StorageFullError("the disk is full")

    run_blocking(work, on_done=lambda _r: None, on_failed=lambda code, _d: failures.append(code))
    qtbot.waitUntil(lambda: failures == ["storage_disk_full"], timeout=5_000)


class _Worker(QObject):
    """Records the thread each of its calls ran on."""

    def __init__(self) -> None:
        super().__init__()
        self.ran_on: dict[str, QThread] = {}

    @Slot()
    def start(self) -> None:
        self.ran_on["start"] = QThread.currentThread()

    @Slot()
    def poke(self) -> None:
        self.ran_on["poke"] = QThread.currentThread()

    @Slot()
    def close(self) -> None:
        self.ran_on["close"] = QThread.currentThread()


class _Caller(QObject):
    poke = Signal()


def test_a_long_lived_worker_runs_on_its_own_thread_from_start_to_finish(qtbot: QtBot) -> None:
    worker = _Worker()
    thread = worker_thread(
        worker, "test-worker", None, on_start=worker.start, on_finish=worker.close
    )
    caller = _Caller()
    caller.poke.connect(worker.poke)
    assert thread.objectName() == "test-worker" and worker.thread() is thread
    thread.start()
    qtbot.waitUntil(lambda: "start" in worker.ran_on, timeout=5_000)
    caller.poke.emit()  # from the GUI thread: queued to the worker's
    qtbot.waitUntil(lambda: "poke" in worker.ran_on, timeout=5_000)
    stop_thread(thread)
    assert not thread.isRunning()
    assert set(worker.ran_on) == {"start", "poke", "close"}
    assert all(ran is thread for ran in worker.ran_on.values())
