"""The processing log: append-only and hash-chained.

Each entry says what was done (an :class:`Action`), by which clerk, when, at which
workstation, and to whose data, by the data subject's ID number only: never a name, an
address, a photo or a document. ``dossier_code`` and ``detail`` are references (a form
kind, a count), checked to be short tokens so that no personal data slips in.

Each entry's hash covers its fields and the previous entry's hash, so that an entry
changed, removed or inserted in the middle breaks the chain (:func:`verify_chain`);
triggers refuse UPDATE and DELETE. An entry is appended inside the caller's transaction
when there is one (a dossier and the record of its saving commit together), else in its
own write transaction, which also serialises the chain between processes.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlite_utils

from reception.errors import UserError
from reception.storage.database import transaction
from reception.workstation.timezone import VIETNAM, now_in_vietnam

GENESIS_HASH = "0" * 64
TABLE = "processing_log"

# A data subject is named by an ID number only: 12 digits (9 for an old CMND).
_SUBJECT_PATTERN = re.compile(r"^(?:\d{9}|\d{12})$")
# References, not data: dossier codes (000.00.01.H49-261201-0001), form kinds, counts.
_TOKEN_PATTERN = re.compile(r"^[0-9A-Za-z_.:=,/+-]{1,80}$")
_CLERK_PATTERN = re.compile(r"^[^\x00-\x1f]{1,80}$")


class Action(enum.StrEnum):
    """What was done with personal data (or to get at it)."""

    READ_QR = "read_qr"
    READ_CHIP = "read_chip"
    READ_VNEID = "read_vneid"
    VIEW = "view"
    SAVE = "save"
    PRINT = "print"
    EXPORT = "export"
    UPLOAD = "upload"
    DIGITISE = "digitise"
    REUSE = "reuse"
    PURGE = "purge"
    CORRECT = "correct"
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    LOCK = "lock"
    ADMINISTER = "administer"


@dataclass(frozen=True, slots=True)
class LogEntry:
    id: int
    at: datetime
    action: Action
    operator: str
    workstation: str
    subject_id: str | None
    dossier_code: str | None
    detail: str | None
    prev_hash: str
    hash: str

    def to_json_dict(self) -> dict[str, Any]:
        """The ``audit list --json`` shape."""
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "action": self.action.value,
            "operator": self.operator,
            "workstation": self.workstation,
            "id_number": self.subject_id,
            "dossier": self.dossier_code,
            "detail": self.detail,
            "hash": self.hash,
        }


@dataclass(frozen=True, slots=True)
class BrokenEntry:
    """The first entry at which the chain does not hold, and why."""

    id: int
    reason: str


@dataclass(frozen=True, slots=True)
class ChainCheck:
    entries: int
    broken: BrokenEntry | None

    @property
    def ok(self) -> bool:
        return self.broken is None


class ProcessingLog:
    """Appends entries for one workstation; ``operator`` names the clerk at the time
    of each entry (a callable for the window, where clerks sign in and out)."""

    def __init__(
        self,
        *,
        workstation: str,
        operator: str | Callable[[], str],
        clock: Callable[[], datetime] = now_in_vietnam,
    ) -> None:
        self._workstation = workstation
        self._operator = operator
        self._clock = clock

    @property
    def operator(self) -> str:
        """The clerk entries are recorded against now."""
        return self._operator() if callable(self._operator) else self._operator

    @property
    def workstation(self) -> str:
        return self._workstation

    def record(
        self,
        db: sqlite_utils.Database,
        action: Action,
        *,
        subject_id: str | None = None,
        dossier_code: str | None = None,
        detail: str | None = None,
        operator: str | None = None,
    ) -> LogEntry:
        """Append one entry (in the caller's transaction when one is open)."""
        return self.record_many(
            db, action, [(subject_id, dossier_code)], detail=detail, operator=operator
        )[0]

    def record_many(
        self,
        db: sqlite_utils.Database,
        action: Action,
        subjects: Iterable[tuple[str | None, str | None]],
        *,
        detail: str | None = None,
        operator: str | None = None,
    ) -> list[LogEntry]:
        """Append one entry per (subject ID, dossier code), in one transaction."""
        who = operator if operator is not None else self.operator
        at = self._clock().astimezone(VIETNAM)
        with _write(db):
            return [
                _append(
                    db,
                    at=at,
                    action=action,
                    operator=who,
                    workstation=self._workstation,
                    subject_id=subject,
                    dossier_code=code,
                    detail=detail,
                )
                for subject, code in subjects
            ]


def subject_of_dossier(db: sqlite_utils.Database, dossier_code: str) -> str | None:
    """The applicant's ID number of a stored dossier (None when unknown or purged)."""
    row = db.execute(
        "SELECT applicant_id_number FROM dossiers WHERE code = ?", [dossier_code]
    ).fetchone()
    return None if row is None or not row[0] else str(row[0])


def list_entries(
    db: sqlite_utils.Database,
    *,
    subject_id: str | None = None,
    first: date | None = None,
    last: date | None = None,
) -> list[LogEntry]:
    """Entries, oldest first, of one data subject and/or between two days (inclusive)."""
    where: list[str] = []
    values: list[Any] = []
    if subject_id is not None:
        where.append("subject_id = ?")
        values.append(subject_id)
    # Stored as ISO text with the +07:00 offset, so text order is time order.
    if first is not None:
        where.append("at >= ?")
        values.append(datetime(first.year, first.month, first.day, tzinfo=VIETNAM).isoformat())
    if last is not None:
        end = datetime(last.year, last.month, last.day, tzinfo=VIETNAM) + timedelta(days=1)
        where.append("at < ?")
        values.append(end.isoformat())
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return [
        _from_row(row) for row in db.query(f"SELECT * FROM {TABLE}{clause} ORDER BY id", values)
    ]


def verify_chain(db: sqlite_utils.Database) -> ChainCheck:
    """Walk the whole log; the first entry whose hash, link or number is wrong."""
    previous_hash = GENESIS_HASH
    expected_id = 1
    count = 0
    for row in db.query(f"SELECT * FROM {TABLE} ORDER BY id"):
        count += 1
        entry_id = int(row["id"])
        if entry_id != expected_id:
            return ChainCheck(count, BrokenEntry(entry_id, f"entry {expected_id} is missing"))
        if row["prev_hash"] != previous_hash:
            return ChainCheck(count, BrokenEntry(entry_id, "does not link to the entry before it"))
        if _hash_of(row, previous_hash) != row["hash"]:
            return ChainCheck(count, BrokenEntry(entry_id, "its content was changed"))
        previous_hash = str(row["hash"])
        expected_id += 1
    return ChainCheck(count, None)


@contextmanager
def _write(db: sqlite_utils.Database) -> Iterator[None]:
    if db.conn.in_transaction:
        yield
        return
    with transaction(db):
        yield


def _append(
    db: sqlite_utils.Database,
    *,
    at: datetime,
    action: Action,
    operator: str,
    workstation: str,
    subject_id: str | None,
    dossier_code: str | None,
    detail: str | None,
) -> LogEntry:
    subject = subject_id or None
    if subject is not None and not _SUBJECT_PATTERN.match(subject):
        # Not an ID number (a typed name in the wrong box, a tax code): not logged as one.
        subject = None
    for name, value in (("dossier_code", dossier_code), ("detail", detail)):
        if value is not None and not _TOKEN_PATTERN.match(value):
            raise ValueError(f"processing log: {name} is not a short reference")
    if not _CLERK_PATTERN.match(operator) or not _CLERK_PATTERN.match(workstation):
        raise ValueError("processing log: the clerk or workstation name is empty or too long")
    last = db.execute(f"SELECT id, hash FROM {TABLE} ORDER BY id DESC LIMIT 1").fetchone()
    entry_id = 1 if last is None else int(last[0]) + 1
    prev_hash = GENESIS_HASH if last is None else str(last[1])
    row: dict[str, Any] = {
        "id": entry_id,
        "at": at.isoformat(),
        "action": action.value,
        "operator": operator,
        "workstation": workstation,
        "subject_id": subject,
        "dossier_code": dossier_code,
        "detail": detail,
        "prev_hash": prev_hash,
    }
    row["hash"] = _hash_of(row, prev_hash)
    db.execute(
        f"INSERT INTO {TABLE} (id, at, action, operator, workstation, subject_id,"
        " dossier_code, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [row[k] for k in _COLUMNS],
    )
    return _from_row(row)


_HASHED = ("id", "at", "action", "operator", "workstation", "subject_id", "dossier_code", "detail")
_COLUMNS = (*_HASHED, "prev_hash", "hash")


def _hash_of(row: dict[str, Any], prev_hash: str) -> str:
    # JSON of a fixed list: unambiguous whatever characters the values hold.
    payload = json.dumps(
        [prev_hash, *(row[k] for k in _HASHED)], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ProcessingLogDamagedError(UserError):
    """An entry cannot be read back (changed outside the app)."""

    code = "processing_log_damaged"


def _from_row(row: dict[str, Any]) -> LogEntry:
    try:
        action = Action(str(row["action"]))
        at = datetime.fromisoformat(str(row["at"]))
    except ValueError as exc:
        raise ProcessingLogDamagedError(
            f"processing log entry {row['id']} is damaged: run reception audit verify"
        ) from exc
    return LogEntry(
        id=int(row["id"]),
        at=at,
        action=action,
        operator=str(row["operator"]),
        workstation=str(row["workstation"]),
        subject_id=row["subject_id"],
        dossier_code=row["dossier_code"],
        detail=row["detail"],
        prev_hash=str(row["prev_hash"]),
        hash=str(row["hash"]),
    )
