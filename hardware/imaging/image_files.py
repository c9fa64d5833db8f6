"""Still images and PDF files to greyscale pixels, ready for QR decoding.

OpenCV decodes images (it is already loaded for the camera and the cascade); PDF pages
are rendered by :mod:`hardware.imaging.pdf_pages`.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import cv2
import numpy as np

from hardware.camera.interface import Frame
from hardware.errors import HardwareError

MAX_FILE_BYTES = 200 * 1024 * 1024  # a phone photo or a scanned PDF, not a disk image


class ImageFileError(HardwareError):
    """A file that cannot be read as an image or a PDF (missing, damaged, encrypted)."""

    code = "file_unreadable"


def load_pages(path: Path) -> list[Frame]:
    """The pages of ``path`` as greyscale images: one for a photo, one per PDF page.

    JPEG, PNG, TIFF, BMP and WebP (whatever OpenCV reads; EXIF orientation applied) and
    PDF, recognised by content, not by name. Raises :class:`ImageFileError`.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImageFileError(f"{path.name}: larger than {MAX_FILE_BYTES // 2**20} MB")
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        raise ImageFileError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    if b"%PDF-" in head:
        from hardware.imaging.pdf_pages import render_pdf_pages

        return render_pdf_pages(path)
    try:
        data = np.fromfile(path, dtype=np.uint8)
    except OSError as exc:
        raise ImageFileError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    image = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE) if data.size else None
    if image is None:
        raise ImageFileError(f"{path.name} is neither an image nor a PDF")
    return [cast(Frame, image)]
