"""The one helper for blocking calls: the answer (or the failure) on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from reception.errors import StorageFullError
from ui.gui.blocking import run_blocking


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
