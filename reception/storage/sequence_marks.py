"""The highest dossier sequence ever handed out per unit and day, kept outside the database.

A dossier code is a promise: ``H49.22-250916-0007`` belongs to one citizen for ever. The
database holds the last sequence of each day (``dossier_sequences``), but a database
restored from last night's backup, or one that had to be recreated, would know nothing of
the codes handed out since. So every sequence drawn is also written, before its
transaction commits, to a small file beside the database (and copied with every backup);
:func:`reception.dossiers.code.allocate_sequence` never goes below it. A mark ahead of
the database (a transaction that failed after the mark was written) only leaves a gap in
the codes, which is harmless; a code issued twice is not.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from reception.storage.atomic_file import write_atomically

log = logging.getLogger(__name__)

MARKS_SUFFIX = ".sequences.json"


def marks_path(database: Path) -> Path:
    """The marks file of the database file ``database``."""
    return database.with_name(database.name + MARKS_SUFFIX)


def read_marks(path: Path) -> dict[str, int]:
    """``{"UNIT|YYMMDD": last sequence}``; empty when the file is missing or unreadable
    (a damaged marks file is logged, never fatal: the database still has its own)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("sequence marks unreadable (%s): using the database's own", type(exc).__name__)
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(k): int(v) for k, v in data.items() if isinstance(v, int) and not isinstance(v, bool)
    }


def _key(unit_code: str, day: str) -> str:
    return f"{unit_code}|{day}"


def mark_for(database: Path | None, unit_code: str, day: str) -> int:
    """The highest sequence recorded for ``unit_code`` on ``day`` (``YYMMDD``); 0 if none."""
    if database is None:
        return 0
    return read_marks(marks_path(database)).get(_key(unit_code, day), 0)


def raise_mark(database: Path | None, unit_code: str, day: str, sequence: int) -> None:
    """Record ``sequence`` as handed out (durably: written, fsync'd, renamed)."""
    if database is None:
        return
    path = marks_path(database)
    marks = read_marks(path)
    key = _key(unit_code, day)
    if marks.get(key, 0) >= sequence:
        return
    marks[key] = sequence
    write_atomically(path, json.dumps(marks, sort_keys=True).encode("ascii"))
    os.chmod(path, 0o600)


def merge_marks(target: Path, source: Path) -> None:
    """Raise the marks of file ``target`` to those of file ``source`` (after a restore)."""
    merged = read_marks(target)
    for key, value in read_marks(source).items():
        merged[key] = max(merged.get(key, 0), value)
    write_atomically(target, json.dumps(merged, sort_keys=True).encode("ascii"))
    os.chmod(target, 0o600)


def database_file(conn: object) -> Path | None:
    """The file of the main database of a ``sqlite3`` connection (None in memory)."""
    execute = getattr(conn, "execute", None)
    if execute is None:
        return None
    for _, name, file in execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else None
    return None
