"""The database is encrypted at rest: unreadable without the key, migrated in place safely."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reception.errors import StorageCorruptError, StorageLockedError, StorageWrongKeyError
from reception.storage import backups, cipher_binding, encryption
from reception.storage.database import database_key, open_connection, open_database
from reception.storage.encryption import (
    ENCRYPTING_SUFFIX,
    PLAIN_ORIGINAL_SUFFIX,
    EncryptionPolicy,
    encrypt_in_place,
)
from reception.storage.integrity import check_database_file
from reception.storage.key_store import KEY_FILE

PLAIN_HEADER = b"SQLite format 3\x00"


@pytest.fixture(autouse=True)
def _default_policy() -> object:
    yield
    encryption.configure(EncryptionPolicy())


def _header(path: Path) -> bytes:
    return path.read_bytes()[:16]


def _plain_database(path: Path, rows: int = 50) -> None:
    """A plain database as an earlier version of the app left it (WAL, data in the log)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, id_number TEXT)")
    conn.executemany(
        "INSERT INTO people (id_number) VALUES (?)", [(f"0010900{i:05d}",) for i in range(rows)]
    )
    conn.execute("PRAGMA user_version = 1")
    conn.close()


def _people(db_path: Path) -> list[str]:
    db = open_database(db_path, [lambda db: None])
    try:
        return [row[0] for row in db.execute("SELECT id_number FROM people ORDER BY id")]
    finally:
        db.conn.close()


def test_a_new_database_is_encrypted_and_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "reception.sqlite3"
    db = open_database(path)
    db.execute("CREATE TABLE t (x)")
    db.execute("INSERT INTO t VALUES ('Nguyễn Văn An')")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    assert _header(path) != PLAIN_HEADER
    assert b"Nguy" not in path.read_bytes()
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()
    # The app reads it with the key; the key file is this user's only.
    again = open_database(path)
    assert again.execute("SELECT x FROM t").fetchone()[0] == "Nguyễn Văn An"
    again.conn.close()
    key_file = path.parent / KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_wrong_key_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "data" / "reception.sqlite3"
    open_database(path).conn.close()
    (path.parent / KEY_FILE).write_text(os.urandom(32).hex() + "\n")
    with pytest.raises(StorageWrongKeyError) as caught:
        open_database(path)
    assert caught.value.code == "storage_key_wrong"
    assert "\n" not in str(caught.value)
    # The file was not touched.
    assert _header(path) != PLAIN_HEADER


def test_an_encrypted_file_without_its_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data" / "reception.sqlite3"
    open_database(path).conn.close()
    (path.parent / KEY_FILE).unlink()
    with pytest.raises(StorageCorruptError, match="key this computer does not have"):
        open_database(path)


def test_a_plain_database_is_encrypted_in_place(tmp_path: Path) -> None:
    path = tmp_path / "data" / "reception.sqlite3"
    _plain_database(path)
    expected = [f"0010900{i:05d}" for i in range(50)]
    assert _people(path) == expected
    assert _header(path) != PLAIN_HEADER
    leftovers = [
        p.name for p in path.parent.iterdir() if "plain" in p.name or "encrypting" in p.name
    ]
    assert leftovers == []
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM people").fetchall()


def test_with_encrypt_false_a_new_database_stays_plain(tmp_path: Path) -> None:
    encryption.configure(EncryptionPolicy(encrypt=False))
    path = tmp_path / "data" / "reception.sqlite3"
    open_database(path).conn.close()
    assert _header(path) == PLAIN_HEADER


def _interrupt_after(monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    """Make the step ``target`` of the in-place encryption fail as a power cut would."""

    def cut(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(target, cut)


@pytest.mark.parametrize(
    "step",
    [
        "reception.storage.cipher_binding.export_encrypted",  # while writing the copy
        "reception.storage.encryption._keep_original",  # copy written, not switched
        "reception.storage.encryption._drop_plain",  # switched, original still there
    ],
)
def test_an_interrupted_encryption_resumes_without_loss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = tmp_path / "data" / "reception.sqlite3"
    _plain_database(path)
    with monkeypatch.context() as patched:
        _interrupt_after(patched, step)
        with pytest.raises(KeyboardInterrupt):
            encrypt_in_place(path)
    # Whatever the step, the rows are there, and the next open finishes the job.
    assert _people(path) == [f"0010900{i:05d}" for i in range(50)]
    assert _header(path) != PLAIN_HEADER
    assert not path.with_name(path.name + PLAIN_ORIGINAL_SUFFIX).exists()
    assert not path.with_name(path.name + ENCRYPTING_SUFFIX).exists()


def test_a_half_written_copy_is_discarded_and_the_encryption_restarts(tmp_path: Path) -> None:
    path = tmp_path / "data" / "reception.sqlite3"
    _plain_database(path)
    path.with_name(path.name + ENCRYPTING_SUFFIX).write_bytes(os.urandom(5000))
    assert _people(path)[:1] == ["001090000000"]
    assert _header(path) != PLAIN_HEADER


def test_switched_but_the_encrypted_file_damaged_puts_the_plain_one_back(tmp_path: Path) -> None:
    path = tmp_path / "data" / "reception.sqlite3"
    _plain_database(path)
    original = path.with_name(path.name + PLAIN_ORIGINAL_SUFFIX)
    os.link(path, original)
    os.unlink(path)
    path.write_bytes(os.urandom(8192))  # a switch to a file that does not read back
    assert _people(path) == [f"0010900{i:05d}" for i in range(50)]
    assert not original.exists()


def test_backups_are_encrypted_and_restorable(tmp_path: Path) -> None:
    path = tmp_path / "data" / "reception.sqlite3"
    db = open_database(path)
    db.execute("INSERT INTO dossier_sequences VALUES ('H49', '251201', 7)")
    copy = backups.make_backup(db.conn, path, tmp_path / "usb", "manual")
    db.conn.close()
    assert _header(copy) != PLAIN_HEADER
    assert check_database_file(copy) != []  # unreadable without the key
    assert check_database_file(copy, database_key(path)) == []
    path.unlink()
    backups.restore_backup(copy, path)
    conn = open_connection(path)
    assert conn.execute("SELECT last_sequence FROM dossier_sequences").fetchone()[0] == 7
    conn.close()


def test_a_plain_backup_from_before_is_restored_then_encrypted(tmp_path: Path) -> None:
    encryption.configure(EncryptionPolicy(encrypt=False))
    old = tmp_path / "old" / "reception.sqlite3"
    db = open_database(old)
    copy = backups.make_backup(db.conn, old, tmp_path / "usb", "manual")
    db.conn.close()
    assert _header(copy) == PLAIN_HEADER
    encryption.configure(EncryptionPolicy())
    path = tmp_path / "data" / "reception.sqlite3"
    backups.restore_backup(copy, path)
    open_database(path).conn.close()
    assert _header(path) != PLAIN_HEADER


def test_the_binding_refuses_a_key_of_the_wrong_size() -> None:
    with pytest.raises(ValueError):
        cipher_binding.key_literal(b"short")


def test_a_plain_database_open_elsewhere_is_left_plain_until_it_is_closed(tmp_path: Path) -> None:
    path = tmp_path / "data" / "reception.sqlite3"
    _plain_database(path)
    # An older app still running, in a process of its own (SQLite's locks are per process).
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute('SELECT count(*) FROM people').fetchone(); print('open', flush=True); "
            "sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StorageLockedError, match="another program"):
            encrypt_in_place(path)
        assert _header(path) == PLAIN_HEADER
    finally:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
    assert len(_people(path)) == 50
    assert _header(path) != PLAIN_HEADER
