"""Opens the receipt dialog after a save, with a form worker on its own thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QWidget

from reception.dossiers.store import Dossier
from reception.workstation.config import UnitConfig
from ui.gui.form_worker import FormWorker
from ui.gui.receipt_dialog import ReceiptDialog


class ReceiptPrinter(QObject):
    """One form thread for the window; one dialog per saved dossier."""

    dialog_opened = Signal(object)  # ReceiptDialog
    form_delivered = Signal(str, str, str, str)  # code, ID number, form, printer|pdf

    def __init__(self, unit: UnitConfig, parent: QWidget) -> None:
        super().__init__(parent)
        self._unit = unit
        self._window = parent
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

    def shutdown(self) -> None:
        """Stop the form thread (waits for a printout in progress to finish)."""
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread = None

    def _ensure_worker(self) -> FormWorker:
        if self._worker is None or self._thread is None:
            thread = QThread(self)
            thread.setObjectName("forms")
            worker = FormWorker(self._unit)
            worker.delivered.connect(self.form_delivered)
            worker.moveToThread(thread)
            thread.finished.connect(worker.deleteLater)
            thread.start()
            self._thread, self._worker = thread, worker
        return self._worker
