"""A simulated serial scanner gun: a pseudo-terminal pair (POSIX).

The app opens the pair's terminal side as its serial port, exactly as it opens a real
gun's ``/dev/ttyACM0``; the simulator writes codes into the other side, as a gun does.
"""

from __future__ import annotations

import contextlib
import os
import sys
import termios
import tty

from hardware.errors import DeviceUnavailableError


class PtyScannerGunSimulator:
    """Sends payloads like a gun in serial mode (UTF-8, then ``suffix``)."""

    def __init__(self, suffix: bytes = b"\r\n") -> None:
        platform = sys.platform  # a variable: the check is at run time, not for mypy
        if platform.startswith("win"):
            raise DeviceUnavailableError("pseudo-terminals need a POSIX system")
        self._suffix = suffix
        self._controller, self._terminal = os.openpty()
        # Raw mode: no echo, no line editing, CR not turned into LF, as on a real port.
        tty.setraw(self._terminal, termios.TCSANOW)
        self.port = os.ttyname(self._terminal)

    def send(self, payload: str | bytes) -> None:
        """Type one code: its bytes (UTF-8 for text) and the suffix."""
        data = payload.encode("utf-8") if isinstance(payload, str) else payload
        os.write(self._controller, data + self._suffix)

    def close(self) -> None:
        for fd in (self._controller, self._terminal):
            with contextlib.suppress(OSError):  # already closed
                os.close(fd)
