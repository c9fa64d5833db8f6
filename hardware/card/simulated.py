"""A simulated reader and the card it holds.

The reader side is complete (insertion, removal, exclusive use); the card side is any
object that answers APDUs. :class:`FileSystemCard` is an ISO 7816-4 card with
transparent files and no access control: it exercises the transport. The ICAO chip
with access control and secure messaging plugs into the same :class:`ApduCard` seam.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Protocol

from hardware.card.connection import CardConnection, ReaderInfo, ReaderProvider, StatusWord
from hardware.errors import CardRemovedError, DeviceBusyError, DeviceUnavailableError

SIMULATED_READER = "Simulated Reader 00"


class ApduCard(Protocol):
    """The card side: answers one command APDU with response data + SW1 SW2."""

    @property
    def atr(self) -> bytes: ...

    def reset(self) -> None:
        """Power cycle: forget the selected file and any session."""

    def process(self, apdu: bytes) -> bytes: ...


def _sw(word: int) -> bytes:
    return word.to_bytes(2, "big")


class FileSystemCard:
    """Transparent elementary files in one application, selected by AID then by FID.

    ``t0_chaining`` makes the card answer case-2 commands with ``61xx`` and serve the
    data through GET RESPONSE, as T=0 cards do.
    """

    # Answer to reset of a contactless ISO 14443-4 card as PC/SC readers build it.
    DEFAULT_ATR = bytes.fromhex("3B8880014241524E4143455356AC")

    def __init__(
        self,
        aid: bytes,
        files: Mapping[int, bytes],
        *,
        atr: bytes = DEFAULT_ATR,
        t0_chaining: bool = False,
    ) -> None:
        self._aid = aid
        self._files = dict(files)
        self._atr = atr
        self._t0 = t0_chaining
        self._app_selected = False
        self._current: int | None = None
        self._pending = b""

    @property
    def atr(self) -> bytes:
        return self._atr

    def reset(self) -> None:
        self._app_selected = False
        self._current = None
        self._pending = b""

    def process(self, apdu: bytes) -> bytes:
        if len(apdu) < 4:
            return _sw(StatusWord.WRONG_LENGTH)
        cla, ins, p1, p2 = apdu[:4]
        body = apdu[4:]
        if cla & 0x0C:
            # Secure messaging requested: this card has no access protocol.
            return _sw(StatusWord.CLA_NOT_SUPPORTED)
        if ins == 0xA4:
            return self._select(p1, body)
        if ins == 0xB0:
            return self._read_binary((p1 << 8) | p2, body)
        if ins == 0xC0:
            chunk, self._pending = self._pending[: p2 or 256], self._pending[p2 or 256 :]
            if self._pending:
                return chunk + _sw(0x6100 | min(len(self._pending), 0xFF))
            return chunk + _sw(StatusWord.OK)
        return _sw(StatusWord.INS_NOT_SUPPORTED)

    def _select(self, p1: int, body: bytes) -> bytes:
        if not body:
            return _sw(StatusWord.WRONG_LENGTH)
        lc = body[0]
        data = body[1 : 1 + lc]
        if p1 == 0x04:
            if data != self._aid:
                return _sw(StatusWord.FILE_NOT_FOUND)
            self._app_selected = True
            self._current = None
            return _sw(StatusWord.OK)
        if p1 in (0x00, 0x02) and len(data) == 2:
            fid = int.from_bytes(data, "big")
            if not self._app_selected or fid not in self._files:
                return _sw(StatusWord.FILE_NOT_FOUND)
            self._current = fid
            return _sw(StatusWord.OK)
        return _sw(StatusWord.INCORRECT_P1P2)

    def _read_binary(self, offset: int, body: bytes) -> bytes:
        if self._current is None:
            return _sw(StatusWord.CONDITIONS_NOT_SATISFIED)
        if offset & 0x8000:
            return _sw(StatusWord.INCORRECT_P1P2)  # short-FID addressing is not offered
        content = self._files[self._current]
        if len(body) == 1:
            le = body[0] or 256
        elif len(body) == 3 and body[0] == 0:
            le = int.from_bytes(body[1:], "big") or 65536
        else:
            return _sw(StatusWord.WRONG_LENGTH)
        if offset > len(content):
            return _sw(StatusWord.WRONG_P1P2)
        data = content[offset : offset + le]
        if len(data) < le:
            return data + _sw(StatusWord.END_OF_FILE_WARNING)
        if self._t0 and len(data) > 0:
            self._pending = data
            return _sw(0x6100 | min(len(data), 0xFF))
        return data + _sw(StatusWord.OK)


class SimulatedReaderProvider(ReaderProvider):
    """Readers whose cards are put in and taken out by code (tests, the demo, the UI)."""

    kind = "simulated"

    def __init__(self, reader_names: tuple[str, ...] = (SIMULATED_READER,)) -> None:
        self._lock = threading.Lock()
        self._cards: dict[str, ApduCard | None] = dict.fromkeys(reader_names)
        self._insertions: dict[str, int] = dict.fromkeys(reader_names, 0)
        self._holders: dict[str, _SimulatedConnection] = {}

    def insert(self, card: ApduCard, reader: str = SIMULATED_READER) -> None:
        with self._lock:
            card.reset()
            self._cards[reader] = card
            self._insertions[reader] = self._insertions.get(reader, 0) + 1

    def remove(self, reader: str = SIMULATED_READER) -> None:
        with self._lock:
            self._cards[reader] = None

    def readers(self) -> list[ReaderInfo]:
        with self._lock:
            return [
                ReaderInfo(name=name, card_present=card is not None)
                for name, card in self._cards.items()
            ]

    def connect(self, reader: str) -> CardConnection:
        with self._lock:
            if reader not in self._cards:
                raise DeviceUnavailableError(f"reader not found: {reader}")
            card = self._cards[reader]
            if card is None:
                raise DeviceUnavailableError("no card in the reader")
            holder = self._holders.get(reader)
            if holder is not None and not holder.closed:
                raise DeviceBusyError("another program is using the reader")
            connection = _SimulatedConnection(self, reader, card, self._insertions[reader])
            self._holders[reader] = connection
            return connection

    def _card_if_still_there(self, reader: str, insertion: int) -> ApduCard | None:
        with self._lock:
            if self._insertions.get(reader) != insertion:
                return None
            return self._cards.get(reader)


class _SimulatedConnection(CardConnection):
    def __init__(
        self, provider: SimulatedReaderProvider, reader: str, card: ApduCard, insertion: int
    ) -> None:
        self._provider = provider
        self._reader = reader
        self._card = card
        self._insertion = insertion
        self.closed = False

    @property
    def atr(self) -> bytes:
        return self._card.atr

    def send_and_receive(self, apdu: bytes) -> tuple[bytes, int]:
        if self.closed:
            raise CardRemovedError("the connection is closed")
        # A card taken out (even if put back since) ends this connection, as on a real reader.
        if self._provider._card_if_still_there(self._reader, self._insertion) is not self._card:
            raise CardRemovedError("the card was removed")
        response = self._card.process(apdu)
        return response[:-2], int.from_bytes(response[-2:], "big")

    def close(self) -> None:
        self.closed = True
