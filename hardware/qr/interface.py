"""QR decoding: pixels to the texts of the codes in them.

Decoders are software, not devices; the devices that deliver QR codes are the camera
and, at most counters, a handheld scanner gun.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from hardware.camera.interface import Frame


@dataclass(frozen=True, slots=True)
class QrSymbol:
    """One code read: its bytes, and their text when they are UTF-8 (``None`` otherwise:
    a code in another character set is reported, never guessed)."""

    data: bytes
    text: str | None
    #: Where the code lies in the image read, ``(x, y, width, height)`` in pixels, when the
    #: decoder says (the same code read twice is the same symbol wherever it was).
    box: tuple[int, int, int, int] | None = field(default=None, compare=False)

    @classmethod
    def from_bytes(cls, data: bytes, box: tuple[int, int, int, int] | None = None) -> QrSymbol:
        try:
            return cls(data, data.decode("utf-8"), box)
        except UnicodeDecodeError:
            return cls(data, None, box)


class QrDecoder(ABC):
    #: Shown in logs and self-test ("zxing-cpp", "zbar").
    name: str

    @abstractmethod
    def decode(self, image: Frame) -> list[str]:
        """The texts of the QR codes found in ``image`` (BGR or greyscale), possibly none.

        Byte-mode data is returned as UTF-8 text (CCCD codes carry no ECI marker);
        a code whose bytes are not UTF-8 is left out here (see :meth:`read`).
        """

    def read(self, image: Frame) -> list[QrSymbol]:
        """Every code found, with its bytes, including those that are not UTF-8 text.

        The default serves decoders that only know texts; the real ones override it.
        """
        return [QrSymbol(text.encode("utf-8"), text) for text in self.decode(image)]


@dataclass(frozen=True, slots=True)
class DecodeAttempt:
    """What one step of a reader found (never nothing), and the step's name: the texts,
    and the bytes of codes that are not UTF-8 text (``undecodable``)."""

    step: str
    texts: tuple[str, ...]
    undecodable: tuple[bytes, ...] = ()


class QrReader(Protocol):
    """Something that tries ever harder to find codes in an image, step by step.

    The caller stops iterating as soon as it has what it wants, so the costly steps run
    only for images where the cheap ones found nothing useful.
    """

    def attempts(self, image: Frame) -> Iterator[DecodeAttempt]:
        """Lazily, the texts each step found; steps that found nothing are skipped."""
        ...
