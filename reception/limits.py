"""The limits every input of the domain must fit in: files, nesting, text, counts.

One table, so that the window, the command line and the README say the same thing (README,
"Limits on input"). Image and PDF limits (pixels, pages, page size) live beside the
decoders in :mod:`hardware.imaging.limits`; the safe file reader in
:mod:`hardware.input_files`. Each check raises :class:`InputError`, a user error carrying a
stable ``code`` and a message that names the input.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

from hardware.input_files import InputFileError, read_regular_file
from reception.errors import UserError

#: A JSON file: an applicant, a person, a procedure catalogue (the bundled one is 60 kB).
MAX_JSON_FILE_BYTES = 8 * 2**20
#: A TOML file: the configuration, the local calendar.
MAX_TOML_FILE_BYTES = 1 * 2**20
#: A component file recorded with ``dossier new --component`` (hashed, not decoded).
MAX_COMPONENT_FILE_BYTES = 200 * 2**20
#: Objects and lists inside each other; real files use 5 or 6 levels.
MAX_NESTING_DEPTH = 32
#: A person's or an organisation's name (the longest Vietnamese names are under 60).
MAX_NAME_CHARS = 200
#: An address, a place of origin, identifying features.
MAX_ADDRESS_CHARS = 500
#: A free text printed on a form: a refusal reason, an item to add, a note.
MAX_FORM_TEXT_CHARS = 2_000
#: Any other single value (a phone number, an e-mail, a code).
MAX_SHORT_TEXT_CHARS = 200
#: Items listed on a form (``receipt --item``).
MAX_FORM_ITEMS = 50
#: Dossier sets handed over at once.
MAX_SETS = 99
#: Extra identity fields kept from a source (``extras``).
MAX_EXTRAS = 50


class InputError(UserError):
    """An input outside its limits or of the wrong shape; ``code`` says which rule."""

    code = "input_invalid"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


def read_input_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file within ``max_bytes``; :class:`InputError` otherwise
    (a FIFO, a device or a folder is refused without blocking)."""
    try:
        return read_regular_file(path, max_bytes)
    except InputFileError as exc:
        raise InputError(str(exc), exc.code) from exc


def read_input_text(path: Path, max_bytes: int) -> str:
    """As :func:`read_input_file`, decoded as UTF-8 (a BOM is accepted)."""
    data = read_input_file(path, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})", "text_not_utf8") from exc


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_TOML_STRING = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*',
    re.DOTALL,
)


def _bracket_depth(text: str) -> int:
    depth = deepest = 0
    for match in re.finditer(r"[\[\]{}]", text):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def check_nesting(text: str, label: str, *, toml: bool = False) -> None:
    """Refuse text whose lists and objects nest deeper than :data:`MAX_NESTING_DEPTH`,
    before a recursive parser meets it (strings and comments are not counted)."""
    stripped = (_TOML_STRING if toml else _JSON_STRING).sub("", text)
    if _bracket_depth(stripped) > MAX_NESTING_DEPTH:
        raise InputError(
            f"{label}: nested deeper than {MAX_NESTING_DEPTH} levels", "input_too_deep"
        )


def parse_json_text(text: str, label: str) -> Any:
    """``json.loads`` within the nesting limit; :class:`InputError` naming ``label``."""
    check_nesting(text, label)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{label}: line {exc.lineno}: invalid JSON: {exc.msg}", "json_invalid"
        ) from exc
    except (RecursionError, ValueError) as exc:  # a number too long to convert
        raise InputError(f"{label}: invalid JSON: {exc}", "json_invalid") from exc


def parse_toml_text(text: str, label: str) -> dict[str, Any]:
    """``tomllib.loads`` within the nesting limit; :class:`InputError` naming ``label``."""
    check_nesting(text, label, toml=True)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{label}: not valid TOML: {exc}", "toml_invalid") from exc
    except (RecursionError, ValueError) as exc:
        raise InputError(f"{label}: not valid TOML: {exc}", "toml_invalid") from exc


def text_problem(value: str, max_chars: int, *, multiline: bool = False) -> str | None:
    """Why ``value`` cannot be stored or printed, or ``None``: too long, a control
    character (NUL, ESC...; line breaks only when ``multiline``), a lone surrogate."""
    if len(value) > max_chars:
        return f"longer than {max_chars} characters"
    for char in value:
        if multiline and char in "\n\t":
            continue
        category = unicodedata.category(char)
        if category == "Cc":
            return f"holds a control character (U+{ord(char):04X})"
        if category == "Cs":
            return f"holds an invalid character (U+{ord(char):04X})"
    return None


def check_text(value: str, label: str, max_chars: int, *, multiline: bool = False) -> str:
    """``value`` when :func:`text_problem` finds nothing, else :class:`InputError`."""
    problem = text_problem(value, max_chars, multiline=multiline)
    if problem is not None:
        raise InputError(f"{label}: {problem}", "text_invalid")
    return value


def check_count(value: int, label: str, minimum: int, maximum: int) -> int:
    """``value`` within ``minimum..maximum``, else :class:`InputError`."""
    if not minimum <= value <= maximum:
        raise InputError(f"{label} must be between {minimum} and {maximum}", "number_out_of_range")
    return value
