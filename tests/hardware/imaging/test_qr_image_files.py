"""Reading photos and PDF files for QR decoding, and refusing what is neither."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from hardware.imaging.image_files import ImageFileError, load_pages
from hardware.qr.cascade import build_cascade
from tests.generators.qr_scenes import qr_modules

PAYLOAD = "001099012345||TRẦN THỊ MAI|15081999|Nữ|Quảng Ninh|20082021"


def _code_image(module_px: int = 4) -> np.ndarray:
    modules = np.pad(qr_modules(PAYLOAD), 4, constant_values=255)
    return np.kron(modules, np.ones((module_px, module_px), np.uint8))


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".webp"])
def test_a_photo_is_one_greyscale_page(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"ảnh căn cước{suffix}"
    ok, data = cv2.imencode(suffix, _code_image())
    assert ok
    path.write_bytes(data.tobytes())
    [page] = load_pages(path)
    assert page.ndim == 2
    assert build_cascade().decode_all(page) == [PAYLOAD]


def test_a_scanned_pdf_gives_its_pages_and_the_code_on_the_second(tmp_path: Path) -> None:
    blank = Image.new("L", (1654, 2339), 255)
    scanned = blank.copy()
    scanned.paste(Image.fromarray(_code_image(2)), (1100, 200))  # 2 px per module at 200 dpi
    path = tmp_path / "ban-sao.pdf"
    blank.save(path, save_all=True, append_images=[scanned], resolution=200)
    pages = load_pages(path)
    assert len(pages) == 2
    cascade = build_cascade()
    assert cascade.decode_all(pages[0]) == []
    assert cascade.decode_all(pages[1]) == [PAYLOAD]


@pytest.mark.parametrize(
    "content", [b"", b"not an image at all", b"%PDF-1.7\n garbage", b"\x89PNG\r\n\x1a\n broken"]
)
def test_damaged_files_raise_one_typed_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "hong.bin"
    path.write_bytes(content)
    with pytest.raises(ImageFileError):
        load_pages(path)


def test_a_missing_file_raises_the_same_error(tmp_path: Path) -> None:
    with pytest.raises(ImageFileError, match="cannot read"):
        load_pages(tmp_path / "missing.png")
