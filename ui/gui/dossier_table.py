"""Today's dossiers: a read-only table model over immutable rows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reception.dossiers import Dossier

_Index = QModelIndex | QPersistentModelIndex


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

    def set_dossiers(self, dossiers: list[Dossier]) -> None:
        self.beginResetModel()
        self._rows = list(dossiers)
        self.endResetModel()

    def dossier_at(self, row: int) -> Dossier:
        return self._rows[row]

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
        # The upload queue is not built yet: say so rather than pretend.
        return self.tr("not sent (no upload queue yet)")
