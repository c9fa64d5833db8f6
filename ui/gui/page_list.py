"""The pages of the component being captured: thumbnails to reorder, rotate and delete."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap, QTransform
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from hardware.scanner.interface import ScannedPage
from reception.digitising.model import PageEdit
from ui.gui.digitising_service import THUMBNAIL, AcquiredPage

_PAGE_ROLE = Qt.ItemDataRole.UserRole
_TURNS_ROLE = Qt.ItemDataRole.UserRole + 1


class PageList(QListWidget):
    """Thumbnails in reading order; drag to reorder, rotate or delete the selected pages.

    The pixels are not touched here: a rotation is recorded as quarter turns and applied
    by the pipeline, off the GUI thread.
    """

    pages_changed = Signal(int)  # the number of pages now in the list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_list")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.setMovement(QListView.Movement.Snap)
        self.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWrapping(True)
        self.setSpacing(6)
        self.model().rowsMoved.connect(self._renumber)

    def add_pages(self, pages: list[AcquiredPage]) -> None:
        """Append pages after the ones already there."""
        for acquired in pages:
            item = QListWidgetItem(QIcon(QPixmap.fromImage(acquired.thumbnail)), "")
            item.setData(_PAGE_ROLE, acquired.page)
            item.setData(_TURNS_ROLE, 0)
            item.setToolTip(acquired.label)
            self.addItem(item)
        self._renumber()

    def set_pages(self, pages: list[tuple[AcquiredPage, int]]) -> None:
        """Show exactly ``pages`` (each with its quarter turns), replacing the list."""
        self.blockSignals(True)
        self.clear()
        self.blockSignals(False)
        for acquired, turns in pages:
            pixmap = QPixmap.fromImage(acquired.thumbnail)
            if turns:
                pixmap = pixmap.transformed(QTransform().rotate(90 * turns))
            item = QListWidgetItem(QIcon(pixmap), "")
            item.setData(_PAGE_ROLE, acquired.page)
            item.setData(_TURNS_ROLE, turns)
            item.setToolTip(acquired.label)
            self.addItem(item)
        self._renumber()

    def rotate_selected(self, quarter_turns: int) -> None:
        """Turn the selected pages by ``quarter_turns`` × 90° clockwise."""
        for item in self.selectedItems():
            turns = (int(item.data(_TURNS_ROLE)) + quarter_turns) % 4
            item.setData(_TURNS_ROLE, turns)
            pixmap = item.icon().pixmap(self.iconSize())
            item.setIcon(QIcon(pixmap.transformed(QTransform().rotate(90 * quarter_turns))))

    def delete_selected(self) -> None:
        for item in self.selectedItems():
            self.takeItem(self.row(item))
        self._renumber()

    def clear_pages(self) -> None:
        self.clear()
        self._renumber()

    def edited_pages(self) -> list[tuple[ScannedPage, PageEdit]]:
        """The pages in the order shown, each with the clerk's rotation."""
        result = []
        for row in range(self.count()):
            item = self.item(row)
            page = item.data(_PAGE_ROLE)
            assert isinstance(page, ScannedPage)
            result.append((page, PageEdit(quarter_turns=int(item.data(_TURNS_ROLE)))))
        return result

    def _renumber(self) -> None:
        for row in range(self.count()):
            self.item(row).setText(str(row + 1))
        self.pages_changed.emit(self.count())
