"""What devices are attached, found quickly at start-up without opening any of them."""

from __future__ import annotations

import enum
import logging
import sys
from dataclasses import dataclass

from hardware.camera.interface import CameraInfo
from hardware.errors import HardwareError

log = logging.getLogger(__name__)


class DeviceKind(enum.StrEnum):
    CARD_READER = "card_reader"
    CAMERA = "camera"
    SCANNER = "scanner"


@dataclass(frozen=True, slots=True)
class DiscoveredDevices:
    card_readers: tuple[str, ...]
    cameras: tuple[CameraInfo, ...]
    scanners: tuple[str, ...]
    #: Why a kind was not looked for or not found (missing library, service down).
    notes: tuple[str, ...] = ()

    def present(self, kind: DeviceKind) -> bool:
        return bool(
            {
                DeviceKind.CARD_READER: self.card_readers,
                DeviceKind.CAMERA: self.cameras,
                DeviceKind.SCANNER: self.scanners,
            }[kind]
        )


def discover() -> DiscoveredDevices:
    """Look for every kind of device; never raises (a failure is a note and an absence)."""
    notes: list[str] = []
    readers: tuple[str, ...] = ()
    try:
        from hardware.card.pcsc import PcscReaderProvider, pcsc_available

        if pcsc_available():
            readers = tuple(r.name for r in PcscReaderProvider().readers())
        else:
            notes.append("card reader: the PC/SC library is not installed")
    except HardwareError as exc:
        notes.append(f"card reader: {exc}")
    cameras: tuple[CameraInfo, ...] = ()
    try:
        from hardware.camera.opencv import list_cameras

        cameras = tuple(list_cameras())
    except (ImportError, OSError) as exc:
        notes.append(f"camera: {exc}")
    scanners = _scanners(notes)
    for note in notes:
        log.info("device discovery: %s", note)
    return DiscoveredDevices(
        card_readers=readers, cameras=cameras, scanners=scanners, notes=tuple(notes)
    )


def _scanners(notes: list[str]) -> tuple[str, ...]:
    """SANE device names on Linux, WIA device names on Windows (local devices only)."""
    if sys.platform == "win32":
        from hardware.scanner.wia import list_wia_devices

        try:
            return tuple(d.device_id for d in list_wia_devices())
        except HardwareError as exc:
            notes.append(f"scanner: {exc}")
            return ()
    from hardware.scanner.sane import list_devices, sane_available

    if not sane_available():
        notes.append("scanner: the SANE library is not installed")
        return ()
    try:
        return tuple(d.name for d in list_devices())
    except HardwareError as exc:
        notes.append(f"scanner: {exc}")
        return ()
