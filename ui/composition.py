"""The composition root: the one place that chooses real or simulated devices."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from hardware.camera.interface import Camera
from hardware.camera.opencv import OpenCvCamera
from hardware.camera.simulated import SimulatedCamera, render_qr_scene
from hardware.card.connection import ReaderProvider
from hardware.card.pcsc import PcscReaderProvider
from hardware.card.simulated import FileSystemCard, SimulatedReaderProvider
from hardware.discovery import DeviceKind, DiscoveredDevices, discover
from hardware.qr.interface import QrDecoder
from hardware.qr.zbar import ZbarQrDecoder, zbar_available
from hardware.qr.zxing import ZxingQrDecoder
from hardware.scanner.interface import DocumentScanner
from hardware.scanner.simulated import SimulatedScanner
from reception.config import Config, SimulateMode
from reception.identity import CitizenIdentity
from reception.paths import resources_dir
from reception.simulated_person import cccd_qr_text, load_person

log = logging.getLogger(__name__)

# The ICAO 9303 LDS application; the simulated card offers it so the transport can be
# exercised before the chip reader exists.
LDS_AID = bytes.fromhex("A0000002471001")
EF_COM = 0x011E


@dataclass(frozen=True)
class DeviceSet:
    """The devices the app works with, and which of them are simulators."""

    card_readers: ReaderProvider
    camera: Camera | None
    qr_decoders: tuple[QrDecoder, ...]
    scanner: DocumentScanner | None
    simulated: frozenset[DeviceKind]
    discovered: DiscoveredDevices
    simulated_person: CitizenIdentity | None = None


def build_devices(config: Config, *, force_simulate: bool = False) -> DeviceSet:
    """Wire every device: real when present, its simulator when absent (per config)."""
    mode = SimulateMode.ALWAYS if force_simulate else config.devices.simulate
    found = (
        DiscoveredDevices(card_readers=(), cameras=(), scanners=())
        if mode is SimulateMode.ALWAYS
        else discover()
    )

    def simulate(kind: DeviceKind) -> bool:
        if mode is SimulateMode.ALWAYS:
            return True
        return mode is SimulateMode.AUTO and not found.present(kind)

    simulated = frozenset(kind for kind in DeviceKind if simulate(kind))
    person = load_person(config.devices.simulator_person) if simulated else None

    readers: ReaderProvider
    if DeviceKind.CARD_READER in simulated:
        provider = SimulatedReaderProvider()
        provider.insert(FileSystemCard(LDS_AID, {EF_COM: bytes.fromhex("60055F0104303130")}))
        readers = provider
    else:
        readers = PcscReaderProvider()

    camera: Camera | None = None
    if DeviceKind.CAMERA in simulated and person is not None:
        camera = SimulatedCamera([render_qr_scene(cccd_qr_text(person))])
    elif found.cameras:
        index = config.devices.camera_index
        camera = OpenCvCamera(found.cameras[0].index if index is None else index)

    scanner: DocumentScanner | None = None
    if DeviceKind.SCANNER in simulated:
        scanner = SimulatedScanner(resources_dir() / "fonts" / "Tinos-Regular.ttf")

    decoders: list[QrDecoder] = [ZxingQrDecoder()]
    if zbar_available():
        decoders.append(ZbarQrDecoder())

    for kind in sorted(simulated):
        log.info("using the simulated %s", kind.value)
    return DeviceSet(
        card_readers=readers,
        camera=camera,
        qr_decoders=tuple(decoders),
        scanner=scanner,
        simulated=simulated,
        discovered=found,
        simulated_person=person,
    )
