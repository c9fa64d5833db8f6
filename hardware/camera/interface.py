"""Cameras that deliver frames (for QR codes and, later, document capture)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from types import TracebackType

import numpy as np
import numpy.typing as npt

#: A frame: height × width × 3, uint8, BGR channel order (OpenCV's).
Frame = npt.NDArray[np.uint8]


@dataclass(frozen=True, slots=True)
class CameraInfo:
    index: int
    name: str


class Camera(ABC):
    """One camera. ``read`` blocks until the next frame: call it off the GUI thread."""

    kind: str

    @abstractmethod
    def open(self, width: int = 1280, height: int = 720) -> None:
        """Start capturing; raises ``DeviceUnavailableError`` when absent or busy."""

    @abstractmethod
    def read(self) -> Frame:
        """The next frame; raises ``DeviceUnavailableError`` if the camera went away."""

    @abstractmethod
    def close(self) -> None:
        """Stop capturing and release the device. Safe to call twice."""

    def __enter__(self) -> Camera:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
