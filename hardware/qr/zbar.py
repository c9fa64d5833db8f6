"""QR decoding with zbar through pyzbar. The only module that imports pyzbar."""

from __future__ import annotations

from hardware.camera.interface import Frame
from hardware.errors import DeviceUnavailableError
from hardware.qr.interface import QrDecoder


def zbar_available() -> bool:
    try:
        from pyzbar import pyzbar  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


class ZbarQrDecoder(QrDecoder):
    name = "zbar"

    def __init__(self) -> None:
        try:
            from pyzbar import pyzbar
        except (ImportError, OSError) as exc:
            raise DeviceUnavailableError("the zbar library (libzbar0) is not installed") from exc
        self._pyzbar = pyzbar

    def decode(self, image: Frame) -> list[str]:
        symbols = self._pyzbar.decode(image, symbols=[self._pyzbar.ZBarSymbol.QRCODE])
        texts = []
        for symbol in symbols:
            try:
                # zbar has already guessed a character set (sometimes Shift-JIS for
                # Vietnamese); text that is not UTF-8 after that is dropped, not trusted.
                texts.append(symbol.data.decode("utf-8"))
            except UnicodeDecodeError:
                continue
        return texts
