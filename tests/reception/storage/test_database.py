from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from reception.errors import StorageError
from reception.storage.database import open_database, schema_version, transaction
from reception.storage.migrations import MIGRATIONS


def test_pragmas_and_schema(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert schema_version(db) == len(MIGRATIONS)
    assert {"dossiers", "dossier_sequences"} <= set(db.table_names())


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    calls: list[int] = []

    def step(db: sqlite_utils.Database) -> None:
        calls.append(1)
        db.execute("CREATE TABLE t (x)")

    open_database(tmp_path / "db.sqlite3", [step]).conn.close()
    db = open_database(tmp_path / "db.sqlite3", [step])
    assert calls == [1]
    assert schema_version(db) == 1


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    def good(db: sqlite_utils.Database) -> None:
        db.execute("CREATE TABLE a (x)")

    def bad(db: sqlite_utils.Database) -> None:
        db.execute("CREATE TABLE b (x)")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        open_database(tmp_path / "db.sqlite3", [good, bad])
    db = open_database(tmp_path / "db.sqlite3", [good])
    assert schema_version(db) == 1
    assert "b" not in db.table_names()


def test_a_database_from_a_newer_app_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(StorageError, match="newer version"):
        open_database(path)


def test_a_folder_that_cannot_be_created_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="cannot create the data folder"):
        open_database(blocker / "sub" / "db.sqlite3")


def test_a_damaged_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match="damaged"):
        open_database(path)


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    db = open_database(tmp_path / "db.sqlite3", [])
    db.execute("CREATE TABLE t (x)")
    with pytest.raises(ValueError), transaction(db):
        db.execute("INSERT INTO t VALUES (1)")
        raise ValueError
    assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 0


def test_threads_creating_the_same_new_database_all_succeed(tmp_path: Path) -> None:
    # Several workers (dossiers, uploads, capture) open the file at start-up; on a new file
    # SQLite may answer BUSY to the switch to WAL without waiting.
    import threading

    for attempt in range(20):
        path = tmp_path / f"db{attempt}.sqlite3"
        errors: list[Exception] = []

        def open_and_close(target: Path = path, sink: list[Exception] = errors) -> None:
            try:
                open_database(target).conn.close()
            except Exception as exc:
                sink.append(exc)

        threads = [threading.Thread(target=open_and_close) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
