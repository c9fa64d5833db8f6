"""BAC against the ICAO 9303 Part 11 Appendix D worked example, and chip against terminal."""

from __future__ import annotations

import secrets

import pytest

from hardware.icao.apdu import Apdu
from hardware.icao.bac import (
    BacChip,
    bac_access_keys,
    external_authenticate_data,
    perform_bac,
    session_from_chip_response,
)
from hardware.icao.errors import AccessDeniedError, CardStatusError, ChipAuthenticationError
from hardware.icao.keys import Cipher, SystemRandom
from hardware.icao.mrz_key import mrz_information
from hardware.icao.secure_messaging import ChipSecureMessaging, SecureMessaging

from .helpers import FixedRandom, InMemoryConnection, ScriptedConnection

# ICAO Doc 9303 Part 11 (8th ed.), Appendix D.3.
MRZ_INFO = "L898902C<369080619406236"
K_ENC = "AB94FDECF2674FDFB9B391F85D7F76F2"
K_MAC = "7962D9ECE03D1ACD4C76089DCE131543"
RND_IC = "4608F91988702212"
RND_IFD = "781723860C06C226"
K_IFD = "0B795240CB7049B01C19B33E32804F0B"
K_IC = "0B4F80323EB3191CB04970CB4052790B"
EA_COMMAND = "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2" + "5F1448EEA8AD90A7"
EA_RESPONSE = (
    "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F" + "2F2D235D074D7449"
)
KS_ENC = "979EC13B1CBFE9DCD01AB0FED307EAE5"
KS_MAC = "F1CB1F1FB5ADF208806B89DC579DC1F8"
SSC = 0x887022120C06C226


def h(text: str) -> bytes:
    return bytes.fromhex(text)


def test_access_keys() -> None:
    k_enc, k_mac = bac_access_keys(MRZ_INFO)
    assert (k_enc.hex().upper(), k_mac.hex().upper()) == (K_ENC, K_MAC)


def test_external_authenticate_command_data() -> None:
    data = external_authenticate_data(h(K_ENC), h(K_MAC), h(RND_IFD), h(RND_IC), h(K_IFD))
    assert data.hex().upper() == EA_COMMAND


def test_session_keys_from_the_chip_response() -> None:
    keys = session_from_chip_response(
        h(EA_RESPONSE),
        k_enc=h(K_ENC),
        k_mac=h(K_MAC),
        rnd_ifd=h(RND_IFD),
        rnd_ic=h(RND_IC),
        k_ifd=h(K_IFD),
    )
    assert keys.cipher is Cipher.TDES
    assert keys.ks_enc.hex().upper() == KS_ENC
    assert keys.ks_mac.hex().upper() == KS_MAC
    assert keys.ssc == SSC


def test_terminal_reproduces_the_appendix_d_transcript() -> None:
    card = ScriptedConnection(
        [
            ("0084000008", RND_IC + "9000"),
            ("0082000028" + EA_COMMAND + "28", EA_RESPONSE + "9000"),
        ]
    )
    keys = perform_bac(card, MRZ_INFO, FixedRandom([h(RND_IFD), h(K_IFD)]))
    assert card.finished
    assert (keys.ks_enc.hex().upper(), keys.ks_mac.hex().upper(), keys.ssc) == (
        KS_ENC,
        KS_MAC,
        SSC,
    )


def test_chip_reproduces_the_appendix_d_transcript() -> None:
    chip = BacChip(MRZ_INFO, FixedRandom([h(RND_IC), h(K_IC)]))
    assert chip.handle(Apdu(0x00, 0x84, 0, 0, ne=8)) == (h(RND_IC), 0x9000)
    data, sw = chip.handle(Apdu(0x00, 0x82, 0, 0, h(EA_COMMAND), ne=40))
    assert (data.hex().upper(), sw) == (EA_RESPONSE, 0x9000)
    keys = chip.session_keys
    assert keys is not None
    assert (keys.ks_enc.hex().upper(), keys.ks_mac.hex().upper(), keys.ssc) == (
        KS_ENC,
        KS_MAC,
        SSC,
    )


def test_a_chip_response_that_does_not_verify_is_refused() -> None:
    wrong = mrz_information("L898902C", "690806", "940624")
    k_enc, k_mac = bac_access_keys(wrong)
    with pytest.raises(ChipAuthenticationError):
        session_from_chip_response(
            h(EA_RESPONSE),
            k_enc=k_enc,
            k_mac=k_mac,
            rnd_ifd=h(RND_IFD),
            rnd_ic=h(RND_IC),
            k_ifd=h(K_IFD),
        )


def _chip_connection(chip: BacChip) -> InMemoryConnection:
    return InMemoryConnection(chip.handle)


def test_terminal_and_chip_agree_with_random_keys() -> None:
    info = mrz_information("123456789", "900101", "300101")
    chip = BacChip(info)
    keys = perform_bac(_chip_connection(chip), info, SystemRandom())
    assert chip.session_keys == keys
    # Both ends can talk under secure messaging with the keys they agreed.
    terminal_sm, chip_sm = SecureMessaging(keys), ChipSecureMessaging(keys)
    payload = secrets.token_bytes(20)
    command = chip_sm.unwrap_command(terminal_sm.wrap(Apdu(0x00, 0xB0, 0, 0, ne=20)))
    assert command == Apdu(0x00, 0xB0, 0, 0, ne=20)
    assert terminal_sm.unwrap(*chip_sm.wrap_response(payload, 0x9000)) == (payload, 0x9000)


def test_wrong_mrz_data_gives_access_denied() -> None:
    chip = BacChip(mrz_information("123456789", "900101", "300101"))
    with pytest.raises(AccessDeniedError):
        perform_bac(_chip_connection(chip), mrz_information("123456789", "900101", "300102"))
    assert chip.session_keys is None


def test_external_authenticate_without_challenge_is_refused() -> None:
    chip = BacChip(MRZ_INFO)
    assert chip.handle(Apdu(0x00, 0x82, 0, 0, h(EA_COMMAND), ne=40)) == (b"", 0x6300)


def test_refused_get_challenge_is_a_status_error() -> None:
    card = ScriptedConnection([("0084000008", "6D00")])
    with pytest.raises(CardStatusError) as info:
        perform_bac(card, MRZ_INFO)
    assert info.value.status_word == 0x6D00
