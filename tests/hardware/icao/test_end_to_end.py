"""Terminal against simulated chip: access protocol, then file reads under secure messaging."""

from __future__ import annotations

import secrets
from collections.abc import Callable

import pytest

from hardware.card.connection import CardConnection
from hardware.icao.apdu import Apdu
from hardware.icao.bac import BacChip, perform_bac
from hardware.icao.card_access import PaceInfo
from hardware.icao.errors import AccessDeniedError, SecureMessagingError
from hardware.icao.keys import Cipher, SessionKeys
from hardware.icao.mrz_key import mrz_information
from hardware.icao.pace import PACE_ECDH_GM_AES_CBC_CMAC_128, PaceChip, PacePassword, perform_pace
from hardware.icao.secure_messaging import SecureMessagingConnection

from .helpers import InMemoryConnection, SimulatedIcaoChip

MRZ_INFO = mrz_information("123456789", "900101", "300101")
CAN = "456789"
INFO = PaceInfo(PACE_ECDH_GM_AES_CBC_CMAC_128, 2, 13)
DG2 = secrets.token_bytes(3000)
EF_COM = bytes.fromhex("60145F0104303130365F36063034303030305C026175")
FILES = {0x011E: EF_COM, 0x0102: DG2}


class TamperingConnection(CardConnection):
    """Flips one bit of the last response byte before the MAC object ends (the MAC)."""

    def __init__(self, inner: CardConnection) -> None:
        self._inner = inner
        self.armed = False

    def send_and_receive(self, apdu: bytes) -> tuple[bytes, int]:
        data, sw = self._inner.send_and_receive(apdu)
        if self.armed and data:
            data = data[:-1] + bytes([data[-1] ^ 0x01])
        return data, sw

    @property
    def atr(self) -> bytes:
        return self._inner.atr

    def close(self) -> None:
        self._inner.close()


def _bac_session() -> tuple[TamperingConnection, SessionKeys]:
    chip = SimulatedIcaoChip(FILES, bac=BacChip(MRZ_INFO))
    connection = TamperingConnection(InMemoryConnection(chip))
    return connection, perform_bac(connection, MRZ_INFO)


def _pace_session() -> tuple[TamperingConnection, SessionKeys]:
    chip = SimulatedIcaoChip(FILES, pace=PaceChip(PacePassword.from_can(CAN), INFO))
    connection = TamperingConnection(InMemoryConnection(chip))
    return connection, perform_pace(connection, PacePassword.from_can(CAN), INFO)


OpenSession = Callable[[], tuple[TamperingConnection, SessionKeys]]
SESSIONS = [pytest.param(_bac_session, id="bac"), pytest.param(_pace_session, id="pace")]


def _select(connection: CardConnection, file_id: int) -> int:
    command = Apdu(0x00, 0xA4, 0x02, 0x0C, file_id.to_bytes(2, "big"))
    return connection.send_and_receive(command.encode())[1]


def _read(connection: CardConnection, offset: int, length: int) -> tuple[bytes, int]:
    command = Apdu(0x00, 0xB0, offset >> 8, offset & 0xFF, ne=length)
    return connection.send_and_receive(command.encode())


@pytest.mark.parametrize("open_session", SESSIONS)
def test_reads_files_with_short_and_extended_length(open_session: OpenSession) -> None:
    raw, keys = open_session()
    connection = SecureMessagingConnection(raw, keys)
    assert _select(connection, 0x011E) == 0x9000
    assert _read(connection, 0, 4) == (EF_COM[:4], 0x9000)
    assert _read(connection, 4, len(EF_COM) - 4) == (EF_COM[4:], 0x9000)
    assert _select(connection, 0x0102) == 0x9000
    content = b""
    for offset, length in ((0, 0xDF), (0xDF, 1000), (0xDF + 1000, 2000)):
        chunk, sw = _read(connection, offset, length)
        content += chunk
    assert content == DG2
    # The last read asked for more than was left: the chip says so, under its MAC.
    assert sw == 0x6282


@pytest.mark.parametrize("open_session", SESSIONS)
def test_error_status_without_mac_is_reported(open_session: OpenSession) -> None:
    raw, keys = open_session()
    connection = SecureMessagingConnection(raw, keys)
    assert _select(connection, 0x0199) == 0x6A82
    assert _select(connection, 0x011E) == 0x9000
    assert _read(connection, 0x7F00, 16) == (b"", 0x6B00)
    # The counters are still in step afterwards.
    assert _read(connection, 0, 4) == (EF_COM[:4], 0x9000)


@pytest.mark.parametrize("open_session", SESSIONS)
def test_a_flipped_mac_byte_raises_and_returns_no_data(open_session: OpenSession) -> None:
    raw, keys = open_session()
    connection = SecureMessagingConnection(raw, keys)
    assert _select(connection, 0x011E) == 0x9000
    raw.armed = True
    with pytest.raises(SecureMessagingError):
        _read(connection, 0, 4)


def test_wrong_mrz_data_is_access_denied() -> None:
    chip = SimulatedIcaoChip(FILES, bac=BacChip(MRZ_INFO))
    with pytest.raises(AccessDeniedError):
        perform_bac(InMemoryConnection(chip), mrz_information("123456789", "900101", "300102"))


def test_wrong_can_is_access_denied_and_files_stay_closed() -> None:
    chip = SimulatedIcaoChip(FILES, pace=PaceChip(PacePassword.from_can(CAN), INFO))
    connection = InMemoryConnection(chip)
    with pytest.raises(AccessDeniedError):
        perform_pace(connection, PacePassword.from_can("456788"), INFO)
    assert _select(connection, 0x011E) == 0x6982


def test_closing_the_wrapper_closes_the_reader_connection() -> None:
    inner = InMemoryConnection(SimulatedIcaoChip(FILES))
    with SecureMessagingConnection(inner, SessionKeys.derive(b"k", Cipher.AES_128)):
        pass
    assert inner.closed
