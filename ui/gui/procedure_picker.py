"""Choose the procedure (search by code or words, accents optional) and see its components."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception.procedures import Catalogue, Procedure

_CODE_ROLE = Qt.ItemDataRole.UserRole + 1


class ProcedurePicker(QGroupBox):
    """A search box over the catalogue and the list of matches."""

    procedure_chosen = Signal(object)  # Procedure | None

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Procedure"))
        self._catalogue = catalogue
        self.search = QLineEdit()
        self.search.setObjectName("procedure_search")
        self.search.setPlaceholderText(self.tr("Search by code or name, e.g. khai sinh"))
        self.search.setClearButtonEnabled(True)
        self._model = QStandardItemModel(self)
        self.results = QListView()
        self.results.setObjectName("procedure_results")
        self.results.setModel(self._model)
        self.results.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.results.selectionModel().currentChanged.connect(self._on_results_current_changed)
        self._show(catalogue.procedures)

    def current(self) -> Procedure | None:
        index = self.results.currentIndex()
        if not index.isValid():
            return None
        return self._catalogue.get(str(index.data(_CODE_ROLE)))

    def select_code(self, code: str) -> None:
        for row in range(self._model.rowCount()):
            index = self._model.index(row, 0)
            if index.data(_CODE_ROLE) == code:
                self.results.setCurrentIndex(index)
                return

    def _show(self, procedures: tuple[Procedure, ...] | list[Procedure]) -> None:
        self._model.clear()
        for procedure in procedures:
            item = QStandardItem(procedure.name)
            item.setToolTip(f"{procedure.code}\n{procedure.field_name}")
            item.setData(procedure.code, _CODE_ROLE)
            self._model.appendRow(item)
        self.procedure_chosen.emit(None)

    def _on_search_text_changed(self, text: str) -> None:
        words = text.strip()
        self._show(self._catalogue.search(words) if words else self._catalogue.procedures)

    def _on_results_current_changed(self, *_args: object) -> None:
        self.procedure_chosen.emit(self.current())


class ComponentList(QGroupBox):
    """The dossier components the chosen procedure asks for, ticked as they are received."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Dossier components"))
        self.items = QListWidget()
        self.items.setObjectName("components")
        self.empty = QLabel(self.tr("Choose a procedure to see its components."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.items)

    def show_procedure(self, procedure: Procedure | None) -> None:
        self.items.clear()
        self.empty.setVisible(procedure is None)
        if procedure is None:
            return
        kinds = {
            "original": self.tr("original"),
            "copy": self.tr("copy"),
            "original_or_copy": self.tr("original or copy"),
        }
        for component in procedure.components:
            text = f"{component.name} — {kinds.get(component.kind, component.kind)}"
            text += f", {component.copies} " + self.tr("copies")
            if not component.required:
                text += " " + self.tr("(if any)")
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.items.addItem(item)
