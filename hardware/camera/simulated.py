"""A camera that plays real images: files, or a scene with a QR code rendered from text."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import cv2
import numpy as np

from hardware.camera.interface import Camera, Frame
from hardware.errors import DeviceUnavailableError


def load_image(path: Path) -> Frame:
    """Read an image file (any path, including non-ASCII ones) as a BGR frame."""
    try:
        data = np.fromfile(path, dtype=np.uint8)
    except OSError as exc:
        raise DeviceUnavailableError(f"cannot read image {path.name}: {exc}") from exc
    image = cv2.imdecode(data, cv2.IMREAD_COLOR)
    if image is None:
        raise DeviceUnavailableError(f"not a readable image: {path.name}")
    return cast(Frame, image)


def qr_modules(text: str) -> Frame:
    """The QR code of ``text`` (level M) as 0/255 grey, one pixel per module, no quiet zone.

    Text with non-ASCII letters is encoded in byte mode as UTF-8 without ECI, as on the ID
    card. Plain ASCII gets OpenCV's automatic modes: its byte mode writes unreadable codes
    for some ASCII texts (a 100-character VietQR string, for one). The one QR encoder of
    the simulators and of the test generators (``tests/generators/qr_scenes.py``).
    """
    params = cv2.QRCodeEncoder.Params()
    params.mode = cv2.QRCodeEncoder_MODE_AUTO if text.isascii() else cv2.QRCodeEncoder_MODE_BYTE
    params.correction_level = cv2.QRCodeEncoder_CORRECT_LEVEL_M
    modules = cv2.QRCodeEncoder.create(params).encode(text)
    # The encoder adds a 4-module quiet zone (at 1 px per module): drop it.
    grey = modules if modules.ndim == 2 else cv2.cvtColor(modules, cv2.COLOR_BGR2GRAY)
    dark = np.argwhere(grey < 128)
    (top, left), (bottom, right) = dark.min(axis=0), dark.max(axis=0)
    return cast(Frame, np.ascontiguousarray(grey[top : bottom + 1, left : right + 1]))


def render_qr_scene(text: str, width: int = 1280, height: int = 720, seed: int = 7) -> Frame:
    """A camera-like frame: a card with the QR code of ``text`` lying on a desk.

    The simulated camera's still scene; the degraded frames of the tests and benchmarks
    are drawn by ``tests/generators/qr_scenes.py`` from the same :func:`qr_modules`.
    """
    rng = np.random.default_rng(seed)
    desk = np.full((height, width, 3), (92, 110, 128), dtype=np.uint8)
    noise = rng.normal(0, 6, desk.shape)
    frame = np.clip(desk + noise, 0, 255).astype(np.uint8)
    modules = qr_modules(text)
    side = min(height, width) // 2
    scale = max(1, side // modules.shape[0])
    code = cv2.resize(
        modules,
        (modules.shape[1] * scale, modules.shape[0] * scale),
        interpolation=cv2.INTER_NEAREST,
    )
    # The card's margin around the code is its quiet zone (at least 4 modules).
    margin = max(40, 4 * scale)
    card_h, card_w = code.shape[0] + 2 * margin, code.shape[1] + 220 + margin
    top, left = (height - card_h) // 2, (width - card_w) // 2
    frame[top : top + card_h, left : left + card_w] = (236, 238, 240)
    y, x = top + margin, left + card_w - code.shape[1] - margin
    frame[y : y + code.shape[0], x : x + code.shape[1]] = cv2.cvtColor(code, cv2.COLOR_GRAY2BGR)
    return frame


class SimulatedCamera(Camera):
    """Plays ``frames`` in a loop at ``fps``, like a webcam pointed at a still scene."""

    kind = "simulated"

    def __init__(self, frames: Sequence[Frame], fps: float = 15.0) -> None:
        if not frames:
            raise ValueError("a simulated camera needs at least one frame")
        self._frames = list(frames)
        self._interval = 1.0 / fps
        self._position = 0
        self._open = False
        self._stop = threading.Event()

    @classmethod
    def from_files(cls, paths: Sequence[Path], fps: float = 15.0) -> SimulatedCamera:
        return cls([load_image(path) for path in paths], fps)

    def open(self, width: int = 1280, height: int = 720) -> None:
        self._open = True
        self._stop.clear()

    def read(self) -> Frame:
        if not self._open:
            raise DeviceUnavailableError("the camera is not open")
        # Pace like a real camera; close() from another thread ends the wait at once.
        if self._stop.wait(self._interval):
            raise DeviceUnavailableError("the camera was closed")
        frame = self._frames[self._position % len(self._frames)]
        self._position += 1
        return frame.copy()

    def close(self) -> None:
        self._open = False
        self._stop.set()
