"""PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ (Mẫu 06 of Thông tư 03/2025, Mẫu 05 of
Thông tư 01/2018): it travels with the dossier from the counter to the deciding agency.

The first hand-over (the counter to the deciding agency) is named; times, signatures and
the result (before, on or after the due date) are written by hand as the dossier moves.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from reception.dossiers.store import Dossier
from reception.forms.layout import (
    build_pdf,
    frame_width,
    grid,
    header,
    p,
    style,
    title_with_qr,
)
from reception.forms.wording import markup, moment_words
from reception.forms.wording_data import BasisWording, fill
from reception.workstation.config import UnitConfig

_CELL = style(10, leading=12)
_HEAD = style(10, font="Tinos-Bold", leading=12)


def render_control_sheet(
    dossier: Dossier, unit: UnitConfig, wording: BasisWording, *, deciding_agency: str = ""
) -> bytes:
    """The control sheet of ``dossier``; ``deciding_agency`` from its procedure."""
    form = wording.form("control_sheet")
    common = wording.form("common")
    width = frame_width()
    values = {
        "unit": unit.name,
        "agency": unit.parent_agency,
        "deciding_agency": deciding_agency or str(common["dots"]),
    }
    rows: list[list[object]] = [[Paragraph(markup(str(c)), _HEAD) for c in form["columns"]]]
    handover = str(form["handover"])
    first = fill(str(form["first_row"]), values)
    received = f"{moment_words(dossier.received_at)}"
    rows.append([_cell(first), _cell(received), "", ""])
    rows += [[_cell(str(text)), _cell(handover), "", ""] for text in form["next_rows"]]
    story: list[Flowable] = [
        header(
            unit,
            dossier.received_at.date(),
            width,
            nation=str(common["nation"]),
            motto=str(common["motto"]),
        ),
        Spacer(1, 6 * mm),
        title_with_qr(str(form["title"]), dossier.code, width, label=str(common["code_label"])),
        Spacer(1, 4 * mm),
        *[p(markup(fill(str(text), values))) for text in form["paragraphs"]],
        Spacer(1, 4 * mm),
        grid(rows, [width * 0.3, width * 0.3, width * 0.25, width * 0.15]),
    ]
    return build_pdf(
        story, title=f"{form['title']} {dossier.code}", subject=wording.subject("control_sheet")
    )


def _cell(text: str) -> Paragraph:
    return Paragraph(markup(text).replace("\n", "<br/>"), _CELL)
