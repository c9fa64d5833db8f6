"""The queue as a whole: its state for the status bar and the CLI, and the clerk's
controls (send now, retry), and recovery of jobs caught in flight."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence

import sqlite_utils

from reception.storage.database import transaction
from reception.upload.errors import UnknownDossierError
from reception.upload.outbox import JobState, JobView, LastError, QueueSummary


def summary(db: sqlite_utils.Database) -> QueueSummary:
    """Counts per state, oldest job still to send, most recent error. Index-only reads."""
    counts = dict.fromkeys(JobState, 0)
    for state, count in db.execute(
        "SELECT state, count(*) FROM upload_jobs GROUP BY state"
    ).fetchall():
        counts[JobState(state)] = int(count)
    oldest = db.execute(
        "SELECT dossier_code, enqueued_at FROM upload_jobs WHERE state IN (?, ?, ?)"
        " ORDER BY enqueued_at, dossier_code LIMIT 1",
        [JobState.QUEUED.value, JobState.UPLOADING.value, JobState.ATTENTION.value],
    ).fetchone()
    due = db.execute(
        "SELECT min(next_attempt_at) FROM upload_jobs WHERE state = ?", [JobState.QUEUED.value]
    ).fetchone()
    error = db.execute(
        "SELECT dossier_code, last_error_code, last_error, last_error_at FROM upload_jobs"
        " WHERE last_error_at IS NOT NULL AND state != ? ORDER BY last_error_at DESC LIMIT 1",
        [JobState.SENT.value],
    ).fetchone()
    return QueueSummary(
        counts=counts,
        oldest_waiting_code=None if oldest is None else str(oldest[0]),
        oldest_waiting_since=None if oldest is None else float(oldest[1]),
        next_attempt_at=None if due is None or due[0] is None else float(due[0]),
        last_error=None
        if error is None
        else LastError(str(error[0]), str(error[1]), str(error[2]), float(error[3])),
    )


def count_unsent(db: sqlite_utils.Database) -> int:
    """Dossiers the server has not confirmed yet."""
    row = db.execute(
        "SELECT count(*) FROM upload_jobs WHERE state != ?", [JobState.SENT.value]
    ).fetchone()
    return int(row[0])


def job_views(db: sqlite_utils.Database, codes: Sequence[str]) -> dict[str, JobView]:
    """The upload state of each of ``codes`` that has a job (today's list: a few hundred)."""
    views: dict[str, JobView] = {}
    for start in range(0, len(codes), 500):  # stay under SQLite's bound-parameter limit
        chunk = list(codes[start : start + 500])
        marks = ",".join("?" * len(chunk))
        for row in db.execute(
            "SELECT dossier_code, state, attempts, next_attempt_at, last_error_code, last_error,"
            f" confirmation_json, sent_at FROM upload_jobs WHERE dossier_code IN ({marks})",
            chunk,
        ).fetchall():
            views[str(row[0])] = JobView(
                dossier_code=str(row[0]),
                state=JobState(row[1]),
                attempts=int(row[2]),
                next_attempt_at=float(row[3]),
                last_error_code=row[4],
                last_error=row[5],
                confirmation=None if row[6] is None else json.loads(row[6]),
                sent_at=None if row[7] is None else float(row[7]),
            )
    return views


def send_now(db: sqlite_utils.Database, *, now: float) -> int:
    """Make every queued job due at once (the clerk asked, or the network came back)."""
    with transaction(db):
        cursor = db.execute(
            "UPDATE upload_jobs SET next_attempt_at = ? WHERE state = ? AND next_attempt_at > ?",
            [now, JobState.QUEUED.value, now],
        )
        return int(cursor.rowcount)


def retry(db: sqlite_utils.Database, dossier_code: str, *, now: float) -> JobState:
    """Queue ``dossier_code`` again at once; returns the state it was in.

    A job that needed attention is rebuilt from the dossier as it is now (the clerk fixed
    it) under a new idempotency key; a sent job is left alone.
    """
    with transaction(db):
        row = db.execute(
            "SELECT state FROM upload_jobs WHERE dossier_code = ?", [dossier_code]
        ).fetchone()
        if row is None:
            raise UnknownDossierError(f"no upload job for {dossier_code}")
        state = JobState(row[0])
        if state is JobState.ATTENTION:
            db.execute(
                "UPDATE upload_jobs SET state = ?, next_attempt_at = ?, attempts = 0,"
                " record_json = NULL, idempotency_key = ? WHERE dossier_code = ?",
                [JobState.QUEUED.value, now, str(uuid.uuid4()), dossier_code],
            )
        elif state is JobState.QUEUED:
            db.execute(
                "UPDATE upload_jobs SET next_attempt_at = ? WHERE dossier_code = ?",
                [now, dossier_code],
            )
        return state


def requeue_stale(
    db: sqlite_utils.Database, *, now: float, owner_is_dead: Callable[[str], bool]
) -> int:
    """Put back jobs caught in flight: lease expired, or held by a process that is gone.

    Nothing is lost by retrying: files are content-addressed and the record carries its
    idempotency key, so the server keeps one copy whatever the first attempt achieved.
    """
    with transaction(db):
        rows = db.execute(
            "SELECT dossier_code, lease_owner, lease_expires_at FROM upload_jobs WHERE state = ?",
            [JobState.UPLOADING.value],
        ).fetchall()
        stale = [
            str(code)
            for code, owner, expires in rows
            if expires is None or float(expires) <= now or owner_is_dead(str(owner))
        ]
        for code in stale:
            db.execute(
                "UPDATE upload_jobs SET state = ?, next_attempt_at = ?, lease_owner = NULL,"
                " lease_expires_at = NULL WHERE dossier_code = ?",
                [JobState.QUEUED.value, now, code],
            )
        return len(stale)


def needing_attention(db: sqlite_utils.Database, limit: int = 100) -> list[JobView]:
    """The oldest ``limit`` dossiers that need the clerk, with the server's reason."""
    codes = [
        str(row[0])
        for row in db.execute(
            "SELECT dossier_code FROM upload_jobs WHERE state = ? ORDER BY enqueued_at LIMIT ?",
            [JobState.ATTENTION.value, limit],
        ).fetchall()
    ]
    views = job_views(db, codes)
    return [views[code] for code in codes]
