"""ICAO 9303 secure messaging (ISO 7816-4 SM), terminal and chip side.

After BAC: 3DES-CBC (zero IV) + retail MAC, 8-byte SSC. After PACE: AES-CBC with
IV = E(KS_enc, SSC) + AES-CMAC truncated to 8 bytes, 16-byte SSC. The SSC is incremented
before every command is protected and before every response is checked, on both sides.

Commands carry DO'87 (or DO'85 for an odd INS, whose data is already BER-TLV and so has
no padding-content indicator), DO'97 (Le) and DO'8E (MAC); responses carry DO'87/DO'85,
DO'99 (status word) and DO'8E. A response whose MAC does not verify raises
:class:`SecureMessagingError` and its data is never returned. A response with an error
status word and no data carries no MAC on real cards: it is reported as that status word.
"""

from __future__ import annotations

import hmac

from hardware.card.connection import CardConnection
from hardware.icao.apdu import EXTENDED_MAX_NE, SHORT_MAX_NC, SHORT_MAX_NE, Apdu
from hardware.icao.errors import MalformedResponseError, SecureMessagingError
from hardware.icao.keys import Cipher, SessionKeys
from hardware.icao.primitives import (
    aes_cbc_decrypt,
    aes_cbc_encrypt,
    aes_cmac,
    aes_ecb_encrypt_block,
    pad,
    retail_mac,
    tdes_cbc_decrypt,
    tdes_cbc_encrypt,
    unpad,
)
from hardware.icao.tlv import encode_tlv, iter_tlv

#: CLA bits that say "secure messaging, header authenticated" (ISO 7816-4 §5.4.1).
SM_CLA_BITS = 0x0C
_TAG_CRYPTOGRAM_ODD = 0x85
_TAG_CRYPTOGRAM = 0x87
_TAG_LE = 0x97
_TAG_STATUS = 0x99
_TAG_MAC = 0x8E
_PADDING_INDICATOR = b"\x01"
_SW_OK = 0x9000


class _SessionCrypto:
    """The per-session state shared by both sides: keys, cipher and the SSC."""

    def __init__(self, keys: SessionKeys) -> None:
        self._keys = keys
        self._block = keys.cipher.block_size
        self._ssc = keys.ssc
        self._ssc_modulus = 1 << (8 * self._block)

    @property
    def ssc(self) -> int:
        """The current send sequence counter (last value used)."""
        return self._ssc

    def _next_ssc(self) -> bytes:
        self._ssc = (self._ssc + 1) % self._ssc_modulus
        return self._ssc.to_bytes(self._block, "big")

    def _encrypt(self, data: bytes, ssc: bytes) -> bytes:
        padded = pad(data, self._block)
        if self._keys.cipher is Cipher.TDES:
            return tdes_cbc_encrypt(self._keys.ks_enc, padded)
        iv = aes_ecb_encrypt_block(self._keys.ks_enc, ssc)
        return aes_cbc_encrypt(self._keys.ks_enc, padded, iv)

    def _decrypt(self, cryptogram: bytes, ssc: bytes) -> bytes:
        if not cryptogram or len(cryptogram) % self._block:
            raise SecureMessagingError("cryptogram is not a whole number of blocks")
        if self._keys.cipher is Cipher.TDES:
            plain = tdes_cbc_decrypt(self._keys.ks_enc, cryptogram)
        else:
            iv = aes_ecb_encrypt_block(self._keys.ks_enc, ssc)
            plain = aes_cbc_decrypt(self._keys.ks_enc, cryptogram, iv)
        return unpad(plain)

    def _mac(self, ssc: bytes, message: bytes) -> bytes:
        padded = pad(ssc + message, self._block)
        if self._keys.cipher is Cipher.TDES:
            return retail_mac(self._keys.ks_mac, padded)
        return aes_cmac(self._keys.ks_mac, padded)

    def _verify_mac(self, ssc: bytes, message: bytes, mac: bytes) -> None:
        # Constant-time comparison: a MAC oracle must not leak through timing.
        if not hmac.compare_digest(self._mac(ssc, message), mac):
            raise SecureMessagingError("MAC check failed")

    def _cryptogram_do(self, ins: int, data: bytes, ssc: bytes) -> bytes:
        cryptogram = self._encrypt(data, ssc)
        if ins & 1:
            return encode_tlv(_TAG_CRYPTOGRAM_ODD, cryptogram)
        return encode_tlv(_TAG_CRYPTOGRAM, _PADDING_INDICATOR + cryptogram)

    def _open_cryptogram(self, tag: int, value: bytes, ssc: bytes) -> bytes:
        if tag == _TAG_CRYPTOGRAM:
            if not value.startswith(_PADDING_INDICATOR):
                raise SecureMessagingError("DO'87 without padding-content indicator 01")
            value = value[1:]
        return self._decrypt(value, ssc)


def _split_protected(body: bytes, allowed: frozenset[int]) -> tuple[dict[int, bytes], bytes, bytes]:
    """Data objects by tag, the bytes the MAC covers, and the MAC itself.

    DO'8E must be present and last; the MAC covers every object before it, in order.
    """
    objects: dict[int, bytes] = {}
    covered = bytearray()
    mac: bytes | None = None
    try:
        for tag, value, whole in iter_tlv(body):
            if mac is not None:
                raise SecureMessagingError("data object after DO'8E")
            if tag == _TAG_MAC:
                mac = value
                continue
            if tag not in allowed or tag in objects:
                raise SecureMessagingError(f"unexpected or repeated data object {tag:02X}")
            objects[tag] = value
            covered += whole
    except MalformedResponseError as exc:
        raise SecureMessagingError("malformed secure messaging data objects") from exc
    if mac is None:
        raise SecureMessagingError("DO'8E (MAC) missing")
    if _TAG_CRYPTOGRAM in objects and _TAG_CRYPTOGRAM_ODD in objects:
        raise SecureMessagingError("both DO'85 and DO'87 present")
    return objects, bytes(covered), mac


def _encode_le(ne: int) -> bytes:
    # One byte for Ne up to 256 (00 = 256), two for more (0000 = 65536), as in Le fields.
    if ne <= SHORT_MAX_NE:
        return bytes([ne % SHORT_MAX_NE])
    return (ne % EXTENDED_MAX_NE).to_bytes(2, "big")


def _decode_le(value: bytes) -> int:
    if len(value) == 1:
        return value[0] or SHORT_MAX_NE
    if len(value) == 2:
        return int.from_bytes(value, "big") or EXTENDED_MAX_NE
    raise SecureMessagingError("DO'97 must hold one or two bytes")


class SecureMessaging(_SessionCrypto):
    """Terminal side: protect commands, check and open responses.

    One instance per session; it is stateful (the SSC) and not thread-safe.
    """

    def wrap(self, command: Apdu) -> Apdu:
        """The protected form of ``command``; increments the SSC."""
        if command.cla & SM_CLA_BITS:
            raise ValueError("command is already protected")
        ssc = self._next_ssc()
        cla = command.cla | SM_CLA_BITS
        objects = b""
        if command.data:
            objects += self._cryptogram_do(command.ins, command.data, ssc)
        if command.ne is not None:
            objects += encode_tlv(_TAG_LE, _encode_le(command.ne))
        header = bytes((cla, command.ins, command.p1, command.p2))
        mac = self._mac(ssc, pad(header, self._block) + objects)
        body = objects + encode_tlv(_TAG_MAC, mac)
        extended = command.is_extended or len(body) > SHORT_MAX_NC
        return Apdu(
            cla,
            command.ins,
            command.p1,
            command.p2,
            body,
            ne=EXTENDED_MAX_NE if extended else SHORT_MAX_NE,
            extended=extended,
        )

    def unwrap(self, data: bytes, sw: int) -> tuple[bytes, int]:
        """Check and open a response; returns (plain data, status word from DO'99).

        Raises :class:`SecureMessagingError` when the MAC or the data objects are wrong.
        """
        ssc = self._next_ssc()
        if not data:
            if sw == _SW_OK:
                raise SecureMessagingError("unprotected 9000 response")
            # Error status words come back without DO'99/DO'8E (see module docstring).
            return b"", sw
        allowed = frozenset({_TAG_CRYPTOGRAM, _TAG_CRYPTOGRAM_ODD, _TAG_STATUS})
        objects, covered, mac = _split_protected(data, allowed)
        self._verify_mac(ssc, covered, mac)
        status = objects.get(_TAG_STATUS)
        if status is None or len(status) != 2:
            raise SecureMessagingError("DO'99 (status word) missing or malformed")
        plain = b""
        for tag in (_TAG_CRYPTOGRAM, _TAG_CRYPTOGRAM_ODD):
            if tag in objects:
                plain = self._open_cryptogram(tag, objects[tag], ssc)
        # The authenticated status word wins over the unauthenticated SW1 SW2.
        return plain, int.from_bytes(status, "big")


class ChipSecureMessaging(_SessionCrypto):
    """Chip side, for a simulated card: open protected commands, protect responses.

    On :class:`SecureMessagingError` a chip answers 6988 (plain) and ends the session.
    """

    def __init__(self, keys: SessionKeys) -> None:
        super().__init__(keys)
        self._last_ins = 0

    def unwrap_command(self, command: Apdu) -> Apdu:
        """The plain command inside a protected one; increments the SSC."""
        ssc = self._next_ssc()
        if command.cla & SM_CLA_BITS != SM_CLA_BITS:
            raise SecureMessagingError("command is not protected")
        allowed = frozenset({_TAG_CRYPTOGRAM, _TAG_CRYPTOGRAM_ODD, _TAG_LE})
        objects, covered, mac = _split_protected(command.data, allowed)
        self._verify_mac(ssc, pad(command.header, self._block) + covered, mac)
        data = b""
        for tag in (_TAG_CRYPTOGRAM, _TAG_CRYPTOGRAM_ODD):
            if tag in objects:
                data = self._open_cryptogram(tag, objects[tag], ssc)
        le = objects.get(_TAG_LE)
        ne = None if le is None else _decode_le(le)
        self._last_ins = command.ins
        return Apdu(
            command.cla & ~SM_CLA_BITS & 0xFF,
            command.ins,
            command.p1,
            command.p2,
            data,
            ne,
            extended=le is not None and len(le) == 2,
        )

    def wrap_response(self, data: bytes, sw: int) -> tuple[bytes, int]:
        """The protected response (data objects, status word); increments the SSC."""
        ssc = self._next_ssc()
        if not data and sw != _SW_OK:
            return b"", sw
        objects = b""
        if data:
            objects += self._cryptogram_do(self._last_ins, data, ssc)
        objects += encode_tlv(_TAG_STATUS, sw.to_bytes(2, "big"))
        mac = self._mac(ssc, objects)
        return objects + encode_tlv(_TAG_MAC, mac), sw


class SecureMessagingConnection(CardConnection):
    """A :class:`CardConnection` that protects every APDU sent through it.

    Callers send and receive plain APDUs; closing it closes the inner connection.
    """

    def __init__(self, inner: CardConnection, keys: SessionKeys) -> None:
        self._inner = inner
        self._sm = SecureMessaging(keys)

    @property
    def secure_messaging(self) -> SecureMessaging:
        """The session state (for its SSC; tests and diagnostics)."""
        return self._sm

    def send_and_receive(self, apdu: bytes) -> tuple[bytes, int]:
        """Protect ``apdu``, send it, and return the checked, decrypted response."""
        command = Apdu.parse(apdu)
        protected = self._sm.wrap(command)
        data, sw = self._inner.send_and_receive(protected.encode())
        return self._sm.unwrap(data, sw)

    @property
    def atr(self) -> bytes:
        """The card's answer to reset."""
        return self._inner.atr

    def close(self) -> None:
        """Close the inner connection."""
        self._inner.close()
