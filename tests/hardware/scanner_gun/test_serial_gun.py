"""A serial scanner gun, driven for real through a pseudo-terminal pair."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

pytest.importorskip("termios", reason="pseudo-terminals are POSIX")

from hardware.errors import DeviceUnavailableError
from hardware.scanner_gun.serial_port import SerialScannerGun, decode_payload
from hardware.scanner_gun.simulated import PtyScannerGunSimulator

PAYLOAD = "001099012345||NGUYỄN THỊ HẠ|15081999|Nữ|Phường Hồng Gai, Hạ Long|20082021"


@pytest.fixture
def simulator() -> Iterator[PtyScannerGunSimulator]:
    sim = PtyScannerGunSimulator()
    yield sim
    sim.close()


@pytest.fixture
def gun(simulator: PtyScannerGunSimulator) -> Iterator[SerialScannerGun]:
    device = SerialScannerGun(simulator.port, quiet_gap=0.03)
    device.open()
    yield device
    device.close()


def test_a_scan_arrives_as_real_utf8_without_its_suffix(
    simulator: PtyScannerGunSimulator, gun: SerialScannerGun
) -> None:
    simulator.send(PAYLOAD)
    assert gun.read_payload(threading.Event()) == PAYLOAD


def test_labelled_output_over_several_lines_is_one_payload(
    simulator: PtyScannerGunSimulator, gun: SerialScannerGun
) -> None:
    simulator.send("Số CCCD: 001099012345\r\nHọ và tên: NGUYỄN THỊ HẠ")
    assert gun.read_payload(threading.Event()) == (
        "Số CCCD: 001099012345\r\nHọ và tên: NGUYỄN THỊ HẠ"
    )


def test_a_stop_request_ends_the_wait_without_a_payload(gun: SerialScannerGun) -> None:
    stop = threading.Event()
    stop.set()
    assert gun.read_payload(stop) is None


def test_bytes_that_are_not_utf8_are_marked_not_guessed() -> None:
    # "Hà Nội" sent by a gun set to the Windows-1258 code page.
    assert decode_payload(b"H\xe0 N\xf4i\r\n") == "H\ufffd N\ufffdi"
    assert decode_payload("Hạ Long\r\n".encode()) == "Hạ Long"


def test_a_missing_port_is_a_clear_device_error() -> None:
    with pytest.raises(DeviceUnavailableError, match="cannot be opened"):
        SerialScannerGun("/dev/does-not-exist-ttyACM9").open()


def test_reading_a_closed_port_is_a_device_error() -> None:
    with pytest.raises(DeviceUnavailableError):
        SerialScannerGun("/dev/null").read_payload(threading.Event())
