"""Is the database file sound? A quick check when it is opened, a full one on demand.

``PRAGMA quick_check`` reads every page and checks the b-trees (not the indexes against
their tables); on a counter's database of a few tens of megabytes it takes well under a
second, and it is cut off after :data:`QUICK_CHECK_SECONDS` so that a huge file never
delays the start (the full check, ``reception db check``, has no such limit).
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from reception.errors import StorageCorruptError, StorageError
from reception.storage import cipher_binding

log = logging.getLogger(__name__)

#: The quick check at open stops (and counts as passed) after this long.
QUICK_CHECK_SECONDS = 5.0
#: Problems listed by a full check (SQLite stops counting there).
MAX_PROBLEMS = 100
#: What to tell a person when the file is damaged (the CLI and the window say it).
RESTORE_ADVICE = (
    "stop using this computer for dossiers and restore the latest backup: "
    "reception db restore FILE (backups are listed by reception db backup --list)"
)


def quick_check(conn: sqlite3.Connection, label: object) -> None:
    """Raise :class:`StorageCorruptError` when SQLite's quick check finds damage."""
    deadline = time.monotonic() + QUICK_CHECK_SECONDS

    def out_of_time() -> bool:
        return time.monotonic() > deadline

    conn.set_progress_handler(out_of_time, 10_000)
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except (sqlite3.Error, cipher_binding.Error, StorageError) as exc:
        if "interrupt" in str(exc):
            log.warning("quick check stopped after %.0f s: not finished", QUICK_CHECK_SECONDS)
            return
        if isinstance(exc, StorageError) and not isinstance(exc, StorageCorruptError):
            raise  # a locked file or a failing disk says so itself
        raise StorageCorruptError(
            f"{label}: the database file is damaged ({exc}); {RESTORE_ADVICE}"
        ) from exc
    finally:
        conn.set_progress_handler(None, 0)
    verdict = str(rows[0][0]) if rows else "no answer"
    if verdict != "ok":
        raise StorageCorruptError(
            f"{label}: the database file is damaged ({verdict[:120]}); {RESTORE_ADVICE}"
        )


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """Every problem ``PRAGMA integrity_check`` finds (up to :data:`MAX_PROBLEMS`), plus
    foreign keys that point nowhere; empty for a sound file."""
    rows = conn.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})").fetchall()
    problems = [str(row[0]) for row in rows if str(row[0]) != "ok"]
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"{table} row {rowid}: refers to a missing {parent} row")
    return problems[:MAX_PROBLEMS]


def check_database_file(
    path: Path, key: bytes | None = None, reception_tables: bool = True
) -> list[str]:
    """The problems of the database file ``path`` opened read-only (a backup, say): its
    integrity, and (``reception_tables``) that it is a reception database at all. An
    encrypted file is read with ``key``; a plain one without."""
    if not path.is_file() or path.stat().st_size == 0:
        return [f"{path}: not a database file (missing or empty)"]
    encrypted = not cipher_binding.is_plain_file(path)
    try:
        conn = cipher_binding.connect(
            f"{path.resolve().as_uri()}?mode=ro", key if encrypted else None, uri=True
        )
    except cipher_binding.Error as exc:
        return [f"{path}: cannot be opened: {exc}"]
    try:
        problems = integrity_problems(conn)
        if not problems and reception_tables:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            if "dossiers" not in tables or "dossier_sequences" not in tables:
                problems.append(f"{path}: not a reception database (no dossier tables)")
        return problems
    except cipher_binding.Error as exc:
        if encrypted and "not a database" in str(exc):
            return [f"{path}: encrypted, and cannot be read with this computer's key"]
        return [f"{path}: the file is damaged or not a database ({exc})"]
    finally:
        conn.close()
