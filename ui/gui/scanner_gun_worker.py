"""The worker that owns a serial scanner gun: it blocks on the port, the window does not."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal, Slot

from hardware.errors import HardwareError
from hardware.scanner_gun.serial_port import SerialScannerGun

log = logging.getLogger(__name__)


class ScannerGunWorker(QObject):
    """Opens the gun's port and reports every payload until :meth:`stop`."""

    payload_scanned = Signal(str)
    failed = Signal(str, str)  # error code, English detail
    finished = Signal()

    def __init__(self, gun: SerialScannerGun) -> None:
        super().__init__()
        self._gun = gun
        self._stop = threading.Event()

    def stop(self) -> None:
        """Ask the loop to end within one quiet gap; thread-safe."""
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            self._gun.open()
            log.info("serial scanner gun opened")  # the port name only at debug level
            log.debug("scanner gun port: %s", self._gun.port)
            while not self._stop.is_set():
                payload = self._gun.read_payload(self._stop)
                if payload is not None:
                    self.payload_scanned.emit(payload)
        except HardwareError as exc:
            if not self._stop.is_set():
                self.failed.emit(exc.code, str(exc))
        finally:
            self._gun.close()
            self.finished.emit()
