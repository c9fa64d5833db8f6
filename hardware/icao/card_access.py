"""EF.CardAccess: the SecurityInfos that advertise PACE (ICAO 9303 Part 11 §9.2)."""

from __future__ import annotations

from dataclasses import dataclass

from asn1crypto import core  # type: ignore[import-untyped, unused-ignore]

from hardware.icao.errors import MalformedResponseError
from hardware.icao.security_infos import SecurityInfos

#: id-PACE (BSI TR-03110 / ICAO 9303 Part 11 §9.2.1).
ID_PACE = "0.4.0.127.0.7.2.2.4"
#: A PACEInfo protocol is id-PACE, then the mapping/key agreement arc, then the cipher arc.
_PACE_INFO_ARCS = len(ID_PACE.split(".")) + 2


@dataclass(frozen=True, slots=True)
class PaceInfo:
    """One PACEInfo: protocol OID (dotted), version, standardized domain parameter id."""

    protocol: str
    version: int
    parameter_id: int | None


@dataclass(frozen=True, slots=True)
class CardAccess:
    """The parsed EF.CardAccess: the PACE options, and every protocol OID advertised."""

    pace_infos: tuple[PaceInfo, ...]
    protocols: tuple[str, ...]


def parse_card_access(data: bytes) -> CardAccess:
    """Parse EF.CardAccess; raise :class:`MalformedResponseError` if it is not SecurityInfos.

    Unknown SecurityInfos are skipped (their OIDs kept in ``protocols``), as ICAO requires.
    """
    try:
        infos = SecurityInfos.load(bytes(data), strict=True)
        pace_infos: list[PaceInfo] = []
        protocols: list[str] = []
        for info in infos:
            protocol = str(info["protocol"].dotted)
            protocols.append(protocol)
            if not _is_pace_info(protocol):
                continue
            version = int(info["required_data"].parse(core.Integer).native)
            optional = info["optional_data"]
            parameter_id = (
                None if optional.native is None else int(optional.parse(core.Integer).native)
            )
            pace_infos.append(PaceInfo(protocol, version, parameter_id))
    except (ValueError, TypeError) as exc:
        raise MalformedResponseError("EF.CardAccess is not a valid SecurityInfos") from exc
    return CardAccess(tuple(pace_infos), tuple(protocols))


def _is_pace_info(protocol: str) -> bool:
    return protocol.startswith(ID_PACE + ".") and len(protocol.split(".")) == _PACE_INFO_ARCS


def oid_contents(dotted: str) -> bytes:
    """The DER contents (no tag, no length) of an OID, as MSE:Set AT and DO'7F49 carry it."""
    return bytes(core.ObjectIdentifier(dotted).contents)
