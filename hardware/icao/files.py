"""Reading the elementary files of an eMRTD: SELECT by file identifier, then READ BINARY.

Lengths are never guessed: the first bytes of every LDS file are a BER tag and length,
so the reader asks for exactly what is left. That matters under secure messaging, where
an "end of file" warning comes back without a MAC on real cards and cannot be trusted.

The chunk size is the largest response the link allows: an extended-length Le when the
card (and the reader) take extended APDUs, otherwise the largest short Le whose protected
response still fits in 256 bytes (223 bytes under AES, 231 under 3DES).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from hardware.card.connection import CardConnection, StatusWord
from hardware.errors import CardCommunicationError
from hardware.icao.apdu import SHORT_MAX_NE, Apdu
from hardware.icao.errors import (
    ExtendedLengthRefusedError,
    FileAccessError,
    MalformedResponseError,
)
from hardware.icao.tlv import encode_tlv, require_tlv

#: The ICAO LDS1 eMRTD application.
LDS_AID = bytes.fromhex("A0000002471001")
#: First bytes read from a file: a tag of up to 2 bytes and a length of up to 5.
HEADER_LENGTH = 8
#: Largest extended Le asked for in one READ BINARY; leaves room for the SM objects in a
#: 64 KiB response buffer (pcsc-lite's extended buffer).
EXTENDED_CHUNK = 65536 - 512
#: READ BINARY with INS B0 addresses offsets up to 15 bits; beyond, INS B1 carries the
#: offset in DO'54 and answers with DO'53 (ISO 7816-4 §11.3.3).
MAX_OFFSET = 0x7FFF
_INS_SELECT = 0xA4
_INS_READ_BINARY = 0xB0
_INS_READ_BINARY_ODD = 0xB1
_TAG_OFFSET, _TAG_DISCRETIONARY = 0x54, 0x53
# DO'53 header in the answer of an odd READ BINARY: tag and up to 3 length bytes.
_ODD_RESPONSE_OVERHEAD = 4
# Status words that mean "this card or reader does not take extended length".
_EXTENDED_REFUSALS = frozenset(
    {
        StatusWord.WRONG_LENGTH,
        StatusWord.INS_NOT_SUPPORTED,
        StatusWord.CLA_NOT_SUPPORTED,
        StatusWord.WRONG_DATA,
        StatusWord.UNKNOWN,
    }
)


class FileId(enum.IntEnum):
    """File identifiers of the LDS1 application (ICAO 9303 Part 10)."""

    CARD_ACCESS = 0x011C
    COM = 0x011E
    SOD = 0x011D
    DG1 = 0x0101
    DG2 = 0x0102
    DG3 = 0x0103
    DG11 = 0x010B
    DG12 = 0x010C
    DG13 = 0x010D
    DG14 = 0x010E
    DG15 = 0x010F


def data_group_file(number: int) -> int:
    """The file identifier of data group ``number`` (1..16)."""
    return 0x0100 + number


def max_short_read(block_size: int | None) -> int:
    """The largest Le whose response fits in a short APDU (256 bytes of data).

    ``block_size`` is the secure messaging cipher's block (8 or 16), ``None`` when no
    secure messaging is in use. Under SM the plain data is padded to whole blocks inside
    DO'87 (plus its indicator byte and length), followed by DO'99 (4) and DO'8E (10).
    """
    if block_size is None:
        return SHORT_MAX_NE
    size = SHORT_MAX_NE
    while size > 0 and _protected_response_length(size, block_size) > SHORT_MAX_NE:
        size -= 1
    return size


def _protected_response_length(size: int, block_size: int) -> int:
    padded = (size // block_size + 1) * block_size
    value = 1 + padded
    header = 2 if value < 0x80 else 3 if value < 0x100 else 4
    return header + value + 4 + 10


def atr_says_extended_length(atr: bytes) -> bool:
    """Whether the ATR's card capabilities (compact-TLV 7x) announce extended Lc/Le.

    ISO 7816-4 §12.1.1.11: third software function byte, bit b7. A contactless reader
    builds the ATR from the card's historical bytes, so this speaks for the card.
    """
    historical = _historical_bytes(atr)
    if not historical or historical[0] != 0x80:
        return False
    offset = 1
    while offset < len(historical):
        tag, length = historical[offset] >> 4, historical[offset] & 0x0F
        value = historical[offset + 1 : offset + 1 + length]
        if tag == 0x7 and length >= 3 and len(value) >= 3:
            return bool(value[2] & 0x40)
        offset += 1 + length
    return False


def _historical_bytes(atr: bytes) -> bytes:
    if len(atr) < 2:
        return b""
    count = atr[1] & 0x0F
    indicator, offset = atr[1], 2
    while True:
        present = indicator >> 4
        offset += bin(present).count("1")
        if not present & 0x8 or offset > len(atr):
            break
        indicator = atr[offset - 1]
    return atr[offset : offset + count]


def ber_total_length(header: bytes) -> int | None:
    """The whole length (tag + length + value) announced by the first bytes of a TLV."""
    if len(header) < 2:
        return None
    offset = 1
    if header[0] & 0x1F == 0x1F:
        while offset < len(header) and header[offset] & 0x80:
            offset += 1
        offset += 1
    if offset >= len(header):
        return None
    first = header[offset]
    if first < 0x80:
        return offset + 1 + first
    count = first & 0x7F
    if count == 0 or count > 4 or offset + 1 + count > len(header):
        return None
    value = int.from_bytes(header[offset + 1 : offset + 1 + count], "big")
    return offset + 1 + count + value


@dataclass
class TransferCounter:
    """What went over the link: command APDUs sent and file bytes read."""

    apdus: int = 0
    bytes_read: int = 0


class CountingConnection(CardConnection):
    """Counts the APDUs that reach the card (install below secure messaging)."""

    def __init__(self, inner: CardConnection, counter: TransferCounter) -> None:
        self._inner = inner
        self._counter = counter

    def send_and_receive(self, apdu: bytes) -> tuple[bytes, int]:
        """Send ``apdu`` and count it."""
        self._counter.apdus += 1
        return self._inner.send_and_receive(apdu)

    @property
    def atr(self) -> bytes:
        """The card's answer to reset."""
        return self._inner.atr

    def close(self) -> None:
        """Close the inner connection."""
        self._inner.close()


class FileReader:
    """Selects and reads files over a (usually protected) connection.

    ``chunk`` is the Le of every READ BINARY; above 256 it is sent with extended length.
    """

    def __init__(self, connection: CardConnection, chunk: int, counter: TransferCounter) -> None:
        if not 1 <= chunk <= EXTENDED_CHUNK:
            raise ValueError("chunk must be 1..EXTENDED_CHUNK")
        self._connection = connection
        self._chunk = chunk
        self._counter = counter

    def select(self, file_id: int) -> bool:
        """Select an EF by identifier; ``False`` when the chip has no such file."""
        command = Apdu(0x00, _INS_SELECT, 0x02, 0x0C, file_id.to_bytes(2, "big"))
        _, sw = self._connection.send_and_receive(command.encode())
        if sw == StatusWord.FILE_NOT_FOUND:
            return False
        if sw != StatusWord.OK:
            raise FileAccessError(f"SELECT of file {file_id:04X} refused", sw)
        return True

    def read(self, file_id: int) -> bytes | None:
        """The whole content of a file, or ``None`` when the chip does not have it.

        Raises :class:`FileAccessError` when the chip refuses (6982: no access rights),
        :class:`ExtendedLengthRefusedError` when an extended READ BINARY is refused.
        """
        if not self.select(file_id):
            return None
        content = self._read_binary(0, HEADER_LENGTH, allow_short_file=True)
        total = ber_total_length(content)
        if total is None:
            raise FileAccessError(f"file {file_id:04X} does not start with a BER length", 0x9000)
        content = content[:total]
        while len(content) < total:
            offset = len(content)
            if offset > MAX_OFFSET:
                wanted = min(self._chunk - _ODD_RESPONSE_OVERHEAD, total - offset)
                chunk = self._read_binary_odd(offset, wanted)
            else:
                wanted = min(self._chunk, total - offset, MAX_OFFSET + 1 - offset)
                chunk = self._read_binary(offset, wanted, allow_short_file=False)
            if not chunk:
                raise CardCommunicationError("the card returned no data before the end of file")
            content += chunk
        self._counter.bytes_read += len(content)
        return content[:total]

    def _read_binary_odd(self, offset: int, length: int) -> bytes:
        offset_do = encode_tlv(_TAG_OFFSET, offset.to_bytes(3, "big"))
        command = Apdu(
            0x00, _INS_READ_BINARY_ODD, 0, 0, offset_do, ne=length + _ODD_RESPONSE_OVERHEAD
        )
        data, sw = self._connection.send_and_receive(command.encode())
        if sw != StatusWord.OK:
            if command.is_extended and sw in _EXTENDED_REFUSALS:
                raise ExtendedLengthRefusedError("extended-length READ BINARY refused")
            raise FileAccessError(f"READ BINARY at offset {offset} refused", sw)
        try:
            return require_tlv(data, _TAG_DISCRETIONARY)
        except MalformedResponseError as exc:
            raise CardCommunicationError("odd READ BINARY answer without DO'53") from exc

    def _read_binary(self, offset: int, length: int, *, allow_short_file: bool) -> bytes:
        command = Apdu(0x00, _INS_READ_BINARY, offset >> 8, offset & 0xFF, ne=length)
        data, sw = self._connection.send_and_receive(command.encode())
        if sw == StatusWord.OK:
            return data
        if sw == StatusWord.END_OF_FILE_WARNING and allow_short_file:
            return data  # a file shorter than the header read: its TLV says how long
        if command.is_extended and sw in _EXTENDED_REFUSALS:
            raise ExtendedLengthRefusedError("extended-length READ BINARY refused")
        raise FileAccessError(f"READ BINARY at offset {offset} refused", sw)
