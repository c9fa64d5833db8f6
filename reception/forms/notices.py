"""The notices about one dossier, under either legal basis: request to complete (Mẫu 02),
refusal (Mẫu 03), apology and extension (Mẫu 04) and, from Thông tư 03/2025, the notice
of stopping (Mẫu 05).

They share one shape: header, title with the dossier code, the basis' paragraphs, a list
of items or the reason, closing paragraphs and one signature. What is not known when
printing (the reason, a contact) is left as dotted lines to be written by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from reception.dossiers.store import ComponentStatus, Dossier
from reception.forms.layout import build_pdf, frame_width, header, p, signatures, title_with_qr
from reception.forms.wording import day_words, markup, moment_words, owner_line
from reception.forms.wording_data import BasisWording, fill
from reception.workstation.config import UnitConfig

NOTICES = ("supplement_request", "refusal", "apology", "stop_notice")
CONTACT_BLANK = "....................... số điện thoại .............."


def missing_components(dossier: Dossier) -> list[str]:
    """The required components not received: the default list of Mẫu 02."""
    return [
        c.name
        for c in dossier.components
        if c.required and c.status is ComponentStatus.NOT_RECEIVED and not c.shown_only
    ]


def render_notice(
    name: str,
    dossier: Dossier,
    unit: UnitConfig,
    wording: BasisWording,
    *,
    items: Sequence[str] = (),
    reason: str | None = None,
    contact: str | None = None,
    day: date | None = None,
) -> bytes:
    """The notice ``name`` (one of :data:`NOTICES`) for ``dossier`` as PDF bytes."""
    form = wording.form(name)
    common = wording.form("common")
    dots = str(common["dots"])
    width = frame_width()
    day = day or dossier.received_at.date()
    appointment = dossier.appointment_at
    values = {
        "unit": unit.name,
        "agency": unit.parent_agency,
        "owner": owner_line(dossier),
        "procedure": dossier.procedure_name,
        "received": day_words(dossier.received_at.date()).removeprefix("ngày "),
        "appointment": moment_words(appointment) if appointment else dots,
        "contact": contact or CONTACT_BLANK,
    }
    story: list[Flowable] = [
        header(unit, day, width, nation=str(common["nation"]), motto=str(common["motto"])),
        Spacer(1, 6 * mm),
        title_with_qr(str(form["title"]), dossier.code, width, label=str(common["code_label"])),
        Spacer(1, 4 * mm),
    ]
    story += [p(markup(fill(str(text), values))) for text in form["paragraphs"]]
    listed = list(items)
    if name == "supplement_request":
        listed = listed or missing_components(dossier) or [dots, dots]
    for number, item in enumerate(listed, 1):
        story.append(p(f"&nbsp;&nbsp;&nbsp;&nbsp;{number}. {markup(item)}"))
    label = str(form["reason_label"])
    reason_lines = [reason] if reason else [dots] * (1 if label else 3)
    for index, line in enumerate(reason_lines):
        prefix = f"{markup(label)} " if label and index == 0 else "&nbsp;&nbsp;&nbsp;&nbsp;"
        story.append(p(prefix + markup(line)))
    story += [p(markup(fill(str(text), values))) for text in form["closing"]]
    story += [
        Spacer(1, 6 * mm),
        signatures(width, ("", str(form["signer"])), note=str(common["sign_note"])),
    ]
    return build_pdf(story, title=f"{form['title']} {dossier.code}", subject=wording.subject(name))
