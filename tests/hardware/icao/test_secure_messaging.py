"""Secure messaging: ICAO 9303 Part 11 Appendix D.4 (3DES), AES vectors, tampering."""

from __future__ import annotations

import pytest

from hardware.icao.apdu import Apdu
from hardware.icao.errors import SecureMessagingError
from hardware.icao.keys import Cipher, SessionKeys
from hardware.icao.secure_messaging import (
    ChipSecureMessaging,
    SecureMessaging,
    SecureMessagingConnection,
)

from .helpers import ScriptedConnection

BAC_KEYS = SessionKeys(
    Cipher.TDES,
    bytes.fromhex("979EC13B1CBFE9DCD01AB0FED307EAE5"),
    bytes.fromhex("F1CB1F1FB5ADF208806B89DC579DC1F8"),
    0x887022120C06C226,
)

# Appendix D.4: SELECT EF.COM, READ BINARY of 4 bytes, READ BINARY of the other 18.
D4 = [
    (
        "00A4020C02011E",
        "0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800",
        "990290008E08FA855A5D4C50A8ED9000",
        "",
    ),
    (
        "00B0000004",
        "0CB000000D9701048E08ED6705417E96BA5500",
        "8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000",
        "60145F01",
    ),
    (
        "00B0000412",
        "0CB000040D9701128E082EA28A70F3C7B53500",
        "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000",
        "04303130365F36063034303030305C026175",
    ),
]


def split(response_hex: str) -> tuple[bytes, int]:
    raw = bytes.fromhex(response_hex)
    return raw[:-2], int.from_bytes(raw[-2:], "big")


def test_terminal_side_of_appendix_d4() -> None:
    sm = SecureMessaging(BAC_KEYS)
    for plain, protected, response, data in D4:
        assert sm.wrap(Apdu.parse(bytes.fromhex(plain))).encode().hex().upper() == protected
        assert sm.unwrap(*split(response)) == (bytes.fromhex(data), 0x9000)
    assert sm.ssc == 0x887022120C06C22C


def test_chip_side_of_appendix_d4() -> None:
    chip = ChipSecureMessaging(BAC_KEYS)
    for plain, protected, response, data in D4:
        command = chip.unwrap_command(Apdu.parse(bytes.fromhex(protected)))
        assert command.encode() == bytes.fromhex(plain)
        assert chip.wrap_response(bytes.fromhex(data), 0x9000) == split(response)


def test_connection_wrapper_reads_ef_com_of_appendix_d4() -> None:
    card = ScriptedConnection([(protected, response) for _, protected, response, _ in D4])
    with SecureMessagingConnection(card, BAC_KEYS) as connection:
        assert connection.send_and_receive(bytes.fromhex("00A4020C02011E")) == (b"", 0x9000)
        head, _ = connection.send_and_receive(bytes.fromhex("00B0000004"))
        rest, _ = connection.send_and_receive(bytes.fromhex("00B0000412"))
    assert (head + rest).hex().upper() == "60145F0104303130365F36063034303030305C026175"
    assert card.finished


@pytest.mark.parametrize("index", range(25))
def test_a_flipped_byte_in_a_response_is_refused(index: int) -> None:
    sm = SecureMessaging(BAC_KEYS)
    sm.wrap(Apdu.parse(bytes.fromhex("00A4020C02011E")))
    sm.unwrap(*split(D4[0][2]))
    sm.wrap(Apdu.parse(bytes.fromhex("00B0000004")))
    data, sw = split(D4[1][2])
    tampered = bytearray(data)
    tampered[index] ^= 0x01
    with pytest.raises(SecureMessagingError):
        sm.unwrap(bytes(tampered), sw)


def test_a_flipped_mac_byte_through_the_connection_raises() -> None:
    response = D4[0][2]
    tampered = response[:-6] + f"{int(response[-6:-4], 16) ^ 0x80:02X}" + response[-4:]
    card = ScriptedConnection([(D4[0][1], tampered)])
    connection = SecureMessagingConnection(card, BAC_KEYS)
    with pytest.raises(SecureMessagingError):
        connection.send_and_receive(bytes.fromhex("00A4020C02011E"))


def test_a_replayed_response_is_refused() -> None:
    # The SSC has moved on: the same bytes no longer verify.
    sm = SecureMessaging(BAC_KEYS)
    sm.wrap(Apdu.parse(bytes.fromhex("00A4020C02011E")))
    sm.unwrap(*split(D4[0][2]))
    sm.wrap(Apdu.parse(bytes.fromhex("00A4020C02011E")))
    with pytest.raises(SecureMessagingError):
        sm.unwrap(*split(D4[0][2]))


def test_an_error_status_without_mac_is_reported_as_that_status() -> None:
    sm = SecureMessaging(BAC_KEYS)
    sm.wrap(Apdu(0x00, 0xB0, 0x7F, 0xF0, ne=16))
    assert sm.unwrap(b"", 0x6282) == (b"", 0x6282)


def test_an_unprotected_9000_is_refused() -> None:
    sm = SecureMessaging(BAC_KEYS)
    sm.wrap(Apdu(0x00, 0xB0, 0, 0, ne=16))
    with pytest.raises(SecureMessagingError):
        sm.unwrap(b"", 0x9000)


def test_a_response_without_status_object_is_refused() -> None:
    chip, terminal = ChipSecureMessaging(BAC_KEYS), SecureMessaging(BAC_KEYS)
    chip.unwrap_command(terminal.wrap(Apdu(0x00, 0xB0, 0, 0, ne=4)))
    data, sw = chip.wrap_response(b"\x01\x02\x03\x04", 0x9000)
    # Drop DO'99 and put in a valid-looking MAC object: the MAC no longer matches anyway,
    # and without DO'99 the response must not be accepted.
    without_status = data[: data.index(b"\x99\x02")] + data[-10:]
    with pytest.raises(SecureMessagingError):
        terminal.unwrap(without_status, sw)


def test_chip_refuses_an_unprotected_command() -> None:
    with pytest.raises(SecureMessagingError):
        ChipSecureMessaging(BAC_KEYS).unwrap_command(Apdu(0x00, 0xB0, 0, 0, ne=4))


def test_chip_refuses_a_command_with_a_wrong_mac() -> None:
    protected = bytearray(bytes.fromhex(D4[1][1]))
    protected[-3] ^= 0xFF
    with pytest.raises(SecureMessagingError):
        ChipSecureMessaging(BAC_KEYS).unwrap_command(Apdu.parse(bytes(protected)))


# AES secure messaging after PACE. ICAO 9303 prints no AES secure messaging example; these
# exchanges come from the public test suite of gmrtd (TestDoPace_CAM_ECDH, an independent
# Go implementation checked against the ICAO Appendix I PACE-CAM session keys). The SSC
# starts at 0 after PACE and ends at 6 after three command/response pairs.
AES_KEYS = SessionKeys(
    Cipher.AES_128,
    bytes.fromhex("0A9DA4DB03BDDE39FC5202BC44B2E89E"),
    bytes.fromhex("4B1C06491ED5140CA2B537D344C6C0B1"),
    0,
)
AES_EXCHANGES = [
    (
        "00A4020C02011D",
        "0CA4020C1D8711013824F3CB16CAA40DDFF8459C215CC4988E08158449671FCC718300",
        "990290008E085E007CA87260A77F9000",
    ),
    (
        "00B0000004",
        "0CB000000D9701048E081049244EED15563D00",
        "8711017B0085CFF0A3845B7F1B02E72BBE6395990290008E083CF26FAD48F7888B9000",
    ),
    (
        "00B0000462",
        "0CB000040D9701628E08D3FB753D695A16FE00",
        "877101E7E1E51C85C8F09209C59CA459305EC2CC23FD0E6938F3915F74CAAC06794A8518FEB0A11CD8"
        "A7C0A26B88F3DA567A803DBDD79AA853FE272A9C02690017EC95CDCDB0FEB944E1B63FC8F293552F32"
        "B663B16E929871E785D164B72DF076B89C480537A5B4B80EAAAAF5E786D89A3814990290008E080CBF"
        "D5F7F43CC3619000",
    ),
]


def test_aes_terminal_and_chip_match_the_reference_exchange() -> None:
    terminal, chip = SecureMessaging(AES_KEYS), ChipSecureMessaging(AES_KEYS)
    lengths = []
    for plain, protected, response in AES_EXCHANGES:
        wrapped = terminal.wrap(Apdu.parse(bytes.fromhex(plain)))
        assert wrapped.encode().hex().upper() == protected
        assert chip.unwrap_command(wrapped).encode() == bytes.fromhex(plain)
        data, sw = terminal.unwrap(*split(response))
        assert sw == 0x9000
        assert chip.wrap_response(data, sw) == split(response)
        lengths.append(len(data))
    assert lengths == [0, 4, 0x62]
    assert terminal.ssc == chip.ssc == 6
