"""Face images through Pillow: decoding JPEG / JPEG 2000 to pixels, and a synthetic face.

The only module of the ICAO code that imports Pillow. Decoding turns what DG2 carries
into plain RGB pixels any UI can show (Qt reads JPEG itself, but not JPEG 2000); the
synthetic face stands in for a photo in the card simulator.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFilter, UnidentifiedImageError

from hardware.icao.errors import DataGroupError

#: Pixels beyond this are refused: a DG2 face is about 480 × 640.
MAX_PIXELS = 4000 * 4000


@dataclass(frozen=True, slots=True)
class DecodedImage:
    """RGB pixels, 3 bytes per pixel, rows top to bottom without padding."""

    width: int
    height: int
    rgb: bytes = field(repr=False)


def decode_face(data: bytes) -> DecodedImage:
    """Decode a JPEG or JPEG 2000 face image; :class:`DataGroupError` when it cannot be."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise DataGroupError("face image is implausibly large")
            rgb = image.convert("RGB")
            return DecodedImage(rgb.width, rgb.height, rgb.tobytes())
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise DataGroupError("face image cannot be decoded") from exc


def load_photo_as_jpeg(data: bytes, *, size: tuple[int, int] = (480, 640)) -> bytes:
    """A photo file (any format Pillow reads) as a DG2-sized JPEG."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            fitted = image.convert("RGB")
            fitted.thumbnail(size)
            out = io.BytesIO()
            fitted.save(out, "JPEG", quality=90)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise DataGroupError("photo cannot be decoded") from exc


def convert_to_jpeg2000(jpeg: bytes) -> bytes:
    """The same image as a JPEG 2000 (JP2) file, for tests of the other encoding."""
    with Image.open(io.BytesIO(jpeg)) as image:
        out = io.BytesIO()
        # Lossy, about 20:1 as on documents; lossless would be ten times a DG2's size.
        image.convert("RGB").save(out, "JPEG2000", quality_mode="rates", quality_layers=[20])
        return out.getvalue()


def synthetic_face_jpeg(seed: str, *, target_bytes: int = 20_000) -> bytes:
    """A face-like portrait (head, eyes, mouth, shoulders on a pale ground), ~``target_bytes``.

    Deterministic for a seed; fine noise makes the size realistic for a DG2 photo, and
    the JPEG quality is searched so the file lands near the target.
    """
    rng = random.Random(seed)
    width, height = 360, 480
    image = Image.new("RGB", (width, height), (226, 232, 240))
    draw = ImageDraw.Draw(image)
    skin = (rng.randint(200, 235), rng.randint(160, 190), rng.randint(130, 160))
    draw.ellipse((70, 380, 290, 560), fill=(40, 60, 110))  # shoulders
    draw.rectangle((150, 300, 210, 400), fill=skin)  # neck
    draw.ellipse((95, 90, 265, 320), fill=skin)  # face
    draw.chord((90, 60, 270, 230), 180, 360, fill=(30, 25, 25))  # hair
    for x in (140, 200):
        draw.ellipse((x, 180, x + 22, 194), fill=(255, 255, 255))
        draw.ellipse((x + 6, 181, x + 16, 193), fill=(40, 30, 20))
    draw.line((180, 200, 172, 250, 186, 252), fill=(150, 110, 90), width=3)
    draw.arc((150, 255, 210, 290), 20, 160, fill=(150, 60, 60), width=4)
    noise = Image.frombytes("L", (width, height), rng.randbytes(width * height))
    image = Image.blend(image, noise.convert("RGB"), 0.2).filter(ImageFilter.SMOOTH)
    best = b""
    for quality in range(95, 10, -5):
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality)
        best = out.getvalue()
        if len(best) <= target_bytes:
            break
    return best
