"""One entry point per use: render a dossier's form or a ledger, and save a PDF safely."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from reception.dossiers.store import Dossier
from reception.errors import UserError
from reception.forms import CURRENT_BASIS, FormKind, FormTemplateError, legal_basis
from reception.forms.control_sheet import render_control_sheet
from reception.forms.ledger import render_ledger
from reception.forms.notices import render_notice
from reception.forms.receipt import render_receipt
from reception.forms.wording_data import load_wording
from reception.storage.atomic_file import write_atomically
from reception.workstation.config import UnitConfig


class FormWriteError(UserError):
    """The PDF cannot be written where asked (folder missing, no permission, disk full)."""

    code = "form_write_failed"


def render_form(
    kind: FormKind,
    dossier: Dossier,
    unit: UnitConfig,
    *,
    wording_dir: Path | None = None,
    reason: str | None = None,
    items: Sequence[str] = (),
    contact: str | None = None,
    deciding_agency: str = "",
) -> bytes:
    """The PDF of form ``kind`` for ``dossier`` under the legal basis it was received
    under (``Dossier.legal_basis``), with the wording of ``wording_dir`` laid over the
    bundled one."""
    basis = legal_basis(dossier.legal_basis)
    if kind not in basis.numbers or kind is FormKind.LEDGER:
        raise FormTemplateError(f"{basis.circular} has no such form for one dossier: {kind}")
    wording = load_wording(basis.key, wording_dir)
    if kind is FormKind.RECEIPT:
        return render_receipt(dossier, unit, wording)
    if kind is FormKind.CONTROL_SHEET:
        return render_control_sheet(dossier, unit, wording, deciding_agency=deciding_agency)
    return render_notice(
        kind.value, dossier, unit, wording, items=items, reason=reason, contact=contact
    )


def render_ledger_pdf(
    dossiers: Sequence[Dossier],
    unit: UnitConfig,
    first: date,
    last: date,
    *,
    day: date,
    basis: str = CURRENT_BASIS,
    wording_dir: Path | None = None,
    deciding_agency: Callable[[Dossier], str] = lambda _dossier: "",
) -> bytes:
    """The ledger (Sổ theo dõi hồ sơ) of ``dossiers`` for ``first``..``last``: a record the
    office keeps now, so printed under the basis in force (``basis``)."""
    wording = load_wording(legal_basis(basis).key, wording_dir)
    return render_ledger(
        dossiers, unit, first, last, wording, day=day, deciding_agency=deciding_agency
    )


def write_pdf(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, so that a reader
    (or a crash) never sees half a PDF."""
    if not path.parent.is_dir():
        raise FormWriteError(f"cannot write into {path.parent}: no such folder")
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise FormWriteError(f"cannot write {path}: {exc.strerror}") from exc
