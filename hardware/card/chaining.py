"""ISO 7816-4 response handling that every card needs: 61xx and 6Cxx.

A processor in the yubikit style: it wraps any :class:`CardConnection` and hides the
transport-level status words, so protocol code only ever sees final answers.
"""

from __future__ import annotations

from hardware.card.connection import CardConnection
from hardware.errors import CardCommunicationError

_GET_RESPONSE = bytes([0x00, 0xC0, 0x00, 0x00])
_MAX_CHAINED_RESPONSES = 256  # a card that never stops answering 61xx is broken


class ChainingConnection(CardConnection):
    """Follows ``61xx`` with GET RESPONSE and repeats a command on ``6Cxx`` with Le = xx."""

    def __init__(self, inner: CardConnection) -> None:
        self._inner = inner

    @property
    def atr(self) -> bytes:
        return self._inner.atr

    def close(self) -> None:
        self._inner.close()

    def send_and_receive(self, apdu: bytes) -> tuple[bytes, int]:
        data, sw = self._inner.send_and_receive(apdu)
        if sw >> 8 == 0x6C and len(apdu) >= 4:
            # Wrong Le: the card tells the right one (T=0 cases 2 and 4).
            corrected = _with_short_le(apdu, sw & 0xFF)
            data, sw = self._inner.send_and_receive(corrected)
        chunks = [data]
        for _ in range(_MAX_CHAINED_RESPONSES):
            if sw >> 8 != 0x61:
                return b"".join(chunks), sw
            data, sw = self._inner.send_and_receive(_GET_RESPONSE + bytes([sw & 0xFF]))
            chunks.append(data)
        raise CardCommunicationError("the card kept answering 61xx (response chaining)")


def _with_short_le(apdu: bytes, le: int) -> bytes:
    """``apdu`` with its (short) Le replaced by ``le``; appended for a case-1 command."""
    if len(apdu) == 4:
        return apdu + bytes([le])
    if len(apdu) == 5:  # case 2: header + Le
        return apdu[:4] + bytes([le])
    lc = apdu[4]
    if lc != 0 and len(apdu) in (5 + lc, 6 + lc):  # case 3 or case 4, short
        return apdu[: 5 + lc] + bytes([le])
    return apdu  # extended or malformed: leave unchanged, the card will say so
