"""Document scanners: flatbeds, sheet feeders, scan-to-folder, simulators."""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


class ColorMode(enum.StrEnum):
    COLOR = "color"
    GRAY = "gray"
    BW = "bw"


@dataclass(frozen=True, slots=True)
class ScanSettings:
    dpi: int = 200
    mode: ColorMode = ColorMode.GRAY
    duplex: bool = False
    pages: int = 1  # pages to take from a feeder; a flatbed gives one


@dataclass(frozen=True, slots=True)
class ScannedPage:
    """One page: ``image`` is height × width (grey or bilevel) or × 3 (BGR).

    ``jpeg`` keeps the source's own JPEG bytes when the page came as a plain JPEG, so a
    good one can go into the PDF without being decoded and compressed a second time.
    """

    image: npt.NDArray[np.uint8]
    dpi: int
    mode: ColorMode
    jpeg: bytes | None = None


class DocumentScanner(ABC):
    kind: str

    @property
    @abstractmethod
    def name(self) -> str:
        """A name the clerk recognises (model, or "Simulated scanner")."""

    @abstractmethod
    def scan(self, settings: ScanSettings) -> list[ScannedPage]:
        """Acquire pages. Blocks for seconds: call it off the GUI thread.

        Raises ``DeviceUnavailableError`` when the scanner is gone, busy, or out of paper.
        """
