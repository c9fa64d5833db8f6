"""The composition root: the one place that chooses real or simulated devices."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from hardware.camera.interface import Camera
from hardware.camera.opencv import OpenCvCamera
from hardware.camera.simulated import SimulatedCamera, render_qr_scene
from hardware.card.connection import ReaderProvider
from hardware.card.pcsc import PcscReaderProvider
from hardware.card.simulated import ApduCard, SimulatedReaderProvider
from hardware.discovery import DeviceKind, DiscoveredDevices, discover
from hardware.qr.cascade import build_cascade
from hardware.qr.interface import QrReader
from hardware.scanner.interface import DocumentScanner
from hardware.scanner.simulated import SimulatedScanner
from hardware.scanner_gun.serial_port import SerialScannerGun
from reception.identity.citizen import CitizenIdentity
from reception.workstation.config import Config, SimulateMode
from reception.workstation.paths import resources_dir
from ui.document_sources import open_source
from ui.simulation.chip import simulated_chip
from ui.simulation.person import cccd_qr_text, load_person

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeviceSet:
    """The devices the app works with, and which of them are simulators."""

    card_readers: ReaderProvider
    camera: Camera | None
    qr_reader: QrReader
    scanner: DocumentScanner | None
    simulated: frozenset[DeviceKind]
    discovered: DiscoveredDevices
    simulated_person: CitizenIdentity | None = None
    #: The simulated ID card chip, beside the simulated reader until the window lays it down.
    simulated_card: ApduCard | None = None
    #: A scanner gun in serial mode, when a port is configured (not opened yet).
    scanner_gun: SerialScannerGun | None = None


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
    simulated_card: ApduCard | None = None
    if DeviceKind.CARD_READER in simulated:
        # The chip of the configured person; the clerk lays it on the reader from the
        # window, so that a read starts exactly as it does with a real card.
        simulated_card = simulated_chip(config.devices.simulator_person)
        readers = SimulatedReaderProvider()
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
    elif found.scanners:
        wanted = config.digitising.scanner
        scanner = open_source(wanted if wanted in found.scanners else found.scanners[0], config)

    # A serial gun is only ever configured, never probed: opening unknown ports could
    # disturb other serial devices.
    gun_port = config.devices.scanner_gun_port
    scanner_gun = (
        SerialScannerGun(gun_port, config.devices.scanner_gun_baudrate) if gun_port else None
    )

    for kind in sorted(simulated):
        log.info("using the simulated %s", kind.value)
    return DeviceSet(
        card_readers=readers,
        camera=camera,
        qr_reader=build_cascade(),
        scanner=scanner,
        simulated=simulated,
        discovered=found,
        simulated_person=person,
        simulated_card=simulated_card,
        scanner_gun=scanner_gun,
    )
