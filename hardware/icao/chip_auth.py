"""Chip authentication (ICAO 9303 Part 11 §6.2), ECDH with AES session keys.

The terminal sends an ephemeral public key on the curve of DG14's key; both sides derive
K = x(SK · PK) and restart secure messaging with KS_enc = KDF(K, 1), KS_mac = KDF(K, 2)
and SSC 0. The chip is authenticated implicitly: only a chip holding the private key of
DG14 (which passive authentication vouches for) can answer the next command correctly,
so the caller must send one and treat a secure messaging failure as a failed check.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from hardware.card.connection import CardConnection, StatusWord
from hardware.icao.apdu import Apdu
from hardware.icao.card_access import oid_contents
from hardware.icao.data_groups import ChipAuthenticationInfo
from hardware.icao.errors import (
    CardStatusError,
    MalformedResponseError,
    UnsupportedProtocolError,
)
from hardware.icao.keys import Cipher, SessionKeys
from hardware.icao.tlv import encode_tlv, find_tlv, require_tlv

INS_MSE = 0x22
INS_GENERAL_AUTHENTICATE = 0x86
CA_ECDH_AES_128 = "0.4.0.127.0.7.2.2.3.2.2"
_CIPHERS = {
    CA_ECDH_AES_128: Cipher.AES_128,
    "0.4.0.127.0.7.2.2.3.2.3": Cipher.AES_192,
    "0.4.0.127.0.7.2.2.3.2.4": Cipher.AES_256,
}
_TAG_PROTOCOL, _TAG_KEY_ID, _TAG_DYNAMIC, _TAG_EPHEMERAL = 0x80, 0x84, 0x7C, 0x80


def _point(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)


def perform_chip_authentication(
    connection: CardConnection, info: ChipAuthenticationInfo
) -> SessionKeys:
    """Run CA over the current (protected) connection; returns the new session keys.

    Raises :class:`UnsupportedProtocolError` for a protocol this code does not offer,
    :class:`CardStatusError` when the chip refuses.
    """
    cipher = _CIPHERS.get(info.protocol)
    if cipher is None:
        raise UnsupportedProtocolError("chip authentication protocol not implemented")
    data = encode_tlv(_TAG_PROTOCOL, oid_contents(info.protocol))
    if info.key_id is not None:
        data += encode_tlv(
            _TAG_KEY_ID, info.key_id.to_bytes(max(1, (info.key_id.bit_length() + 7) // 8), "big")
        )
    _, sw = connection.send_and_receive(Apdu(0x00, INS_MSE, 0x41, 0xA4, data).encode())
    if sw != StatusWord.OK:
        raise CardStatusError("MSE:Set AT for chip authentication refused", sw)
    ephemeral = ec.generate_private_key(info.public_key.curve)
    body = encode_tlv(_TAG_DYNAMIC, encode_tlv(_TAG_EPHEMERAL, _point(ephemeral.public_key())))
    command = Apdu(0x00, INS_GENERAL_AUTHENTICATE, 0, 0, body, ne=256)
    _, sw = connection.send_and_receive(command.encode())
    if sw != StatusWord.OK:
        raise CardStatusError("GENERAL AUTHENTICATE for chip authentication refused", sw)
    shared = ephemeral.exchange(ec.ECDH(), info.public_key)
    return SessionKeys.derive(shared, cipher)


class ChipAuthenticationChip:
    """The chip side, for a simulated card. ``handle`` answers MSE:Set AT and GA."""

    def __init__(
        self, private_key: ec.EllipticCurvePrivateKey, protocol: str = CA_ECDH_AES_128
    ) -> None:
        self._key = private_key
        self._protocol = protocol
        self._armed = False
        self.new_session: SessionKeys | None = None

    def handle(self, command: Apdu) -> tuple[bytes, int]:
        """(data, status word); after a successful GA, :attr:`new_session` holds the keys."""
        if command.ins == INS_MSE and (command.p1, command.p2) == (0x41, 0xA4):
            try:
                protocol = find_tlv(command.data, _TAG_PROTOCOL)
            except MalformedResponseError:
                return b"", StatusWord.WRONG_DATA
            self._armed = protocol == oid_contents(self._protocol)
            return b"", StatusWord.OK if self._armed else StatusWord.WRONG_DATA
        if command.ins == INS_GENERAL_AUTHENTICATE and self._armed:
            self._armed = False
            try:
                point = require_tlv(require_tlv(command.data, _TAG_DYNAMIC), _TAG_EPHEMERAL)
                peer = ec.EllipticCurvePublicKey.from_encoded_point(self._key.curve, point)
            except (MalformedResponseError, ValueError):
                return b"", StatusWord.WRONG_DATA
            shared = self._key.exchange(ec.ECDH(), peer)
            self.new_session = SessionKeys.derive(shared, _CIPHERS[self._protocol])
            return encode_tlv(_TAG_DYNAMIC, b""), StatusWord.OK
        return b"", StatusWord.CONDITIONS_NOT_SATISFIED
