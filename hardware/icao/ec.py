"""Elliptic curve arithmetic for PACE, over the standardized domain parameters.

PACE's generic mapping needs point addition on an arbitrary generator (G' = s·G + H),
which :mod:`cryptography` does not expose; :mod:`ecdsa` provides the group arithmetic.
This is the only module that imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ecdsa import curves  # type: ignore[import-untyped, unused-ignore]
from ecdsa.ellipticcurve import INFINITY, PointJacobi  # type: ignore[import-untyped, unused-ignore]
from ecdsa.errors import MalformedPointError  # type: ignore[import-untyped, unused-ignore]

from hardware.icao.errors import MalformedResponseError, UnsupportedProtocolError
from hardware.icao.keys import RandomSource

_UNCOMPRESSED = 0x04


@dataclass(frozen=True, slots=True, eq=False)
class EcPoint:
    """A point of an :class:`EcGroup` (never the point at infinity once validated)."""

    group: EcGroup
    _inner: Any

    def __add__(self, other: EcPoint) -> EcPoint:
        return EcPoint(self.group, self._inner + other._inner)

    def __mul__(self, scalar: int) -> EcPoint:
        return EcPoint(self.group, self._inner * scalar)

    def __rmul__(self, scalar: int) -> EcPoint:
        return self * scalar

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EcPoint):
            return NotImplemented
        return bool(self._inner == other._inner)

    def __hash__(self) -> int:
        return hash(self.encode())

    @property
    def is_infinity(self) -> bool:
        """Whether this is the neutral element."""
        return bool(self._inner == INFINITY)

    def x_bytes(self) -> bytes:
        """The x-coordinate, big-endian, padded to the field size (the ECDH shared secret)."""
        return int(self._inner.x()).to_bytes(self.group.field_length, "big")

    def encode(self) -> bytes:
        """Uncompressed encoding 04 || X || Y, coordinates padded to the field size."""
        length = self.group.field_length
        x, y = int(self._inner.x()), int(self._inner.y())
        return bytes([_UNCOMPRESSED]) + x.to_bytes(length, "big") + y.to_bytes(length, "big")


class EcGroup:
    """One of the standardized PACE domain parameters (ICAO 9303 Part 11, Table 11)."""

    def __init__(self, parameter_id: int, curve: Any) -> None:
        self.parameter_id = parameter_id
        self.name: str = curve.name
        self._curve = curve
        self.order: int = int(curve.order)
        self.field_length: int = (int(curve.curve.p()).bit_length() + 7) // 8

    @property
    def generator(self) -> EcPoint:
        """The standard generator G."""
        return EcPoint(self, self._curve.generator)

    def decode_point(self, data: bytes) -> EcPoint:
        """Decode an uncompressed point received from the other side and validate it.

        Raises :class:`MalformedResponseError` for a wrong encoding, a point off the curve
        or the point at infinity (all of these cofactor-1 curves need no subgroup check).
        """
        if len(data) != 1 + 2 * self.field_length or data[0] != _UNCOMPRESSED:
            raise MalformedResponseError("public key is not an uncompressed point")
        try:
            inner = PointJacobi.from_bytes(
                self._curve.curve, data, valid_encodings=("uncompressed",)
            )
        except (MalformedPointError, ValueError) as exc:
            raise MalformedResponseError("public key is not a point of the curve") from exc
        point = EcPoint(self, inner)
        if point.is_infinity:
            raise MalformedResponseError("public key is the point at infinity")
        # ecdsa checks the curve equation only for some encodings: check it here, always
        # (an invalid-curve point would leak the private key through the shared secret).
        if not self._curve.curve.contains_point(int(inner.x()), int(inner.y())):
            raise MalformedResponseError("public key is not a point of the curve")
        return point

    def random_scalar(self, random: RandomSource) -> int:
        """A uniform private key in [1, n-1], by rejection sampling.

        Rejection (rather than reduction) keeps the key uniform, and lets a test inject a
        known private key as its exact bytes.
        """
        bits = self.order.bit_length()
        length = (bits + 7) // 8
        while True:
            candidate = int.from_bytes(random.random_bytes(length), "big")
            candidate &= (1 << bits) - 1
            if 0 < candidate < self.order:
                return candidate


_CURVES: dict[int, Any] = {
    8: curves.NIST192p,
    9: curves.BRAINPOOLP192r1,
    10: curves.NIST224p,
    11: curves.BRAINPOOLP224r1,
    12: curves.NIST256p,
    13: curves.BRAINPOOLP256r1,
    14: curves.BRAINPOOLP320r1,
    15: curves.NIST384p,
    16: curves.BRAINPOOLP384r1,
    17: curves.BRAINPOOLP512r1,
    18: curves.NIST521p,
}

#: brainpoolP256r1, the curve of the Vietnamese citizen ID card.
BRAINPOOL_P256R1 = 13


def standardized_group(parameter_id: int) -> EcGroup:
    """The elliptic curve group with this standardized domain parameter id."""
    curve = _CURVES.get(parameter_id)
    if curve is None:
        raise UnsupportedProtocolError(f"no EC domain parameters with id {parameter_id}")
    return EcGroup(parameter_id, curve)


def standardized_id_for_curve(prime: int, a: int, b: int) -> int | None:
    """The standardized parameter id of the curve with these parameters, if it is one.

    Chips often publish keys with explicit domain parameters rather than a curve name;
    matching them to a named curve lets the usual libraries handle the key.
    """
    for parameter_id, curve in _CURVES.items():
        inner = curve.curve
        if (int(inner.p()), int(inner.a()) % int(inner.p()), int(inner.b())) == (
            prime,
            a % prime,
            b,
        ):
            return parameter_id
    return None
