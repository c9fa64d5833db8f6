"""Integrity checks, backups, restores and sequence marks (issue 16): nothing saved is
lost, and no dossier code is ever handed out twice."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from reception.dossiers.code import SequenceBlock, allocate_sequence, note_issued
from reception.errors import StorageCorruptError
from reception.storage import backups
from reception.storage.backups import BackupError, BackupPolicy
from reception.storage.database import database_key, open_database, transaction
from reception.storage.integrity import check_database_file
from reception.storage.sequence_marks import marks_path, read_marks

UNIT = "000.00.01.H49"
DAY = date(2026, 11, 30)
BLOCK = SequenceBlock(1, 999)


@pytest.fixture(autouse=True)
def _default_policy() -> None:
    backups.configure(BackupPolicy())


def _issue(db: sqlite_utils.Database, count: int) -> list[int]:
    issued = []
    for _ in range(count):
        with transaction(db):
            sequence = allocate_sequence(db, UNIT, DAY, BLOCK)
        note_issued(db, UNIT, DAY, sequence)
        issued.append(sequence)
    return issued


def _damage(path: Path) -> None:
    db = open_database(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(size // 2)
        file.write(os.urandom(4096))


def test_a_backup_is_a_checked_private_copy(tmp_path: Path) -> None:
    path = tmp_path / "data" / "reception.sqlite3"
    db = open_database(path)
    _issue(db, 3)
    copy = backups.make_backup(db.conn, path, tmp_path / "usb", "manual")
    assert check_database_file(copy, database_key(path)) == []
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert read_marks(marks_path(copy)) == {f"{UNIT}|261130": 3}
    assert backups.list_backups(tmp_path / "usb") == [copy]


def test_old_backups_are_rotated(tmp_path: Path) -> None:
    path = tmp_path / "reception.sqlite3"
    db = open_database(path)
    folder = tmp_path / "backups"
    made = [backups.make_backup(db.conn, path, folder, f"n{i}", keep=2) for i in range(4)]
    assert set(backups.list_backups(folder)) == set(made[-2:])


def test_a_backup_is_taken_when_due_and_before_a_migration(tmp_path: Path) -> None:
    path = tmp_path / "reception.sqlite3"
    open_database(path).conn.close()  # a new file: nothing to back up yet
    folder = tmp_path / "backups"
    assert backups.list_backups(folder) == []
    open_database(path).conn.close()  # opened again, none yet: one is due
    assert len(backups.list_backups(folder)) == 1
    open_database(path).conn.close()  # the interval has not passed
    assert len(backups.list_backups(folder)) == 1

    def extra(db: sqlite_utils.Database) -> None:
        db.execute("CREATE TABLE later (x)")

    from reception.storage.migrations import MIGRATIONS

    open_database(path, [*MIGRATIONS, extra]).conn.close()
    names = [p.name for p in backups.list_backups(folder)]
    assert any(f"before-v{len(MIGRATIONS) + 1}" in name for name in names)


def test_a_damaged_database_is_refused_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "reception.sqlite3"
    db = open_database(path)
    with transaction(db):
        db.table("filler").insert_all({"x": os.urandom(1500)} for _ in range(200))
    db.conn.close()
    _damage(path)
    with pytest.raises(StorageCorruptError, match="restore"):
        open_database(path)
    assert check_database_file(path) != []


@pytest.mark.parametrize("loss", ["truncated", "deleted"])
def test_a_lost_database_is_never_recreated_empty(tmp_path: Path, loss: str) -> None:
    path = tmp_path / "reception.sqlite3"
    _issue(open_database(path), 2)
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    if loss == "truncated":
        path.write_bytes(b"")
    else:
        path.unlink()
    with pytest.raises(StorageCorruptError, match="restore"):
        open_database(path)


def test_a_restore_keeps_the_codes_issued_after_the_backup(tmp_path: Path) -> None:
    path = tmp_path / "data" / "reception.sqlite3"
    db = open_database(path)
    assert _issue(db, 3) == [1, 2, 3]
    backup = backups.make_backup(db.conn, path, tmp_path / "backups", "manual")
    assert _issue(db, 2) == [4, 5]  # handed to two citizens after the backup
    db.conn.close()
    kept = backups.restore_backup(backup, path)
    assert kept is not None and kept.exists()  # the replaced file is kept, never deleted
    restored = open_database(path)
    assert _issue(restored, 1) == [6]


def test_a_backup_that_fails_its_check_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "reception.sqlite3"
    db = open_database(path)
    _issue(db, 1)
    db.conn.close()
    before = path.read_bytes()
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    with pytest.raises(BackupError, match="refused"):
        backups.restore_backup(bogus, path)
    empty = tmp_path / "empty.sqlite3"
    sqlite_utils.Database(empty).execute("CREATE TABLE t (x)")
    with pytest.raises(BackupError, match="not a reception database"):
        backups.restore_backup(empty, path)
    assert path.read_bytes() == before


def test_the_data_folder_and_database_are_private_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        path = tmp_path / "new" / "data" / "reception.sqlite3"
        db = open_database(path)
        _issue(db, 1)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(marks_path(path).stat().st_mode) == 0o600
