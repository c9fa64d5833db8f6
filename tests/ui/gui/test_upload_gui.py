"""The upload worker on its own thread with the window's pieces: the Upload column, the
queue indicator, "send now" and "retry", against the development server on 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QTableView, QWidget
from pytestqt.qtbot import QtBot

from reception.upload.credentials import Credentials
from reception.upload.http_uploader import HttpUploader
from tests.reception.upload.conftest import (
    Counter,
    ServerFactory,
    _local_traffic_only,
    counter,
    dev_server,
)
from ui.gui.dossier_table import UPLOAD_COLUMN, DossierTableModel
from ui.gui.status_bar import StatusBar
from ui.gui.upload_controls import UploadControls
from ui.gui.upload_worker import UploadWorker

__all__ = ["_local_traffic_only", "counter", "dev_server"]  # fixtures shared with the upload tests


class Harness:
    """Today's list, the status bar and the upload worker, wired as the window wires them."""

    def __init__(self, qtbot: QtBot, counter: Counter, url: str | None) -> None:
        self.parent = QWidget()
        qtbot.addWidget(self.parent)
        self.model = DossierTableModel(self.parent)
        self.table = QTableView(self.parent)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.status = StatusBar(frozenset(), self.parent)
        self.controls = UploadControls(
            self.model, self.table, self.status, self.parent, configured=url is not None
        )
        factory: Callable[[], HttpUploader] | None = None
        if url is not None:
            server_url = url

            def factory() -> HttpUploader:
                return HttpUploader(
                    server_url, lambda: Credentials("demo", "demo"), timeout_seconds=2
                )

        self.thread = QThread()
        self.worker = UploadWorker(
            counter.path,
            unit_code="000.00.01.H49",
            data_dir=counter.path.parent,
            reconciliation_days=30,
            uploader_factory=factory,
        )
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.start)
        w, c = self.worker, self.controls
        w.summary_changed.connect(c.on_summary_changed)
        w.online_changed.connect(c.on_online_changed)
        w.job_started.connect(c.on_job_started)
        w.job_progress.connect(c.on_job_progress)
        w.job_finished.connect(c.on_job_finished)
        w.states_loaded.connect(c.on_states_loaded)
        c.send_now_requested.connect(w.send_now)
        c.retry_requested.connect(w.retry)
        c.states_requested.connect(w.load_states)
        # A plain callable connected to a worker signal runs on the worker's thread (so
        # qtbot.waitSignal on it would stop its own timer from there): only record it.
        self.finished: list[str] = []
        w.job_finished.connect(lambda code, _outcome: self.finished.append(code))
        self.model.set_dossiers(counter.store.list_for_day(date(2026, 11, 30)))

    def upload_texts(self) -> list[str]:
        return [
            str(self.model.index(row, UPLOAD_COLUMN).data()) for row in range(self.model.rowCount())
        ]

    def stop(self) -> None:
        self.worker.shutdown()
        self.thread.quit()
        self.thread.wait()


@pytest.fixture
def harness(qtbot: QtBot, counter: Counter) -> Iterator[Callable[[str | None], Harness]]:
    made: list[Harness] = []

    def make(url: str | None) -> Harness:
        made.append(Harness(qtbot, counter, url))
        made[-1].thread.start()
        return made[-1]

    yield make
    for item in made:
        item.stop()


def test_dossiers_are_sent_and_show_the_servers_confirmation(
    qtbot: QtBot, counter: Counter, dev_server: ServerFactory, harness: Callable[..., Harness]
) -> None:
    codes = counter.save(3, files_each=1)
    server = dev_server()
    ui = harness(server.url)
    qtbot.waitUntil(
        lambda: all(t.startswith("sent ✓ DEV-") for t in ui.upload_texts()), timeout=10_000
    )
    assert server.store.dossier_codes() == codes
    qtbot.waitUntil(
        lambda: (ui.status.upload.text(), ui.status.queue.text()) == ("online", "Not sent: 0"),
        timeout=10_000,
    )
    assert not ui.controls.retry_action.isEnabled()


def test_a_refused_dossier_needs_attention_and_can_be_retried(
    qtbot: QtBot, counter: Counter, dev_server: ServerFactory, harness: Callable[..., Harness]
) -> None:
    counter.save(1)
    server = dev_server(refuse_procedures=frozenset({"1.001193.000.00.00.H49"}))
    ui = harness(server.url)
    expected = "needs attention: procedure 1.001193.000.00.00.H49 is not handled by this unit"
    qtbot.waitUntil(lambda: ui.upload_texts() == [expected], timeout=10_000)
    qtbot.waitUntil(lambda: "1 need attention" in ui.status.upload.text(), timeout=10_000)
    ui.table.selectRow(0)
    assert ui.controls.retry_action.isEnabled()
    attempts = len(ui.finished)
    ui.controls.retry_action.trigger()
    qtbot.waitUntil(lambda: len(ui.finished) > attempts, timeout=10_000)
    qtbot.waitUntil(lambda: ui.upload_texts() == [expected], timeout=10_000)


def test_offline_then_send_now_when_the_server_is_back(
    qtbot: QtBot, counter: Counter, dev_server: ServerFactory, harness: Callable[..., Harness]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    codes = counter.save(2)
    ui = harness(f"http://127.0.0.1:{port}")
    qtbot.waitUntil(
        lambda: (
            ui.status.upload.text().startswith("offline · oldest")
            and ui.status.queue.text() == "Not sent: 2"
        ),
        timeout=10_000,
    )
    server = dev_server(port=port)
    ui.controls.send_now_action.trigger()
    qtbot.waitUntil(lambda: server.store.dossier_codes() == codes, timeout=10_000)
    qtbot.waitUntil(lambda: ui.status.upload.text() == "online", timeout=10_000)


def test_without_a_server_the_queue_only_fills(
    qtbot: QtBot, counter: Counter, harness: Callable[..., Harness]
) -> None:
    counter.save(2)
    ui = harness(None)
    qtbot.waitUntil(lambda: ui.status.queue.text() == "Not sent: 2", timeout=10_000)
    assert ui.status.upload.text().startswith("no server configured")
    qtbot.waitUntil(lambda: ui.upload_texts() == ["queued", "queued"], timeout=10_000)


def test_the_worker_never_runs_on_the_gui_thread(
    qtbot: QtBot, counter: Counter, harness: Callable[..., Harness]
) -> None:
    ui = harness(None)
    assert ui.worker.thread() is ui.thread
    assert ui.thread is not QThread.currentThread()


def test_progress_and_states_read_as_the_clerk_expects(
    qtbot: QtBot, counter: Counter, harness: Callable[..., Harness]
) -> None:
    code = counter.save(1)[0]
    ui = harness(None)
    qtbot.waitUntil(lambda: ui.upload_texts() == ["queued"], timeout=10_000)
    ui.controls.on_job_progress(code, 512, 2048)  # as the worker's signal delivers it
    assert ui.upload_texts() == ["uploading 25 %"]
