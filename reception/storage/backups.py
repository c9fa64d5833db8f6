"""Online backups of the database with SQLite's backup API, checked, rotated, restorable.

A backup is a consistent copy taken while the app runs (``Connection.backup``), written to
a temporary name, checked with ``PRAGMA integrity_check``, fsync'd and renamed to
``reception-YYYYMMDD-HHMMSS-<reason>.sqlite3`` in the backup folder (``backups/`` of the
data folder, or ``[storage] backup_folder``: a USB drive, a share). The sequence marks
(:mod:`reception.storage.sequence_marks`) are copied beside it. Backups are taken when
the database is opened and the newest is older than the interval, before every schema
migration, and on demand (``reception db backup``); the newest :data:`DEFAULT_KEEP` are
kept. A backup of an encrypted database is encrypted with the same key (SQLCipher's backup
copies encrypted pages): restoring it needs this data folder's key.

A restore refuses a file that fails its own check, keeps the current file aside (never
deletes it), installs the copy, and raises the sequence marks so that no dossier code
handed out after the backup is handed out again.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reception.errors import StorageError, StorageLockedError
from reception.storage import cipher_binding
from reception.storage.atomic_file import fsync_dir
from reception.storage.encryption import database_key, key_for_existing
from reception.storage.integrity import check_database_file
from reception.storage.sequence_marks import marks_path, merge_marks

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_SECONDS = 24 * 3600.0
DEFAULT_KEEP = 14
BACKUP_PATTERN = re.compile(r"^reception-(\d{8}-\d{6})-([a-z0-9-]+)\.sqlite3$")


class BackupError(StorageError):
    """A backup could not be made or a file cannot be restored."""

    code = "backup_failed"


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    """Where backups go, how often they are taken automatically, how many are kept.

    ``folder`` None: ``backups/`` beside the database.
    """

    folder: Path | None = None
    interval_seconds: float = DEFAULT_INTERVAL_SECONDS
    keep: int = DEFAULT_KEEP

    def folder_for(self, database: Path) -> Path:
        return self.folder if self.folder is not None else database.parent / "backups"


# One mutable slot rather than a ``global`` statement.
_POLICY: list[BackupPolicy] = [BackupPolicy()]


def configure(policy: BackupPolicy) -> None:
    """Set the policy every later :func:`~reception.storage.database.open_database` uses
    (the composition root and the CLI call it once, from the configuration)."""
    _POLICY[0] = policy


def current_policy() -> BackupPolicy:
    """The policy set by :func:`configure` (the default one until then)."""
    return _POLICY[0]


def list_backups(folder: Path) -> list[Path]:
    """The backups in ``folder``, newest first."""
    try:
        found = [p for p in folder.iterdir() if BACKUP_PATTERN.match(p.name)]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def make_backup(
    conn: sqlite3.Connection, database: Path, folder: Path, reason: str, keep: int = DEFAULT_KEEP
) -> Path:
    """Copy the open database ``conn`` (file ``database``) into ``folder``; the path of the
    checked copy. Raises :class:`BackupError` (nothing half-written is left)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"reception-{stamp}-{reason}.sqlite3"
    temporary = folder / ".backup.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for n in range(2, 100):
            if not target.exists():
                break
            target = folder / f"reception-{stamp}-{reason}-{n}.sqlite3"
        # A name of its own (0600), so two processes backing up at once never collide.
        fd, name = tempfile.mkstemp(prefix=".backup-", suffix=".tmp", dir=folder)
        os.close(fd)
        temporary = Path(name)
        key = key_for_existing(database)
        copy = cipher_binding.connect(temporary, key)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        problems = check_database_file(temporary, key)
        if problems:
            raise BackupError(f"the backup copy failed its check: {problems[0]}")
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        marks = marks_path(database)
        if marks.exists():
            merge_marks(marks_path(target), marks)
        fsync_dir(folder)
    except (OSError, sqlite3.Error, cipher_binding.Error, StorageError) as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, BackupError):
            raise
        raise BackupError(f"cannot write a backup in {folder}: {exc}") from exc
    _rotate(folder, keep)
    log.info("database backed up (%s)", reason)
    return target


def _rotate(folder: Path, keep: int) -> None:
    for old in list_backups(folder)[max(1, keep) :]:
        try:
            old.unlink()
            marks_path(old).unlink(missing_ok=True)
        except OSError as exc:
            log.warning("cannot delete an old backup: %s", exc.strerror)


def backup_if_due(conn: sqlite3.Connection, database: Path, policy: BackupPolicy) -> Path | None:
    """A scheduled backup when the newest one is older than the policy's interval.

    Never fails the caller: a backup that cannot be written is logged (the next open tries
    again), since refusing to work because the USB drive is out would help nobody.
    """
    folder = policy.folder_for(database)
    with _only_one_process(folder) as alone:
        if not alone:
            return None  # another process is making the backup right now
        return _backup_if_due(conn, database, folder, policy)


@contextmanager
def _only_one_process(folder: Path) -> Iterator[bool]:
    """Whether this process holds the backup folder's lock (never waits for it)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks, no contention here
        yield True
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield True  # make_backup will report what is wrong with the folder
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        yield False
        return
    try:
        yield True
    finally:
        os.close(fd)


def _backup_if_due(
    conn: sqlite3.Connection, database: Path, folder: Path, policy: BackupPolicy
) -> Path | None:
    newest = list_backups(folder)
    if newest:
        try:
            age = time.time() - newest[0].stat().st_mtime
        except OSError:
            age = policy.interval_seconds
        if age < policy.interval_seconds:
            return None
    try:
        return make_backup(conn, database, folder, "scheduled", policy.keep)
    except BackupError as exc:
        log.warning("scheduled backup failed: %s", exc)
        return None


def restore_backup(backup: Path, database: Path) -> Path | None:
    """Install ``backup`` as the database file ``database``; the path where the file it
    replaces was kept (None when there was none). No other program may have it open.

    Raises :class:`BackupError` when the backup fails its check (nothing is changed) and
    :class:`StorageLockedError` when the database is in use.
    """
    # A backup made here is encrypted with this folder's key (an old one may be plain: it
    # is encrypted in place when the database is next opened).
    key = None if cipher_binding.is_plain_file(backup) else database_key(database, create=False)
    problems = check_database_file(backup, key)
    if problems:
        raise BackupError(f"{backup}: refused, the backup fails its check: {problems[0]}")
    database.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    kept: Path | None = None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    if database.exists():
        _refuse_if_in_use(database)
        kept = database.with_name(f"{database.name}.replaced-{stamp}")
        os.replace(database, kept)
        for suffix in ("-wal", "-shm"):
            side = database.with_name(database.name + suffix)
            if side.exists():
                os.replace(side, kept.with_name(kept.name + suffix))
    temporary = database.with_name(f".{database.name}.restoring")
    source = cipher_binding.connect(f"{backup.resolve().as_uri()}?mode=ro", key, uri=True)
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        copy = cipher_binding.connect(temporary, key)
        try:
            source.backup(copy)
        finally:
            copy.close()
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, database)
        fsync_dir(database.parent)
    except (OSError, cipher_binding.Error) as exc:
        temporary.unlink(missing_ok=True)
        raise BackupError(f"cannot install {backup}: {exc}") from exc
    finally:
        source.close()
    # Codes handed out after the backup was taken stay taken.
    for marks in (marks_path(backup), marks_path(kept) if kept else None):
        if marks is not None and marks.exists():
            merge_marks(marks_path(database), marks)
    return kept


def _refuse_if_in_use(database: Path) -> None:
    try:
        key = None if cipher_binding.is_plain_file(database) else database_key(database, False)
        conn = cipher_binding.connect(database, key, timeout=0.5)
        try:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except cipher_binding.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StorageLockedError(
                f"{database}: in use by another program; close the window first"
            ) from exc
    except cipher_binding.DatabaseError:
        pass  # a damaged file is what is being replaced
