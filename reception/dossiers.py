"""Dossiers received at the counter, and their storage."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlite_utils

from reception.dossier_code import SequenceBlock, allocate_sequence, format_code
from reception.identity import CitizenIdentity
from reception.storage.database import transaction
from reception.timezone import VIETNAM, now_in_vietnam


class DossierStatus(enum.StrEnum):
    """Local life cycle. Upload states belong to the upload queue, not here."""

    RECEIVED = "received"


@dataclass(frozen=True, slots=True)
class Applicant:
    """Who submits the dossier: an identity and how to reach them."""

    identity: CitizenIdentity
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class DossierDraft:
    """What the clerk has entered; becomes a :class:`Dossier` when saved."""

    procedure_code: str
    procedure_name: str
    applicant: Applicant


@dataclass(frozen=True, slots=True)
class Dossier:
    code: str
    procedure_code: str
    procedure_name: str
    applicant: Applicant
    received_at: datetime
    workstation: str
    status: DossierStatus


class DossierStore:
    """Saves and lists dossiers in the local database."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        *,
        unit_code: str,
        workstation: str,
        block: SequenceBlock,
        clock: Callable[[], datetime] = now_in_vietnam,
    ) -> None:
        self._db = db
        self._unit_code = unit_code
        self._workstation = workstation
        self._block = block
        self._clock = clock

    def save(self, draft: DossierDraft, received_at: datetime | None = None) -> Dossier:
        """Give the draft a code and store it, in one transaction."""
        received = (received_at or self._clock()).astimezone(VIETNAM)
        with transaction(self._db):
            sequence = allocate_sequence(self._db, self._unit_code, received.date(), self._block)
            code = format_code(self._unit_code, received.date(), sequence)
            identity = draft.applicant.identity
            self._db.table("dossiers").insert(
                {
                    "code": code,
                    "unit_code": self._unit_code,
                    "sequence": sequence,
                    "procedure_code": draft.procedure_code,
                    "procedure_name": draft.procedure_name,
                    "applicant_id_number": identity.id_number or None,
                    "applicant_name": identity.full_name,
                    "applicant_json": json.dumps(_applicant_to_json(draft.applicant)),
                    "received_at": received.isoformat(),
                    "created_at": self._clock().astimezone(VIETNAM).isoformat(),
                    "workstation": self._workstation,
                    "status": DossierStatus.RECEIVED.value,
                }
            )
        return Dossier(
            code=code,
            procedure_code=draft.procedure_code,
            procedure_name=draft.procedure_name,
            applicant=draft.applicant,
            received_at=received,
            workstation=self._workstation,
            status=DossierStatus.RECEIVED,
        )

    def get(self, code: str) -> Dossier | None:
        rows = list(self._db.query("SELECT * FROM dossiers WHERE code = ?", [code]))
        return _row_to_dossier(rows[0]) if rows else None

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM dossiers").fetchone()[0])

    def list_for_day(self, day: date) -> list[Dossier]:
        """Dossiers received on ``day`` (Vietnam time), oldest first."""
        start = datetime(day.year, day.month, day.day, tzinfo=VIETNAM)
        end = start + timedelta(days=1)
        rows = self._db.query(
            "SELECT * FROM dossiers WHERE received_at >= ? AND received_at < ? "
            "ORDER BY received_at, code",
            [start.isoformat(), end.isoformat()],
        )
        return [_row_to_dossier(row) for row in rows]


def _applicant_to_json(applicant: Applicant) -> dict[str, object]:
    return {
        "identity": applicant.identity.to_json_dict(),
        "phone": applicant.phone,
        "email": applicant.email,
    }


def _row_to_dossier(row: dict[str, object]) -> Dossier:
    data = json.loads(str(row["applicant_json"]))
    applicant = Applicant(
        identity=CitizenIdentity.from_json_dict(data["identity"]),
        phone=data.get("phone"),
        email=data.get("email"),
    )
    return Dossier(
        code=str(row["code"]),
        procedure_code=str(row["procedure_code"]),
        procedure_name=str(row["procedure_name"]),
        applicant=applicant,
        received_at=datetime.fromisoformat(str(row["received_at"])),
        workstation=str(row["workstation"]),
        status=DossierStatus(str(row["status"])),
    )
