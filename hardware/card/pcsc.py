"""PC/SC readers through pyscard. The only module that imports pyscard."""

from __future__ import annotations

import logging
import time

from hardware.card.connection import CardConnection, ReaderInfo, ReaderProvider
from hardware.errors import (
    CardCommunicationError,
    CardRemovedError,
    DeviceBusyError,
    DeviceUnavailableError,
)

log = logging.getLogger(__name__)

REMOVAL_GRACE_MS = 1500

# PC/SC result codes (winscard.h); unsigned, as pyscard reports them.
_SHARING_VIOLATION = 0x8010000B
_CARD_GONE = frozenset(
    {
        0x8010000C,  # SCARD_E_NO_SMARTCARD
        0x80100017,  # SCARD_E_READER_UNAVAILABLE (reader unplugged)
        0x80100067,  # SCARD_W_UNPOWERED_CARD
        0x80100068,  # SCARD_W_RESET_CARD
        0x80100069,  # SCARD_W_REMOVED_CARD
    }
)


def _hresult(exc: Exception) -> int:
    return int(getattr(exc, "hresult", -1)) & 0xFFFFFFFF


def pcsc_available() -> bool:
    """Whether the PC/SC library and pyscard load (says nothing about the service)."""
    try:
        import smartcard.scard  # noqa: F401
    except ImportError:
        return False
    return True


class PcscReaderProvider(ReaderProvider):
    """Readers known to the PC/SC service (pcscd on Linux, WinSCard on Windows)."""

    kind = "PC/SC"

    def readers(self) -> list[ReaderInfo]:
        try:
            from smartcard.scard import (
                SCARD_E_NO_READERS_AVAILABLE,
                SCARD_E_NO_SERVICE,
                SCARD_E_SERVICE_STOPPED,
                SCARD_S_SUCCESS,
                SCARD_SCOPE_USER,
                SCARD_STATE_PRESENT,
                SCARD_STATE_UNAWARE,
                SCardEstablishContext,
                SCardGetStatusChange,
                SCardListReaders,
                SCardReleaseContext,
            )
        except ImportError as exc:
            raise DeviceUnavailableError("the PC/SC library is not installed") from exc
        rc, context = SCardEstablishContext(SCARD_SCOPE_USER)
        if rc in (SCARD_E_NO_SERVICE, SCARD_E_SERVICE_STOPPED):
            raise DeviceUnavailableError("the smart card service (pcscd) is not running")
        if rc != SCARD_S_SUCCESS:
            raise DeviceUnavailableError(f"PC/SC context failed (0x{rc & 0xFFFFFFFF:08X})")
        try:
            rc, names = SCardListReaders(context, [])
            if rc == SCARD_E_NO_READERS_AVAILABLE:
                return []
            if rc != SCARD_S_SUCCESS:
                raise DeviceUnavailableError(f"listing readers failed (0x{rc & 0xFFFFFFFF:08X})")
            rc, states = SCardGetStatusChange(
                context, 0, [(name, SCARD_STATE_UNAWARE) for name in names]
            )
            if rc != SCARD_S_SUCCESS:
                return [ReaderInfo(name=name, card_present=False) for name in names]
            return [
                ReaderInfo(name=name, card_present=bool(state & SCARD_STATE_PRESENT))
                for name, state, _atr in states
            ]
        finally:
            SCardReleaseContext(context)

    def wait_for_change(self, known: list[ReaderInfo], timeout_ms: int) -> list[ReaderInfo]:
        """Block until a card is put in or taken out of a reader in ``known`` (or the timeout).

        This is how the app notices the clerk laying a card down without polling.
        """
        from smartcard.scard import (
            SCARD_S_SUCCESS,
            SCARD_SCOPE_USER,
            SCARD_STATE_CHANGED,
            SCARD_STATE_EMPTY,
            SCARD_STATE_PRESENT,
            SCardEstablishContext,
            SCardGetStatusChange,
            SCardReleaseContext,
        )

        rc, context = SCardEstablishContext(SCARD_SCOPE_USER)
        if rc != SCARD_S_SUCCESS:
            raise DeviceUnavailableError("the smart card service (pcscd) is not running")
        try:
            deadline = time.monotonic() + timeout_ms / 1000
            current = [
                (info.name, SCARD_STATE_PRESENT if info.card_present else SCARD_STATE_EMPTY)
                for info in known
            ]
            expected = {info.name: info.card_present for info in known}
            while True:
                remaining = max(0, int((deadline - time.monotonic()) * 1000))
                rc, states = SCardGetStatusChange(context, remaining, current)
                if rc != SCARD_S_SUCCESS:
                    return list(known)  # timeout (or a reader vanished): no change seen
                seen = [
                    ReaderInfo(name=name, card_present=bool(state & SCARD_STATE_PRESENT))
                    for name, state, _atr in states
                ]
                if any(expected[info.name] != info.card_present for info in seen):
                    return seen
                # Only event counters moved (a card in and out again): wait on.
                current = [(name, state & ~SCARD_STATE_CHANGED) for name, state, _atr in states]
        finally:
            SCardReleaseContext(context)

    def wait_for_card(self, reader: str, *, present: bool, timeout_ms: int) -> bool:
        """Block until ``reader`` holds a card (or is empty); False on timeout."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            state = [info for info in self.readers() if info.name == reader]
            if not state:
                raise DeviceUnavailableError(f"reader not found: {reader}")
            if state[0].card_present == present:
                return True
            remaining = int((deadline - time.monotonic()) * 1000)
            if remaining <= 0:
                return False
            self.wait_for_change(state, remaining)

    def connect(self, reader: str) -> CardConnection:
        from smartcard.Exceptions import CardConnectionException, NoCardException
        from smartcard.System import readers

        try:
            matches = [r for r in readers() if str(r) == reader]
        except Exception as exc:  # pyscard raises its own base classes for service errors
            raise DeviceUnavailableError("the smart card service is not available") from exc
        if not matches:
            raise DeviceUnavailableError(f"reader not found: {reader}")
        connection = matches[0].createConnection()
        try:
            connection.connect()
        except NoCardException as exc:
            raise DeviceUnavailableError("no card in the reader") from exc
        except CardConnectionException as exc:
            if _hresult(exc) == _SHARING_VIOLATION:
                raise DeviceBusyError("another program is using the reader") from exc
            if _hresult(exc) in _CARD_GONE:
                raise DeviceUnavailableError("no card in the reader") from exc
            raise DeviceUnavailableError("cannot connect to the card") from exc
        return PcscConnection(connection, reader, self)


class PcscConnection(CardConnection):
    """One card, open through pyscard (T=0 or T=1, chosen by the reader)."""

    def __init__(self, connection: object, reader: str, provider: PcscReaderProvider) -> None:
        self._connection = connection
        self._reader = reader
        self._provider = provider
        self._closed = False
        self._atr = bytes(connection.getATR())  # type: ignore[attr-defined]

    @property
    def atr(self) -> bytes:
        return self._atr

    def send_and_receive(self, apdu: bytes) -> tuple[bytes, int]:
        from smartcard.Exceptions import CardConnectionException

        try:
            data, sw1, sw2 = self._connection.transmit(list(apdu))  # type: ignore[attr-defined]
        except CardConnectionException as exc:
            if _hresult(exc) in _CARD_GONE or not self._card_still_present():
                raise CardRemovedError("the card was removed") from exc
            raise CardCommunicationError("the reader failed to exchange with the card") from exc
        return bytes(data), (sw1 << 8) | sw2

    def _card_still_present(self) -> bool:
        """A card pulled out mid-exchange often shows as a failed transaction: look again.

        The service notices a removal on its next poll, so wait briefly for the change.
        """
        try:
            readers = self._provider.wait_for_change(
                [ReaderInfo(self._reader, card_present=True)], REMOVAL_GRACE_MS
            )
        except DeviceUnavailableError:
            return False
        return any(info.name == self._reader and info.card_present for info in readers)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._connection.disconnect()  # type: ignore[attr-defined]
        except Exception:  # the card or reader may already be gone
            log.debug("disconnect failed", exc_info=True)
