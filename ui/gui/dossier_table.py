"""Today's dossiers: a read-only table model over immutable rows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reception.dossiers.store import Dossier

_Index = QModelIndex | QPersistentModelIndex
UPLOAD_COLUMN = 4


class DossierTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Dossier] = []
        self._headers = [
            self.tr("Code"),
            self.tr("Received"),
            self.tr("Applicant"),
            self.tr("Procedure"),
            self.tr("Upload"),
        ]
        # Per dossier code: the upload column's text and tooltip (ui.gui.upload_controls).
        self._upload: dict[str, tuple[str, str]] = {}

    def set_dossiers(self, dossiers: list[Dossier]) -> None:
        self.beginResetModel()
        self._rows = list(dossiers)
        self.endResetModel()

    def dossier_at(self, row: int) -> Dossier:
        return self._rows[row]

    def codes(self) -> list[str]:
        return [dossier.code for dossier in self._rows]

    def set_upload_state(self, code: str, text: str, tooltip: str) -> None:
        """Show the upload state of one dossier (a no-op for a dossier not listed)."""
        self._upload[code] = (text, tooltip)
        for row, dossier in enumerate(self._rows):
            if dossier.code == code:
                cell = self.index(row, UPLOAD_COLUMN)
                self.dataChanged.emit(cell, cell)

    def upload_state(self, code: str) -> tuple[str, str] | None:
        """The upload column's (text, tooltip) of dossier ``code``, when known."""
        return self._upload.get(code)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if index.isValid() and index.column() == UPLOAD_COLUMN:
            upload = self._upload.get(self._rows[index.row()].code)
            if role == Qt.ItemDataRole.ToolTipRole and upload is not None:
                return upload[1]
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        dossier = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return dossier.code
        if column == 1:
            return dossier.received_at.strftime("%H:%M")
        if column == 2:
            return dossier.applicant.identity.full_name
        if column == 3:
            return dossier.procedure_name
        upload = self._upload.get(dossier.code)
        return upload[0] if upload is not None else self.tr("not sent")
