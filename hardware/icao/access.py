"""Opening the chip: PACE when EF.CardAccess advertises it, else (or on failure) BAC.

The credentials are a CAN and/or MRZ informations (several when the expiry date is not
known and candidates are tried in order). Credentials are kept out of ``repr``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hardware.card.connection import CardConnection, StatusWord
from hardware.icao.apdu import Apdu
from hardware.icao.bac import perform_bac
from hardware.icao.card_access import parse_card_access
from hardware.icao.errors import (
    AccessDeniedError,
    FileAccessError,
    MalformedResponseError,
    UnsupportedProtocolError,
)
from hardware.icao.files import LDS_AID, FileId, FileReader, TransferCounter
from hardware.icao.keys import RandomSource, SessionKeys
from hardware.icao.pace import PacePassword, perform_pace, select_pace_info
from hardware.icao.secure_messaging import SecureMessagingConnection

PACE = "PACE"
BAC = "BAC"


@dataclass(frozen=True, slots=True)
class AccessCredentials:
    """What may open the chip: the CAN, and MRZ informations to try in order."""

    can: str | None = field(default=None, repr=False)
    mrz_informations: tuple[str, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if self.can is None and not self.mrz_informations:
            raise ValueError("a CAN or at least one MRZ information is needed")


@dataclass(frozen=True, slots=True)
class Session:
    """An opened chip: the protocol used, the protected connection, EF.CardAccess if any."""

    protocol: str
    keys: SessionKeys = field(repr=False)
    secure: SecureMessagingConnection = field(repr=False)
    card_access: bytes | None = field(repr=False)


def _select_application(connection: CardConnection) -> int:
    _, sw = connection.send_and_receive(Apdu(0x00, 0xA4, 0x04, 0x0C, LDS_AID).encode())
    return sw


def _read_card_access(connection: CardConnection, counter: TransferCounter) -> bytes | None:
    # Selected directly by FID: selecting the MF first answers 6D00 on Vietnamese cards.
    try:
        return FileReader(connection, 256, counter).read(FileId.CARD_ACCESS)
    except (FileAccessError, MalformedResponseError):
        return None


def open_session(
    connection: CardConnection,
    credentials: AccessCredentials,
    random: RandomSource | None = None,
    counter: TransferCounter | None = None,
) -> Session:
    """Run the access protocol and select the LDS application under secure messaging.

    ``counter`` counts the bytes of EF.CardAccess. Raises :class:`AccessDeniedError`
    when no credential opens the chip.
    """
    card_access = _read_card_access(connection, counter or TransferCounter())
    if card_access is not None:
        session = _try_pace(connection, credentials, card_access, random)
        if session is not None:
            return session
    sw = _select_application(connection)
    if sw != StatusWord.OK:
        raise FileAccessError("the chip has no ICAO application", sw)
    for mrz_information in credentials.mrz_informations:
        try:
            keys = perform_bac(connection, mrz_information, random)
        except AccessDeniedError:
            continue
        return Session(BAC, keys, SecureMessagingConnection(connection, keys), card_access)
    raise AccessDeniedError("no access key opened the chip")


def _try_pace(
    connection: CardConnection,
    credentials: AccessCredentials,
    card_access: bytes,
    random: RandomSource | None,
) -> Session | None:
    try:
        info = select_pace_info(parse_card_access(card_access))
    except (UnsupportedProtocolError, MalformedResponseError):
        return None  # EF.CardAccess offers no usable PACE: BAC it is
    passwords: list[PacePassword] = []
    if credentials.can is not None:
        passwords.append(PacePassword.from_can(credentials.can))
    # One MRZ attempt only: PACE failures may count against the chip's retry counter.
    passwords += [PacePassword.from_mrz(m) for m in credentials.mrz_informations[:1]]
    for password in passwords:
        try:
            keys = perform_pace(connection, password, info, random)
        except AccessDeniedError:
            continue
        secure = SecureMessagingConnection(connection, keys)
        sw = _select_application(secure)
        if sw != StatusWord.OK:
            raise FileAccessError("the chip has no ICAO application", sw)
        return Session(PACE, keys, secure, card_access)
    return None  # PACE did not open the chip: BAC is tried next
