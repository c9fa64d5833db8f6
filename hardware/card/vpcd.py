"""The card side of the vsmartcard ``vpcd`` protocol.

``pcscd`` with the vpcd driver shows a virtual reader and waits on a TCP port for a
card to connect. Every message in both directions is a 2-byte big-endian length and a
payload; a 1-byte payload from vpcd is a control code, anything longer a command APDU,
answered with response data + SW1 SW2. Closing the socket removes the card.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading

from hardware.card.simulated import ApduCard
from hardware.errors import DeviceUnavailableError, HardwareError

log = logging.getLogger(__name__)

DEFAULT_PORT = 35963  # the first virtual reader, "Virtual PCD 00 00"
_POWER_OFF, _POWER_ON, _RESET, _GET_ATR = 0, 1, 2, 4


class VpcdCardServer:
    """Connects ``card`` to a vpcd reader and answers until :meth:`stop` (card removal)."""

    def __init__(self, card: ApduCard, host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> None:
        self._card = card
        self._address = (host, port)
        self._socket: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self.apdus = 0

    def start(self) -> None:
        """Insert the card: connect to vpcd and serve in a background thread."""
        try:
            sock = socket.create_connection(self._address, timeout=5)
        except OSError as exc:
            raise DeviceUnavailableError(
                f"vpcd is not listening on {self._address[0]}:{self._address[1]} "
                "(is pcscd running with the vpcd driver?)"
            ) from exc
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._socket = sock
        self._thread = threading.Thread(target=self._serve, name="vpcd-card", daemon=True)
        self._thread.start()

    def serve_forever(self) -> None:
        """Insert the card and serve in this thread until vpcd goes away or :meth:`stop`."""
        self.start()
        assert self._thread is not None
        self._thread.join()

    def wait(self) -> None:
        """Block until the card leaves the reader (vpcd went away, or a simulated pull-out)."""
        if self._thread is not None:
            # join with a timeout in a loop, so that Ctrl-C reaches the main thread.
            while self._thread.is_alive():
                self._thread.join(timeout=0.5)

    def stop(self) -> None:
        """Remove the card."""
        self._stopping.set()
        if self._socket is not None:
            with contextlib.suppress(OSError):  # already closed by the other side
                self._socket.shutdown(socket.SHUT_RDWR)
            self._socket.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def _serve(self) -> None:
        assert self._socket is not None
        sock = self._socket
        try:
            while not self._stopping.is_set():
                message = self._receive(sock)
                if message is None:
                    return
                if len(message) == 1:
                    answer = self._control(message[0])
                    if answer is not None:
                        self._send(sock, answer)
                    continue
                self.apdus += 1
                try:
                    answer = self._card.process(message)
                except HardwareError:
                    # The card side says it left the reader (a simulated pull-out):
                    # closing the socket is how vpcd learns of a removal.
                    log.info("card removed by the simulated card")
                    self._stopping.set()
                    sock.close()
                    return
                self._send(sock, answer)
        except OSError:
            if not self._stopping.is_set():
                log.warning("vpcd connection lost")

    def _control(self, code: int) -> bytes | None:
        if code in (_POWER_OFF, _POWER_ON, _RESET):
            self._card.reset()
            return None
        if code == _GET_ATR:
            return self._card.atr
        return None

    @staticmethod
    def _receive(sock: socket.socket) -> bytes | None:
        header = _receive_exactly(sock, 2)
        if header is None:
            return None
        return _receive_exactly(sock, int.from_bytes(header, "big"))

    @staticmethod
    def _send(sock: socket.socket, payload: bytes) -> None:
        sock.sendall(len(payload).to_bytes(2, "big") + payload)


def _receive_exactly(sock: socket.socket, size: int) -> bytes | None:
    chunks = bytearray()
    while len(chunks) < size:
        # vpcd writes the length and the payload separately; without QUICKACK every
        # exchange stalls ~40 ms on delayed acknowledgement (Linux only).
        quickack = getattr(socket, "TCP_QUICKACK", None)
        if quickack is not None:
            sock.setsockopt(socket.IPPROTO_TCP, quickack, 1)
        chunk = sock.recv(size - len(chunks))
        if not chunk:
            return None
        chunks += chunk
    return bytes(chunks)
