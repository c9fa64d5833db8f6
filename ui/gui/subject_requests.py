"""The register of data subjects' requests in the window (Nghị định 356/2025 Điều 5).

The same register as ``reception privacy request ...``: list, add, mark done, with the
open requests near or past a due date highlighted. Any signed-in clerk may use it (as the
command line allows). Every database call runs off the GUI thread through
:func:`ui.gui.blocking.run_blocking`, on a connection of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import sqlite_utils
from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception.identity.id_number import is_well_formed
from reception.privacy.processing_log import Action, ProcessingLog
from reception.privacy.subject_requests import (
    RequestKind,
    SubjectRequest,
    SubjectRequestRegister,
    Urgency,
)
from reception.procedures.working_calendar import load_working_calendar
from reception.storage.database import open_database
from reception.workstation.timezone import now_in_vietnam
from ui.gui.blocking import run_blocking
from ui.messages import message_for

_DATE = "%d/%m/%Y"
_COLOURS = {Urgency.NEAR: "#fff3cd", Urgency.OVERDUE: "#f8d7da"}


class SubjectRequestsDialog(QDialog):
    """The register: one row per request, the open ones near or past due coloured."""

    loaded = Signal(list)  # list[SubjectRequest], after every refresh
    failed = Signal(str)  # error code

    def __init__(
        self,
        data_dir: Path,
        operator: Callable[[], str],
        processing_log: ProcessingLog | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._operator = operator
        self._log = processing_log
        #: Today, for the urgency (a clock tests can set).
        self.today: Callable[[], date] = lambda: now_in_vietnam().date()
        self.requests: list[SubjectRequest] = []
        self.setWindowTitle(self.tr("Data subjects' requests"))
        self.kind = QComboBox()
        self.kind.setObjectName("request_kind")
        for kind, text in self._kind_texts().items():
            self.kind.addItem(text, kind.value)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("request_id_number")
        self.id_number.setPlaceholderText(self.tr("ID number (12 digits)"))
        self.id_number.setMaxLength(12)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setObjectName("add_request")
        self.add_button.clicked.connect(self.add_request)
        self.id_number.returnPressed.connect(self.add_request)
        self.done_button = QPushButton(self.tr("Mark done"))
        self.done_button.setObjectName("request_done")
        self.done_button.clicked.connect(self.mark_done)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("subject_requests")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Kind"),
                self.tr("ID number"),
                self.tr("Received"),
                self.tr("Acknowledge by"),
                self.tr("Answer by"),
                self.tr("Done"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.status = QLabel()
        self.status.setObjectName("requests_status")
        self.status.setWordWrap(True)
        adding = QHBoxLayout()
        adding.addWidget(self.kind)
        adding.addWidget(self.id_number, 1)
        adding.addWidget(self.add_button)
        adding.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addLayout(adding)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.resize(760, 420)

    def _kind_texts(self) -> dict[RequestKind, str]:
        return {
            RequestKind.VIEW: self.tr("see the data"),
            RequestKind.CORRECT: self.tr("correct the data"),
            RequestKind.COPY: self.tr("a copy of the data"),
            RequestKind.RESTRICT: self.tr("restrict processing"),
            RequestKind.OBJECT: self.tr("object to processing"),
            RequestKind.DELETE: self.tr("delete the data"),
        }

    # -- the clerk's actions ------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Read the register again (off the GUI thread)."""
        self._run(lambda register, _db: None)

    @Slot()
    def add_request(self) -> None:
        id_number = self.id_number.text().strip()
        if not is_well_formed(id_number):
            self.status.setText(self.tr("An ID number has 12 digits."))
            return
        kind = RequestKind(str(self.kind.currentData()))
        today, operator = self.today(), self._operator()

        def add(register: SubjectRequestRegister, db: sqlite_utils.Database) -> None:
            request = register.add(kind, id_number, today, operator)
            self._record(db, id_number, f"request:{request.id}")

        self.id_number.clear()
        self._run(add)

    @Slot()
    def mark_done(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.requests):
            self.status.setText(self.tr("Choose a request first."))
            return
        chosen, today = self.requests[row], self.today()

        def done(register: SubjectRequestRegister, db: sqlite_utils.Database) -> None:
            request = register.done(chosen.id, today)
            self._record(db, request.subject_id, f"request-done:{request.id}")

        self._run(done)

    # -- off the GUI thread -------------------------------------------------------------------

    def _record(self, db: sqlite_utils.Database, subject_id: str, detail: str) -> None:
        if self._log is not None:
            self._log.record(db, Action.ADMINISTER, subject_id=subject_id, detail=detail)

    def _run(self, change: Callable[[SubjectRequestRegister, sqlite_utils.Database], None]) -> None:
        data_dir = self._data_dir

        def work() -> list[SubjectRequest]:
            db = open_database(data_dir / "reception.sqlite3")
            try:
                register = SubjectRequestRegister(db, load_working_calendar(data_dir))
                change(register, db)
                return register.list()
            finally:
                db.conn.close()

        run_blocking(work, on_done=self._show, on_failed=self._on_failed)

    # -- answers, on the GUI thread -----------------------------------------------------------

    def _show(self, requests: object) -> None:
        self.requests = list(requests) if isinstance(requests, list) else []
        today = self.today()
        kinds = self._kind_texts()
        self.table.setRowCount(len(self.requests))
        late = 0
        for row, request in enumerate(self.requests):
            urgency = request.urgency(today)
            late += urgency is not Urgency.OK
            values = [
                str(request.id),
                kinds.get(request.kind, request.kind.value),
                request.subject_id,
                f"{request.received_on:{_DATE}}",
                f"{request.acknowledge_by:{_DATE}}",
                f"{request.due_on:{_DATE}}",
                f"{request.done_on:{_DATE}}" if request.done_on else "",
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if urgency in _COLOURS:
                    item.setBackground(QBrush(QColor(_COLOURS[urgency])))
                    item.setToolTip(
                        self.tr("past its due date")
                        if urgency is Urgency.OVERDUE
                        else self.tr("due within two days")
                    )
                self.table.setItem(row, column, item)
        self.status.setText(
            self.tr("%1 request(s) near or past a due date.").replace("%1", str(late))
            if late
            else ""
        )
        self.loaded.emit(self.requests)

    def _on_failed(self, code: str, _detail: str) -> None:
        self.status.setText(message_for(code))
        self.failed.emit(code)


def install_subject_requests(
    window: QMainWindow,
    data_dir: Path,
    operator: Callable[[], str],
    processing_log: ProcessingLog | None = None,
    *,
    locked: Callable[[], bool] = lambda: False,
) -> tuple[QAction, SubjectRequestsDialog]:
    """A "Privacy" menu with the register (Ctrl+Shift+R); returns its action and dialog."""
    # The window's own context (what ``window.tr`` looks up at run time), spelled out so
    # that lupdate files the strings there too.
    action = QAction(QCoreApplication.translate("MainWindow", "Data subjects' requests…"), window)
    action.setObjectName("subject_requests")
    action.setShortcut(QKeySequence("Ctrl+Shift+R"))
    window.addAction(action)
    menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Privacy"))
    menu.addAction(action)
    dialog = SubjectRequestsDialog(data_dir, operator, processing_log, window)

    def open_register() -> None:
        if locked():  # its shortcut works window-wide: never past the sign-in lock
            return
        dialog.show()  # non-modal: the window stays usable beside it
        dialog.refresh()

    action.triggered.connect(open_register)
    return action, dialog
