"""Per-page processing: from a scanned or imported page to the bytes that go into the PDF."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hardware.imaging import encoding, mixed_raster, page_cleanup
from hardware.scanner.interface import ScannedPage
from reception.digitising.model import ComponentMode, DigitiseOptions, PageEdit

Pixels = npt.NDArray[np.uint8]

#: Share of clearly coloured pixels above which a page is kept in colour (a red seal is ~0.3 %).
COLOUR_SHARE = 0.002
#: Share of mid-grey pixels above which bilevel would lose content (photos, shading).
MIDTONE_LIMIT = 0.06
#: A source JPEG is kept as is when its quality lies in this range (estimated).
GOOD_JPEG_QUALITY = range(50, 93)


class PageKind(enum.StrEnum):
    COLOR = "color"
    GRAY = "gray"
    BW = "bw"


class Encoding(enum.StrEnum):
    JPEG = "jpeg"
    G4_TIFF = "g4"
    MIXED = "mixed"  # a G4 text mask over a low-resolution JPEG background


@dataclass(frozen=True, slots=True)
class ProcessedPage:
    """A page ready for the PDF: ``data`` is a JPEG or a one-page G4 TIFF at ``dpi``.

    A mixed raster page (``Encoding.MIXED``) has ``data`` the background JPEG at
    ``background_dpi`` and ``mask`` the text as a G4 TIFF at ``mask_dpi``, painted in
    ``ink``; ``alternative`` is the same page continuous-tone, stored instead when OCR
    finds the mixed page less legible.
    """

    data: bytes
    encoding: Encoding
    kind: PageKind
    dpi: int
    pixels: Pixels  # what OCR reads: the page as stored, grey or bilevel, at ``dpi``
    reused_source_jpeg: bool = False
    mask: bytes | None = None
    mask_dpi: int = 0
    background_dpi: int = 0
    ink: tuple[int, int, int] = (0, 0, 0)
    alternative: ProcessedPage | None = None


def choose_component_kind(pages: list[Pixels], mode: ComponentMode) -> PageKind:
    """The kind for the whole component: the clerk's choice, or colour only where needed."""
    if mode is ComponentMode.COLOR:
        return PageKind.COLOR
    if mode is ComponentMode.GRAY:
        return PageKind.GRAY
    if mode is ComponentMode.BW:
        return PageKind.BW
    if any(page_cleanup.colourfulness(p) > COLOUR_SHARE for p in pages):
        return PageKind.COLOR
    return PageKind.GRAY


def orient(page: ScannedPage, edit: PageEdit) -> ScannedPage:
    """Apply the clerk's rotation (a no-op keeps the page and its source JPEG)."""
    if edit.quarter_turns % 4 == 0:
        return page
    rotated = page_cleanup.rotate_quarter_turns(page.image, edit.quarter_turns)
    return ScannedPage(image=rotated, dpi=page.dpi, mode=page.mode)


def is_blank(page: ScannedPage) -> bool:
    """Whether the page is an empty sheet (to be dropped from the component)."""
    return page_cleanup.is_blank(page.image)


def _reusable_jpeg(page: ScannedPage, kind: PageKind, options: DigitiseOptions) -> bytes | None:
    if page.jpeg is None or not options.min_dpi <= page.dpi <= options.max_dpi:
        return None
    if kind is PageKind.BW or (kind is PageKind.GRAY) != (page.image.ndim == 2):
        return None
    quality = encoding.jpeg_quality_estimate(page.jpeg)
    if quality is None or quality not in GOOD_JPEG_QUALITY:
        return None
    return page.jpeg


def process_page(
    page: ScannedPage,
    kind: PageKind,
    options: DigitiseOptions,
    upright_turns: Callable[[Pixels, int], int] | None = None,
) -> ProcessedPage:
    """Crop, deskew, orient, normalise resolution and compress one page.

    ``upright_turns(grey, dpi)`` (OCR's orientation detection, when available) says how many
    clockwise quarter turns make the page upright.
    """
    image = page_cleanup.crop_to_page(page.image)
    angle = page_cleanup.skew_angle(image)
    turns = 0
    if upright_turns is not None:
        turns = upright_turns(page_cleanup.to_gray(image), page.dpi)
    untouched = image is page.image and abs(angle) < 0.3 and turns == 0
    if untouched:
        source_jpeg = _reusable_jpeg(page, kind, options)
        if source_jpeg is not None:
            pixels = page_cleanup.to_gray(page.image)
            return ProcessedPage(
                source_jpeg, Encoding.JPEG, kind, page.dpi, pixels, reused_source_jpeg=True
            )
    image = page_cleanup.rotate(image, angle)
    image = page_cleanup.rotate_quarter_turns(image, turns)
    dpi = min(max(page.dpi, options.min_dpi), options.max_dpi)
    image = page_cleanup.resample(image, page.dpi, dpi)

    # No lighting correction here: a flatbed lights the sheet evenly, and dividing out a
    # "background" would wash out photographs (camera captures are flattened at capture).
    white = page_cleanup.paper_white_point(page_cleanup.to_gray(image))
    if kind is PageKind.COLOR:
        colour = image if image.ndim == 3 else np.repeat(image[:, :, None], 3, axis=2)
        colour = page_cleanup.clean_background(colour, white)
        data = encoding.encode_jpeg(colour, dpi, options.jpeg_quality)
        plain = ProcessedPage(data, Encoding.JPEG, kind, dpi, page_cleanup.to_gray(colour))
        return _mixed(colour, plain, options) if options.mixed_raster else plain

    gray = page_cleanup.clean_background(page_cleanup.to_gray(image), white)
    if kind is PageKind.BW and page_cleanup.midtone_ratio(gray) <= MIDTONE_LIMIT:
        bilevel = page_cleanup.binarize(gray)
        data = encoding.encode_g4_tiff(bilevel, dpi)
        return ProcessedPage(data, Encoding.G4_TIFF, kind, dpi, bilevel)
    data = encoding.encode_jpeg(gray, dpi, options.jpeg_quality)
    plain = ProcessedPage(data, Encoding.JPEG, PageKind.GRAY, dpi, gray)
    return _mixed(gray, plain, options) if options.mixed_raster else plain


def _mixed(cleaned: Pixels, plain: ProcessedPage, options: DigitiseOptions) -> ProcessedPage:
    """The mixed raster form of a text page (``plain`` kept as the alternative), or
    ``plain`` itself for a page with photographs."""
    layers = mixed_raster.separate(cleaned, plain.dpi)
    if layers is None:
        return plain
    background = encoding.encode_jpeg(
        layers.background, layers.background_dpi, options.background_jpeg_quality
    )
    mask = encoding.encode_g4_tiff(layers.mask, layers.mask_dpi)
    if len(background) + len(mask) >= len(plain.data):
        return plain  # nothing gained (a page covered in text or colour)
    return ProcessedPage(
        data=background,
        encoding=Encoding.MIXED,
        kind=plain.kind,
        dpi=plain.dpi,
        pixels=layers.preview,
        mask=mask,
        mask_dpi=layers.mask_dpi,
        background_dpi=layers.background_dpi,
        ink=layers.ink,
        alternative=plain,
    )
