"""DG13 of the Vietnamese citizen ID card: the citizen's details, keyed by field number.

Layout (docs/cccd.md): ``6D { 30 { INTEGER version, OID, field, field, ... } }`` where each
field is ``30 { INTEGER n, value... }``; the fields may also sit in a SET. Values are
strings, or sequences of strings (field 13 holds the father's and the mother's names,
each in its own SEQUENCE or both in one; field 14 is an empty SEQUENCE without spouse).

The parser walks the BER tree and keys on ``n``: no fixed offsets, no byte searches, any
length form, unknown tags skipped. The raw bytes are kept, so that a real card can settle
what is not confirmed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from hardware.icao.errors import DataGroupError, MalformedResponseError
from hardware.icao.tlv import iter_tlv

TAG_DG13 = 0x6D
_SEQUENCE, _SET, _INTEGER, _OID = 0x30, 0x31, 0x02, 0x06
_CONSTRUCTED = 0x20
#: Universal string types and how their bytes decode.
_STRING_CODECS = {
    0x0C: "utf-8",  # UTF8String
    0x13: "ascii",  # PrintableString
    0x16: "ascii",  # IA5String
    0x14: "latin-1",  # TeletexString (rare; best effort)
    0x1E: "utf-16-be",  # BMPString
    0x04: "utf-8",  # OCTET STRING holding text (seen in some personalisations)
}
_MAX_FIELD = 64


class Dg13Field:
    """Field numbers as documented; those marked unconfirmed may differ on some cards."""

    ID_NUMBER = 1
    FULL_NAME = 2
    DATE_OF_BIRTH = 3
    SEX = 4
    NATIONALITY = 5
    ETHNICITY = 6
    RELIGION = 7
    PLACE_OF_ORIGIN = 8
    PLACE_OF_RESIDENCE = 9
    IDENTIFYING_FEATURES = 10
    ISSUE_DATE = 11
    EXPIRY_DATE = 12
    PARENTS = 13
    SPOUSE = 14
    OLD_ID_NUMBER = 15
    UNKNOWN_16 = 16


@dataclass(frozen=True, slots=True)
class Dg13:
    """The fields of DG13 by number, each the strings it held in order, and the raw bytes."""

    fields: Mapping[int, tuple[str, ...]]
    version: int | None
    raw: bytes = field(repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))

    def text(self, number: int) -> str | None:
        """The first string of field ``number``; ``None`` when absent or empty."""
        values = [v for v in self.fields.get(number, ()) if v.strip()]
        return values[0].strip() if values else None

    def texts(self, number: int) -> tuple[str, ...]:
        """Every non-empty string of field ``number``, in order."""
        return tuple(v.strip() for v in self.fields.get(number, ()) if v.strip())


def parse_dg13(data: bytes) -> Dg13:
    """Parse DG13; :class:`DataGroupError` when it is not the expected BER structure."""
    try:
        top = list(iter_tlv(data))
        if not top or top[0][0] != TAG_DG13:
            raise DataGroupError("DG13 does not start with tag 6D")
        fields: dict[int, tuple[str, ...]] = {}
        version: int | None = None
        for tag, value, _ in iter_tlv(top[0][1]):
            if tag in (_SEQUENCE, _SET):
                version = _collect(value, fields, version)
    except MalformedResponseError as exc:
        raise DataGroupError("DG13 is not valid BER") from exc
    return Dg13(fields, version, bytes(data))


def _collect(body: bytes, fields: dict[int, tuple[str, ...]], version: int | None) -> int | None:
    """Walk one constructed value: a field, or a container of fields (the outer SEQUENCE)."""
    children = list(iter_tlv(body))
    if _is_field(children):
        number = _integer(children[0][1])
        if number not in fields:  # the first occurrence wins; duplicates are ignored
            fields[number] = tuple(_strings(children[1:]))
        return version
    for index, (tag, value, _) in enumerate(children):
        if tag == _INTEGER and index == 0 and len(children) > 1 and children[1][0] == _OID:
            version = _integer(value)
        elif tag in (_SEQUENCE, _SET):
            version = _collect(value, fields, version)
    return version


def _is_field(children: list[tuple[int, bytes, bytes]]) -> bool:
    if not children or children[0][0] != _INTEGER:
        return False
    if len(children) > 1 and children[1][0] == _OID:
        return False  # INTEGER version followed by an OID: the container, not a field
    return 0 < _integer(children[0][1]) <= _MAX_FIELD


def _integer(value: bytes) -> int:
    return int.from_bytes(value, "big", signed=True) if value else 0


def _strings(children: list[tuple[int, bytes, bytes]]) -> Iterator[str]:
    for tag, value, _ in children:
        if tag & _CONSTRUCTED:
            yield from _strings(list(iter_tlv(value)))
        elif tag in _STRING_CODECS:
            yield value.decode(_STRING_CODECS[tag], errors="replace")
