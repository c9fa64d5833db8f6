"""Sổ theo dõi hồ sơ (the ledger; Mẫu 06 of Thông tư 01/2018/TT-VPCP) for a date range.

One row per dossier on landscape A4, header row repeated on every page. The columns after
the appointment (handed on, result back, returned) are tracked by the provincial system,
not here: they are printed empty, to be filled by hand. The exact columns of the form are
not confirmed (see one-stop.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from reception.dossiers.store import Dossier
from reception.forms.layout import (
    CENTER,
    CENTER_ITALIC,
    TITLE,
    build_pdf,
    frame_width,
    grid,
    header,
    p,
    style,
)
from reception.forms.wording import markup
from reception.workstation.config import UnitConfig

LEDGER_TITLE = "SỔ THEO DÕI HỒ SƠ"
COLUMNS = (
    ("TT", 9),
    ("Mã hồ sơ", 30),
    ("Tên thủ tục hành chính", 40),
    ("Số lượng hồ sơ (bộ)", 13),
    ("Tên cá nhân, tổ chức", 28),
    ("Địa chỉ, số điện thoại", 34),
    ("Nhận hồ sơ (giờ, ngày)", 20),
    ("Hẹn trả kết quả (giờ, ngày)", 20),
    ("Chuyển hồ sơ đến cơ quan giải quyết", 18),
    ("Nhận kết quả từ cơ quan giải quyết", 18),
    ("Trả kết quả cho cá nhân, tổ chức", 18),
    ("Ghi chú", 14),
)
_CELL = style(8.5, leading=10.5)
_HEAD = style(8.5, font="Tinos-Bold", leading=10.5)


def render_ledger(
    dossiers: Sequence[Dossier], unit: UnitConfig, first: date, last: date, *, day: date
) -> bytes:
    """The ledger of ``dossiers`` received from ``first`` to ``last``, printed on ``day``."""
    pagesize = landscape(A4)
    width = frame_width(pagesize)
    scale = width / (sum(w for _, w in COLUMNS) * mm)
    widths = [w * mm * scale for _, w in COLUMNS]
    rows: list[list[object]] = [[Paragraph(markup(name), _HEAD) for name, _ in COLUMNS]]
    for number, dossier in enumerate(dossiers, 1):
        applicant = dossier.applicant
        contact = ", ".join(x for x in (applicant.owner_address, applicant.phone) if x)
        rows.append(
            [
                Paragraph(str(number), _CELL),
                Paragraph(markup(dossier.code), _CELL),
                Paragraph(markup(dossier.procedure_name), _CELL),
                Paragraph(f"{dossier.sets:02d}", _CELL),
                Paragraph(markup(applicant.owner_name), _CELL),
                Paragraph(markup(contact), _CELL),
                Paragraph(f"{dossier.received_at:%H:%M %d/%m/%Y}", _CELL),
                Paragraph(
                    ""
                    if dossier.appointment_at is None
                    else f"{dossier.appointment_at:%H:%M %d/%m/%Y}",
                    _CELL,
                ),
                "",
                "",
                "",
                Paragraph(markup(dossier.note or ""), _CELL),
            ]
        )
    period = f"Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}"
    story: list[Flowable] = [
        header(unit, day, width * 0.75),
        Spacer(1, 5 * mm),
        p(LEDGER_TITLE, TITLE),
        p(markup(period), CENTER_ITALIC),
        p(f"Số hồ sơ: {len(dossiers)}", CENTER),
        Spacer(1, 4 * mm),
        grid(rows, widths),
    ]
    return build_pdf(
        story, title=f"{LEDGER_TITLE} {period}", subject="Mẫu số 06", pagesize=pagesize
    )
