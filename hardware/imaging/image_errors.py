"""The one error type for an image or PDF file we cannot use (shared by every reader)."""

from __future__ import annotations

from hardware.input_files import InputFileError


class ImageFileError(InputFileError):
    """A file that cannot be read as an image or a PDF (missing, damaged, encrypted)."""

    code = "file_unreadable"


class ImageTooLargeError(ImageFileError):
    """An image or page outside the limits (a decompression bomb, a huge page)."""

    code = "image_too_large"
