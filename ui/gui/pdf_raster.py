"""PDF pages to QImages for the receipt preview and the printout.

The preview and the printout are raster images of the very PDF that is exported, so what
the clerk sees, prints and archives cannot drift apart (painting the form again with
QPainter would be a second layout to keep in step; QtPdf is left out of the build to keep
it small). Rendering goes through ``hardware.imaging.pdf_pages``, the one module that
imports pypdfium2 and holds the one lock PDFium needs across threads (a scanned PDF may
be rendered on another thread at the same moment).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtGui import QImage

from hardware.errors import HardwareError
from hardware.imaging.pdf_pages import render_pdf_pages
from reception.errors import UserError

MAX_PAGES = 20


class PdfRenderError(UserError):
    """The bytes are not a PDF PDFium can render."""

    code = "form_render_failed"


def render_pages(pdf: bytes, dpi: int) -> list[QImage]:
    """Every page (at most :data:`MAX_PAGES`) of ``pdf`` at ``dpi``, in greyscale: the
    forms are black on white."""
    # PDFium reads from a file here; a private folder, removed at once, since the form
    # carries the citizen's name.
    with tempfile.TemporaryDirectory(prefix="reception-form-") as folder:
        path = Path(folder) / "form.pdf"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(pdf)
        try:
            frames = render_pdf_pages(path, dpi=dpi, max_pages=MAX_PAGES)
        except HardwareError as exc:
            raise PdfRenderError(f"cannot render the form: {exc}") from exc
    images = []
    for frame in frames:
        height, width = frame.shape[:2]
        image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_Grayscale8)
        images.append(image.copy())  # detach from the numpy buffer
    return images
