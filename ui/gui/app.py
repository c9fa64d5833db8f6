"""Start the window: translations, devices, the database thread, the main window."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QThread, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from reception.config import Config
from reception.dossier_code import SequenceBlock
from reception.procedures import load_active_catalogue
from ui.composition import DeviceSet, build_devices
from ui.gui.i18n import install_translators
from ui.gui.main_window import MainWindow
from ui.gui.workers import DeviceMonitor, DossierService

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

    def shutdown(self) -> None:
        self.timer.stop()
        self.window.stop_qr_scan()
        for thread in self.threads:
            thread.quit()
            thread.wait()


def start_app(
    app: QApplication, config: Config, data_dir: Path, *, simulate: bool = False
) -> RunningApp:
    """Build the window and its workers; the caller runs the event loop."""
    translators = install_translators(app, config.language)
    devices = build_devices(config, force_simulate=simulate)
    catalogue = load_active_catalogue(data_dir)
    window = MainWindow(config, devices, catalogue)

    db_thread = QThread(app)
    db_thread.setObjectName("database")
    service = DossierService(
        data_dir / "reception.sqlite3",
        unit_code=config.unit.code,
        workstation=config.workstation.name,
        block=SequenceBlock(config.workstation.sequence_first, config.workstation.sequence_last),
    )
    service.moveToThread(db_thread)
    db_thread.started.connect(service.open)
    window.save_requested.connect(service.save)
    service.saved.connect(window.on_dossier_saved)
    service.today_loaded.connect(window.on_today_loaded)
    service.unsent_counted.connect(window.on_unsent_counted)
    service.failed.connect(window.on_service_failed)

    device_thread = QThread(app)
    device_thread.setObjectName("devices")
    monitor = DeviceMonitor(devices.card_readers)
    monitor.moveToThread(device_thread)
    monitor.readers_changed.connect(window.on_readers_changed)
    timer = QTimer(app)
    timer.setInterval(READER_POLL_MS)
    timer.timeout.connect(monitor.poll)
    device_thread.started.connect(monitor.poll)

    db_thread.start()
    device_thread.start()
    timer.start()
    return RunningApp(
        window, devices, service, monitor, [db_thread, device_thread], timer, translators
    )


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
