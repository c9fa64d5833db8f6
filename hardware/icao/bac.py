"""Basic Access Control (ICAO 9303 Part 11 §4.3): terminal side and chip side.

The terminal side runs GET CHALLENGE and EXTERNAL AUTHENTICATE over a
:class:`CardConnection`; the chip side (:class:`BacChip`) is a pure object a simulated
card feeds with the same APDUs. Both end with the same :class:`SessionKeys`.
"""

from __future__ import annotations

import hmac

from hardware.card.connection import CardConnection, StatusWord
from hardware.icao.apdu import Apdu
from hardware.icao.errors import (
    AccessDeniedError,
    CardStatusError,
    ChipAuthenticationError,
    MalformedResponseError,
)
from hardware.icao.keys import Cipher, KdfCounter, RandomSource, SessionKeys, SystemRandom, kdf
from hardware.icao.mrz_key import mrz_key_seed
from hardware.icao.primitives import DES_BLOCK, pad, retail_mac, tdes_cbc_decrypt, tdes_cbc_encrypt
from hardware.icao.status import is_access_denied

INS_GET_CHALLENGE = 0x84
INS_EXTERNAL_AUTHENTICATE = 0x82
NONCE_LENGTH = 8
KEY_MATERIAL_LENGTH = 16
#: E (32 bytes) followed by its retail MAC (8 bytes).
AUTH_DATA_LENGTH = 40


def bac_access_keys(mrz_info: str) -> tuple[bytes, bytes]:
    """(K_enc, K_mac) derived from the MRZ information."""
    seed = mrz_key_seed(mrz_info)
    return kdf(seed, KdfCounter.ENC, Cipher.TDES), kdf(seed, KdfCounter.MAC, Cipher.TDES)


def _seal(k_enc: bytes, k_mac: bytes, plain: bytes) -> bytes:
    cryptogram = tdes_cbc_encrypt(k_enc, plain)
    return cryptogram + retail_mac(k_mac, pad(cryptogram, DES_BLOCK))


def _open(k_enc: bytes, k_mac: bytes, sealed: bytes) -> bytes:
    """Decrypt E || M after checking M; a wrong MAC means a wrong key."""
    if len(sealed) != AUTH_DATA_LENGTH:
        raise MalformedResponseError("mutual authentication data must be 40 bytes")
    cryptogram, mac = sealed[:32], sealed[32:]
    if not hmac.compare_digest(retail_mac(k_mac, pad(cryptogram, DES_BLOCK)), mac):
        raise AccessDeniedError("mutual authentication MAC does not verify: wrong MRZ data")
    return tdes_cbc_decrypt(k_enc, cryptogram)


def _session(rnd_ic: bytes, rnd_ifd: bytes, k_ic: bytes, k_ifd: bytes) -> SessionKeys:
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=True))
    # SSC = the four least significant bytes of RND.IC, then those of RND.IFD.
    ssc = int.from_bytes(rnd_ic[-4:] + rnd_ifd[-4:], "big")
    return SessionKeys.derive(seed, Cipher.TDES, ssc)


def external_authenticate_data(
    k_enc: bytes, k_mac: bytes, rnd_ifd: bytes, rnd_ic: bytes, k_ifd: bytes
) -> bytes:
    """E_IFD || M_IFD: the EXTERNAL AUTHENTICATE command data."""
    return _seal(k_enc, k_mac, rnd_ifd + rnd_ic + k_ifd)


def session_from_chip_response(
    response: bytes, *, k_enc: bytes, k_mac: bytes, rnd_ifd: bytes, rnd_ic: bytes, k_ifd: bytes
) -> SessionKeys:
    """Check the chip's E_IC || M_IC and derive the session keys and SSC.

    Raises :class:`ChipAuthenticationError` when the MAC or the echoed nonces do not match:
    the chip accepted the terminal, so the MRZ data was right and the chip is at fault.
    """
    try:
        plain = _open(k_enc, k_mac, response)
    except AccessDeniedError as exc:
        raise ChipAuthenticationError("chip's mutual authentication MAC does not verify") from exc
    if not hmac.compare_digest(plain[:8], rnd_ic) or not hmac.compare_digest(plain[8:16], rnd_ifd):
        raise ChipAuthenticationError("chip did not echo the BAC nonces")
    return _session(rnd_ic, rnd_ifd, plain[16:], k_ifd)


def perform_bac(
    connection: CardConnection, mrz_info: str, random: RandomSource | None = None
) -> SessionKeys:
    """Run BAC on the selected eMRTD application; returns the session keys and SSC.

    Raises :class:`AccessDeniedError` for wrong MRZ data, :class:`CardStatusError` when the
    chip refuses GET CHALLENGE, :class:`MalformedResponseError` for malformed answers.
    """
    source = random if random is not None else SystemRandom()
    k_enc, k_mac = bac_access_keys(mrz_info)
    rnd_ic, sw = connection.send_and_receive(Apdu(0x00, INS_GET_CHALLENGE, 0, 0, ne=8).encode())
    if sw != StatusWord.OK:
        raise CardStatusError("GET CHALLENGE refused", sw)
    if len(rnd_ic) != NONCE_LENGTH:
        raise MalformedResponseError("GET CHALLENGE must return 8 bytes")
    rnd_ifd = source.random_bytes(NONCE_LENGTH)
    k_ifd = source.random_bytes(KEY_MATERIAL_LENGTH)
    data = external_authenticate_data(k_enc, k_mac, rnd_ifd, rnd_ic, k_ifd)
    command = Apdu(0x00, INS_EXTERNAL_AUTHENTICATE, 0, 0, data, ne=AUTH_DATA_LENGTH)
    response, sw = connection.send_and_receive(command.encode())
    if is_access_denied(sw):
        raise AccessDeniedError("chip rejected BAC: wrong MRZ data")
    if sw != StatusWord.OK:
        raise CardStatusError("EXTERNAL AUTHENTICATE failed", sw)
    return session_from_chip_response(
        response, k_enc=k_enc, k_mac=k_mac, rnd_ifd=rnd_ifd, rnd_ic=rnd_ic, k_ifd=k_ifd
    )


class BacChip:
    """The chip side of BAC, for a simulated card. Pure: no I/O, no logging."""

    def __init__(self, mrz_info: str, random: RandomSource | None = None) -> None:
        self._k_enc, self._k_mac = bac_access_keys(mrz_info)
        self._random = random if random is not None else SystemRandom()
        self._rnd_ic: bytes | None = None
        self._session: SessionKeys | None = None

    @property
    def session_keys(self) -> SessionKeys | None:
        """The session keys once a terminal has authenticated, else ``None``."""
        return self._session

    def get_challenge(self) -> bytes:
        """A fresh RND.IC; a new challenge resets any authentication under way."""
        self._rnd_ic = self._random.random_bytes(NONCE_LENGTH)
        self._session = None
        return self._rnd_ic

    def external_authenticate(self, data: bytes) -> bytes:
        """Check E_IFD || M_IFD and answer E_IC || M_IC.

        Raises :class:`AccessDeniedError` for a wrong key or a stale challenge (one
        challenge serves one attempt).
        """
        rnd_ic, self._rnd_ic = self._rnd_ic, None
        if rnd_ic is None:
            raise AccessDeniedError("no challenge outstanding")
        try:
            plain = _open(self._k_enc, self._k_mac, data)
        except MalformedResponseError as exc:
            raise AccessDeniedError("malformed mutual authentication data") from exc
        if not hmac.compare_digest(plain[8:16], rnd_ic):
            raise AccessDeniedError("RND.IC not echoed")
        rnd_ifd, k_ifd = plain[:8], plain[16:]
        k_ic = self._random.random_bytes(KEY_MATERIAL_LENGTH)
        self._session = _session(rnd_ic, rnd_ifd, k_ic, k_ifd)
        return _seal(self._k_enc, self._k_mac, rnd_ic + rnd_ifd + k_ic)

    def handle(self, command: Apdu) -> tuple[bytes, int]:
        """Answer GET CHALLENGE / EXTERNAL AUTHENTICATE; (data, status word)."""
        if command.ins == INS_GET_CHALLENGE:
            if command.ne != NONCE_LENGTH:
                return b"", StatusWord.WRONG_LENGTH
            return self.get_challenge(), StatusWord.OK
        if command.ins == INS_EXTERNAL_AUTHENTICATE:
            try:
                return self.external_authenticate(command.data), StatusWord.OK
            except AccessDeniedError:
                return b"", StatusWord.AUTHENTICATION_FAILED
        return b"", StatusWord.INS_NOT_SUPPORTED
