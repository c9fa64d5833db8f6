"""A simulated Vietnamese citizen ID chip: an :class:`ApduCard` answering real APDUs.

PACE (CAN or MRZ) and BAC, both secure messaging kinds, the LDS files, active
authentication (RSA ISO 9796-2 or ECDSA) and chip authentication, with the real
cryptography of the terminal side. Fault switches reproduce what goes wrong at a counter:
a card pulled out, data changed after signing, a bad MAC, an old BAC-only chip, a card
or reader without extended length, a slow link.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric import ec, rsa

from hardware.card.connection import StatusWord
from hardware.errors import CardRemovedError
from hardware.icao.active_auth import INS_INTERNAL_AUTHENTICATE, ActiveAuthenticationChip
from hardware.icao.apdu import Apdu
from hardware.icao.bac import BacChip
from hardware.icao.card_access import PaceInfo
from hardware.icao.chip_auth import ChipAuthenticationChip
from hardware.icao.errors import MalformedResponseError, SecureMessagingError
from hardware.icao.files import LDS_AID, FileId
from hardware.icao.pace import PACE_ECDH_GM_AES_CBC_CMAC_128, PaceChip, PacePassword, PasswordType
from hardware.icao.secure_messaging import SM_CLA_BITS, ChipSecureMessaging
from hardware.icao.simulated_lds import ChipPersonalisation, build_files, mrz_information_of
from hardware.icao.tlv import encode_tlv, find_tlv

_PACE_INFO = PaceInfo(PACE_ECDH_GM_AES_CBC_CMAC_128, 2, 13)
# ATR of a contactless card as a PC/SC reader builds it: 3B 8n 80 01, historical bytes
# 80 (compact-TLV) 73 (card capabilities) .. .. xx where xx bit 7 = extended Lc/Le.
_ATR_PREFIX = bytes.fromhex("3B858001")
_HISTORICAL = bytes.fromhex("8073000080")
_EXTENDED_LENGTH_BIT = 0x40
_INS_SELECT, _INS_READ, _INS_READ_ODD = 0xA4, 0xB0, 0xB1
_PACE_INS, _BAC_INS, _CA_INS = (0x22, 0x86), (0x84, 0x82), (0x22, 0x86)


@dataclass(frozen=True, slots=True)
class ChipFaults:
    """The simulator's fault switches (``--fault NAME[=VALUE]`` on the command line)."""

    remove_after: int | None = None
    tamper_dg13: bool = False
    bad_mac: bool = False
    no_pace: bool = False
    short_only: bool = False
    delay_ms: int = 0

    @classmethod
    def parse(cls, switches: Sequence[str], delay_ms: int = 0) -> ChipFaults:
        """From ``remove-after=N``, ``tamper-dg13``, ``bad-mac``, ``no-pace``, ``short-only``.

        Raises :class:`ValueError` naming the switch that is not understood.
        """
        values: dict[str, object] = {"delay_ms": delay_ms}
        for switch in switches:
            name, _, value = switch.partition("=")
            if name == "remove-after" and value.isdigit():
                values["remove_after"] = int(value)
            elif name in ("tamper-dg13", "bad-mac", "no-pace", "short-only") and not value:
                values[name.replace("-", "_")] = True
            else:
                raise ValueError(f"unknown fault switch: {switch}")
        return cls(**values)  # type: ignore[arg-type]


def _atr(extended: bool) -> bytes:
    historical = _HISTORICAL[:-1] + bytes(
        [_HISTORICAL[-1] | (_EXTENDED_LENGTH_BIT if extended else 0)]
    )
    body = _ATR_PREFIX + historical
    check = 0
    for byte in body[1:]:
        check ^= byte
    return body + bytes([check])


class SimulatedCccdChip:
    """The chip. ``aa_key``: RSA (ISO 9796-2) or EC (ECDSA) key for active authentication."""

    def __init__(
        self,
        person: ChipPersonalisation,
        *,
        faults: ChipFaults | None = None,
        aa_key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | None = None,
        ca_key: ec.EllipticCurvePrivateKey | None = None,
    ) -> None:
        self.faults = faults or ChipFaults()
        self._aa_key = aa_key or rsa.generate_private_key(65537, 1024)
        self._ca_key = ca_key or ec.generate_private_key(ec.BrainpoolP256R1())
        self._issued = build_files(person, self._ca_key.public_key(), self._aa_key.public_key())
        self.files: Mapping[int, bytes] = _apply_faults(self._issued, self.faults)
        self._can = person.id_number[-6:]
        self._mrz_information = mrz_information_of(person)
        self._pace_passwords = {
            PasswordType.CAN: PacePassword.from_can(self._can),
            PasswordType.MRZ: PacePassword.from_mrz(self._mrz_information),
        }
        self.apdus = 0
        self.reset()

    @property
    def atr(self) -> bytes:
        """The answer to reset; announces extended length unless ``short-only``."""
        return _atr(not self.faults.short_only)

    def with_faults(self, faults: ChipFaults) -> SimulatedCccdChip:
        """The same card (same files and keys) with other fault switches."""
        clone = object.__new__(SimulatedCccdChip)
        clone.__dict__.update(self.__dict__)
        clone.faults = dataclasses.replace(faults)
        clone.files = _apply_faults(self._issued, faults)
        clone.apdus = 0
        clone.reset()
        return clone

    def reset(self) -> None:
        """Power cycle: no application selected, no session."""
        self._application = False
        self._selected: int | None = None
        self._sm: ChipSecureMessaging | None = None
        self._bac = BacChip(self._mrz_information)
        self._pace_chip: PaceChip | None = None
        self._ca = ChipAuthenticationChip(self._ca_key)
        self._aa = ActiveAuthenticationChip(self._aa_key)

    def process(self, apdu: bytes) -> bytes:
        """Answer one command APDU with response data + SW1 SW2."""
        self.apdus += 1
        faults = self.faults
        if faults.remove_after is not None and self.apdus > faults.remove_after:
            raise CardRemovedError("the simulated card was pulled out")
        if faults.delay_ms:
            time.sleep(faults.delay_ms / 1000)  # a realistic link latency, on purpose
        try:
            command = Apdu.parse(apdu)
        except MalformedResponseError:
            return _sw(StatusWord.WRONG_LENGTH)
        if faults.short_only and command.is_extended:
            return _sw(StatusWord.WRONG_LENGTH)
        if command.cla & SM_CLA_BITS == SM_CLA_BITS:
            return self._protected(command)
        self._sm = None  # an unprotected command ends a secure messaging session
        data, sw = self._plain(command)
        return data + _sw(sw)

    def _protected(self, command: Apdu) -> bytes:
        if self._sm is None:
            return _sw(StatusWord.SM_DATA_OBJECTS_INCORRECT)
        session = self._sm
        try:
            plain = session.unwrap_command(command)
        except SecureMessagingError:
            self._sm = None
            return _sw(StatusWord.SM_DATA_OBJECTS_INCORRECT)
        data, sw = self._serve(plain)
        wrapped, sw = session.wrap_response(data, sw)
        if self._ca.new_session is not None:
            self._sm = ChipSecureMessaging(self._ca.new_session)
            self._ca.new_session = None
        if self.faults.bad_mac and plain.ins in (_INS_READ, _INS_READ_ODD) and wrapped:
            wrapped = wrapped[:-1] + bytes([wrapped[-1] ^ 0x01])
        return wrapped + _sw(sw)

    def _plain(self, command: Apdu) -> tuple[bytes, int]:
        if command.ins == _INS_SELECT:
            return b"", self._select(command)
        if command.ins == _INS_READ:
            if self._selected != FileId.CARD_ACCESS:
                return b"", StatusWord.SECURITY_STATUS_NOT_SATISFIED
            return self._read(command)
        if command.ins in _BAC_INS:
            if not self._application:
                return b"", StatusWord.CONDITIONS_NOT_SATISFIED
            data, sw = self._bac.handle(command)
            if self._bac.session_keys is not None and sw == StatusWord.OK:
                self._sm = ChipSecureMessaging(self._bac.session_keys)
            return data, sw
        if command.ins in _PACE_INS:
            return self._pace_step(command)
        return b"", StatusWord.SECURITY_STATUS_NOT_SATISFIED

    def _pace_step(self, command: Apdu) -> tuple[bytes, int]:
        if FileId.CARD_ACCESS not in self.files:
            return b"", StatusWord.INS_NOT_SUPPORTED  # an old BAC-only chip
        if command.ins == 0x22:
            try:
                reference = find_tlv(command.data, 0x83)
            except MalformedResponseError:
                return b"", StatusWord.WRONG_DATA
            kind = PasswordType(reference[0]) if reference and reference[0] in (1, 2) else None
            if kind is None:
                return b"", StatusWord.WRONG_DATA
            # A new MSE:Set AT starts PACE afresh, with the password it names.
            self._pace_chip = PaceChip(self._pace_passwords[kind], _PACE_INFO)
        if self._pace_chip is None:
            return b"", StatusWord.CONDITIONS_NOT_SATISFIED
        data, sw = self._pace_chip.handle(command)
        if self._pace_chip.session_keys is not None and sw == StatusWord.OK:
            self._sm = ChipSecureMessaging(self._pace_chip.session_keys)
            self._pace_chip = None
        return data, sw

    def _serve(self, command: Apdu) -> tuple[bytes, int]:
        if command.ins == _INS_SELECT:
            return b"", self._select(command)
        if command.ins in (_INS_READ, _INS_READ_ODD):
            if self._selected == FileId.DG3:
                return b"", StatusWord.SECURITY_STATUS_NOT_SATISFIED
            return self._read(command)
        if command.ins == INS_INTERNAL_AUTHENTICATE:
            if FileId.DG15 not in self.files or len(command.data) != 8:
                return b"", StatusWord.WRONG_DATA
            return self._aa.sign(command.data), StatusWord.OK
        if command.ins in _CA_INS:
            return self._ca.handle(command)
        return b"", StatusWord.INS_NOT_SUPPORTED

    def _select(self, command: Apdu) -> int:
        if command.p1 == 0x04:
            if command.data != LDS_AID:
                return StatusWord.FILE_NOT_FOUND
            self._application, self._selected = True, None
            return StatusWord.OK
        if command.p1 == 0x00 and command.data in (b"", b"\x3f\x00"):
            return StatusWord.INS_NOT_SUPPORTED  # as the real cards answer (docs/cccd.md)
        if command.p1 in (0x00, 0x02) and len(command.data) == 2:
            file_id = int.from_bytes(command.data, "big")
            visible = file_id == FileId.CARD_ACCESS or self._application
            if not visible or file_id not in self.files:
                return StatusWord.FILE_NOT_FOUND
            self._selected = file_id
            return StatusWord.OK
        return StatusWord.INCORRECT_P1P2

    def _read(self, command: Apdu) -> tuple[bytes, int]:
        if self._selected is None:
            return b"", StatusWord.CONDITIONS_NOT_SATISFIED
        content = self.files[self._selected]
        wanted = command.ne or 256
        if command.ins == _INS_READ_ODD:
            try:
                offset_do = find_tlv(command.data, 0x54)
            except MalformedResponseError:
                offset_do = None
            if offset_do is None:
                return b"", StatusWord.WRONG_DATA
            offset = int.from_bytes(offset_do, "big")
            data = content[offset : offset + max(0, wanted - 4)]
            if offset >= len(content):
                return b"", StatusWord.WRONG_P1P2
            return encode_tlv(0x53, data), StatusWord.OK
        if command.p1 & 0x80:
            return b"", StatusWord.INCORRECT_P1P2  # short-FID addressing is not offered
        offset = (command.p1 << 8) | command.p2
        if offset >= len(content):
            return b"", StatusWord.WRONG_P1P2
        data = content[offset : offset + wanted]
        return data, StatusWord.END_OF_FILE_WARNING if len(data) < wanted else StatusWord.OK


def _apply_faults(issued: Mapping[int, bytes], faults: ChipFaults) -> dict[int, bytes]:
    files = dict(issued)
    if faults.tamper_dg13:
        dg13 = bytearray(files[FileId.DG13])
        dg13[-30] ^= 0x01  # one bit of the last fields, after the SOD was signed
        files[FileId.DG13] = bytes(dg13)
    if faults.no_pace:
        del files[FileId.CARD_ACCESS]
    return files


def _sw(word: int) -> bytes:
    return int(word).to_bytes(2, "big")
