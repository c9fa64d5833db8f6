"""Saving a dossier (code allocation + insert, fsync'd) against a plain insert."""

from __future__ import annotations

import itertools
import os
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks.harness import Measure
from reception.dossiers.code import SequenceBlock
from reception.dossiers.store import Applicant, DossierDraft, DossierStore
from reception.identity.citizen import CitizenIdentity
from reception.storage.atomic_file import write_atomically
from reception.storage.database import open_database
from reception.storage.document_vault import (
    DocumentVault,
    read_document,
    read_document_range,
)
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
        _measure_documents(measure, root)


#: A digitised component of a few pages (the size of the e2e walk-in's PDFs and more).
DOCUMENT_BYTES = 2 << 20


def _measure_documents(measure: Measure, root: Path) -> None:
    """Keeping a component PDF sealed, and reading it back, against the plain file."""
    folder = root / "data" / "documents"
    folder.mkdir(parents=True)
    data = os.urandom(DOCUMENT_BYTES)
    vault = DocumentVault(folder)
    plain, sealed = folder / "plain.pdf", folder / "sealed.pdf"
    write_baseline = "keep a 2 MB document, plain (fsync'd)"
    measure.time("storage", write_baseline, lambda: write_atomically(plain, data))
    measure.time(
        "storage",
        "keep a 2 MB document, sealed (AES-256-GCM)",
        lambda: vault.write(sealed, data),
        baseline=write_baseline,
    )
    read_baseline = "read a 2 MB document, plain"
    measure.time("storage", read_baseline, plain.read_bytes)
    measure.time(
        "storage",
        "read a 2 MB document, sealed (checked)",
        lambda: read_document(sealed),
        baseline=read_baseline,
    )
    measure.time(
        "storage",
        "a 256 KiB upload chunk from the middle, sealed",
        lambda: b"".join(read_document_range(sealed, 1 << 20, (1 << 20) + (256 << 10))),
        baseline=read_baseline,
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
