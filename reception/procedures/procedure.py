"""The procedure types: what a catalogue holds, and how it is searched.

Kept apart from :mod:`reception.procedures.catalogue` (loading, validation, import) so each module
stays one idea; import them from either.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
from pathlib import Path
from typing import Any

from reception.errors import UserError


class ProcedureNotFoundError(UserError):
    """No procedure of the catalogue has the code asked for."""

    code = "procedure_unknown"


class ComponentKind(StrEnum):
    ORIGINAL = "original"
    COPY = "copy"
    ORIGINAL_OR_COPY = "original_or_copy"


class Presentation(StrEnum):
    """What the citizen does with a component at the counter."""

    SUBMIT = "submit"  # handed in (nộp)
    COPY = "copy"  # a copy handed in (nộp bản sao)
    SHOW_ONLY = "show_only"  # shown to be checked and handed back (xuất trình để đối chiếu)


class FeeKind(StrEnum):
    """Lệ phí (a charge for the state's service) or phí (a fee for a cost)."""

    CHARGE = "le_phi"
    FEE = "phi"


class TimeUnit(StrEnum):
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"


class Level(StrEnum):
    COMMUNE = "commune"
    PROVINCE = "province"


@dataclass(frozen=True, slots=True)
class ProcedureComponent:
    """One dossier component (thành phần hồ sơ); ``code`` is stable within its procedure."""

    code: str
    name: str
    kind: ComponentKind
    copies: int
    required: bool
    presentation: Presentation = Presentation.SUBMIT


@dataclass(frozen=True, slots=True)
class ProcessingTime:
    value: int
    unit: TimeUnit


@dataclass(frozen=True, slots=True)
class Fee:
    name: str
    amount: int  # VND
    note: str | None
    code: str = ""  # MaPhiLePhi when the provincial system has one
    kind: FeeKind = FeeKind.CHARGE


@dataclass(frozen=True, slots=True)
class Procedure:
    """A procedure as this unit performs it (local instance of a national procedure).

    ``national_code`` is the national procedure code (``1.001612``, MaTTHC of the sync),
    ``field_code``/``field_name`` its field (MaLinhVuc/TenLinhVuc), ``agency`` the agency
    that decides it (DonViXuLy). A catalogue file always gives the national code; the
    type allows None for procedures built in code.
    """

    code: str
    national_code: str | None
    name: str
    field_code: str
    field_name: str
    level: Level
    agency: str
    components: tuple[ProcedureComponent, ...]
    processing_time: ProcessingTime
    cutoff: time | None
    same_day: bool
    fees: tuple[Fee, ...]
    form_template: str
    # The personal fields its dossiers keep (reception.privacy.personal_fields); None:
    # the defaults (name, ID numbers, date of birth, sex, address, phone, e-mail).
    personal_fields: tuple[str, ...] | None = None

    def to_json_dict(self) -> dict[str, Any]:
        """The procedure as plain JSON values (the shape of the catalogue file)."""
        return {
            "code": self.code,
            "national_code": self.national_code,
            "name": self.name,
            "field": {"code": self.field_code, "name": self.field_name},
            "level": self.level.value,
            "agency": self.agency,
            "components": [
                {
                    "code": c.code,
                    "name": c.name,
                    "kind": c.kind.value,
                    "copies": c.copies,
                    "required": c.required,
                    "presentation": c.presentation.value,
                }
                for c in self.components
            ],
            "processing_time": {
                "value": self.processing_time.value,
                "unit": self.processing_time.unit.value,
            },
            "cutoff": None if self.cutoff is None else self.cutoff.strftime("%H:%M"),
            "same_day": self.same_day,
            "fees": [
                {
                    "name": f.name,
                    "amount": f.amount,
                    "note": f.note,
                    "code": f.code,
                    "kind": f.kind.value,
                }
                for f in self.fees
            ],
            "form_template": self.form_template,
        } | ({} if self.personal_fields is None else {"personal_fields": [*self.personal_fields]})


def fold(text: str) -> str:
    """Lower-case ``text`` without diacritics ("Đăng ký" -> "dang ky") for matching."""
    # đ has no decomposition in Unicode, so NFD alone would leave it.
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A validated catalogue; ``procedures`` keeps the order of the file."""

    version: str
    updated: date
    procedures: tuple[Procedure, ...]
    source: Path | None = None

    def get(self, code: str) -> Procedure:
        """The procedure with this local or national code; ``ProcedureNotFoundError`` if none."""
        for procedure in self.procedures:
            if code in (procedure.code, procedure.national_code):
                return procedure
        raise ProcedureNotFoundError(f"no procedure with code {code!r}")

    def search(self, words: str) -> list[Procedure]:
        """Procedures matching every word, ignoring case and diacritics ("đ" matches "d").

        A word matches the start of a word of the name or field, or the start of a code.
        Ranking: code matches first, then the exact name, then names starting with the
        query, then names containing every word, then matches through the field name; file
        order within a rank. An empty query returns every procedure.
        """
        query = fold(words).split()
        if not query:
            return list(self.procedures)
        phrase = " ".join(query)
        ranked: list[tuple[int, int, Procedure]] = []
        for index, procedure in enumerate(self.procedures):
            rank = _rank(procedure, query, phrase)
            if rank is not None:
                ranked.append((rank, index, procedure))
        return [procedure for _, _, procedure in sorted(ranked, key=lambda r: (r[0], r[1]))]


def _rank(procedure: Procedure, query: list[str], phrase: str) -> int | None:
    codes = [fold(procedure.code)]
    if procedure.national_code:
        codes.append(procedure.national_code)
    if len(query) == 1 and any(code.startswith(query[0]) for code in codes):
        return 0
    name = fold(procedure.name)
    name_words = re.findall(r"\w+", name)
    if name.startswith(phrase):
        return 1 if name == phrase else 2
    if all(any(w.startswith(q) for w in name_words) for q in query):
        return 3
    searchable = [*name_words, *re.findall(r"\w+", fold(procedure.field_name)), *codes]
    if all(any(w.startswith(q) for w in searchable) for q in query):
        return 4
    return None
