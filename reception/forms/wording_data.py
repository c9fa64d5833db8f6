"""The forms' fixed wording, read from data files an administrator can correct.

``resources/forms/<basis>.toml`` ships with the app (``2018``: Thông tư 01/2018/TT-VPCP,
``2025``: Thông tư 03/2025/TT-VPCP); a file of the same name in the override folder
(``[forms] wording_dir``, default ``forms/`` in the data folder) replaces only the keys it
gives. Every file is validated: unknown sections or keys, wrong types and placeholders a
form cannot fill are reported at once, each with its line, so a broken file is fixed in
one pass. Pure Python (no reportlab): the check runs without the PDF stack.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reception.errors import UserError
from reception.workstation.paths import resources_dir

BASES = ("2018", "2025")

# Placeholders every form may use; each form may add its own.
_COMMON_FIELDS = {"unit", "agency", "owner", "procedure", "received", "appointment"}
_FORM_FIELDS: dict[str, set[str]] = {
    "receipt": {
        "index",
        "name",
        "kind",
        "copies",
        "form",
        "sets",
        "duration",
        "received_at",
        "appointment_at",
        "delivery",
        "book",
        "number",
    },
    "supplement_request": {"contact"},
    "refusal": set(),
    "apology": set(),
    "stop_notice": set(),
    "control_sheet": {"deciding_agency"},
    "ledger": {"first", "last", "count"},
}
_TEXT, _LIST = "text", "list"
# The keys of each section and their type; every key is required in the bundled files.
SCHEMA: dict[str, dict[str, str]] = {
    "basis": {"name": _TEXT, "decree": _TEXT, "footer": _TEXT},
    "common": {"nation": _TEXT, "motto": _TEXT, "code_label": _TEXT, "sign_note": _TEXT,
               "dots": _TEXT},
    "receipt": {
        "number": _TEXT, "title": _TEXT, "copies": _LIST, "received_from": _TEXT,
        "id_label": _TEXT, "address_label": _TEXT, "phone_label": _TEXT, "email_label": _TEXT,
        "request_label": _TEXT, "components_heading": _TEXT, "component_line": _TEXT,
        "shown_heading": _TEXT, "sets_line": _TEXT, "duration_line": _TEXT,
        "received_line": _TEXT, "appointment_line": _TEXT, "delivery_line": _TEXT,
        "ledger_line": _TEXT, "signers": _LIST, "footnote": _TEXT, "original": _TEXT,
        "copy": _TEXT, "original_or_copy": _TEXT, "paper": _TEXT, "electronic": _TEXT,
        "reused": _TEXT, "at_counter": _TEXT, "by_post": _TEXT,
    },
    **{
        notice: {"number": _TEXT, "title": _TEXT, "paragraphs": _LIST, "reason_label": _TEXT,
                 "closing": _LIST, "signer": _TEXT}
        for notice in ("supplement_request", "refusal", "apology", "stop_notice")
    },
    "control_sheet": {"number": _TEXT, "title": _TEXT, "paragraphs": _LIST, "columns": _LIST,
                      "first_row": _TEXT, "handover": _TEXT, "next_rows": _LIST},
    "ledger": {"number": _TEXT, "title": _TEXT, "period": _TEXT, "count": _TEXT,
               "columns": _LIST},
}  # fmt: skip
_OPTIONAL_SECTIONS = {"stop_notice"}  # Thông tư 01/2018 has no notice of stopping
_SECTION_LINE = re.compile(r"^\s*\[([A-Za-z0-9_.]+)\]\s*(?:#.*)?$")
_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_]+)\s*=")


class WordingError(UserError):
    """A wording file cannot be used; ``problems`` lists every "line N: key: message"."""

    code = "form_wording_invalid"

    def __init__(self, source: Path | str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: invalid form wording:\n  " + "\n  ".join(problems))


@dataclass(frozen=True, slots=True)
class BasisWording:
    """The wording of every form of one legal basis (sections as in the file)."""

    key: str
    sections: Mapping[str, Mapping[str, Any]]
    sources: tuple[Path, ...]

    @property
    def name(self) -> str:
        """The legal text, e.g. "Thông tư 03/2025/TT-VPCP"."""
        return str(self.sections["basis"]["name"])

    def has(self, form: str) -> bool:
        return form in self.sections

    def form(self, form: str) -> Mapping[str, Any]:
        return self.sections[form]

    def number(self, form: str) -> str:
        return str(self.sections[form]["number"])

    def subject(self, form: str) -> str:
        """The PDF Subject and footer: "Mẫu số 01 — Thông tư 03/2025/TT-VPCP"."""
        footer = str(self.sections["basis"]["footer"])
        return footer.format_map({"number": self.number(form), "basis": self.name})

    def form_for_number(self, number: str) -> str | None:
        """The form (section name) this basis numbers ``number``."""
        for name in _FORM_FIELDS:
            if name in self.sections and self.number(name) == number:
                return name
        return None


def bundled_wording_path(basis: str) -> Path:
    return resources_dir() / "forms" / f"{basis}.toml"


def load_wording(basis: str, override_dir: Path | None = None) -> BasisWording:
    """The bundled wording of ``basis`` with the override file's keys laid over it."""
    if basis not in BASES:
        raise WordingError(f"{basis}.toml", [f"no forms for the legal basis {basis!r}"])
    bundled = bundled_wording_path(basis)
    sections = {k: dict(v) for k, v in parse_wording(bundled, complete=True).items()}
    sources = [bundled]
    override = None if override_dir is None else override_dir / f"{basis}.toml"
    if override is not None and override.is_file():
        for section, values in parse_wording(override, complete=False).items():
            sections.setdefault(section, {}).update(values)
        sources.append(override)
    return BasisWording(basis, sections, tuple(sources))


def parse_wording(path: Path, *, complete: bool) -> dict[str, dict[str, Any]]:
    """Read and check one wording file; ``complete``: every key must be there."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WordingError(path, [f"cannot read the file: {exc}"]) from exc
    return check_wording(text, path, complete=complete)


def check_wording(
    text: str, source: Path | str = "<wording>", *, complete: bool = False
) -> dict[str, dict[str, Any]]:
    """Validate wording TOML text; :class:`WordingError` lists every problem with its line."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WordingError(source, [f"not valid TOML: {exc}"]) from exc
    lines = _key_lines(text)
    problems: list[str] = []

    def problem(section: str, key: str | None, message: str) -> None:
        where = lines.get((section, key), lines.get((section, None), 1))
        problems.append(f"line {where}: {section}{'.' + key if key else ''}: {message}")

    for section, values in document.items():
        if section not in SCHEMA:
            problem(section, None, f"unknown section (expected one of {', '.join(SCHEMA)})")
            continue
        if not isinstance(values, dict):
            problem(section, None, "expected a table")
            continue
        allowed = _COMMON_FIELDS | _FORM_FIELDS.get(section, set())
        if section == "basis":
            allowed = {"number", "basis"}
        for key, value in values.items():
            message = _value_problem(SCHEMA[section].get(key), value, allowed)
            if message:
                problem(section, key, message)
    if complete:
        for section, key in _missing(document):
            problem(section, key, "missing section" if key is None else "missing")
    if problems:
        raise WordingError(source, problems)
    return {k: v for k, v in document.items() if isinstance(v, dict)}


def _missing(document: Mapping[str, Any]) -> list[tuple[str, str | None]]:
    """The sections (key None) and keys a complete file lacks."""
    found: list[tuple[str, str | None]] = []
    for section, keys in SCHEMA.items():
        values = document.get(section)
        if values is None:
            if section not in _OPTIONAL_SECTIONS:
                found.append((section, None))
        elif isinstance(values, dict):
            found += [(section, key) for key in keys if key not in values]
    return found


def _value_problem(kind: str | None, value: Any, allowed: set[str]) -> str | None:
    """What is wrong with one key's value, or None."""
    if kind is None:
        return "unknown key"
    if kind == _TEXT and not isinstance(value, str):
        return "expected text in quotes"
    if kind == _LIST and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return 'expected a list of texts, e.g. ["...", "..."]'
    for item in value if isinstance(value, list) else [value]:
        unknown = _placeholders(item) - allowed
        if unknown:
            return (
                f"unknown placeholder {{{sorted(unknown)[0]}}}"
                f" (this form knows {', '.join(sorted(allowed))})"
            )
    return None


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with its placeholders replaced (an unknown one is left as it is)."""
    return string.Formatter().vformat(template, (), _Leave(values))


class _Leave(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"(a lone brace)"}


def _key_lines(text: str) -> dict[tuple[str, str | None], int]:
    """Where each ``[section]`` and ``key =`` of a TOML file is (1-based)."""
    found: dict[tuple[str, str | None], int] = {}
    section = ""
    for number, line in enumerate(text.splitlines(), 1):
        if match := _SECTION_LINE.match(line):
            section = match.group(1)
            found.setdefault((section, None), number)
        elif (match := _KEY_LINE.match(line)) and section:
            found.setdefault((section, match.group(1)), number)
    return found
