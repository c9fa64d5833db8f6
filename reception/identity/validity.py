"""Checks of an identity the clerk must see, though they never block the work.

- a card past its expiry date (an expired card still identifies the person's number);
- an issue date in the future, or before the date of birth;
- an address that names a district-level unit abolished by the 2025 reform (quận, huyện,
  thị xã, thành phố thuộc tỉnh): the clerk confirms the current address before it goes on
  a form. The words and the province-level cities are data
  (``resources/identity/abolished_units.toml``).

Pure functions over a :class:`CitizenIdentity`, whatever its source (QR, chip, VNeID, typed).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from reception.identity.card_expiry import computed_expiry
from reception.identity.citizen import CitizenIdentity
from reception.procedures.procedure import fold
from reception.warning import DomainWarning, WarningCode
from reception.workstation.paths import resources_dir


@dataclass(frozen=True, slots=True)
class AbolishedUnits:
    """How to recognise a district-level unit in an address (all folded: no accents)."""

    district_prefixes: tuple[str, ...]
    central_cities: tuple[str, ...]
    central_city_markers: tuple[str, ...]


def bundled_units_path() -> Path:
    return resources_dir() / "identity" / "abolished_units.toml"


@cache
def load_abolished_units(path: Path | None = None) -> AbolishedUnits:
    """The list of ``path`` (default: the bundled one)."""
    raw = tomllib.loads((path or bundled_units_path()).read_text(encoding="utf-8"))

    def words(key: str) -> tuple[str, ...]:
        values = raw.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ValueError(f"{key}: expected a list of texts")
        # Longest first, so "thành phố" is tried before "tp".
        return tuple(sorted((fold(v).strip() for v in values), key=len, reverse=True))

    return AbolishedUnits(
        words("district_prefixes"), words("central_cities"), words("central_city_markers")
    )


def abolished_district(address: str, units: AbolishedUnits | None = None) -> str | None:
    """The part of ``address`` naming an abolished district-level unit, or None."""
    units = units or load_abolished_units()
    for part in (p.strip() for p in address.split(",")):
        folded = fold(part)
        for prefix in units.district_prefixes:
            # A whole word: "quận" must not match "Quang Ninh" ("quan" + "g").
            if not (
                folded.startswith(prefix + " ")
                or (prefix.endswith(".") and folded.startswith(prefix))
            ):
                continue
            rest = folded[len(prefix) :].strip(" .")
            if not rest:
                break
            city = prefix in ("thanh pho", "tp.", "tp")
            if city and (
                rest in units.central_cities
                or any(rest.startswith(m) for m in units.central_city_markers)
            ):
                break  # a province-level city: it remains
            return part
    return None


def identity_warnings(
    identity: CitizenIdentity, today: date, units: AbolishedUnits | None = None
) -> tuple[DomainWarning, ...]:
    """The warnings of ``identity`` on ``today`` (never personal values in them)."""
    found: list[DomainWarning] = []
    born, issued = identity.date_of_birth, identity.issue_date
    expiry = identity.expiry_date
    if expiry is None and born is not None and issued is not None and issued >= born:
        expiry = computed_expiry(born, issued)  # a QR carries no expiry: by the rule
    if expiry is not None and expiry < today:
        found.append(DomainWarning(WarningCode.CARD_EXPIRED, f"expired {expiry.isoformat()}"))
    if issued is not None and issued > today:
        found.append(DomainWarning(WarningCode.ISSUE_DATE_IN_FUTURE))
    if issued is not None and born is not None and issued < born:
        found.append(DomainWarning(WarningCode.ISSUE_DATE_BEFORE_BIRTH))
    if identity.place_of_residence and abolished_district(identity.place_of_residence, units):
        found.append(DomainWarning(WarningCode.ADDRESS_NAMES_ABOLISHED_DISTRICT))
    return tuple(found)
