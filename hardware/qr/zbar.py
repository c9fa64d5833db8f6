"""QR decoding with zbar through pyzbar. The only module that imports pyzbar.

pyzbar's ``decode`` lets zbar guess the character set of byte-mode data, and zbar reads
some short Vietnamese strings as Shift-JIS ("Hạ Long" → "H蘯｡ Long"). CCCD codes carry no
ECI marker, so we drive zbar through ``pyzbar.wrapper`` with its binary mode on
(``ZBAR_CFG_BINARY``, zbar ≥ 0.23): the symbol data are then the code's raw bytes, which we
decode as UTF-8 ourselves. With an older zbar that lacks binary mode only pure-ASCII codes
are trusted: their bytes are the same whatever charset zbar guessed.
"""

from __future__ import annotations

from ctypes import c_char_p, c_void_p, cast, string_at
from typing import Any

import numpy as np

from hardware.camera.interface import Frame
from hardware.errors import DeviceUnavailableError
from hardware.qr.interface import QrDecoder, QrSymbol

# zbar.h: ZBAR_CFG_ENABLE = 0, ..., ZBAR_CFG_ASCII = 3, ZBAR_CFG_BINARY = 4 (since 0.23).
# pyzbar's enum predates it and calls 4 "CFG_NUM".
_CFG_ENABLE = 0
_CFG_BINARY = 4
_ALL_SYMBOLOGIES = 0  # zbar_symbol_type_t ZBAR_NONE: the config applies to every symbology
_FOURCC_Y800 = 0x30303859  # 8-bit greyscale, "Y800"


def zbar_available() -> bool:
    try:
        from pyzbar import pyzbar  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def zbar_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pyzbar")
    except PackageNotFoundError:  # a frozen build may carry no package metadata
        return "bundled"


class ZbarQrDecoder(QrDecoder):
    """zbar with binary mode: raw bytes, decoded as UTF-8 here (see the module docstring)."""

    name = "zbar"

    def __init__(self) -> None:
        try:
            from pyzbar import wrapper
        except (ImportError, OSError) as exc:
            raise DeviceUnavailableError("the zbar library (libzbar0) is not installed") from exc
        self._zbar: Any = wrapper
        self._binary = self._probe_binary_mode()

    @property
    def binary_mode(self) -> bool:
        """Whether this zbar returns raw bytes (otherwise non-ASCII codes are dropped)."""
        return self._binary

    def _probe_binary_mode(self) -> bool:
        scanner = self._new_scanner()
        try:
            return bool(self._configure(scanner))
        finally:
            self._zbar.zbar_image_scanner_destroy(scanner)

    def _new_scanner(self) -> Any:
        scanner = self._zbar.zbar_image_scanner_create()
        if not scanner:
            raise DeviceUnavailableError("zbar could not create an image scanner")
        return scanner

    def _configure(self, scanner: Any) -> bool:
        """Only QR codes; binary mode when available. True when binary mode is on."""
        zbar = self._zbar
        zbar.zbar_image_scanner_set_config(scanner, _ALL_SYMBOLOGIES, _CFG_ENABLE, 0)
        zbar.zbar_image_scanner_set_config(scanner, zbar.ZBarSymbol.QRCODE, _CFG_ENABLE, 1)
        status = zbar.zbar_image_scanner_set_config(scanner, zbar.ZBarSymbol.QRCODE, _CFG_BINARY, 1)
        return int(status) == 0

    def decode(self, image: Frame) -> list[str]:
        return [symbol.text for symbol in self.read(image) if symbol.text is not None]

    def read(self, image: Frame) -> list[QrSymbol]:
        grey = image if image.ndim == 2 else _to_grey(image)
        pixels = np.ascontiguousarray(grey).tobytes()
        height, width = grey.shape[:2]
        zbar = self._zbar
        scanner = self._new_scanner()
        zbar_image = zbar.zbar_image_create()
        try:
            binary = self._configure(scanner)
            zbar.zbar_image_set_format(zbar_image, _FOURCC_Y800)
            zbar.zbar_image_set_size(zbar_image, width, height)
            # ``pixels`` outlives the scan: zbar only borrows the buffer (no cleanup handler).
            zbar.zbar_image_set_data(
                zbar_image, cast(c_char_p(pixels), c_void_p), len(pixels), None
            )
            if zbar.zbar_scan_image(scanner, zbar_image) < 0:
                return []
            found: list[QrSymbol] = []
            symbol = zbar.zbar_image_first_symbol(zbar_image)
            while symbol:
                data = string_at(
                    zbar.zbar_symbol_get_data(symbol), zbar.zbar_symbol_get_data_length(symbol)
                )
                symbol = zbar.zbar_symbol_next(symbol)
                if not binary and not data.isascii():
                    continue  # zbar re-encoded a guessed charset: not the code's bytes
                read = QrSymbol.from_bytes(data)
                if read not in found:
                    found.append(read)
            return found
        finally:
            zbar.zbar_image_destroy(zbar_image)
            zbar.zbar_image_scanner_destroy(scanner)


def _to_grey(image: Frame) -> Frame:
    # BT.601 luma in integer arithmetic (B, G, R weights /256); numpy keeps cv2 out of here.
    # Callers on a hot path (the cascade) pass greyscale and never come here.
    wide = image.astype(np.uint16)
    luma = (29 * wide[..., 0] + 150 * wide[..., 1] + 77 * wide[..., 2] + 128) >> 8
    grey: Frame = luma.astype(np.uint8)
    return grey
