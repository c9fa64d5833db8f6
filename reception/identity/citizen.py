"""The citizen identity shared by every source: the QR payload, the chip, typed entry."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from types import MappingProxyType
from typing import Any


class Sex(enum.StrEnum):
    """Sex as printed on the card."""

    MALE = "Nam"
    FEMALE = "Nữ"


class IdentitySource(enum.StrEnum):
    """Where a value came from; the dossier remembers it per field."""

    CHIP = "chip"  # read from the chip and verified by passive authentication
    CHIP_UNVERIFIED = "chip_unverified"  # read from the chip, authenticity not established
    QR = "qr"
    # The "Mã QR định danh" shown by the VNeID app (same payload layout, read from a phone
    # screen): the electronic identity, not the card.
    VNEID = "vneid"
    TYPED = "typed"


@dataclass(frozen=True, slots=True)
class CitizenIdentity:
    """Identity data of one person.

    Every field but ``id_number`` and ``full_name`` may be unknown (``None``): the QR
    carries fewer fields than the chip, and typed entry may carry fewer still.
    ``extras`` keeps fields a source carried that this type has no slot for
    (for example unknown fields of a newer QR layout), keyed by a stable name.
    """

    id_number: str
    full_name: str
    date_of_birth: date | None = None
    sex: Sex | None = None
    place_of_residence: str | None = None
    issue_date: date | None = None
    old_id_number: str | None = None
    expiry_date: date | None = None
    nationality: str | None = None
    ethnicity: str | None = None
    religion: str | None = None
    place_of_origin: str | None = None
    identifying_features: str | None = None
    father_name: str | None = None
    mother_name: str | None = None
    spouse_name: str | None = None
    document_number: str | None = None
    extras: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        # Freeze the mapping too, so the whole value is immutable.
        object.__setattr__(self, "extras", MappingProxyType(dict(self.extras)))

    @property
    def can(self) -> str:
        """The PACE card access number: the last six digits of the ID number."""
        return self.id_number[-6:]

    def to_json_dict(self) -> dict[str, Any]:
        """The identity as JSON-ready values: ISO dates, ``None`` for unknown."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Sex):
                value = value.value
            elif isinstance(value, Mapping):
                value = dict(value)
            out[f.name] = value
        return out

    @classmethod
    def from_json_dict(cls, data: Mapping[str, Any]) -> CitizenIdentity:
        """Inverse of :meth:`to_json_dict`; unknown keys go to ``extras``."""
        known = {f.name for f in fields(cls)}
        kwargs: dict[str, Any] = {}
        raw_extras = data.get("extras") or {}
        if not isinstance(raw_extras, Mapping) or not all(
            isinstance(v, str | int | float) and not isinstance(v, bool)
            for v in raw_extras.values()
        ):
            raise TypeError("extras: expected an object of texts")
        extras = {str(k): str(v) for k, v in raw_extras.items()}
        for key, value in data.items():
            if key == "extras":
                continue
            if key not in known:
                if value is not None:
                    extras[key] = str(value)
                continue
            if value is None:
                kwargs[key] = None
            elif key in _DATE_FIELDS:
                kwargs[key] = date.fromisoformat(str(value))
            elif key == "sex":
                kwargs[key] = Sex(str(value))
            else:
                kwargs[key] = str(value)
        return cls(**kwargs, extras=extras)


_DATE_FIELDS = frozenset({"date_of_birth", "issue_date", "expiry_date"})
