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
from hardware.imaging.image_files import ImageFileError

#: 200 dpi: a 15 mm CCCD code gets about 2.4 px per module, which the cascade's regions
#: step reads; 300 dpi would triple the pixels of every A4 page for little gain.
DEFAULT_DPI = 200
MAX_PAGES = 20

# PDFium is not thread-safe; pypdfium2 asks callers to serialise all use of it.
_PDFIUM_LOCK = threading.Lock()


def render_pdf_pages(
    path: Path, *, dpi: int = DEFAULT_DPI, max_pages: int = MAX_PAGES
) -> list[Frame]:
    """Greyscale images of the first ``max_pages`` pages of ``path``.

    Raises :class:`ImageFileError` when PDFium cannot open or render the file.
    """
    import pypdfium2

    pdfium: Any = pypdfium2
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(str(path))
        except (pdfium.PdfiumError, OSError) as exc:
            raise ImageFileError(f"cannot open {path.name} as a PDF: {exc}") from exc
        try:
            count = min(len(document), max_pages)
            pages = []
            for index in range(count):
                page = document[index]
                try:
                    bitmap = page.render(scale=dpi / 72, grayscale=True)
                    pixels = np.array(bitmap.to_numpy(), dtype=np.uint8, copy=True)
                finally:
                    page.close()
                pages.append(pixels)
        except pdfium.PdfiumError as exc:
            raise ImageFileError(f"cannot render {path.name}: {exc}") from exc
        finally:
            document.close()
    return [pixels[..., 0] if pixels.ndim == 3 else pixels for pixels in pages]


def pdfium_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pypdfium2")
    except PackageNotFoundError:  # a frozen build may carry no package metadata
        return "bundled"
