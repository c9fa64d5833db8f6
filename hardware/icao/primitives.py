"""Block cipher primitives of ICAO 9303, built on :mod:`cryptography`.

3DES-CBC and the ISO 9797-1 MAC algorithm 3 (retail MAC) for BAC; AES-CBC and AES-CMAC
for PACE. Keys are two-key 3DES (16 bytes) or AES keys; nothing here logs anything.
"""

from __future__ import annotations

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher as _Cipher
from cryptography.hazmat.primitives.ciphers import algorithms, modes
from cryptography.hazmat.primitives.cmac import CMAC

from hardware.icao.errors import SecureMessagingError

DES_BLOCK = 8
AES_BLOCK = 16
MAC_LENGTH = 8


def pad(data: bytes, block_size: int) -> bytes:
    """ISO/IEC 9797-1 padding method 2: 0x80 then zeros up to a whole block."""
    padded = data + b"\x80"
    return padded + b"\x00" * (-len(padded) % block_size)


def unpad(data: bytes) -> bytes:
    """Remove ISO/IEC 9797-1 method 2 padding; a malformed pad is a secure messaging error."""
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80"):
        raise SecureMessagingError("invalid padding in decrypted data")
    return stripped[:-1]


def _tdes_key(key: bytes) -> bytes:
    # cryptography deprecates two-key and single-key TripleDES objects; the same cipher
    # is reached with the explicit three-key form K1 || K2 || K1 (or K || K || K).
    if len(key) == 8:
        return key * 3
    if len(key) == 16:
        return key + key[:8]
    raise ValueError("3DES keys are 8 or 16 bytes")


def tdes_cbc_encrypt(key: bytes, data: bytes, iv: bytes = bytes(DES_BLOCK)) -> bytes:
    """3DES-CBC encryption of whole blocks (ICAO uses a zero IV)."""
    encryptor = _Cipher(TripleDES(_tdes_key(key)), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def tdes_cbc_decrypt(key: bytes, data: bytes, iv: bytes = bytes(DES_BLOCK)) -> bytes:
    """3DES-CBC decryption of whole blocks."""
    decryptor = _Cipher(TripleDES(_tdes_key(key)), modes.CBC(iv)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO/IEC 9797-1 MAC algorithm 3 with DES, over data already padded to 8 bytes.

    Single-DES CBC-MAC with K_a over every block but the last, then the last block goes
    through 3DES (K_a, K_b): the same as CBC-MAC with K_a followed by D_Kb and E_Ka.
    """
    if len(key) != 16 or len(data) % DES_BLOCK or not data:
        raise ValueError("retail MAC needs a 16-byte key and whole 8-byte blocks")
    chain = bytes(DES_BLOCK)
    if len(data) > DES_BLOCK:
        chain = tdes_cbc_encrypt(key[:8], data[:-DES_BLOCK])[-DES_BLOCK:]
    last = bytes(a ^ b for a, b in zip(chain, data[-DES_BLOCK:], strict=True))
    return tdes_cbc_encrypt(key, last)


def aes_ecb_encrypt_block(key: bytes, block: bytes) -> bytes:
    """One AES block encryption (used for the secure messaging IV: E(KS_enc, SSC))."""
    # A single-block CBC with a zero IV is ECB for that block; avoids the ECB mode object.
    return aes_cbc_encrypt(key, block)


def aes_cbc_encrypt(key: bytes, data: bytes, iv: bytes = bytes(AES_BLOCK)) -> bytes:
    """AES-CBC encryption of whole blocks."""
    encryptor = _Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def aes_cbc_decrypt(key: bytes, data: bytes, iv: bytes = bytes(AES_BLOCK)) -> bytes:
    """AES-CBC decryption of whole blocks."""
    decryptor = _Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def aes_cmac(key: bytes, data: bytes) -> bytes:
    """AES-CMAC truncated to the 8 bytes ICAO 9303 uses."""
    mac = CMAC(algorithms.AES(key))
    mac.update(data)
    return mac.finalize()[:MAC_LENGTH]
