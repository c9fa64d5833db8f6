"""QR decoding with zxing-cpp. The only module that imports zxingcpp."""

from __future__ import annotations

import enum

import zxingcpp

from hardware.camera.interface import Frame
from hardware.qr.interface import QrDecoder, QrSymbol


def zxing_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("zxing-cpp")
    except PackageNotFoundError:  # a frozen build may carry no package metadata
        return "bundled"


class ZxingBinarizer(enum.StrEnum):
    """How zxing-cpp turns grey into black and white before looking for codes."""

    LOCAL_AVERAGE = "local"  # zxing-cpp's default: copes with uneven light
    GLOBAL_HISTOGRAM = "global"  # one threshold: better on blur and noise, worse on glare


_BINARIZERS = {
    ZxingBinarizer.LOCAL_AVERAGE: zxingcpp.Binarizer.LocalAverage,
    ZxingBinarizer.GLOBAL_HISTOGRAM: zxingcpp.Binarizer.GlobalHistogram,
}


class ZxingQrDecoder(QrDecoder):
    """zxing-cpp, QR codes only; raw bytes decoded as UTF-8 (never a guessed charset)."""

    def __init__(
        self, binarizer: ZxingBinarizer = ZxingBinarizer.LOCAL_AVERAGE, *, quick: bool = False
    ) -> None:
        """``quick`` skips zxing-cpp's inverted (light on dark) and downscaled passes: for
        images already prepared at the right scale (restored regions), where they would
        only double and redouble the cost of every failure."""
        self._binarizer = binarizer
        self._quick = quick
        self.name = (
            "zxing-cpp"
            if binarizer is ZxingBinarizer.LOCAL_AVERAGE
            else f"zxing-cpp/{binarizer.value}"
        ) + ("/quick" if quick else "")

    def decode(self, image: Frame) -> list[str]:
        return [symbol.text for symbol in self.read(image) if symbol.text is not None]

    def read(self, image: Frame) -> list[QrSymbol]:
        results = zxingcpp.read_barcodes(
            image,
            formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode),
            binarizer=_BINARIZERS[self._binarizer],
            try_invert=not self._quick,
            try_downscale=not self._quick,
        )
        symbols: list[QrSymbol] = []
        for result in results:
            # Raw bytes, decoded ourselves: never trust a guessed character set.
            symbol = QrSymbol.from_bytes(bytes(result.bytes), _box(result.position))
            if symbol not in symbols:
                symbols.append(symbol)
        return symbols


def _box(position: zxingcpp.Position) -> tuple[int, int, int, int]:
    """The upright rectangle around a code's four corners."""
    corners = (
        position.top_left,
        position.top_right,
        position.bottom_right,
        position.bottom_left,
    )
    xs, ys = [c.x for c in corners], [c.y for c in corners]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)
