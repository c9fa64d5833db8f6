"""Choose the procedure (search by code or words, accents optional), and how each of its
components was received."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
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
from reception.procedures.procedure import Presentation
from ui.gui.walk_in_model import WalkInModel

_CODE_ROLE = Qt.ItemDataRole.UserRole + 1


class ProcedurePicker(QGroupBox):
    """A search box over the catalogue and the list of matches."""

    procedure_chosen = Signal(object)  # Procedure | None
    procedure_confirmed = Signal()  # Enter on the search or a match: move on

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
        # A long name ends in "…" (whole in its tooltip) rather than scrolling sideways.
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self.search.textChanged.connect(self._on_search_text_changed)
        # Enter takes the first match: a few letters and Enter choose the procedure.
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.results.selectionModel().currentChanged.connect(self._on_results_current_changed)
        self.results.activated.connect(lambda _index: self.procedure_confirmed.emit())
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
        chosen = self.current()
        self.results.selectionModel().blockSignals(True)
        self._model.clear()
        for procedure in procedures:
            item = QStandardItem(procedure.name)
            item.setToolTip(f"{procedure.name}\n{procedure.code} · {procedure.field_name}")
            item.setData(procedure.code, _CODE_ROLE)
            self._model.appendRow(item)
        self.results.selectionModel().blockSignals(False)
        # The procedure chosen stays chosen while it is still among the matches.
        if chosen is not None and chosen.code in {p.code for p in procedures}:
            self.select_code(chosen.code)
        else:
            self.procedure_chosen.emit(None)

    def _on_search_text_changed(self, text: str) -> None:
        words = text.strip()
        self._show(self._catalogue.search(words) if words else self._catalogue.procedures)

    def clear(self) -> None:
        """Empty the search and show the whole catalogue, nothing chosen."""
        self.search.clear()
        self.results.clearSelection()
        self.results.setCurrentIndex(self._model.index(-1, 0))

    def _on_search_return_pressed(self) -> None:
        if self._model.rowCount() == 0:
            return
        if not self.results.currentIndex().isValid():
            self.results.setCurrentIndex(self._model.index(0, 0))
        self.procedure_confirmed.emit()

    def _on_results_current_changed(self, *_args: object) -> None:
        self.procedure_chosen.emit(self.current())


class ComponentList(QGroupBox):
    """The components of the dossier in reception: how each is received, its pages, and
    which one the next capture goes into (the current row). Shows the :class:`WalkInModel`."""

    changed = Signal()

    def __init__(self, model: WalkInModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Dossier components"))
        self.model = model or WalkInModel(self)
        self.items = QListWidget()
        self.items.setObjectName("components")
        self.items.setToolTip(self.tr("F4 captures the pages of the highlighted component"))
        # Each row is as wide as the list and as tall as its wrapped text needs: the status
        # stays in view at 1280 px, the list never scrolls sideways.
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.setResizeMode(QListView.ResizeMode.Adjust)
        self.items.viewport().installEventFilter(self)
        self.empty = QLabel(self.tr("Choose a procedure to see its components."))
        self._status_boxes: dict[str, QComboBox] = {}
        self._page_labels: dict[str, QLabel] = {}
        self.sets = QSpinBox()
        self.sets.setObjectName("dossier_sets")
        self.sets.setRange(1, 99)
        self.delivery = QComboBox()
        self.delivery.setObjectName("result_delivery")
        self.delivery.addItem(self.tr("at the counter"), ResultDelivery.COUNTER.value)
        self.delivery.addItem(self.tr("by post"), ResultDelivery.POST.value)
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Sets")))
        options.addWidget(self.sets)
        options.addWidget(QLabel(self.tr("Result received")))
        options.addWidget(self.delivery, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.items, 1)
        layout.addLayout(options)
        self.model.procedure_changed.connect(self.show_procedure)
        self.model.components_changed.connect(self._show_components)
        self.model.reset.connect(lambda: self.show_procedure(None))
        self.items.currentRowChanged.connect(self.model.set_current)
        self.sets.valueChanged.connect(self._on_sets_value_changed)
        self.delivery.currentIndexChanged.connect(self._on_delivery_changed)

    def show_procedure(self, procedure: Procedure | None) -> None:
        """List the model's components (those of ``procedure``)."""
        self.model.choose_procedure(procedure)
        self.items.blockSignals(True)
        self.items.clear()
        self.items.blockSignals(False)
        self._status_boxes.clear()
        self._page_labels.clear()
        self.sets.setValue(self.model.walk_in.sets)
        self.delivery.setCurrentIndex(self.delivery.findData(self.model.walk_in.delivery.value))
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
            text = (
                f"{component.code} · {component.name} — {kinds.get(component.kind, component.kind)}"
            )
            text += f", {component.copies} " + self.tr("copies")
            if not component.required:
                text += " " + self.tr("(if any)")
            shown_only = component.presentation is Presentation.SHOW_ONLY
            if shown_only:
                text += " — " + self.tr("shown to be checked, handed back")
            self._add_row(component.code, text, shown_only=shown_only)
        self._show_components()
        self.changed.emit()

    def statuses(self) -> dict[str, ComponentStatus]:
        """The status of each component, by component code."""
        return {c.code: c.status for c in self.model.walk_in.components}

    def result_delivery(self) -> ResultDelivery:
        return ResultDelivery(str(self.delivery.currentData()))

    def set_status(self, code: str, status: ComponentStatus) -> None:
        self.model.set_status(code, status)

    def _show_components(self) -> None:
        walk_in = self.model.walk_in
        for component in walk_in.components:
            box = self._status_boxes.get(component.code)
            if box is None:
                continue
            box.blockSignals(True)
            box.setCurrentIndex(box.findData(component.status.value))
            box.blockSignals(False)
            pages = len(component.pages)
            label = self._page_labels[component.code]
            if component.reused is not None:
                label.setText(self.tr("kept copy"))
            else:
                label.setText(self.tr("%1 p.").replace("%1", str(pages)) if pages else "")
        if self.items.count() and self.items.currentRow() != walk_in.current:
            self.items.blockSignals(True)
            self.items.setCurrentRow(walk_in.current)
            self.items.blockSignals(False)
        self.changed.emit()

    def _add_row(self, code: str, text: str, *, shown_only: bool = False) -> None:
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(4, 2, 4, 2)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setToolTip(text)
        pages = QLabel()
        pages.setObjectName(f"component_pages_{code}")
        status = QComboBox()
        status.setObjectName(f"component_status_{code}")
        status.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes through the list itself
        # A paper only shown is checked and handed back: nothing is submitted, captured or
        # reused for it ("shown" is kept as a received status, never listed as submitted).
        choices = (
            (
                (ComponentStatus.PAPER, self.tr("shown, checked")),
                (ComponentStatus.NOT_RECEIVED, self.tr("not shown")),
            )
            if shown_only
            else (
                (ComponentStatus.PAPER, self.tr("paper")),
                (ComponentStatus.DIGITISED, self.tr("digitised")),
                (ComponentStatus.REUSED, self.tr("reused")),
                (ComponentStatus.NOT_RECEIVED, self.tr("not received")),
            )
        )
        for value, words in choices:
            status.addItem(words, value.value)
        status.currentIndexChanged.connect(
            lambda _i, c=code, box=status: self.model.set_status(
                c, ComponentStatus(str(box.currentData()))
            )
        )
        row_layout.addWidget(label, 1)
        row_layout.addWidget(pages)
        row_layout.addWidget(status)
        item = QListWidgetItem()
        item.setData(_CODE_ROLE, code)
        self.items.addItem(item)
        self.items.setItemWidget(item, row)
        self._fit_row(item, row, self.items.viewport().width())
        self._status_boxes[code] = status
        self._page_labels[code] = pages

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.items.viewport() and event.type() == QEvent.Type.Resize:
            width = self.items.viewport().width()
            for index in range(self.items.count()):
                item = self.items.item(index)
                row = self.items.itemWidget(item)
                if row is not None:
                    self._fit_row(item, row, width)
        return False

    @staticmethod
    def _fit_row(item: QListWidgetItem, row: QWidget, width: int) -> None:
        """The row ``width`` wide (the list's) and as tall as its text wraps to."""
        height = row.heightForWidth(width) if row.hasHeightForWidth() else -1
        item.setSizeHint(QSize(width, max(height, row.minimumSizeHint().height())))

    def _on_sets_value_changed(self, value: int) -> None:
        self.model.walk_in.sets = value

    def _on_delivery_changed(self, _index: int) -> None:
        data = self.delivery.currentData()
        if data is not None:
            self.model.walk_in.delivery = ResultDelivery(str(data))
