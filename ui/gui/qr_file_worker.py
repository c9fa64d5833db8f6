"""Decoding the ID card QR in a photo or PDF file, off the GUI thread (PDFium and the
cascade on a large scan take a moment)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from hardware.errors import HardwareError
from hardware.imaging.image_files import load_pages
from hardware.qr.interface import QrReader
from reception.intake.qr_reading import scan_pages


class QrFileWorker(QObject):
    """Reads one file and reports what its pages hold."""

    scanned = Signal(object)  # reception.intake.qr_reading.FrameScan
    failed = Signal(str, str)  # error code, English detail
    finished = Signal()

    def __init__(self, path: Path, reader: QrReader) -> None:
        super().__init__()
        self._path = path
        self._reader = reader

    @Slot()
    def run(self) -> None:
        try:
            self.scanned.emit(scan_pages(self._reader, load_pages(self._path)))
        except HardwareError as exc:
            self.failed.emit(exc.code, str(exc))
        finally:
            self.finished.emit()
