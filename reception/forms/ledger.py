"""Sổ theo dõi hồ sơ (the ledger; Mẫu 07 of Thông tư 03/2025, Mẫu 06 of Thông tư 01/2018)
for a date range.

One row per dossier on landscape A4, header row repeated on every page. The columns after
the appointment (handed on, result back, returned) are tracked by the provincial system,
not here: they are printed empty, to be filled by hand. The headings come from the basis'
wording file; the 2025 ledger adds the deciding agency.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
from reception.forms.wording_data import BasisWording, fill
from reception.workstation.config import UnitConfig

# Relative widths by heading position; the deciding agency's column, when present, is 7th.
_WIDTHS_2018 = (9, 30, 40, 13, 28, 34, 20, 20, 18, 18, 18, 14)
_WIDTHS_WITH_AGENCY = (9, 28, 36, 12, 26, 30, 24, 18, 18, 16, 16, 16, 13)
_CELL = style(8.5, leading=10.5)
_HEAD = style(8.5, font="Tinos-Bold", leading=10.5)


def render_ledger(
    dossiers: Sequence[Dossier],
    unit: UnitConfig,
    first: date,
    last: date,
    wording: BasisWording,
    *,
    day: date,
    deciding_agency: Callable[[Dossier], str] = lambda _dossier: "",
) -> bytes:
    """The ledger of ``dossiers`` received from ``first`` to ``last``, printed on ``day``."""
    form = wording.form("ledger")
    common = wording.form("common")
    columns = [str(c) for c in form["columns"]]
    with_agency = len(columns) == len(_WIDTHS_WITH_AGENCY)
    relative: tuple[int, ...] = _WIDTHS_WITH_AGENCY if with_agency else _WIDTHS_2018
    if len(relative) != len(columns):  # an administrator's own headings: equal widths
        relative = (20,) * len(columns)
    pagesize = landscape(A4)
    width = frame_width(pagesize)
    scale = width / (sum(relative) * mm)
    widths = [w * mm * scale for w in relative]
    rows: list[list[object]] = [[Paragraph(markup(name), _HEAD) for name in columns]]
    for number, dossier in enumerate(dossiers, 1):
        applicant = dossier.applicant
        contact = ", ".join(x for x in (applicant.owner_address, applicant.phone) if x)
        cells: list[object] = [
            Paragraph(str(number), _CELL),
            Paragraph(markup(dossier.code), _CELL),
            Paragraph(markup(dossier.procedure_name), _CELL),
            Paragraph(f"{dossier.sets:02d}", _CELL),
            Paragraph(markup(applicant.owner_name), _CELL),
            Paragraph(markup(contact), _CELL),
        ]
        if with_agency:
            cells.append(Paragraph(markup(deciding_agency(dossier)), _CELL))
        cells += [
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
        rows.append(cells[: len(columns)] + [""] * (len(columns) - len(cells)))
    period = fill(str(form["period"]), {"first": f"{first:%d/%m/%Y}", "last": f"{last:%d/%m/%Y}"})
    story: list[Flowable] = [
        header(unit, day, width * 0.75, nation=str(common["nation"]), motto=str(common["motto"])),
        Spacer(1, 5 * mm),
        p(markup(str(form["title"])), TITLE),
        p(markup(period), CENTER_ITALIC),
        p(markup(fill(str(form["count"]), {"count": str(len(dossiers))})), CENTER),
        Spacer(1, 4 * mm),
        grid(rows, widths),
    ]
    return build_pdf(
        story,
        title=f"{form['title']} {period}",
        subject=wording.subject("ledger"),
        pagesize=pagesize,
    )
