"""Spot Vietnamese text that a keyboard-wedge scanner mangled, and undo what can be undone.

A wedge scanner "types" the QR payload through a keyboard layout, so digits, ``|`` and
dates survive (otherwise the payload would not have parsed) while letters with
diacritics may arrive as mojibake (UTF-8 read as CP1252: "Nguyá»…n"), CJK characters
(UTF-8 read as Shift-JIS), ``?``/U+FFFD, dropped characters, plain ASCII, or input-method
leftovers (VIQR "Nguye^~n", VNI "Nguye64n", Telex "Nguyeenx"). This module tells the UI
which text fields to distrust while keeping the ID number and dates, and repairs the
reversible mojibake. Detectors are heuristics: they say "check", never "wrong".
"""

from __future__ import annotations

import dataclasses
import enum
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reception.identity.citizen import CitizenIdentity
from reception.intake.qr_payload import QrParseResult, QrPayloadError, parse_qr_payload
from reception.warning import WarningCode, has_warning


class TextProblem(enum.StrEnum):
    """Why a text field looks garbled."""

    MOJIBAKE = "mojibake"  # letters that Vietnamese text never contains
    REPLACEMENT_CHARACTERS = "replacement_characters"  # ? or U+FFFD instead of letters
    CJK_CHARACTERS = "cjk_characters"  # UTF-8 decoded as a CJK code page
    INPUT_METHOD_LEFTOVERS = "input_method_leftovers"  # Telex / VNI / VIQR keystrokes
    LOST_CHARACTERS = "lost_characters"  # a name syllable without any vowel
    DIACRITICS_MISSING = "diacritics_missing"  # every text field is plain ASCII
    UNREADABLE = "unreadable"  # the parser could not read the value at all (sex)


@dataclass(frozen=True, slots=True)
class FieldIntegrity:
    """One suspect field: its problems, and the repair if one was possible.

    ``remaining_problems`` are those of the repaired text; a field needs the clerk's
    eye unless it was repaired with certainty and nothing remains.
    """

    field: str
    problems: tuple[TextProblem, ...]
    repaired_text: str | None = None
    repair: str | None = None
    remaining_problems: tuple[TextProblem, ...] = ()
    repair_certain: bool = True

    @property
    def needs_check(self) -> bool:
        """Whether the clerk should check or retype this field."""
        return (
            self.repaired_text is None or bool(self.remaining_problems) or not self.repair_certain
        )


@dataclass(frozen=True, slots=True)
class TextIntegrity:
    """The verdict on a parsed QR's text fields.

    ``reliable_fields`` were read intact (structure-checked by the parser: ID number,
    dates, old ID, sex when recognised). ``repaired_identity`` is the identity with the
    repairs applied, or ``None`` when nothing was repaired.
    """

    suspect_fields: tuple[FieldIntegrity, ...]
    reliable_fields: tuple[str, ...]
    repaired_identity: CitizenIdentity | None

    @property
    def is_clean(self) -> bool:
        """No field looks garbled."""
        return not self.suspect_fields

    @property
    def fields_to_check(self) -> tuple[str, ...]:
        """Fields the clerk should check or retype (repairs that fully worked excluded)."""
        return tuple(f.field for f in self.suspect_fields if f.needs_check)

    @property
    def repaired_fields(self) -> tuple[str, ...]:
        """Fields whose text was repaired (the UI should say so)."""
        return tuple(f.field for f in self.suspect_fields if f.repaired_text is not None)


_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_VOWELS = "aăâeêioôơuưy"
VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", base + tone)
    for vowel in _VOWELS
    for base in (vowel, vowel.upper())
    for tone in _TONES
) | frozenset("đĐ")
"""Every non-ASCII letter of Vietnamese, precomposed (NFC)."""

_HARMLESS_NON_ASCII = frozenset("–—‘’“”·")  # typographic punctuation in addresses
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")
_VIQR = re.compile(r"[aeiouyAEIOUY][\^(+~`]|[aeiouyAEIOUY][\^(+]?['.][a-zA-Z]|\b[dD][dD]")
# VNI tone digits sit inside a word ("Nguye64n"); house numbers like "A12B" do not.
_VNI = re.compile(r"[a-zA-Z][aeiouyAEIOUY][1-9]{1,2}[a-zA-Z]|\b[dD]9[a-zA-Z]")
_TELEX = re.compile(
    r"(?i)\b[a-z]*(aa|ee|oo|aw|ow|uw|dd)[a-z]*\b|[aeiouy](n|ng|nh|m|c|ch|p|t)?[fjx]\b"
)
_STRUCTURED_FIELDS = ("id_number", "date_of_birth", "issue_date", "old_id_number", "sex")
_NAME_FIELDS = frozenset({"full_name", "father_name", "mother_name", "spouse_name"})
_TEXT_FIELDS = (
    "full_name",
    "place_of_residence",
    "father_name",
    "mother_name",
    "spouse_name",
    "place_of_origin",
    "identifying_features",
)
# UTF-8 read through one of these single-byte code pages is reversible. Bytes a code page
# leaves undefined come through many decoders as the same code point, so characters
# below U+0100 that the code page cannot encode are taken as those bytes: this makes
# "cp1252" cover Latin-1 too.
_REPAIR_CODECS: tuple[tuple[str, str], ...] = (
    ("cp1252", "CP1252/Latin-1"),
    ("cp1258", "CP1258"),
    ("mac_roman", "Mac Roman"),
)


def _foreign_characters(text: str) -> int:
    """Characters Vietnamese text does not contain: the mark of mojibake."""
    return sum(
        1
        for c in text
        if not c.isascii()
        and c not in VIETNAMESE_LETTERS
        and c not in _HARMLESS_NON_ASCII
        and c != "\ufffd"
        and not _CJK.match(c)
    )


def _lost_characters(text: str, is_name: bool) -> bool:
    # Every Vietnamese syllable has a vowel; addresses have abbreviations (TP, HCM).
    if not is_name:
        return False
    folded = unicodedata.normalize("NFD", text.casefold())
    return any(
        word.isalpha() and not re.search("[aeiouy]", word) for word in folded.split() if word
    )


_DETECTORS: tuple[tuple[TextProblem, Callable[[str, bool], bool]], ...] = (
    (TextProblem.MOJIBAKE, lambda t, _: _foreign_characters(t) > 0),
    (TextProblem.REPLACEMENT_CHARACTERS, lambda t, _: "?" in t or "\ufffd" in t),
    (TextProblem.CJK_CHARACTERS, lambda t, _: _CJK.search(t) is not None),
    (
        TextProblem.INPUT_METHOD_LEFTOVERS,
        lambda t, name: bool(
            _VIQR.search(t)
            or _VNI.search(t)
            or _TELEX.search(t)
            or (name and re.search(r"[0-9]", t))
        ),
    ),
    (TextProblem.LOST_CHARACTERS, _lost_characters),
)


def detect_problems(text: str, *, is_name: bool = False) -> tuple[TextProblem, ...]:
    """The problems one text shows on its own (``DIACRITICS_MISSING`` needs all fields)."""
    return tuple(problem for problem, detect in _DETECTORS if detect(text, is_name))


def _as_single_bytes(text: str, codec: str) -> bytes | None:
    out = bytearray()
    for char in text:
        try:
            out += char.encode(codec)
        except UnicodeEncodeError:
            if ord(char) >= 256:
                return None
            out.append(ord(char))
    return bytes(out)


@dataclass(frozen=True, slots=True)
class MojibakeRepair:
    """Text recovered from mojibake, how, and whether any byte had to be guessed."""

    text: str
    description: str
    certain: bool


def _decode_utf8(data: bytes) -> tuple[str, bool] | None:
    """Strict UTF-8, except that a byte 0xA0 swallowed by whitespace handling is put back.

    A non-breaking space is how CP1252/Latin-1 show the byte 0xA0 (the last byte of "à",
    "Ạ", ...); whitespace collapsing turns it into a space or drops it at the end. Where
    exactly one such byte makes the difference it is restored, but a real space next to
    it may have been merged away, so the result is marked as guessed.
    """
    guessed = False
    for _ in range(len(data) + 1):
        try:
            return data.decode("utf-8"), guessed
        except UnicodeDecodeError as error:
            if error.reason == "invalid continuation byte" and data[error.end] == 0x20:
                data = data[: error.end] + b"\xa0" + data[error.end + 1 :]
            elif error.reason == "unexpected end of data":
                data += b"\xa0"
            else:
                return None
            guessed = True
    return None


def repair_mojibake(text: str) -> MojibakeRepair | None:
    """Undo UTF-8 that was decoded through a single-byte code page, if it round-trips.

    Returns ``None`` when ``text`` is not reversible mojibake. A repair is accepted only
    if it leaves fewer characters foreign to Vietnamese, so correct text is never
    "repaired". Applied up to twice, for text garbled twice.
    """
    current, steps, certain = text, [], True
    for _ in range(2):
        for codec, codec_name in _REPAIR_CODECS:
            data = _as_single_bytes(current, codec)
            decoded = _decode_utf8(data) if data is not None else None
            if decoded is None:
                continue
            candidate = unicodedata.normalize("NFC", decoded[0])
            if candidate != current and _foreign_characters(candidate) < _foreign_characters(
                current
            ):
                current, certain = candidate, certain and not decoded[1]
                steps.append(f"UTF-8 read as {codec_name}")
                break
        else:
            break
    if not steps:
        return None
    description = ", then ".join(steps) + ("" if certain else " (a lost byte was guessed)")
    return MojibakeRepair(current, description, certain)


def _text_fields(identity: CitizenIdentity) -> dict[str, str]:
    values = {name: getattr(identity, name) for name in _TEXT_FIELDS}
    fields = {name: value for name, value in values.items() if value}
    for key, value in identity.extras.items():
        if _has_letters(value):
            fields[f"extras.{key}"] = value
    return fields


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _with_field(identity: CitizenIdentity, name: str, value: str) -> CitizenIdentity:
    if name.startswith("extras."):
        extras = dict(identity.extras)
        extras[name.removeprefix("extras.")] = value
        return dataclasses.replace(identity, extras=extras)
    changes: dict[str, Any] = {name: value}  # only str-valued fields reach here
    return dataclasses.replace(identity, **changes)


def _reparse_repaired(result: QrParseResult) -> tuple[CitizenIdentity, MojibakeRepair] | None:
    """Repair the whole raw payload and parse it again: this also recovers the sex field
    and avoids the parser's whitespace collapsing, which swallows bytes like 0xA0/0x85."""
    repaired = repair_mojibake(result.raw)
    if repaired is None:
        return None
    try:
        reparsed = parse_qr_payload(repaired.text)
    except QrPayloadError:
        return None
    before, after = result.identity, reparsed.identity
    if (before.id_number, before.date_of_birth, before.issue_date) != (
        after.id_number,
        after.date_of_birth,
        after.issue_date,
    ):
        return None  # the repair touched what was reliable: do not trust it
    return after, repaired


def assess_text_integrity(result: QrParseResult) -> TextIntegrity:
    """Which text fields of ``result`` look garbled, and their repairs where reversible."""
    identity = result.identity
    fields = _text_fields(identity)
    reparsed = _reparse_repaired(result)
    whole_repair = reparsed[1] if reparsed else None
    repaired_identity = reparsed[0] if reparsed else identity
    repaired_fields = _text_fields(repaired_identity)
    all_ascii = bool(fields) and all(v.isascii() for v in fields.values())

    suspects: list[FieldIntegrity] = []
    for name, text in fields.items():
        problems = detect_problems(text, is_name=name in _NAME_FIELDS)
        if all_ascii:
            problems += (TextProblem.DIACRITICS_MISSING,)
        if not problems:
            continue
        is_name = name in _NAME_FIELDS
        whole_text = repaired_fields.get(name)
        repair: MojibakeRepair | None
        if whole_repair is not None and whole_text is not None and whole_text != text:
            repair, repaired_text = whole_repair, whole_text
        elif (repair := repair_mojibake(text)) is not None:
            repaired_text = repair.text
            repaired_identity = _with_field(repaired_identity, name, repaired_text)
        else:
            suspects.append(FieldIntegrity(name, problems))
            continue
        remaining = detect_problems(repaired_text, is_name=is_name)
        suspects.append(
            FieldIntegrity(
                name, problems, repaired_text, repair.description, remaining, repair.certain
            )
        )

    if identity.sex is None and has_warning(result.warnings, WarningCode.SEX_UNRECOGNISED):
        recovered = repaired_identity.sex
        if recovered is None or whole_repair is None:
            suspects.append(FieldIntegrity("sex", (TextProblem.UNREADABLE,)))
        else:
            suspects.append(
                FieldIntegrity(
                    "sex",
                    (TextProblem.UNREADABLE,),
                    recovered.value,
                    whole_repair.description,
                    repair_certain=whole_repair.certain,
                )
            )

    reliable = [name for name in _STRUCTURED_FIELDS if getattr(identity, name) is not None]
    changed = any(f.repaired_text is not None for f in suspects)
    return TextIntegrity(tuple(suspects), tuple(reliable), repaired_identity if changed else None)
