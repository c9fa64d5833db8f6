"""A scanner that returns real pages: A4 sheets of text rendered at the requested resolution."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from hardware.errors import DeviceUnavailableError
from hardware.scanner.interface import ColorMode, DocumentScanner, ScannedPage, ScanSettings

A4_MM = (210.0, 297.0)
DEFAULT_TEXT = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "",
    "TỜ KHAI (trang mô phỏng)",
    "Họ, chữ đệm, tên người yêu cầu: NGUYỄN VĂN AN",
    "Nơi cư trú: Số 1 đường Mẫu, Phường Thử Nghiệm",
    "Đề nghị cơ quan đăng ký cho người dưới đây.",
)


class SimulatedScanner(DocumentScanner):
    """Renders ``lines`` with ``font`` on each page; page numbers make pages distinct."""

    kind = "simulated"

    def __init__(self, font: Path, lines: Sequence[str] = DEFAULT_TEXT) -> None:
        self._font_path = font
        self._lines = tuple(lines)

    @property
    def name(self) -> str:
        return "Simulated scanner"

    def scan(self, settings: ScanSettings) -> list[ScannedPage]:
        if not 75 <= settings.dpi <= 1200:
            raise DeviceUnavailableError(f"resolution {settings.dpi} dpi is not offered")
        count = settings.pages * (2 if settings.duplex else 1)
        return [self._page(settings, number) for number in range(1, count + 1)]

    def _page(self, settings: ScanSettings, number: int) -> ScannedPage:
        width = round(A4_MM[0] / 25.4 * settings.dpi)
        height = round(A4_MM[1] / 25.4 * settings.dpi)
        page = Image.new("L", (width, height), 250)
        draw = ImageDraw.Draw(page)
        size = max(8, round(settings.dpi * 12 / 72))  # 12 pt type
        font = ImageFont.truetype(str(self._font_path), size)
        margin = round(settings.dpi * 0.8)
        y = margin
        for line in (*self._lines, "", f"Trang {number}"):
            draw.text((margin, y), line, fill=20, font=font)
            y += round(size * 1.6)
        image = np.asarray(page, dtype=np.uint8)
        if settings.mode is ColorMode.COLOR:
            image = np.repeat(image[:, :, None], 3, axis=2)
        elif settings.mode is ColorMode.BW:
            image = np.where(image < 128, 0, 255).astype(np.uint8)
        return ScannedPage(image=image, dpi=settings.dpi, mode=settings.mode)
