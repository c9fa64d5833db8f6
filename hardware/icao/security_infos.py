"""The SecurityInfos schema (ICAO 9303 Part 11 §9.2) of EF.CardAccess and DG14: one copy."""

from __future__ import annotations

from asn1crypto import core  # type: ignore[import-untyped, unused-ignore]


class SecurityInfo(core.Sequence):  # type: ignore[misc, unused-ignore]
    """``SEQUENCE { protocol OID, requiredData ANY, optionalData ANY OPTIONAL }``"""

    _fields = [  # noqa: RUF012 - asn1crypto's schema attribute
        ("protocol", core.ObjectIdentifier),
        ("required_data", core.Any),
        ("optional_data", core.Any, {"optional": True}),
    ]


class SecurityInfos(core.SetOf):  # type: ignore[misc, unused-ignore]
    """``SecurityInfos ::= SET OF SecurityInfo``"""

    _child_spec = SecurityInfo
