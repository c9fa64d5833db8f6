"""ICAO 9303 check digits and the "MRZ information" that seeds the BAC and PACE keys."""

from __future__ import annotations

import hashlib
import re

_WEIGHTS = (7, 3, 1)
_DATE = re.compile(r"\d{6}")
_DOCUMENT_NUMBER = re.compile(r"[0-9A-Z<]+")
_SHORT_DOCUMENT_NUMBER = 9


def _character_value(char: str) -> int:
    if char.isdigit():
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    if char == "<":
        return 0
    raise ValueError(f"{char!r} is not an MRZ character")


def check_digit(field: str) -> str:
    """The ICAO 9303 Part 3 check digit (weights 7-3-1, modulo 10) of an MRZ field."""
    total = sum(_character_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(field))
    return str(total % 10)


def mrz_information(document_number: str, date_of_birth: str, date_of_expiry: str) -> str:
    """The MRZ information of ICAO 9303 Part 11 §9.7.2, each field followed by its check digit.

    ``document_number`` is padded with ``<`` to 9 characters; a longer number is used in
    full with its check digit computed over the whole number, as ICAO prescribes for
    numbers whose tail sits in the optional data. Dates are ``YYMMDD``.
    Raises :class:`ValueError` for fields that cannot be MRZ values (the message never
    repeats the value).
    """
    number = document_number.strip().upper()
    if not _DOCUMENT_NUMBER.fullmatch(number):
        raise ValueError("document number must be MRZ characters (0-9, A-Z, <)")
    for name, date in (("date of birth", date_of_birth), ("date of expiry", date_of_expiry)):
        if not _DATE.fullmatch(date):
            raise ValueError(f"{name} must be YYMMDD")
    if len(number) < _SHORT_DOCUMENT_NUMBER:
        number = number.ljust(_SHORT_DOCUMENT_NUMBER, "<")
    return (
        number
        + check_digit(number)
        + date_of_birth
        + check_digit(date_of_birth)
        + date_of_expiry
        + check_digit(date_of_expiry)
    )


def mrz_key_seed(mrz_info: str) -> bytes:
    """K_seed of BAC: the first 16 bytes of SHA-1 over the MRZ information."""
    return hashlib.sha1(mrz_info.encode("ascii")).digest()[:16]


def mrz_pace_password(mrz_info: str) -> bytes:
    """The PACE password K = SHA-1(MRZ information) (ICAO 9303 Part 11 §9.7.3)."""
    return hashlib.sha1(mrz_info.encode("ascii")).digest()


def can_pace_password(can: str) -> bytes:
    """The PACE password for a CAN: its characters as ISO 8859-1 bytes."""
    if not can.isdigit() or not can.isascii():
        raise ValueError("a CAN is made of decimal digits")
    return can.encode("ascii")
