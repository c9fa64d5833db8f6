"""The upload worker: drains the queue on its own thread, never the GUI thread.

It owns its own database connection and HTTP client, runs one job per turn of its
thread's event loop (so "send now", "retry" and stop requests are handled between jobs),
and reports through typed signals. A server that times out or answers garbage ends as a
retry or a "needs attention" in the queue, never as an exception in the window.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

import sqlite_utils
from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

from reception.digitising.reuse_store import documents_dir
from reception.errors import ReceptionError
from reception.privacy.processing_log import ProcessingLog
from reception.storage.database import open_database
from reception.upload import queue
from reception.upload.dispatcher import Dispatcher, ProgressListener, StepResult
from reception.upload.purge import purge_confirmed
from reception.upload.shared_store import component_store_of, pending, send_queued
from reception.upload.uploader import Uploader

log = logging.getLogger(__name__)

IDLE_MS = 5_000  # refresh the indicator (the age of the oldest dossier) while idle
PROBE_FIRST_MS = 2_000
PROBE_MAX_MS = 60_000
PURGE_EVERY_SECONDS = 3_600.0
_UNSET = object()  # nothing reported yet


class _SignalListener(ProgressListener):
    def __init__(self, worker: UploadWorker) -> None:
        self._worker = worker

    def started(self, code: str) -> None:
        self._worker.job_started.emit(code)

    def file_progress(self, code: str, sent: int, total: int) -> None:
        self._worker.job_progress.emit(code, sent, total)

    def finished(self, result: StepResult) -> None:
        self._worker.job_finished.emit(result.dossier_code, result.outcome.value)


class UploadWorker(QObject):
    """Moved to its own QThread; ``start`` runs there when the thread starts."""

    summary_changed = Signal(object)  # reception.upload.outbox.QueueSummary
    online_changed = Signal(object)  # bool, or None when no server is configured
    job_started = Signal(str)
    job_progress = Signal(str, int, int)  # dossier code, bytes held by the server, total
    job_finished = Signal(str, str)  # dossier code, dispatcher.Outcome value
    states_loaded = Signal(dict)  # dossier code -> reception.upload.outbox.JobView
    failed = Signal(str, str)

    def __init__(
        self,
        database_path: Path,
        *,
        unit_code: str,
        data_dir: Path,
        reconciliation_days: float,
        uploader_factory: Callable[[], Uploader] | None,
        processing_log: ProcessingLog | None = None,
        record_version: str | None = None,
    ) -> None:
        super().__init__()
        # [server] record: the sync record's shape ("2025" or "2018"), as the CLI drain's.
        self._record_version = record_version
        self._processing_log = processing_log  # uploads and purges, with their subject
        self._path = database_path
        self._unit_code = unit_code
        self._data_dir = data_dir
        self._reconciliation_days = reconciliation_days
        self._factory = uploader_factory
        self._cancel = threading.Event()
        self._db: sqlite_utils.Database | None = None
        self._uploader: Uploader | None = None
        self._dispatcher: Dispatcher | None = None
        self._timer: QTimer | None = None
        self._probe_ms = PROBE_FIRST_MS
        self._last_purge = 0.0
        self._online: object = _UNSET  # bool, None (no server) or _UNSET

    def request_stop(self) -> None:
        """Thread-safe: abandon the upload in hand (its lease is handed back)."""
        self._cancel.set()

    def shutdown(self) -> None:
        """From the GUI thread: stop, and close the connections on the worker's own thread
        (its timer belongs there). Returns once the upload in hand was handed back."""
        self.request_stop()
        thread = self.thread()
        if thread.isRunning() and thread is not QThread.currentThread():
            QMetaObject.invokeMethod(self, "stop", Qt.ConnectionType.BlockingQueuedConnection)

    @Slot()
    def start(self) -> None:
        try:
            self._db = open_database(self._path)
            if self._factory is not None:
                self._uploader = self._factory()
                self._dispatcher = Dispatcher(
                    self._db,
                    self._uploader,
                    unit_code=self._unit_code,
                    listener=_SignalListener(self),
                    cancel=self._cancel,
                    processing_log=self._processing_log,
                )
                if self._record_version is not None:
                    self._dispatcher.record_version = self._record_version
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        self._timer = QTimer(self)  # created here: it lives on this thread
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._set_online(None if self._dispatcher is None else self._dispatcher.online)
        self._schedule(0)

    @Slot()
    def stop(self) -> None:
        """Runs on the worker thread before it quits: release the connection and client."""
        self._cancel.set()
        if self._timer is not None:
            self._timer.stop()
        if self._uploader is not None:
            self._uploader.close()
        if self._db is not None:
            self._db.conn.close()
            self._db = None

    @Slot()
    def wake(self) -> None:
        """A dossier was saved: look at the queue now."""
        self._schedule(0)

    @Slot()
    def send_now(self) -> None:
        """The clerk asked: every queued dossier is due, and the server is probed again."""
        if self._db is None:
            return
        queue.send_now(self._db, now=time.time())
        if self._dispatcher is not None and self._dispatcher.online is False:
            self._dispatcher.online = None  # try at once instead of waiting for the probe
        self._probe_ms = PROBE_FIRST_MS
        self._schedule(0)

    @Slot(str)
    def retry(self, code: str) -> None:
        if self._db is None:
            return
        try:
            queue.retry(self._db, code, now=time.time())
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        self._schedule(0)

    @Slot(list)
    def load_states(self, codes: list[str]) -> None:
        if self._db is not None:
            self.states_loaded.emit(queue.job_views(self._db, codes))

    def _schedule(self, delay_ms: int) -> None:
        if self._timer is not None and not self._cancel.is_set():
            self._timer.start(max(0, delay_ms))

    @Slot()
    def _tick(self) -> None:
        if self._db is None or self._cancel.is_set():
            return
        try:
            delay = self._turn(self._db)
        except Exception:  # never let a bug stop the queue or reach the window
            log.exception("upload worker turn failed")
            delay = IDLE_MS
        self._schedule(delay)

    def _turn(self, db: sqlite_utils.Database) -> int:
        """One job (or one probe); returns the pause before the next turn in ms."""
        dispatcher = self._dispatcher
        delay = IDLE_MS
        if dispatcher is not None:
            if dispatcher.online is False:
                dispatcher.check_network()
                if dispatcher.online is False:
                    delay = self._probe_ms
                    self._probe_ms = min(self._probe_ms * 2, PROBE_MAX_MS)
            if dispatcher.online is not False:
                self._probe_ms = PROBE_FIRST_MS
                result = dispatcher.step()
                if result is not None:
                    delay = 0 if dispatcher.online else PROBE_FIRST_MS
                else:
                    self._send_components(db)
                    summary = queue.summary(db)
                    if summary.next_attempt_at is not None:
                        due_ms = int((summary.next_attempt_at - time.time()) * 1000)
                        delay = min(max(due_ms, 0), IDLE_MS)
            self._set_online(dispatcher.online)
            self._purge(db)
        self.summary_changed.emit(queue.summary(db))
        return delay

    def _send_components(self, db: sqlite_utils.Database) -> None:
        """When no dossier is due: components kept for reuse, to the shared store."""
        uploader = self._uploader
        store = component_store_of(uploader)
        if uploader is not None and store is not None and pending(db):
            send_queued(db, uploader, store, documents_dir(self._data_dir))

    def _set_online(self, online: bool | None) -> None:
        if online is not self._online:
            self._online = online
            self.online_changed.emit(online)

    def _purge(self, db: sqlite_utils.Database) -> None:
        now = time.time()
        if now - self._last_purge < PURGE_EVERY_SECONDS:
            return
        self._last_purge = now
        purge_confirmed(
            db,
            now=now,
            reconciliation_days=self._reconciliation_days,
            documents_root=self._data_dir,
            processing_log=self._processing_log,
        )
