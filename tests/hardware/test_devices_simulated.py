"""Camera, QR decoders and scanner: each simulator and decoder does real work."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from hardware.camera.simulated import SimulatedCamera, load_image, render_qr_scene
from hardware.errors import DeviceUnavailableError
from hardware.qr.interface import QrDecoder
from hardware.qr.zbar import ZbarQrDecoder
from hardware.qr.zxing import ZxingQrDecoder
from hardware.scanner.interface import ColorMode, ScanSettings
from hardware.scanner.simulated import SimulatedScanner
from reception.workstation.paths import resources_dir

PAYLOAD = "001099012345||NGUYỄN THỊ HẠ LONG|15081999|Nữ|Phường Hồng Gai, Hạ Long|20082021"


@pytest.fixture(params=[ZxingQrDecoder, ZbarQrDecoder], ids=["zxing", "zbar"])
def decoder(request: pytest.FixtureRequest) -> QrDecoder:
    decoder_class: type[QrDecoder] = request.param
    return decoder_class()


def test_decoders_read_vietnamese_text_from_a_rendered_scene(decoder: QrDecoder) -> None:
    frame = render_qr_scene(PAYLOAD)
    assert frame.shape == (720, 1280, 3)
    assert decoder.decode(frame) == [PAYLOAD]


def test_decoders_find_nothing_in_an_empty_frame(decoder: QrDecoder) -> None:
    assert decoder.decode(np.full((720, 1280, 3), 128, dtype=np.uint8)) == []


def test_simulated_camera_plays_files_in_a_loop(tmp_path: Path) -> None:
    paths = []
    for shade in (10, 200):
        path = tmp_path / f"ảnh-{shade}.png"  # non-ASCII names work
        ok, data = cv2.imencode(".png", np.full((20, 30, 3), shade, dtype=np.uint8))
        assert ok
        path.write_bytes(data.tobytes())
        paths.append(path)
    camera = SimulatedCamera.from_files(paths, fps=1000)
    with pytest.raises(DeviceUnavailableError):
        camera.read()
    camera.open()
    shades = [int(camera.read()[0, 0, 0]) for _ in range(3)]
    assert shades == [10, 200, 10]
    camera.close()


def test_closing_the_simulated_camera_ends_a_blocked_read() -> None:
    camera = SimulatedCamera([np.zeros((4, 4, 3), dtype=np.uint8)], fps=0.01)
    camera.open()
    errors: list[Exception] = []

    def read() -> None:
        try:
            camera.read()
        except DeviceUnavailableError as exc:
            errors.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    camera.close()
    reader.join(timeout=10)
    assert not reader.is_alive()
    assert len(errors) == 1


def test_a_broken_image_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"\xff\xd8 not really a jpeg")
    with pytest.raises(DeviceUnavailableError, match=r"not a readable image: broken\.jpg"):
        load_image(path)


@pytest.mark.parametrize("mode", list(ColorMode))
def test_simulated_scanner_returns_a4_pages(mode: ColorMode) -> None:
    scanner = SimulatedScanner(resources_dir() / "fonts" / "Tinos-Regular.ttf")
    pages = scanner.scan(ScanSettings(dpi=100, mode=mode, pages=2, duplex=True))
    assert len(pages) == 4
    page = pages[0]
    assert page.image.shape[:2] == (1169, 827)  # A4 at 100 dpi
    assert page.image.ndim == (3 if mode is ColorMode.COLOR else 2)
    assert page.image.min() < 60  # there is text on it
    if mode is ColorMode.BW:
        assert set(np.unique(page.image)) <= {0, 255}
    assert not np.array_equal(pages[0].image, pages[1].image)  # numbered pages differ


def test_simulated_scanner_refuses_an_impossible_resolution() -> None:
    scanner = SimulatedScanner(resources_dir() / "fonts" / "Tinos-Regular.ttf")
    with pytest.raises(DeviceUnavailableError, match="5000 dpi"):
        scanner.scan(ScanSettings(dpi=5000))
