"""QR decoding with zxing-cpp. The only module that imports zxingcpp."""

from __future__ import annotations

import zxingcpp

from hardware.camera.interface import Frame
from hardware.qr.interface import QrDecoder


def zxing_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("zxing-cpp")
    except PackageNotFoundError:  # a frozen build may carry no package metadata
        return "bundled"


class ZxingQrDecoder(QrDecoder):
    name = "zxing-cpp"

    def decode(self, image: Frame) -> list[str]:
        results = zxingcpp.read_barcodes(
            image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        )
        texts = []
        for result in results:
            try:
                # Raw bytes, decoded ourselves: never trust a guessed character set.
                texts.append(bytes(result.bytes).decode("utf-8"))
            except UnicodeDecodeError:
                continue
        return texts
