"""The document sources the clerk can capture from, by name (part of the composition root).

Names: ``simulated`` (the simulated scanner), ``folder`` (the configured scan-to-folder),
``camera`` (the document camera), or a SANE / WIA device name as ``scan devices`` lists.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from hardware.camera.opencv import OpenCvCamera
from hardware.errors import DeviceUnavailableError, HardwareError
from hardware.imaging.image_files import ImageFileError
from hardware.scanner.camera_capture import CameraDocumentScanner
from hardware.scanner.folder import FolderScanner, FolderWatcher
from hardware.scanner.interface import DocumentScanner, ScannedPage
from hardware.scanner.simulated import SimulatedScanner
from reception.digitising.model import SourceFileError
from reception.digitising.sources import read_file
from reception.workstation.config import Config
from reception.workstation.paths import resources_dir

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
