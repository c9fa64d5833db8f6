"""SANE scanners (Linux): flatbeds and sheet feeders through python-sane.

The only module that imports ``sane``. SANE is process-global and not thread-safe, so every
call goes through one lock; ``sane.init`` runs once, lazily, and discovery asks for local
devices only (the network backends can stall discovery for seconds).
"""

from __future__ import annotations

import ctypes
import logging
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from hardware.errors import DeviceBusyError, DeviceUnavailableError
from hardware.scanner.interface import ColorMode, DocumentScanner, ScannedPage, ScanSettings

try:
    import sane
except ImportError:  # pragma: no cover - python-sane or libsane missing
    sane = None

log = logging.getLogger(__name__)

_lock = threading.RLock()
_initialised = False
A4_MM = (210.0, 297.0)
# Sources whose name says they feed sheets, and the ones that scan both sides.
_FEEDER_WORDS = ("adf", "feeder", "automatic")
_DUPLEX_WORDS = ("duplex",)
_OUT_OF_PAPER = ("out of documents", "no more documents", "document feeder out")


@dataclass(frozen=True, slots=True)
class SaneDeviceInfo:
    """A scanner SANE can open: ``name`` (``backend:address``) and what it says it is."""

    name: str
    vendor: str
    model: str
    kind: str


def _ignore_broken_pipes_again() -> None:
    """Put SIGPIPE back to "ignore" after a scan.

    Some SANE backends (the ``test`` one among them) reset SIGPIPE to its default while
    scanning; a write to a dropped network connection would then kill the whole app
    instead of raising an error. ``signal.signal`` only works on the main thread and
    scans run on workers, so the C library's ``signal`` is called directly (POSIX only).
    """
    if not hasattr(signal, "SIGPIPE"):
        return
    libc = ctypes.CDLL(None)
    libc.signal.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.signal.restype = ctypes.c_void_p
    libc.signal(signal.SIGPIPE, 1)  # 1 is SIG_IGN


def sane_available() -> bool:
    """Whether python-sane and the SANE library are installed."""
    return sane is not None


def _ensure_init() -> Any:
    global _initialised  # noqa: PLW0603 - SANE itself is a process-wide singleton
    if sane is None:
        raise DeviceUnavailableError("the SANE library (python-sane, libsane) is not installed")
    if not _initialised:
        sane.init()
        _initialised = True
    return sane


def reset() -> None:
    """Shut SANE down so the next call re-reads its configuration (``SANE_CONFIG_DIR``)."""
    global _initialised  # noqa: PLW0603
    with _lock:
        if sane is not None and _initialised:
            sane.exit()
        _initialised = False


def list_devices() -> list[SaneDeviceInfo]:
    """The local scanners SANE finds; ``DeviceUnavailableError`` when SANE is missing."""
    with _lock:
        library = _ensure_init()
        try:
            found = library.get_devices(True)
        except Exception as exc:  # _sane.error has no importable type of its own
            raise DeviceUnavailableError(f"SANE could not list scanners: {exc}") from exc
    return [SaneDeviceInfo(*(str(part) for part in device[:4])) for device in found]


def _choose(offered: list[str], wanted: tuple[str, ...]) -> str | None:
    for word in wanted:
        for value in offered:
            if value.lower() == word.lower():
                return value
    return None


def _nearest(constraint: Any, value: float) -> float:
    if isinstance(constraint, tuple):
        low, high, step = constraint
        clipped = min(max(value, low), high)
        return float(round(clipped / step) * step if step else clipped)
    if isinstance(constraint, list) and constraint:
        return float(min(constraint, key=lambda offered: abs(float(offered) - value)))
    return value


class SaneScanner(DocumentScanner):
    """One SANE device, opened for each batch and closed after it."""

    kind = "sane"

    def __init__(self, device: str, label: str | None = None) -> None:
        self._device = device
        self._label = label or device

    @property
    def name(self) -> str:
        return self._label

    def scan(self, settings: ScanSettings) -> list[ScannedPage]:
        with _lock:
            library = _ensure_init()
            try:
                device = library.open(self._device)
            except Exception as exc:
                message = str(exc).lower()
                if "busy" in message:
                    raise DeviceBusyError(f"scanner {self._label} is busy") from exc
                raise DeviceUnavailableError(f"cannot open scanner {self._label}: {exc}") from exc
            try:
                feeder = self._configure(device, settings)
                dpi = round(float(device.resolution))
                images = list(self._acquire(device, feeder, settings))
            except DeviceUnavailableError:
                raise
            except Exception as exc:
                raise DeviceUnavailableError(f"scanner {self._label} failed: {exc}") from exc
            finally:
                device.close()
                _ignore_broken_pipes_again()
        if not images:
            raise DeviceUnavailableError(f"scanner {self._label}: no paper in the feeder")
        return [self._page(image, dpi, settings.mode) for image in images]

    def _set(self, device: Any, option: str, value: Any) -> bool:
        opt = device.opt.get(option)
        if opt is None or not opt.is_active() or not opt.is_settable():
            return False
        setattr(device, option, value)
        return True

    def _configure(self, device: Any, settings: ScanSettings) -> bool:
        """Set mode, resolution, area and source; True when pages come from a feeder."""
        options = device.opt
        if "mode" in options:
            offered = [str(m) for m in options["mode"].constraint or []]
            wanted = {
                ColorMode.COLOR: ("Color", "RGB", "24bit Color"),
                ColorMode.GRAY: ("Gray", "Grayscale", "8bit Gray"),
                ColorMode.BW: ("Lineart", "Binary", "Black & White", "Gray"),
            }[settings.mode]
            chosen = _choose(offered, wanted)
            if chosen is None:
                raise DeviceUnavailableError(
                    f"scanner {self._label} offers no {settings.mode} mode"
                )
            self._set(device, "mode", chosen)
        if "depth" in options and options["depth"].is_active():
            depth = 8  # bilevel pages are thresholded by our processing, which does it better
            if (
                isinstance(options["depth"].constraint, list)
                and depth in options["depth"].constraint
            ):
                self._set(device, "depth", depth)
        if "resolution" in options:
            self._set(
                device, "resolution", _nearest(options["resolution"].constraint, settings.dpi)
            )
        for corner, size in (("br_x", A4_MM[0]), ("br_y", A4_MM[1])):
            if corner in options and options[corner].is_active():
                self._set(device, corner, _nearest(options[corner].constraint, size))
        feeder = False
        if "source" in options:
            offered = [str(s) for s in options["source"].constraint or []]
            words = _DUPLEX_WORDS if settings.duplex else _FEEDER_WORDS
            multi = settings.duplex or settings.pages > 1
            candidates = [s for s in offered if any(w in s.lower() for w in words)]
            if multi and candidates:
                self._set(device, "source", candidates[0])
                feeder = True
        return feeder

    def _acquire(self, device: Any, feeder: bool, settings: ScanSettings) -> Iterator[Any]:
        if not feeder:
            yield device.scan()
            return
        limit = settings.pages * (2 if settings.duplex else 1)
        iterator = device.multi_scan()
        for _ in range(limit):
            try:
                yield next(iterator)
            except StopIteration:
                return
            except Exception as exc:
                if any(words in str(exc).lower() for words in _OUT_OF_PAPER):
                    return
                raise

    @staticmethod
    def _page(image: Any, dpi: int, mode: ColorMode) -> ScannedPage:
        if image.mode == "RGB":
            pixels = np.asarray(image, dtype=np.uint8)[:, :, ::-1].copy()
        else:
            pixels = np.asarray(image.convert("L"), dtype=np.uint8).copy()
        if mode is not ColorMode.COLOR and pixels.ndim == 3:
            pixels = pixels.mean(axis=2).astype(np.uint8)
        return ScannedPage(image=pixels, dpi=dpi, mode=mode)
