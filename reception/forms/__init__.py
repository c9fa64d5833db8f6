"""Printed forms (reportlab), versioned by legal basis.

Thông tư 01/2018/TT-VPCP numbers the receipt Mẫu 01, the request to complete a dossier
Mẫu 02, the refusal Mẫu 03 and the ledger Mẫu 06; Thông tư 03/2025/TT-VPCP renumbers some
of them. Each basis has a set of templates (``render.FORM_SETS``); only 2018 is
implemented, and the catalogue's ``form_template`` ("receipt-2018") names the basis per
procedure.
This package is the only one that imports reportlab.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from reception.errors import UserError


class FormKind(enum.StrEnum):
    """The forms printed for one dossier, by their 2018 numbers."""

    RECEIPT = "01"
    SUPPLEMENT_REQUEST = "02"
    REFUSAL = "03"


class FormTemplateError(UserError):
    """A procedure names a form template this version does not have."""

    code = "form_template_unknown"


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """A legal text and the numbers it gives the forms."""

    key: str
    circular: str
    numbers: Mapping[str, str]


LEGAL_BASES: dict[str, LegalBasis] = {
    "2018": LegalBasis(
        "2018",
        "Thông tư 01/2018/TT-VPCP",
        {"receipt": "01", "supplement_request": "02", "refusal": "03", "ledger": "06"},
    ),
}
DEFAULT_BASIS = "2018"


def basis_for_template(template: str | None) -> LegalBasis:
    """The legal basis a catalogue ``form_template`` (e.g. ``receipt-2018``) names."""
    key = (template or f"receipt-{DEFAULT_BASIS}").rsplit("-", 1)[-1]
    try:
        return LEGAL_BASES[key]
    except KeyError:
        raise FormTemplateError(f"no form templates for the legal basis {key!r}") from None
