"""The one place the local SQLite database is opened.

Fixed pragmas: WAL (readers never block the writer), foreign keys on, a busy timeout
so that several processes (the window, a ``queue drain``) can share the file, and
``synchronous=FULL`` because a printed receipt is a promise to a citizen: its commit
must survive a power cut, not only a crash of the app.

The file is encrypted with SQLCipher (:mod:`reception.storage.encryption`): a plain one
found here is encrypted in place before it is used, and every connection is keyed first.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from reception.errors import (
    StorageCorruptError,
    StorageError,
    StorageLockedError,
    StorageWrongKeyError,
)
from reception.storage import backups, cipher_binding, encryption
from reception.storage.integrity import RESTORE_ADVICE, quick_check
from reception.storage.migrations import MIGRATIONS
from reception.storage.sequence_marks import marks_path, read_marks
from reception.storage.sqlite_errors import DATABASE_ERRORS, GuardedConnection, storage_error

DATABASE_FILE = "reception.sqlite3"
BUSY_TIMEOUT_MS = 10_000

Migration = Callable[[sqlite_utils.Database], None]


def open_database(
    path: Path, migrations: Sequence[Migration] = MIGRATIONS
) -> sqlite_utils.Database:
    """Open (creating if needed) the database at ``path`` and bring its schema up to date.

    Raises :class:`StorageError` for what a person can act on: a folder that cannot be
    created or written, a full disk, a locked or corrupt file. The connection is a
    :class:`GuardedConnection`: every later ``sqlite3`` error on it is a ``StorageError`` too.
    """
    existed, key, conn = _connect(path)
    try:
        if key is not None:
            _refuse_a_wrong_key(conn, path)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = _switch_to_wal(conn)
        if mode != "wal":
            raise StorageError(f"{path}: the database cannot use write-ahead logging ({mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if existed:
            # A damaged file is refused here, before anything reads or writes it.
            quick_check(conn, path)
        db = sqlite_utils.Database(conn)
        policy = backups.current_policy()
        if existed and 0 < schema_version(db) < len(migrations):
            backups.make_backup(
                conn, path, policy.folder_for(path), f"before-v{len(migrations)}", policy.keep
            )
        migrate(db, migrations)
        if existed:
            backups.backup_if_due(conn, path, policy)
    except DATABASE_ERRORS as exc:
        conn.close()
        raise storage_error(exc, path) from exc
    except StorageWrongKeyError:
        conn.close()
        raise
    except StorageCorruptError as exc:
        conn.close()
        if RESTORE_ADVICE in str(exc):
            raise
        raise StorageCorruptError(f"{exc}; {RESTORE_ADVICE}") from exc
    except BaseException:
        conn.close()
        raise
    return db


def _connect(path: Path) -> tuple[bool, bytes | None, sqlite3.Connection]:
    """Whether ``path`` held a database, its key, and a keyed connection to it (created
    private when missing; a plain one encrypted first, as the policy says)."""
    try:
        make_private_folder(path.parent)
    except OSError as exc:
        raise StorageError(f"cannot create the data folder {path.parent}: {exc}") from exc
    encryption.resume_or_encrypt(path)
    _refuse_to_start_afresh(path)
    try:
        existed = path.exists() and path.stat().st_size > 0
        key = _key_for(path, existed)
        if not path.exists():
            # Created by us, readable by this user only, whatever the umask; SQLite gives
            # its -wal and -shm files the same permissions.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        # Autocommit mode: transactions are always explicit (see ``transaction``).
        conn = cipher_binding.connect(
            path,
            key,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
            factory=GuardedConnection,
        )
    except OSError as exc:
        raise StorageError(f"cannot create the data folder {path.parent}: {exc}") from exc
    except DATABASE_ERRORS as exc:
        raise storage_error(exc, path) from exc
    return existed, key, conn


def open_connection(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A bare connection to the existing database file ``path``, keyed when it is
    encrypted (no pragmas, no migrations): for backups and checks."""
    key = encryption.key_for_existing(path)
    target = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    return cipher_binding.connect(target, key, uri=read_only, timeout=BUSY_TIMEOUT_MS / 1000)


def database_key(path: Path) -> bytes | None:
    """The key the database file ``path`` is (or will be) encrypted with; None when plain."""
    return encryption.key_for_existing(path) if path.exists() else encryption.key_for_open(path)


def _key_for(path: Path, existed: bool) -> bytes | None:
    if existed and not cipher_binding.is_plain_file(path):
        key = encryption.database_key(path, create=False)
        if key is None:
            # No key was ever made for this folder: not a file we encrypted.
            raise StorageCorruptError(
                f"{path}: the database file is damaged, or encrypted with a key this "
                f"computer does not have (see README: encryption at rest); {RESTORE_ADVICE}"
            )
        return key
    return encryption.key_for_open(path)


def _refuse_a_wrong_key(conn: sqlite3.Connection, path: Path) -> None:
    """Read the schema once: with a wrong key SQLCipher cannot decrypt the first page."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except StorageCorruptError as exc:
        raise StorageWrongKeyError(
            f"{path}: the database cannot be read with this computer's key (another "
            "computer's key, or a damaged file); restore its key or a backup made here"
        ) from exc


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) readable by this user only (0700), whatever
    the umask. An existing folder is left as it is: it may be shared on purpose."""
    missing = []
    at = folder
    while not at.exists() and at != at.parent:
        missing.append(at)
        at = at.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for created in missing:
        os.chmod(created, 0o700)


def _refuse_to_start_afresh(path: Path) -> None:
    """Never create an empty database where dossiers were saved before.

    A missing or zero-length file beside sequence marks means the database was lost or
    truncated: starting afresh would hand out dossier codes already issued and forget
    every dossier not yet uploaded. The clerk is told to restore a backup instead.
    """
    if path.exists() and path.stat().st_size > 0:
        return
    if not read_marks(marks_path(path)):
        return
    state = "empty" if path.exists() else "missing"
    raise StorageCorruptError(
        f"{path}: the database file is {state} although dossiers were saved here; {RESTORE_ADVICE}"
    )


def _switch_to_wal(conn: sqlite3.Connection) -> str:
    """Set WAL mode; retried, because SQLite answers BUSY at once (without calling the busy
    handler) when another connection is creating the same new file at that moment."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        except StorageLockedError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def schema_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite_utils.Database, migrations: Sequence[Migration]) -> None:
    """Apply the migrations past ``PRAGMA user_version``, each in its own transaction."""
    for version, step in enumerate(migrations, start=1):
        with transaction(db):
            # Read inside the write lock: another process may have migrated meanwhile.
            if schema_version(db) >= version:
                continue
            step(db)
            db.execute(f"PRAGMA user_version = {version}")
    current = schema_version(db)
    if current > len(migrations):
        raise StorageError(
            f"the database was written by a newer version of the app (schema {current})"
        )


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """An immediate (write-locked) transaction: committed on success, rolled back on error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        # SQLite has already rolled back after some errors (a full disk, I/O): a second
        # ROLLBACK would then fail and hide the error that matters.
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
