"""Cameras through OpenCV's video capture."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

import cv2

from hardware.camera.interface import Camera, CameraInfo, Frame
from hardware.errors import DeviceUnavailableError

# OpenCV prints a warning on stderr for every camera index it cannot open; the caller
# gets a DeviceUnavailableError instead, which the clerk and the command line can read.
cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)


def opencv_version() -> str:
    return str(cv2.__version__)


def list_cameras() -> list[CameraInfo]:
    """Cameras present now, without opening them (opening is slow and may light an LED).

    On Linux this reads ``/dev/video*`` capture nodes; elsewhere OpenCV offers no cheap
    listing, so index 0 is offered and opening it tells the truth.
    """
    platform = sys.platform  # a variable: the check is at run time, not for mypy
    if platform.startswith("linux"):
        found = []
        for node in sorted(Path("/sys/class/video4linux").glob("video*")):
            index = int(node.name.removeprefix("video"))
            name_file = node / "name"
            name = name_file.read_text().strip() if name_file.exists() else node.name
            # Capture nodes have index 0 within their device; metadata nodes do not.
            index_file = node / "index"
            if index_file.exists() and index_file.read_text().strip() != "0":
                continue
            found.append(CameraInfo(index=index, name=name))
        return found
    return [CameraInfo(index=0, name="Camera 0")]


class OpenCvCamera(Camera):
    kind = "OpenCV"

    def __init__(self, index: int) -> None:
        self._index = index
        self._capture: cv2.VideoCapture | None = None

    def open(self, width: int = 1280, height: int = 720) -> None:
        capture = cv2.VideoCapture(self._index)
        if not capture.isOpened():
            capture.release()
            raise DeviceUnavailableError(f"camera {self._index} is absent or in use")
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        self._capture = capture

    def read(self) -> Frame:
        if self._capture is None:
            raise DeviceUnavailableError("the camera is not open")
        ok, frame = self._capture.read()
        if not ok or frame is None:
            raise DeviceUnavailableError(f"camera {self._index} stopped delivering frames")
        return cast(Frame, frame)

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None
