"""The composition root: the one place that chooses real or simulated devices.

The window (:func:`build_devices`) and every command line command (the functions under
"the command line's devices", and the document sources by name) get their devices here;
no other module decides between a real device and its simulator, or imports a device
implementation to open it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from hardware.camera.interface import Camera, CameraInfo
from hardware.camera.opencv import OpenCvCamera, list_cameras
from hardware.camera.simulated import SimulatedCamera, render_qr_scene
from hardware.card.connection import ReaderProvider
from hardware.card.pcsc import PcscReaderProvider
from hardware.card.simulated import ApduCard, SimulatedReaderProvider
from hardware.discovery import DeviceKind, DiscoveredDevices, discover
from hardware.errors import DeviceUnavailableError, HardwareError
from hardware.icao.simulated_chip import ChipFaults, SimulatedCccdChip
from hardware.imaging.image_files import ImageFileError
from hardware.qr.cascade import build_cascade
from hardware.qr.interface import QrReader
from hardware.scanner.camera_capture import CameraDocumentScanner
from hardware.scanner.folder import FolderScanner, FolderWatcher
from hardware.scanner.interface import DocumentScanner, ScannedPage
from hardware.scanner.simulated import SimulatedScanner
from hardware.scanner_gun.serial_port import SerialScannerGun
from hardware.signing.pkcs11_token import open_token
from hardware.signing.simulated_token import SimulatedToken, create_simulated_token
from reception.digitising.model import SourceFileError
from reception.digitising.signing import SigningService, SigningSettings
from reception.digitising.sources import read_file
from reception.identity.citizen import CitizenIdentity
from reception.intake.qr_payload import format_qr_payload
from reception.upload.connect import connect
from reception.upload.http_uploader import HttpUploader
from reception.workstation.config import Config, SimulateMode
from reception.workstation.paths import resources_dir
from ui.simulation.chip import simulated_chip
from ui.simulation.person import load_person

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
        camera = SimulatedCamera([render_qr_scene(format_qr_payload(person))])
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


# -- the command line's devices --------------------------------------------------------------


def card_readers() -> PcscReaderProvider:
    """The PC/SC readers for ``card read`` / ``card readers``.

    Always the real stack: the command line's simulated card (``card simulate``) reaches
    it through pcscd's vpcd reader, exactly like a card laid on a real one.
    """
    return PcscReaderProvider()


def simulated_card(
    person_file: Path | None = None, faults: ChipFaults | None = None
) -> SimulatedCccdChip:
    """The simulated chip of ``person_file`` (default: the bundled synthetic person)."""
    return simulated_chip(person_file, faults)


def qr_cameras() -> list[CameraInfo]:
    """The cameras ``qr camera --list`` prints."""
    return list_cameras()


def qr_camera(config: Config, *, device: int | None = None, simulate: bool = False) -> Camera:
    """The camera of ``qr camera``: the simulated one showing the configured person's QR
    code, or camera ``device`` (default: the configured one, else the first)."""
    if simulate:
        person = load_person(config.devices.simulator_person)
        return SimulatedCamera([render_qr_scene(format_qr_payload(person))])
    index = device if device is not None else config.devices.camera_index
    return OpenCvCamera(0 if index is None else index)


# -- the signing token ------------------------------------------------------------------------
#
# A real USB token and the simulated one (SoftHSM2) are both reached through a PKCS#11
# module named in the settings; the simulated one is made by ``token simulate``.


def signing_settings(config: Config, environ: Mapping[str, str] | None = None) -> SigningSettings:
    """``[signing]`` of ``config`` with ``RECEPTION_SIGNING_*`` applied over it."""
    return SigningSettings.from_config(config.signing).with_environment(environ)


def signing_service(settings: SigningSettings) -> SigningService:
    """The (locked) signing service over the token ``settings`` names, through its module."""
    return SigningService(settings, opener=open_token)


def build_signing(
    config: Config, environ: Mapping[str, str] | None = None
) -> SigningService | None:
    """The signing service of this counter, locked, or None when no token is configured
    (the copies are then marked but not signed, and the window and the record say so).

    The window keeps the one service for the session: ``unlocked`` false means "ask the
    PIN" (once), then :meth:`SigningService.unlock` on a worker thread.
    """
    settings = signing_settings(config, environ)
    return None if settings.missing() else signing_service(settings)


def simulated_signing_token(directory: Path) -> SimulatedToken:
    """A new SoftHSM2 token in ``directory`` with a key and a test CA's certificate."""
    return create_simulated_token(directory)


def shared_store(config: Config) -> HttpUploader | None:
    """The province's shared store of digitised components (``[server] url``), or None."""
    if config.server.url is None:
        return None
    store = connect(config.server)
    return store if isinstance(store, HttpUploader) else None


# -- document sources, by name -----------------------------------------------------------------
#
# Names: ``simulated`` (the simulated scanner), ``folder`` (the configured scan-to-folder),
# ``camera`` (the document camera), or a SANE / WIA device name as ``scan devices`` lists.

SIMULATED, FOLDER, CAMERA = "simulated", "folder", "camera"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    name: str
    description: str
    kind: str


def read_scan_file(path: Path) -> list[ScannedPage]:
    """Pages of a file a printer left in the scan folder (PDFs included)."""
    try:
        return read_file(path)
    except SourceFileError as exc:
        raise ImageFileError(str(exc)) from exc


def list_sources(config: Config) -> tuple[list[SourceInfo], list[str]]:
    """Every source that can be used now, and notes on those that cannot."""
    sources = [SourceInfo(SIMULATED, "Simulated scanner (A4 text pages)", "simulated")]
    notes: list[str] = []
    if sys.platform == "win32":  # pragma: no cover - Windows only
        from hardware.scanner.wia import list_wia_devices

        try:
            sources += [SourceInfo(d.device_id, d.name, "wia") for d in list_wia_devices()]
        except HardwareError as exc:
            notes.append(f"WIA: {exc}")
    else:
        from hardware.scanner.sane import list_devices

        try:
            sources += [
                SourceInfo(d.name, f"{d.vendor} {d.model} ({d.kind})", "sane")
                for d in list_devices()
            ]
        except HardwareError as exc:
            notes.append(f"SANE: {exc}")
    folder = config.digitising.scan_folder
    if folder is not None:
        sources.append(SourceInfo(FOLDER, f"Scan folder {folder}", "folder"))
    else:
        notes.append("scan folder: not configured ([digitising] scan_folder)")
    sources.append(SourceInfo(CAMERA, "Document camera", "camera"))
    return sources, notes


def open_source(name: str, config: Config) -> DocumentScanner:
    """The scanner interface over the source called ``name``."""
    if name == SIMULATED:
        return SimulatedScanner(resources_dir() / "fonts" / "Tinos-Regular.ttf")
    if name == FOLDER:
        folder = config.digitising.scan_folder
        if folder is None:
            raise DeviceUnavailableError("no scan folder is configured")
        return FolderScanner(FolderWatcher(folder, settle_seconds=0.0), read_scan_file)
    if name == CAMERA:
        index = config.devices.camera_index
        return CameraDocumentScanner(OpenCvCamera(0 if index is None else index))
    if sys.platform == "win32":  # pragma: no cover - Windows only
        from hardware.scanner.wia import WiaScanner

        return WiaScanner(name, name)
    from hardware.scanner.sane import SaneScanner

    return SaneScanner(name)
