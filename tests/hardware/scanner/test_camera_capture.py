"""The document camera source on generated photos: still page, capture key, no page."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from hardware.camera.simulated import SimulatedCamera
from hardware.errors import DeviceUnavailableError
from hardware.scanner.camera_capture import CameraDocumentScanner, CaptureCancelledError
from hardware.scanner.interface import ColorMode, ScanSettings
from tests.generators.pages import photo_of_page, text_page

FAST = 10_000.0  # frames per second: the simulated camera paces itself, tests need no pace


def test_a_still_page_is_captured_straight_and_grey() -> None:
    frame, _ = photo_of_page(text_page(dpi=150))
    scanner = CameraDocumentScanner(SimulatedCamera([frame], fps=FAST), still_frames=3)
    (page,) = scanner.scan(ScanSettings(mode=ColorMode.GRAY))
    assert page.image.ndim == 2 and page.mode is ColorMode.GRAY
    height, width = page.image.shape
    assert abs(height / width - 297 / 210) < 0.02
    assert 80 <= page.dpi <= 200


def test_a_moving_page_is_not_captured_until_the_key_is_pressed() -> None:
    base, _ = photo_of_page(text_page(dpi=100), frame_size=(800, 600))
    frames = [np.roll(base, 12 * (i % 2), axis=1) for i in range(2)]  # a page jiggling
    camera = SimulatedCamera(frames, fps=FAST)
    with pytest.raises(DeviceUnavailableError, match="no still page"):
        CameraDocumentScanner(camera, still_frames=3, max_frames=20).scan(ScanSettings())
    scanner = CameraDocumentScanner(SimulatedCamera(frames, fps=FAST), still_frames=3)
    scanner.capture_now()  # pressed before the first frame: taken at the first page seen
    (page,) = scanner.scan(ScanSettings(mode=ColorMode.COLOR))
    assert page.image.ndim == 3


def test_an_empty_desk_gives_up_and_cancel_stops_at_once() -> None:
    desk = np.full((600, 800, 3), (60, 85, 110), np.uint8)
    scanner = CameraDocumentScanner(SimulatedCamera([desk], fps=FAST), max_frames=10)
    with pytest.raises(DeviceUnavailableError):
        scanner.scan(ScanSettings())
    waiting = CameraDocumentScanner(SimulatedCamera([desk], fps=FAST), max_frames=10**9)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            waiting.scan(ScanSettings())
        except DeviceUnavailableError as exc:
            errors.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    waiting.cancel()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert isinstance(errors[0], CaptureCancelledError)
