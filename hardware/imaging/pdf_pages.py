"""PDF pages to pixels with PDFium (pypdfium2). The only module that imports pypdfium2.

A citizen's scanned copy or a photo saved as PDF: pages are rendered at a resolution
where the ID card's QR code has modules of several pixels.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np

from hardware.camera.interface import Frame
from hardware.imaging.image_errors import ImageFileError
from hardware.imaging.limits import (
    MAX_IMAGE_FILE_BYTES,
    check_file_pixels,
    check_page_count,
    check_pdf_page_box,
    render_scale,
)
from hardware.input_files import InputFileError, read_regular_file

#: 200 dpi: a 15 mm CCCD code gets about 2.4 px per module, which the cascade's regions
#: step reads; 300 dpi would triple the pixels of every A4 page for little gain.
DEFAULT_DPI = 200
MAX_PAGES = 20

# PDFium is not thread-safe; pypdfium2 asks callers to serialise all use of it.
_PDFIUM_LOCK = threading.Lock()


def render_pdf_pages(
    path: Path, *, dpi: int = DEFAULT_DPI, max_pages: int = MAX_PAGES, data: bytes | None = None
) -> list[Frame]:
    """Greyscale images of the first ``max_pages`` pages of ``path`` (or of ``data``, the
    file's bytes when the caller has read them already).

    Each page's box is checked before it is rendered (an empty or absurd box is refused;
    a large one is rendered at a lower resolution, so a page never exceeds
    :data:`~hardware.imaging.limits.MAX_RENDER_PIXELS`). Raises :class:`ImageFileError`
    when PDFium cannot open or render the file.
    """
    import pypdfium2

    if data is None:
        try:
            data = read_regular_file(path, MAX_IMAGE_FILE_BYTES)
        except InputFileError as exc:
            raise ImageFileError(str(exc)) from exc
    pdfium: Any = pypdfium2
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except (pdfium.PdfiumError, OSError, ValueError) as exc:
            raise ImageFileError(f"cannot open {path.name} as a PDF: {exc}") from exc
        try:
            count = len(document)
            check_page_count(count, path.name)
            # Every page's box first: the whole file is refused before any pixel is drawn.
            scales = []
            total = 0
            for index in range(min(count, max_pages)):
                width, height = (float(v) for v in document.get_page_size(index))
                check_pdf_page_box(width, height, f"{path.name} page {index + 1}")
                scale = render_scale(width, height, dpi)
                total += round(width * scale) * round(height * scale)
                scales.append(scale)
            check_file_pixels(total, path.name)
            pages = []
            for index, scale in enumerate(scales):
                page = document[index]
                try:
                    bitmap = page.render(scale=scale, grayscale=True)
                    pixels = np.array(bitmap.to_numpy(), dtype=np.uint8, copy=True)
                finally:
                    page.close()
                pages.append(pixels[..., 0] if pixels.ndim == 3 else pixels)
        except (pdfium.PdfiumError, ValueError) as exc:
            raise ImageFileError(f"cannot render {path.name}: {exc}") from exc
        finally:
            document.close()
    return pages


def pdfium_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pypdfium2")
    except PackageNotFoundError:  # a frozen build may carry no package metadata
        return "bundled"
