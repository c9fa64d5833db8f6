"""Synthetic documents for the digitising tests: text pages, seals, photos of pages.

Every person and text here is invented.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageDraw, ImageFont

from tests.generators.page_photo import photograph_page

Pixels = npt.NDArray[np.uint8]
FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "Tinos-Regular.ttf"

LINES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "GIẤY XÁC NHẬN THỬ NGHIỆM",
    "Họ và tên: TRẦN THỊ MẪU",
    "Địa chỉ: Số 9 phố Giả Định, phường Ví Dụ",
    "Nội dung: đề nghị cấp bản sao trích lục",
)


def text_page(
    lines: tuple[str, ...] = LINES,
    dpi: int = 150,
    size_mm: tuple[float, float] = (105.0, 148.0),
    points: int = 12,
    seal: bool = False,
) -> Pixels:
    """A light-grey sheet (A6 by default, to keep OCR tests fast) with dark text; BGR."""
    width = round(size_mm[0] / 25.4 * dpi)
    height = round(size_mm[1] / 25.4 * dpi)
    sheet = Image.new("RGB", (width, height), (248, 248, 246))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(FONT), max(8, round(dpi * points / 72)))
    margin = round(dpi * 0.4)
    y = margin
    for line in lines:
        draw.text((margin, y), line, fill=(25, 25, 25), font=font)
        y += round(dpi * points / 72 * 1.7)
    if seal:
        r = round(dpi * 0.45)
        cx, cy = width - margin - r, height - margin - r
        draw.ellipse(
            (cx - r, cy - r, cx + r, cy + r), outline=(200, 30, 30), width=max(2, dpi // 40)
        )
        draw.ellipse((cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2), fill=(210, 40, 40))
    rgb = np.asarray(sheet, dtype=np.uint8)
    return np.ascontiguousarray(rgb[:, :, ::-1])


def gray(image: Pixels) -> Pixels:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def blank_page(dpi: int = 150, seed: int = 3) -> Pixels:
    """An empty sheet with paper grain and a few specks of dust (grey)."""
    rng = np.random.default_rng(seed)
    width, height = round(105 / 25.4 * dpi), round(148 / 25.4 * dpi)
    sheet = np.clip(rng.normal(244, 3, (height, width)), 0, 255).astype(np.uint8)
    for _ in range(6):
        y, x = rng.integers(20, height - 20), rng.integers(20, width - 20)
        sheet[y : y + 2, x : x + 2] = 90
    return sheet


def photo_of_page(
    page: Pixels, frame_size: tuple[int, int] = (1600, 1200), seed: int = 11
) -> tuple[Pixels, npt.NDArray[np.float32]]:
    """A camera frame of ``page`` on a cluttered desk, in perspective, half shadowed."""
    return photograph_page(page, frame_size=frame_size, seed=seed)
