"""EF.COM, DG11, DG12, DG14 and DG15: small parsers over the BER walker and asn1crypto.

Public keys (DG14's chip authentication key, DG15's active authentication key) are
returned as :mod:`cryptography` key objects; keys published with explicit elliptic curve
parameters are mapped to the named curve they describe.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from asn1crypto import core, keys  # type: ignore[import-untyped, unused-ignore]
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import load_der_public_key

from hardware.icao.ec import standardized_id_for_curve
from hardware.icao.errors import DataGroupError, MalformedResponseError
from hardware.icao.security_infos import SecurityInfos
from hardware.icao.tlv import iter_tlv

PublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey

TAG_COM, TAG_DG11, TAG_DG12, TAG_DG14, TAG_DG15 = 0x60, 0x6B, 0x6C, 0x6E, 0x6F
_TAG_TAG_LIST = 0x5C
#: LDS tags of the data groups as EF.COM lists them.
_DG_TAGS = {
    0x61: 1, 0x75: 2, 0x63: 3, 0x76: 4, 0x65: 5, 0x66: 6, 0x67: 7, 0x68: 8,
    0x69: 9, 0x6A: 10, 0x6B: 11, 0x6C: 12, 0x6D: 13, 0x6E: 14, 0x6F: 15, 0x70: 16,
}  # fmt: skip
ID_PK_ECDH = "0.4.0.127.0.7.2.2.1.2"
ID_PK_DH = "0.4.0.127.0.7.2.2.1.1"
ID_CA_ECDH_PREFIX = "0.4.0.127.0.7.2.2.3.2."
ID_AA = "2.23.136.1.1.5"
# Curves by standardized parameter id (ICAO 9303 Part 11, Table 11); cryptography has
# no brainpoolP224r1/P320r1.
_CURVES: dict[int, ec.EllipticCurve] = {
    10: ec.SECP224R1(),
    12: ec.SECP256R1(),
    13: ec.BrainpoolP256R1(),
    15: ec.SECP384R1(),
    16: ec.BrainpoolP384R1(),
    17: ec.BrainpoolP512R1(),
    18: ec.SECP521R1(),
}


def parse_com(data: bytes) -> tuple[int, ...]:
    """The data group numbers EF.COM lists."""
    try:
        outer = {tag: value for tag, value, _ in iter_tlv(data)}
        inner = {tag: value for tag, value, _ in iter_tlv(outer[TAG_COM])}
    except (KeyError, MalformedResponseError) as exc:
        raise DataGroupError("EF.COM is malformed") from exc
    return tuple(sorted(_DG_TAGS[t] for t in inner.get(_TAG_TAG_LIST, b"") if t in _DG_TAGS))


def parse_text_data_group(data: bytes, outer_tag: int) -> Mapping[int, str]:
    """DG11 / DG12: every primitive text object by tag (5F0E name, 5F42 address ...)."""
    found: dict[int, str] = {}
    try:
        outer = {tag: value for tag, value, _ in iter_tlv(data)}
        _collect_text(outer[outer_tag], found)
    except (KeyError, MalformedResponseError) as exc:
        raise DataGroupError(f"data group {outer_tag:02X} is malformed") from exc
    return MappingProxyType(found)


def _collect_text(body: bytes, found: dict[int, str]) -> None:
    for tag, value, _ in iter_tlv(body):
        first = tag >> (8 * ((tag.bit_length() - 1) // 8))
        if tag == _TAG_TAG_LIST:
            continue
        if first & 0x20:
            _collect_text(value, found)
        elif tag not in found:
            found[tag] = value.decode("utf-8", errors="replace")


@dataclass(frozen=True, slots=True)
class ChipAuthenticationInfo:
    """What DG14 offers for chip authentication: protocol, key and key id."""

    protocol: str
    version: int
    key_id: int | None
    public_key: ec.EllipticCurvePublicKey = field(repr=False)


@dataclass(frozen=True, slots=True)
class Dg14:
    """DG14's SecurityInfos: the chip authentication options and the AA signature algorithm."""

    chip_authentication: tuple[ChipAuthenticationInfo, ...]
    active_authentication_algorithm: str | None
    protocols: tuple[str, ...]


def parse_dg14(data: bytes) -> Dg14:
    """DG14 (``6E { SecurityInfos }``); unknown SecurityInfos are kept as protocol OIDs."""
    try:
        outer = {tag: value for tag, value, _ in iter_tlv(data)}
        infos = SecurityInfos.load(outer[TAG_DG14], strict=True)
        keys_by_id: dict[int | None, ec.EllipticCurvePublicKey] = {}
        offers: list[tuple[str, int, int | None]] = []
        aa_algorithm: str | None = None
        protocols: list[str] = []
        for info in infos:
            protocol = str(info["protocol"].dotted)
            protocols.append(protocol)
            optional = info["optional_data"]
            if protocol == ID_PK_ECDH:
                key = load_public_key(info["required_data"].dump())
                key_id = None if optional.native is None else _int(optional)
                if isinstance(key, ec.EllipticCurvePublicKey):
                    keys_by_id[key_id] = key
            elif protocol.startswith(ID_CA_ECDH_PREFIX):
                key_id = None if optional.native is None else _int(optional)
                offers.append((protocol, _int(info["required_data"]), key_id))
            elif protocol == ID_AA and optional.native is not None:
                aa_algorithm = str(optional.parse(core.ObjectIdentifier).dotted)
    except (KeyError, ValueError, TypeError, MalformedResponseError) as exc:
        raise DataGroupError("DG14 is malformed") from exc
    chip_auth = []
    for protocol, version, key_id in offers or [(ID_CA_ECDH_PREFIX + "2", 1, None)]:
        key_found = keys_by_id.get(key_id) or (next(iter(keys_by_id.values()), None))
        if key_found is not None:
            chip_auth.append(ChipAuthenticationInfo(protocol, version, key_id, key_found))
    return Dg14(tuple(chip_auth), aa_algorithm, tuple(protocols))


def _int(value: Any) -> int:
    return int(value.parse(core.Integer).native)


def parse_dg15(data: bytes) -> PublicKey:
    """DG15 (``6F { SubjectPublicKeyInfo }``): the active authentication public key."""
    try:
        outer = {tag: value for tag, value, _ in iter_tlv(data)}
        return load_public_key(outer[TAG_DG15])
    except (KeyError, MalformedResponseError) as exc:
        raise DataGroupError("DG15 is malformed") from exc


def load_public_key(der: bytes) -> PublicKey:
    """A SubjectPublicKeyInfo (RSA or EC, named or explicit curve) as a cryptography key."""
    try:
        key = load_der_public_key(der)
    except (ValueError, TypeError, NotImplementedError):
        key = _explicit_ec_key(der)
    if not isinstance(key, rsa.RSAPublicKey | ec.EllipticCurvePublicKey):
        raise DataGroupError("public key is neither RSA nor EC")
    return key


def _explicit_ec_key(der: bytes) -> ec.EllipticCurvePublicKey:
    try:
        info = keys.PublicKeyInfo.load(der, strict=True)
        parameters = info["algorithm"]["parameters"]
        if info["algorithm"]["algorithm"].native != "ec" or parameters.name != "specified":
            raise DataGroupError("public key cannot be loaded")
        curve = parameters.chosen["curve"]
        prime = int(parameters.chosen["field_id"]["parameters"].native)
        a = int.from_bytes(curve["a"].native, "big")
        b = int.from_bytes(curve["b"].native, "big")
        point = bytes(info["public_key"].native)
    except (ValueError, TypeError, KeyError) as exc:
        raise DataGroupError("public key is malformed") from exc
    parameter_id = standardized_id_for_curve(prime, a, b)
    named = _CURVES.get(parameter_id) if parameter_id is not None else None
    if named is None:
        raise DataGroupError("public key uses an unsupported elliptic curve")
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(named, point)
    except ValueError as exc:
        raise DataGroupError("public key point is not on its curve") from exc
