"""Only what the procedure needs: the personal fields a dossier keeps.

The catalogue names, per procedure, the personal fields its dossiers keep
(``personal_fields``); without it a dossier keeps :data:`DEFAULT_KEPT_FIELDS`: the name,
ID numbers, date of birth, sex, address, phone and e-mail. Everything else read from a
QR code or a chip (ethnicity, religion, place of origin, identifying features, parents'
and spouse's names, fields of an unknown QR layout) is shown to the clerk and dropped
when the dossier is saved. ``photo`` may be named by a procedure that needs the chip's
photo; no dossier stores it otherwise.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from reception.dossiers.applicant import Applicant
from reception.identity.citizen import CitizenIdentity
from reception.privacy.personal_fields import (
    CARD_FIELDS,
    DEFAULT_KEPT_FIELDS,
    KNOWN_FIELDS,
    REQUIRED_FIELDS,
)


class UnknownPersonalFieldError(ValueError):
    """A catalogue names a personal field this app does not know."""


def kept_fields(names: Iterable[str] | None) -> frozenset[str]:
    """The fields a procedure keeps: ``names`` (plus the required ones), or the defaults.

    Raises :class:`UnknownPersonalFieldError` naming the first unknown field.
    """
    if names is None:
        return DEFAULT_KEPT_FIELDS | CARD_FIELDS
    chosen = frozenset(names)
    unknown = sorted(chosen - KNOWN_FIELDS)
    if unknown:
        raise UnknownPersonalFieldError(f"unknown personal field {unknown[0]!r}")
    return chosen | REQUIRED_FIELDS | CARD_FIELDS


def minimise(applicant: Applicant, keep: frozenset[str] | None = None) -> Applicant:
    """``applicant`` without the personal fields outside ``keep`` (default the defaults)."""
    keep = kept_fields(None) if keep is None else keep | REQUIRED_FIELDS
    identity = applicant.identity
    dropped: dict[str, object] = {
        f.name: None
        for f in dataclasses.fields(CitizenIdentity)
        if f.name not in keep and f.name != "extras" and getattr(identity, f.name) is not None
    }
    if "extras" not in keep and identity.extras:
        dropped["extras"] = {}
    sources = {name: source for name, source in applicant.sources.items() if name not in dropped}
    return dataclasses.replace(
        applicant,
        identity=dataclasses.replace(identity, **dropped),  # type: ignore[arg-type]
        phone=applicant.phone if "phone" in keep else None,
        email=applicant.email if "email" in keep else None,
        sources=sources,
    )
