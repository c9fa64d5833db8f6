"""Building blocks shared by the forms: styles, the two-column header, title, signatures.

Everything is a platypus flowable so that a long list of components flows onto the next
page instead of running off the sheet.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing, Line
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reception.forms.fonts import BOLD, ITALIC, REGULAR, register_fonts
from reception.forms.wording import markup, place_and_date
from reception.workstation.config import UnitConfig

# Paragraph styles resolve their faces when a paragraph is made: register before any.
register_fonts()

MARGINS = (20 * mm, 15 * mm, 15 * mm, 15 * mm)  # left, right, top, bottom
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def style(
    size: float = 12, *, font: str = REGULAR, align: int = TA_LEFT, leading: float | None = None
) -> ParagraphStyle:
    """A paragraph style in the Tinos family (``<b>``/``<i>`` map to its faces)."""
    return ParagraphStyle(
        f"{font}-{size}-{align}",
        fontName=font,
        fontSize=size,
        leading=leading or size * 1.3,
        alignment=align,
    )


BODY = style(12, align=TA_LEFT, leading=17)
CENTER = style(12, align=TA_CENTER)
CENTER_BOLD = style(12, font=BOLD, align=TA_CENTER)
CENTER_ITALIC = style(12, font=ITALIC, align=TA_CENTER)
RIGHT_ITALIC = style(11, font=ITALIC, align=TA_RIGHT)
TITLE = style(14, font=BOLD, align=TA_CENTER)
SMALL = style(10)
SMALL_CENTER = style(10, align=TA_CENTER)
HEADER_LEFT = style(11, align=TA_CENTER, leading=13)
HEADER_LEFT_BOLD = style(11, font=BOLD, align=TA_CENTER, leading=13)


def p(text: str, paragraph_style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of ``text``, which may hold ``<b>``/``<i>`` markup (values escaped by caller)."""
    return Paragraph(text, paragraph_style)


def labelled(label: str, value: str, paragraph_style: ParagraphStyle = BODY) -> Paragraph:
    """``label`` then the escaped ``value`` in bold: the form's "Tiếp nhận hồ sơ của: ..." lines."""
    return Paragraph(f"{markup(label)} <b>{markup(value)}</b>", paragraph_style)


def header(
    unit: UnitConfig,
    day: date,
    width: float,
    copy_label: str | None = None,
    *,
    nation: str = NATION,
    motto: str = MOTTO,
) -> Table:
    """Agency block on the left (the configured parent agency, then the unit, as written
    in the configuration: nothing is added), the national motto, place and date on the
    right."""
    left: list[Flowable] = []
    if unit.parent_agency:
        left.append(p(markup(unit.parent_agency), HEADER_LEFT))
    left.append(p(markup(unit.name), HEADER_LEFT_BOLD))
    left += [Spacer(1, 3), _rule(30 * mm)]
    right: list[Flowable] = [
        p(markup(nation), CENTER_BOLD),
        p(markup(motto), CENTER_BOLD),
        Spacer(1, 3),
        _rule(45 * mm),
        Spacer(1, 2 * mm),
        p(markup(place_and_date(unit.place, day)), CENTER_ITALIC),
    ]
    rows: list[list[object]] = []
    if copy_label:
        rows.append(["", p(markup(copy_label), RIGHT_ITALIC)])
    rows.append([left, right])
    table = Table(rows, colWidths=[width * 0.44, width * 0.56])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def title_with_qr(
    title: str, code: str, width: float, *, qr_size: float = 24 * mm, label: str = "Mã hồ sơ:"
) -> Table:
    """The form's title and ``Mã hồ sơ``, with a QR of the code on the right."""
    text = [
        p(markup(title), TITLE),
        Spacer(1, 2 * mm),
        p(f"{markup(label)} <b>{markup(code)}</b>", CENTER),
    ]
    table = Table(
        [["", text, qr_drawing(code, qr_size)]],
        colWidths=[qr_size, width - 2 * qr_size, qr_size],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def qr_drawing(text: str, size: float) -> Drawing:
    """A square QR code of ``text`` (error correction M), ``size`` points wide."""
    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def signatures(
    width: float,
    boxes: Sequence[str],
    *,
    height: float = 28 * mm,
    note: str = "(Ký và ghi rõ họ tên)",
) -> Table:
    """Signature boxes side by side: the role in bold, "(Ký và ghi rõ họ tên)" below."""
    cells = [
        [p(markup(role), CENTER_BOLD), p(markup(note), CENTER_ITALIC)] if role else ""
        for role in boxes
    ]
    table = Table(
        [cells, [""] * len(boxes)],
        colWidths=[width / len(boxes)] * len(boxes),
        rowHeights=[None, height],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def grid(
    rows: list[list[object]], widths: Sequence[float], *, header_rows: int = 1, size: float = 10
) -> Table:
    """A ruled table whose first ``header_rows`` repeat on every page."""
    table = Table(rows, colWidths=list(widths), repeatRows=header_rows)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONT", (0, 0), (-1, -1), REGULAR, size),
                ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.93, 0.93, 0.93)),
            ]
        )
    )
    return table


def _rule(length: float) -> Flowable:
    drawing = Drawing(length, 3)
    drawing.add(Line(0, 1.5, length, 1.5, strokeWidth=0.6))
    drawing.hAlign = "CENTER"
    return drawing


def build_pdf(
    story: list[Flowable],
    *,
    title: str,
    subject: str,
    pagesize: tuple[float, float] = A4,
    footer: str | None = None,
) -> bytes:
    """Lay ``story`` out on A4 (or ``pagesize``) and return the PDF bytes.

    ``subject`` names the form and its legal basis ("Mẫu số 01 — Thông tư 03/2025/TT-VPCP");
    ``footer`` (default: the subject) is printed small at the foot of every page.
    """
    footer_text = subject if footer is None else footer

    def draw_footer(canvas: Canvas, _document: object) -> None:
        canvas.saveState()
        canvas.setFont(ITALIC, 8)
        canvas.drawRightString(pagesize[0] - MARGINS[1], MARGINS[3] / 2, footer_text)
        canvas.restoreState()

    register_fonts()
    out = io.BytesIO()
    left, right, top, bottom = MARGINS
    document = SimpleDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        subject=subject,
        creator="reception",
        # No author: the metadata must not carry the clerk's or citizen's name.
        author="",
    )
    document.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return out.getvalue()


def frame_width(pagesize: tuple[float, float] = A4) -> float:
    """The width between the margins."""
    return float(pagesize[0] - MARGINS[0] - MARGINS[1])
