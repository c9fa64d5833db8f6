"""Decoding page files (including broken ones) and encoding JPEG and CCITT G4."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from hardware.imaging import encoding
from hardware.imaging.image_files import ImageFileError
from tests.generators.pages import gray, text_page


def _pil(pixels: np.ndarray) -> Image.Image:
    return Image.fromarray(pixels if pixels.ndim == 2 else pixels[:, :, ::-1].copy())


def test_a_multi_page_tiff_gives_every_page_with_its_resolution(tmp_path: Path) -> None:
    pages = [_pil(gray(text_page(lines=(f"Trang {n}",)))) for n in (1, 2, 3)]
    path = tmp_path / "scan.tif"
    pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(300, 300))
    decoded = encoding.decode_image_file(path)
    assert len(decoded) == 3
    assert all(d.dpi == 300 and d.jpeg is None and d.pixels.ndim == 2 for d in decoded)


def test_a_plain_jpeg_keeps_its_bytes_and_a_png_with_alpha_lies_on_white(tmp_path: Path) -> None:
    jpeg = tmp_path / "a.jpg"
    _pil(text_page()).save(jpeg, quality=75, dpi=(200, 200))
    (decoded,) = encoding.decode_image_file(jpeg)
    assert decoded.jpeg == jpeg.read_bytes() and decoded.dpi == 200
    assert decoded.pixels.shape[2] == 3
    transparent = Image.new("RGBA", (50, 40), (0, 0, 0, 0))
    png = tmp_path / "a.png"
    transparent.save(png)
    (page,) = encoding.decode_image_file(png)
    assert page.dpi == encoding.DEFAULT_DPI
    assert int(page.pixels.min()) == 255


def test_exif_rotated_jpeg_is_decoded_upright_and_not_passed_through(tmp_path: Path) -> None:
    image = _pil(text_page())
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    path = tmp_path / "phone.jpg"
    image.save(path, exif=exif, quality=80)
    (decoded,) = encoding.decode_image_file(path)
    assert decoded.jpeg is None
    assert decoded.pixels.shape[:2] == (image.width, image.height)


@pytest.mark.parametrize(
    "content",
    [b"", b"not an image at all", b"\xff\xd8\xff\xe0" + b"\x00" * 40, b"II*\x00\x08\x00\x00\x00"],
)
def test_broken_files_raise_one_typed_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.jpg"
    path.write_bytes(content)
    with pytest.raises(ImageFileError, match=r"broken\.jpg"):
        encoding.decode_image_file(path)


def test_a_truncated_jpeg_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    _pil(text_page()).save(buffer, format="JPEG", quality=80)
    path = tmp_path / "cut.jpg"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(ImageFileError):
        encoding.decode_image_file(path)


def test_missing_file_is_the_same_typed_error(tmp_path: Path) -> None:
    with pytest.raises(ImageFileError):
        encoding.decode_image_file(tmp_path / "gone.png")


def test_encoders_write_their_resolution_and_codec() -> None:
    page = gray(text_page())
    jpeg = encoding.encode_jpeg(page, 200, 60)
    with Image.open(io.BytesIO(jpeg)) as image:
        assert image.format == "JPEG" and round(image.info["dpi"][0]) == 200
    assert encoding.jpeg_quality_estimate(jpeg) == pytest.approx(60, abs=3)
    bilevel = np.where(page < 128, 0, 255).astype(np.uint8)
    tiff = encoding.encode_g4_tiff(bilevel, 300)
    with Image.open(io.BytesIO(tiff)) as image:
        assert image.info["compression"] == "group4" and image.mode == "1"
    assert encoding.jpeg_quality_estimate(b"junk") is None
