"""Printed forms (reportlab), versioned by legal basis.

A dossier's forms follow the legal basis in force on the day it was received, kept on
the dossier (``Dossier.legal_basis``): Thông tư 01/2018/TT-VPCP ("2018") before the
switch-over date of the configuration, Thông tư 03/2025/TT-VPCP ("2025") from it. The two
number the forms differently (:data:`LEGAL_BASES`); their fixed wording lives in
``resources/forms/<basis>.toml`` (:mod:`reception.forms.wording_data`), which an
administrator can correct without a release. This package is the only one that imports
reportlab.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from reception.errors import UserError


class FormKind(enum.StrEnum):
    """What a form is, whatever number a basis gives it."""

    RECEIPT = "receipt"
    SUPPLEMENT_REQUEST = "supplement_request"
    REFUSAL = "refusal"
    APOLOGY = "apology"
    STOP_NOTICE = "stop_notice"
    CONTROL_SHEET = "control_sheet"
    LEDGER = "ledger"


class FormTemplateError(UserError):
    """A form the dossier's legal basis does not have (Mẫu 05 "dừng giải quyết" in 2018)."""

    code = "form_template_unknown"


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """A legal text and the numbers it gives the forms."""

    key: str
    circular: str
    numbers: Mapping[FormKind, str]

    def kind_for_number(self, number: str) -> FormKind:
        """The form this basis numbers ``number``; :class:`FormTemplateError` if none."""
        for kind, its_number in self.numbers.items():
            if its_number == number:
                return kind
        raise FormTemplateError(f"{self.circular} has no Mẫu số {number}")


LEGAL_BASES: dict[str, LegalBasis] = {
    "2018": LegalBasis(
        "2018",
        "Thông tư 01/2018/TT-VPCP",
        {
            FormKind.RECEIPT: "01",
            FormKind.SUPPLEMENT_REQUEST: "02",
            FormKind.REFUSAL: "03",
            FormKind.APOLOGY: "04",
            FormKind.CONTROL_SHEET: "05",
            FormKind.LEDGER: "06",
        },
    ),
    "2025": LegalBasis(
        "2025",
        "Thông tư 03/2025/TT-VPCP",
        {
            FormKind.RECEIPT: "01",
            FormKind.SUPPLEMENT_REQUEST: "02",
            FormKind.REFUSAL: "03",
            FormKind.APOLOGY: "04",
            FormKind.STOP_NOTICE: "05",
            FormKind.CONTROL_SHEET: "06",
            FormKind.LEDGER: "07",
        },
    ),
}
# Dossiers saved before the basis was recorded were printed on the 2018 forms.
DEFAULT_BASIS = "2018"
CURRENT_BASIS = "2025"
# The numbers `reception receipt --form` takes: the per-dossier forms of both bases.
DOSSIER_FORM_NUMBERS = ("01", "02", "03", "04", "05", "06")


def legal_basis(key: str | None) -> LegalBasis:
    """The basis ``key`` ("2018", "2025"; None: the one of dossiers saved before)."""
    try:
        return LEGAL_BASES[key or DEFAULT_BASIS]
    except KeyError:
        raise FormTemplateError(f"no form templates for the legal basis {key!r}") from None
