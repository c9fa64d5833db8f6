"""QR decoding: pixels to the texts of the codes in them.

Decoders are software, not devices; the devices that deliver QR codes are the camera
and, at most counters, a handheld scanner gun.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from hardware.camera.interface import Frame


class QrDecoder(ABC):
    #: Shown in logs and self-test ("zxing-cpp", "zbar").
    name: str

    @abstractmethod
    def decode(self, image: Frame) -> list[str]:
        """The texts of the QR codes found in ``image`` (BGR or greyscale), possibly none.

        Byte-mode data is returned as UTF-8 text (CCCD codes carry no ECI marker);
        a code whose bytes are not UTF-8 is skipped rather than guessed.
        """
