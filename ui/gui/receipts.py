"""Opens the receipt dialog after a save, with a form worker on its own thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from reception.dossiers.store import Dossier
from reception.forms import FormKind
from reception.workstation.config import UnitConfig
from ui.gui.blocking import stop_thread, worker_thread
from ui.gui.clerk_settings import ReceiptOutput, default_export_folder
from ui.gui.form_worker import FormWorker
from ui.gui.receipt_dialog import ReceiptDialog


class ReceiptPrinter(QObject):
    """One form thread for the window; one dialog per saved dossier."""

    dialog_opened = Signal(object)  # ReceiptDialog
    receipt_written = Signal(str)  # path of the receipt PDF (ReceiptOutput.PDF)
    receipt_printed = Signal(int)  # pages sent to the default printer
    receipt_failed = Signal(str)  # error code
    form_delivered = Signal(str, str, str, str)  # code, ID number, form, printer|pdf
    _render_requested = Signal(object, str)  # to the worker
    _export_requested = Signal(object, str)
    _print_requested = Signal(object, object)

    def __init__(self, unit: UnitConfig, parent: QWidget) -> None:
        super().__init__(parent)
        self._pending: dict[str, tuple[ReceiptOutput, Path]] = {}
        self._printers: list[QPrinter] = []  # alive until the worker has painted them
        self._connected = False
        self._unit = unit
        self._window = parent
        #: Set before the first form (see :meth:`configure_forms`).
        self._wording_dir: Path | None = None
        self._deciding_agency: Callable[[Dossier], str] | None = None
        self._thread: QThread | None = None
        self._worker: FormWorker | None = None
        self.dialog: ReceiptDialog | None = None

    def show_for(self, dossier: Dossier) -> ReceiptDialog:
        """Open the preview of ``dossier``'s receipt (non-modal: the next citizen may come)."""
        worker = self._ensure_worker()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        dialog = ReceiptDialog(dossier, self._window)
        dialog.render_requested.connect(worker.render)
        dialog.export_requested.connect(worker.export)
        dialog.print_requested.connect(worker.print_pdf)
        worker.rendered.connect(dialog.on_rendered)
        worker.exported.connect(dialog.on_exported)
        worker.printed.connect(dialog.on_printed)
        worker.failed.connect(dialog.on_worker_failed)
        self.dialog = dialog
        dialog.show()
        dialog.start()
        self.dialog_opened.emit(dialog)
        return dialog

    def deliver(self, dossier: Dossier, output: ReceiptOutput, folder: Path | None) -> None:
        """What the clerk's setting says to do with a saved dossier's receipt.

        ``PREVIEW`` opens the dialog; ``PRINTER`` sends it to the default printer without
        a dialog; ``PDF`` writes ``<folder>/<code>_01.pdf``. Every step runs on the form
        thread; :attr:`receipt_written` or :attr:`receipt_printed` tell when it is done.
        """
        if output is ReceiptOutput.PREVIEW:
            self.show_for(dossier)
            return
        worker = self._ensure_worker()
        self._pending[dossier.code] = (output, folder or default_export_folder())
        if not self._connected:
            worker.rendered.connect(self._on_rendered)
            worker.exported.connect(self._on_exported)
            worker.printed.connect(self._on_printed)
            worker.failed.connect(self._on_failed)
            self._connected = True
        self._render_requested.emit(dossier, FormKind.RECEIPT.value)

    @Slot(str, str, object, list)
    def _on_rendered(self, code: str, kind: str, pdf: bytes, _pages: list[object]) -> None:
        pending = self._pending.pop(code, None)
        if pending is None or kind != FormKind.RECEIPT.value:
            return  # a preview dialog's own request
        output, folder = pending
        if output is ReceiptOutput.PDF:
            self._export_requested.emit(pdf, str(folder / f"{code}_01.pdf"))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # the default printer
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setFullPage(True)
        printer.setDocName(code)
        self._printers.append(printer)
        self._print_requested.emit(pdf, printer)

    @Slot(str)
    def _on_exported(self, path: str) -> None:
        self.receipt_written.emit(path)

    @Slot(int)
    def _on_printed(self, pages: int) -> None:
        if self._printers:
            self._printers.pop(0)
        self.receipt_printed.emit(pages)

    @Slot(str, str)
    def _on_failed(self, code: str, _detail: str) -> None:
        self.receipt_failed.emit(code)

    def configure_forms(
        self, wording_dir: Path | None, deciding_agency: Callable[[Dossier], str] | None
    ) -> None:
        """The administrator's wording folder and the deciding agency of a dossier, used by
        the form thread (made at the first form) as `reception receipt` uses them."""
        self._wording_dir = wording_dir
        self._deciding_agency = deciding_agency

    def shutdown(self) -> None:
        """Stop the form thread (waits for a printout in progress to finish)."""
        if self._thread is not None:
            stop_thread(self._thread)
            self._thread = None

    def _ensure_worker(self) -> FormWorker:
        if self._worker is None or self._thread is None:
            worker = FormWorker(
                self._unit, wording_dir=self._wording_dir, deciding_agency=self._deciding_agency
            )
            thread = worker_thread(worker, "forms", self, on_finish=worker.deleteLater)
            worker.delivered.connect(self.form_delivered)
            self._render_requested.connect(worker.render)
            self._export_requested.connect(worker.export)
            self._print_requested.connect(worker.print_pdf)
            self._connected = False
            thread.start()
            self._thread, self._worker = thread, worker
        return self._worker
