"""Schema migrations, in order. Version N is ``MIGRATIONS[N - 1]``; never edit a released one."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils


def _v1_dossiers(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE dossiers (
            code TEXT PRIMARY KEY,
            unit_code TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            procedure_code TEXT NOT NULL,
            procedure_name TEXT NOT NULL,
            applicant_id_number TEXT,
            applicant_name TEXT NOT NULL,
            applicant_json TEXT NOT NULL,
            received_at TEXT NOT NULL,
            created_at TEXT NOT NULL,
            workstation TEXT NOT NULL,
            status TEXT NOT NULL
        );
        CREATE INDEX dossiers_received_at ON dossiers (received_at);
        CREATE INDEX dossiers_applicant ON dossiers (applicant_id_number, procedure_code);
        -- The last sequence handed out per unit and reception day. Rows are never deleted,
        -- so a day seen again after a clock change continues where it stopped.
        CREATE TABLE dossier_sequences (
            unit_code TEXT NOT NULL,
            day TEXT NOT NULL,
            last_sequence INTEGER NOT NULL,
            PRIMARY KEY (unit_code, day)
        );
        """
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1_dossiers]
