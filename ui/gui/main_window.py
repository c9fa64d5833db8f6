"""The main window: applicant, procedure, components, today's dossiers, status bar."""

from __future__ import annotations

import logging

from PySide6.QtCore import QThread, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hardware.card.connection import ReaderInfo
from hardware.discovery import DeviceKind
from reception.config import Config
from reception.dossiers import Dossier, DossierDraft
from reception.procedures import Catalogue, Procedure
from reception.qr_payload import QrParseResult
from ui.composition import DeviceSet
from ui.gui.applicant_panel import ApplicantPanel
from ui.gui.dossier_table import DossierTableModel
from ui.gui.procedure_picker import ComponentList, ProcedurePicker
from ui.gui.status_bar import StatusBar
from ui.gui.workers import QrScanWorker
from ui.messages import message_for

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    save_requested = Signal(object)  # DossierDraft, to the DossierService thread
    qr_read = Signal(object)  # QrParseResult, after the panel is filled
    dossier_saved = Signal(object)  # Dossier, after the window has shown it

    def __init__(
        self,
        config: Config,
        devices: DeviceSet,
        catalogue: Catalogue,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self._devices = devices
        self._scan_thread: QThread | None = None
        self._scan_worker: QrScanWorker | None = None
        title = self.tr("Reception — %1").replace("%1", config.unit.name)
        self.setWindowTitle(title)

        self.applicant = ApplicantPanel()
        self.camera_view = QLabel(self.tr("Camera preview"))
        self.camera_view.setObjectName("camera_view")
        self.camera_view.setMinimumSize(320, 180)
        self.camera_view.setScaledContents(True)
        self.picker = ProcedurePicker(catalogue)
        self.components = ComponentList()
        self.dossier_model = DossierTableModel(self)
        self.dossier_table = QTableView()
        self.dossier_table.setObjectName("today_dossiers")
        self.dossier_table.setModel(self.dossier_model)
        self.dossier_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.dossier_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self._lay_out()
        self.status = self._build_status_bar(devices)
        self.scan_action = self._action(self.tr("Scan QR"), "scan_qr", QKeySequence("F2"))
        self.scan_action.setEnabled(devices.camera is not None)
        self.scan_action.triggered.connect(self.start_qr_scan)
        self.save_action = self._action(
            self.tr("Save dossier"), "save_dossier", QKeySequence(QKeySequence.StandardKey.Save)
        )
        self.save_action.triggered.connect(self.save_dossier)
        self.new_action = self._action(
            self.tr("New dossier"), "new_dossier", QKeySequence(QKeySequence.StandardKey.New)
        )
        self.new_action.triggered.connect(self.new_dossier)
        toolbar = self.addToolBar(self.tr("Reception"))
        toolbar.setObjectName("main_toolbar")
        for action in (self.new_action, self.scan_action, self.save_action):
            toolbar.addAction(action)

        self.picker.procedure_chosen.connect(self._on_picker_procedure_chosen)
        self.resize(1280, 820)

    def _action(self, text: str, name: str, shortcut: QKeySequence) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(shortcut)
        return action

    def _lay_out(self) -> None:
        today = QGroupBox(self.tr("Today's dossiers"))
        QVBoxLayout(today).addWidget(self.dossier_table)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.applicant)
        left_layout.addWidget(self.camera_view)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.addWidget(self.picker, 2)
        middle_layout.addWidget(self.components, 1)
        top = QSplitter()
        top.addWidget(left)
        top.addWidget(middle)
        central = QSplitter()
        central.setOrientation(central.orientation().Vertical)
        central.addWidget(top)
        central.addWidget(today)
        central.setStretchFactor(0, 3)
        central.setStretchFactor(1, 1)
        holder = QWidget()
        QHBoxLayout(holder).addWidget(central)
        self.setCentralWidget(holder)

    def _build_status_bar(self, devices: DeviceSet) -> StatusBar:
        status = StatusBar(devices.simulated)
        self.setStatusBar(status)
        status.show_device(
            DeviceKind.CAMERA, self.tr("ready") if devices.camera else self.tr("none")
        )
        status.show_device(
            DeviceKind.SCANNER, self.tr("ready") if devices.scanner else self.tr("none")
        )
        status.show_readers([])
        status.show_queue(0)
        return status

    # -- QR scanning -------------------------------------------------------------------

    @Slot()
    def start_qr_scan(self) -> None:
        """Open the camera on a worker thread and decode until an ID card QR is found."""
        if self._devices.camera is None or self._scan_thread is not None:
            return
        thread = QThread(self)
        worker = QrScanWorker(self._devices.camera, self._devices.qr_decoders)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.frame_captured.connect(self._on_scan_frame_captured)
        worker.payload_found.connect(self._on_scan_payload_found)
        worker.failed.connect(self._on_worker_failed)
        worker.finished.connect(thread.quit)
        thread.finished.connect(self._on_scan_thread_finished)
        self._scan_thread, self._scan_worker = thread, worker
        self.scan_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Show the QR code of the ID card to the camera…"))
        thread.start()

    def stop_qr_scan(self) -> None:
        if self._scan_worker is not None:
            self._scan_worker.stop()
        if self._scan_thread is not None:
            self._scan_thread.quit()
            self._scan_thread.wait()

    @Slot(QImage)
    def _on_scan_frame_captured(self, image: QImage) -> None:
        self.camera_view.setPixmap(QPixmap.fromImage(image))

    @Slot(object)
    def _on_scan_payload_found(self, result: QrParseResult) -> None:
        QApplication.beep()
        self.applicant.fill_from_qr(result)
        self.statusBar().showMessage(self.tr("ID card QR read."), 5000)
        self.qr_read.emit(result)

    @Slot()
    def _on_scan_thread_finished(self) -> None:
        if self._scan_worker is not None:
            self._scan_worker.deleteLater()
        if self._scan_thread is not None:
            self._scan_thread.deleteLater()
        self._scan_thread, self._scan_worker = None, None
        self.scan_action.setEnabled(self._devices.camera is not None)

    # -- Dossiers ----------------------------------------------------------------------

    @Slot()
    def save_dossier(self) -> None:
        procedure = self.picker.current()
        problems = self.applicant.problems()
        if procedure is None:
            problems.insert(0, self.tr("Choose a procedure."))
        if problems:
            QMessageBox.warning(self, self.tr("Cannot save yet"), "\n".join(problems))
            return
        assert procedure is not None
        draft = DossierDraft(
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            applicant=self.applicant.applicant(),
        )
        self.save_action.setEnabled(False)
        self.save_requested.emit(draft)

    @Slot(object)
    def on_dossier_saved(self, dossier: Dossier) -> None:
        self.save_action.setEnabled(True)
        self.statusBar().showMessage(
            self.tr("Dossier %1 saved.").replace("%1", dossier.code), 10000
        )
        self.new_dossier()
        self.dossier_saved.emit(dossier)

    @Slot(list)
    def on_today_loaded(self, dossiers: list[Dossier]) -> None:
        self.dossier_model.set_dossiers(dossiers)

    @Slot(int)
    def on_unsent_counted(self, count: int) -> None:
        self.status.show_queue(count)

    @Slot()
    def new_dossier(self) -> None:
        self.applicant.clear()
        self.picker.search.clear()
        self.components.show_procedure(None)

    @Slot(list)
    def on_readers_changed(self, readers: list[ReaderInfo]) -> None:
        self.status.show_readers(readers)

    @Slot(str, str)
    def _on_worker_failed(self, code: str, detail: str) -> None:
        self.on_service_failed(code, detail)

    @Slot(str, str)
    def on_service_failed(self, code: str, detail: str) -> None:
        log.warning("operation failed: %s", code)
        self.save_action.setEnabled(True)
        QMessageBox.warning(self, self.tr("Reception"), message_for(code))

    def _on_picker_procedure_chosen(self, procedure: Procedure | None) -> None:
        self.components.show_procedure(procedure)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.stop_qr_scan()
        super().closeEvent(event)
