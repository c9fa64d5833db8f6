"""A document camera (or webcam) behind the scanner interface.

``scan`` watches the camera until a page lies still under it (or the clerk presses the
capture key: :meth:`CameraDocumentScanner.capture_now`, safe from any thread), then
returns the page straightened and evenly lit, at the resolution the camera really gave.
"""

from __future__ import annotations

import threading

from hardware.camera.interface import Camera, Frame
from hardware.errors import DeviceUnavailableError
from hardware.imaging.document_camera import (
    Quad,
    StillnessDetector,
    find_page,
    straighten_page,
)
from hardware.imaging.page_cleanup import to_gray
from hardware.scanner.interface import ColorMode, DocumentScanner, ScannedPage, ScanSettings


class CaptureCancelledError(DeviceUnavailableError):
    """The clerk cancelled the capture before a page was taken."""

    code = "capture_cancelled"


class CameraDocumentScanner(DocumentScanner):
    """Takes one page per ``scan`` from ``camera``.

    ``still_frames`` consecutive frames with the page in view and nothing moving trigger
    the capture; after ``max_frames`` frames without one, ``scan`` gives up.
    """

    kind = "camera"

    def __init__(
        self,
        camera: Camera,
        still_frames: int = 8,
        max_frames: int = 900,
        label: str = "Document camera",
    ) -> None:
        self._camera = camera
        self._still_frames = still_frames
        self._max_frames = max_frames
        self._label = label
        self._capture = threading.Event()
        self._cancel = threading.Event()

    @property
    def name(self) -> str:
        return self._label

    def capture_now(self) -> None:
        """Take the next frame showing a page, moving or not (the capture key).

        A press before ``scan`` starts counts for that scan: the clerk may be quicker
        than the camera's start-up.
        """
        self._capture.set()

    def cancel(self) -> None:
        """Stop waiting; ``scan`` raises ``CaptureCancelledError``."""
        self._cancel.set()

    def scan(self, settings: ScanSettings) -> list[ScannedPage]:
        self._cancel.clear()
        frame, corners = self._wait_for_page()
        image, dpi = straighten_page(frame, corners)
        if settings.mode is not ColorMode.COLOR:
            image = to_gray(image)  # bilevel is decided by processing, per page
        return [ScannedPage(image=image, dpi=dpi, mode=settings.mode)]

    def _wait_for_page(self) -> tuple[Frame, Quad]:
        detector = StillnessDetector(frames=self._still_frames)
        self._camera.open(1920, 1080)
        try:
            for _ in range(self._max_frames):
                if self._cancel.is_set():
                    raise CaptureCancelledError("the capture was cancelled")
                frame = self._camera.read()
                corners = find_page(frame)
                if corners is None:
                    detector = StillnessDetector(frames=self._still_frames)
                    continue
                if self._capture.is_set() or detector.feed(frame):
                    self._capture.clear()  # a key press takes one page
                    return frame, corners
        finally:
            self._camera.close()
        raise DeviceUnavailableError("no still page was seen under the camera")
