"""The window's side of the upload queue: the Upload column of today's dossiers, the
queue indicator in the status bar, the "send now" and "retry" actions, and the thread
that runs the :class:`~ui.gui.upload_worker.UploadWorker`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QTableView, QToolBar

from reception.errors import UserError
from reception.privacy.processing_log import ProcessingLog
from reception.storage.database import DATABASE_FILE
from reception.upload.connect import connect, server_url
from reception.upload.outbox import JobState, JobView, QueueSummary
from reception.workstation.config import Config
from reception.workstation.timezone import VIETNAM
from ui.gui.blocking import worker_thread
from ui.gui.dossier_table import DossierTableModel
from ui.gui.main_window import MainWindow
from ui.gui.status_bar import StatusBar
from ui.gui.upload_worker import UploadWorker


def _clock(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, VIETNAM).strftime("%H:%M")


class UploadControls(QObject):
    """Turns the worker's signals into text, and the clerk's clicks into requests."""

    send_now_requested = Signal()
    retry_requested = Signal(str)
    states_requested = Signal(list)  # dossier codes

    def __init__(
        self,
        model: DossierTableModel,
        table: QTableView,
        status: StatusBar,
        parent: QObject,
        *,
        configured: bool,
    ) -> None:
        super().__init__(parent)
        self._configured = configured
        self._model = model
        self._table = table
        self._status = status
        self._views: dict[str, JobView] = {}
        self._online: bool | None = None
        self._summary: QueueSummary | None = None
        self.send_now_action = QAction(self.tr("Send now"), parent)
        self.send_now_action.setObjectName("send_now")
        self.send_now_action.setToolTip(self.tr("Send the dossiers waiting in the queue now"))
        self.send_now_action.triggered.connect(self.send_now_requested)
        self.retry_action = QAction(self.tr("Retry upload"), parent)
        self.retry_action.setObjectName("retry_upload")
        self.retry_action.setToolTip(self.tr("Send the selected dossier again (after fixing it)"))
        self.retry_action.setEnabled(False)
        self.retry_action.triggered.connect(self._on_retry_triggered)
        model.modelReset.connect(self._on_model_reset)
        table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

    # -- from the worker ---------------------------------------------------------------

    @Slot(dict)
    def on_states_loaded(self, views: dict[str, JobView]) -> None:
        for code, view in views.items():
            self._views[code] = view
            self._model.set_upload_state(code, *self._describe(view))
        self._on_table_selection_changed()

    @Slot(str)
    def on_job_started(self, code: str) -> None:
        self._model.set_upload_state(code, self.tr("uploading…"), "")

    @Slot(str, int, int)
    def on_job_progress(self, code: str, sent: int, total: int) -> None:
        percent = 100 * sent // total if total else 100
        self._model.set_upload_state(
            code, self.tr("uploading %1 %").replace("%1", str(percent)), ""
        )

    @Slot(str, str)
    def on_job_finished(self, code: str, outcome: str) -> None:
        self.states_requested.emit([code])

    @Slot(object)
    def on_summary_changed(self, summary: QueueSummary) -> None:
        self._summary = summary
        self._show_indicator()

    @Slot(object)
    def on_online_changed(self, online: bool | None) -> None:
        self._online = online
        self._show_indicator()

    # -- text --------------------------------------------------------------------------

    def _describe(self, view: JobView) -> tuple[str, str]:
        """The Upload column's text and tooltip for one dossier."""
        if view.state is JobState.SENT:
            receipt = (view.confirmation or {}).get("SoBienNhan")
            when = _clock(view.sent_at) if view.sent_at else ""
            text = self.tr("sent ✓ %1").replace("%1", str(receipt or when))
            return text, self.tr("Confirmed by the server at %1").replace("%1", when)
        if view.state is JobState.ATTENTION:
            reason = view.last_error or ""
            return self.tr("needs attention: %1").replace("%1", reason), reason
        if view.state is JobState.UPLOADING:
            return self.tr("uploading…"), ""
        if view.attempts:
            text = self.tr("queued, next try %1").replace("%1", _clock(view.next_attempt_at))
            return text, view.last_error or ""
        return self.tr("queued"), ""

    def _show_indicator(self) -> None:
        summary = self._summary
        if summary is not None:
            self._status.show_queue(summary.unsent)
        if not self._configured:
            state = self.tr("no server configured")
        elif self._online is None:
            state = self.tr("connecting…")
        else:
            state = self.tr("online") if self._online else self.tr("offline")
        parts = [state]
        if summary is not None and summary.oldest_waiting_since is not None:
            parts.append(self.tr("oldest %1").replace("%1", _clock(summary.oldest_waiting_since)))
        if summary is not None and summary.counts[JobState.ATTENTION]:
            parts.append(
                self.tr("%1 need attention").replace("%1", str(summary.counts[JobState.ATTENTION]))
            )
        tip = ""
        if summary is not None and summary.last_error is not None:
            error = summary.last_error
            tip = self.tr("Last error (%1): %2").replace("%1", error.dossier_code)
            tip = tip.replace("%2", error.reason)
        self._status.show_upload(" · ".join(parts), tip)

    # -- from the clerk ----------------------------------------------------------------

    def _selected_code(self) -> str | None:
        rows = self._table.selectionModel().selectedRows()
        return self._model.dossier_at(rows[0].row()).code if rows else None

    @Slot()
    def _on_table_selection_changed(self) -> None:
        code = self._selected_code()
        view = self._views.get(code) if code else None
        self.retry_action.setEnabled(
            view is not None and view.state in (JobState.ATTENTION, JobState.QUEUED)
        )

    @Slot()
    def _on_retry_triggered(self) -> None:
        code = self._selected_code()
        if code is not None:
            self.retry_requested.emit(code)

    @Slot()
    def _on_model_reset(self) -> None:
        self.states_requested.emit(self._model.codes())


def start_uploading(
    app: QApplication, window: MainWindow, config: Config, data_dir: Path
) -> tuple[QThread, UploadWorker, UploadControls]:
    """The worker on its own thread and the controls wired to the window's widgets.

    Call ``worker.shutdown()`` from the GUI thread before quitting the thread.
    """
    try:
        server_url(config.server)
        configured = True
    except UserError:
        configured = False
    worker = UploadWorker(
        data_dir / DATABASE_FILE,
        unit_code=config.unit.code,
        data_dir=data_dir,
        reconciliation_days=config.server.reconciliation_days,
        uploader_factory=(lambda: connect(config.server)) if configured else None,
        record_version=config.server.record,
        # Uploads run in the background: recorded against the workstation.
        processing_log=ProcessingLog(
            workstation=config.workstation.name, operator=config.workstation.name
        ),
    )
    thread = worker_thread(worker, "upload", app, on_start=worker.start)
    controls = UploadControls(
        window.dossier_model, window.dossier_table, window.status, window, configured=configured
    )
    toolbar = window.findChild(QToolBar, "main_toolbar")
    if toolbar is not None:
        toolbar.addAction(controls.send_now_action)
        toolbar.addAction(controls.retry_action)
    worker.summary_changed.connect(controls.on_summary_changed)
    worker.online_changed.connect(controls.on_online_changed)
    worker.job_started.connect(controls.on_job_started)
    worker.job_progress.connect(controls.on_job_progress)
    worker.job_finished.connect(controls.on_job_finished)
    worker.states_loaded.connect(controls.on_states_loaded)
    worker.failed.connect(window.on_service_failed)
    controls.send_now_requested.connect(worker.send_now)
    controls.retry_requested.connect(worker.retry)
    controls.states_requested.connect(worker.load_states)
    window.dossier_saved.connect(worker.wake)
    window.retry_upload_requested.connect(worker.retry)
    thread.start()
    return thread, worker, controls
