"""Drawing the conversion mark (reportlab): one overlay page per component page.

The text is set in the embedded Tinos face, so it is part of the text layer (``pdftotext``
shows it) and PDF/A's rule on embedded fonts holds; the QR code is drawn as vector
squares (no image, no transparency). Where it goes is decided by
:func:`reception.digitising.mark.place_marks`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.graphics.barcode import qrencoder
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from reception.digitising.mark import ConversionMark, MarkPlacement, Rect
from reception.forms.fonts import BOLD, REGULAR, register_fonts

#: Largest and smallest type sizes of the mark's text (points); long names shrink to fit.
MAX_SIZE = 7.0
MIN_SIZE = 4.0
INK = (0.1, 0.1, 0.35)  # dark blue: stands apart from the black of the scanned document


def _fitting_size(text: str, font: str, width: float, largest: float) -> float:
    size = largest
    while size > MIN_SIZE and stringWidth(text, font, size) > width:
        size -= 0.25
    return size


def _draw_qr(canvas: Canvas, payload: str, box: Rect) -> None:
    # The encoder alone, drawn as squares on the canvas: reportlab's graphics renderer
    # would put its default (not embedded) Helvetica into the page, which PDF/A forbids.
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    code.make()
    count = code.getModuleCount()
    size = min(box.width, box.height) / count
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    for row in range(count):
        for column in range(count):
            if code.isDark(row, column):
                x = box.x0 + column * size
                y = box.y1 - (row + 1) * size
                canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.restoreState()


def _draw_full(canvas: Canvas, mark: ConversionMark, place: MarkPlacement) -> None:
    box = place.box
    canvas.setLineWidth(0.5)
    canvas.rect(box.x0, box.y0, box.width, box.height, stroke=1, fill=0)
    if place.qr_box is not None:
        _draw_qr(canvas, mark.qr_payload(), place.qr_box)
    lines = mark.lines()
    text = place.text_box
    step = (text.height - 4) / len(lines)
    y = text.y1 - 2 - step * 0.8
    for index, line in enumerate(lines):
        font = BOLD if index == 0 else REGULAR
        size = _fitting_size(line, font, text.width - 2, min(MAX_SIZE, step * 0.95))
        canvas.setFont(font, size)
        canvas.drawString(text.x0, y, line)
        y -= step


def _draw_footer(canvas: Canvas, mark: ConversionMark, place: MarkPlacement) -> None:
    line = mark.footer(place.page, place.pages)
    box = place.box
    size = _fitting_size(line, REGULAR, box.width, MAX_SIZE)
    canvas.setLineWidth(0.4)
    canvas.line(box.x0, box.y1, box.x1, box.y1)
    canvas.setFont(REGULAR, size)
    canvas.drawString(box.x0, box.y0 + 1.5, line)


def render_mark_pages(mark: ConversionMark, placements: Sequence[MarkPlacement]) -> bytes:
    """A PDF with one page per placement, its size the component page's final size."""
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, invariant=True, initialFontName=REGULAR, initialFontSize=MAX_SIZE)
    canvas.setTitle("conversion mark")
    for place in placements:
        canvas.setPageSize((place.width, place.height))
        canvas.setFillColorRGB(*INK)
        canvas.setStrokeColorRGB(*INK)
        if place.full:
            _draw_full(canvas, mark, place)
        else:
            _draw_footer(canvas, mark, place)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def render_signature_appearance(
    width: float, height: float, signer: str, signed_at_text: str, issuer: str
) -> bytes:
    """A one-page PDF of ``width`` × ``height`` points: the visible signature in the mark."""
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(
        out,
        pagesize=(width, height),
        invariant=True,
        initialFontName=REGULAR,
        initialFontSize=MAX_SIZE,
    )
    canvas.setFillColorRGB(*INK)
    canvas.setStrokeColorRGB(*INK)
    canvas.setLineWidth(0.5)
    canvas.rect(0.5, 0.5, width - 1, height - 1, stroke=1, fill=0)
    lines = (
        ("ĐÃ KÝ SỐ", BOLD),
        (f"Người ký: {signer}", REGULAR),
        (f"Thời gian ký: {signed_at_text}", REGULAR),
        (f"Chứng thư số do: {issuer}", REGULAR),
    )
    step = (height - 4) / len(lines)
    y = height - 2 - step * 0.8
    for text, font in lines:
        size = _fitting_size(text, font, width - 6, min(MAX_SIZE, step * 0.95))
        canvas.setFont(font, size)
        canvas.drawString(3, y, text)
        y -= step
    canvas.showPage()
    canvas.save()
    return out.getvalue()
