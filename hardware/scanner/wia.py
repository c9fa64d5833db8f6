"""Windows Image Acquisition (WIA 2.0) scanners, through its COM automation layer.

The only module that touches ``win32com`` (pywin32), and only on Windows: importing this
module elsewhere is harmless, and every entry point raises ``DeviceUnavailableError`` when
not on Windows or when pywin32 is missing. It cannot run in this project's CI (Linux): the
parts that can be checked there — the mapping of our settings to WIA property values and
the guard — are pure functions. TWAIN-only devices are not driven directly: such
multifunction printers are used through scan-to-folder.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from hardware.errors import DeviceUnavailableError
from hardware.imaging.encoding import decode_image_bytes
from hardware.imaging.image_files import ImageFileError
from hardware.scanner.interface import ColorMode, DocumentScanner, ScannedPage, ScanSettings

# WIA constants (wiadef.h).
WIA_DEVICE_TYPE_SCANNER = 1
WIA_FORMAT_PNG = "{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}"
WIA_IPS_CUR_INTENT = 6146
WIA_IPS_XRES = 6147
WIA_IPS_YRES = 6148
WIA_DPS_DOCUMENT_HANDLING_SELECT = 3088
WIA_DPS_PAGES = 3096
INTENT = {ColorMode.COLOR: 1, ColorMode.GRAY: 2, ColorMode.BW: 4}
FEEDER, FLATBED, DUPLEX = 1, 2, 4
#: HRESULT of "the feeder is empty" (WIA_ERROR_PAPER_EMPTY).
PAPER_EMPTY = -2145320957


@dataclass(frozen=True, slots=True)
class WiaDeviceInfo:
    device_id: str
    name: str


def wia_properties(settings: ScanSettings) -> dict[int, int]:
    """The WIA property values that ask for ``settings`` (device and item properties)."""
    handling = FLATBED
    if settings.duplex:
        handling = FEEDER | DUPLEX
    elif settings.pages > 1:
        handling = FEEDER
    return {
        WIA_IPS_CUR_INTENT: INTENT[settings.mode],
        WIA_IPS_XRES: settings.dpi,
        WIA_IPS_YRES: settings.dpi,
        WIA_DPS_DOCUMENT_HANDLING_SELECT: handling,
        WIA_DPS_PAGES: 0 if handling != FLATBED else 1,  # 0: all pages in the feeder
    }


def _device_manager() -> Any:
    # The platform test is one mypy understands: on Linux it skips the block entirely.
    if sys.platform == "win32":  # pragma: no cover - Windows only
        try:
            import win32com.client
        except ImportError as exc:
            raise DeviceUnavailableError("pywin32 is not installed") from exc
        try:
            return win32com.client.Dispatch("WIA.DeviceManager")
        except Exception as exc:  # COM errors have no importable type here
            raise DeviceUnavailableError(f"WIA is not available: {exc}") from exc
    raise DeviceUnavailableError("WIA scanners exist only on Windows")


def list_wia_devices() -> list[WiaDeviceInfo]:
    """The scanners WIA knows; ``DeviceUnavailableError`` off Windows."""
    manager = _device_manager()
    found = []
    for index in range(1, manager.DeviceInfos.Count + 1):  # pragma: no cover - Windows
        info = manager.DeviceInfos.Item(index)
        if info.Type == WIA_DEVICE_TYPE_SCANNER:
            found.append(WiaDeviceInfo(str(info.DeviceID), str(info.Properties("Name").Value)))
    return found


def _set_property(properties: Any, property_id: int, value: int) -> None:  # pragma: no cover
    for index in range(1, properties.Count + 1):
        prop = properties.Item(index)
        if prop.PropertyID == property_id:
            prop.Value = value
            return


class WiaScanner(DocumentScanner):  # pragma: no cover - needs Windows and a scanner
    """One WIA scanner, connected for each batch."""

    kind = "wia"

    def __init__(self, device_id: str, label: str) -> None:
        self._device_id = device_id
        self._label = label

    @property
    def name(self) -> str:
        return self._label

    def scan(self, settings: ScanSettings) -> list[ScannedPage]:
        manager = _device_manager()
        try:
            device = next(
                manager.DeviceInfos.Item(i).Connect()
                for i in range(1, manager.DeviceInfos.Count + 1)
                if manager.DeviceInfos.Item(i).DeviceID == self._device_id
            )
        except StopIteration:
            raise DeviceUnavailableError(f"scanner {self._label} is not connected") from None
        except Exception as exc:
            raise DeviceUnavailableError(f"cannot connect to {self._label}: {exc}") from exc
        values = wia_properties(settings)
        for property_id in (WIA_DPS_DOCUMENT_HANDLING_SELECT, WIA_DPS_PAGES):
            _set_property(device.Properties, property_id, values.pop(property_id))
        item = device.Items.Item(1)
        for property_id, value in values.items():
            _set_property(item.Properties, property_id, value)
        limit = 1 if settings.pages <= 1 and not settings.duplex else settings.pages * 2
        pages: list[ScannedPage] = []
        while len(pages) < limit:
            try:
                image = item.Transfer(WIA_FORMAT_PNG)
            except Exception as exc:
                if getattr(exc, "hresult", None) == PAPER_EMPTY and pages:
                    break
                raise DeviceUnavailableError(f"scanner {self._label} failed: {exc}") from exc
            try:
                decoded = decode_image_bytes(bytes(image.FileData.BinaryData), self._label)
            except ImageFileError as exc:
                raise DeviceUnavailableError(str(exc)) from exc
            pages.extend(
                ScannedPage(image=d.pixels, dpi=settings.dpi, mode=settings.mode) for d in decoded
            )
        return pages
