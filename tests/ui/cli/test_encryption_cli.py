"""After a flow (dossier new, receipt, queue drain) the database is unreadable without the key."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from reception.storage import sealed_files
from reception.storage.database import DATABASE_FILE
from reception.storage.document_vault import read_document
from reception.storage.key_store import KEY_FILE
from tests.reception.upload.conftest import ServerFactory, _local_traffic_only, dev_server
from tests.ui.cli.test_audit_cli import new_dossier, run
from ui.cli import main

__all__ = ["_local_traffic_only", "dev_server"]


@pytest.fixture(autouse=True)
def _credentials(monkeypatch: pytest.MonkeyPatch, _local_traffic_only: None) -> None:
    monkeypatch.setenv("RECEPTION_SERVER_USERNAME", "demo")
    monkeypatch.setenv("RECEPTION_SERVER_PASSWORD", "demo")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def test_after_a_flow_the_database_is_encrypted_and_private(
    tmp_path: Path,
    data_dir: Path,
    dev_server: ServerFactory,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = new_dossier(tmp_path, capsys)
    assert run(["receipt", code, "--out", str(tmp_path / "r.pdf")], capsys)[0] == 0
    assert run(["queue", "drain", "--server", dev_server().url], capsys)[0] == 0
    database = data_dir / DATABASE_FILE
    assert database.read_bytes()[:16] != b"SQLite format 3\x00"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / KEY_FILE).stat().st_mode) == 0o600
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(database).execute("SELECT count(*) FROM dossiers").fetchall()
    shell = shutil.which("sqlite3")  # the checker's own tool (scripts/system-deps.sh test)
    assert shell is not None, "the sqlite3 shell is missing: scripts/system-deps.sh test"
    done = subprocess.run(
        [shell, str(database), "SELECT count(*) FROM dossiers;"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "not a database" in done.stderr
    # The app reads it with the key: the dossier is there, the file checks sound.
    status, out = run(["dossier", "show", code, "--json"], capsys)
    assert status == 0 and code in out
    assert run(["db", "check"], capsys)[0] == 0


def test_documents_an_older_version_left_plain_are_sealed_at_the_next_command(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_dossier(tmp_path, capsys)
    documents = data_dir / "documents"
    documents.mkdir(exist_ok=True)
    old = b"%PDF-1.7\n% a component digitised by an older version\n%%EOF\n"
    (documents / "old_TP1_1.pdf").write_bytes(old)

    assert run(["dossier", "list"], capsys)[0] == 0

    stored = (documents / "old_TP1_1.pdf").read_bytes()
    assert stored[:8] == sealed_files.MAGIC and b"older version" not in stored
    assert read_document(documents / "old_TP1_1.pdf") == old
    _, out = run(["self-test"], capsys)
    assert "documents sealed per file (AES-256-GCM)" in out


def test_a_wrong_key_is_one_line_with_a_stable_code(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_dossier(tmp_path, capsys)
    (data_dir / KEY_FILE).write_text(os.urandom(32).hex() + "\n", encoding="ascii")
    status = main(["dossier", "list"])
    out, err = capsys.readouterr()
    assert status != 0
    assert out == ""
    assert err.count("\n") == 1
    assert "cannot be read with this computer's key" in err
    assert "Traceback" not in err


def test_db_backup_writes_an_encrypted_copy_that_restores(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = new_dossier(tmp_path, capsys)
    status, out = run(["db", "backup", "--to", str(tmp_path / "usb")], capsys)
    assert status == 0
    backup = Path(out.strip())
    assert backup.read_bytes()[:16] != b"SQLite format 3\x00"
    assert run(["db", "restore", str(backup)], capsys)[0] == 0
    status, out = run(["dossier", "show", code, "--json"], capsys)
    assert status == 0 and code in out
