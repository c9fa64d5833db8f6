"""SANE through the real library, against SANE's own ``test`` backend.

The fixture makes a private SANE_CONFIG_DIR (``dll.conf`` naming only ``test``, and a
``test.conf`` drawing a grid on a page as tall as A4), so /etc is never touched and the
network backends never slow the test down.
"""

from __future__ import annotations

import numpy as np
import pytest

from hardware.errors import DeviceUnavailableError
from hardware.scanner import sane as sane_module
from hardware.scanner.interface import ColorMode, DocumentScanner, ScanSettings
from hardware.scanner.simulated import SimulatedScanner
from tests.generators.pages import FONT
from tests.sane_backend import sane_test_backend  # noqa: F401 - a fixture


@pytest.fixture(params=["simulated", "sane"])
def scanner(request: pytest.FixtureRequest) -> DocumentScanner:
    if request.param == "simulated":
        return SimulatedScanner(FONT)
    request.getfixturevalue("sane_test_backend")
    return sane_module.SaneScanner("test:0")


@pytest.mark.parametrize("mode", list(ColorMode))
def test_every_scanner_gives_pages_in_the_asked_mode_and_resolution(
    scanner: DocumentScanner, mode: ColorMode
) -> None:
    (page,) = scanner.scan(ScanSettings(dpi=100, mode=mode))
    assert page.dpi == 100 and page.mode is mode
    assert page.image.dtype == np.uint8
    assert page.image.ndim == (3 if mode is ColorMode.COLOR else 2)
    # An A4 page at 100 dpi is 827 × 1169 pixels; a scanner's bed may be a little smaller.
    assert page.image.shape[0] > 1000 and page.image.shape[1] > 700
    assert page.image.min() < 64 and page.image.max() > 192  # real content, not a void


def test_a_feeder_batch_gives_the_pages_asked_for(scanner: DocumentScanner) -> None:
    pages = scanner.scan(ScanSettings(dpi=75, mode=ColorMode.GRAY, pages=3))
    assert len(pages) == 3


@pytest.mark.usefixtures("sane_test_backend")
def test_sane_lists_the_test_devices_and_stops_at_an_empty_feeder() -> None:
    names = [d.name for d in sane_module.list_devices()]
    assert names[:2] == ["test:0", "test:1"]
    # The test backend's feeder holds ten sheets.
    pages = sane_module.SaneScanner("test:1").scan(ScanSettings(dpi=50, pages=25))
    assert len(pages) == 10


@pytest.mark.usefixtures("sane_test_backend")
def test_an_unknown_sane_device_is_a_device_error() -> None:
    with pytest.raises(DeviceUnavailableError):
        sane_module.SaneScanner("test:9").scan(ScanSettings())


def _sigpipe_disposition() -> int | None:
    import ctypes
    import signal

    libc = ctypes.CDLL(None)
    libc.signal.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.signal.restype = ctypes.c_void_p
    previous = libc.signal(signal.SIGPIPE, 1)
    libc.signal(signal.SIGPIPE, previous)
    return previous  # type: ignore[no-any-return]


@pytest.mark.usefixtures("sane_test_backend")
def test_a_scan_on_a_worker_thread_leaves_broken_pipes_harmless() -> None:
    # The test backend resets SIGPIPE to "terminate" while scanning: a dropped upload
    # connection afterwards would kill the app.
    import threading

    pages: list[object] = []
    worker = threading.Thread(
        target=lambda: pages.extend(sane_module.SaneScanner("test:0").scan(ScanSettings(dpi=50)))
    )
    worker.start()
    worker.join()
    assert len(pages) == 1
    assert _sigpipe_disposition() == 1  # SIG_IGN
