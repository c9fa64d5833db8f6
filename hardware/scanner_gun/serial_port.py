"""A scanner gun on a serial or virtual COM port, through pyserial. The only module that
imports pyserial.

In serial mode a gun sends the code's bytes as they are (real UTF-8) followed by a
suffix, usually CR or CR LF. Some firmware prints labelled output over several lines,
so a payload ends at a pause in the data, not at the first line end.
"""

from __future__ import annotations

import threading
from typing import Any

from hardware.errors import DeviceUnavailableError

#: No byte for this long after some data: the gun has sent the whole code. At 9600 baud a
#: byte takes 1 ms, and guns send a code in one go.
QUIET_GAP = 0.08
MAX_PAYLOAD_BYTES = 8192  # a QR holds at most 2953 bytes; more is line noise


def decode_payload(data: bytes) -> str:
    """The text of a payload: UTF-8, with the gun's line-end suffix removed.

    Bytes that are not UTF-8 (a gun configured for another code page) become U+FFFD, which
    the garbling check flags, rather than being guessed.
    """
    return data.decode("utf-8", errors="replace").rstrip("\r\n")


class SerialScannerGun:
    """One gun on ``port``; :meth:`read_payload` blocks, so call it off the GUI thread."""

    kind = "serial"

    def __init__(self, port: str, baudrate: int = 9600, quiet_gap: float = QUIET_GAP) -> None:
        self.port = port
        self._baudrate = baudrate
        self._quiet_gap = quiet_gap
        self._serial: Any = None
        self._lock = threading.Lock()

    def open(self) -> None:
        """Open the port; raises ``DeviceUnavailableError`` when absent or held by another."""
        import serial

        try:
            self._serial = serial.Serial(self.port, self._baudrate, timeout=self._quiet_gap)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise DeviceUnavailableError(
                f"the scanner gun port {self.port} cannot be opened: {exc}"
            ) from exc

    def read_payload(self, stop: threading.Event) -> str | None:
        """The next scanned payload, or ``None`` once ``stop`` is set (checked every gap)."""
        import serial

        if self._serial is None:
            raise DeviceUnavailableError("the scanner gun port is not open")
        buffer = bytearray()
        while not stop.is_set():
            try:
                chunk = self._serial.read(256)
            except (serial.SerialException, OSError, TypeError) as exc:
                # TypeError: pyserial's read on a port closed from another thread.
                raise DeviceUnavailableError(
                    f"the scanner gun on {self.port} went away: {exc}"
                ) from exc
            if chunk:
                buffer += chunk
                if len(buffer) > MAX_PAYLOAD_BYTES:
                    buffer.clear()  # noise or a stuck gun: drop it and resynchronise
                continue
            if buffer.strip(b"\r\n\x00 "):
                return decode_payload(bytes(buffer))
            buffer.clear()
        return None

    def close(self) -> None:
        """Release the port. Safe to call twice."""
        with self._lock:
            if self._serial is not None:
                self._serial.close()
                self._serial = None
