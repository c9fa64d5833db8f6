"""Reading and verifying a whole eMRTD chip: access, files, chip/active/passive authentication.

The order follows what works on real cards (docs/cccd.md): EF.CardAccess unprotected;
PACE when it is advertised (CAN first, then the MRZ), else or on failure BAC with each
MRZ candidate; then under secure messaging EF.COM, DG14 and chip authentication (so the
rest travels under the chip-authenticated session), the data groups, the SOD, and
active authentication with a fresh challenge. Passive authentication runs on the raw
bytes; parsing comes last, so tampered data is reported as such rather than as a crash.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from hardware.card.chaining import ChainingConnection
from hardware.card.connection import CardConnection, StatusWord
from hardware.icao.access import AccessCredentials, open_session
from hardware.icao.active_auth import perform_active_authentication
from hardware.icao.authenticity import Authenticity, Check, decide
from hardware.icao.chip_auth import perform_chip_authentication
from hardware.icao.csca_store import CscaStore
from hardware.icao.data_groups import (
    TAG_DG11,
    TAG_DG12,
    Dg14,
    parse_com,
    parse_dg14,
    parse_dg15,
    parse_text_data_group,
)
from hardware.icao.dg2 import FaceImage, parse_dg2
from hardware.icao.dg13 import Dg13, parse_dg13
from hardware.icao.errors import (
    ChipAuthenticationError,
    ExtendedLengthRefusedError,
    FileAccessError,
    SecureMessagingError,
)
from hardware.icao.files import (
    EXTENDED_CHUNK,
    CountingConnection,
    FileId,
    FileReader,
    TransferCounter,
    atr_says_extended_length,
    data_group_file,
    max_short_read,
)
from hardware.icao.keys import RandomSource
from hardware.icao.mrz import Mrz, parse_dg1
from hardware.icao.passive_auth import parse_sod, passive_authentication
from hardware.icao.secure_messaging import SecureMessagingConnection

#: Called with a step name ("access", "DG2" ...) and the fraction of the read done.
ProgressSink = Callable[[str, float], None]
#: The data groups read when EF.COM is missing (DG3 needs terminal authentication).
_DEFAULT_GROUPS = (1, 2, 11, 12, 13, 14, 15)
_READABLE_GROUPS = frozenset(_DEFAULT_GROUPS)
_SM_REFUSALS = frozenset({StatusWord.SM_DATA_OBJECTS_MISSING, StatusWord.SM_DATA_OBJECTS_INCORRECT})


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read. ``extended_length`` None: detect; ``chunk_size`` forces the Le."""

    csca_store: CscaStore | None = None
    extended_length: bool | None = None
    chunk_size: int | None = None
    active_authentication: bool = True
    chip_authentication: bool = True
    random: RandomSource | None = None
    progress: ProgressSink | None = None


@dataclass(frozen=True, slots=True)
class ReadStatistics:
    """APDUs sent, file bytes read, wall time in total and per step."""

    apdus: int
    bytes_read: int
    seconds: float
    steps: tuple[tuple[str, float], ...]
    extended_length: bool
    chunk_size: int


@dataclass(frozen=True, slots=True)
class ChipData:
    """Everything read from the chip, parsed, with the authenticity results."""

    access: str
    mrz: Mrz | None
    face: FaceImage | None
    dg11: Mapping[int, str] | None
    dg12: Mapping[int, str] | None
    dg13: Dg13 | None
    authenticity: Authenticity
    statistics: ReadStatistics
    raw_files: Mapping[int, bytes] = field(repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "raw_files", MappingProxyType(dict(self.raw_files)))


def read_document(
    connection: CardConnection, credentials: AccessCredentials, options: ReadOptions | None = None
) -> ChipData:
    """Open the chip with ``credentials`` and read and verify everything it offers.

    Raises :class:`hardware.icao.errors.AccessDeniedError` when no credential opens the
    chip, :class:`SecureMessagingError` on a MAC failure, :class:`ChipAuthenticationError`
    when the chip fails chip authentication, :class:`DataGroupError` for unparseable data,
    and the transport's errors (card removed ...).
    """
    opts = options or ReadOptions()
    counter = TransferCounter()
    link = ChainingConnection(CountingConnection(connection, counter))
    extended = (
        opts.extended_length
        if opts.extended_length is not None
        else atr_says_extended_length(connection.atr)
    )
    run = _Run(link, credentials, opts, counter)
    try:
        return run.read(extended)
    except ExtendedLengthRefusedError:
        if opts.extended_length is not None:
            raise
        # The refused command broke the session's counters: start again, short only.
        return run.read(False)


class _Run:
    def __init__(
        self,
        link: CardConnection,
        credentials: AccessCredentials,
        options: ReadOptions,
        counter: TransferCounter,
    ) -> None:
        self._link = link
        self._credentials = credentials
        self._options = options
        self._counter = counter
        self._started = time.perf_counter()
        self._steps: dict[str, float] = {}

    def _progress(self, step: str, fraction: float) -> None:
        if self._options.progress is not None:
            self._options.progress(step, fraction)

    def _timed(self, step: str, since: float) -> float:
        now = time.perf_counter()
        self._steps[step] = self._steps.get(step, 0.0) + now - since
        return now

    def _chunk(self, extended: bool, block_size: int) -> int:
        if self._options.chunk_size is not None:
            return self._options.chunk_size
        return EXTENDED_CHUNK if extended else max_short_read(block_size)

    def read(self, extended: bool) -> ChipData:
        mark = time.perf_counter()
        self._progress("access", 0.0)
        session = open_session(self._link, self._credentials, self._options.random, self._counter)
        mark = self._timed("access", mark)
        chunk = self._chunk(extended, session.keys.cipher.block_size)
        secure: CardConnection = session.secure
        reader = FileReader(secure, chunk, self._counter)
        raw: dict[int, bytes] = {}
        if session.card_access is not None:
            raw[FileId.CARD_ACCESS] = session.card_access
        com = reader.read(FileId.COM)
        groups = _DEFAULT_GROUPS if com is None else parse_com(com)
        if com is not None:
            raw[FileId.COM] = com
        groups = tuple(g for g in groups if g in _READABLE_GROUPS)
        dg14 = reader.read(data_group_file(14)) if 14 in groups else None
        dg14_info = None if dg14 is None else parse_dg14(dg14)
        if dg14 is not None:
            raw[data_group_file(14)] = dg14
        chip_auth = Check.NOT_SUPPORTED
        if dg14_info is not None and dg14_info.chip_authentication:
            chip_auth = Check.NOT_CHECKED
            if self._options.chip_authentication:
                keys = perform_chip_authentication(secure, dg14_info.chip_authentication[0])
                secure = SecureMessagingConnection(self._link, keys)
                reader = FileReader(
                    secure, self._chunk(extended, keys.cipher.block_size), self._counter
                )
                chip_auth = Check.PASSED  # provisional: the next protected answer decides
        mark = self._timed("chip_auth", mark)
        wanted = [data_group_file(g) for g in groups if g != 14] + [FileId.SOD]
        self._read_files(reader, wanted, raw, awaiting_proof=chip_auth is Check.PASSED)
        mark = self._timed("read", mark)
        self._progress("authentication", 0.85)
        authenticity = self._authenticate(secure, raw, dg14_info, chip_auth, extended)
        self._timed("authentication", mark)
        return self._assemble(session.protocol, raw, authenticity, extended, chunk)

    def _read_files(
        self, reader: FileReader, wanted: list[int], raw: dict[int, bytes], *, awaiting_proof: bool
    ) -> None:
        """Read ``wanted`` into ``raw``; skip files the chip refuses (DG3-like groups).

        After chip authentication the first protected answer is the proof: a chip
        without the DG14 private key cannot produce its MAC.
        """
        for index, file_id in enumerate(wanted):
            name = "SOD" if file_id == FileId.SOD else f"DG{file_id - 0x0100}"
            self._progress(name, 0.1 + 0.7 * index / len(wanted))
            try:
                content = reader.read(file_id)
            except SecureMessagingError as exc:
                if awaiting_proof:
                    raise ChipAuthenticationError("chip failed chip authentication") from exc
                raise
            except FileAccessError as exc:
                if exc.status_word == StatusWord.SECURITY_STATUS_NOT_SATISFIED:
                    continue  # needs terminal authentication (like DG3): skipped, not fatal
                if exc.status_word in _SM_REFUSALS:
                    # The chip could not check our MAC: after chip authentication that
                    # means it does not hold the key DG14 names.
                    if awaiting_proof:
                        raise ChipAuthenticationError("chip failed chip authentication") from exc
                    raise SecureMessagingError("the chip rejected a protected command") from exc
                raise
            awaiting_proof = False
            if content is not None:
                raw[file_id] = content

    def _authenticate(
        self,
        secure: CardConnection,
        raw: dict[int, bytes],
        dg14_info: Dg14 | None,
        chip_auth: Check,
        extended: bool,
    ) -> Authenticity:
        active = Check.NOT_SUPPORTED
        dg15 = raw.get(data_group_file(15))
        if dg15 is not None:
            if self._options.active_authentication:
                algorithm = dg14_info.active_authentication_algorithm if dg14_info else None
                active = perform_active_authentication(
                    secure,
                    parse_dg15(dg15),
                    algorithm,
                    self._options.random,
                    extended_length=extended,
                )
            else:
                active = Check.NOT_CHECKED
        sod = raw.get(FileId.SOD)
        if sod is None:
            return decide(
                hashes=Check.NOT_CHECKED,
                signature=Check.NOT_CHECKED,
                issuer=Check.NOT_CHECKED,
                active_auth=active,
                chip_auth=chip_auth,
                details={"not_checked": "the chip has no security object (SOD)"},
            )
        groups = {fid - 0x0100: content for fid, content in raw.items() if 0x0101 <= fid <= 0x0110}
        result = passive_authentication(parse_sod(sod), groups, self._options.csca_store)
        details = dict(result.details)
        details.setdefault("active_auth", "the chip failed active authentication")
        return decide(
            hashes=result.hashes,
            signature=result.signature,
            issuer=result.issuer,
            active_auth=active,
            chip_auth=chip_auth,
            mismatched_data_groups=result.mismatched_data_groups,
            details=details,
        )

    def _assemble(
        self,
        protocol: str,
        raw: dict[int, bytes],
        authenticity: Authenticity,
        extended: bool,
        chunk: int,
    ) -> ChipData:
        mark = time.perf_counter()
        self._progress("parse", 0.95)

        def parsed(number: int, parser: Callable[[bytes], object]) -> object:
            content = raw.get(data_group_file(number))
            return None if content is None else parser(content)

        mrz = parsed(1, parse_dg1)
        face = parsed(2, parse_dg2)
        dg11 = parsed(11, lambda b: parse_text_data_group(b, TAG_DG11))
        dg12 = parsed(12, lambda b: parse_text_data_group(b, TAG_DG12))
        dg13 = parsed(13, parse_dg13)
        self._timed("parse", mark)
        statistics = ReadStatistics(
            apdus=self._counter.apdus,
            bytes_read=self._counter.bytes_read,
            seconds=time.perf_counter() - self._started,
            steps=tuple(self._steps.items()),
            extended_length=extended and self._options.chunk_size is None,
            chunk_size=chunk,
        )
        self._progress("done", 1.0)
        return ChipData(
            access=protocol,
            mrz=mrz if isinstance(mrz, Mrz) else None,
            face=face if isinstance(face, FaceImage) else None,
            dg11=dg11 if isinstance(dg11, Mapping) else None,
            dg12=dg12 if isinstance(dg12, Mapping) else None,
            dg13=dg13 if isinstance(dg13, Dg13) else None,
            authenticity=authenticity,
            statistics=statistics,
            raw_files=raw,
        )


__all__ = [
    "AccessCredentials",
    "ChipData",
    "ReadOptions",
    "ReadStatistics",
    "read_document",
]
