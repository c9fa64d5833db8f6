"""Parse the text of the QR code on a CCCD / thẻ căn cước into a :class:`CitizenIdentity`.

The QR is unsigned, unlabelled and, for the 2024 card, not even documented, so this
parser is deliberately two-faced: strict about *whether* a text is an ID card QR (a URL,
a payment code or a bare number must never turn into a person), tolerant about *how* a
real one is written (scanner quirks become warnings, unknown extra fields become extras).
Layouts are rows of :data:`LAYOUTS` and labels rows of :data:`LABELS`, so a layout seen
on a real card is one new row, not new code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from reception.errors import UserError
from reception.identity.citizen import CitizenIdentity, Sex
from reception.identity.id_number import check_id_number, is_well_formed
from reception.identity.written_dates import is_date_shaped, parse_written_date
from reception.warning import DomainWarning, WarningCode
from reception.workstation.timezone import now_in_vietnam

MAX_PAYLOAD_CHARS = 3000
"""A version-40 QR holds at most 2953 bytes; anything longer was not one QR."""


class QrPayloadError(UserError):
    """The scanned text is not the QR code of a Vietnamese ID card."""

    code = "not_id_qr"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class QrParseResult:
    """A parsed QR: the raw text as scanned, the identity, the layout name, warnings.

    Warnings are values (:class:`~reception.warning.DomainWarning`); their details never
    repeat field values.
    """

    raw: str
    identity: CitizenIdentity
    layout: str
    warnings: tuple[DomainWarning, ...]


# Slots are CitizenIdentity field names.
ID = "id_number"
OLD_ID = "old_id_number"
NAME = "full_name"
DOB = "date_of_birth"
SEX = "sex"
RESIDENCE = "place_of_residence"
ISSUE = "issue_date"


@dataclass(frozen=True, slots=True)
class PositionalLayout:
    """A ``|``-separated layout: which slot each position holds.

    With ``keeps_extra_fields`` the layout also matches payloads longer than ``slots``;
    the surplus is kept in ``extras`` as ``field_<1-based position>``.
    """

    name: str
    slots: tuple[str, ...]
    keeps_extra_fields: bool = False
    confirmed: bool = True

    def accepts_count(self, count: int) -> bool:
        """Whether a payload of ``count`` fields can have this layout."""
        if self.keeps_extra_fields:
            return count > len(self.slots)
        return count == len(self.slots)


_CCCD_2021 = (ID, OLD_ID, NAME, DOB, SEX, RESIDENCE, ISSUE)

LAYOUTS: tuple[PositionalLayout, ...] = (
    PositionalLayout("cccd_2021", _CCCD_2021),
    PositionalLayout("cccd_2021_no_cmnd", (ID, NAME, DOB, SEX, RESIDENCE, ISSUE)),
    # Thẻ căn cước (2024): reportedly the 2021 fields (nơi cư trú in the residence
    # position) followed by cancelled ID numbers and parents' names. Not confirmed on a
    # real card, so only the 2021 prefix is interpreted and the rest kept verbatim.
    PositionalLayout("can_cuoc_2024", _CCCD_2021, keeps_extra_fields=True, confirmed=False),
    # The same without the CMND position, in case the 2024 card dropped it.
    PositionalLayout(
        "can_cuoc_2024_no_cmnd",
        (ID, NAME, DOB, SEX, RESIDENCE, ISSUE),
        keeps_extra_fields=True,
        confirmed=False,
    ),
)
LABELLED_LAYOUT = "labelled"
_UNCONFIRMED_LAYOUTS = frozenset(lo.name for lo in LAYOUTS if not lo.confirmed)


def _fold(text: str) -> str:
    """Lower case without diacritics (đ → d) and with single spaces: for label lookup."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


# Labels of scanner firmware that prints ``key: value``, keyed by their folded form.
LABELS: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(
            ["so cccd", "cccd", "so can cuoc", "so dinh danh", "so dinh danh ca nhan", "id"], ID
        ),
        **dict.fromkeys(["so cmnd", "cmnd", "so cmnd cu"], OLD_ID),
        **dict.fromkeys(["ho va ten", "ho ten", "ho, chu dem va ten", "full name", "name"], NAME),
        **dict.fromkeys(["ngay sinh", "ngay thang nam sinh", "date of birth", "dob"], DOB),
        **dict.fromkeys(["gioi tinh", "sex", "gender"], SEX),
        **dict.fromkeys(["noi thuong tru", "noi cu tru", "thuong tru", "dia chi"], RESIDENCE),
        **dict.fromkeys(["ngay cap", "ngay cap cccd", "issue date", "date of issue"], ISSUE),
    }
)

# Other QR contents a counter scanner meets; named so the clerk learns what was scanned.
_OTHER_QR_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)^(https?|ftp)://|^www\."), "a web address"),
    (re.compile(r"^000201"), "a VietQR / EMV payment code"),
    (re.compile(r"(?i)^WIFI:"), "a Wi-Fi configuration"),
    (re.compile(r"(?i)^BEGIN:VCARD"), "a contact card"),
    (re.compile(r"(?i)^(mailto|tel|sms|smsto|geo):"), "a link"),
)

# (pattern, positions of day, month, year among the groups)
_SEX_BY_FOLDED: Mapping[str, Sex] = MappingProxyType({"nam": Sex.MALE, "nu": Sex.FEMALE})
_LABELLED_SEGMENT = re.compile(r"\s*(?P<label>[^:：|]{1,40}?)\s*[:：]\s*(?P<value>.*)")
# A scanner or an editor may put a BOM, or its cp1252 mojibake, in front of the text.
_PREFIXES_TO_DROP = ("\ufeff", "ï»¿")
# What scanner software writes for an empty field ("ID12|---|Name|..."): dashes, dots,
# underscores or stars alone, "N/A", "null", "none". Such a field is empty.
_PLACEHOLDER = re.compile(r"[-‐‑‒–—―_.*]+|(?i:n/?a|null|none|nil)")
# Markup a name or an address never holds: HTML-like tags and character entities. Kept
# verbatim (shown as plain text) and flagged.
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z]+);")
_MARKUP_CHECKED = ("full_name", "place_of_residence")


def _unless_placeholder(value: str) -> str:
    return "" if _PLACEHOLDER.fullmatch(value) else value


def _date_shaped(text: str) -> bool:
    return is_date_shaped(text)


def _has_text(text: str) -> bool:
    return any(not (c.isdigit() or c.isspace()) for c in text)


# What a field must look like for a positional layout to match at all. These are the
# anchors that keep random text out, so they check shape only; a well-shaped but wrong
# value (31 February, sex "X") is a warning later, not a mismatch.
_SHAPES: Mapping[str, Callable[[str], bool]] = MappingProxyType(
    {
        ID: is_well_formed,
        OLD_ID: lambda v: v == "" or re.fullmatch(r"[0-9]+", v) is not None,
        NAME: _has_text,
        DOB: _date_shaped,
        SEX: lambda v: len(v) <= 12,
        RESIDENCE: lambda v: True,
        ISSUE: lambda v: v == "" or _date_shaped(v),
    }
)


def _normalise(text: str) -> str:
    """NFC with whitespace runs collapsed: names keep their diacritics, in one form."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def parse_qr_payload(text: str, *, today: date | None = None) -> QrParseResult:
    """Parse the text of an ID card QR code.

    ``today`` (default: today in Vietnam) is only used to flag dates in the future.
    Raises :class:`QrPayloadError` when ``text`` is not an ID card QR; every oddity of a
    text that is one is reported in ``warnings`` instead.
    """
    if today is None:
        today = now_in_vietnam().date()
    if len(text) > MAX_PAYLOAD_CHARS:
        raise QrPayloadError("too long for an ID card QR")
    body = text.strip()
    for prefix in _PREFIXES_TO_DROP:
        body = body.removeprefix(prefix).strip()
    if not body:
        raise QrPayloadError("empty")
    for pattern, kind in _OTHER_QR_KINDS:
        if pattern.search(body):
            raise QrPayloadError(f"{kind}, not an ID card QR")
    first_field = body.split("|", 1)[0].strip()
    if "|" in body and is_well_formed(first_field):
        layout, slots, extras = _match_positional(body)
    else:
        layout, slots, extras = _match_labelled(body)
    identity, warnings = _build_identity(slots, extras, today)
    if layout in _UNCONFIRMED_LAYOUTS:
        warnings.append(DomainWarning(WarningCode.LAYOUT_UNCONFIRMED, layout))
    return QrParseResult(text, identity, layout, tuple(warnings))


def _match_positional(body: str) -> tuple[str, dict[str, str], dict[str, str]]:
    if "\n" in body or "\r" in body:
        raise QrPayloadError("more than one line")
    fields = [_unless_placeholder(f.strip()) for f in body.split("|")]
    trimmed = list(fields)
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    # The trimmed form first, so a trailing "|" never looks like an extra field; the
    # untrimmed one next, since an empty last field (no issue date) is legitimate.
    for candidate in (trimmed, fields):
        for layout in LAYOUTS:
            if layout.accepts_count(len(candidate)) and all(
                _SHAPES[slot](value) for slot, value in zip(layout.slots, candidate, strict=False)
            ):
                slots = dict(zip(layout.slots, candidate, strict=False))
                extras = {
                    f"field_{i + 1}": _normalise(value)
                    for i, value in enumerate(candidate)
                    if i >= len(layout.slots)
                }
                return layout.name, slots, extras
    raise QrPayloadError(f"{len(fields)} fields in no known ID card layout")


def _match_labelled(body: str) -> tuple[str, dict[str, str], dict[str, str]]:
    segments = [s for line in body.splitlines() for s in line.split("|") if s.strip()]
    slots: dict[str, str] = {}
    extras: dict[str, str] = {}
    for position, segment in enumerate(segments, start=1):
        match = _LABELLED_SEGMENT.fullmatch(segment)
        if match is None:
            extras[f"field_{position}"] = _normalise(segment)
            continue
        folded = _fold(match["label"])
        slot = LABELS.get(folded)
        value = _unless_placeholder(match["value"].strip())
        if slot is not None and slot not in slots:
            slots[slot] = value
        else:
            # Unknown or repeated labels are kept under the label's own name.
            key = "label_" + (re.sub(r"[^0-9a-z]+", "_", folded).strip("_") or str(position))
            extras[key if key not in extras else f"{key}_{position}"] = _normalise(value)
    if not slots:
        raise QrPayloadError("no ID card fields or labels")
    if not is_well_formed(slots.get(ID, "")):
        raise QrPayloadError("no 12-digit ID number")
    if not _has_text(slots.get(NAME, "")):
        raise QrPayloadError("no name")
    return LABELLED_LAYOUT, slots, extras


def _build_identity(
    slots: Mapping[str, str], extras: dict[str, str], today: date
) -> tuple[CitizenIdentity, list[DomainWarning]]:
    warnings: list[DomainWarning] = []

    def read_date(slot: str) -> date | None:
        text = slots.get(slot, "").strip()
        if not text:
            warnings.append(DomainWarning(WarningCode(f"{slot}_missing")))
            return None
        value = parse_written_date(text)
        if value is None:
            warnings.append(
                DomainWarning(WarningCode(f"{slot}_invalid"), "not a real calendar date")
            )
        elif value > today:
            warnings.append(DomainWarning(WarningCode(f"{slot}_in_future")))
        return value

    date_of_birth = read_date(DOB)
    issue_date = read_date(ISSUE)
    if date_of_birth and issue_date and issue_date < date_of_birth:
        warnings.append(DomainWarning(WarningCode.ISSUE_DATE_BEFORE_BIRTH))

    sex_text = _normalise(slots.get(SEX, ""))
    sex = _SEX_BY_FOLDED.get(_fold(sex_text))
    if sex is None:
        warnings.append(DomainWarning(WarningCode.SEX_UNRECOGNISED, "neither Nam nor Nữ"))
    elif sex_text.casefold() != sex.value.casefold():
        warnings.append(DomainWarning(WarningCode.SEX_SPELLING, "diacritics missing"))

    old_id: str | None = re.sub(r"\s+", "", slots.get(OLD_ID, "")) or None
    if old_id is not None and re.fullmatch(r"[0-9]+", old_id) is None:
        # Labelled firmware output can put anything behind the label; keep it aside.
        extras["old_id_number_text"] = _normalise(slots[OLD_ID])
        warnings.append(DomainWarning(WarningCode.OLD_ID_NUMBER_INVALID, "not digits"))
        old_id = None
    elif old_id is not None and len(old_id) not in (9, 12):
        warnings.append(DomainWarning(WarningCode.OLD_ID_NUMBER_INVALID, "neither 9 nor 12 digits"))

    id_number = slots[ID].strip()
    warnings.extend(check_id_number(id_number, date_of_birth, sex))
    identity = CitizenIdentity(
        id_number=id_number,
        full_name=_normalise(slots[NAME]),
        date_of_birth=date_of_birth,
        sex=sex,
        place_of_residence=_normalise(slots.get(RESIDENCE, "")) or None,
        issue_date=issue_date,
        old_id_number=old_id,
        extras=extras,
    )
    marked = tuple(
        name for name in _MARKUP_CHECKED if _MARKUP.search(getattr(identity, name) or "")
    ) + tuple(key for key, value in extras.items() if _MARKUP.search(value))
    if marked:
        # Field names only: the detail never repeats a value.
        warnings.append(DomainWarning(WarningCode.MARKUP_IN_TEXT, ", ".join(marked), marked))
    return identity, warnings


def format_qr_payload(identity: CitizenIdentity) -> str:
    """The identity written in the 2021 CCCD layout, as the card's QR holds it.

    For simulators and tests; unknown values become empty fields.
    """

    def ddmmyyyy(value: date | None) -> str:
        return "" if value is None else f"{value.day:02d}{value.month:02d}{value.year:04d}"

    return "|".join(
        [
            identity.id_number,
            identity.old_id_number or "",
            identity.full_name,
            ddmmyyyy(identity.date_of_birth),
            "" if identity.sex is None else identity.sex.value,
            identity.place_of_residence or "",
            ddmmyyyy(identity.issue_date),
        ]
    )
