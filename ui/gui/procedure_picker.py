"""Choose the procedure (search by code or words, accents optional), and how each of its
components was received."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reception.dossiers.store import ComponentStatus, ResultDelivery
from reception.procedures.catalogue import Catalogue, Procedure

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
    """The dossier components the chosen procedure asks for, each with how it was received."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Dossier components"))
        self.items = QListWidget()
        self.items.setObjectName("components")
        self.empty = QLabel(self.tr("Choose a procedure to see its components."))
        self._status_boxes: dict[str, QComboBox] = {}
        self.sets = QSpinBox()
        self.sets.setObjectName("dossier_sets")
        self.sets.setRange(1, 99)
        self.delivery = QComboBox()
        self.delivery.setObjectName("result_delivery")
        self.delivery.addItem(self.tr("at the counter"), ResultDelivery.COUNTER.value)
        self.delivery.addItem(self.tr("by post"), ResultDelivery.POST.value)
        options = QFormLayout()
        options.addRow(self.tr("Number of dossier sets"), self.sets)
        options.addRow(self.tr("Result received"), self.delivery)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.items)
        layout.addLayout(options)

    def show_procedure(self, procedure: Procedure | None) -> None:
        """List the components of ``procedure``: required ones on paper, optional ones not
        received, until the clerk says otherwise."""
        self.items.clear()
        self._status_boxes.clear()
        self.sets.setValue(1)
        self.delivery.setCurrentIndex(0)
        self.empty.setVisible(procedure is None)
        if procedure is None:
            self.changed.emit()
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
            self._add_row(component.code, text, component.required)
        self.changed.emit()

    def statuses(self) -> dict[str, ComponentStatus]:
        """The status chosen for each component, by component code."""
        return {
            code: ComponentStatus(box.currentData()) for code, box in self._status_boxes.items()
        }

    def result_delivery(self) -> ResultDelivery:
        return ResultDelivery(str(self.delivery.currentData()))

    def set_status(self, code: str, status: ComponentStatus) -> None:
        box = self._status_boxes[code]
        box.setCurrentIndex(box.findData(status.value))

    def _add_row(self, code: str, text: str, required: bool) -> None:
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(4, 2, 4, 2)
        label = QLabel(text)
        label.setWordWrap(True)
        status = QComboBox()
        status.setObjectName(f"component_status_{code}")
        for value, words in (
            (ComponentStatus.PAPER, self.tr("paper")),
            (ComponentStatus.DIGITISED, self.tr("digitised")),
            (ComponentStatus.REUSED, self.tr("reused")),
            (ComponentStatus.NOT_RECEIVED, self.tr("not received")),
        ):
            status.addItem(words, value.value)
        default = ComponentStatus.PAPER if required else ComponentStatus.NOT_RECEIVED
        status.setCurrentIndex(status.findData(default.value))
        status.currentIndexChanged.connect(lambda _i: self.changed.emit())
        row_layout.addWidget(label, 1)
        row_layout.addWidget(status)
        item = QListWidgetItem()
        item.setData(_CODE_ROLE, code)
        item.setSizeHint(row.sizeHint())
        self.items.addItem(item)
        self.items.setItemWidget(item, row)
        self._status_boxes[code] = status
