"""The card transport over each implementation: in-process simulator and real pcscd + vpcd."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hardware.card.chaining import ChainingConnection
from hardware.card.connection import CardConnection, ReaderInfo, StatusWord
from hardware.card.simulated import FileSystemCard, SimulatedReaderProvider
from hardware.errors import CardRemovedError, DeviceBusyError, DeviceUnavailableError

AID = bytes.fromhex("A0000002471001")
CONTENT = bytes(range(256)) * 3 + b"end"
SELECT_APP = bytes.fromhex("00A4040C07") + AID
SELECT_FILE = bytes.fromhex("00A4020C02011E")


def _card(t0: bool = False) -> FileSystemCard:
    return FileSystemCard(AID, {0x011E: CONTENT}, t0_chaining=t0)


def _read_all(connection: CardConnection) -> bytes:
    assert connection.send_and_receive(SELECT_APP)[1] == StatusWord.OK
    assert connection.send_and_receive(SELECT_FILE)[1] == StatusWord.OK
    out = b""
    while True:
        chunk, sw = connection.send_and_receive(
            bytes([0x00, 0xB0, len(out) >> 8, len(out) & 0xFF, 0xF0])
        )
        out += chunk
        if sw == StatusWord.END_OF_FILE_WARNING or not chunk:
            return out
        assert sw == StatusWord.OK


def test_simulated_reader_reads_a_file() -> None:
    provider = SimulatedReaderProvider()
    provider.insert(_card())
    [reader] = provider.readers()
    assert reader.card_present
    with provider.connect(reader.name) as connection:
        assert _read_all(connection) == CONTENT


def test_61xx_chaining_is_followed() -> None:
    provider = SimulatedReaderProvider()
    provider.insert(_card(t0=True))
    raw = provider.connect(provider.readers()[0].name)
    raw.send_and_receive(SELECT_APP)
    raw.send_and_receive(SELECT_FILE)
    # Without the processor the card answers 61xx and no data.
    data, sw = raw.send_and_receive(bytes.fromhex("00B0000080"))
    assert (data, sw >> 8) == (b"", 0x61)
    raw.close()
    connection = ChainingConnection(provider.connect(provider.readers()[0].name))
    connection.send_and_receive(SELECT_APP)
    connection.send_and_receive(SELECT_FILE)
    data, sw = connection.send_and_receive(bytes.fromhex("00B0000080"))
    assert (data, sw) == (CONTENT[:0x80], StatusWord.OK)


class _WrongLeCard(FileSystemCard):
    """Answers 6Cxx to a wrong Le, as some T=0 cards do."""

    def process(self, apdu: bytes) -> bytes:
        if apdu[1] == 0xB0 and apdu[-1] != 0x10:
            return bytes([0x6C, 0x10])
        return super().process(apdu)


def test_6cxx_repeats_with_the_right_le() -> None:
    provider = SimulatedReaderProvider()
    provider.insert(_WrongLeCard(AID, {0x011E: CONTENT}))
    connection = ChainingConnection(provider.connect(provider.readers()[0].name))
    connection.send_and_receive(SELECT_APP)
    connection.send_and_receive(SELECT_FILE)
    assert connection.send_and_receive(bytes.fromhex("00B0000000")) == (CONTENT[:16], 0x9000)


def test_card_removed_mid_read_is_a_typed_error_and_a_new_read_works() -> None:
    provider = SimulatedReaderProvider()
    card = _card()
    provider.insert(card)
    name = provider.readers()[0].name
    connection = provider.connect(name)
    connection.send_and_receive(SELECT_APP)
    provider.remove()
    with pytest.raises(CardRemovedError):
        connection.send_and_receive(SELECT_FILE)
    connection.close()
    with pytest.raises(DeviceUnavailableError, match="no card"):
        provider.connect(name)
    provider.insert(card)
    # Put back: the old connection stays dead, a new one works.
    with pytest.raises(CardRemovedError):
        connection.send_and_receive(SELECT_FILE)
    with provider.connect(name) as again:
        assert _read_all(again) == CONTENT


def test_a_reader_held_by_another_program_is_busy() -> None:
    provider = SimulatedReaderProvider()
    provider.insert(_card())
    name = provider.readers()[0].name
    first = provider.connect(name)
    with pytest.raises(DeviceBusyError):
        provider.connect(name)
    first.close()
    provider.connect(name).close()


# -- The real PC/SC stack: pcscd with the vpcd driver, the card served over its socket. ---


@pytest.fixture
def vpcd_card(pcscd: None) -> Iterator[tuple[object, str]]:
    from hardware.card.pcsc import PcscReaderProvider
    from hardware.card.vpcd import VpcdCardServer

    provider = PcscReaderProvider()
    name = "Virtual PCD 00 00"
    # A card removed by the previous test may not be noticed yet.
    assert provider.wait_for_card(name, present=False, timeout_ms=10_000)
    server = VpcdCardServer(_card(t0=True))
    server.start()
    assert provider.wait_for_card(name, present=True, timeout_ms=10_000)
    assert ReaderInfo(name, True) in provider.readers()
    yield server, name
    server.stop()


@pytest.mark.pcsc
def test_pcsc_reads_a_file_through_pcscd(vpcd_card: tuple[object, str]) -> None:
    from hardware.card.pcsc import PcscReaderProvider

    _server, name = vpcd_card
    with ChainingConnection(PcscReaderProvider().connect(name)) as connection:
        assert connection.atr == FileSystemCard.DEFAULT_ATR
        assert _read_all(connection) == CONTENT


@pytest.mark.pcsc
def test_pcsc_card_pulled_out_is_a_typed_error(vpcd_card: tuple[object, str]) -> None:
    from hardware.card.pcsc import PcscReaderProvider
    from hardware.card.vpcd import VpcdCardServer

    server, name = vpcd_card
    assert isinstance(server, VpcdCardServer)
    provider = PcscReaderProvider()
    connection = provider.connect(name)
    assert connection.send_and_receive(SELECT_APP)[1] == StatusWord.OK
    server.stop()
    with pytest.raises(CardRemovedError):
        connection.send_and_receive(SELECT_FILE)
    connection.close()


@pytest.mark.pcsc
def test_pcsc_connect_to_an_empty_reader_is_a_typed_error(pcscd: None) -> None:
    from hardware.card.pcsc import PcscReaderProvider

    with pytest.raises(DeviceUnavailableError):
        PcscReaderProvider().connect("Virtual PCD 00 01")
