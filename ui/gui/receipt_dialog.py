"""After a dossier is saved: preview its receipt (or Mẫu 02/03), print it, export it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reception.dossiers.store import Dossier
from reception.forms import FormKind, legal_basis
from ui.gui.clerk_settings import default_export_folder
from ui.messages import message_for


class ReceiptDialog(QDialog):
    """Shows the pages of a dossier's form; the work is done by a ``FormWorker`` thread.

    ``render_requested``, ``export_requested`` and ``print_requested`` go to the worker;
    ``on_rendered``, ``on_exported``, ``on_printed`` and ``on_failed`` come back from it.
    """

    render_requested = Signal(object, str)  # Dossier, form kind
    export_requested = Signal(object, str)  # PDF bytes, path
    print_requested = Signal(object, object)  # PDF bytes, QPrinter
    preview_shown = Signal(int)  # pages shown
    exported = Signal(str)
    printed = Signal(int)
    failed = Signal(str)  # the clerk's message

    def __init__(self, dossier: Dossier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dossier = dossier
        self.pdf: bytes | None = None
        self._printer: QPrinter | None = None  # kept alive until the worker has printed
        self.setWindowTitle(self.tr("Receipt — %1").replace("%1", dossier.code))
        self.form = QComboBox()
        self.form.setObjectName("form_kind")
        # Every form of one dossier under the basis it was received under (2018: 01–05,
        # 2025: 01–06), numbered as that basis numbers them; the ledger is not one dossier's.
        titles = self._form_titles()
        numbers = legal_basis(dossier.legal_basis).numbers
        for kind, number in sorted(numbers.items(), key=lambda item: item[1]):
            if kind is not FormKind.LEDGER:
                self.form.addItem(titles[kind].replace("%1", number), kind.value)
        self.form.currentIndexChanged.connect(self._on_form_changed)
        self.status = QLabel(self.tr("Preparing the form…"))
        self.status.setObjectName("receipt_status")
        self.page_area = QScrollArea()
        self.page_area.setObjectName("pages")
        self.page_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_area.setMinimumSize(790, 640)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("print")
        self.print_button.setDefault(True)
        self.export_button = QPushButton(self.tr("Export PDF…"))
        self.export_button.setObjectName("export_pdf")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_form)
        self.export_button.clicked.connect(self.export_form)
        top = QHBoxLayout()
        top.addWidget(self.form, 1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.page_area, 1)
        layout.addWidget(buttons)
        self._set_busy(True)

    def start(self) -> None:
        """Ask the worker for the selected form (call once the signals are connected)."""
        self._set_busy(True)
        self.status.setText(self.tr("Preparing the form…"))
        self.render_requested.emit(self.dossier, str(self.form.currentData()))

    @Slot(str, str, object, list)
    def on_rendered(self, code: str, kind: str, pdf: bytes, pages: list[QImage]) -> None:
        if code != self.dossier.code or kind != self.form.currentData():
            return  # an answer to an earlier choice
        self.pdf = pdf
        # A new sheet of pages each time: the scroll area sizes a widget when it is set.
        sheet = QWidget()
        column = QVBoxLayout(sheet)
        for image in pages:
            page = QLabel()
            pixmap = QPixmap.fromImage(image)
            page.setPixmap(pixmap)
            page.setFixedSize(pixmap.size())  # a page is never squeezed, the area scrolls
            page.setStyleSheet("border: 1px solid #999; background: white;")
            column.addWidget(page)
        self.page_area.setWidget(sheet)  # deletes the previous sheet
        self.status.setText(self.tr("%1 pages").replace("%1", str(len(pages))))
        self._set_busy(False)
        self.preview_shown.emit(len(pages))

    @Slot()
    def print_form(self) -> None:
        """Qt's print dialog, then the worker paints the pages."""
        if self.pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)  # the PDF carries the form's own margins
        printer.setDocName(self.dossier.code)
        if self._exec_print_dialog(printer) != QDialog.DialogCode.Accepted:
            return
        self._printer = printer
        self._set_busy(True)
        self.status.setText(self.tr("Printing…"))
        self.print_requested.emit(self.pdf, printer)

    def _exec_print_dialog(self, printer: QPrinter) -> int:
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the form"))
        return dialog.exec()

    @Slot()
    def export_form(self) -> None:
        if self.pdf is None:
            return
        # In the user's documents folder, named by the dossier's code.
        suggested = str(
            default_export_folder() / f"{self.dossier.code}_{self.form.currentData()}.pdf"
        )
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        if not path:
            return
        self._set_busy(True)
        self.export_requested.emit(self.pdf, path)

    @Slot(str)
    def on_exported(self, path: str) -> None:
        self._set_busy(False)
        self.status.setText(self.tr("Saved as %1").replace("%1", path))
        self.exported.emit(path)

    @Slot(int)
    def on_printed(self, pages: int) -> None:
        self._printer = None
        self._set_busy(False)
        self.status.setText(self.tr("Sent to the printer."))
        self.printed.emit(pages)

    @Slot(str, str)
    def on_worker_failed(self, code: str, _detail: str) -> None:
        self.on_failed(message_for(code))

    @Slot(str)
    def on_failed(self, message: str) -> None:
        self._printer = None
        self._set_busy(False)
        self.status.setText(message)
        self.failed.emit(message)

    def _form_titles(self) -> dict[FormKind, str]:
        """What each form is, %1 standing for its number under the dossier's basis."""
        return {
            FormKind.RECEIPT: self.tr("Receipt and appointment (Mẫu %1)"),
            FormKind.SUPPLEMENT_REQUEST: self.tr("Request to complete the dossier (Mẫu %1)"),
            FormKind.REFUSAL: self.tr("Refusal (Mẫu %1)"),
            FormKind.APOLOGY: self.tr("Apology and new appointment (Mẫu %1)"),
            FormKind.STOP_NOTICE: self.tr("Notice of stopping (Mẫu %1)"),
            FormKind.CONTROL_SHEET: self.tr("Control sheet (Mẫu %1)"),
            FormKind.LEDGER: self.tr("Ledger (Mẫu %1)"),
        }

    def _on_form_changed(self, _index: int) -> None:
        self.pdf = None
        self.start()

    def _set_busy(self, busy: bool) -> None:
        ready = not busy and self.pdf is not None
        self.print_button.setEnabled(ready)
        self.export_button.setEnabled(ready)
