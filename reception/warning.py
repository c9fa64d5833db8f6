"""Warnings as values: what the clerk should look at, though it does not stop the work.

A parser or a check returns :class:`DomainWarning` values, never strings to parse: a
stable :class:`WarningCode`, an English ``detail`` for logs and the command line's JSON,
and ``args`` for the clerk's text (``ui/messages.py`` holds that text, keyed by the code).
Neither the detail nor the args carry personal values (names, ID numbers, dates).

Imports only the standard library.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class WarningCode(enum.StrEnum):
    """Every warning code a clerk can meet; each has its text in ``ui/messages.py``."""

    # The ID number and its agreement with the other fields (reception.identity.id_number).
    ID_NUMBER_MALFORMED = "id_number_malformed"
    ID_PROVINCE_UNKNOWN = "id_province_unknown"
    ID_CENTURY_MISMATCH = "id_century_mismatch"
    ID_SEX_MISMATCH = "id_sex_mismatch"
    ID_BIRTH_YEAR_MISMATCH = "id_birth_year_mismatch"
    # The QR payload (reception.intake.qr_payload).
    DATE_OF_BIRTH_MISSING = "date_of_birth_missing"
    DATE_OF_BIRTH_INVALID = "date_of_birth_invalid"
    DATE_OF_BIRTH_IN_FUTURE = "date_of_birth_in_future"
    ISSUE_DATE_MISSING = "issue_date_missing"
    ISSUE_DATE_INVALID = "issue_date_invalid"
    ISSUE_DATE_IN_FUTURE = "issue_date_in_future"
    ISSUE_DATE_BEFORE_BIRTH = "issue_date_before_birth"
    SEX_UNRECOGNISED = "sex_unrecognised"
    SEX_SPELLING = "sex_spelling"
    OLD_ID_NUMBER_INVALID = "old_id_number_invalid"
    LAYOUT_UNCONFIRMED = "layout_unconfirmed"
    MARKUP_IN_TEXT = "markup_in_text"  # HTML-like tags or entities in a name or address
    # Text garbled by a keyboard-wedge scanner gun (reception.intake.wedge_garbling).
    TEXT_GARBLED = "text_garbled"
    # The chip (reception.intake.chip_reading).
    MRZ_CHECK_DIGIT_MISMATCH = "mrz_check_digit_mismatch"
    DG13_SEX_UNKNOWN = "dg13_sex_unknown"
    PHOTO_NOT_DECODABLE = "photo_not_decodable"
    # Receiving a dossier (reception.dossiers).
    OPEN_DOSSIER_EXISTS = "open_dossier_exists"
    # The identity on the day (reception.identity.validity).
    CARD_EXPIRED = "card_expired"
    ADDRESS_NAMES_ABOLISHED_DISTRICT = "address_names_abolished_district"


@dataclass(frozen=True, slots=True)
class DomainWarning:
    """One warning: its code, an English detail (may be empty) and the clerk text's args."""

    code: WarningCode
    detail: str = ""
    args: tuple[str, ...] = ()

    def __str__(self) -> str:
        """``code`` or ``code: detail``: the form the command line prints and logs carry."""
        return f"{self.code}: {self.detail}" if self.detail else str(self.code)


def has_warning(warnings: tuple[DomainWarning, ...], code: WarningCode) -> bool:
    """Whether ``warnings`` holds one with ``code``."""
    return any(warning.code is code for warning in warnings)


def without(warnings: tuple[DomainWarning, ...], code: WarningCode) -> tuple[DomainWarning, ...]:
    """``warnings`` less those with ``code``."""
    return tuple(warning for warning in warnings if warning.code is not code)
