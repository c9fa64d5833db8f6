"""Reading an ID card (or passport) chip into the identity the rest of the app uses.

:func:`read_chip` opens and verifies the chip through :mod:`hardware.icao` and maps what
it holds to a :class:`CitizenIdentity` — the same type the QR produces, so the applicant
panel and the dossier do not care where the data came from. DG13 (Vietnamese cards) is
the main source; DG1 (MRZ) and DG11 fill in for other documents. Field meanings that
are not confirmed on real cards sit in one table, so a real card can correct them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hardware.card.connection import CardConnection
from hardware.icao.authenticity import Authenticity, Verdict
from hardware.icao.csca_store import CscaStore
from hardware.icao.dg13 import Dg13, Dg13Field
from hardware.icao.document_reader import (
    ChipData,
    ProgressSink,
    ReadOptions,
    ReadStatistics,
    read_document,
)
from hardware.icao.errors import DataGroupError
from hardware.icao.face_image import DecodedImage, decode_face
from hardware.icao.mrz import Mrz
from reception.identity.citizen import CitizenIdentity, IdentitySource, Sex
from reception.intake.chip_keys import ChipKeys
from reception.warning import DomainWarning, WarningCode
from reception.workstation.timezone import now_in_vietnam

log = logging.getLogger(__name__)

#: DG13 text fields → identity fields (dates and names handled apart).
_DG13_TEXT_FIELDS = {
    Dg13Field.NATIONALITY: "nationality",
    Dg13Field.ETHNICITY: "ethnicity",
    Dg13Field.RELIGION: "religion",
    Dg13Field.PLACE_OF_ORIGIN: "place_of_origin",
    Dg13Field.PLACE_OF_RESIDENCE: "place_of_residence",
    Dg13Field.IDENTIFYING_FEATURES: "identifying_features",
    Dg13Field.OLD_ID_NUMBER: "old_id_number",
}
_SEX_WORDS = {"nam": Sex.MALE, "male": Sex.MALE, "m": Sex.MALE, "nữ": Sex.FEMALE, "nu": Sex.FEMALE}
_SEX_WORDS |= {"female": Sex.FEMALE, "f": Sex.FEMALE}
_DG11_FULL_NAME, _DG11_PLACE_OF_BIRTH, _DG11_ADDRESS = 0x5F0E, 0x5F11, 0x5F42


@dataclass(frozen=True, slots=True)
class ChipReadResult:
    """One chip read: identity, photo, authenticity and statistics. Immutable."""

    identity: CitizenIdentity
    source: IdentitySource
    access: str
    authenticity: Authenticity
    statistics: ReadStatistics
    mrz: tuple[str, ...]
    photo: bytes | None = field(default=None, repr=False)
    photo_format: str | None = None
    photo_image: DecodedImage | None = field(default=None, repr=False)
    dg13_raw: bytes | None = field(default=None, repr=False)
    warnings: tuple[DomainWarning, ...] = ()


def read_chip(
    connection: CardConnection,
    keys: ChipKeys,
    *,
    csca_store: CscaStore | None = None,
    progress: ProgressSink | None = None,
    extended_length: bool | None = None,
) -> ChipReadResult:
    """Open, read and verify the chip on ``connection``.

    Raises :class:`reception.intake.chip_keys.ChipKeysError` without usable keys, and the
    device layer's errors (:class:`hardware.errors.HardwareError`: access denied, card
    removed, MAC failure, chip authentication failure ...).
    """
    options = ReadOptions(csca_store=csca_store, progress=progress, extended_length=extended_length)
    data = read_document(connection, keys.credentials(), options)
    log.info(
        "chip read: %s, %s, %d APDUs",
        data.access,
        data.authenticity.verdict.value,
        data.statistics.apdus,
    )
    return result_from_chip(data)


def result_from_chip(data: ChipData) -> ChipReadResult:
    """Map what the hardware layer read to a :class:`ChipReadResult`."""
    identity, warnings = chip_identity(data)
    photo_image = None
    if data.face is not None:
        try:
            photo_image = decode_face(data.face.data)
        except DataGroupError:
            warnings = (*warnings, DomainWarning(WarningCode.PHOTO_NOT_DECODABLE))
    source = (
        IdentitySource.CHIP
        if data.authenticity.verdict is Verdict.GENUINE
        else IdentitySource.CHIP_UNVERIFIED
    )
    return ChipReadResult(
        identity=identity,
        source=source,
        access=data.access,
        authenticity=data.authenticity,
        statistics=data.statistics,
        mrz=data.mrz.lines if data.mrz is not None else (),
        photo=data.face.data if data.face is not None else None,
        photo_format=data.face.format.value if data.face is not None else None,
        photo_image=photo_image,
        dg13_raw=data.dg13.raw if data.dg13 is not None else None,
        warnings=warnings,
    )


def chip_identity(data: ChipData) -> tuple[CitizenIdentity, tuple[DomainWarning, ...]]:
    """The identity on the chip and warnings (stable codes, no personal values)."""
    warnings: list[DomainWarning] = []
    mrz, dg13 = data.mrz, data.dg13
    values: dict[str, Any] = {}
    extras: dict[str, str] = {}
    if mrz is not None:
        values.update(_from_mrz(mrz))
        if not mrz.checks_valid:
            warnings.append(DomainWarning(WarningCode.MRZ_CHECK_DIGIT_MISMATCH))
    if data.dg11:
        values.update(_from_dg11(data.dg11))
    if dg13 is not None:
        values.update(_from_dg13(dg13, extras, warnings))
    if not values.get("id_number") or not values.get("full_name"):
        raise DataGroupError("the chip holds neither an ID number nor a name")
    return CitizenIdentity(**values, extras=extras), tuple(warnings)


def _from_mrz(mrz: Mrz) -> dict[str, Any]:
    name = " ".join(p for p in (mrz.primary_identifier, mrz.secondary_identifier) if p)
    return {
        "id_number": mrz.vietnam_id_number or mrz.document_number,
        "document_number": mrz.document_number,
        "full_name": name,
        "date_of_birth": _mrz_date(mrz.date_of_birth, past=True),
        "expiry_date": _mrz_date(mrz.date_of_expiry, past=False),
        "sex": _SEX_WORDS.get(mrz.sex.lower()),
        "nationality": mrz.nationality or None,
    }


def _from_dg11(dg11: Mapping[int, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    name = dg11.get(_DG11_FULL_NAME)
    if name:
        surname, _, given = str(name).partition("<<")
        out["full_name"] = " ".join(f"{surname} {given}".replace("<", " ").split())
    address = dg11.get(_DG11_ADDRESS)
    if address:
        out["place_of_residence"] = str(address).replace("<", ", ")
    return out


def _from_dg13(dg13: Dg13, extras: dict[str, str], warnings: list[DomainWarning]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for number, name in ((Dg13Field.ID_NUMBER, "id_number"), (Dg13Field.FULL_NAME, "full_name")):
        if dg13.text(number):
            out[name] = dg13.text(number)
    for number, name in _DG13_TEXT_FIELDS.items():
        if dg13.text(number) is not None:
            out[name] = dg13.text(number)
    sex = dg13.text(Dg13Field.SEX)
    if sex is not None:
        out["sex"] = _SEX_WORDS.get(sex.lower())
        if out["sex"] is None:
            warnings.append(DomainWarning(WarningCode.DG13_SEX_UNKNOWN))
    out.update(_dg13_dates(dg13, extras))
    parents = dg13.texts(Dg13Field.PARENTS)
    if parents:
        out["father_name"] = parents[0]
        out["mother_name"] = parents[1] if len(parents) > 1 else None
    spouse = dg13.texts(Dg13Field.SPOUSE)
    out["spouse_name"] = spouse[0] if spouse else None
    unknown = dg13.text(Dg13Field.UNKNOWN_16)
    if unknown is not None:
        extras["dg13_field_16"] = unknown
    return out


def _dg13_dates(dg13: Dg13, extras: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for number, name in (
        (Dg13Field.DATE_OF_BIRTH, "date_of_birth"),
        (Dg13Field.ISSUE_DATE, "issue_date"),
        (Dg13Field.EXPIRY_DATE, "expiry_date"),
    ):
        text = dg13.text(number)
        if text is None:
            continue
        parsed = _dmy(text)
        if parsed is None:
            # e.g. "Không thời hạn" on cards without expiry: keep the words, no date.
            extras[f"{name}_text"] = text
            if name == "expiry_date":
                out[name] = None
        else:
            out[name] = parsed
    return out


def _dmy(text: str) -> date | None:
    parts = text.strip().replace("-", "/").split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None


def _mrz_date(text: str, *, past: bool) -> date | None:
    """A ``YYMMDD`` MRZ date; the century is the one that puts a birth date in the past."""
    if len(text) != 6 or not text.isdigit():
        return None
    year = int(text[:2])
    this_year = now_in_vietnam().year % 100
    century = 1900 if past and year > this_year else 2000
    try:
        return date(century + year, int(text[2:4]), int(text[4:6]))
    except ValueError:
        return None
