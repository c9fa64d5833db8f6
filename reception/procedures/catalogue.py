"""The catalogue of administrative procedures (thủ tục hành chính) the counter receives.

The catalogue is data, not code: ``resources/procedures/catalogue.json`` ships with the
app and an administrator can install a newer file with :func:`import_catalogue`, which
:func:`load_active_catalogue` then prefers. Every problem found in a file is reported at
once, each with its JSON line number and field path, so a broken file is fixed in one pass.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, time
from enum import StrEnum
from pathlib import Path
from typing import Any

from reception.errors import UserError
from reception.limits import (
    MAX_JSON_FILE_BYTES,
    InputError,
    check_nesting,
    read_input_file,
    text_problem,
)
from reception.privacy.personal_fields import KNOWN_FIELDS
from reception.procedures.json_lines import JsonPath, parse_with_lines
from reception.procedures.procedure import (
    Catalogue,
    ComponentKind,
    Fee,
    FeeKind,
    Level,
    Presentation,
    Procedure,
    ProcedureComponent,
    ProcedureNotFoundError,
    ProcessingTime,
    TimeUnit,
    fold,
)
from reception.storage.atomic_file import write_atomically
from reception.storage.database import make_private_folder
from reception.workstation.paths import resources_dir

# Format 2 (December 2026) adds what the 2025 sync record needs: each component's
# presentation, each fee's code and kind; the national code is required.
CATALOGUE_FORMAT = 2
CATALOGUE_FILE = Path("procedures") / "catalogue.json"
NATIONAL_CODE_PATTERN = re.compile(r"^\d\.\d{6}$")
LOCAL_CODE_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]*$")
FIELD_CODE_PATTERN = re.compile(r"^[0-9A-Z][0-9A-Z_-]*$")  # e.g. G03-GD10
FEE_CODE_PATTERN = re.compile(r"^[0-9A-Za-z._-]*$")
CUTOFF_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


__all__ = [
    "CATALOGUE_FILE",
    "CATALOGUE_FORMAT",
    "Catalogue",
    "CatalogueError",
    "ComponentKind",
    "Fee",
    "FeeKind",
    "Level",
    "Presentation",
    "Procedure",
    "ProcedureComponent",
    "ProcedureNotFoundError",
    "ProcessingTime",
    "TimeUnit",
    "bundled_catalogue_path",
    "fold",
    "import_catalogue",
    "imported_catalogue_path",
    "load_active_catalogue",
    "load_catalogue",
    "parse_catalogue",
]


#: The longest text of a catalogue (a procedure's or a component's name).
MAX_TEXT_CHARS = 1_000
#: Any number in a catalogue (fees in đồng, copies).
MAX_INTEGER = 10**12
#: A processing time, in its unit (days or hours): ten years of days is already absurd.
MAX_PROCESSING_TIME = 3_650


class CatalogueError(UserError):
    """A catalogue file cannot be used; ``problems`` lists every "line N: path: message"."""

    code = "catalogue_invalid"

    def __init__(self, source: Path | str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: invalid procedure catalogue:\n  " + "\n  ".join(problems))


def bundled_catalogue_path() -> Path:
    """The catalogue shipped with the app."""
    return resources_dir() / CATALOGUE_FILE


def imported_catalogue_path(data_dir: Path) -> Path:
    """Where :func:`import_catalogue` installs an administrator's catalogue."""
    return data_dir / CATALOGUE_FILE


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read and validate a catalogue file (``None``: the bundled one)."""
    path = bundled_catalogue_path() if path is None else path
    try:
        text = read_input_file(path, MAX_JSON_FILE_BYTES).decode("utf-8")
    except (InputError, UnicodeDecodeError) as exc:
        raise CatalogueError(path, [f"cannot read the file: {exc}"]) from exc
    return parse_catalogue(text, source=path)


def load_active_catalogue(data_dir: Path) -> Catalogue:
    """The imported catalogue in ``data_dir`` when there is one, else the bundled one."""
    imported = imported_catalogue_path(data_dir)
    return load_catalogue(imported if imported.exists() else None)


def import_catalogue(source: Path, data_dir: Path) -> Catalogue:
    """Validate ``source`` and install it as the active catalogue of ``data_dir``.

    The file is written next to its destination, flushed to disk and renamed over it, so
    a power cut leaves either the old or the new catalogue; the old one is kept as
    ``catalogue.json.bak`` (written the same way). Raises ``CatalogueError`` (nothing
    installed) if invalid.
    """
    try:
        # A regular file within the limit: a FIFO or /dev/zero is refused, not read.
        raw = read_input_file(source, MAX_JSON_FILE_BYTES)
    except InputError as exc:
        raise CatalogueError(source, [f"cannot read the file: {exc}"]) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogueError(source, [f"not UTF-8 text: {exc}"]) from exc
    catalogue = parse_catalogue(text, source=source)
    target = imported_catalogue_path(data_dir)
    make_private_folder(target.parent)
    if target.exists():
        # Copied, not renamed: the active file must exist at every moment.
        write_atomically(target.with_name(target.name + ".bak"), target.read_bytes())
    write_atomically(target, raw)
    return Catalogue(catalogue.version, catalogue.updated, catalogue.procedures, target)


def parse_catalogue(text: str, source: Path | str = "<catalogue>") -> Catalogue:
    """Validate catalogue JSON text; ``CatalogueError`` lists every problem found."""
    try:
        # The line locator walks the text recursively: the depth is bounded first.
        check_nesting(text, str(source))
        document, lines = parse_with_lines(text)
    except InputError as exc:
        raise CatalogueError(source, [str(exc)]) from exc
    except json.JSONDecodeError as exc:
        raise CatalogueError(source, [f"line {exc.lineno}: invalid JSON: {exc.msg}"]) from exc
    except (RecursionError, ValueError) as exc:
        raise CatalogueError(source, [f"invalid JSON: {exc}"]) from exc
    checker = _Checker(lines)
    catalogue = checker.catalogue(document, source)
    if checker.problems or catalogue is None:
        raise CatalogueError(source, checker.problems)
    return catalogue


class _Checker:
    """Collects problems while building the dataclasses; ``None`` stands for a bad value."""

    def __init__(self, lines: dict[JsonPath, int]) -> None:
        self.lines = lines
        self.problems: list[str] = []

    def problem(self, path: JsonPath, message: str) -> None:
        at = path
        while at not in self.lines and at:
            at = at[:-1]  # a missing key is reported on the object that lacks it
        self.problems.append(f"line {self.lines.get(at, 1)}: {_dotted(path)}: {message}")

    def get(
        self,
        obj: dict[str, Any],
        path: JsonPath,
        key: str,
        check: Callable[[Any], bool],
        expected: str,
        *,
        optional: bool = False,
    ) -> Any:
        if key not in obj:
            if not optional:
                self.problem((*path, key), "missing")
            return None
        value = obj[key]
        if value is None and optional:
            return None
        if not check(value):
            shown = json.dumps(value, ensure_ascii=True)[:40]
            self.problem((*path, key), f"expected {expected}, got {shown}")
            return None
        if isinstance(value, str):
            # Every text is printed on forms and stored: bounded, no control characters,
            # no lone surrogates (which no file, database or terminal can encode).
            problem = text_problem(value, MAX_TEXT_CHARS)
            if problem is not None:
                self.problem((*path, key), problem)
                return None
        return value

    def text(self, obj: dict[str, Any], path: JsonPath, key: str, *, optional: bool = False) -> Any:
        return self.get(
            obj,
            path,
            key,
            lambda v: isinstance(v, str) and v.strip() != "",
            "a non-empty string",
            optional=optional,
        )

    def integer(
        self,
        obj: dict[str, Any],
        path: JsonPath,
        key: str,
        minimum: int,
        maximum: int = MAX_INTEGER,
    ) -> Any:
        return self.get(
            obj,
            path,
            key,
            lambda v: isinstance(v, int) and not isinstance(v, bool) and minimum <= v <= maximum,
            f"an integer >= {minimum}"
            if maximum == MAX_INTEGER
            else f"an integer from {minimum} to {maximum}",
        )

    def enum(self, obj: dict[str, Any], path: JsonPath, key: str, kind: type[StrEnum]) -> Any:
        values = [member.value for member in kind]
        value = self.get(obj, path, key, lambda v: v in values, " or ".join(values))
        return None if value is None else kind(value)

    def objects(self, obj: dict[str, Any], path: JsonPath, key: str) -> list[dict[str, Any]]:
        items = self.get(obj, path, key, lambda v: isinstance(v, list), "a list")
        result = []
        for index, item in enumerate(items or []):
            if isinstance(item, dict):
                result.append(item)
            else:
                self.problem((*path, key, index), "expected an object")
                result.append({})
        return result

    def catalogue(self, doc: Any, source: Path | str) -> Catalogue | None:
        if not isinstance(doc, dict):
            self.problem((), "expected an object at the top level")
            return None
        self.get(doc, (), "format", lambda v: v == CATALOGUE_FORMAT, f"{CATALOGUE_FORMAT}")
        version = self.text(doc, (), "version")
        updated = self.get(doc, (), "updated", _is_iso_date, "a date YYYY-MM-DD")
        procedures = []
        seen: dict[str, int] = {}
        for index, item in enumerate(self.objects(doc, (), "procedures")):
            path: JsonPath = ("procedures", index)
            procedure = self.procedure(item, path)
            for key in ("code", "national_code"):
                code = item.get(key)
                if isinstance(code, str) and code in seen:
                    self.problem((*path, key), f"duplicate code {code} (procedures[{seen[code]}])")
                elif isinstance(code, str):
                    seen[code] = index
            if procedure is not None:
                procedures.append(procedure)
        if self.problems or version is None or updated is None:
            return None
        source_path = source if isinstance(source, Path) else None
        return Catalogue(version, date.fromisoformat(updated), tuple(procedures), source_path)

    def procedure(self, item: dict[str, Any], path: JsonPath) -> Procedure | None:
        before = len(self.problems)
        code = self.get(item, path, "code", _matches(LOCAL_CODE_PATTERN), "a procedure code")
        national = self.get(
            item,
            path,
            "national_code",
            _matches(NATIONAL_CODE_PATTERN),
            "a national procedure code d.dddddd (e.g. 1.001612)",
        )
        if code and national and not code.startswith(national + "."):
            self.problem((*path, "code"), f"expected to start with the national code {national}.")
        name = self.text(item, path, "name")
        field = self.get(item, path, "field", lambda v: isinstance(v, dict), "an object")
        field_code: Any = None
        field_name: Any = None
        if field is not None:
            field_code = self.get(
                field,
                (*path, "field"),
                "code",
                _matches(FIELD_CODE_PATTERN),
                "a national field code like G03-GD10",
            )
            field_name = self.text(field, (*path, "field"), "name")
        level = self.enum(item, path, "level", Level)
        agency = self.text(item, path, "agency")
        components = self.components(item, path)
        time_obj = self.get(
            item, path, "processing_time", lambda v: isinstance(v, dict), "an object"
        )
        processing = None
        if time_obj is not None:
            value = self.integer(
                time_obj, (*path, "processing_time"), "value", 0, MAX_PROCESSING_TIME
            )
            unit = self.enum(time_obj, (*path, "processing_time"), "unit", TimeUnit)
            processing = ProcessingTime(value, unit)
        cutoff = self.get(
            item, path, "cutoff", _matches(CUTOFF_PATTERN), "a time HH:MM or null", optional=True
        )
        same_day = self.get(
            item, path, "same_day", lambda v: isinstance(v, bool), "true or false", optional=True
        )
        fees = []
        for index, fee in enumerate(self.objects(item, path, "fees")):
            fee_path = (*path, "fees", index)
            fee_name = self.text(fee, fee_path, "name")
            amount = self.integer(fee, fee_path, "amount", 0)
            note = self.text(fee, fee_path, "note", optional=True)
            fee_code = self.get(
                fee, fee_path, "code", _matches(FEE_CODE_PATTERN), 'a fee code or ""'
            )
            fee_kind = self.enum(fee, fee_path, "kind", FeeKind)
            fees.append(Fee(fee_name, amount, note, fee_code or "", fee_kind or FeeKind.CHARGE))
        template = self.text(item, path, "form_template")
        personal = self.get(
            item,
            path,
            "personal_fields",
            lambda v: isinstance(v, list) and all(f in KNOWN_FIELDS for f in v),
            f"a list of personal fields among {', '.join(sorted(KNOWN_FIELDS))}",
            optional=True,
        )
        if len(self.problems) > before or processing is None:
            return None
        return Procedure(
            code,
            national,
            name,
            field_code,
            field_name,
            level,
            agency,
            components,
            processing,
            None if cutoff is None else time.fromisoformat(cutoff),
            bool(same_day),
            tuple(fees),
            template,
            None if personal is None else tuple(personal),
        )

    def components(self, item: dict[str, Any], path: JsonPath) -> tuple[ProcedureComponent, ...]:
        components = []
        codes: set[str] = set()
        for index, comp in enumerate(self.objects(item, path, "components")):
            comp_path = (*path, "components", index)
            code = self.text(comp, comp_path, "code")
            if code in codes:
                self.problem((*comp_path, "code"), f"duplicate component code {code}")
            codes.add(code)
            kind = self.enum(comp, comp_path, "kind", ComponentKind)
            presentation = self.enum(comp, comp_path, "presentation", Presentation)
            if presentation is Presentation.COPY and kind is ComponentKind.ORIGINAL:
                self.problem(
                    (*comp_path, "presentation"), 'a copy is handed in: kind must not be "original"'
                )
            if presentation is Presentation.SHOW_ONLY and kind is ComponentKind.COPY:
                self.problem(
                    (*comp_path, "presentation"),
                    'only an original is shown: kind must not be "copy"',
                )
            components.append(
                ProcedureComponent(
                    code,
                    self.text(comp, comp_path, "name"),
                    kind,
                    self.integer(comp, comp_path, "copies", 1),
                    self.get(
                        comp, comp_path, "required", lambda v: isinstance(v, bool), "true or false"
                    ),
                    presentation or Presentation.SUBMIT,
                )
            )
        return tuple(components)


def _matches(pattern: re.Pattern[str]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, str) and pattern.match(value) is not None


def _is_iso_date(value: Any) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return isinstance(value, str)


def _dotted(path: JsonPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text or "(top level)"
