"""The transactional outbox: upload jobs in the same SQLite database as the dossiers.

Life of a job: ``queued`` → (claimed under a lease) ``uploading`` → ``sent`` on the
server's confirmation; back to ``queued`` with a later ``next_attempt_at`` after a
transient failure; ``attention`` after a permanent one, until the clerk retries. Every
change made while a job is leased checks the lease owner, so a worker that lost its
lease (it was too slow, or presumed dead) cannot overwrite the work of the next one.
Jobs are never deleted: a purged ``sent`` row is the ledger's proof of delivery.

Functions take an open database; those that change it run their own short write
transaction, except :func:`enqueue`, which joins the caller's (the dossier's).
"""

from __future__ import annotations

import enum
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from reception.errors import StorageError
from reception.storage.database import transaction
from reception.storage.document_vault import document_digest
from reception.upload.errors import UnknownDossierError

MISSING_SHA256 = "0" * 64  # placeholder for a file that could not be read


class JobState(enum.StrEnum):
    QUEUED = "queued"
    UPLOADING = "uploading"
    SENT = "sent"
    ATTENTION = "attention"


@dataclass(frozen=True, slots=True)
class FileToSend:
    """A document to upload with the dossier; hash and size are computed when missing."""

    path: Path
    name: str
    component_code: str | None = None
    sha256: str | None = None
    size: int | None = None


@dataclass(frozen=True, slots=True)
class JobFile:
    position: int
    path: Path
    name: str
    component_code: str | None
    sha256: str
    size: int
    file_id: str | None
    download_path: str | None


@dataclass(frozen=True, slots=True)
class Job:
    """A claimed job: what the dispatcher needs to send it."""

    dossier_code: str
    idempotency_key: str
    attempts: int
    enqueued_at: float
    record_json: str | None
    files: tuple[JobFile, ...]


@dataclass(frozen=True, slots=True)
class JobView:
    """What the window shows for one dossier."""

    dossier_code: str
    state: JobState
    attempts: int
    next_attempt_at: float
    last_error_code: str | None
    last_error: str | None
    confirmation: Mapping[str, Any] | None
    sent_at: float | None


@dataclass(frozen=True, slots=True)
class LastError:
    dossier_code: str
    code: str
    reason: str
    at: float


@dataclass(frozen=True, slots=True)
class QueueSummary:
    """Counts per state, the oldest dossier still to send, the most recent error."""

    counts: Mapping[JobState, int]
    oldest_waiting_code: str | None
    oldest_waiting_since: float | None
    next_attempt_at: float | None
    last_error: LastError | None

    @property
    def unsent(self) -> int:
        """Dossiers not yet confirmed by the server (needing attention included)."""
        return sum(n for state, n in self.counts.items() if state is not JobState.SENT)

    @property
    def to_send(self) -> int:
        """Dossiers the queue will still try by itself (queued or in flight)."""
        return self.counts[JobState.QUEUED] + self.counts[JobState.UPLOADING]

    def to_json(self) -> dict[str, Any]:
        return {
            "counts": {state.value: n for state, n in self.counts.items()},
            "unsent": self.unsent,
            "oldest_waiting": None
            if self.oldest_waiting_code is None
            else {"dossier_code": self.oldest_waiting_code, "since": self.oldest_waiting_since},
            "next_attempt_at": self.next_attempt_at,
            "last_error": None
            if self.last_error is None
            else {
                "dossier_code": self.last_error.dossier_code,
                "code": self.last_error.code,
                "reason": self.last_error.reason,
                "at": self.last_error.at,
            },
        }


def enqueue(
    db: sqlite_utils.Database,
    dossier_code: str,
    *,
    now: float,
    files: Iterable[FileToSend] = (),
) -> str:
    """Add the upload job of ``dossier_code``; returns its idempotency key.

    Must be called inside the caller's write transaction (the one that stores the
    dossier), so that a saved dossier always has its job and a job always its dossier.
    """
    if not db.conn.in_transaction:
        raise RuntimeError("enqueue() must run inside the dossier's write transaction")
    key = str(uuid.uuid4())
    db.execute(
        "INSERT INTO upload_jobs (dossier_code, idempotency_key, state, enqueued_at,"
        " next_attempt_at) VALUES (?, ?, ?, ?, ?)",
        [dossier_code, key, JobState.QUEUED.value, now, now],
    )
    _insert_files(db, dossier_code, files)
    return key


def add_files(db: sqlite_utils.Database, dossier_code: str, files: Iterable[FileToSend]) -> None:
    """Attach more documents to a job whose record has not been built yet."""
    with transaction(db):
        row = db.execute(
            "SELECT state, record_json FROM upload_jobs WHERE dossier_code = ?", [dossier_code]
        ).fetchone()
        if row is None:
            raise UnknownDossierError(f"no upload job for {dossier_code}")
        if row[0] != JobState.QUEUED.value or row[1] is not None:
            raise RuntimeError("files can only be added before the upload has started")
        _insert_files(db, dossier_code, files)


def _insert_files(db: sqlite_utils.Database, code: str, files: Iterable[FileToSend]) -> None:
    start = db.execute(
        "SELECT coalesce(max(position), -1) + 1 FROM upload_files WHERE dossier_code = ?", [code]
    ).fetchone()[0]
    for position, item in enumerate(files, start=int(start)):
        sha256, size = item.sha256, item.size
        if sha256 is None or size is None:
            try:
                computed, size = document_digest(item.path)
            except (OSError, StorageError):
                # Never fail the dossier's save over a document: the dispatcher finds the
                # file missing and puts the dossier in front of the clerk.
                computed, size = MISSING_SHA256, -1
            # A hash given by the capture is kept: if the bytes changed since, the server
            # refuses them (422) and the clerk is told, rather than sending other bytes.
            sha256 = sha256 or computed
        db.execute(
            "INSERT INTO upload_files (dossier_code, position, path, name, component_code,"
            " sha256, size) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [code, position, str(item.path), item.name, item.component_code, sha256, size],
        )


def claim_next(
    db: sqlite_utils.Database, owner: str, *, now: float, lease_seconds: float
) -> Job | None:
    """Lease the oldest queued job that is due, or None. One short write transaction."""
    with transaction(db):
        # Walk the queue oldest first and stop at the first due job: no sort of the whole
        # queue per claim, whatever the planner guesses about the due-time range.
        row = db.execute(
            "SELECT dossier_code FROM upload_jobs INDEXED BY upload_jobs_fifo"
            " WHERE state = ? AND next_attempt_at <= ? ORDER BY enqueued_at, dossier_code LIMIT 1",
            [JobState.QUEUED.value, now],
        ).fetchone()
        if row is None:
            return None
        code = str(row[0])
        db.execute(
            "UPDATE upload_jobs SET state = ?, lease_owner = ?, lease_expires_at = ?,"
            " attempts = attempts + 1 WHERE dossier_code = ?",
            [JobState.UPLOADING.value, owner, now + lease_seconds, code],
        )
        return _load_job(db, code)


def _load_job(db: sqlite_utils.Database, code: str) -> Job:
    job = db.execute(
        "SELECT idempotency_key, attempts, enqueued_at, record_json FROM upload_jobs"
        " WHERE dossier_code = ?",
        [code],
    ).fetchone()
    files = tuple(
        JobFile(
            position=int(f[0]),
            path=Path(f[1]),
            name=str(f[2]),
            component_code=f[3],
            sha256=str(f[4]),
            size=int(f[5]),
            file_id=f[6],
            download_path=f[7],
        )
        for f in db.execute(
            "SELECT position, path, name, component_code, sha256, size, file_id, download_path"
            " FROM upload_files WHERE dossier_code = ? ORDER BY position",
            [code],
        ).fetchall()
    )
    return Job(code, str(job[0]), int(job[1]), float(job[2]), job[3], files)


def reload_job(db: sqlite_utils.Database, code: str) -> Job:
    """The job as stored now (after its files were attached or its record frozen)."""
    return _load_job(db, code)


def _owned_update(
    db: sqlite_utils.Database, code: str, owner: str, assignments: str, values: list[Any]
) -> bool:
    """Apply ``assignments`` only while ``owner`` holds the lease; False when it does not."""
    with transaction(db):
        cursor = db.execute(
            f"UPDATE upload_jobs SET {assignments} WHERE dossier_code = ? AND state = ?"
            " AND lease_owner = ?",
            [*values, code, JobState.UPLOADING.value, owner],
        )
        return bool(cursor.rowcount == 1)


def renew_lease(
    db: sqlite_utils.Database, code: str, owner: str, *, now: float, lease_seconds: float
) -> bool:
    return _owned_update(db, code, owner, "lease_expires_at = ?", [now + lease_seconds])


def freeze_record(
    db: sqlite_utils.Database, code: str, owner: str, record: Mapping[str, Any]
) -> bool:
    """Keep the record as first built, so every retry sends exactly the same content."""
    text = json.dumps(record, ensure_ascii=False, sort_keys=True)
    return _owned_update(db, code, owner, "record_json = ?", [text])


def attach_component_files(
    db: sqlite_utils.Database, code: str, owner: str, files: Iterable[FileToSend]
) -> bool:
    """Attach the dossier's digitised components found when the record is first built."""
    with transaction(db):
        leased = db.execute(
            "SELECT 1 FROM upload_jobs WHERE dossier_code = ? AND state = ? AND lease_owner = ?"
            " AND record_json IS NULL",
            [code, JobState.UPLOADING.value, owner],
        ).fetchone()
        if leased is None:
            return False
        _insert_files(db, code, files)
        return True


def record_file_sent(
    db: sqlite_utils.Database,
    code: str,
    position: int,
    owner: str,
    *,
    file_id: str,
    download_path: str,
) -> None:
    """Remember a file the server holds (content-addressed: safe whoever holds the lease)."""
    with transaction(db):
        db.execute(
            "UPDATE upload_files SET file_id = ?, download_path = ?"
            " WHERE dossier_code = ? AND position = ?",
            [file_id, download_path, code, position],
        )


def mark_sent(
    db: sqlite_utils.Database,
    code: str,
    owner: str,
    *,
    now: float,
    confirmation: Mapping[str, Any],
) -> bool:
    """The server confirmed the dossier. Also accepted from a worker whose lease lapsed:
    the confirmation is the truth, whoever received it."""
    with transaction(db):
        cursor = db.execute(
            "UPDATE upload_jobs SET state = ?, sent_at = ?, confirmation_json = ?,"
            " lease_owner = NULL, lease_expires_at = NULL, last_error_code = NULL,"
            " last_error = NULL WHERE dossier_code = ? AND state IN (?, ?)",
            [
                JobState.SENT.value,
                now,
                json.dumps(dict(confirmation), ensure_ascii=False, sort_keys=True),
                code,
                JobState.UPLOADING.value,
                JobState.QUEUED.value,
            ],
        )
        return bool(cursor.rowcount == 1)


def mark_retry(
    db: sqlite_utils.Database,
    code: str,
    owner: str,
    *,
    now: float,
    delay: float,
    error_code: str,
    reason: str,
) -> bool:
    return _owned_update(
        db,
        code,
        owner,
        "state = ?, next_attempt_at = ?, lease_owner = NULL, lease_expires_at = NULL,"
        " last_error_code = ?, last_error = ?, last_error_at = ?",
        [JobState.QUEUED.value, now + delay, error_code, reason, now],
    )


def mark_attention(
    db: sqlite_utils.Database,
    code: str,
    owner: str,
    *,
    now: float,
    error_code: str,
    reason: str,
) -> bool:
    return _owned_update(
        db,
        code,
        owner,
        "state = ?, lease_owner = NULL, lease_expires_at = NULL,"
        " last_error_code = ?, last_error = ?, last_error_at = ?",
        [JobState.ATTENTION.value, error_code, reason, now],
    )


def release(db: sqlite_utils.Database, code: str, owner: str, *, now: float) -> bool:
    """Hand a job back untouched (the worker is stopping): due at once, attempt not counted."""
    return _owned_update(
        db,
        code,
        owner,
        "state = ?, next_attempt_at = ?, lease_owner = NULL, lease_expires_at = NULL,"
        " attempts = max(attempts - 1, 0)",
        [JobState.QUEUED.value, now],
    )
