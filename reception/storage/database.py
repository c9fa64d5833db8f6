"""The one place the local SQLite database is opened.

Fixed pragmas: WAL (readers never block the writer), foreign keys on, a busy timeout
so that several processes (the window, a ``queue drain``) can share the file, and
``synchronous=FULL`` because a printed receipt is a promise to a citizen: its commit
must survive a power cut, not only a crash of the app.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from reception.errors import StorageError, StorageLockedError
from reception.storage.migrations import MIGRATIONS
from reception.storage.sqlite_errors import GuardedConnection, storage_error

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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are always explicit (see ``transaction``).
        conn = sqlite3.connect(
            path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
            factory=GuardedConnection,
        )
    except OSError as exc:
        raise StorageError(f"cannot create the data folder {path.parent}: {exc}") from exc
    except sqlite3.Error as exc:
        raise storage_error(exc, path) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = _switch_to_wal(conn)
        if mode != "wal":
            raise StorageError(f"{path}: the database cannot use write-ahead logging ({mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = sqlite_utils.Database(conn)
        migrate(db, migrations)
    except sqlite3.Error as exc:
        conn.close()
        raise storage_error(exc, path) from exc
    except BaseException:
        conn.close()
        raise
    return db


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
