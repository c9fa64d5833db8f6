"""What this counter holds about one person: the answer to a request to see or copy.

Everything stored against the ID number (as applicant, or as the person represented):
the dossiers with their components, the digitised components kept for reuse (their
records, not the files), the upload state, the data subject's requests and the
processing log's entries about them. Plain JSON: it is meant to leave the app.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlite_utils

from reception.dossiers.store import DossierStore
from reception.privacy.processing_log import list_entries

EXPORT_FORMAT = 1


def subject_export(
    db: sqlite_utils.Database, store: DossierStore, id_number: str, *, now: datetime
) -> dict[str, Any]:
    """The export document for ``id_number``."""
    codes = [
        str(row[0])
        for row in db.execute(
            "SELECT code FROM dossiers WHERE applicant_id_number = ?"
            " OR (applicant_json LIKE ? AND applicant_id_number IS NOT ?) ORDER BY received_at",
            [id_number, f'%"id_number": "{id_number}"%', id_number],
        ).fetchall()
    ]
    dossiers = []
    for code in codes:
        dossier = store.get(code)
        if dossier is None:
            continue
        document = dossier.to_json_dict()
        principal = document["applicant"].get("principal") or {}
        if dossier.applicant.identity.id_number != id_number and (
            principal.get("id_number") != id_number
        ):
            continue  # the number appeared elsewhere in the JSON, not as this person
        job = db.execute(
            "SELECT state, sent_at, purged_at FROM upload_jobs WHERE dossier_code = ?", [code]
        ).fetchone()
        document["upload"] = (
            None
            if job is None
            else {
                "state": job[0],
                "sent_at": job[1],
                "purged_at": job[2],
            }
        )
        dossiers.append(document)
    return {
        "format": EXPORT_FORMAT,
        "id_number": id_number,
        "made": now.isoformat(),
        "dossiers": dossiers,
        "digitised_components": _rows(
            db,
            "SELECT component_code, component_name, procedure_code, dossier_code, pages,"
            " digitised_at, expires_at, deleted_at FROM digitised_components"
            " WHERE owner_id_number = ? ORDER BY digitised_at",
            id_number,
        ),
        "requests": _rows(
            db,
            "SELECT kind, received_on, acknowledge_by, due_on, acknowledged_on, done_on"
            " FROM subject_requests WHERE subject_id = ? ORDER BY received_on, id",
            id_number,
        ),
        "processing_log": [
            {k: v for k, v in e.to_json_dict().items() if k != "hash"}
            for e in list_entries(db, subject_id=id_number)
        ],
    }


def export_text(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _rows(db: sqlite_utils.Database, sql: str, id_number: str) -> list[dict[str, Any]]:
    return [dict(row) for row in db.query(sql, [id_number])]
