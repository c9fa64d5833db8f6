"""The limits every image and PDF we are handed must fit in, checked before decoding.

A file's header states its size; a hostile or broken one can claim 60000×60000 pixels in a
few hundred bytes, or a PDF page of 14400 pt. Decoding or rendering first and checking after
would already have spent the memory, so each reader asks its library for the size (Pillow
opens lazily, pikepdf reads ``/Width``, PDFium the page box) and calls these checks first.
The figures are documented in the README ("Limits on input").

Standard library only.
"""

from __future__ import annotations

import math

from hardware.imaging.image_errors import ImageFileError, ImageTooLargeError

#: A phone photo or a scanned PDF, not a disk image.
MAX_IMAGE_FILE_BYTES = 200 * 2**20
#: Pixels of one decoded image: an A4 page at 600 dpi is 35 Mpx (a 48 MP phone photo is not).
MAX_IMAGE_PIXELS = 40_000_000
#: The longest side of one image, in pixels (a strip 1×50 000 000 is not a page).
MAX_IMAGE_SIDE = 20_000
#: Pages (PDF pages, TIFF frames) read from one file.
MAX_PAGES_PER_FILE = 100
#: Pixels of all pages of one file together (greyscale bytes held at once).
MAX_FILE_PIXELS = 160_000_000
#: The PDF specification's largest page side (200 inches), in points.
MAX_PDF_PAGE_POINTS = 14_400.0
#: The PDF specification's smallest page side, in points.
MIN_PDF_PAGE_POINTS = 3.0
#: Pixels of one rendered PDF page; larger pages are rendered at a lower resolution.
MAX_RENDER_PIXELS = 16_000_000


def check_image_size(width: object, height: object, label: str) -> tuple[int, int]:
    """``(width, height)`` as integers when they are a plausible page, else an error naming
    ``label``. Accepts whatever a header holds (a PDF ``/Width`` may be missing or a string)."""
    if (
        not isinstance(width, int)
        or not isinstance(height, int)
        or isinstance(width, bool)
        or isinstance(height, bool)
        or width <= 0
        or height <= 0
    ):
        raise ImageFileError(f"{label}: the image has no valid width and height")
    if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
        raise ImageTooLargeError(
            f"{label}: the image is {width}×{height} pixels, above the limit of "
            f"{MAX_IMAGE_PIXELS // 1_000_000} million pixels ({MAX_IMAGE_SIDE} per side)"
        )
    return width, height


def check_page_count(count: int, label: str) -> None:
    """Refuse a file with more pages than :data:`MAX_PAGES_PER_FILE`."""
    if count > MAX_PAGES_PER_FILE:
        raise ImageTooLargeError(
            f"{label}: {count} pages, above the limit of {MAX_PAGES_PER_FILE} pages per file"
        )


def check_file_pixels(total: int, label: str) -> None:
    """Refuse a file whose pages together exceed :data:`MAX_FILE_PIXELS`."""
    if total > MAX_FILE_PIXELS:
        raise ImageTooLargeError(
            f"{label}: its pages hold more than {MAX_FILE_PIXELS // 1_000_000} million pixels"
        )


def check_pdf_page_box(width_points: float, height_points: float, label: str) -> None:
    """Refuse a PDF page whose box is empty, not a number, or beyond the PDF maximum."""
    if not (math.isfinite(width_points) and math.isfinite(height_points)):
        raise ImageFileError(f"{label}: the page size is not a number")
    if width_points < MIN_PDF_PAGE_POINTS or height_points < MIN_PDF_PAGE_POINTS:
        raise ImageFileError(f"{label}: the page has no size")
    if width_points > MAX_PDF_PAGE_POINTS or height_points > MAX_PDF_PAGE_POINTS:
        raise ImageTooLargeError(
            f"{label}: the page is {width_points:g}×{height_points:g} pt, above the PDF "
            f"maximum of {MAX_PDF_PAGE_POINTS:g} pt"
        )


def render_scale(width_points: float, height_points: float, dpi: int) -> float:
    """The PDFium scale for ``dpi``, lowered so the page stays within
    :data:`MAX_RENDER_PIXELS`."""
    scale = dpi / 72
    pixels = width_points * scale * height_points * scale
    if pixels > MAX_RENDER_PIXELS:
        scale *= math.sqrt(MAX_RENDER_PIXELS / pixels)
    return scale
