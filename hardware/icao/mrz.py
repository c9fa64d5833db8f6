"""The machine readable zone in DG1: TD1 (ID cards), TD2 and TD3 (passports), with checks.

Values are kept as printed (``YYMMDD`` dates, ``<`` fillers removed from names and
numbers); turning them into dates or an identity is the domain layer's job.
"""

from __future__ import annotations

from dataclasses import dataclass

from hardware.icao.errors import DataGroupError
from hardware.icao.mrz_key import check_digit
from hardware.icao.tlv import iter_tlv

_TAG_DG1 = 0x61
_TAG_MRZ = 0x5F1F
_FORMATS = {90: ("TD1", 3, 30), 72: ("TD2", 2, 36), 88: ("TD3", 2, 44)}
_VIETNAM_ID_LENGTH = 12


@dataclass(frozen=True, slots=True)
class Mrz:
    """One parsed MRZ. ``failed_checks`` names the check digits that do not match."""

    format: str
    lines: tuple[str, ...]
    document_code: str
    issuing_state: str
    document_number: str
    date_of_birth: str
    sex: str
    date_of_expiry: str
    nationality: str
    primary_identifier: str
    secondary_identifier: str
    optional_data: str
    optional_data_2: str
    failed_checks: tuple[str, ...]

    @property
    def checks_valid(self) -> bool:
        """Whether every check digit matches."""
        return not self.failed_checks

    @property
    def vietnam_id_number(self) -> str | None:
        """The 12-digit ID number of a Vietnamese card: the start of the optional data.

        The document number is only its last 9 digits (see docs/cccd.md).
        """
        candidate = self.optional_data[:_VIETNAM_ID_LENGTH]
        if self.issuing_state == "VNM" and candidate.isdigit() and len(candidate) == 12:
            return candidate
        return None


def parse_dg1(data: bytes) -> Mrz:
    """DG1 (``61 { 5F1F MRZ }``) to :class:`Mrz`; :class:`DataGroupError` when malformed."""
    try:
        outer = dict((tag, value) for tag, value, _ in iter_tlv(data))
        inner = dict((tag, value) for tag, value, _ in iter_tlv(outer[_TAG_DG1]))
        text = inner[_TAG_MRZ].decode("ascii")
    except (KeyError, UnicodeDecodeError) as exc:
        raise DataGroupError("DG1 does not hold an MRZ") from exc
    except Exception as exc:  # MalformedResponseError from the BER walker
        raise DataGroupError("DG1 is not valid BER") from exc
    return parse_mrz(text)


def parse_mrz(text: str) -> Mrz:
    """Parse MRZ text (lines concatenated, or separated by newlines)."""
    flat = "".join(text.split())
    shape = _FORMATS.get(len(flat))
    if shape is None:
        raise DataGroupError(f"an MRZ of {len(flat)} characters is not TD1, TD2 or TD3")
    name, count, width = shape
    lines = tuple(flat[i * width : (i + 1) * width] for i in range(count))
    if name == "TD1":
        return _parse_td1(lines)
    return _parse_two_line(name, lines)


def _field(value: str) -> str:
    return value.replace("<", " ").strip()


def _names(value: str) -> tuple[str, str]:
    primary, _, secondary = value.partition("<<")
    return _field(primary), _field(secondary)


def _check(failed: list[str], name: str, value: str, digit: str) -> None:
    if digit == "<" and set(value) <= {"<"}:
        return  # an empty optional field may carry a filler check digit
    if check_digit(value) != digit:
        failed.append(name)


def _document_number(number: str, digit: str, optional: str) -> tuple[str, str, str, str]:
    """(number, its check digit, the field the digit covers, optional data left).

    A number longer than 9 characters continues in the optional data, ending with its
    check digit; the check-digit position then holds ``<`` (ICAO 9303 Part 5 §4.2.2).
    """
    if digit == "<" and optional and optional[0] != "<":
        tail = optional.split("<", 1)[0]
        full = number + tail[:-1]
        return full, tail[-1:], full, optional[len(tail) :]
    return number, digit, number, optional


def _parse_td1(lines: tuple[str, ...]) -> Mrz:
    one, two, three = lines
    failed: list[str] = []
    number, digit, covered, optional = _document_number(one[5:14], one[14], one[15:30])
    _check(failed, "document_number", covered, digit)
    _check(failed, "date_of_birth", two[0:6], two[6])
    _check(failed, "date_of_expiry", two[8:14], two[14])
    _check(failed, "composite", one[5:30] + two[0:7] + two[8:15] + two[18:29], two[29])
    primary, secondary = _names(three)
    return Mrz(
        format="TD1",
        lines=lines,
        document_code=_field(one[0:2]),
        issuing_state=_field(one[2:5]),
        document_number=_field(number),
        date_of_birth=two[0:6],
        sex=two[7],
        date_of_expiry=two[8:14],
        nationality=_field(two[15:18]),
        primary_identifier=primary,
        secondary_identifier=secondary,
        optional_data=optional.rstrip("<"),
        optional_data_2=two[18:29].rstrip("<"),
        failed_checks=tuple(failed),
    )


def _parse_two_line(name: str, lines: tuple[str, ...]) -> Mrz:
    one, two = lines
    failed: list[str] = []
    end = 35 if name == "TD2" else 42
    optional_raw = two[28:end]
    number, digit, covered, optional = _document_number(two[0:9], two[9], optional_raw)
    _check(failed, "document_number", covered, digit)
    _check(failed, "date_of_birth", two[13:19], two[19])
    _check(failed, "date_of_expiry", two[21:27], two[27])
    if name == "TD3":
        _check(failed, "personal_number", two[28:42], two[42])
    composite_end = 35 if name == "TD2" else 43
    _check(failed, "composite", two[0:10] + two[13:20] + two[21:composite_end], two[composite_end])
    primary, secondary = _names(one[5:])
    return Mrz(
        format=name,
        lines=lines,
        document_code=_field(one[0:2]),
        issuing_state=_field(one[2:5]),
        document_number=_field(number),
        date_of_birth=two[13:19],
        sex=two[20],
        date_of_expiry=two[21:27],
        nationality=_field(two[10:13]),
        primary_identifier=primary,
        secondary_identifier=secondary,
        optional_data=optional.rstrip("<"),
        optional_data_2="",
        failed_checks=tuple(failed),
    )
