"""Mẫu 01, GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ, under either legal basis.

Two copies, each on its own A4 page, each with the footnote saying where the copies go.
The wording comes from the basis' data file (:mod:`reception.forms.wording_data`); the
unit, its parent agency and place are the configured ones, printed as written.
Components only shown at the counter (an ID card "để xuất trình") are checked and handed
back: they are named apart, never among the components submitted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from reception.dossiers.store import ComponentStatus, Dossier, DossierComponent, ResultDelivery
from reception.forms.layout import (
    BODY,
    SMALL,
    build_pdf,
    frame_width,
    header,
    labelled,
    p,
    signatures,
    title_with_qr,
)
from reception.forms.wording import duration_words, markup, moment_words, owner_line
from reception.forms.wording_data import BasisWording, fill
from reception.privacy.notice import receipt_notice
from reception.workstation.config import UnitConfig

_INDENT = "&nbsp;&nbsp;&nbsp;&nbsp;"


def render_receipt(dossier: Dossier, unit: UnitConfig, wording: BasisWording) -> bytes:
    """The receipt of ``dossier`` (both copies) as PDF bytes."""
    form = wording.form("receipt")
    story: list[Flowable] = []
    for index, copy in enumerate(form["copies"]):
        if index:
            story.append(PageBreak())
        story.extend(_copy(dossier, unit, wording, str(copy)))
    return build_pdf(
        story, title=f"{form['title']} {dossier.code}", subject=wording.subject("receipt")
    )


def component_form(component: DossierComponent, form: Mapping[str, Any]) -> str:
    """Paper, electronic ("bản điện tử") or reused, in the basis' words."""
    if component.status is ComponentStatus.DIGITISED:
        return str(form["electronic"])
    if component.status is ComponentStatus.REUSED:
        return str(form["reused"])
    return str(form["paper"])


def _copy(
    dossier: Dossier, unit: UnitConfig, wording: BasisWording, copy_label: str
) -> list[Flowable]:
    width = frame_width()
    form = wording.form("receipt")
    common = wording.form("common")
    applicant = dossier.applicant
    blank = "........................."
    values = {"unit": unit.name, "agency": unit.parent_agency}
    contact = f"{markup(form['phone_label'])} <b>{markup(applicant.phone or blank)}</b>"
    contact += f"{_INDENT}{markup(form['email_label'])} <b>{markup(applicant.email or blank)}</b>"
    story: list[Flowable] = [
        header(
            unit,
            dossier.received_at.date(),
            width,
            copy_label,
            nation=str(common["nation"]),
            motto=str(common["motto"]),
        ),
        Spacer(1, 6 * mm),
        title_with_qr(str(form["title"]), dossier.code, width, label=str(common["code_label"])),
        Spacer(1, 4 * mm),
        labelled(fill(str(form["received_from"]), values), owner_line(dossier)),
    ]
    owner_id = owner_identifier(dossier)
    if form["id_label"] and owner_id:
        story.append(labelled(str(form["id_label"]), owner_id))
    story += [
        labelled(str(form["address_label"]), applicant.owner_address or blank),
        p(contact),
        labelled(str(form["request_label"]), dossier.procedure_name),
        p(markup(str(form["components_heading"]))),
    ]
    submitted = dossier.submitted_components
    for number, component in enumerate(submitted, 1):
        line = fill(
            str(form["component_line"]),
            {
                "index": str(number),
                "name": component.name,
                "kind": str(form[component.kind.value]),
                "copies": f"{component.copies:02d}",
                "form": component_form(component, form),
            },
        )
        story.append(p(f"{_INDENT}{markup(line)}"))
    if not submitted:
        story.append(p(f"{_INDENT}(1) {markup(str(common['dots']))}"))
    shown = dossier.shown_components
    if shown:
        story.append(p(markup(str(form["shown_heading"]))))
        story += [p(f"{_INDENT}- {markup(c.name)}") for c in shown]
    appointment = dossier.appointment_at
    delivery = (
        fill(str(form["at_counter"]), values)
        if dossier.delivery is ResultDelivery.COUNTER
        else str(form["by_post"])
    )
    lines = {
        "sets": f"{dossier.sets:02d}",
        "duration": duration_words(dossier.processing_time, dossier.same_day),
        "received_at": moment_words(dossier.received_at),
        "appointment_at": moment_words(appointment) if appointment else "....................",
        "delivery": delivery,
        "book": dossier.ledger_book or "......",
        "number": str(dossier.ledger_number or "......"),
    }
    for key in ("sets_line", "duration_line", "received_line", "appointment_line"):
        story.append(p(markup(fill(str(form[key]), lines))))
    story += [
        p(markup(fill(str(form["delivery_line"]), lines))),
        p(markup(fill(str(form["ledger_line"]), lines)), BODY),
        Spacer(1, 6 * mm),
        signatures(width, [str(s) for s in form["signers"]], note=str(common["sign_note"])),
        Spacer(1, 4 * mm),
        p(f"<i>{markup(str(form['footnote']))}</i>", SMALL),
    ]
    notice = receipt_notice(unit.name)  # Luật 91/2025/QH15: what is kept, why, whom to ask
    story.append(p(f"<b>{markup(notice.heading)}:</b> {markup(notice.text)}", SMALL))
    return story


def owner_identifier(dossier: Dossier) -> str:
    """The owner's personal number, or an organisation's tax code, when known."""
    applicant = dossier.applicant
    principal = applicant.principal
    if principal is not None and applicant.owner_name == principal.name:
        return principal.id_number or ""
    return applicant.identity.id_number or ""
