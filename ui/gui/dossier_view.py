"""A saved dossier, read-only: who, what, its components and files, the server's answer.

Opened from today's list (double-click or Enter); from here the clerk reprints the
receipt (or makes Mẫu 02/03 in the same preview) and sends the dossier again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception.dossiers.store import ComponentStatus, Dossier


class DossierView(QDialog):
    """Shows one saved dossier; changes nothing by itself."""

    reprint_requested = Signal(object)  # Dossier
    retry_requested = Signal(str)  # dossier code

    def __init__(
        self, dossier: Dossier, upload: tuple[str, str] | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dossier_view")
        self.dossier = dossier
        self.setWindowTitle(self.tr("Dossier %1").replace("%1", dossier.code))
        facts = QFormLayout()
        appointment = dossier.appointment_at
        rows = (
            (self.tr("Code"), dossier.code),
            (self.tr("Applicant"), dossier.applicant.identity.full_name),
            (self.tr("Procedure"), dossier.procedure_name),
            (self.tr("Received"), f"{dossier.received_at:%H:%M %d/%m/%Y}"),
            (
                self.tr("Appointment"),
                "—" if appointment is None else f"{appointment:%H:%M %d/%m/%Y}",
            ),
            (self.tr("Upload"), upload[0] if upload else self.tr("not sent")),
        )
        for label, value in rows:
            shown = QLabel(value)
            shown.setWordWrap(True)
            facts.addRow(label, shown)
        self.server_answer = QLabel(upload[1] if upload else "")
        self.server_answer.setObjectName("server_answer")
        self.server_answer.setWordWrap(True)
        facts.addRow(self.tr("Server"), self.server_answer)
        self.components = QTableWidget(0, 4)
        self.components.setObjectName("view_components")
        self.components.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("Received as"), self.tr("File"), "SHA-256"]
        )
        self.components.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        words = {
            ComponentStatus.PAPER: self.tr("paper"),
            ComponentStatus.DIGITISED: self.tr("digitised"),
            ComponentStatus.REUSED: self.tr("reused"),
            ComponentStatus.NOT_RECEIVED: self.tr("not received"),
        }
        for component in dossier.components:
            row = self.components.rowCount()
            self.components.insertRow(row)
            name = QTableWidgetItem(f"{component.code} · {component.name}")
            name.setToolTip(component.name)
            self.components.setItem(row, 0, name)
            self.components.setItem(row, 1, QTableWidgetItem(words[component.status]))
            path = component.file_path or ""
            file_item = QTableWidgetItem(path.rsplit("/", 1)[-1])
            file_item.setToolTip(path)
            self.components.setItem(row, 2, file_item)
            self.components.setItem(row, 3, QTableWidgetItem((component.file_sha256 or "")[:16]))
        self.components.resizeColumnsToContents()
        self.reprint_button = QPushButton(self.tr("Reprint the receipt…"))
        self.reprint_button.setObjectName("reprint")
        self.retry_button = QPushButton(self.tr("Send again"))
        self.retry_button.setObjectName("retry")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.reprint_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.reprint_button.clicked.connect(lambda: self.reprint_requested.emit(self.dossier))
        self.retry_button.clicked.connect(lambda: self.retry_requested.emit(self.dossier.code))
        layout = QVBoxLayout(self)
        layout.addLayout(facts)
        layout.addWidget(self.components, 1)
        layout.addWidget(buttons)
        self.resize(760, 460)
