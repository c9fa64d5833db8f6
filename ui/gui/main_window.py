"""The main window: applicant, procedure, components, today's dossiers, status bar."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from hardware.card.connection import ReaderInfo
from hardware.discovery import DeviceKind
from reception.dossiers.store import Dossier, DossierDraft
from reception.intake.qr_payload import QrParseResult
from reception.intake.qr_reading import FrameScan
from reception.procedures.catalogue import Catalogue, Procedure
from reception.procedures.working_calendar import WorkingCalendar
from reception.workstation.config import Config
from ui.composition import DeviceSet
from ui.gui.applicant_panel import ApplicantPanel
from ui.gui.dossier_checks import DossierChecks
from ui.gui.dossier_table import DossierTableModel
from ui.gui.procedure_picker import ComponentList, ProcedurePicker
from ui.gui.qr_file_worker import QrFileWorker
from ui.gui.qr_intake import QrIntake, QrSource
from ui.gui.receipts import ReceiptPrinter
from ui.gui.scanner_gun_worker import ScannerGunWorker
from ui.gui.scanner_wedge import KeyboardWedgeFilter
from ui.gui.status_bar import StatusBar
from ui.gui.workers import QrScanWorker
from ui.messages import message_for

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    save_requested = Signal(object)  # DossierDraft, to the DossierService thread
    qr_read = Signal(object)  # QrParseResult, after the panel is filled
    dossier_saved = Signal(object)  # Dossier, after the window has shown it
    service_failure_shown = Signal(str)  # the error code shown to the clerk
    open_check_requested = Signal(str, str)  # ID number, procedure code: to the service

    def __init__(
        self,
        config: Config,
        devices: DeviceSet,
        catalogue: Catalogue,
        parent: QWidget | None = None,
        *,
        calendar: WorkingCalendar | None = None,
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
        self.checks = DossierChecks(calendar or WorkingCalendar())
        self.receipts = ReceiptPrinter(config.unit, self)
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
        self._build_qr_intake()
        self.applicant.changed.connect(self._request_open_check)
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
        middle_layout.addWidget(self.checks)
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
        worker = QrScanWorker(self._devices.camera, self._devices.qr_reader)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.frame_captured.connect(self._on_scan_frame_captured)
        worker.payload_found.connect(self._on_scan_payload_found)
        worker.other_code_seen.connect(self._on_scan_other_code_seen)
        worker.failed.connect(self.on_service_failed)
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
        self.qr_intake.accept_result(result, QrSource.CAMERA)

    @Slot(str)
    def _on_scan_other_code_seen(self, _text: str) -> None:
        # A payment code or a poster's link in view: say so, and keep looking for the card.
        self.statusBar().showMessage(message_for("not_id_qr"), 5000)

    # -- Scanner guns and what every QR source leads to ---------------------------------

    def _build_qr_intake(self) -> None:
        self.qr_intake = QrIntake(self.applicant)
        self.qr_intake.payload_accepted.connect(self._on_qr_intake_payload_accepted)
        self.qr_intake.payload_refused.connect(self._on_qr_intake_payload_refused)
        # Keyboard-wedge guns: recognised wherever the focus is in this window.
        self.wedge = KeyboardWedgeFilter(self)
        self.wedge.burst_scanned.connect(self._on_wedge_burst_scanned)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.wedge)
        self._gun_thread: QThread | None = None
        self._gun_worker: ScannerGunWorker | None = None
        # A citizen's photo of their card, or a scanned copy (image or PDF).
        self.qr_file_action = QAction(self.tr("QR from file…"), self)
        self.qr_file_action.setObjectName("qr_from_file")
        self.qr_file_action.triggered.connect(self._on_qr_file_action_triggered)
        toolbar = self.findChild(QToolBar, "main_toolbar")
        if toolbar is not None:
            toolbar.insertAction(self.save_action, self.qr_file_action)
        self._file_thread: QThread | None = None
        self._file_worker: QrFileWorker | None = None

    @Slot(str)
    def _on_wedge_burst_scanned(self, text: str) -> None:
        self.qr_intake.accept_text(text, QrSource.KEYBOARD_WEDGE)

    @Slot(str)
    def _on_gun_payload_scanned(self, text: str) -> None:
        self.qr_intake.accept_text(text, QrSource.SERIAL_GUN)

    @Slot(object)
    def _on_qr_intake_payload_accepted(self, result: QrParseResult) -> None:
        QApplication.beep()
        # A short green frame around the preview: the clerk sees the read without looking
        # at the status bar (and without sound on muted counters).
        self.camera_view.setStyleSheet("border: 4px solid #2e7d32;")
        QTimer.singleShot(800, self.camera_view, lambda: self.camera_view.setStyleSheet(""))
        self.statusBar().showMessage(self.tr("ID card QR read."), 5000)
        self.qr_read.emit(result)

    @Slot(str)
    def _on_qr_intake_payload_refused(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    @Slot()
    def _on_qr_file_action_triggered(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Read the ID card QR from a file"),
            "",
            self.tr("Photos and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.pdf)"),
        )
        if name:
            self.read_qr_file(Path(name))

    def read_qr_file(self, path: Path) -> None:
        """Decode the ID card QR in a photo or PDF on a worker thread."""
        if self._file_thread is not None:
            return
        thread = QThread(self)
        worker = QrFileWorker(path, self._devices.qr_reader)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.scanned.connect(self._on_qr_file_scanned)
        worker.failed.connect(self._on_qr_file_failed)
        worker.finished.connect(thread.quit)
        thread.finished.connect(self._on_qr_file_thread_finished)
        self._file_thread, self._file_worker = thread, worker
        self.qr_file_action.setEnabled(False)
        thread.start()

    @Slot(object)
    def _on_qr_file_scanned(self, scan: FrameScan) -> None:
        if scan.result is not None:
            self.qr_intake.accept_result(scan.result, QrSource.FILE)
        elif scan.other_codes:
            self.qr_intake.accept_text(scan.other_codes[0], QrSource.FILE)
        else:
            self.statusBar().showMessage(self.tr("No QR code found in the file."), 10000)

    @Slot(str, str)
    def _on_qr_file_failed(self, code: str, detail: str) -> None:
        log.info("QR file not readable: %s", code)
        QMessageBox.warning(
            self, self.tr("Reception"), self.tr("This file cannot be read as a photo or a PDF.")
        )

    @Slot()
    def _on_qr_file_thread_finished(self) -> None:
        if self._file_worker is not None:
            self._file_worker.deleteLater()
        if self._file_thread is not None:
            self._file_thread.deleteLater()
        self._file_thread, self._file_worker = None, None
        self.qr_file_action.setEnabled(True)

    def start_scanner_gun(self) -> None:
        """Listen to the configured serial scanner gun on its own thread (if any)."""
        gun = self._devices.scanner_gun
        if gun is None or self._gun_thread is not None:
            return
        thread = QThread(self)
        thread.setObjectName("scanner_gun")
        worker = ScannerGunWorker(gun)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.payload_scanned.connect(self._on_gun_payload_scanned)
        worker.failed.connect(self.on_service_failed)
        worker.finished.connect(thread.quit)
        self._gun_thread, self._gun_worker = thread, worker
        thread.start()

    def stop_scanner_gun(self) -> None:
        if self._gun_worker is not None:
            self._gun_worker.stop()
        if self._gun_thread is not None:
            self._gun_thread.quit()
            self._gun_thread.wait()
        self._gun_thread, self._gun_worker = None, None

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
        draft = DossierDraft.for_procedure(
            procedure,
            self.applicant.applicant(),
            self.components.statuses(),
            delivery=self.components.result_delivery(),
            sets=self.components.sets.value(),
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
        self.receipts.show_for(dossier)
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
        self.checks.clear_duplicate()

    @Slot(list)
    def on_readers_changed(self, readers: list[ReaderInfo]) -> None:
        self.status.show_readers(readers)

    @Slot(str, str)
    def on_service_failed(self, code: str, detail: str) -> None:
        log.warning("operation failed: %s", code)
        self.save_action.setEnabled(True)
        # Not modal-blocking: a worker's failure must not stop the event loop (other workers
        # keep reporting) and the clerk may keep working on the form.
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Reception"),
            message_for(code),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("service_failure")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.service_failure_shown.emit(code)

    def _on_picker_procedure_chosen(self, procedure: Procedure | None) -> None:
        self.components.show_procedure(procedure)
        self.checks.show_procedure(procedure)
        self._request_open_check()

    def _request_open_check(self) -> None:
        """Ask the database thread whether this person has an open dossier for this procedure."""
        procedure = self.picker.current()
        id_number = self.applicant.field_text("id_number")
        if procedure is None or len(id_number) != 12 or not id_number.isdigit():
            self.checks.clear_duplicate()
            return
        self.checks.expect_open_dossiers(id_number, procedure.code)
        self.open_check_requested.emit(id_number, procedure.code)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.stop_qr_scan()
        self.stop_scanner_gun()
        if self._file_thread is not None:  # a file read is short: let it end
            self._file_thread.quit()
            self._file_thread.wait()
        self.receipts.shutdown()
        super().closeEvent(event)
