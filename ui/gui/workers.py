"""Workers that own every blocking call; they talk to widgets only through typed signals."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import sqlite_utils
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from hardware.camera.interface import Camera, Frame
from hardware.card.connection import ReaderProvider
from hardware.errors import HardwareError
from hardware.qr.interface import QrReader
from reception.digitising.model import ComponentInfo, DigitisedComponent, DigitiseOptions
from reception.digitising.pipeline import digitise, next_component_path
from reception.digitising.reuse_store import ReuseStore, documents_dir
from reception.dossiers.code import SequenceBlock
from reception.dossiers.store import DossierDraft, DossierStore, Reservation
from reception.dossiers.walk_in import CapturedPage, with_files
from reception.errors import ReceptionError
from reception.intake.qr_reading import VideoQrScanner
from reception.privacy.processing_log import ProcessingLog
from reception.procedures.working_calendar import WorkingCalendar
from reception.storage.database import open_database
from reception.storage.document_vault import DocumentVault, seal_plain_documents
from reception.upload.queue import count_unsent
from reception.workstation.timezone import now_in_vietnam

log = logging.getLogger(__name__)

PREVIEW_WIDTH = 480


def frame_to_qimage(frame: Frame, width: int = PREVIEW_WIDTH) -> QImage:
    """A scaled RGB copy of a BGR frame, safe to hand to the GUI thread."""
    height = max(1, frame.shape[0] * width // frame.shape[1])
    ys = np.linspace(0, frame.shape[0] - 1, height).astype(np.intp)
    xs = np.linspace(0, frame.shape[1] - 1, width).astype(np.intp)
    small = np.ascontiguousarray(frame[ys][:, xs, ::-1])
    image = QImage(small.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return image.copy()  # detach from the numpy buffer


class QrScanWorker(QObject):
    """Reads frames until one holds an ID card QR, then stops and closes the camera.

    Every frame is previewed; :class:`VideoQrScanner` decodes the sharp ones (the cascade,
    a few ms on a clean frame) and combines recent frames when single ones fail.
    """

    frame_captured = Signal(QImage)
    payload_found = Signal(object)  # reception.intake.qr_payload.QrParseResult
    other_code_seen = Signal(str)
    failed = Signal(str, str)  # error code, English detail
    finished = Signal()

    def __init__(self, camera: Camera, reader: QrReader) -> None:
        super().__init__()
        self._camera = camera
        self._reader = reader
        self._stop = threading.Event()

    def stop(self) -> None:
        """Ask the loop to end; thread-safe."""
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            self._camera.open()
            seen: set[str] = set()
            # A video, not photos: the sharpest frames, and bursts when single frames fail.
            scanner = VideoQrScanner(self._reader)
            while not self._stop.is_set():
                frame = self._camera.read()
                self.frame_captured.emit(frame_to_qimage(frame))
                scan = scanner.offer(frame)
                for text in scan.other_codes:
                    if text not in seen:
                        seen.add(text)
                        self.other_code_seen.emit(text)
                for data in scan.undecodable_codes:  # read, but not UTF-8 text: as hex
                    if data.hex() not in seen:
                        seen.add(data.hex())
                        self.other_code_seen.emit(data.hex())
                if scan.result is not None:
                    self.payload_found.emit(scan.result)
                    break
        except HardwareError as exc:
            if not self._stop.is_set():
                self.failed.emit(exc.code, str(exc))
        finally:
            self._camera.close()
            self.finished.emit()


@dataclass(frozen=True, slots=True)
class SaveRequest:
    """What the window asks the database thread to save.

    ``draft`` is the dossier as gathered; ``captures`` the (component code, name, pages)
    whose PDFs are made at the save; ``token`` identifies the dossier in reception across
    retries of a failed save (it keeps its reserved code).
    """

    token: str
    draft: DossierDraft
    captures: tuple[tuple[str, str, tuple[CapturedPage, ...]], ...]
    operator: str
    options: DigitiseOptions = field(default_factory=DigitiseOptions)
    reused: tuple[tuple[str, int], ...] = ()  # (component code, kept copy's id) reused
    #: The clerk's full name for the conversion mark ("" : the operator's account name).
    operator_full_name: str = ""
    #: PDFs already made for this dossier's reserved code (by the digitising service,
    #: which marks and signs them): component code -> (path, sha256).
    files: tuple[tuple[str, str, str], ...] = ()


class DossierService(QObject):
    """Owns the database connection on its own thread; saves and lists dossiers."""

    opened = Signal()
    saved = Signal(object)  # reception.dossiers.store.Dossier
    save_progressed = Signal(int, int)  # component PDF being made, of how many
    save_failed = Signal(str, str, str)  # request token, error code, English detail
    code_reserved = Signal(str, str)  # request token, dossier code
    dossier_loaded = Signal(object)  # Dossier, answering get_dossier
    today_loaded = Signal(list)  # list[Dossier]
    open_dossiers_found = Signal(str, str, list)  # ID number, procedure code, [dossier code]
    unsent_counted = Signal(int)
    failed = Signal(str, str)

    def __init__(
        self,
        database_path: Path,
        unit_code: str,
        workstation: str,
        block: SequenceBlock,
        calendar: WorkingCalendar | None = None,
        *,
        documents: Path | None = None,
        retention_days: int = 30,
        processing_log: ProcessingLog | None = None,
        basis_on: Callable[[date], str] | None = None,
    ) -> None:
        super().__init__()
        # The forms' legal basis by day received ([forms] basis_2025_from), as the CLI's.
        self._basis_on = basis_on
        self._calendar = calendar
        self._processing_log = processing_log  # records each save, with the clerk
        # Made (mkdir, chmod) on this service's thread, at the first save.
        self._documents_folder = documents
        self._retention_days = retention_days
        self._reservations: dict[str, Reservation] = {}
        self._path = database_path
        self._unit_code = unit_code
        self._workstation = workstation
        self._block = block
        self._store: DossierStore | None = None
        self._db: sqlite_utils.Database | None = None

    @Slot()
    def open(self) -> None:
        try:
            db = open_database(self._path)
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        self._db = db
        # What an older version kept plain in the documents folder is sealed now.
        seal_plain_documents(self._documents)
        self._store = DossierStore(
            db,
            unit_code=self._unit_code,
            workstation=self._workstation,
            block=self._block,
            calendar=self._calendar,
            processing_log=self._processing_log,
        )
        if self._basis_on is not None:
            self._store.basis_on = self._basis_on
        self.opened.emit()
        self.load_today()

    @Slot(object)
    def save(self, draft: DossierDraft) -> None:
        if self._store is None:
            self.failed.emit("storage_failed", "the database is not open")
            return
        try:
            dossier = self._store.save(draft)
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        log.info("dossier saved")  # no code or name: the log stays free of personal data
        self.saved.emit(dossier)
        self.load_today()

    @Slot(str)
    def reserve_code(self, token: str) -> None:
        """Take the code of the dossier in reception ``token`` now (kept across retries):
        its component PDFs are named and stamped with it before the dossier is saved."""
        if self._store is None:
            self.save_failed.emit(token, "storage_failed", "the database is not open")
            return
        try:
            reservation = self._reservations.get(token)
            if reservation is None:
                reservation = self._reservations[token] = self._store.reserve()
        except ReceptionError as exc:
            self.save_failed.emit(token, exc.code, str(exc))
            return
        self.code_reserved.emit(token, reservation.code)

    @Slot(object)
    def save_walk_in(self, request: SaveRequest) -> None:
        """Save the dossier in reception: its code first, then the PDFs of the components
        captured for it (named and stamped with the code), then the dossier with every
        file and its upload job in one transaction. A failure leaves nothing half-saved
        and keeps the code for the next try; ``save_failed`` names what went wrong."""
        if self._store is None or self._db is None:
            self.save_failed.emit(request.token, "storage_failed", "the database is not open")
            return
        made: list[DigitisedComponent] = []
        try:
            reservation = self._reservations.get(request.token)
            if reservation is None:
                reservation = self._reservations[request.token] = self._store.reserve()
            folder = self._documents
            vault = DocumentVault(folder)
            owner = request.draft.applicant.identity.id_number or None
            for number, (code, name, pages) in enumerate(request.captures, 1):
                self.save_progressed.emit(number, len(request.captures))
                info = ComponentInfo(
                    dossier_code=reservation.code,
                    procedure_code=request.draft.procedure_code,
                    component_code=code,
                    operator=request.operator_full_name or request.operator,
                    component_name=name,
                    owner_id_number=owner,
                )
                path = next_component_path(folder, info)
                made.append(digitise(pages, info, path, options=request.options, vault=vault))
            files = {m.info.component_code: (str(m.path), m.sha256) for m in made}
            files.update({code: (path, sha) for code, path, sha in request.files})
            dossier = self._store.save(with_files(request.draft, files), reservation=reservation)
        except (ReceptionError, HardwareError) as exc:
            for result in made:  # the next try makes them again under the same names
                result.path.unlink(missing_ok=True)
            self.save_failed.emit(request.token, exc.code, str(exc))
            return
        except OSError as exc:
            for result in made:
                result.path.unlink(missing_ok=True)
            self.save_failed.emit(request.token, "storage_failed", exc.strerror or str(exc))
            return
        del self._reservations[request.token]
        self._keep_for_reuse(made, request.operator, dossier.code, request.reused)
        log.info("dossier saved with %d digitised component(s)", len(made))
        self.saved.emit(dossier)
        self.load_today()

    @property
    def _documents(self) -> Path:
        if self._documents_folder is None:
            self._documents_folder = documents_dir(self._path.parent)
        return self._documents_folder

    def _keep_for_reuse(
        self,
        made: list[DigitisedComponent],
        operator: str,
        code: str,
        reused: tuple[tuple[str, int], ...],
    ) -> None:
        """Offer the new PDFs to the same citizen next time, and log the kept copies this
        dossier reused (the reuse store's own record; the dossier's files are its own)."""
        if self._db is None or not (made or reused):
            return
        store = ReuseStore(self._db, self._documents, timedelta(days=self._retention_days))
        for result in made:
            try:
                store.record(result, actor=operator)
            except ReceptionError as exc:  # the dossier is saved; only the offer is lost
                log.warning("digitised component not kept for reuse: %s", exc.code)
        for component_code, digitised_id in reused:
            try:
                store.attach_reused(code, component_code, digitised_id, actor=operator)
            except ReceptionError as exc:
                log.warning("reuse not logged: %s", exc.code)

    @Slot(str)
    def get_dossier(self, code: str) -> None:
        """Load one saved dossier (for the read-only view of today's list)."""
        if self._store is None:
            return
        try:
            dossier = self._store.get(code)
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        if dossier is not None:
            self.dossier_loaded.emit(dossier)

    @Slot(str, str)
    def check_open(self, id_number: str, procedure_code: str) -> None:
        """Report the open dossiers of this person for this procedure (maybe none)."""
        if self._store is None:
            return
        try:
            found = self._store.open_dossiers_for(id_number, procedure_code)
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        self.open_dossiers_found.emit(id_number, procedure_code, [d.code for d in found])

    @Slot()
    def load_today(self) -> None:
        if self._store is None:
            return
        try:
            dossiers = self._store.list_for_day(now_in_vietnam().date())
            # Saved but not yet confirmed by the server: the upload queue's count.
            unsent = count_unsent(self._db) if self._db is not None else 0
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        self.today_loaded.emit(dossiers)
        self.unsent_counted.emit(unsent)


class DeviceMonitor(QObject):
    """Polls the card readers (a PC/SC call may block) and reports what it sees."""

    readers_changed = Signal(list)  # list[hardware.card.connection.ReaderInfo]
    failed = Signal(str, str)

    def __init__(self, readers: ReaderProvider) -> None:
        super().__init__()
        self._readers = readers
        self._last: list[object] | None = None

    @Slot()
    def poll(self) -> None:
        try:
            current: list[object] = list(self._readers.readers())
        except HardwareError as exc:
            if self._last != []:
                self._last = []
                self.failed.emit(exc.code, str(exc))
            return
        if current != self._last:
            self._last = current
            self.readers_changed.emit(current)
