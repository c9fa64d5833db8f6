"""ISO 7816-4 command APDUs (cases 1–4, short and extended length) and responses."""

from __future__ import annotations

from dataclasses import dataclass

from hardware.icao.errors import MalformedResponseError

#: Largest Nc / Ne a short APDU can carry.
SHORT_MAX_NC = 255
SHORT_MAX_NE = 256
#: Largest Nc / Ne an extended APDU can carry.
EXTENDED_MAX_NC = 65535
EXTENDED_MAX_NE = 65536


@dataclass(frozen=True, slots=True)
class Apdu:
    """A command APDU.

    ``ne`` is the number of response bytes expected (``None``: no Le field, case 1 or 3;
    256 or 65536 are encoded as Le = 00 / 0000). ``extended`` forces extended length
    encoding; it is chosen automatically whenever Nc > 255 or Ne > 256.
    """

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    ne: int | None = None
    extended: bool = False

    def __post_init__(self) -> None:
        for name in ("cla", "ins", "p1", "p2"):
            value = getattr(self, name)
            if not 0 <= value <= 0xFF:
                raise ValueError(f"{name} must be one byte, got {value}")
        if len(self.data) > EXTENDED_MAX_NC:
            raise ValueError(f"command data too long: {len(self.data)} bytes")
        if self.ne is not None and not 1 <= self.ne <= EXTENDED_MAX_NE:
            raise ValueError(f"ne must be 1..65536, got {self.ne}")

    @property
    def header(self) -> bytes:
        """CLA INS P1 P2."""
        return bytes((self.cla, self.ins, self.p1, self.p2))

    @property
    def is_extended(self) -> bool:
        """Whether :meth:`encode` uses extended length fields."""
        return (
            self.extended
            or len(self.data) > SHORT_MAX_NC
            or (self.ne is not None and self.ne > SHORT_MAX_NE)
        )

    def encode(self) -> bytes:
        """The APDU as sent on the wire."""
        body = bytearray(self.header)
        extended = self.is_extended
        if self.data:
            if extended:
                body += b"\x00" + len(self.data).to_bytes(2, "big")
            else:
                body.append(len(self.data))
            body += self.data
        if self.ne is not None:
            if extended:
                # Case 2E has its own leading 00; in case 4E the Lc field already had it.
                if not self.data:
                    body.append(0)
                body += (self.ne % EXTENDED_MAX_NE).to_bytes(2, "big")
            else:
                body.append(self.ne % SHORT_MAX_NE)
        return bytes(body)

    @classmethod
    def parse(cls, raw: bytes) -> Apdu:
        """Decode a command APDU; raise :class:`MalformedResponseError` when it is invalid."""
        if len(raw) < 4:
            raise MalformedResponseError("command APDU shorter than its header")
        cla, ins, p1, p2 = raw[:4]
        data, ne, extended = _parse_body(raw[4:])
        # Keep ``extended`` only where the lengths alone would not imply it, so that
        # parse(encode(apdu)) == apdu.
        implied = len(data) > SHORT_MAX_NC or (ne is not None and ne > SHORT_MAX_NE)
        return cls(cla, ins, p1, p2, data, ne, extended and not implied)


def _parse_body(body: bytes) -> tuple[bytes, int | None, bool]:
    """(data, Ne, extended) from the bytes after the header, by ISO 7816-3 §12.1.3."""
    if len(body) <= 1:
        return b"", (body[0] or SHORT_MAX_NE) if body else None, False
    if body[0] != 0:
        return _parse_short_body(body)
    if len(body) == 3:
        return b"", int.from_bytes(body[1:3], "big") or EXTENDED_MAX_NE, True
    nc = int.from_bytes(body[1:3], "big")
    if nc == 0 or len(body) not in (3 + nc, 5 + nc):
        raise MalformedResponseError("extended command APDU length fields do not match")
    data = bytes(body[3 : 3 + nc])
    if len(body) == 3 + nc:
        return data, None, True
    return data, int.from_bytes(body[-2:], "big") or EXTENDED_MAX_NE, True


def _parse_short_body(body: bytes) -> tuple[bytes, int | None, bool]:
    nc = body[0]
    if len(body) == 1 + nc:
        return bytes(body[1:]), None, False
    if len(body) == 2 + nc:
        return bytes(body[1:-1]), body[-1] or SHORT_MAX_NE, False
    raise MalformedResponseError("short command APDU length fields do not match")


@dataclass(frozen=True, slots=True)
class ResponseApdu:
    """A response APDU: data and status word."""

    data: bytes
    sw: int

    @property
    def ok(self) -> bool:
        """Whether the status word is 9000."""
        return self.sw == 0x9000

    def encode(self) -> bytes:
        """Data followed by SW1 SW2."""
        return self.data + self.sw.to_bytes(2, "big")

    @classmethod
    def parse(cls, raw: bytes) -> ResponseApdu:
        """Split raw response bytes into data and status word."""
        if len(raw) < 2:
            raise MalformedResponseError("response APDU shorter than a status word")
        return cls(bytes(raw[:-2]), int.from_bytes(raw[-2:], "big"))
