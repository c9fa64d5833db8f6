"""The digitising worker: acquisition, file import, PDF making and the reuse store.

It lives on its own thread (scanning and OCR take seconds per page) and owns its own
database connection; widgets talk to it only through the typed signals below.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

import numpy as np
import sqlite_utils
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage

from hardware.errors import HardwareError
from hardware.imaging.encoding import Pixels
from hardware.scanner.interface import ColorMode, ScannedPage, ScanSettings
from reception.digitising.model import ComponentInfo, DigitiseOptions, PageEdit
from reception.digitising.pdfa import read_scanned_pdf_data
from reception.digitising.pipeline import digitise, next_component_path
from reception.digitising.reuse_store import ReuseStore, StoredComponent, documents_dir
from reception.digitising.sources import load_files
from reception.errors import ReceptionError
from reception.privacy.processing_log import ProcessingLog
from reception.storage.database import open_database
from reception.storage.document_vault import read_document
from reception.upload.shared_store import SharedComponent
from reception.workstation.config import Config
from ui.composition import build_signing, list_sources, open_source

log = logging.getLogger(__name__)

THUMBNAIL = 160


def thumbnail(pixels: Pixels, side: int = THUMBNAIL) -> QImage:
    """A small RGB copy of a page (grey or BGR) for lists; detached from numpy."""
    height, width = pixels.shape[:2]
    scale = side / max(height, width)
    rows = np.linspace(0, height - 1, max(1, round(height * scale))).astype(np.intp)
    cols = np.linspace(0, width - 1, max(1, round(width * scale))).astype(np.intp)
    small = pixels[rows][:, cols]
    rgb = np.repeat(small[:, :, None], 3, axis=2) if small.ndim == 2 else small[:, :, ::-1]
    rgb = np.ascontiguousarray(rgb)
    image = QImage(
        rgb.data, rgb.shape[1], rgb.shape[0], 3 * rgb.shape[1], QImage.Format.Format_RGB888
    )
    return image.copy()


@dataclass(frozen=True, slots=True)
class AcquiredPage:
    """A page for the page list: the page, where it came from, its thumbnail."""

    page: ScannedPage
    label: str
    thumbnail: QImage


@dataclass(frozen=True, slots=True)
class DigitiseJob:
    """What the clerk asked to make: pages in order with their edits, for a component."""

    pages: tuple[tuple[ScannedPage, PageEdit], ...]
    info: ComponentInfo
    options: DigitiseOptions


@dataclass(frozen=True, slots=True)
class Offer:
    """A component kept for the returning citizen, with a preview of its first page."""

    component: StoredComponent
    preview: QImage | None


class DigitisingService(QObject):
    """Owns scanners, files, the PDF pipeline and the reuse store, on a worker thread."""

    sources_listed = Signal(list)  # list[SourceInfo]
    pages_acquired = Signal(list)  # list[AcquiredPage]
    files_refused = Signal(list)  # list[str]: one sentence per unreadable file
    progressed = Signal(int, int, str)  # done, total, stage
    digitised = Signal(object)  # StoredComponent
    offers_found = Signal(str, list)  # ID number, list[Offer]
    reuse_attached = Signal(object)  # reception.digitising.reuse_store.Attachment
    failed = Signal(str, str)  # error code, English detail
    # The signing token took the PIN: the holder's name (once per session; issue 13).
    signing_unlocked = Signal(str)
    # A component fetched from the shared store, kept here: component code, StoredComponent.
    shared_kept = Signal(str, object)

    def __init__(
        self,
        config: Config,
        data_dir: Path,
        *,
        processing_log: ProcessingLog | None = None,
        operator: Callable[[], str] | None = None,
    ) -> None:
        super().__init__()
        self._config = config
        # Who asks for offers and reuses kept copies: the signed-in clerk (thread-safe).
        self._operator = operator or (lambda: config.workstation.name)
        # Digitising, offers and reuse of kept components, with the clerk (issue 14).
        self._processing_log = processing_log
        self._data_dir = data_dir
        self._db: sqlite_utils.Database | None = None
        self._store: ReuseStore | None = None
        # None: no token configured, copies are marked but not signed.
        self._signing = build_signing(config)

    @property
    def needs_pin(self) -> bool:
        """A token is configured and its PIN not yet given this session: ask it once."""
        return self._signing is not None and not self._signing.unlocked

    @Slot(str)
    def unlock_signing(self, pin: str) -> None:
        """Check the PIN on the token (blocking: on this thread) and keep it in memory."""
        if self._signing is None:
            return
        try:
            name = self._signing.unlock(pin)
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        self.signing_unlocked.emit(name)

    def _reuse_store(self) -> ReuseStore:
        # Opened lazily, on this thread: SQLite connections stay on the thread that made them.
        if self._store is None:
            db = self._db = open_database(self._data_dir / "reception.sqlite3")
            retention = timedelta(days=self._config.digitising.retention_days)
            self._store = ReuseStore(
                db,
                documents_dir(self._data_dir),
                retention,
                processing_log=self._processing_log,
            )
        return self._store

    @Slot()
    def open_store(self) -> None:
        """Open the database now.

        Wired to run after the dossier service has opened it: two connections setting up
        a new database file at the same moment can collide (``database is locked``).
        """
        try:
            self._reuse_store()
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))

    @Slot()
    def list_sources(self) -> None:
        sources, notes = list_sources(self._config)
        for note in notes:
            log.info("document sources: %s", note)
        self.sources_listed.emit(sources)

    @Slot(str, int, str)
    def acquire(self, source: str, dpi: int, mode: str) -> None:
        """Scan from ``source``; pages or ``failed``."""
        try:
            scanner = open_source(source, self._config)
            pages = scanner.scan(ScanSettings(dpi=dpi, mode=ColorMode(mode)))
        except HardwareError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        name = scanner.name
        self.pages_acquired.emit(
            [AcquiredPage(p, f"{name} #{n}", thumbnail(p.image)) for n, p in enumerate(pages, 1)]
        )

    @Slot(list)
    def load_files(self, paths: list[str]) -> None:
        """Read files; readable pages and refusals are reported separately."""
        loaded = load_files(Path(p) for p in paths)
        if loaded.errors:
            self.files_refused.emit([e.reason for e in loaded.errors])
        if loaded.pages:
            self.pages_acquired.emit(
                [AcquiredPage(p, label, thumbnail(p.image)) for p, label in loaded.pages]
            )

    @Slot(object)
    def digitise(self, job: DigitiseJob) -> None:
        """Make the component's PDF in the documents folder and keep it in the store."""
        try:
            store = self._reuse_store()
            path = next_component_path(store.folder, job.info)
            info = job.info
            if not info.unit_name:  # the mark names the converting unit
                info = replace(info, unit_name=self._config.unit.name)
            signing = self._signing if self._signing and self._signing.unlocked else None
            result = digitise(
                job.pages,
                info,
                path,
                options=job.options,
                progress=self._progress,
                signing=signing,
                vault=store.vault,
            )
            # The mark names the clerk in full; the access log keeps the signed-in account.
            stored = store.record(result, actor=self._operator())
        except (ReceptionError, HardwareError) as exc:
            self.failed.emit(exc.code, str(exc))
            return
        self.digitised.emit(stored)

    def _progress(self, done: int, total: int, stage: str) -> None:
        self.progressed.emit(done, total, stage)

    @Slot(str)
    def find_offers(self, id_number: str) -> None:
        """The returning citizen's kept components, with previews."""
        try:
            found = self._reuse_store().offers(id_number, actor=self._operator())
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        self.offers_found.emit(id_number, [Offer(c, self._preview(c.path)) for c in found])

    @staticmethod
    def _preview(path: Path) -> QImage | None:
        try:
            first = read_scanned_pdf_data(read_document(path), path.name)[0]
        except (HardwareError, ReceptionError, IndexError):
            return None
        return thumbnail(first.pixels)

    @Slot(str, object, bytes)
    def keep_shared(self, component_code: str, shared: SharedComponent, data: bytes) -> None:
        """Keep a component fetched from the shared store, for ``component_code`` to reuse."""
        try:
            stored = self._reuse_store().keep_fetched(shared, data, actor=self._operator())
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        self.shared_kept.emit(component_code, stored)

    @Slot(str, str, int)
    def attach_reused(self, dossier_code: str, component_code: str, digitised_id: int) -> None:
        """Record that a dossier reuses a kept component."""
        try:
            attachment = self._reuse_store().attach_reused(
                dossier_code, component_code, digitised_id, actor=self._operator()
            )
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        self.reuse_attached.emit(attachment)

    @Slot()
    def close(self) -> None:
        if self._db is not None:
            self._db.conn.close()
        self._db, self._store = None, None
