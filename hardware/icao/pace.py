"""PACE with ECDH Generic Mapping (ICAO 9303 Part 11 §4.4), terminal side and chip side.

Supported: id-PACE-ECDH-GM-AES-CBC-CMAC-128/192/256 over the standardized elliptic curves
(the Vietnamese card uses AES-128 on brainpoolP256r1, parameter id 13), with the MRZ or
the CAN as password. The exchange:

1. MSE:Set AT selects the protocol, the password and the domain parameters.
2. GENERAL AUTHENTICATE (chained) returns the nonce s encrypted with K_pi = KDF(π, 3).
3. Mapping: both sides exchange keys on G; H = SK·PK'; the new generator is G' = s·G + H.
4. Key agreement on G': K = x(SK·PK'); KS_enc = KDF(K, 1), KS_mac = KDF(K, 2), SSC = 0.
5. Mutual authentication: T = CMAC(KS_mac, 7F49 {06 OID, 86 other side's public key}).
"""

from __future__ import annotations

import enum
import hmac
from dataclasses import dataclass, field

from hardware.card.connection import CardConnection, StatusWord
from hardware.icao.apdu import Apdu
from hardware.icao.card_access import CardAccess, PaceInfo, oid_contents
from hardware.icao.ec import EcGroup, EcPoint, standardized_group
from hardware.icao.errors import (
    AccessDeniedError,
    CardStatusError,
    ChipAuthenticationError,
    MalformedResponseError,
    UnsupportedProtocolError,
)
from hardware.icao.keys import Cipher, KdfCounter, RandomSource, SessionKeys, SystemRandom, kdf
from hardware.icao.mrz_key import can_pace_password, mrz_pace_password
from hardware.icao.primitives import AES_BLOCK, aes_cbc_decrypt, aes_cbc_encrypt, aes_cmac
from hardware.icao.status import is_access_denied
from hardware.icao.tlv import encode_tlv, find_tlv, require_tlv

#: The protocol the Vietnamese citizen ID card advertises.
PACE_ECDH_GM_AES_CBC_CMAC_128 = "0.4.0.127.0.7.2.2.4.2.2"
_CIPHERS = {
    PACE_ECDH_GM_AES_CBC_CMAC_128: Cipher.AES_128,
    "0.4.0.127.0.7.2.2.4.2.3": Cipher.AES_192,
    "0.4.0.127.0.7.2.2.4.2.4": Cipher.AES_256,
}
_PACE_VERSION = 2

INS_MSE = 0x22
INS_GENERAL_AUTHENTICATE = 0x86
_CLA_CHAINING = 0x10
_TAG_DYNAMIC = 0x7C
_TAG_PUBLIC_KEY = 0x7F49
_TAG_OID = 0x06
_TAG_EC_POINT = 0x86
# MSE:Set AT data objects.
_TAG_PROTOCOL = 0x80
_TAG_PASSWORD_REF = 0x83
_TAG_PARAMETER_ID = 0x84
# GENERAL AUTHENTICATE data objects inside 7C, in protocol order.
_TAG_NONCE = 0x80
_TAG_MAP_IFD = 0x81
_TAG_MAP_IC = 0x82
_TAG_EPH_IFD = 0x83
_TAG_EPH_IC = 0x84
_TAG_TOKEN_IFD = 0x85
_TAG_TOKEN_IC = 0x86


class PasswordType(enum.IntEnum):
    """The password reference of MSE:Set AT."""

    MRZ = 1
    CAN = 2


@dataclass(frozen=True, slots=True)
class PacePassword:
    """The shared secret π: SHA-1 of the MRZ information, or the CAN digits."""

    kind: PasswordType
    secret: bytes = field(repr=False)

    @classmethod
    def from_can(cls, can: str) -> PacePassword:
        """A CAN (on the Vietnamese card: the last 6 digits of the ID number)."""
        return cls(PasswordType.CAN, can_pace_password(can))

    @classmethod
    def from_mrz(cls, mrz_info: str) -> PacePassword:
        """The MRZ information of :func:`hardware.icao.mrz_key.mrz_information`."""
        return cls(PasswordType.MRZ, mrz_pace_password(mrz_info))


def select_pace_info(card_access: CardAccess) -> PaceInfo:
    """The first PACEInfo this module implements; :class:`UnsupportedProtocolError` if none."""
    for info in card_access.pace_infos:
        if info.protocol in _CIPHERS and info.version == _PACE_VERSION:
            try:
                _group_for(info)
            except UnsupportedProtocolError:
                continue
            return info
    raise UnsupportedProtocolError("EF.CardAccess offers no supported PACE protocol")


def _group_for(info: PaceInfo) -> EcGroup:
    if info.parameter_id is None:
        # Without standardized parameters the chip would need PACEDomainParameterInfo.
        raise UnsupportedProtocolError("PACE without a standardized parameter id")
    return standardized_group(info.parameter_id)


def _cipher_for(info: PaceInfo) -> Cipher:
    cipher = _CIPHERS.get(info.protocol)
    if cipher is None:
        raise UnsupportedProtocolError("PACE protocol not implemented")
    return cipher


def _password_key(password: PacePassword, cipher: Cipher) -> bytes:
    return kdf(password.secret, KdfCounter.PACE, cipher)


def authentication_token(ks_mac: bytes, protocol: str, public_key: bytes) -> bytes:
    """T = CMAC(KS_mac, 7F49 {06 OID, 86 public key}), truncated to 8 bytes."""
    template = encode_tlv(_TAG_OID, oid_contents(protocol)) + encode_tlv(_TAG_EC_POINT, public_key)
    return aes_cmac(ks_mac, encode_tlv(_TAG_PUBLIC_KEY, template))


def map_generator(group: EcGroup, nonce: bytes, private_key: int, peer_map_key: EcPoint) -> EcPoint:
    """Generic mapping: G' = s·G + H with H = SK_map · PK_map(peer)."""
    shared = private_key * peer_map_key
    mapped = int.from_bytes(nonce, "big") * group.generator + shared
    if shared.is_infinity or mapped.is_infinity:
        raise MalformedResponseError("mapping produced the point at infinity")
    return mapped


def set_at_data(protocol: str, kind: PasswordType, parameter_id: int | None) -> bytes:
    """The data of MSE:Set AT: protocol OID, password reference and, if given, parameter id."""
    data = encode_tlv(_TAG_PROTOCOL, oid_contents(protocol))
    data += encode_tlv(_TAG_PASSWORD_REF, bytes([kind]))
    if parameter_id is not None:
        data += encode_tlv(_TAG_PARAMETER_ID, bytes([parameter_id]))
    return data


class _Terminal:
    def __init__(self, connection: CardConnection) -> None:
        self._connection = connection

    def general_authenticate(self, inner: bytes, *, last: bool = False) -> bytes:
        """Send one GENERAL AUTHENTICATE step; return the contents of the answer's 7C."""
        cla = 0x00 if last else _CLA_CHAINING
        command = Apdu(cla, INS_GENERAL_AUTHENTICATE, 0, 0, encode_tlv(_TAG_DYNAMIC, inner), ne=256)
        data, sw = self._connection.send_and_receive(command.encode())
        # The chip learns that the password was wrong only when it checks T_IFD (last
        # step); 63xx earlier means a blocked or suspended password.
        if is_access_denied(sw) and (last or sw >> 8 == 0x63):
            raise AccessDeniedError("chip rejected PACE: wrong CAN or MRZ data")
        if sw != StatusWord.OK:
            raise CardStatusError("GENERAL AUTHENTICATE failed", sw)
        return require_tlv(data, _TAG_DYNAMIC)


def perform_pace(
    connection: CardConnection,
    password: PacePassword,
    info: PaceInfo,
    random: RandomSource | None = None,
    *,
    send_parameter_id: bool = True,
) -> SessionKeys:
    """Run PACE on the card (after selecting nothing, or the master file).

    ``send_parameter_id`` adds DO'84 to MSE:Set AT; chips advertising a single parameter
    set accept both forms. Returns AES session keys with SSC 0. Raises
    :class:`AccessDeniedError` for a wrong password, :class:`ChipAuthenticationError` when
    the chip's token does not verify, :class:`CardStatusError`,
    :class:`MalformedResponseError` or :class:`UnsupportedProtocolError` otherwise.
    """
    source = random if random is not None else SystemRandom()
    cipher, group = _cipher_for(info), _group_for(info)
    data = set_at_data(
        info.protocol, password.kind, info.parameter_id if send_parameter_id else None
    )
    _, sw = connection.send_and_receive(Apdu(0x00, INS_MSE, 0xC1, 0xA4, data).encode())
    if sw >> 8 == 0x63:
        raise AccessDeniedError("chip refused the PACE password (blocked or suspended)")
    if sw != StatusWord.OK:
        raise CardStatusError("MSE:Set AT for PACE refused", sw)
    terminal = _Terminal(connection)

    encrypted_nonce = require_tlv(terminal.general_authenticate(b""), _TAG_NONCE)
    if len(encrypted_nonce) != AES_BLOCK:
        raise MalformedResponseError("encrypted nonce must be one AES block")
    nonce = aes_cbc_decrypt(_password_key(password, cipher), encrypted_nonce)

    map_key = group.random_scalar(source)
    answer = terminal.general_authenticate(
        encode_tlv(_TAG_MAP_IFD, (map_key * group.generator).encode())
    )
    peer_map = group.decode_point(require_tlv(answer, _TAG_MAP_IC))
    generator = map_generator(group, nonce, map_key, peer_map)

    key = group.random_scalar(source)
    public = (key * generator).encode()
    answer = terminal.general_authenticate(encode_tlv(_TAG_EPH_IFD, public))
    peer_public = require_tlv(answer, _TAG_EPH_IC)
    if hmac.compare_digest(peer_public, public):
        raise MalformedResponseError("chip echoed the terminal's ephemeral key")
    shared = key * group.decode_point(peer_public)
    keys = SessionKeys.derive(shared.x_bytes(), cipher)

    token = authentication_token(keys.ks_mac, info.protocol, peer_public)
    answer = terminal.general_authenticate(encode_tlv(_TAG_TOKEN_IFD, token), last=True)
    expected = authentication_token(keys.ks_mac, info.protocol, public)
    if not hmac.compare_digest(require_tlv(answer, _TAG_TOKEN_IC), expected):
        raise ChipAuthenticationError("chip authentication token does not verify")
    return keys


class _ChipStep(enum.Enum):
    IDLE = enum.auto()
    NONCE = enum.auto()
    MAPPING = enum.auto()
    KEY_AGREEMENT = enum.auto()
    TOKENS = enum.auto()
    DONE = enum.auto()


class _OutOfOrderError(Exception):
    """A GENERAL AUTHENTICATE step arrived out of order (answered 6985)."""


class PaceChip:
    """The chip side of PACE-ECDH-GM, for a simulated card. Pure: no I/O, no logging.

    Feed it MSE:Set AT and GENERAL AUTHENTICATE commands through :meth:`handle`; after a
    successful exchange :attr:`session_keys` holds the keys the terminal derived too.
    """

    def __init__(
        self, password: PacePassword, info: PaceInfo, random: RandomSource | None = None
    ) -> None:
        self._password = password
        self._info = info
        self._cipher, self._group = _cipher_for(info), _group_for(info)
        self._random = random if random is not None else SystemRandom()
        self._reset()

    def _reset(self) -> None:
        self._step = _ChipStep.IDLE
        self._nonce = b""
        self._generator: EcPoint | None = None
        self._private_key = 0
        self._public = b""
        self._peer_public = b""
        self._pending: SessionKeys | None = None
        self._session: SessionKeys | None = None

    @property
    def session_keys(self) -> SessionKeys | None:
        """The session keys once the terminal has authenticated, else ``None``."""
        return self._session

    def handle(self, command: Apdu) -> tuple[bytes, int]:
        """Answer MSE:Set AT or one GENERAL AUTHENTICATE step; (data, status word)."""
        if command.ins == INS_MSE and (command.p1, command.p2) == (0xC1, 0xA4):
            return b"", self._set_at(command.data)
        if command.ins != INS_GENERAL_AUTHENTICATE:
            return b"", StatusWord.INS_NOT_SUPPORTED
        try:
            inner = require_tlv(command.data, _TAG_DYNAMIC)
            return encode_tlv(_TAG_DYNAMIC, self._general_authenticate(inner)), StatusWord.OK
        except AccessDeniedError:
            self._reset()
            return b"", StatusWord.AUTHENTICATION_FAILED
        except (MalformedResponseError, _OutOfOrderError):
            self._reset()
            return b"", StatusWord.CONDITIONS_NOT_SATISFIED

    def _set_at(self, data: bytes) -> int:
        self._reset()
        try:
            protocol = find_tlv(data, _TAG_PROTOCOL)
            reference = find_tlv(data, _TAG_PASSWORD_REF)
            parameter = find_tlv(data, _TAG_PARAMETER_ID)
        except MalformedResponseError:
            return StatusWord.WRONG_DATA
        if (
            protocol != oid_contents(self._info.protocol)
            or reference != bytes([self._password.kind])
            or (parameter is not None and parameter != bytes([self._group.parameter_id]))
        ):
            return StatusWord.WRONG_DATA
        self._step = _ChipStep.NONCE
        return StatusWord.OK

    def _general_authenticate(self, inner: bytes) -> bytes:
        group = self._group
        if self._step is _ChipStep.NONCE and not inner:
            self._nonce = self._random.random_bytes(AES_BLOCK)
            self._step = _ChipStep.MAPPING
            encrypted = aes_cbc_encrypt(_password_key(self._password, self._cipher), self._nonce)
            return encode_tlv(_TAG_NONCE, encrypted)
        if self._step is _ChipStep.MAPPING:
            peer = group.decode_point(require_tlv(inner, _TAG_MAP_IFD))
            map_key = group.random_scalar(self._random)
            self._generator = map_generator(group, self._nonce, map_key, peer)
            self._step = _ChipStep.KEY_AGREEMENT
            return encode_tlv(_TAG_MAP_IC, (map_key * group.generator).encode())
        if self._step is _ChipStep.KEY_AGREEMENT and self._generator is not None:
            self._peer_public = require_tlv(inner, _TAG_EPH_IFD)
            peer = group.decode_point(self._peer_public)
            self._private_key = group.random_scalar(self._random)
            self._public = (self._private_key * self._generator).encode()
            if hmac.compare_digest(self._public, self._peer_public):
                raise MalformedResponseError("terminal echoed the chip's ephemeral key")
            shared = self._private_key * peer
            self._pending = SessionKeys.derive(shared.x_bytes(), self._cipher)
            self._step = _ChipStep.TOKENS
            return encode_tlv(_TAG_EPH_IC, self._public)
        if self._step is _ChipStep.TOKENS and self._pending is not None:
            protocol, ks_mac = self._info.protocol, self._pending.ks_mac
            expected = authentication_token(ks_mac, protocol, self._public)
            if not hmac.compare_digest(require_tlv(inner, _TAG_TOKEN_IFD), expected):
                raise AccessDeniedError("terminal token does not verify")
            self._session, self._step = self._pending, _ChipStep.DONE
            return encode_tlv(
                _TAG_TOKEN_IC, authentication_token(ks_mac, protocol, self._peer_public)
            )
        raise _OutOfOrderError
