"""Pages from files the clerk drops or picks: PDF, JPEG, PNG, TIFF (multi-page).

Each file is read on its own: a broken one becomes a ``SourceFileError`` in the result and
the other files' pages are still returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hardware.imaging.encoding import DecodedImage, decode_image_file
from hardware.imaging.limits import MAX_IMAGE_FILE_BYTES
from hardware.input_files import InputFileError, check_regular_file
from hardware.scanner.interface import ColorMode, ScannedPage
from reception.digitising.model import SourceFileError
from reception.digitising.pdfa import read_scanned_pdf

SUPPORTED_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"})


@dataclass(frozen=True, slots=True)
class LoadedPages:
    """The pages read, each with the file and page it came from, and the files refused."""

    pages: tuple[tuple[ScannedPage, str], ...]
    errors: tuple[SourceFileError, ...]


def to_scanned_page(decoded: DecodedImage) -> ScannedPage:
    """An imported page in the scanners' page type."""
    mode = ColorMode.GRAY if decoded.pixels.ndim == 2 else ColorMode.COLOR
    return ScannedPage(image=decoded.pixels, dpi=decoded.dpi, mode=mode, jpeg=decoded.jpeg)


def read_file(path: Path) -> list[ScannedPage]:
    """Every page of one file; ``SourceFileError`` when it is unsupported or broken."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise SourceFileError(path.name, f"{path.name} is not a PDF, JPEG, PNG or TIFF file")
    try:
        # Refused before opening: a FIFO or a device would block the open or the read.
        check_regular_file(path, MAX_IMAGE_FILE_BYTES)
        with path.open("rb") as handle:
            is_pdf = handle.read(5) == b"%PDF-"
        decoded = read_scanned_pdf(path) if is_pdf else decode_image_file(path)
    except OSError as exc:
        raise SourceFileError(path.name, f"cannot read {path.name}: {exc.strerror}") from exc
    except InputFileError as exc:  # ImageFileError included
        raise SourceFileError(path.name, str(exc)) from exc
    return [to_scanned_page(d) for d in decoded]


def load_files(paths: Iterable[Path]) -> LoadedPages:
    """Read each file in turn; broken files are reported, never stop the others."""
    pages: list[tuple[ScannedPage, str]] = []
    errors: list[SourceFileError] = []
    for path in paths:
        try:
            found = read_file(path)
        except SourceFileError as exc:
            errors.append(exc)
            continue
        pages.extend((page, f"{path.name} #{n}") for n, page in enumerate(found, start=1))
    return LoadedPages(tuple(pages), tuple(errors))
