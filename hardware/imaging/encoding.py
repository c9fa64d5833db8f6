"""Image files in and out: decoding JPEG/PNG/TIFF pages, encoding JPEG and CCITT G4.

Pillow does the codec work (its wheels carry libjpeg and libtiff). Decoding never lets a
codec exception escape: a broken file is one ``ImageFileError`` naming the file (the same
error type as :mod:`hardware.imaging.image_files`).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# One error type for unreadable files across the imaging modules (shared with QR import).
from hardware.imaging.image_errors import ImageFileError, ImageTooLargeError
from hardware.imaging.limits import (
    MAX_IMAGE_FILE_BYTES,
    MAX_IMAGE_PIXELS,
    check_file_pixels,
    check_image_size,
    check_page_count,
)
from hardware.input_files import InputFileError, read_regular_file

Pixels = npt.NDArray[np.uint8]

#: Resolution assumed when a file does not say (phone photos, screenshots).
DEFAULT_DPI = 200
#: Pillow's own bomb check, as a second line behind :func:`check_image_size` (which runs
#: on the header, before decoding).
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
_EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True, slots=True)
class DecodedImage:
    """One page of an image file; ``jpeg`` holds the file's bytes when it is a plain JPEG."""

    pixels: Pixels  # grey H×W or BGR H×W×3
    dpi: int
    jpeg: bytes | None = None


def _dpi_of(image: Image.Image) -> int:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    # Some programs write 1 or 72 "dpi" meaning "unknown"; a scan is never that coarse.
    return value if value >= 100 else DEFAULT_DPI


def _to_pixels(frame: Image.Image) -> Pixels:
    if frame.mode in ("1", "L", "I;16", "I", "F"):
        return np.asarray(frame.convert("L"), dtype=np.uint8).copy()
    if "A" in frame.mode or "transparency" in frame.info:
        # Flatten transparency onto white paper, as a printer would.
        rgba = frame.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        frame = Image.alpha_composite(white, rgba)
    rgb = np.asarray(frame.convert("RGB"), dtype=np.uint8)
    return np.ascontiguousarray(rgb[:, :, ::-1])


def decode_image_file(path: Path) -> list[DecodedImage]:
    """Every page of a JPEG, PNG or (multi-page) TIFF file, upright per its EXIF orientation."""
    try:
        data = read_regular_file(path, MAX_IMAGE_FILE_BYTES)
    except ImageFileError:
        raise
    except InputFileError as exc:
        error = ImageFileError(str(exc))
        error.code = exc.code
        raise error from exc
    return decode_image_bytes(data, path.name)


def probe_image_bytes(data: bytes, label: str) -> tuple[int, int]:
    """The size of the (first) image in ``data``, read from its header without decoding;
    :class:`ImageFileError` when it is not an image Pillow knows or is beyond the limits."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                check_image_size(width, height, label)
                check_page_count(int(getattr(image, "n_frames", 1)), label)
                return width, height
    except ImageFileError:
        raise
    except UnidentifiedImageError as exc:
        raise ImageFileError(f"{label} is neither an image nor a PDF") from exc
    except Image.DecompressionBombError as exc:
        raise ImageTooLargeError(f"{label} is too large to be a page") from exc
    except Exception as exc:  # a codec's failure on a hostile header
        raise ImageFileError(f"{label} is damaged or truncated") from exc


def decode_image_bytes(data: bytes, label: str) -> list[DecodedImage]:
    """As :func:`decode_image_file`, from bytes; ``label`` names the source in errors."""
    try:
        # Pillow warns about damaged metadata (EXIF) and carries on; the pixels decide.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pages = _decode_pages(data, label)
    except ImageFileError:
        raise
    except UnidentifiedImageError as exc:
        raise ImageFileError(f"{label} is not a JPEG, PNG or TIFF image") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        # The codec's own words name bytes and offsets: not for the clerk.
        raise ImageFileError(f"{label} is damaged or truncated") from exc
    except Image.DecompressionBombError as exc:
        raise ImageTooLargeError(f"{label} is too large to be a page") from exc
    except Exception as exc:  # codecs raise anything on hostile data
        raise ImageFileError(f"{label} is damaged or truncated") from exc
    if not pages:
        raise ImageFileError(f"{label} holds no image")
    return pages


def _decode_pages(data: bytes, label: str) -> list[DecodedImage]:
    with Image.open(io.BytesIO(data)) as image:
        image_format = image.format
        check_page_count(int(getattr(image, "n_frames", 1)), label)
        pages: list[DecodedImage] = []
        total = 0
        for frame in ImageSequence.Iterator(image):
            # Each frame's header is checked before its pixels are decoded.
            width, height = check_image_size(frame.size[0], frame.size[1], label)
            total += width * height
            check_file_pixels(total, label)
            frame.load()
            orientation = frame.getexif().get(_EXIF_ORIENTATION, 1)
            upright = ImageOps.exif_transpose(frame) if orientation != 1 else frame
            passthrough = (
                data
                if image_format == "JPEG"
                and orientation == 1
                and frame.mode in ("L", "RGB")
                and not frame.info.get("progressive")
                else None
            )
            pages.append(DecodedImage(_to_pixels(upright), _dpi_of(frame), passthrough))
    return pages


def _pil(pixels: Pixels) -> Image.Image:
    if pixels.ndim == 2:
        return Image.fromarray(pixels, mode="L")
    return Image.fromarray(np.ascontiguousarray(pixels[:, :, ::-1]), mode="RGB")


def encode_jpeg(pixels: Pixels, dpi: int, quality: int) -> bytes:
    """Baseline JPEG (grey or colour) carrying its resolution; 4:2:0 chroma for colour."""
    out = io.BytesIO()
    _pil(pixels).save(
        out, format="JPEG", quality=quality, dpi=(dpi, dpi), optimize=True, subsampling=2
    )
    return out.getvalue()


def encode_g4_tiff(bilevel: Pixels, dpi: int) -> bytes:
    """A one-page TIFF, CCITT Group 4, from a 0/255 image (PDF embeds the G4 data as is)."""
    out = io.BytesIO()
    Image.fromarray(bilevel, mode="L").convert("1", dither=Image.Dither.NONE).save(
        out, format="TIFF", compression="group4", dpi=(dpi, dpi)
    )
    return out.getvalue()


def jpeg_quality_estimate(data: bytes) -> int | None:
    """The IJG quality a JPEG was saved at, from its luminance table (None if unknown)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            tables = getattr(image, "quantization", None)
    except (UnidentifiedImageError, OSError):
        return None
    if not tables or 0 not in tables:
        return None
    # The IJG base luminance table's first entries; the ratio of the scaled table gives q.
    base = (16, 11, 10, 16, 24, 40, 51, 61)
    table = [int(t) for t in list(tables[0])[:8]]
    scale = sum(t for t in table) * 100 / sum(base)
    quality = (200 - scale) / 2 if scale <= 100 else 5000 / scale
    return max(1, min(100, round(quality)))
