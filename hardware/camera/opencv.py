"""Cameras through OpenCV's video capture."""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Protocol, cast

import cv2

from hardware.camera.interface import Camera, CameraInfo, Frame
from hardware.errors import DeviceUnavailableError

# OpenCV prints a warning on stderr for every camera index it cannot open; the caller
# gets a DeviceUnavailableError instead, which the clerk and the command line can read.
cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)

_log = logging.getLogger(__name__)

#: UVC "focus (absolute)" for a card 20–40 cm away, when the camera has no auto-focus.
#: Units are the camera's own: most UVC webcams count 0 (far) to 250 or 255 (macro) in
#: steps of 5 and put 30 cm near the middle of that range. Best effort only.
CARD_FOCUS_ABSOLUTE = 120.0
#: V4L2 asks CAP_PROP_AUTO_EXPOSURE 3 for "aperture priority" (automatic); DirectShow
#: and Media Foundation ask 0.75. Both are tried: the one the backend ignores is refused.
_AUTO_EXPOSURE_VALUES = (3.0, 0.75)


class CaptureProperties(Protocol):
    """The one method of ``cv2.VideoCapture`` that tuning needs."""

    def set(self, prop: int, value: float) -> bool: ...


def tune_for_cards(capture: CaptureProperties) -> Mapping[str, bool]:
    """Ask ``capture`` for what suits a card held 20–40 cm away: auto-focus on (else a
    fixed focus for that distance), automatic exposure. Never fails: a camera or backend
    that refuses a property keeps its own setting. Returns which properties were taken."""

    def attempt(prop: int, value: float) -> bool:
        try:
            return bool(capture.set(prop, value))
        except cv2.error:
            return False

    taken = {"autofocus": attempt(cv2.CAP_PROP_AUTOFOCUS, 1.0)}
    if not taken["autofocus"]:
        taken["focus"] = attempt(cv2.CAP_PROP_FOCUS, CARD_FOCUS_ABSOLUTE)
    taken["auto_exposure"] = any(
        attempt(cv2.CAP_PROP_AUTO_EXPOSURE, value) for value in _AUTO_EXPOSURE_VALUES
    )
    return MappingProxyType(taken)


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
        #: What :func:`tune_for_cards` obtained when the camera was last opened.
        self.tuning: Mapping[str, bool] = MappingProxyType({})

    def open(self, width: int = 1280, height: int = 720) -> None:
        capture = cv2.VideoCapture(self._index)
        if not capture.isOpened():
            capture.release()
            raise DeviceUnavailableError(f"camera {self._index} is absent or in use")
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        self.tuning = tune_for_cards(capture)
        _log.info("camera %d tuning for cards: %s", self._index, dict(self.tuning))
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
