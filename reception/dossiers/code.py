"""Dossier codes (mã hồ sơ), Thông tư 01/2018/TT-VPCP Điều 19 (kept by Thông tư 03/2025).

``<unit identifier>-<YYMMDD>-<XXXX>``: the receiving unit, the day of reception and a
daily sequence of four digits (four to seven in provincial systems: configuration).
Several counters of one unit share the unit's daily sequence,
so each workstation draws from its own configured block and offline counters never
collide. A code is never handed out twice: the last sequence per unit and day is kept
in the database (never deleted), so a restart or a clock set back continues after it.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from datetime import date

import sqlite_utils

from reception.errors import SequenceExhaustedError, StorageFullError, StorageIOError
from reception.storage.sequence_marks import database_file, mark_for, raise_mark

# The unit part is whatever identifier the configuration accepted (its own pattern).
CODE_PATTERN = re.compile(r"^(?P<unit>[0-9A-Z.]+)-(?P<day>\d{6})-(?P<sequence>\d{4,7})$")


@dataclass(frozen=True, slots=True)
class SequenceBlock:
    """The inclusive range of daily sequence numbers this workstation may use."""

    first: int
    last: int
    digits: int = 4  # width of the sequence in the code ([workstation] sequence_digits)


def format_code(unit_code: str, day: date, sequence: int, digits: int = 4) -> str:
    """``H49.22-250916-0007``: the sequence zero-padded to ``digits``."""
    return f"{unit_code}-{day:%y%m%d}-{sequence:0{digits}d}"


def allocate_sequence(
    db: sqlite_utils.Database, unit_code: str, day: date, block: SequenceBlock
) -> int:
    """Take the next sequence number of ``block`` for ``unit_code`` on ``day``.

    Must run inside the caller's write transaction (``storage.database.transaction``),
    so that the number and the dossier that uses it are committed together.
    Raises :class:`SequenceExhaustedError` when the block is used up: wrapping round
    would reuse a code.
    """
    key = day.strftime("%y%m%d")
    row = db.execute(
        "SELECT last_sequence FROM dossier_sequences WHERE unit_code = ? AND day = ?",
        [unit_code, key],
    ).fetchone()
    last = int(row[0]) if row is not None else block.first - 1
    # The mark outside the database remembers codes a restored or recreated database
    # forgot (reception.storage.sequence_marks): never hand one out again.
    database = database_file(db.conn)
    last = max(last, mark_for(database, unit_code, key))
    # A block moved upwards by the administrator starts at its own first number.
    following = max(last + 1, block.first)
    if following > block.last:
        raise SequenceExhaustedError(
            f"sequence block {block.first}-{block.last} is used up for {day.isoformat()}"
        )
    db.execute(
        "INSERT INTO dossier_sequences (unit_code, day, last_sequence) VALUES (?, ?, ?) "
        "ON CONFLICT (unit_code, day) DO UPDATE SET last_sequence = excluded.last_sequence",
        [unit_code, key, following],
    )
    return following


def note_issued(db: sqlite_utils.Database, unit_code: str, day: date, sequence: int) -> None:
    """Record, once its transaction has committed, that ``sequence`` was handed out
    (outside the database: :mod:`reception.storage.sequence_marks`)."""
    try:
        raise_mark(database_file(db.conn), unit_code, day.strftime("%y%m%d"), sequence)
    except OSError as exc:
        error = StorageFullError if exc.errno == errno.ENOSPC else StorageIOError
        raise error(
            f"the dossier is saved, but its sequence could not be noted: {exc.strerror}"
        ) from exc
