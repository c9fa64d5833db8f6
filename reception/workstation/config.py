"""The workstation configuration, read from a TOML file.

Credentials are never read from here: the upload client takes them from the OS keyring
or the environment. A missing file gives the built-in demo configuration, flagged as such
so the window can say the counter is not configured yet.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from reception.errors import ConfigError

# Thông tư 01/2018/TT-VPCP: the receiving unit's electronic identifier, e.g. 000.00.01.H22.
UNIT_CODE_PATTERN = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$")
MAX_SEQUENCE = 9999  # the dossier code has four digits of daily sequence


class SimulateMode(StrEnum):
    AUTO = "auto"  # real device when one is found, its simulator otherwise
    ALWAYS = "always"
    NEVER = "never"  # a missing device stays missing (shown as absent)


@dataclass(frozen=True, slots=True)
class UnitConfig:
    code: str
    name: str
    parent_agency: str
    place: str  # printed before the date on forms: "Hạ Long, ngày ..."


@dataclass(frozen=True, slots=True)
class WorkstationConfig:
    name: str
    sequence_first: int
    sequence_last: int


@dataclass(frozen=True, slots=True)
class ServerConfig:
    url: str | None
    ca_bundle: Path | None
    timeout_seconds: float
    # Days a confirmed dossier's documents and personal data stay on this computer.
    reconciliation_days: float = 30.0


@dataclass(frozen=True, slots=True)
class DevicesConfig:
    simulate: SimulateMode
    card_reader: str | None
    camera_index: int | None
    simulator_person: Path | None
    # Serial / virtual COM port of a scanner gun in serial mode ("/dev/ttyACM0", "COM3");
    # None: no serial gun (keyboard-wedge guns need no configuration).
    scanner_gun_port: str | None = None
    scanner_gun_baudrate: int = 9600


@dataclass(frozen=True, slots=True)
class DigitisingConfig:
    """Capturing dossier components: the scan-to-folder path and how long copies are kept."""

    scan_folder: Path | None = None  # where a multifunction printer saves scans
    retention_days: int = 30  # a digitised component's local copy, for reuse, then deleted
    scanner: str | None = None  # SANE/WIA device name; None for the first one found


@dataclass(frozen=True, slots=True)
class Config:
    unit: UnitConfig
    workstation: WorkstationConfig
    server: ServerConfig
    devices: DevicesConfig
    language: str = "vi"
    data_dir: Path | None = None
    source: Path | None = None  # the file read, None for the built-in demo values
    is_demo: bool = field(default=False)
    digitising: DigitisingConfig = field(default_factory=DigitisingConfig)


DEMO_CONFIG = Config(
    unit=UnitConfig(
        code="000.00.01.H99",
        name="Bộ phận Tiếp nhận và Trả kết quả (cấu hình mẫu)",
        parent_agency="ỦY BAN NHÂN DÂN (CẤU HÌNH MẪU)",
        place="Hà Nội",
    ),
    workstation=WorkstationConfig(name="QUAY-01", sequence_first=1, sequence_last=999),
    server=ServerConfig(url=None, ca_bundle=None, timeout_seconds=30.0),
    devices=DevicesConfig(
        simulate=SimulateMode.AUTO, card_reader=None, camera_index=None, simulator_person=None
    ),
    is_demo=True,
)


def load_config(path: Path | None) -> Config:
    """Read ``path``; the demo configuration when ``path`` is None or does not exist."""
    if path is None or not path.exists():
        return DEMO_CONFIG
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    return parse_config(raw, source=path)


def parse_config(raw: dict[str, Any], source: Path | None = None) -> Config:
    """Validate a decoded TOML document; errors name the file and the key."""
    reader = _Reader(raw, source)
    demo = DEMO_CONFIG
    unit = UnitConfig(
        code=reader.text("unit.code", required=True),
        name=reader.text("unit.name", required=True),
        parent_agency=reader.text("unit.parent_agency", default=""),
        place=reader.text("unit.place", default=""),
    )
    if not UNIT_CODE_PATTERN.match(unit.code):
        reader.fail("unit.code", "expected an identifier like 000.00.01.H22")
    workstation = WorkstationConfig(
        name=reader.text("workstation.name", required=True),
        sequence_first=reader.integer("workstation.sequence_first", 1),
        sequence_last=reader.integer("workstation.sequence_last", MAX_SEQUENCE),
    )
    if not 1 <= workstation.sequence_first <= workstation.sequence_last <= MAX_SEQUENCE:
        reader.fail(
            "workstation.sequence_first",
            f"the block must satisfy 1 <= first <= last <= {MAX_SEQUENCE}",
        )
    url = reader.text("server.url", default="") or None
    if url is not None and not url.startswith(("https://", "http://")):
        reader.fail("server.url", "expected an http:// or https:// address")
    ca_bundle = reader.text("server.ca_bundle", default="")
    server = ServerConfig(
        url=url,
        ca_bundle=Path(ca_bundle) if ca_bundle else None,
        timeout_seconds=reader.number("server.timeout_seconds", demo.server.timeout_seconds),
        reconciliation_days=reader.number(
            "server.reconciliation_days", demo.server.reconciliation_days
        ),
    )
    simulate = reader.text("devices.simulate", default=SimulateMode.AUTO.value)
    try:
        simulate_mode = SimulateMode(simulate)
    except ValueError:
        reader.fail("devices.simulate", "expected one of auto, always, never")
    camera = reader.raw("devices.camera_index")
    if camera is not None and (not isinstance(camera, int) or isinstance(camera, bool)):
        reader.fail("devices.camera_index", "expected an integer")
    person = reader.text("devices.simulator_person", default="")
    devices = DevicesConfig(
        simulate=simulate_mode,
        card_reader=reader.text("devices.card_reader", default="") or None,
        camera_index=camera,
        simulator_person=Path(person) if person else None,
        scanner_gun_port=reader.text("devices.scanner_gun_port", default="") or None,
        scanner_gun_baudrate=reader.integer("devices.scanner_gun_baudrate", 9600),
    )
    language = reader.text("language", default="vi")
    if language not in ("vi", "en"):
        reader.fail("language", "expected vi or en")
    data_dir = reader.text("storage.data_dir", default="")
    scan_folder = reader.text("digitising.scan_folder", default="")
    retention_days = reader.integer("digitising.retention_days", 30)
    if not 1 <= retention_days <= 3650:
        reader.fail("digitising.retention_days", "expected a number of days from 1 to 3650")
    digitising = DigitisingConfig(
        scan_folder=Path(scan_folder) if scan_folder else None,
        retention_days=retention_days,
        scanner=reader.text("digitising.scanner", default="") or None,
    )
    return Config(
        unit=unit,
        workstation=workstation,
        server=server,
        devices=devices,
        language=language,
        data_dir=Path(data_dir) if data_dir else None,
        source=source,
        digitising=digitising,
    )


class _Reader:
    """Typed look-ups in a nested TOML table, failing with the dotted key."""

    def __init__(self, raw: dict[str, Any], source: Path | None) -> None:
        self._raw = raw
        self._where = f"{source}: " if source else ""

    def fail(self, key: str, message: str) -> Any:
        raise ConfigError(f"{self._where}{key}: {message}")

    def raw(self, key: str) -> Any:
        node: Any = self._raw
        for part in key.split("."):
            if not isinstance(node, dict):
                return None
            node = node.get(part)
        return node

    def text(self, key: str, *, default: str = "", required: bool = False) -> str:
        value = self.raw(key)
        if value is None:
            if required:
                self.fail(key, "missing")
            return default
        if not isinstance(value, str):
            self.fail(key, "expected text")
        return str(value).strip()

    def integer(self, key: str, default: int) -> int:
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(key, "expected an integer")
        return int(value)

    def number(self, key: str, default: float) -> float:
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            self.fail(key, "expected a positive number")
        return float(value)
