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
    """Dossier details: appointment and the calendar behind it, owner, components."""
    db.executescript(
        """
        ALTER TABLE dossiers ADD COLUMN appointment_at TEXT;
        ALTER TABLE dossiers ADD COLUMN processing_value INTEGER;
        ALTER TABLE dossiers ADD COLUMN processing_unit TEXT;
        ALTER TABLE dossiers ADD COLUMN same_day INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE dossiers ADD COLUMN calendar_version TEXT;
        ALTER TABLE dossiers ADD COLUMN applicant_kind TEXT NOT NULL DEFAULT 'self';
        ALTER TABLE dossiers ADD COLUMN owner_name TEXT;
        ALTER TABLE dossiers ADD COLUMN delivery TEXT NOT NULL DEFAULT 'counter';
        ALTER TABLE dossiers ADD COLUMN sets INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE dossiers ADD COLUMN ledger_book TEXT;
        ALTER TABLE dossiers ADD COLUMN ledger_number INTEGER;
        ALTER TABLE dossiers ADD COLUMN note TEXT;
        CREATE INDEX dossiers_ledger ON dossiers (unit_code, ledger_book, ledger_number);
        -- One row per dossier component, in the procedure's order, with how it was received.
        CREATE TABLE dossier_components (
            dossier_code TEXT NOT NULL REFERENCES dossiers (code),
            position INTEGER NOT NULL,
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            copies INTEGER NOT NULL,
            required INTEGER NOT NULL,
            status TEXT NOT NULL,
            file_path TEXT,
            file_sha256 TEXT,
            PRIMARY KEY (dossier_code, code)
        );
        """
    )


def _v3_upload_outbox(db: sqlite_utils.Database) -> None:
    """The upload queue: one job per dossier, written in the dossier's own transaction.

    ``state`` is queued | uploading | sent | attention. A job is never deleted: after the
    reconciliation period its personal data is purged and the row stays as the ledger's
    proof of delivery. Times are UNIX seconds (REAL) so that comparisons are plain numbers.
    """
    db.executescript(
        """
        CREATE TABLE upload_jobs (
            dossier_code TEXT PRIMARY KEY REFERENCES dossiers (code),
            idempotency_key TEXT NOT NULL UNIQUE,
            state TEXT NOT NULL
                CHECK (state IN ('queued', 'uploading', 'sent', 'attention')),
            enqueued_at REAL NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL,
            lease_owner TEXT,
            lease_expires_at REAL,
            record_json TEXT,
            last_error_code TEXT,
            last_error TEXT,
            last_error_at REAL,
            confirmation_json TEXT,
            sent_at REAL,
            purged_at REAL
        );
        -- Claims scan queued jobs oldest first; the next wake-up looks for the earliest retry.
        CREATE INDEX upload_jobs_fifo ON upload_jobs (state, enqueued_at, dossier_code);
        CREATE INDEX upload_jobs_due ON upload_jobs (state, next_attempt_at);
        CREATE TABLE upload_files (
            dossier_code TEXT NOT NULL REFERENCES upload_jobs (dossier_code),
            position INTEGER NOT NULL,
            path TEXT NOT NULL,
            name TEXT NOT NULL,
            component_code TEXT,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            file_id TEXT,
            download_path TEXT,
            PRIMARY KEY (dossier_code, position)
        );
        """
    )


def _v4_digitised_components(db: sqlite_utils.Database) -> None:
    """Digitised components (the reuse store), their use in dossiers, and who touched them.

    A component is kept against its owner's ID number until ``expires_at``; deleting one
    removes its file and sets ``deleted_at`` (the row stays, without the file, as the record
    that it existed). ``digitised_access_log`` is append-only: triggers refuse changes.
    """
    db.executescript(
        """
        CREATE TABLE digitised_components (
            id INTEGER PRIMARY KEY,
            owner_id_number TEXT,
            component_code TEXT NOT NULL,
            component_name TEXT NOT NULL,
            procedure_code TEXT NOT NULL,
            dossier_code TEXT NOT NULL,
            file_name TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL,
            pages INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            pdfa INTEGER NOT NULL,
            ocr INTEGER NOT NULL,
            operator TEXT NOT NULL,
            digitised_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            deleted_at TEXT
        );
        CREATE INDEX digitised_components_owner
            ON digitised_components (owner_id_number, component_code);
        CREATE INDEX digitised_components_expiry ON digitised_components (expires_at);
        CREATE TABLE dossier_digitised_components (
            dossier_code TEXT NOT NULL,
            component_code TEXT NOT NULL,
            digitised_id INTEGER NOT NULL REFERENCES digitised_components (id),
            reused INTEGER NOT NULL,
            attached_at TEXT NOT NULL,
            PRIMARY KEY (dossier_code, digitised_id)
        );
        CREATE TABLE digitised_access_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            digitised_id INTEGER,
            owner_id_number TEXT
        );
        CREATE TRIGGER digitised_access_log_no_update BEFORE UPDATE ON digitised_access_log
            BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
        CREATE TRIGGER digitised_access_log_no_delete BEFORE DELETE ON digitised_access_log
            BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
        """
    )


def _v5_personal_data(db: sqlite_utils.Database) -> None:
    """Personal data (issue 14): the processing log, clerk accounts, data subjects' requests.

    ``processing_log`` is append-only (triggers refuse changes) and hash-chained (see
    ``reception.privacy.processing_log``); it names the data subject by ID number only.
    ``dossiers.operator`` is the clerk who saved the dossier.
    """
    db.executescript(
        """
        CREATE TABLE processing_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            operator TEXT NOT NULL,
            workstation TEXT NOT NULL,
            subject_id TEXT,
            dossier_code TEXT,
            detail TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE
        );
        CREATE INDEX processing_log_subject ON processing_log (subject_id, id);
        CREATE INDEX processing_log_at ON processing_log (at);
        CREATE TRIGGER processing_log_no_update BEFORE UPDATE ON processing_log
            BEGIN SELECT RAISE(ABORT, 'the processing log is append-only'); END;
        CREATE TRIGGER processing_log_no_delete BEFORE DELETE ON processing_log
            BEGIN SELECT RAISE(ABORT, 'the processing log is append-only'); END;
        CREATE TABLE clerks (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('clerk', 'administrator')),
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            password_changed_at TEXT NOT NULL,
            disabled_at TEXT
        );
        CREATE TABLE subject_requests (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            received_on TEXT NOT NULL,
            acknowledge_by TEXT NOT NULL,
            due_on TEXT NOT NULL,
            acknowledged_on TEXT,
            done_on TEXT,
            operator TEXT NOT NULL
        );
        CREATE INDEX subject_requests_open ON subject_requests (done_on, due_on);
        ALTER TABLE dossiers ADD COLUMN operator TEXT;
        """
    )


def _v6_legal_basis(db: sqlite_utils.Database) -> None:
    """The legal basis a dossier's forms follow, and what the 2025 sync record needs.

    ``legal_basis`` is fixed when the dossier is received ("2018": Thông tư 01/2018/TT-VPCP,
    "2025": Thông tư 03/2025/TT-VPCP) so that reprinting gives the same form; dossiers
    saved before this version were printed on the 2018 forms and keep them.
    ``procedure_json`` is the catalogue entry as it stood that day (national code, field,
    deciding agency, fees). ``presentation`` says whether a component was handed in or
    only shown.
    """
    db.executescript(
        """
        ALTER TABLE dossiers ADD COLUMN legal_basis TEXT NOT NULL DEFAULT '2018';
        ALTER TABLE dossiers ADD COLUMN procedure_json TEXT;
        ALTER TABLE dossier_components ADD COLUMN presentation TEXT NOT NULL DEFAULT 'submit';
        """
    )


def _v7_shared_components(db: sqlite_utils.Database) -> None:
    """Digitised components sent to the province's shared store (the citizen's store).

    Recording a component for reuse queues its upload in the same transaction
    (``shared_component_jobs``, an outbox like the dossiers'); ``signer`` is who signed the
    copy (None: marked, not signed), sent with it.
    """
    db.executescript(
        """
        ALTER TABLE digitised_components ADD COLUMN signer TEXT;
        CREATE TABLE shared_component_jobs (
            digitised_id INTEGER PRIMARY KEY REFERENCES digitised_components (id),
            idempotency_key TEXT NOT NULL UNIQUE,
            state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'attention')),
            attempts INTEGER NOT NULL DEFAULT 0,
            item_id TEXT,
            last_error TEXT,
            created_at TEXT NOT NULL,
            sent_at TEXT
        );
        CREATE INDEX shared_component_jobs_state ON shared_component_jobs (state);
        """
    )


Migration = Callable[[sqlite_utils.Database], None]


def _v8_clerk_full_names(db: sqlite_utils.Database) -> None:
    """A clerk's full name, for the conversion mark of what the clerk digitises."""
    db.executescript("ALTER TABLE clerks ADD COLUMN full_name TEXT;")


_BY_VERSION: dict[int, Migration] = {
    1: _v1_dossiers,
    2: _v2_dossier_details,
    3: _v3_upload_outbox,
    4: _v4_digitised_components,
    5: _v5_personal_data,
    6: _v6_legal_basis,
    7: _v7_shared_components,
    8: _v8_clerk_full_names,
}


def _ordered(by_version: dict[int, Migration]) -> list[Migration]:
    versions = sorted(by_version)
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"schema migrations must be numbered 1..N without gaps: {versions}")
    return [by_version[v] for v in versions]


MIGRATIONS: list[Migration] = _ordered(_BY_VERSION)
