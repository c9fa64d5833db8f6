"""After the reconciliation period, forget what the province now holds.

Luật Bảo vệ dữ liệu cá nhân (91/2025/QH15): the counter keeps its local copy only until
the provincial system has accepted it plus a short reconciliation period. Then the
documents are deleted and the personal data in the dossier row blanked; the row itself,
its code, procedure, dates and the server's confirmation stay as the ledger's record.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import sqlite_utils

from reception.privacy.processing_log import Action, ProcessingLog, subject_of_dossier
from reception.storage.database import transaction
from reception.upload.outbox import JobState

log = logging.getLogger(__name__)

DAY_SECONDS = 86_400
BATCH = 200  # bounded work per call; the next call continues

# Dossier columns that can carry personal data (some come with later schema versions).
PERSONAL_COLUMNS = {
    "applicant_id_number": None,
    "applicant_name": "",
    "owner_name": None,
    "note": None,
}
PURGED_APPLICANT = json.dumps({"identity": {"id_number": "", "full_name": ""}})


def purge_confirmed(
    db: sqlite_utils.Database,
    *,
    now: float,
    reconciliation_days: float,
    documents_root: Path,
    processing_log: ProcessingLog | None = None,
) -> int:
    """Purge up to ``BATCH`` dossiers confirmed more than ``reconciliation_days`` ago.

    Only files inside ``documents_root`` (the data folder) are deleted: a document the
    clerk attached from elsewhere is not ours to remove.
    """
    cutoff = now - reconciliation_days * DAY_SECONDS
    codes = [
        str(row[0])
        for row in db.execute(
            "SELECT dossier_code FROM upload_jobs WHERE state = ? AND sent_at <= ?"
            " AND purged_at IS NULL ORDER BY sent_at LIMIT ?",
            [JobState.SENT.value, cutoff, BATCH],
        ).fetchall()
    ]
    root = documents_root.resolve()
    columns = {column.name for column in db["dossiers"].columns}
    scrub = {name: value for name, value in PERSONAL_COLUMNS.items() if name in columns}
    has_components = db["dossier_components"].exists()
    for code in codes:
        # Files first: a crash after this leaves the row to be purged again next time.
        for (path_text,) in db.execute(
            "SELECT path FROM upload_files WHERE dossier_code = ?", [code]
        ).fetchall():
            path = Path(path_text).resolve()
            if path.is_relative_to(root):
                path.unlink(missing_ok=True)
        with transaction(db):
            if processing_log is not None:  # before the ID number is blanked
                processing_log.record(
                    db, Action.PURGE, subject_id=subject_of_dossier(db, code), dossier_code=code
                )
            assignments = ", ".join(f"{name} = ?" for name in scrub)
            db.execute(
                f"UPDATE dossiers SET applicant_json = ?{', ' if scrub else ''}{assignments}"
                " WHERE code = ?",
                [PURGED_APPLICANT, *scrub.values(), code],
            )
            if has_components:
                db.execute(
                    "UPDATE dossier_components SET file_path = NULL WHERE dossier_code = ?",
                    [code],
                )
            db.execute(
                "UPDATE upload_jobs SET record_json = NULL, purged_at = ? WHERE dossier_code = ?",
                [now, code],
            )
    if codes:
        log.info("purged the personal data of %d confirmed dossier(s)", len(codes))
    return len(codes)
