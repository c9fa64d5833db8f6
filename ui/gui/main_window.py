"""The main window: applicant, procedure, components, today's dossiers, status bar."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QThread, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QImage, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from hardware.card.connection import ReaderInfo
from hardware.discovery import DeviceKind
from hardware.imaging.image_files import load_pages
from reception.digitising.model import ComponentInfo
from reception.digitising.reuse_store import StoredComponent
from reception.dossiers.store import ComponentStatus, Dossier
from reception.identity.vneid import VneidAccountVerifier, VneidAnswer, verified_flag
from reception.intake.qr_payload import QrParseResult
from reception.intake.qr_reading import FrameScan, scan_pages
from reception.procedures.catalogue import Catalogue, Procedure
from reception.procedures.working_calendar import WorkingCalendar
from reception.workstation.config import Config
from ui.composition import DeviceSet
from ui.gui.applicant_panel import ApplicantPanel
from ui.gui.blocking import run_blocking, stop_thread, worker_thread
from ui.gui.camera_view import CameraView
from ui.gui.capture_panel import CapturePanel
from ui.gui.clerk_settings import ClerkSettings, ReceiptOutput
from ui.gui.digitising_service import DigitiseJob
from ui.gui.dossier_checks import DossierChecks
from ui.gui.dossier_table import DossierTableModel
from ui.gui.dossier_view import DossierView
from ui.gui.procedure_picker import ComponentList, ProcedurePicker
from ui.gui.qr_intake import QrIntake, QrSource
from ui.gui.receipts import ReceiptPrinter
from ui.gui.scanner_gun_worker import ScannerGunWorker
from ui.gui.scanner_wedge import KeyboardWedgeFilter
from ui.gui.signing_pin import SigningSession
from ui.gui.status_bar import StatusBar
from ui.gui.walk_in_model import WalkInModel
from ui.gui.workers import QrScanWorker, SaveRequest
from ui.messages import message_for

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    save_requested = Signal(object)  # SaveRequest, to the DossierService thread
    code_reservation_requested = Signal(str)  # token, to the DossierService thread
    pdf_requested = Signal(object)  # DigitiseJob, to the digitising service's thread
    dossier_requested = Signal(str)  # code, to the DossierService thread (read-only view)
    save_failure_shown = Signal(str)  # the error code of a failed save, once shown
    dossier_view_opened = Signal(object)  # DossierView
    retry_upload_requested = Signal(str)  # dossier code, to the upload worker
    qr_read = Signal(object)  # QrParseResult, after the panel is filled
    dossier_saved = Signal(object)  # Dossier, after the window has shown it
    service_failure_shown = Signal(str)  # the error code shown to the clerk
    open_check_requested = Signal(str, str)  # ID number, procedure code: to the service
    vneid_checked = Signal(bool)  # the VNeID service's answer was recorded (True: yes)

    def __init__(
        self,
        config: Config,
        devices: DeviceSet,
        catalogue: Catalogue,
        parent: QWidget | None = None,
        *,
        calendar: WorkingCalendar | None = None,
        settings: ClerkSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.settings = settings
        self._devices = devices
        self.devices = devices
        self._saving = False
        self._pdf_service_connected = False
        self._pending_save: SaveRequest | None = None
        #: The signing token's PIN, once per session (ui.gui.signing_pin); None: never asked.
        self.signing: SigningSession | None = None
        self._pdfs_made: dict[str, tuple[str, str]] = {}
        #: The one dossier in reception; every panel shows it.
        self.model = WalkInModel(self)
        self._scan_thread: QThread | None = None
        self._scan_worker: QrScanWorker | None = None
        title = self.tr("Reception — %1").replace("%1", config.unit.name)
        self.setWindowTitle(title)

        self.applicant = ApplicantPanel(self.model)
        self.camera_view = CameraView()
        self.picker = ProcedurePicker(catalogue)
        self.components = ComponentList(self.model)
        self.capture = CapturePanel(self.model)
        self.checks = DossierChecks(calendar or WorkingCalendar())
        self.receipts = ReceiptPrinter(config.unit, self)
        self.dossier_model = DossierTableModel(self)
        self.dossier_table = QTableView()
        self.dossier_table.setObjectName("today_dossiers")
        self.dossier_table.setModel(self.dossier_model)
        self.dossier_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.dossier_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.dossier_table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        # Double-click or Enter on a row: the saved dossier, read-only.
        self.dossier_table.activated.connect(self._on_dossier_table_activated)
        self._lay_out()
        self.status = self._build_status_bar(devices)
        self._build_actions(devices)
        toolbar = self.addToolBar(self.tr("Reception"))
        toolbar.setObjectName("main_toolbar")
        for action in (self.new_action, self.scan_action, self.save_action):
            toolbar.addAction(action)

        self.picker.procedure_chosen.connect(self._on_picker_procedure_chosen)
        self.picker.procedure_confirmed.connect(self._on_picker_procedure_confirmed)
        self.model.reset.connect(self._on_model_reset)
        self.capture.problem_shown.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.capture.device_failed.connect(
            lambda text: self.status.show_device_failure(DeviceKind.SCANNER, text)
        )
        self.capture.device_worked.connect(
            lambda: self.status.clear_device_failure(DeviceKind.SCANNER)
        )
        self.receipts.receipt_failed.connect(
            lambda code: self.statusBar().showMessage(message_for(code), 30000)
        )
        self._build_qr_intake()
        self.applicant.changed.connect(self._request_open_check)
        self._build_menus()
        self.resize(1280, 720)

    def _build_actions(self, devices: DeviceSet) -> None:
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
        self.quit_action = self._action(
            self.tr("Quit"), "quit", QKeySequence(QKeySequence.StandardKey.Quit)
        )
        self.quit_action.triggered.connect(self._on_quit_triggered)
        self.find_procedure_action = self._action(
            self.tr("Find the procedure"), "find_procedure", QKeySequence("F3")
        )
        self.find_procedure_action.triggered.connect(self._focus_procedure_search)
        self.today_action = self._action(
            self.tr("Today's dossiers"), "today_dossiers", QKeySequence("F6")
        )
        self.today_action.triggered.connect(self.dossier_table.setFocus)
        self.open_dossier_action = self._action(
            self.tr("Open the selected dossier"), "open_dossier", QKeySequence("Ctrl+Return")
        )
        self.open_dossier_action.triggered.connect(self._open_selected_dossier)
        # The QR just read was on the citizen's phone (the VNeID app), not on the card.
        self.vneid_action = self._action(
            self.tr("QR shown on VNeID"), "shown_on_vneid", QKeySequence("F7")
        )
        self.vneid_action.setToolTip(
            self.tr("The QR just read was shown on the VNeID app: record VNeID as its source")
        )
        self.vneid_action.triggered.connect(self.mark_shown_on_vneid)
        #: The operator of digitised copies and saved dossiers: the signed-in clerk (set by
        #: the app; the workstation's name while no clerk account exists).
        self.operator: Callable[[], str] = lambda: self.config.workstation.name
        #: The signed-in clerk's full name, printed in the conversion mark of each copy.
        self.operator_full_name: Callable[[], str] = lambda: self.config.workstation.name
        #: Asked whether the person holds a verified VNeID account (None: not asked).
        self.vneid_verifier: VneidAccountVerifier | None = None

    def _action(self, text: str, name: str, shortcut: QKeySequence) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(shortcut)
        self.addAction(action)  # its shortcut works wherever the focus is in the window
        return action

    def _lay_out(self) -> None:
        today = QGroupBox(self.tr("Today's dossiers"))
        QVBoxLayout(today).addWidget(self.dossier_table)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.applicant)
        left_layout.addWidget(self.camera_view)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.picker, 2)
        middle_layout.addWidget(self.components, 2)
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
        dock = QDockWidget(self.capture.title(), self)
        self.capture.setTitle("")  # the dock shows it
        dock.setObjectName("capture_dock")
        dock.setWidget(self.capture)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)

    def _build_menus(self) -> None:
        """Every action in a menu, with its shortcut shown: the clerk never needs the mouse."""
        bar = self.menuBar()
        dossier = bar.addMenu(self.tr("&Dossier"))
        for action in (self.new_action, self.save_action):
            dossier.addAction(action)
        dossier.addSeparator()
        dossier.addAction(self.quit_action)
        applicant = bar.addMenu(self.tr("&Applicant"))
        for action in (self.scan_action, self.qr_file_action, self.vneid_action):
            applicant.addAction(action)
        self.applicant_menu = applicant
        components = bar.addMenu(self.tr("&Components"))
        components.addAction(self.find_procedure_action)
        components.addAction(self.capture.capture_action)
        self.addAction(self.capture.capture_action)  # F4 wherever the focus is
        self.today_menu = bar.addMenu(self.tr("&Today"))
        self.today_menu.addAction(self.today_action)
        self.today_menu.addAction(self.open_dossier_action)
        self.settings_menu = bar.addMenu(self.tr("&Settings"))
        if self.settings is not None:
            self._build_settings_menu(self.settings_menu, self.settings)

    def _build_settings_menu(self, menu: QMenu, settings: ClerkSettings) -> None:
        receipt = menu.addMenu(self.tr("On saving, the receipt goes"))
        group = QActionGroup(self)
        for output, text in (
            (ReceiptOutput.PREVIEW, self.tr("to a preview")),
            (ReceiptOutput.PRINTER, self.tr("to the default printer")),
            (ReceiptOutput.PDF, self.tr("to a PDF file")),
        ):
            action = receipt.addAction(text)
            action.setObjectName(f"receipt_output_{output.value}")
            action.setCheckable(True)
            action.setChecked(settings.receipt_output is output)
            action.triggered.connect(lambda _c=False, o=output: self._set_receipt_output(o))
            group.addAction(action)
        language = menu.addMenu(self.tr("Language (after a restart)"))
        languages = QActionGroup(self)
        current = settings.language or self.config.language
        for code, text in (("vi", "Tiếng Việt"), ("en", "English")):
            action = language.addAction(text)
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(current == code)
            action.triggered.connect(lambda _c=False, c=code: self._set_language(c))
            languages.addAction(action)

    def _set_receipt_output(self, output: ReceiptOutput) -> None:
        if self.settings is not None:
            self.settings.receipt_output = output

    def _set_language(self, code: str) -> None:
        if self.settings is not None:
            self.settings.language = code
        self.statusBar().showMessage(
            self.tr("The language changes when the window is opened again."), 10000
        )

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
    def mark_shown_on_vneid(self) -> None:
        """Record the QR just read as shown on the VNeID app, and ask the verification
        service (off the GUI thread) whether the account is verified: only its yes sets
        the sync flag."""
        if not self.model.mark_shown_on_vneid():
            self.statusBar().showMessage(self.tr("Read the QR on the VNeID app first."), 10000)
            return
        self.applicant.show_sources()
        identity = self.model.walk_in.identity
        verifier = self.vneid_verifier
        if verifier is None or identity is None or not identity.id_number:
            self.statusBar().showMessage(self.tr("Source: VNeID (account not checked)."), 10000)
            return
        id_number, name = identity.id_number, identity.full_name
        self.statusBar().showMessage(self.tr("Source: VNeID; checking the account…"))

        def answered(answer: object) -> None:
            verified = verified_flag(answer if isinstance(answer, VneidAnswer) else None)
            self.model.set_vneid_verified(id_number, verified)
            self.statusBar().showMessage(
                self.tr("VNeID account verified.")
                if verified
                else self.tr("VNeID account not verified (the service did not say yes)."),
                15000,
            )
            self.vneid_checked.emit(verified)

        def failed(_code: str, _detail: str) -> None:
            self.statusBar().showMessage(
                self.tr("VNeID account not verified (the service did not say yes)."), 15000
            )
            self.vneid_checked.emit(False)

        run_blocking(lambda: verifier.verify(id_number, name), on_done=answered, on_failed=failed)

    def start_qr_scan(self) -> None:
        """Open the camera on a worker thread and decode until an ID card QR is found."""
        if self._devices.camera is None or self._scan_thread is not None:
            return
        worker = QrScanWorker(self._devices.camera, self._devices.qr_reader)
        thread = worker_thread(worker, "qr_camera", self, on_start=worker.run)
        worker.frame_captured.connect(self._on_scan_frame_captured)
        worker.payload_found.connect(self._on_scan_payload_found)
        worker.other_code_seen.connect(self._on_scan_other_code_seen)
        worker.failed.connect(self._on_camera_failed)
        worker.finished.connect(thread.quit)
        thread.finished.connect(self._on_scan_thread_finished)
        self._scan_thread, self._scan_worker = thread, worker
        self.scan_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Show the QR code of the ID card to the camera…"))
        thread.start()

    @Slot(str, str)
    def _on_camera_failed(self, code: str, detail: str) -> None:
        """The camera failed or was unplugged: said in the status bar, and in a box."""
        self.status.show_device_failure(DeviceKind.CAMERA, message_for(code))
        self.on_service_failed(code, detail)

    def stop_qr_scan(self) -> None:
        if self._scan_worker is not None:
            self._scan_worker.stop()
        if self._scan_thread is not None:
            stop_thread(self._scan_thread)

    @Slot(QImage)
    def _on_scan_frame_captured(self, image: QImage) -> None:
        self.camera_view.show_frame(image)

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

    @Slot(str)
    def _on_wedge_burst_scanned(self, text: str) -> None:
        self.qr_intake.accept_text(text, QrSource.KEYBOARD_WEDGE)

    @Slot(str)
    def _on_gun_payload_scanned(self, text: str) -> None:
        self.qr_intake.accept_text(text, QrSource.SERIAL_GUN)

    @Slot(object)
    def _on_qr_intake_payload_accepted(self, result: QrParseResult) -> None:
        QApplication.beep()
        self.camera_view.show_read()
        self.statusBar().showMessage(self.tr("ID card QR read."), 5000)
        self.on_identity_read()
        self.qr_read.emit(result)

    @Slot()
    def on_identity_read(self) -> None:
        """After a QR or chip read the next step is the procedure: focus goes there."""
        if self.model.walk_in.procedure is None:
            self._focus_procedure_search()

    def _focus_procedure_search(self) -> None:
        self.picker.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.picker.search.selectAll()

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
        """Decode the ID card QR in a photo or PDF off the GUI thread."""
        if not self.qr_file_action.isEnabled():
            return
        self.qr_file_action.setEnabled(False)
        reader = self._devices.qr_reader
        run_blocking(
            lambda: scan_pages(reader, load_pages(path)),
            on_done=self._on_qr_file_scanned,
            on_failed=self._on_qr_file_failed,
        )

    @Slot(object)
    def _on_qr_file_scanned(self, scan: FrameScan) -> None:
        self.qr_file_action.setEnabled(True)
        if scan.result is not None:
            self.qr_intake.accept_result(scan.result, QrSource.FILE)
        elif scan.other_codes:
            self.qr_intake.accept_text(scan.other_codes[0], QrSource.FILE)
        else:
            self.statusBar().showMessage(self.tr("No QR code found in the file."), 10000)

    @Slot(str, str)
    def _on_qr_file_failed(self, code: str, detail: str) -> None:
        self.qr_file_action.setEnabled(True)
        log.info("QR file not readable: %s", code)
        QMessageBox.warning(
            self, self.tr("Reception"), self.tr("This file cannot be read as a photo or a PDF.")
        )

    def start_scanner_gun(self) -> None:
        """Listen to the configured serial scanner gun on its own thread (if any)."""
        gun = self._devices.scanner_gun
        if gun is None or self._gun_thread is not None:
            return
        worker = ScannerGunWorker(gun)
        thread = worker_thread(worker, "scanner_gun", self, on_start=worker.run)
        worker.payload_scanned.connect(self._on_gun_payload_scanned)
        worker.failed.connect(self.on_service_failed)
        worker.finished.connect(thread.quit)
        self._gun_thread, self._gun_worker = thread, worker
        thread.start()

    def stop_scanner_gun(self) -> None:
        if self._gun_worker is not None:
            self._gun_worker.stop()
        if self._gun_thread is not None:
            stop_thread(self._gun_thread)
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

    def save_problems(self) -> list[str]:
        """What stops the dossier in reception from being saved, in words for the clerk."""
        problems = self.applicant.problems()
        if self.model.walk_in.procedure is None:
            problems.insert(0, self.tr("Choose a procedure."))
        for component in self.model.walk_in.components:
            if component.status is ComponentStatus.DIGITISED and not component.pages:
                text = self.tr("Capture the pages of %1, or mark it as paper.")
                problems.append(text.replace("%1", component.code))
            if component.status is ComponentStatus.REUSED and component.reused is None:
                text = self.tr("Attach the kept copy of %1, or mark it as paper.")
                problems.append(text.replace("%1", component.code))
        return problems

    @Slot()
    def save_dossier(self) -> None:
        """Save the dossier in reception on the database thread (PDFs made there too)."""
        if self._saving:
            return
        problems = self.save_problems()
        if problems:
            QMessageBox.warning(self, self.tr("Cannot save yet"), "\n".join(problems))
            return
        self.applicant.applicant()  # takes the typed contact details into the model
        walk_in = self.model.walk_in
        walk_in.delivery = self.components.result_delivery()
        walk_in.sets = self.components.sets.value()
        request = SaveRequest(
            token=self.model.token,
            draft=walk_in.draft(),
            captures=walk_in.captures(),
            operator=self.operator(),
            operator_full_name=self.operator_full_name(),
            options=self.capture.options(),
            reused=tuple(
                (c.code, c.reused.digitised_id) for c in walk_in.components if c.reused is not None
            ),
        )
        self._set_saving(True)
        message = self.tr("Saving the dossier…")
        if request.captures:
            message = self.tr("Saving the dossier and making %1 PDF(s)…").replace(
                "%1", str(len(request.captures))
            )
        self.statusBar().showMessage(message)
        if request.captures and self._pdf_service_connected:
            # The code first (it names and stamps the PDFs), then the PDFs on the
            # digitising thread (mark, signature, OCR), then the save with their files.
            # The token's PIN is asked before the first save that would sign.
            def make_pdfs() -> None:
                self._pending_save = request
                self._pdfs_made = {}
                self.code_reservation_requested.emit(request.token)

            if self.signing is not None:
                self.signing.ensure_unlocked(make_pdfs)
            else:
                make_pdfs()
        else:
            self.save_requested.emit(request)

    def connect_pdf_service(self) -> None:
        """The digitising service makes the component PDFs of a save (see save_dossier)."""
        self._pdf_service_connected = True

    @Slot(str, str)
    def on_code_reserved(self, token: str, code: str) -> None:
        request = self._pending_save
        if request is None or token != request.token:
            return
        identity = request.draft.applicant.identity
        for component_code, name, pages in request.captures:
            info = ComponentInfo(
                dossier_code=code,
                procedure_code=request.draft.procedure_code,
                component_code=component_code,
                operator=request.operator_full_name or request.operator,
                component_name=name,
                owner_id_number=identity.id_number or None,
            )
            self.pdf_requested.emit(DigitiseJob(pages, info, request.options))

    @Slot(object)
    def on_component_pdf_made(self, stored: StoredComponent) -> None:
        request = self._pending_save
        if request is None:
            return
        self._pdfs_made[stored.component_code] = (str(stored.path), stored.sha256)
        if len(self._pdfs_made) < len(request.captures):
            return
        self._pending_save = None
        files = tuple((c, path, sha) for c, (path, sha) in self._pdfs_made.items())
        self.save_requested.emit(dataclasses.replace(request, captures=(), files=files))

    @Slot(int, int, str)
    def on_component_pdf_progressed(self, done: int, total: int, _stage: str) -> None:
        """How far the PDFs of a save are (OCR takes seconds per page)."""
        request = self._pending_save
        if request is None or total <= 0:
            return
        text = self.tr("Making the PDFs: component %1 of %2, %3 %…")
        text = text.replace("%1", str(len(self._pdfs_made) + 1))
        text = text.replace("%2", str(len(request.captures)))
        self.statusBar().showMessage(text.replace("%3", str(100 * done // total)))

    @Slot(str, str)
    def on_component_pdf_failed(self, code: str, detail: str) -> None:
        """A PDF of the save could not be made: the save fails, the dossier stays."""
        request = self._pending_save
        if request is not None:
            self._pending_save = None
            self.on_save_failed(request.token, code, detail)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.save_action.setEnabled(not saving)
        self.new_action.setEnabled(not saving)

    @Slot(object)
    def on_dossier_saved(self, dossier: Dossier) -> None:
        self._set_saving(False)
        self.statusBar().showMessage(
            self.tr("Dossier %1 saved.").replace("%1", dossier.code), 10000
        )
        self.model.mark_saved(dossier)
        output = self.settings.receipt_output if self.settings else ReceiptOutput.PREVIEW
        folder = self.settings.receipt_folder if self.settings else None
        self.receipts.deliver(dossier, output, folder)
        self.dossier_saved.emit(dossier)
        # The next citizen starts from nothing.
        self.model.start_new()

    @Slot(str, str, str)
    def on_save_failed(self, token: str, code: str, detail: str) -> None:
        """The save failed: say why in words; the dossier stays as it was, Save usable."""
        log.warning("save failed: %s", code)
        self._set_saving(False)
        if token != self.model.token:
            return
        text = (
            message_for(code)
            + "\n"
            + self.tr("The dossier is still here, nothing was lost: fix the cause and save again.")
        )
        self.statusBar().showMessage(message_for(code), 30000)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Not saved"),
            text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("save_failure")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.save_failure_shown.emit(code)

    @Slot(list)
    def on_today_loaded(self, dossiers: list[Dossier]) -> None:
        self.dossier_model.set_dossiers(dossiers)

    @Slot(int)
    def on_unsent_counted(self, count: int) -> None:
        self.status.show_queue(count)

    @Slot()
    def new_dossier(self) -> None:
        """Start over for the next citizen (asking first when work would be lost)."""
        if self.model.walk_in.has_work and not self.confirm_discard():
            return
        self.model.start_new()

    def confirm_discard(self) -> bool:
        """Ask whether the unsaved dossier may be dropped."""
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved dossier"),
            self.tr("The dossier in reception is not saved. Drop it?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def _on_quit_triggered(self) -> None:
        if not self.model.walk_in.has_work or self.confirm_discard():
            self.close()

    @Slot()
    def _on_model_reset(self) -> None:
        self.stop_qr_scan()
        self.picker.clear()
        self.checks.show_procedure(None)
        self.checks.clear_duplicate()
        self.camera_view.clear()

    def _on_picker_procedure_confirmed(self) -> None:
        """Enter on the procedure: on to the components (F4 captures the highlighted one)."""
        self.components.items.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(QModelIndex)
    def _on_dossier_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.dossier_requested.emit(self.dossier_model.dossier_at(index.row()).code)

    @Slot(object)
    def show_saved_dossier(self, dossier: Dossier) -> DossierView:
        """The read-only view of a saved dossier (answer to :attr:`dossier_requested`)."""
        view = DossierView(dossier, self.dossier_model.upload_state(dossier.code), self)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.reprint_requested.connect(self.receipts.show_for)
        view.retry_requested.connect(self.retry_upload_requested)
        view.show()
        self.dossier_view_opened.emit(view)
        return view

    def _open_selected_dossier(self) -> None:
        rows = self.dossier_table.selectionModel().selectedRows()
        if rows:
            self.dossier_requested.emit(self.dossier_model.dossier_at(rows[0].row()).code)

    @Slot(list)
    def on_readers_changed(self, readers: list[ReaderInfo]) -> None:
        self.status.show_readers(readers)

    @Slot(str, str)
    def on_service_failed(self, code: str, detail: str) -> None:
        log.warning("operation failed: %s", code)
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
        self.model.choose_procedure(procedure)
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
        # Asked when the clerk closes the window (the title bar's button); Quit asks in
        # its own handler; a close by the program (shutting down) does not ask.
        if event.spontaneous() and self.model.walk_in.has_work and not self.confirm_discard():
            event.ignore()
            return
        self.stop_qr_scan()
        self.stop_scanner_gun()
        self.receipts.shutdown()
        super().closeEvent(event)
