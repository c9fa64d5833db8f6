"""Schema migrations. Version N is ``MIGRATIONS[N - 1]``; never edit a released one.

Each migration is registered under its version number in ``_BY_VERSION`` (so that work on
several features can claim numbers independently); the numbers must run 1..N without gaps.
"""

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


def _v2_dossier_details(db: sqlite_utils.Database) -> None:
    """Reserved for the dossier details (appointment, components, representative)."""


def _v3_upload_outbox(db: sqlite_utils.Database) -> None:
    """Reserved for the upload queue (transactional outbox)."""


def _v4_digitised_components(db: sqlite_utils.Database) -> None:
    """Reserved for digitised components and the reuse store."""


Migration = Callable[[sqlite_utils.Database], None]

_BY_VERSION: dict[int, Migration] = {
    1: _v1_dossiers,
    2: _v2_dossier_details,
    3: _v3_upload_outbox,
    4: _v4_digitised_components,
}


def _ordered(by_version: dict[int, Migration]) -> list[Migration]:
    versions = sorted(by_version)
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"schema migrations must be numbered 1..N without gaps: {versions}")
    return [by_version[v] for v in versions]


MIGRATIONS: list[Migration] = _ordered(_BY_VERSION)
