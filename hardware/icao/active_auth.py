"""Active authentication (ICAO 9303 Part 11 §6.1): the chip signs a fresh challenge.

RSA signatures follow ISO/IEC 9796-2 digital signature scheme 1 (partial message
recovery: the chip chooses M1, the challenge is the non-recoverable M2); ECDSA
signatures are plain ``r || s`` (BSI TR-03111) with the hash DG14's
ActiveAuthenticationInfo names. The challenge is always fresh and random: a fixed one
would let a cloned chip replay a recorded answer.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from hardware.card.connection import CardConnection, StatusWord
from hardware.icao.apdu import EXTENDED_MAX_NE, SHORT_MAX_NE, Apdu
from hardware.icao.authenticity import Check
from hardware.icao.data_groups import PublicKey
from hardware.icao.keys import RandomSource, SystemRandom
from hardware.icao.passive_auth import hash_function

INS_INTERNAL_AUTHENTICATE = 0x88
CHALLENGE_LENGTH = 8
_HEADER_PARTIAL_RECOVERY = 0x6A
_TRAILER_IMPLICIT_SHA1 = 0xBC
_TRAILER_EXPLICIT = 0xCC
#: ISO/IEC 10118 hash identifiers of the explicit trailer.
_EXPLICIT_HASHES = {0x33: "sha1", 0x34: "sha256", 0x35: "sha512", 0x36: "sha384", 0x38: "sha224"}
_ECDSA_HASHES = {
    "1.2.840.10045.4.1": "sha1",
    "1.2.840.10045.4.3.1": "sha224",
    "1.2.840.10045.4.3.2": "sha256",
    "1.2.840.10045.4.3.3": "sha384",
    "1.2.840.10045.4.3.4": "sha512",
}


def perform_active_authentication(
    connection: CardConnection,
    key: PublicKey,
    signature_algorithm: str | None = None,
    random: RandomSource | None = None,
    *,
    extended_length: bool = False,
) -> Check:
    """Send INTERNAL AUTHENTICATE with a fresh challenge and verify the signature.

    ``signature_algorithm`` is the OID from DG14 (ECDSA keys). A chip that refuses or
    signs wrongly fails; transport errors propagate.
    """
    source = random if random is not None else SystemRandom()
    challenge = source.random_bytes(CHALLENGE_LENGTH)
    ne = EXTENDED_MAX_NE if extended_length else SHORT_MAX_NE
    command = Apdu(0x00, INS_INTERNAL_AUTHENTICATE, 0, 0, challenge, ne=ne)
    signature, sw = connection.send_and_receive(command.encode())
    if sw != StatusWord.OK or not signature:
        return Check.FAILED
    return (
        Check.PASSED
        if verify_signature(key, challenge, signature, signature_algorithm)
        else Check.FAILED
    )


def verify_signature(
    key: PublicKey, challenge: bytes, signature: bytes, signature_algorithm: str | None = None
) -> bool:
    """Whether ``signature`` is the chip's signature over ``challenge``."""
    if isinstance(key, rsa.RSAPublicKey):
        return _verify_iso9796_2(key, challenge, signature)
    half = len(signature) // 2
    if len(signature) % 2 or not half:
        return False
    der = encode_dss_signature(
        int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
    )
    digest = hash_function(_ECDSA_HASHES.get(signature_algorithm or "", _default_hash(key)))
    try:
        key.verify(der, challenge, ec.ECDSA(digest))
    except InvalidSignature:
        return False
    return True


def _default_hash(key: ec.EllipticCurvePublicKey) -> str:
    # Without ActiveAuthenticationInfo, the hash matching the key size is the usual choice.
    size = key.curve.key_size
    return "sha256" if size <= 256 else "sha384" if size <= 384 else "sha512"


def _verify_iso9796_2(key: rsa.RSAPublicKey, challenge: bytes, signature: bytes) -> bool:
    numbers = key.public_numbers()
    length = (numbers.n.bit_length() + 7) // 8
    value = int.from_bytes(signature, "big")
    if len(signature) != length or value >= numbers.n:
        return False
    message = pow(value, numbers.e, numbers.n).to_bytes(length, "big")
    if message[0] != _HEADER_PARTIAL_RECOVERY:
        return False
    if message[-1] == _TRAILER_IMPLICIT_SHA1:
        name, trailer = "sha1", 1
    elif message[-1] == _TRAILER_EXPLICIT and message[-2] in _EXPLICIT_HASHES:
        name, trailer = _EXPLICIT_HASHES[message[-2]], 2
    else:
        return False
    size = hashlib.new(name).digest_size
    digest = message[-trailer - size : -trailer]
    recovered = message[1 : -trailer - size]
    return hmac.compare_digest(digest, hashlib.new(name, recovered + challenge).digest())


class ActiveAuthenticationChip:
    """The chip side, for a simulated card: signs challenges with the DG15 private key."""

    def __init__(
        self,
        private_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
        random: RandomSource | None = None,
    ) -> None:
        self._key = private_key
        self._random = random if random is not None else SystemRandom()

    def sign(self, challenge: bytes) -> bytes:
        """The signature INTERNAL AUTHENTICATE answers with."""
        if isinstance(self._key, rsa.RSAPrivateKey):
            numbers = self._key.private_numbers()
            modulus = numbers.public_numbers.n
            length = (modulus.bit_length() + 7) // 8
            recoverable = self._random.random_bytes(length - 20 - 2)
            digest = hashlib.sha1(recoverable + challenge).digest()
            message = bytes([_HEADER_PARTIAL_RECOVERY]) + recoverable + digest
            message += bytes([_TRAILER_IMPLICIT_SHA1])
            value = pow(int.from_bytes(message, "big"), numbers.d, modulus)
            return value.to_bytes(length, "big")
        algorithm = hash_function(_default_hash(self._key.public_key()))
        r, s = decode_dss_signature(self._key.sign(challenge, ec.ECDSA(algorithm)))
        size = (self._key.curve.key_size + 7) // 8
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")
