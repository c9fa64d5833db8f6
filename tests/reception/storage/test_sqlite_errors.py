"""Every sqlite3 error, after the database is open too, is the app's storage error."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from reception.errors import (
    StorageBugError,
    StorageCorruptError,
    StorageError,
    StorageFullError,
    StorageIOError,
    StorageLockedError,
    StorageReadOnlyError,
)
from reception.storage import cipher_binding
from reception.storage.database import database_key, open_connection, open_database, transaction
from reception.storage.sqlite_errors import DATABASE_ERRORS, storage_error


def _table(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE t (x BLOB)")


def test_a_full_disk_after_opening_is_disk_full(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3", [_table])
    # SQLite answers a database at its size limit exactly as it answers a full disk.
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(StorageFullError, match="disk is full") as caught, transaction(db):
        for _ in range(20):
            db.execute("INSERT INTO t VALUES (?)", [os.urandom(4096)])
    assert caught.value.code == "storage_disk_full"
    assert caught.value.environment
    assert isinstance(caught.value.__cause__, DATABASE_ERRORS)
    # The transaction was rolled back and the connection still works.
    assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 0


def test_sqlite_utils_calls_are_guarded_too(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3", [_table])
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 1}")
    with pytest.raises(StorageFullError):
        db.table("t").insert_all({"x": os.urandom(4096)} for _ in range(20))


def test_a_read_only_file_is_read_only(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    open_database(path, [_table]).conn.close()
    db = open_database(path, [_table])
    # Another process's view of the same file, opened read-only: writing is refused.
    reader = cipher_binding.connect(
        f"file:{path}?mode=ro",
        database_key(path),
        uri=True,
        factory=type(db.conn),
        isolation_level=None,
    )
    with pytest.raises(StorageReadOnlyError) as caught:
        reader.execute("INSERT INTO t VALUES (1)")
    assert caught.value.code == "storage_read_only"
    assert caught.value.environment
    reader.close()


def test_a_lock_held_too_long_is_locked(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    db = open_database(path, [_table])
    holder = open_connection(path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        db.execute("PRAGMA busy_timeout = 10")
        with pytest.raises(StorageLockedError, match="locked") as caught, transaction(db):
            pass
        assert caught.value.code == "storage_locked"
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_file_damaged_while_open_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    db = open_database(path, [_table])
    with transaction(db):
        db.table("t").insert_all({"x": os.urandom(2000)} for _ in range(50))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    # Overwrite everything after the header and the first page: the schema still reads,
    # the table's pages do not.
    page_size = 4096
    with path.open("r+b") as file:
        file.seek(page_size)
        file.write(b"\xa5" * (path.stat().st_size - page_size))
    with pytest.raises(StorageCorruptError, match="damaged") as caught:
        # Found by the quick check when the file is opened (issue 16), else by the query.
        db = open_database(path, [_table])
        db.execute("SELECT sum(length(x)) FROM t").fetchall()
    assert caught.value.code == "storage_corrupt"


def test_a_file_that_is_not_a_database_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageCorruptError):
        open_database(path)


def test_bad_sql_is_a_bug_not_the_environment(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3", [_table])
    with pytest.raises(StorageBugError) as caught:
        db.execute("SELECT * FROM no_such_table")
    assert caught.value.code == "storage_bug"
    assert not caught.value.environment
    with pytest.raises(StorageBugError):
        db.execute("INSERT INTO t VALUES (?, ?)", [1, 2])


@pytest.mark.parametrize(
    ("result_code", "expected"),
    [
        (sqlite3.SQLITE_FULL, StorageFullError),
        (sqlite3.SQLITE_READONLY, StorageReadOnlyError),
        (sqlite3.SQLITE_BUSY, StorageLockedError),
        (sqlite3.SQLITE_CORRUPT, StorageCorruptError),
        (sqlite3.SQLITE_IOERR_WRITE, StorageIOError),
        (sqlite3.SQLITE_IOERR_FSYNC, StorageIOError),
        (sqlite3.SQLITE_CONSTRAINT_UNIQUE, StorageBugError),
        (sqlite3.SQLITE_MISUSE, StorageBugError),
    ],
)
def test_result_codes_map_to_one_class(result_code: int, expected: type[StorageError]) -> None:
    exc = sqlite3.OperationalError("something")
    exc.sqlite_errorcode = result_code
    error = storage_error(exc, "db")
    assert type(error) is expected
    assert error.environment == (expected is not StorageBugError)
