"""Scan-to-folder: office multifunction printers that save their scans into a shared folder.

A printer writes a file over seconds (over SMB, often in several bursts), so a file is
taken only once it is *complete*: it has kept the same size and modification time for
``settle_seconds`` across polls, is not empty, does not look like a temporary name, and
can be opened for reading. Time and file status come from injectable functions, so tests
drive a slow writer without sleeping.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hardware.errors import DeviceUnavailableError, HardwareError
from hardware.imaging.encoding import decode_image_file
from hardware.scanner.interface import ColorMode, DocumentScanner, ScannedPage, ScanSettings

log = logging.getLogger(__name__)

SCAN_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"})
# Names printers and copy tools use while a file is still being written.
_PARTIAL_MARKERS = (".part", ".tmp", ".crdownload", ".partial", ".filepart")
IMPORTED_FOLDER = "imported"

#: (size in bytes, modification time in ns) of a file, or None if it is gone.
Stat = Callable[[Path], "tuple[int, int] | None"]
#: Reads the pages of a complete file (images here; the app injects one that reads PDFs).
PageReader = Callable[[Path], list[ScannedPage]]


def os_stat(path: Path) -> tuple[int, int] | None:
    """The real file status."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _readable(path: Path) -> bool:
    """Whether the file can be opened and ends the way a finished file of its type ends.

    Opening fails on Windows while the writer holds the file; the ending catches a writer
    that paused longer than the settle time (a stalled share). TIFF has no end marker: its
    decoder reports a truncated file later, as a broken file.
    """
    if not path.is_file():
        return False  # a FIFO or a device in the scan folder would block the open
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - 1024))
            tail = handle.read()
    except OSError:
        return False
    suffix = path.suffix.lower()
    if suffix in (".jpg", ".jpeg"):
        return tail.rstrip(b"\0").endswith(b"\xff\xd9")
    if suffix == ".png":
        return b"IEND" in tail[-12:]
    if suffix == ".pdf":
        return b"%%EOF" in tail
    return True


def read_image_pages(path: Path) -> list[ScannedPage]:
    """Pages of an image file (JPEG, PNG, TIFF); ``ImageFileError`` otherwise."""
    pages = decode_image_file(path)
    return [
        ScannedPage(
            image=p.pixels,
            dpi=p.dpi,
            mode=ColorMode.COLOR if p.pixels.ndim == 3 else ColorMode.GRAY,
            jpeg=p.jpeg,
        )
        for p in pages
    ]


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    stable_since: float


class FolderWatcher:
    """Finds the files that became complete in ``folder`` since the last poll."""

    def __init__(
        self,
        folder: Path,
        settle_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
        stat: Stat = os_stat,
        readable: Callable[[Path], bool] = _readable,
    ) -> None:
        self.folder = folder
        self._settle = settle_seconds
        self._clock = clock
        self._stat = stat
        self._readable = readable
        self._seen: dict[Path, _Seen] = {}
        self._delivered: set[tuple[Path, int, int]] = set()

    def _candidates(self) -> list[Path]:
        try:
            entries = list(os.scandir(self.folder))
        except OSError as exc:
            raise DeviceUnavailableError(f"the scan folder cannot be read: {exc.strerror}") from exc
        found = []
        for entry in entries:
            name = entry.name.lower()
            if name.startswith((".", "~")) or any(m in name for m in _PARTIAL_MARKERS):
                continue
            if Path(name).suffix in SCAN_SUFFIXES and entry.is_file():
                found.append(Path(entry.path))
        return sorted(found)

    def poll(self) -> list[Path]:
        """Files that have just become complete, by name; each is returned once.

        With ``settle_seconds`` 0 (a one-shot import) a file is taken at first sight when
        it ends the way a finished file of its type ends.
        """
        now = self._clock()
        complete = []
        present = set()
        for path in self._candidates():
            status = self._stat(path)
            if status is None:
                continue
            present.add(path)
            size, mtime_ns = status
            seen = self._seen.get(path)
            if seen is None or (seen.size, seen.mtime_ns) != (size, mtime_ns):
                seen = self._seen[path] = _Seen(size, mtime_ns, now)
            key = (path, size, mtime_ns)
            if size == 0 or key in self._delivered or now - seen.stable_since < self._settle:
                continue
            if not self._readable(path):
                continue
            self._delivered.add(key)
            complete.append(path)
        for gone in set(self._seen) - present:
            del self._seen[gone]
        return complete

    def mark_imported(self, path: Path) -> Path:
        """Move a taken file into ``imported/`` so the folder shows only what is new."""
        target_dir = self.folder / IMPORTED_FOLDER
        try:
            target_dir.mkdir(exist_ok=True)
            target = target_dir / path.name
            number = 1
            while target.exists():
                target = target_dir / f"{path.stem}-{number}{path.suffix}"
                number += 1
            shutil.move(str(path), target)
        except OSError as exc:
            raise DeviceUnavailableError(f"cannot move {path.name}: {exc.strerror}") from exc
        return target


class FolderScanner(DocumentScanner):
    """The scanner interface over a watched folder: ``scan`` returns the new complete files.

    ``read_pages`` turns a file into pages (inject one that reads PDFs too) and raises a
    ``HardwareError`` (such as ``ImageFileError``) for a file it cannot read: that file is
    listed in ``failed``, left in the folder, and the others are still taken.
    """

    kind = "folder"

    def __init__(self, watcher: FolderWatcher, read_pages: PageReader = read_image_pages) -> None:
        self._watcher = watcher
        self._read_pages = read_pages
        self.failed: list[tuple[Path, str]] = []

    @property
    def name(self) -> str:
        return f"Scan folder {self._watcher.folder.name}"

    def scan(self, settings: ScanSettings) -> list[ScannedPage]:
        pages: list[ScannedPage] = []
        for path in self._watcher.poll():
            try:
                pages.extend(self._read_pages(path))
            except HardwareError as exc:
                self.failed.append((path, str(exc)))
                log.warning("scan folder: a file could not be read")
                continue
            self._watcher.mark_imported(path)
        if not pages:
            raise DeviceUnavailableError("no new complete scan in the folder yet")
        return pages
