"""QR decoding: pixels to the texts of the codes in them.

Decoders are software, not devices; the devices that deliver QR codes are the camera
and, at most counters, a handheld scanner gun.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

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


@dataclass(frozen=True, slots=True)
class DecodeAttempt:
    """The texts one step of a reader found (never empty), and the step's name."""

    step: str
    texts: tuple[str, ...]


class QrReader(Protocol):
    """Something that tries ever harder to find codes in an image, step by step.

    The caller stops iterating as soon as it has what it wants, so the costly steps run
    only for images where the cheap ones found nothing useful.
    """

    def attempts(self, image: Frame) -> Iterator[DecodeAttempt]:
        """Lazily, the texts each step found; steps that found nothing are skipped."""
        ...
