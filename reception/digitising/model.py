"""What digitising takes and gives: requests, modes, results, progress, errors."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from reception.errors import UserError


class ComponentMode(enum.StrEnum):
    """The colour mode chosen for a whole component."""

    AUTO = "auto"  # colour when a page has colour (a red seal), else greyscale
    COLOR = "color"
    GRAY = "gray"
    BW = "bw"  # bilevel where legible; pages with photos or shading stay greyscale


class DigitiseError(UserError):
    """Digitising could not produce the component (no pages, disk full, bad input)."""

    code = "digitise_failed"


class SourceFileError(DigitiseError):
    """One input file cannot be read; the others are not affected."""

    code = "source_file_invalid"

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.reason = message  # a whole sentence naming the file


class NoPagesError(DigitiseError):
    """Every page was blank or deleted: there is nothing to make a PDF of."""

    code = "digitise_no_pages"


# Codes go into file names, so only the characters the official codes use are accepted.
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,63}$")


def check_code(value: str, what: str) -> str:
    """``value`` if it is a safe code (letters, digits, dots, hyphens), else ``DigitiseError``."""
    if not _CODE.match(value):
        raise DigitiseError(f"{what} {value!r} is not a valid code")
    return value


@dataclass(frozen=True, slots=True)
class ComponentInfo:
    """Who and what a digitised component belongs to; written into the PDF's metadata."""

    dossier_code: str
    procedure_code: str
    component_code: str
    operator: str
    component_name: str = ""
    owner_id_number: str | None = None  # for the reuse store; never logged
    unit_name: str = ""  # the converting unit, named in the conversion mark

    def __post_init__(self) -> None:
        check_code(self.dossier_code, "dossier code")
        check_code(self.procedure_code, "procedure code")
        check_code(self.component_code, "component code")


def component_file_name(info: ComponentInfo, number: int) -> str:
    """``<MaHoSo>_<MaThanhPhanHoSo>_<n>.pdf`` (one-stop naming practice)."""
    if number < 1:
        raise ValueError("component file numbers start at 1")
    return f"{info.dossier_code}_{info.component_code}_{number}.pdf"


@dataclass(frozen=True, slots=True)
class PageEdit:
    """What the clerk did to a page in the window before digitising."""

    quarter_turns: int = 0  # clockwise


@dataclass(frozen=True, slots=True)
class DigitiseOptions:
    mode: ComponentMode = ComponentMode.AUTO
    min_dpi: int = 200
    max_dpi: int = 300  # finer scans are reduced: no legibility gained, much size lost
    jpeg_quality: int = 65  # the lowest at which OCR of the stored page loses nothing (bench)
    remove_blank: bool = True
    fix_orientation: bool = True
    ocr: bool = True
    ocr_languages: str = "vie"
    mark: bool = True  # the conversion mark (Nghị định 137/2024 Điều 4) on every page
    # Text pages as a G4 text mask over a low-resolution background, kept only where OCR
    # reads the stored page as well as the continuous-tone one (bench: 5x smaller).
    mixed_raster: bool = True
    background_jpeg_quality: int = 50


@dataclass(frozen=True, slots=True)
class DigitisedComponent:
    """A finished component PDF and what is recorded about it."""

    path: Path
    info: ComponentInfo
    pages: int
    bytes: int
    sha256: str
    pdfa: bool
    ocr: bool
    created_at: datetime
    blank_pages_removed: int = 0
    page_modes: tuple[str, ...] = field(default=())
    page_encodings: tuple[str, ...] = field(default=())  # jpeg, g4 or mixed, per page
    file_id: str = ""  # the identifier in the mark's QR and the XMP (dc:identifier)
    marked: bool = False
    signed: bool = False
    signer: str | None = None  # the signing certificate's subject common name

    def to_json_dict(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "pages": self.pages,
            "bytes": self.bytes,
            "sha256": self.sha256,
            "pdfa": self.pdfa,
            "ocr": self.ocr,
            "blank_pages_removed": self.blank_pages_removed,
            "page_modes": list(self.page_modes),
            "page_encodings": list(self.page_encodings),
            "dossier_code": self.info.dossier_code,
            "procedure_code": self.info.procedure_code,
            "component_code": self.info.component_code,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "file_id": self.file_id,
            "mark": self.marked,
            "signed": self.signed,
            "signer": self.signer,
        }


class ProgressSink(Protocol):
    """Told after each step; ``done`` of ``total`` steps, ``stage`` a short English word."""

    def __call__(self, done: int, total: int, stage: str) -> None: ...


def no_progress(done: int, total: int, stage: str) -> None:
    """A progress sink that ignores everything."""
