"""Saving a dossier (code allocation + insert, fsync'd) against a plain insert."""

from __future__ import annotations

import itertools
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks.harness import Measure
from reception.dossiers.code import SequenceBlock
from reception.dossiers.store import Applicant, DossierDraft, DossierStore
from reception.identity.citizen import CitizenIdentity
from reception.storage.database import open_database
from reception.workstation.timezone import VIETNAM

DRAFT = DossierDraft(
    procedure_code="1.001193.000.00.00.H49",
    procedure_name="Đăng ký khai sinh",
    applicant=Applicant(
        CitizenIdentity(
            id_number="022088001234", full_name="TRẦN VĂN BÌNH", date_of_birth=date(1988, 3, 4)
        )
    ),
)


def run(measure: Measure) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        measure.time(
            "storage",
            "open database (migrated)",
            _open_and_close(root / "db.sqlite3"),
        )
        # Each save on a new day, so the 4-digit block never runs out however long we run.
        days = itertools.count()
        start = datetime(2026, 1, 1, 9, tzinfo=VIETNAM)
        store = DossierStore(
            open_database(root / "db.sqlite3"),
            unit_code="000.00.01.H49",
            workstation="Q1",
            block=SequenceBlock(1, 9999),
        )
        measure.time(
            "storage",
            "plain INSERT, synchronous=NORMAL (baseline)",
            _plain_insert(root / "plain.sqlite3"),
            repeat=200,
        )
        measure.time(
            "storage",
            "save dossier (code + insert, synchronous=FULL)",
            lambda: store.save(DRAFT, start + timedelta(days=next(days))),
            repeat=200,
            baseline="plain INSERT, synchronous=NORMAL (baseline)",
        )


def _open_and_close(path: Path) -> Callable[[], None]:
    def reopen() -> None:
        open_database(path).conn.close()

    return reopen


def _plain_insert(path: Path) -> Callable[[], None]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE t (code TEXT PRIMARY KEY, body TEXT)")
    counter = itertools.count()

    def insert() -> None:
        conn.execute("INSERT INTO t VALUES (?, ?)", (str(next(counter)), "x" * 600))

    return insert
