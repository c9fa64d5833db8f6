"""The card transport: readers, connections, and the status words they carry.

Protocol code (ICAO 9303 access, secure messaging, file reads) depends only on
:class:`CardConnection`; the PC/SC and simulated implementations live beside it.
"""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from dataclasses import dataclass
from types import TracebackType


class StatusWord(enum.IntEnum):
    """ISO 7816-4 status words the app acts upon."""

    OK = 0x9000
    END_OF_FILE_WARNING = 0x6282
    WRONG_LENGTH = 0x6700
    SECURITY_STATUS_NOT_SATISFIED = 0x6982
    AUTHENTICATION_FAILED = 0x6300
    CONDITIONS_NOT_SATISFIED = 0x6985
    SM_DATA_OBJECTS_MISSING = 0x6987
    SM_DATA_OBJECTS_INCORRECT = 0x6988
    WRONG_DATA = 0x6A80
    FILE_NOT_FOUND = 0x6A82
    INCORRECT_P1P2 = 0x6A86
    WRONG_P1P2 = 0x6B00
    INS_NOT_SUPPORTED = 0x6D00
    CLA_NOT_SUPPORTED = 0x6E00
    UNKNOWN = 0x6F00


@dataclass(frozen=True, slots=True)
class ReaderInfo:
    """A reader as the system lists it."""

    name: str
    card_present: bool


class CardConnection(ABC):
    """An open channel to one card. Usable as a context manager."""

    @abstractmethod
    def send_and_receive(self, apdu: bytes) -> tuple[bytes, int]:
        """Send one command APDU; return the response data and the status word.

        Raises :class:`hardware.errors.CardRemovedError` when the card is gone and
        :class:`hardware.errors.CardCommunicationError` when the answer is malformed.
        """

    @property
    @abstractmethod
    def atr(self) -> bytes:
        """The card's answer to reset."""

    @abstractmethod
    def close(self) -> None:
        """Release the card. Safe to call twice."""

    def __enter__(self) -> CardConnection:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class ReaderProvider(ABC):
    """Lists readers and opens connections to the card in one of them."""

    #: Shown in the status bar and logs ("PC/SC", "simulated").
    kind: str

    @abstractmethod
    def readers(self) -> list[ReaderInfo]:
        """The readers attached now; empty when there are none."""

    @abstractmethod
    def connect(self, reader: str) -> CardConnection:
        """Open the card in ``reader``.

        Raises :class:`hardware.errors.DeviceUnavailableError` when the reader is gone or
        holds no card, :class:`hardware.errors.DeviceBusyError` when another program
        holds it exclusively.
        """
