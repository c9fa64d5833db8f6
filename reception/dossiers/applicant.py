"""Who submits a dossier: the person at the counter, whom they act for, how to reach them.

The person at the counter is a :class:`CitizenIdentity` (from the QR, the chip or typed),
with the source of each value remembered. They may act for themselves, for another
person (a representative) or for an organisation; the dossier's owner (chủ hồ sơ,
``ChuHoSo`` of the sync record) is then the one represented. Checks are pure functions
that return problems keyed by field, so the window can show them as the clerk types and
the command line can refuse a file with the same words.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from types import MappingProxyType
from typing import Any

from reception.errors import UserError
from reception.identity.citizen import CitizenIdentity, IdentitySource
from reception.identity.id_number import check_id_number, is_well_formed
from reception.limits import (
    MAX_ADDRESS_CHARS,
    MAX_EXTRAS,
    MAX_NAME_CHARS,
    MAX_SHORT_TEXT_CHARS,
    text_problem,
)
from reception.privacy.personal_fields import OPTIONAL_FIELDS
from reception.warning import DomainWarning

# Mobile numbers are 0 + 9 digits (03x, 05x, 07x, 08x, 09x); landlines 0 + 2xx area code +
# subscriber, 10 or 11 digits in all. +84 stands for the leading 0.
PHONE_PATTERN = re.compile(r"^0(?:[35789]\d{8}|2\d{8,9})$")
# Deliberately plain: one @, a dot in the domain, no spaces. Full RFC 5322 would accept
# addresses no clerk means to type.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
TAX_CODE_PATTERN = re.compile(r"^\d{10}(?:-\d{3})?$")
_PHONE_SEPARATORS = re.compile(r"[\s.()-]")


class ApplicantKind(enum.StrEnum):
    """For whom the person at the counter submits the dossier."""

    SELF = "self"
    REPRESENTATIVE = "representative"  # for another person (ủy quyền, parent, guardian)
    ORGANISATION = "organisation"  # for an organisation (LoaiDoiTuong 2)


class ApplicantProblem(enum.StrEnum):
    """Stable codes of the applicant checks; the UI maps them to the clerk's words."""

    NAME_MISSING = "name_missing"
    ADDRESS_MISSING = "address_missing"
    ID_NUMBER_MALFORMED = "id_number_malformed"
    PHONE_MALFORMED = "phone_malformed"
    EMAIL_MALFORMED = "email_malformed"
    PRINCIPAL_NAME_MISSING = "principal_name_missing"
    PRINCIPAL_ID_MALFORMED = "principal_id_malformed"
    TAX_CODE_MALFORMED = "tax_code_malformed"
    BIRTH_DATE_IN_FUTURE = "birth_date_in_future"
    TEXT_INVALID = "text_invalid"  # too long, or a control character (NUL, ESC...)


@dataclass(frozen=True, slots=True)
class Principal:
    """The person or organisation a representative acts for.

    ``id_number`` is the 12-digit personal number for a person, the tax code (mã số
    thuế) for an organisation; either may be unknown.
    """

    name: str
    id_number: str | None = None
    address: str | None = None


@dataclass(frozen=True, slots=True)
class Applicant:
    """The person at the counter, whom they act for, and how to reach them.

    ``sources`` maps identity field names (``full_name``, ``id_number``...) to where the
    value came from; a field absent from it was typed or is unknown.
    """

    identity: CitizenIdentity
    phone: str | None = None
    email: str | None = None
    kind: ApplicantKind = ApplicantKind.SELF
    principal: Principal | None = None
    sources: Mapping[str, IdentitySource] = field(default_factory=lambda: MappingProxyType({}))
    # True only when the VNeID account verification service answered yes.
    vneid_verified: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "sources", MappingProxyType(dict(self.sources)))
        # One spelling of a number, so that it prints and compares the same everywhere.
        if self.phone is not None:
            object.__setattr__(self, "phone", normalise_phone(self.phone) or None)
        if self.email is not None:
            object.__setattr__(self, "email", self.email.strip() or None)

    @property
    def owner_name(self) -> str:
        """The dossier's owner (chủ hồ sơ): the one represented, else the person here."""
        if self.principal is not None and self.kind is not ApplicantKind.SELF:
            return self.principal.name
        return self.identity.full_name

    @property
    def owner_address(self) -> str | None:
        if self.principal is not None and self.kind is not ApplicantKind.SELF:
            return self.principal.address or self.identity.place_of_residence
        return self.identity.place_of_residence

    def source_of(self, name: str) -> IdentitySource:
        """Where the value of identity field ``name`` came from (typed when not recorded)."""
        return self.sources.get(name, IdentitySource.TYPED)


class ApplicantFileError(UserError):
    """An applicant JSON file cannot be used; the message names the key."""

    code = "applicant_invalid"


class ApplicantInvalidError(UserError):
    """The applicant fails the checks; ``problems`` maps field names to problem codes."""

    code = "applicant_invalid"

    def __init__(self, problems: Mapping[str, ApplicantProblem]) -> None:
        self.problems = dict(problems)
        super().__init__(
            "invalid applicant: " + ", ".join(f"{k}: {v.value}" for k, v in self.problems.items())
        )


def normalise_phone(text: str) -> str:
    """Digits only, ``+84``/``84`` turned into the leading 0 ("+84 912 345 678" -> 0912345678)."""
    digits = _PHONE_SEPARATORS.sub("", text.strip())
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def check_applicant(
    applicant: Applicant, *, require_address: bool = True, today: date | None = None
) -> dict[str, ApplicantProblem]:
    """Problems that stop the dossier from being saved, by field name (empty when fine).

    Field names are those of :class:`CitizenIdentity` plus ``phone``, ``email``,
    ``principal_name`` and ``principal_id``. The ID number may be empty (a citizen
    without a card), but when given it must be twelve digits.
    """
    found: dict[str, ApplicantProblem] = {}
    identity = applicant.identity
    if not identity.full_name.strip():
        found["full_name"] = ApplicantProblem.NAME_MISSING
    if identity.id_number and not is_well_formed(identity.id_number):
        found["id_number"] = ApplicantProblem.ID_NUMBER_MALFORMED
    if identity.date_of_birth is not None and identity.date_of_birth > (today or date.today()):
        found["date_of_birth"] = ApplicantProblem.BIRTH_DATE_IN_FUTURE
    unprintable = _unprintable_fields(applicant)
    found.update({n: ApplicantProblem.TEXT_INVALID for n in unprintable if n not in found})
    if require_address and not (applicant.owner_address or "").strip():
        found["place_of_residence"] = ApplicantProblem.ADDRESS_MISSING
    if applicant.phone and not PHONE_PATTERN.match(normalise_phone(applicant.phone)):
        found["phone"] = ApplicantProblem.PHONE_MALFORMED
    if applicant.email and not EMAIL_PATTERN.match(applicant.email.strip()):
        found["email"] = ApplicantProblem.EMAIL_MALFORMED
    if applicant.kind is not ApplicantKind.SELF:
        principal = applicant.principal
        if principal is None or not principal.name.strip():
            found["principal_name"] = ApplicantProblem.PRINCIPAL_NAME_MISSING
        elif principal.id_number:
            if applicant.kind is ApplicantKind.ORGANISATION:
                if not TAX_CODE_PATTERN.match(principal.id_number):
                    found["principal_id"] = ApplicantProblem.TAX_CODE_MALFORMED
            elif not is_well_formed(principal.id_number):
                found["principal_id"] = ApplicantProblem.PRINCIPAL_ID_MALFORMED
    return found


def _unprintable_fields(applicant: Applicant) -> list[str]:
    """Fields too long or holding control characters, whatever their source (a file, the
    window, a scanner): nothing unprintable or unbounded reaches the database and forms."""
    identity, principal = applicant.identity, applicant.principal
    texts = {
        **{name: getattr(identity, name) for name in _FIELD_LIMITS if "." not in name},
        "phone": applicant.phone,
        "email": applicant.email,
        "principal.name": principal.name if principal else None,
        "principal.address": principal.address if principal else None,
    }
    return [
        name.replace(".", "_")
        for name, value in texts.items()
        if isinstance(value, str)
        and text_problem(value, _FIELD_LIMITS.get(name, MAX_SHORT_TEXT_CHARS)) is not None
    ]


def applicant_warnings(applicant: Applicant) -> tuple[DomainWarning, ...]:
    """Things the clerk should look at but that do not stop saving (ID number cross-checks)."""
    identity = applicant.identity
    if not identity.id_number or not is_well_formed(identity.id_number):
        return ()
    return check_id_number(identity.id_number, identity.date_of_birth, identity.sex)


def applicant_to_json(applicant: Applicant) -> dict[str, Any]:
    """The applicant as JSON values (the shape :func:`applicant_from_json` reads)."""
    principal = applicant.principal
    return {
        "identity": {
            # A field a procedure may keep, absent rather than null when it was not kept.
            name: value
            for name, value in applicant.identity.to_json_dict().items()
            if value not in (None, {}) or name not in OPTIONAL_FIELDS
        },
        "phone": applicant.phone,
        "email": applicant.email,
        "kind": applicant.kind.value,
        "principal": None
        if principal is None
        else {
            "name": principal.name,
            "id_number": principal.id_number,
            "address": principal.address,
        },
        "sources": {name: source.value for name, source in applicant.sources.items()},
        "vneid_verified": applicant.vneid_verified,
    }


def applicant_from_json(data: Mapping[str, Any]) -> Applicant:
    """Read an applicant; raises :class:`ApplicantFileError` naming the bad key.

    Accepts the stored shape (``identity`` nested) and the flat shape of a person file
    (identity keys at the top level, as ``resources/simulator/person.json``), with
    optional ``phone``, ``email``, ``kind``, ``principal`` and ``source`` (one source for
    every identity value: ``qr``, ``chip``, ``chip_unverified`` or ``typed``).
    """
    if not isinstance(data, Mapping):
        raise ApplicantFileError("expected a JSON object")
    body = {key: value for key, value in data.items() if not str(key).startswith("_")}
    own_keys = {
        *("phone", "email", "kind", "principal", "sources", "source", "identity"),
        "vneid_verified",
    }
    identity_data = body.get("identity")
    if identity_data is None:
        identity_data = {key: value for key, value in body.items() if key not in own_keys}
    if not isinstance(identity_data, Mapping):
        raise ApplicantFileError("identity: expected an object")
    identity_data = {"id_number": "", **identity_data}
    if not isinstance(identity_data.get("full_name"), str):
        raise ApplicantFileError("full_name: expected the applicant's name")
    _check_texts(identity_data)
    try:
        identity = CitizenIdentity.from_json_dict(identity_data)
    except (TypeError, ValueError) as exc:
        raise ApplicantFileError(f"identity: {exc}") from exc
    try:
        kind = ApplicantKind(body.get("kind") or ApplicantKind.SELF.value)
    except ValueError as exc:
        raise ApplicantFileError("kind: expected self, representative or organisation") from exc
    principal = _principal_from_json(body.get("principal"))
    _check_texts({k: body.get(k) for k in ("phone", "email")})
    sources = _sources_from_json(body, identity)
    return Applicant(
        identity=identity,
        phone=_optional_text(body, "phone"),
        email=_optional_text(body, "email"),
        kind=kind,
        principal=principal,
        sources=sources,
        vneid_verified=body.get("vneid_verified") is True,
    )


# The longest text each field may hold (reception.limits); other fields are short texts.
_FIELD_LIMITS = {
    "full_name": MAX_NAME_CHARS,
    "father_name": MAX_NAME_CHARS,
    "mother_name": MAX_NAME_CHARS,
    "spouse_name": MAX_NAME_CHARS,
    "principal.name": MAX_NAME_CHARS,
    "place_of_residence": MAX_ADDRESS_CHARS,
    "place_of_origin": MAX_ADDRESS_CHARS,
    "identifying_features": MAX_ADDRESS_CHARS,
    "principal.address": MAX_ADDRESS_CHARS,
}
_IDENTITY_FIELDS = frozenset(f.name for f in fields(CitizenIdentity))


def _check_texts(values: Mapping[str, Any]) -> None:
    """Every known text is text, within its limit, without control characters (a NUL or
    an ESC would corrupt the printed receipt or the terminal) or lone surrogates."""
    for key, value in values.items():
        if key == "extras" or value is None:
            continue
        if not isinstance(value, str):
            if key in _IDENTITY_FIELDS or "." in key or key in ("phone", "email"):
                raise ApplicantFileError(f"{key}: expected text")
            continue
        problem = text_problem(value, _FIELD_LIMITS.get(key, MAX_SHORT_TEXT_CHARS))
        if problem is not None:
            raise ApplicantFileError(f"{key}: {problem}")
    extras = values.get("extras")
    if isinstance(extras, Mapping):
        if len(extras) > MAX_EXTRAS:
            raise ApplicantFileError(f"extras: more than {MAX_EXTRAS} entries")
        for key, value in extras.items():
            problem = text_problem(str(key) + str(value), MAX_ADDRESS_CHARS)
            if problem is not None:
                raise ApplicantFileError(f"extras.{key}: {problem}"[:200])


def _optional_text(body: Mapping[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApplicantFileError(f"{key}: expected text")
    return value.strip() or None


def _principal_from_json(value: Any) -> Principal | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not isinstance(value.get("name"), str):
        raise ApplicantFileError("principal: expected an object with a name")
    _check_texts({f"principal.{k}": value.get(k) for k in ("name", "id_number", "address")})
    return Principal(
        name=str(value["name"]).strip(),
        id_number=_optional_text(value, "id_number"),
        address=_optional_text(value, "address"),
    )


def _sources_from_json(
    body: Mapping[str, Any], identity: CitizenIdentity
) -> dict[str, IdentitySource]:
    if body.get("sources") is not None and not isinstance(body["sources"], Mapping):
        raise ApplicantFileError("sources: expected an object of field names to sources")
    try:
        if isinstance(body.get("sources"), Mapping):
            return {str(k): IdentitySource(str(v)) for k, v in body["sources"].items()}
        one = IdentitySource(str(body.get("source") or IdentitySource.TYPED.value))
    except ValueError as exc:
        raise ApplicantFileError(
            "source: expected qr, vneid, chip, chip_unverified or typed"
        ) from exc
    known = identity.to_json_dict()
    return {name: one for name, value in known.items() if value and name != "extras"}
