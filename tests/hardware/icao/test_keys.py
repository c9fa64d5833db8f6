"""KDF and parity (ICAO 9303 Part 11 §9.7.1, Appendix D.1/D.2 and G)."""

from __future__ import annotations

import pytest

from hardware.icao.keys import Cipher, KdfCounter, SessionKeys, adjust_des_parity, kdf


def test_bac_keys_of_appendix_d() -> None:
    seed = bytes.fromhex("239AB9CB282DAF66231DC5A4DF6BFBAE")
    assert kdf(seed, KdfCounter.ENC, Cipher.TDES).hex().upper() == (
        "AB94FDECF2674FDFB9B391F85D7F76F2"
    )
    assert kdf(seed, KdfCounter.MAC, Cipher.TDES).hex().upper() == (
        "7962D9ECE03D1ACD4C76089DCE131543"
    )


def test_pace_password_key_of_appendix_g() -> None:
    k = bytes.fromhex("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD")
    assert kdf(k, KdfCounter.PACE, Cipher.AES_128).hex().upper() == (
        "89DED1B26624EC1E634C1989302849DD"
    )


def test_parity_makes_every_byte_odd() -> None:
    for byte in range(256):
        adjusted = adjust_des_parity(bytes([byte]))[0]
        assert bin(adjusted).count("1") % 2 == 1
        assert adjusted & 0xFE == byte & 0xFE


@pytest.mark.parametrize(
    ("cipher", "length"),
    [(Cipher.TDES, 16), (Cipher.AES_128, 16), (Cipher.AES_192, 24), (Cipher.AES_256, 32)],
)
def test_key_lengths(cipher: Cipher, length: int) -> None:
    assert len(kdf(b"secret", KdfCounter.ENC, cipher)) == length


def test_session_keys_hide_key_material_from_repr() -> None:
    keys = SessionKeys(Cipher.AES_128, b"\x11" * 16, b"\x22" * 16, 5)
    assert "11" not in repr(keys) and "22" not in repr(keys) and "5" not in repr(keys)


def test_session_keys_check_lengths() -> None:
    with pytest.raises(ValueError):
        SessionKeys(Cipher.AES_256, b"\x11" * 16, b"\x22" * 16)
