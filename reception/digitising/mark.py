"""The conversion mark: what it says and where it sits on each page.

Luật Giao dịch điện tử 2023 Điều 12 and Nghị định 137/2024 Điều 4 want a copy converted
from paper to carry its own mark saying so, with the conversion time and the full name of
who converted it (a QR code may be added). The first page carries the whole mark (text,
QR with the dossier, component and file identifiers, and the box the signature appears
in); the other pages a one-line footer. The mark goes into the bottom margin when the page
has a free one, otherwise the page is made taller so that it never covers the document.

Pure geometry and wording; drawing it is :mod:`reception.forms.conversion_mark`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

#: Heights in points (1/72 inch) of the first page's mark and of the other pages' footer.
FULL_HEIGHT = 50.0
FOOTER_HEIGHT = 11.0
#: Distance from the bottom edge of the sheet, and the clearance kept above the mark.
BOTTOM_OFFSET = 8.0
CLEARANCE = 4.0
HEADING = "BẢN ĐIỆN TỬ CHUYỂN ĐỔI TỪ VĂN BẢN GIẤY"


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle in PDF points, origin at the page's bottom left."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True, slots=True)
class ConversionMark:
    """Who converted which component, when: the content of the mark."""

    unit_name: str
    operator: str  # the clerk's full name
    converted_at: datetime
    dossier_code: str
    component_code: str
    file_id: str  # the file's identifier (also in its XMP metadata as dc:identifier)

    def time_text(self) -> str:
        return self.converted_at.strftime("%H:%M ngày %d/%m/%Y")

    def lines(self) -> tuple[str, ...]:
        """The first page's text, line by line (Vietnamese: the mark is a legal text)."""
        unit = f"Đơn vị chuyển đổi: {self.unit_name}" if self.unit_name else ""
        return tuple(
            line
            for line in (
                HEADING,
                unit,
                f"Người chuyển đổi: {self.operator}",
                f"Thời gian chuyển đổi: {self.time_text()}",
                f"Mã hồ sơ: {self.dossier_code} - Thành phần: {self.component_code}",
            )
            if line
        )

    def footer(self, page: int, pages: int) -> str:
        """The one line on the pages after the first."""
        return (
            f"Bản điện tử chuyển đổi từ văn bản giấy - {self.operator} - {self.time_text()}"
            f" - Mã hồ sơ {self.dossier_code} - Trang {page}/{pages}"
        )

    def qr_payload(self) -> str:
        """The QR's text: dossier code, component code and file identifier."""
        return (
            f"MaHoSo={self.dossier_code};MaThanhPhanHoSo={self.component_code};MaTep={self.file_id}"
        )


@dataclass(frozen=True, slots=True)
class PageSpace:
    """A page as it comes out of processing: its size and its free bottom margin (points)."""

    width: float
    height: float
    free_bottom: float


@dataclass(frozen=True, slots=True)
class MarkPlacement:
    """Where one page's mark goes; ``added_bottom`` points are added below the page."""

    page: int  # 1-based
    pages: int
    width: float
    height: float  # the page's final height, the added margin included
    added_bottom: float
    box: Rect
    qr_box: Rect | None  # first page only
    text_box: Rect
    signature_box: Rect | None  # first page only, when the copy is to be signed

    @property
    def full(self) -> bool:
        return self.page == 1


def place_marks(spaces: Sequence[PageSpace], *, signed: bool) -> list[MarkPlacement]:
    """The mark's place on every page: inside a free bottom margin, else below the page."""
    placements = []
    for number, space in enumerate(spaces, start=1):
        height = FULL_HEIGHT if number == 1 else FOOTER_HEIGHT
        needed = BOTTOM_OFFSET + height + CLEARANCE
        added = 0.0 if space.free_bottom >= needed else math.ceil(needed - space.free_bottom)
        side = max(10.0, round(space.width * 0.04, 1))
        box = Rect(side, BOTTOM_OFFSET, space.width - side, BOTTOM_OFFSET + height)
        qr_box = signature_box = None
        text_box = box
        if number == 1:
            inset = 2.0
            qr = height - 2 * inset
            qr_box = Rect(box.x0 + inset, box.y0 + inset, box.x0 + inset + qr, box.y1 - inset)
            text_right = box.x1
            if signed:
                signature_width = min(170.0, box.width * 0.36)
                signature_box = Rect(box.x1 - signature_width, box.y0, box.x1, box.y1)
                text_right = signature_box.x0 - inset
            text_box = Rect(qr_box.x1 + 2 * inset, box.y0, text_right, box.y1)
        placements.append(
            MarkPlacement(
                page=number,
                pages=len(spaces),
                width=space.width,
                height=space.height + added,
                added_bottom=added,
                box=box,
                qr_box=qr_box,
                text_box=text_box,
                signature_box=signature_box,
            )
        )
    return placements
