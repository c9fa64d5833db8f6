"""Key derivation (ICAO 9303 Part 11 §9.7.1), session keys and the random-source seam."""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Protocol


class RandomSource(Protocol):
    """Where nonces and ephemeral keys come from; tests inject fixed bytes."""

    def random_bytes(self, n: int) -> bytes:
        """``n`` unpredictable bytes."""
        ...


class SystemRandom:
    """The operating system's CSPRNG."""

    def random_bytes(self, n: int) -> bytes:
        """``n`` bytes from :func:`secrets.token_bytes`."""
        return secrets.token_bytes(n)


class Cipher(enum.Enum):
    """The block cipher of a secure messaging session."""

    TDES = "3DES"
    AES_128 = "AES-128"
    AES_192 = "AES-192"
    AES_256 = "AES-256"

    @property
    def key_length(self) -> int:
        """Key length in bytes (two-key 3DES: 16)."""
        return _KEY_LENGTHS[self]

    @property
    def block_size(self) -> int:
        """8 for 3DES, 16 for AES; also the length of the send sequence counter."""
        return 8 if self is Cipher.TDES else 16


_KEY_LENGTHS = {Cipher.TDES: 16, Cipher.AES_128: 16, Cipher.AES_192: 24, Cipher.AES_256: 32}


class KdfCounter(enum.IntEnum):
    """The 32-bit counter that selects which key the KDF derives."""

    ENC = 1
    MAC = 2
    PACE = 3


def adjust_des_parity(key: bytes) -> bytes:
    """Set the least significant bit of every byte so that each byte has odd parity."""
    out = bytearray()
    for byte in key:
        high = byte & 0xFE
        out.append(high | ((bin(high).count("1") + 1) % 2))
    return bytes(out)


def kdf(shared_secret: bytes, counter: KdfCounter, cipher: Cipher) -> bytes:
    """KDF(K, c) of ICAO 9303 Part 11 §9.7.1.

    SHA-1 for 3DES and AES-128, SHA-256 for AES-192/256; 3DES keys get their parity bits
    adjusted (a two-key 3DES key: K_a || K_b).
    """
    data = shared_secret + int(counter).to_bytes(4, "big")
    if cipher in (Cipher.TDES, Cipher.AES_128):
        digest = hashlib.sha1(data).digest()
    else:
        digest = hashlib.sha256(data).digest()
    key = digest[: cipher.key_length]
    return adjust_des_parity(key) if cipher is Cipher.TDES else key


@dataclass(frozen=True, slots=True)
class SessionKeys:
    """The result of an access protocol: secure messaging keys and the starting SSC.

    The keys are kept out of ``repr`` so that a stray log line cannot leak them.
    """

    cipher: Cipher
    ks_enc: bytes = field(repr=False)
    ks_mac: bytes = field(repr=False)
    ssc: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        if len(self.ks_enc) != self.cipher.key_length or len(self.ks_mac) != self.cipher.key_length:
            raise ValueError("session key length does not match the cipher")

    @classmethod
    def derive(cls, shared_secret: bytes, cipher: Cipher, ssc: int = 0) -> SessionKeys:
        """KS_enc = KDF(K, 1), KS_mac = KDF(K, 2)."""
        return cls(
            cipher,
            kdf(shared_secret, KdfCounter.ENC, cipher),
            kdf(shared_secret, KdfCounter.MAC, cipher),
            ssc,
        )
