"""One entry point per use: render a dossier's form or a ledger, and save a PDF safely."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reception.dossiers.store import Dossier
from reception.errors import UserError
from reception.forms import FormKind, FormTemplateError, basis_for_template
from reception.forms.ledger_2018 import render_ledger
from reception.forms.notices_2018 import render_refusal, render_supplement_request
from reception.forms.receipt_2018 import render_receipt
from reception.storage.atomic_file import write_atomically
from reception.workstation.config import UnitConfig


class FormWriteError(UserError):
    """The PDF cannot be written where asked (folder missing, no permission, disk full)."""

    code = "form_write_failed"


@dataclass(frozen=True, slots=True)
class FormSet:
    """The templates of one legal basis. A 2025 set (Thông tư 03/2025/TT-VPCP numbering)
    is one more entry of :data:`FORM_SETS` with its own template modules."""

    receipt: Callable[[Dossier, UnitConfig], bytes]
    supplement_request: Callable[..., bytes]
    refusal: Callable[..., bytes]
    ledger: Callable[..., bytes]


FORM_SETS: dict[str, FormSet] = {
    "2018": FormSet(
        receipt=render_receipt,
        supplement_request=render_supplement_request,
        refusal=render_refusal,
        ledger=render_ledger,
    ),
}


def form_set(template: str | None) -> FormSet:
    """The templates of the legal basis a catalogue ``form_template`` names."""
    basis = basis_for_template(template)
    try:
        return FORM_SETS[basis.key]
    except KeyError:  # pragma: no cover - a basis listed without templates
        raise FormTemplateError(f"no templates for {basis.circular}") from None


def render_form(
    kind: FormKind,
    dossier: Dossier,
    unit: UnitConfig,
    *,
    template: str | None = None,
    reason: str | None = None,
    items: Sequence[str] = (),
    contact: str | None = None,
) -> bytes:
    """The PDF of form ``kind`` for ``dossier`` under the legal basis ``template`` names
    (the catalogue's ``form_template``, e.g. ``receipt-2018``; default 2018)."""
    forms = form_set(template)
    if kind is FormKind.RECEIPT:
        return forms.receipt(dossier, unit)
    if kind is FormKind.SUPPLEMENT_REQUEST:
        return forms.supplement_request(dossier, unit, items=items, reason=reason, contact=contact)
    return forms.refusal(dossier, unit, reason=reason)


def render_ledger_pdf(
    dossiers: Sequence[Dossier],
    unit: UnitConfig,
    first: date,
    last: date,
    *,
    day: date,
    template: str | None = None,
) -> bytes:
    """The ledger (Sổ theo dõi hồ sơ) of ``dossiers`` for ``first``..``last``."""
    return form_set(template).ledger(dossiers, unit, first, last, day=day)


def write_pdf(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, so that a reader
    (or a crash) never sees half a PDF."""
    if not path.parent.is_dir():
        raise FormWriteError(f"cannot write into {path.parent}: no such folder")
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise FormWriteError(f"cannot write {path}: {exc.strerror}") from exc
