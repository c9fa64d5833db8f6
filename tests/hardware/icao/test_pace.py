"""PACE-ECDH-GM against ICAO 9303 Part 11 Appendix G.1, and chip against terminal."""

from __future__ import annotations

import pytest

from hardware.icao.apdu import Apdu
from hardware.icao.card_access import PaceInfo, parse_card_access
from hardware.icao.ec import standardized_group
from hardware.icao.errors import (
    AccessDeniedError,
    CardStatusError,
    ChipAuthenticationError,
    MalformedResponseError,
    UnsupportedProtocolError,
)
from hardware.icao.keys import Cipher, KdfCounter, kdf
from hardware.icao.mrz_key import mrz_information
from hardware.icao.pace import (
    PACE_ECDH_GM_AES_CBC_CMAC_128,
    PaceChip,
    PacePassword,
    PasswordType,
    authentication_token,
    map_generator,
    perform_pace,
    select_pace_info,
)
from hardware.icao.primitives import aes_cbc_decrypt

from .helpers import FixedRandom, InMemoryConnection, ScriptedConnection

# ICAO Doc 9303 Part 11 (8th ed.), Appendix G.1: PACE-ECDH-GM-AES-CBC-CMAC-128 on
# brainpoolP256r1 with the MRZ password of T22000129 / 640812 / 101031.
MRZ_INFO = mrz_information("T22000129", "640812", "101031")
CARD_ACCESS = "31143012060A04007F0007020204020202010202010D"
K_PI = "89DED1B26624EC1E634C1989302849DD"
NONCE_Z = "95A3A016522EE98D01E76CB6B98B42C3"
NONCE_S = "3F00C4D39D153F2B2A214A078D899B22"
SK_MAP_IFD = "7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99"
PK_MAP_IFD = (
    "047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
    "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D"
)
SK_MAP_IC = "498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560"
PK_MAP_IC = (
    "04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
    "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54"
)
SHARED_H = (
    "0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD5"
    "0840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181"
)
MAPPED_G = (
    "048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E2"
    "8C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522"
)
SK_IFD = "A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595"
PK_IFD = (
    "042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
    "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462"
)
SK_IC = "107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A"
PK_IC = (
    "049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
    "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094"
)
SHARED_K = "28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925"
KS_ENC = "F5F0E35C0D7161EE6724EE513A0D9A7F"
KS_MAC = "FE251C7858B356B24514B3BD5F4297D1"
T_IFD = "C2B0BD78D94BA866"
T_IC = "3ABB9674BCE93C08"
# The APDUs of the worked example (MSE:Set AT without the optional DO'84).
TRANSCRIPT = [
    ("0022C1A40F800A04007F00070202040202830101", "9000"),
    ("10860000027C0000", "7C1280" + "10" + NONCE_Z + "9000"),
    ("1086000045" + "7C438141" + PK_MAP_IFD + "00", "7C438241" + PK_MAP_IC + "9000"),
    ("1086000045" + "7C438341" + PK_IFD + "00", "7C438441" + PK_IC + "9000"),
    ("008600000C" + "7C0A8508" + T_IFD + "00", "7C0A8608" + T_IC + "9000"),
]
GROUP = standardized_group(13)
INFO = PaceInfo(PACE_ECDH_GM_AES_CBC_CMAC_128, 2, 13)


def h(text: str) -> bytes:
    return bytes.fromhex(text)


def test_card_access_of_appendix_g() -> None:
    card_access = parse_card_access(h(CARD_ACCESS))
    assert card_access.pace_infos == (INFO,)
    assert select_pace_info(card_access) == INFO


def test_nonce_decryption() -> None:
    password = PacePassword.from_mrz(MRZ_INFO)
    k_pi = kdf(password.secret, KdfCounter.PACE, Cipher.AES_128)
    assert k_pi.hex().upper() == K_PI
    assert aes_cbc_decrypt(k_pi, h(NONCE_Z)).hex().upper() == NONCE_S


def test_generic_mapping() -> None:
    sk_map_ifd = int(SK_MAP_IFD, 16)
    peer = GROUP.decode_point(h(PK_MAP_IC))
    assert (sk_map_ifd * GROUP.generator).encode().hex().upper() == PK_MAP_IFD
    assert (sk_map_ifd * peer).encode().hex().upper() == SHARED_H
    assert (int(SK_MAP_IC, 16) * GROUP.decode_point(h(PK_MAP_IFD))).encode() == h(SHARED_H)
    mapped = map_generator(GROUP, h(NONCE_S), sk_map_ifd, peer)
    assert mapped.encode().hex().upper() == MAPPED_G


def test_key_agreement_and_tokens() -> None:
    mapped = GROUP.decode_point(h(MAPPED_G))
    assert (int(SK_IFD, 16) * mapped).encode().hex().upper() == PK_IFD
    assert (int(SK_IC, 16) * mapped).encode().hex().upper() == PK_IC
    shared = int(SK_IFD, 16) * GROUP.decode_point(h(PK_IC))
    assert shared.x_bytes().hex().upper() == SHARED_K
    ks_mac = kdf(shared.x_bytes(), KdfCounter.MAC, Cipher.AES_128)
    assert kdf(shared.x_bytes(), KdfCounter.ENC, Cipher.AES_128).hex().upper() == KS_ENC
    assert ks_mac.hex().upper() == KS_MAC
    assert authentication_token(ks_mac, INFO.protocol, h(PK_IC)).hex().upper() == T_IFD
    assert authentication_token(ks_mac, INFO.protocol, h(PK_IFD)).hex().upper() == T_IC


def test_terminal_reproduces_the_appendix_g_transcript() -> None:
    card = ScriptedConnection(TRANSCRIPT)
    random = FixedRandom([h(SK_MAP_IFD), h(SK_IFD)])
    keys = perform_pace(
        card, PacePassword.from_mrz(MRZ_INFO), INFO, random, send_parameter_id=False
    )
    assert card.finished and random.exhausted
    assert (keys.cipher, keys.ks_enc.hex().upper(), keys.ks_mac.hex().upper(), keys.ssc) == (
        Cipher.AES_128,
        KS_ENC,
        KS_MAC,
        0,
    )


def test_terminal_sends_the_parameter_id_by_default() -> None:
    script = [("0022C1A412800A04007F0007020204020283010184010D", "9000"), *TRANSCRIPT[1:]]
    card = ScriptedConnection(script)
    perform_pace(
        card, PacePassword.from_mrz(MRZ_INFO), INFO, FixedRandom([h(SK_MAP_IFD), h(SK_IFD)])
    )
    assert card.finished


def test_chip_reproduces_the_appendix_g_transcript() -> None:
    random = FixedRandom([h(NONCE_S), h(SK_MAP_IC), h(SK_IC)])
    chip = PaceChip(PacePassword.from_mrz(MRZ_INFO), INFO, random)
    for command, response in TRANSCRIPT:
        data, sw = chip.handle(Apdu.parse(h(command)))
        assert (data + sw.to_bytes(2, "big")).hex().upper() == response
    keys = chip.session_keys
    assert keys is not None
    assert (keys.ks_enc.hex().upper(), keys.ks_mac.hex().upper()) == (KS_ENC, KS_MAC)


@pytest.mark.parametrize("parameter_id", [12, 13, 16])
@pytest.mark.parametrize("protocol_cipher", ["2.2", "2.4"])
def test_terminal_and_chip_agree_with_random_keys(parameter_id: int, protocol_cipher: str) -> None:
    info = PaceInfo("0.4.0.127.0.7.2.2.4." + protocol_cipher, 2, parameter_id)
    password = PacePassword.from_can("123456")
    chip = PaceChip(password, info)
    keys = perform_pace(InMemoryConnection(chip.handle), password, info)
    assert chip.session_keys == keys
    assert keys.ssc == 0


def test_wrong_can_gives_access_denied() -> None:
    chip = PaceChip(PacePassword.from_can("123456"), INFO)
    with pytest.raises(AccessDeniedError):
        perform_pace(InMemoryConnection(chip.handle), PacePassword.from_can("123457"), INFO)
    assert chip.session_keys is None


def test_mrz_password_where_can_is_expected_is_refused_at_set_at() -> None:
    chip = PaceChip(PacePassword.from_can("123456"), INFO)
    with pytest.raises(CardStatusError) as info:
        perform_pace(InMemoryConnection(chip.handle), PacePassword.from_mrz(MRZ_INFO), INFO)
    assert info.value.status_word == 0x6A80


def test_a_forged_chip_token_is_refused() -> None:
    script = [*TRANSCRIPT[:-1], (TRANSCRIPT[-1][0], "7C0A8608" + "00" * 8 + "9000")]
    with pytest.raises(ChipAuthenticationError):
        perform_pace(
            ScriptedConnection(script),
            PacePassword.from_mrz(MRZ_INFO),
            INFO,
            FixedRandom([h(SK_MAP_IFD), h(SK_IFD)]),
            send_parameter_id=False,
        )


def test_chip_refuses_steps_out_of_order() -> None:
    chip = PaceChip(PacePassword.from_can("123456"), INFO)
    assert chip.handle(Apdu.parse(h(TRANSCRIPT[2][0]))) == (b"", 0x6985)


def test_a_point_off_the_curve_is_refused() -> None:
    off_curve = PK_MAP_IC[:-2] + "55"
    script = [*TRANSCRIPT[:2], (TRANSCRIPT[2][0], "7C438241" + off_curve + "9000")]
    with pytest.raises(MalformedResponseError, match="point"):
        perform_pace(
            ScriptedConnection(script),
            PacePassword.from_mrz(MRZ_INFO),
            INFO,
            FixedRandom([h(SK_MAP_IFD)]),
            send_parameter_id=False,
        )


def test_password_repr_hides_the_secret() -> None:
    password = PacePassword.from_can("123456")
    assert "123456" not in repr(password)
    assert password.kind is PasswordType.CAN


def test_unsupported_protocols_are_reported() -> None:
    # id-PACE-DH-GM-AES-CBC-CMAC-128 (1.2) with parameter id 2: neither is implemented.
    card_access = parse_card_access(h("31143012060A04007F00070202040102020102020102"))
    with pytest.raises(UnsupportedProtocolError):
        select_pace_info(card_access)
