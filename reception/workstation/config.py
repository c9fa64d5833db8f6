"""The workstation configuration, read from a TOML file.

Credentials are never read from here: the upload client takes them from the OS keyring
or the environment. A missing file gives the built-in demo configuration, flagged as such
so the window can say the counter is not configured yet.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

from reception.errors import ConfigError
from reception.limits import MAX_TOML_FILE_BYTES, InputError, parse_toml_text, read_input_text

# The receiving unit's electronic identifier. The 2018 shape (Thông tư 01/2018/TT-VPCP,
# QCVN 102:2016) is V1V2V3.Z1Z2.Y1Y2.Hxx ("000.00.01.H49"); identifiers seen after the 2025
# reform are shorter or put the province first ("H49.22", "H15.50.05.13"). Both are
# accepted by default; a province with its own rule sets [unit] code_pattern.
DEFAULT_UNIT_CODE_PATTERN = (
    r"^(?:[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.H[0-9]{2}|H[0-9]{2}(?:\.[0-9A-Z]{2,3}){1,4})$"
)
DEFAULT_UNIT_CODE_EXAMPLE = "H49.22"
# The daily sequence of the dossier code: four digits in Thông tư 01/2018/TT-VPCP; provincial
# systems use four to seven.
SEQUENCE_DIGITS = range(4, 8)
DEFAULT_SEQUENCE_DIGITS = 4
MAX_SEQUENCE = 10**DEFAULT_SEQUENCE_DIGITS - 1
# Thông tư 03/2025/TT-VPCP (forms of Nghị định 118/2025/NĐ-CP) is dated 15/9/2025: dossiers
# received from that day on are printed on its forms unless [forms] basis_2025_from says
# otherwise.
DEFAULT_BASIS_2025_FROM = date(2025, 9, 15)
RECORD_VERSIONS = ("2025", "2018")


class SimulateMode(StrEnum):
    AUTO = "auto"  # real device when one is found, its simulator otherwise
    ALWAYS = "always"
    NEVER = "never"  # a missing device stays missing (shown as absent)


@dataclass(frozen=True, slots=True)
class AgencyCode:
    """An identifier the unit used from ``valid_from`` on (until the next one's date)."""

    code: str
    valid_from: date | None


@dataclass(frozen=True, slots=True)
class UnitConfig:
    """The receiving unit, printed verbatim on forms: ``name`` (e.g. "Trung tâm Phục vụ
    hành chính công phường Hồng Gai"), ``parent_agency`` above it, ``place`` before the date
    ("Hồng Gai, ngày ..."). ``code`` is its identifier in force since ``valid_from``;
    ``previous`` keeps the ones it had before, so an old dossier keeps the agency that
    received it."""

    code: str
    name: str
    parent_agency: str
    place: str
    valid_from: date | None = None
    previous: tuple[AgencyCode, ...] = ()

    def code_on(self, day: date) -> str:
        """The identifier in force on ``day`` (the current one when no earlier one applies)."""
        if self.valid_from is None or day >= self.valid_from:
            return self.code
        earlier = [c for c in self.previous if c.valid_from is None or c.valid_from <= day]
        earlier.sort(key=lambda c: c.valid_from or date.min)
        return earlier[-1].code if earlier else self.code


@dataclass(frozen=True, slots=True)
class WorkstationConfig:
    name: str
    sequence_first: int
    sequence_last: int
    sequence_digits: int = DEFAULT_SEQUENCE_DIGITS  # width of the dossier code's sequence


@dataclass(frozen=True, slots=True)
class ServerConfig:
    url: str | None
    ca_bundle: Path | None
    timeout_seconds: float
    # Days a confirmed dossier's documents and personal data stay on this computer.
    reconciliation_days: float = 30.0
    # Which shape of the sync record the provincial system takes ("2025": with the fields
    # of the national digitisation indicators; "2018": the base record).
    record: str = "2025"


@dataclass(frozen=True, slots=True)
class PrivacyConfig:
    """``[privacy]``: the window locks after ``idle_lock_minutes`` without input."""

    idle_lock_minutes: float = 5.0


@dataclass(frozen=True, slots=True)
class FormsConfig:
    """Which legal basis prints a dossier's forms, and where corrected wording lives."""

    basis_2025_from: date = DEFAULT_BASIS_2025_FROM
    # A folder of <basis>.toml files overriding the bundled wording (default: forms/ in
    # the data folder).
    wording_dir: Path | None = None

    def basis_on(self, day: date) -> str:
        """The legal basis in force for a dossier received on ``day``."""
        return "2025" if day >= self.basis_2025_from else "2018"


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
class SigningConfig:
    """``[signing]``: the PKCS#11 token that signs digitised components (no PIN here)."""

    module: Path | None = None
    token_label: str = ""
    key_label: str = ""
    tsa_url: str | None = None  # RFC 3161 timestamp server


@dataclass(frozen=True, slots=True)
class StorageConfig:
    """``[storage]`` backups: where (None: ``backups/`` in the data folder), how often, how many."""

    backup_folder: Path | None = None
    backup_interval_hours: float = 24.0
    backup_keep: int = 14
    #: SQLCipher encryption of the database (a plain one is encrypted in place at open).
    encrypt: bool = True
    #: Where the key is kept: auto (the OS key store, else a key file), keyring or file.
    key_store: str = "auto"


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
    signing: SigningConfig = field(default_factory=SigningConfig)
    forms: FormsConfig = field(default_factory=FormsConfig)
    privacy: PrivacyConfig = field(default_factory=PrivacyConfig)
    storage: StorageConfig = field(default_factory=StorageConfig)


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
    if path is None or not os.path.lexists(path):
        return DEMO_CONFIG
    try:
        # A regular file within the size and nesting limits (a FIFO would block for ever).
        raw = parse_toml_text(read_input_text(path, MAX_TOML_FILE_BYTES), str(path))
    except InputError as exc:
        raise ConfigError(str(exc)) from exc
    return parse_config(raw, source=path)


def _workstation(reader: _Reader, unit: UnitConfig) -> WorkstationConfig:
    """``[workstation]``: its name and its block of daily sequence numbers."""
    digits = reader.integer("workstation.sequence_digits", DEFAULT_SEQUENCE_DIGITS)
    if digits not in SEQUENCE_DIGITS:
        reader.fail(
            "workstation.sequence_digits",
            f"expected {SEQUENCE_DIGITS.start} to {SEQUENCE_DIGITS.stop - 1} digits,"
            f" e.g. sequence_digits = 5 for codes like {unit.code}-250916-00001",
        )
    largest = 10**digits - 1
    workstation = WorkstationConfig(
        name=reader.text("workstation.name", required=True),
        sequence_first=reader.integer("workstation.sequence_first", 1),
        sequence_last=reader.integer("workstation.sequence_last", largest),
        sequence_digits=digits,
    )
    if not 1 <= workstation.sequence_first <= workstation.sequence_last <= largest:
        reader.fail(
            "workstation.sequence_first",
            f"the block must satisfy 1 <= first <= last <= {largest} ({digits} digits),"
            f" e.g. sequence_first = 1 and sequence_last = {largest // 10}",
        )
    return workstation


def _server(reader: _Reader, demo: Config) -> ServerConfig:
    """``[server]``: where and how dossiers are uploaded."""
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
        record=reader.text("server.record", default="2025"),
    )
    if server.record not in RECORD_VERSIONS:
        reader.fail("server.record", 'expected "2025" or "2018", e.g. record = "2025"')
    return server


def parse_config(raw: dict[str, Any], source: Path | None = None) -> Config:
    """Validate a decoded TOML document; errors name the file and the key."""
    reader = _Reader(raw, source)
    demo = DEMO_CONFIG
    unit = _unit(reader)
    workstation = _workstation(reader, unit)
    server = _server(reader, demo)
    forms = FormsConfig(
        basis_2025_from=reader.date("forms.basis_2025_from", DEFAULT_BASIS_2025_FROM),
        wording_dir=Path(reader.text("forms.wording_dir"))
        if reader.text("forms.wording_dir")
        else None,
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
    backup_folder = reader.text("storage.backup_folder", default="")
    backup_interval = reader.number("storage.backup_interval_hours", 24.0)
    backup_keep = reader.integer("storage.backup_keep", 14)
    if not 1 <= backup_keep <= 1000:
        reader.fail("storage.backup_keep", "expected a number of backups from 1 to 1000")
    key_store = reader.text("storage.key_store", default="auto")
    if key_store not in ("auto", "keyring", "file"):
        reader.fail("storage.key_store", "expected auto, keyring or file")
    storage = StorageConfig(
        backup_folder=Path(backup_folder) if backup_folder else None,
        backup_interval_hours=backup_interval,
        backup_keep=backup_keep,
        encrypt=reader.boolean("storage.encrypt", True),
        key_store=key_store,
    )
    scan_folder = reader.text("digitising.scan_folder", default="")
    retention_days = reader.integer("digitising.retention_days", 30)
    if not 1 <= retention_days <= 3650:
        reader.fail("digitising.retention_days", "expected a number of days from 1 to 3650")
    digitising = DigitisingConfig(
        scan_folder=Path(scan_folder) if scan_folder else None,
        retention_days=retention_days,
        scanner=reader.text("digitising.scanner", default="") or None,
    )
    module = reader.text("signing.module", default="")
    tsa_url = reader.text("signing.tsa_url", default="") or None
    if tsa_url is not None and not tsa_url.startswith(("https://", "http://")):
        reader.fail("signing.tsa_url", "expected an http:// or https:// address")
    signing = SigningConfig(
        module=Path(module) if module else None,
        token_label=reader.text("signing.token_label", default=""),
        key_label=reader.text("signing.key_label", default=""),
        tsa_url=tsa_url,
    )
    return Config(
        storage=storage,
        unit=unit,
        workstation=workstation,
        server=server,
        devices=devices,
        language=language,
        data_dir=Path(data_dir) if data_dir else None,
        source=source,
        digitising=digitising,
        forms=forms,
        signing=signing,
        privacy=PrivacyConfig(
            idle_lock_minutes=reader.number("privacy.idle_lock_minutes", 5.0),
        ),
    )


def _unit(reader: _Reader) -> UnitConfig:
    """``[unit]``: the identifier checked against its pattern, with its earlier ones."""
    pattern_text = reader.text("unit.code_pattern", default=DEFAULT_UNIT_CODE_PATTERN)
    example = reader.text("unit.code_example", default=DEFAULT_UNIT_CODE_EXAMPLE)
    try:
        pattern = re.compile(pattern_text)
    except re.error as exc:
        reader.fail("unit.code_pattern", f"not a regular expression: {exc}")
    code = reader.text("unit.code", required=True)
    if not pattern.fullmatch(code):
        reader.fail(
            "unit.code",
            f"{code!r} is not a unit identifier: expected one like {example!r}"
            ' (code = "H49.22" or "000.00.01.H49"; [unit] code_pattern sets the rule)',
        )
    previous = []
    history = reader.raw("unit.previous") or []
    if not isinstance(history, list):
        reader.fail("unit.previous", "expected a list of {code, valid_from} tables")
    for index, item in enumerate(history):
        key = f"unit.previous[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            reader.fail(
                key, 'expected a table like { code = "000.00.01.H49", valid_from = 2016-11-03 }'
            )
        if not pattern.fullmatch(item["code"]):
            reader.fail(f"{key}.code", f"expected an identifier like {example!r}")
        previous.append(
            AgencyCode(item["code"], _as_date(reader, f"{key}.valid_from", item.get("valid_from")))
        )
    return UnitConfig(
        code=code,
        name=reader.text("unit.name", required=True),
        parent_agency=reader.text("unit.parent_agency", default=""),
        place=reader.text("unit.place", default=""),
        valid_from=reader.date("unit.valid_from", None),
        previous=tuple(previous),
    )


def _as_date(reader: _Reader, key: str, value: Any) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    return reader.fail(key, "expected a date like 2025-07-01")


class _Reader:
    """Typed look-ups in a nested TOML table, failing with the dotted key."""

    def __init__(self, raw: dict[str, Any], source: Path | None) -> None:
        self._raw = raw
        self._where = f"{source}: " if source else ""

    def fail(self, key: str, message: str) -> NoReturn:
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

    def boolean(self, key: str, default: bool) -> bool:
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(key, "expected true or false")
        return bool(value)

    def integer(self, key: str, default: int) -> int:
        value = self.raw(key)
        if value is None:
            return default
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(key, "expected an integer")
        if not -(10**9) <= value <= 10**9:
            self.fail(key, "expected an integer below one billion")
        return int(value)

    def date(self, key: str, default: Any) -> Any:
        """A TOML date (2025-09-15) or ISO date text; ``default`` when absent."""
        value = self.raw(key)
        if value is None:
            return default
        return _as_date(self, key, value)

    def number(self, key: str, default: float) -> float:
        value = self.raw(key)
        if value is None:
            return default
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not 0 < value <= 10**6  # also refuses nan and inf
        ):
            self.fail(key, "expected a positive number up to one million")
        return float(value)
