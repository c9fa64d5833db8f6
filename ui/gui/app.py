"""Start the window: translations, devices, the database thread, the main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QThread, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from hardware.discovery import DeviceKind
from reception.dossiers.code import SequenceBlock
from reception.dossiers.model import Dossier
from reception.privacy.processing_log import ProcessingLog
from reception.procedures.catalogue import load_active_catalogue
from reception.procedures.procedure import Catalogue, ProcedureNotFoundError
from reception.procedures.working_calendar import load_working_calendar
from reception.workstation.config import Config, SimulateMode
from ui.composition import DeviceSet, build_devices, shared_store
from ui.gui.blocking import stop_thread, worker_thread
from ui.gui.capture_panel import connect_service
from ui.gui.card_reading import CardReading
from ui.gui.clerk_service import ClerkSession
from ui.gui.clerk_settings import ClerkSettings
from ui.gui.digitising_service import DigitisingService
from ui.gui.i18n import install_translators
from ui.gui.main_window import MainWindow
from ui.gui.shared_offers import SharedOffers
from ui.gui.sign_in import SignIn, connect_processing_log, install_sign_in
from ui.gui.signing_pin import SigningSession
from ui.gui.subject_requests import install_subject_requests
from ui.gui.upload_controls import start_uploading
from ui.gui.upload_worker import UploadWorker
from ui.gui.workers import DeviceMonitor, DossierService
from ui.storage_policy import configure_storage

log = logging.getLogger(__name__)

READER_POLL_MS = 1500


@dataclass
class RunningApp:
    """The window and the threads behind it, so tests can drive and stop them."""

    window: MainWindow
    devices: DeviceSet
    service: DossierService
    monitor: DeviceMonitor
    threads: list[QThread]
    timer: QTimer
    translators: list[QTranslator]
    card_reading: CardReading | None = None
    digitising: DigitisingService | None = None
    upload: UploadWorker | None = None
    sign_in: SignIn | None = None

    def shutdown(self) -> None:
        self.timer.stop()
        if self.sign_in is not None:
            self.sign_in.shutdown()
        if self.card_reading is not None:
            self.card_reading.shutdown()
        self.window.stop_qr_scan()
        self.window.stop_scanner_gun()
        if self.upload is not None:
            self.upload.shutdown()  # hands back the upload in hand, then the thread quits
        self.window.receipts.shutdown()
        for thread in self.threads:
            stop_thread(thread)
        if self.digitising is not None:
            self.digitising.close()


def start_app(
    app: QApplication,
    config: Config,
    data_dir: Path,
    *,
    simulate: bool = False,
    settings: ClerkSettings | None = None,
) -> RunningApp:
    """Build the window and its workers; the caller runs the event loop."""
    settings = settings or ClerkSettings(data_dir)
    translators = install_translators(app, settings.language or config.language)
    configure_storage(config)  # backups of the database: [storage]
    devices = build_devices(config, force_simulate=simulate)
    catalogue = load_active_catalogue(data_dir)
    calendar = load_working_calendar(data_dir)
    window = MainWindow(config, devices, catalogue, calendar=calendar, settings=settings)
    _configure_window(window, config, data_dir, catalogue)

    # The clerk signed in at the window is the operator of what it saves and logs.
    session = ClerkSession(config.workstation.name)
    # The signed-in clerk is the operator of what the window digitises, saves and prints.
    window.operator = lambda: session.operator
    window.operator_full_name = lambda: session.full_name
    service_log = ProcessingLog(
        workstation=config.workstation.name, operator=lambda: session.operator
    )
    service = DossierService(
        data_dir / "reception.sqlite3",
        unit_code=config.unit.code,
        workstation=config.workstation.name,
        block=SequenceBlock(
            config.workstation.sequence_first,
            config.workstation.sequence_last,
            config.workstation.sequence_digits,
        ),
        # Its own instance: a calendar loads its years lazily and is not shared by threads.
        calendar=load_working_calendar(data_dir),
        processing_log=service_log,
        retention_days=config.digitising.retention_days,
        basis_on=config.forms.basis_on,
    )
    db_thread = worker_thread(service, "database", app, on_start=service.open)
    _wire_saving(window, service)
    service.today_loaded.connect(window.on_today_loaded)
    service.unsent_counted.connect(window.on_unsent_counted)
    service.failed.connect(window.on_service_failed)
    window.open_check_requested.connect(service.check_open)
    service.open_dossiers_found.connect(window.checks.show_open_dossiers)

    monitor = DeviceMonitor(devices.card_readers)
    device_thread = worker_thread(monitor, "devices", app, on_start=monitor.poll)
    monitor.readers_changed.connect(window.on_readers_changed)
    timer = QTimer(app)
    timer.setInterval(READER_POLL_MS)
    timer.timeout.connect(monitor.poll)
    # The ID card chip: a card laid on a reader is read on the card thread. Trusted CSCA
    # certificates (or ICAO master lists) go in the data folder's "csca" folder.
    csca = data_dir / "csca"
    card_reading = CardReading(window, window.applicant, devices, csca if csca.is_dir() else None)
    monitor.readers_changed.connect(card_reading.on_readers_changed)
    window.qr_read.connect(card_reading.remember_qr)
    card_reading.result_shown.connect(window.on_identity_read)
    window.model.reset.connect(card_reading.forget)
    window.applicant_menu.addAction(card_reading.insert_action)

    digitising_thread, digitising = _start_digitising(
        app, window, config, data_dir, processing_log=service_log
    )
    service.opened.connect(digitising.open_store)
    upload_thread, upload, _ = start_uploading(app, window, config, data_dir)

    # Personal data (issue 14): sign-in at start when accounts exist, the idle lock, and
    # the processing log of what the window reads.
    sign_in = install_sign_in(window, config, data_dir, session=session)
    connect_processing_log(sign_in, window, card_reading)
    # The register of data subjects' requests, for any signed-in clerk (as the CLI).
    install_subject_requests(
        window, data_dir, window.operator, service_log, locked=lambda: sign_in.lock.locked
    )
    db_thread.start()
    window.start_scanner_gun()
    device_thread.start()
    timer.start()
    return RunningApp(
        window,
        devices,
        service,
        monitor,
        [db_thread, device_thread, digitising_thread, upload_thread, sign_in.thread],
        timer,
        translators,
        card_reading=card_reading,
        digitising=digitising,
        upload=upload,
        sign_in=sign_in,
    )


def _wire_saving(window: MainWindow, service: DossierService) -> None:
    """The save of the dossier in reception and the read-only view of saved ones."""
    window.save_requested.connect(service.save_walk_in)
    service.saved.connect(window.on_dossier_saved)
    service.save_failed.connect(window.on_save_failed)
    window.code_reservation_requested.connect(service.reserve_code)
    service.code_reserved.connect(window.on_code_reserved)
    window.dossier_requested.connect(service.get_dossier)
    service.dossier_loaded.connect(window.show_saved_dossier)


def _start_digitising(
    app: QApplication,
    window: MainWindow,
    config: Config,
    data_dir: Path,
    *,
    processing_log: ProcessingLog | None = None,
) -> tuple[QThread, DigitisingService]:
    """The worker thread behind the window's capture panel."""
    service = DigitisingService(
        config, data_dir, processing_log=processing_log, operator=window.operator
    )
    thread = worker_thread(service, "digitising", app, on_start=service.list_sources)
    connect_service(window.capture, service)
    # The citizen's copies in the province's shared store, beside those kept here.
    shared = SharedOffers(window.capture, lambda: shared_store(config))
    shared.connect_service(service)
    # The PDFs of a save: made here, marked and signed, named by the reserved code.
    window.pdf_requested.connect(service.digitise)
    service.digitised.connect(window.on_component_pdf_made)
    service.failed.connect(window.on_component_pdf_failed)
    service.progressed.connect(window.on_component_pdf_progressed)
    window.connect_pdf_service()
    # The token's PIN, asked once per session before the first save that signs.
    signing = SigningSession(service.needs_pin, window)
    signing.connect_service(service)
    window.signing = signing
    window.settings_menu.addAction(signing.unlock_action)
    window.capture.use_simulated_scanner(
        allowed=config.devices.simulate is not SimulateMode.NEVER,
        preferred=DeviceKind.SCANNER in window.devices.simulated,
    )
    thread.start()
    return thread, service


def run_gui(config: Config, data_dir: Path, *, simulate: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("reception")
    running = start_app(app, config, data_dir, simulate=simulate)
    running.window.show()
    try:
        return app.exec()
    finally:
        running.shutdown()


def _configure_window(
    window: MainWindow, config: Config, data_dir: Path, catalogue: Catalogue
) -> None:
    """The window's forms and VNeID check, configured as the command line's."""
    # No national VNeID service is configured at a counter yet: the simulated one answers
    # (the flag is sent only on its yes), as for `reception dossier new --verify-vneid`.
    from ui.simulation.vneid_service import default_verifier

    window.vneid_verifier = default_verifier()
    window.receipts.configure_forms(
        config.forms.wording_dir or data_dir / "forms", _deciding_agency(catalogue)
    )


def _deciding_agency(catalogue: Catalogue) -> Callable[[Dossier], str]:
    """The agency that decides a dossier's procedure ("" for one no longer listed)."""

    def agency(dossier: Dossier) -> str:
        try:
            return catalogue.get(dossier.procedure_code).agency
        except ProcedureNotFoundError:
            return ""

    return agency
