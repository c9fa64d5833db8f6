"""Still images and PDF files to greyscale pixels, ready for QR decoding.

OpenCV decodes images (it is already loaded for the camera and the cascade), after
Pillow has read the header and the size has been checked against
:mod:`hardware.imaging.limits`; PDF pages are rendered by :mod:`hardware.imaging.pdf_pages`.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import cv2
import numpy as np

from hardware.camera.interface import Frame
from hardware.imaging.encoding import probe_image_bytes
from hardware.imaging.image_errors import ImageFileError
from hardware.imaging.limits import MAX_IMAGE_FILE_BYTES
from hardware.input_files import InputFileError, read_regular_file

#: Kept for callers of the old name.
MAX_FILE_BYTES = MAX_IMAGE_FILE_BYTES

__all__ = ["MAX_FILE_BYTES", "ImageFileError", "load_pages"]


def load_pages(path: Path) -> list[Frame]:
    """The pages of ``path`` as greyscale images: one for a photo, one per PDF page.

    JPEG, PNG, TIFF, BMP and WebP (EXIF orientation applied) and PDF, recognised by
    content, not by name. Only regular files within the limits are read. Raises
    :class:`ImageFileError`.
    """
    try:
        data = read_regular_file(path, MAX_IMAGE_FILE_BYTES)
    except ImageFileError:
        raise
    except InputFileError as exc:
        error = ImageFileError(str(exc))
        error.code = exc.code
        raise error from exc
    if b"%PDF-" in data[:1024]:
        from hardware.imaging.pdf_pages import render_pdf_pages

        return render_pdf_pages(path, data=data)
    # Pillow reads the header only: a claimed size is checked before any pixel is decoded.
    probe_image_bytes(data, path.name)
    buffer = np.frombuffer(data, dtype=np.uint8)
    try:
        image = cv2.imdecode(buffer, cv2.IMREAD_GRAYSCALE) if buffer.size else None
    except cv2.error as exc:
        raise ImageFileError(f"{path.name} is damaged or too large to decode") from exc
    if image is None:
        raise ImageFileError(f"{path.name} is neither an image nor a PDF")
    return [cast(Frame, image)]
