"""Test helpers: fixed random sources and an in-memory card connection."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from hardware.card.connection import CardConnection
from hardware.icao.apdu import Apdu
from hardware.icao.bac import BacChip
from hardware.icao.errors import SecureMessagingError
from hardware.icao.pace import PaceChip
from hardware.icao.secure_messaging import ChipSecureMessaging


class FixedRandom:
    """A random source that hands out prepared byte strings, each exactly as asked."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = list(chunks)

    def random_bytes(self, n: int) -> bytes:
        chunk = self._chunks.pop(0)
        assert len(chunk) == n, f"asked for {n} bytes, prepared {len(chunk)}"
        return chunk

    @property
    def exhausted(self) -> bool:
        return not self._chunks


class ScriptedConnection(CardConnection):
    """Expects a fixed list of (command hex, response hex) pairs, in order."""

    def __init__(self, script: Iterable[tuple[str, str]]) -> None:
        self._script = [(bytes.fromhex(c), bytes.fromhex(r)) for c, r in script]
        self.sent: list[bytes] = []

    def send_and_receive(self, apdu: bytes) -> tuple[bytes, int]:
        self.sent.append(apdu)
        expected, response = self._script.pop(0)
        assert apdu.hex().upper() == expected.hex().upper()
        return response[:-2], int.from_bytes(response[-2:], "big")

    @property
    def finished(self) -> bool:
        return not self._script

    @property
    def atr(self) -> bytes:
        return b"\x3b\x80\x80\x01\x01"

    def close(self) -> None:
        pass


class InMemoryConnection(CardConnection):
    """Hands every command APDU to a chip function, as a reader would."""

    def __init__(self, chip: Callable[[Apdu], tuple[bytes, int]]) -> None:
        self._chip = chip
        self.closed = False

    def send_and_receive(self, apdu: bytes) -> tuple[bytes, int]:
        return self._chip(Apdu.parse(apdu))

    @property
    def atr(self) -> bytes:
        return b"\x3b\x80\x80\x01\x01"

    def close(self) -> None:
        self.closed = True


class SimulatedIcaoChip:
    """A minimal eMRTD chip: BAC and/or PACE, then SELECT and READ BINARY under SM.

    Real protocol objects and real cryptography; good enough to drive the terminal side
    end to end. A secure messaging failure ends the session with a plain 6988, as chips do.
    """

    def __init__(
        self,
        files: dict[int, bytes],
        bac: BacChip | None = None,
        pace: PaceChip | None = None,
    ) -> None:
        self._files = files
        self._bac = bac
        self._pace = pace
        self._sm: ChipSecureMessaging | None = None
        self._selected: bytes | None = None

    def __call__(self, command: Apdu) -> tuple[bytes, int]:
        if self._sm is None:
            return self._unprotected(command)
        try:
            plain = self._sm.unwrap_command(command)
        except SecureMessagingError:
            self._sm = None
            return b"", 0x6988
        return self._sm.wrap_response(*self._serve(plain))

    def _unprotected(self, command: Apdu) -> tuple[bytes, int]:
        for protocol, instructions in ((self._bac, (0x84, 0x82)), (self._pace, (0x22, 0x86))):
            if protocol is not None and command.ins in instructions:
                data, sw = protocol.handle(command)
                if protocol.session_keys is not None:
                    self._sm = ChipSecureMessaging(protocol.session_keys)
                return data, sw
        return b"", 0x6982

    def _serve(self, command: Apdu) -> tuple[bytes, int]:
        if command.ins == 0xA4 and command.p1 == 0x02:
            file_id = int.from_bytes(command.data, "big")
            self._selected = self._files.get(file_id)
            return b"", 0x9000 if self._selected is not None else 0x6A82
        if command.ins == 0xB0 and self._selected is not None:
            offset = (command.p1 << 8) | command.p2
            if offset >= len(self._selected):
                return b"", 0x6B00
            chunk = self._selected[offset : offset + (command.ne or 0)]
            complete = offset + len(chunk) == len(self._selected)
            short = command.ne is not None and len(chunk) < command.ne
            return chunk, 0x6282 if complete and short else 0x9000
        return b"", 0x6D00
