"""The keys that open an ID card chip, from a QR payload or from values typed in.

PACE needs only the CAN: the last six digits of the ID number. BAC needs the document
number (the last nine digits), the date of birth and the date of expiry; the QR has no
expiry, so it is derived from the issue date by the renewal rule and its candidates are
tried in order (docs/cccd.md). Values are validated here, never logged, and kept out of
``repr``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from hardware.icao.access import AccessCredentials
from hardware.icao.mrz_key import mrz_information
from reception.errors import UserError
from reception.identity.card_expiry import expiry_candidates
from reception.intake.qr_payload import QrParseResult

_ID_NUMBER = re.compile(r"\d{12}")
_DOCUMENT_NUMBER = re.compile(r"[0-9A-Z<]{1,20}")
_CAN_LENGTH = 6
_VIETNAM_DOCUMENT_LENGTH = 9


class ChipKeysError(UserError):
    """The values given cannot open a chip (malformed ID number, missing date ...)."""

    code = "chip_keys_invalid"


def _yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


@dataclass(frozen=True, slots=True)
class ChipKeys:
    """The CAN (if known) and the BAC MRZ informations to try, most likely first."""

    can: str | None = field(default=None, repr=False)
    mrz_informations: tuple[str, ...] = field(default=(), repr=False)

    @classmethod
    def from_id_number(
        cls,
        id_number: str,
        date_of_birth: date | None,
        *,
        expiry_date: date | None = None,
        issue_date: date | None = None,
    ) -> ChipKeys:
        """Keys of a Vietnamese card from its 12-digit ID number (+ dates for BAC)."""
        number = id_number.strip()
        if not _ID_NUMBER.fullmatch(number):
            raise ChipKeysError("the ID number must be 12 digits")
        informations: list[str] = []
        if date_of_birth is not None:
            if expiry_date is not None:
                expiries: list[date | None] = [expiry_date]
            elif issue_date is not None:
                expiries = expiry_candidates(date_of_birth, issue_date)
            else:
                expiries = []
            document = number[-_VIETNAM_DOCUMENT_LENGTH:]
            # "No expiry" has no confirmed MRZ encoding: BAC cannot try it (PACE can).
            informations = [
                mrz_information(document, _yymmdd(date_of_birth), _yymmdd(expiry))
                for expiry in expiries
                if expiry is not None
            ]
        return cls(number[-_CAN_LENGTH:], tuple(informations))

    @classmethod
    def from_qr(cls, result: QrParseResult) -> ChipKeys:
        """Keys from a scanned ID card QR: CAN, and BAC candidates from the issue date."""
        identity = result.identity
        return cls.from_id_number(
            identity.id_number,
            identity.date_of_birth,
            expiry_date=identity.expiry_date,
            issue_date=identity.issue_date,
        )

    @classmethod
    def from_document(
        cls, document_number: str, date_of_birth: date, expiry_date: date
    ) -> ChipKeys:
        """Keys of any ICAO document (a passport) from its MRZ data: BAC or PACE-MRZ."""
        number = document_number.strip().upper()
        if not _DOCUMENT_NUMBER.fullmatch(number):
            raise ChipKeysError("the document number must be letters and digits")
        information = mrz_information(number, _yymmdd(date_of_birth), _yymmdd(expiry_date))
        return cls(None, (information,))

    def credentials(self) -> AccessCredentials:
        """The credentials for :func:`hardware.icao.document_reader.read_document`."""
        if self.can is None and not self.mrz_informations:
            raise ChipKeysError("no key to open the chip")
        return AccessCredentials(self.can, self.mrz_informations)
