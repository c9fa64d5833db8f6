"""Dossiers received at the counter, and their storage.

A :class:`DossierDraft` is what the clerk entered: the procedure (with the processing
time that dates it), the applicant, the components and how each was received. Saving
gives it its code and appointment in one write transaction and commits it durably
(``synchronous=FULL``): a printed receipt is a promise to a citizen. The value types live
in :mod:`reception.dossiers.model` and are re-exported here.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from reception.dossiers.applicant import (
    Applicant,
    ApplicantInvalidError,
    ApplicantKind,
    applicant_from_json,
    applicant_to_json,
    check_applicant,
)
from reception.dossiers.code import SequenceBlock, allocate_sequence, format_code, note_issued
from reception.dossiers.model import (
    ComponentStatus,
    Dossier,
    DossierComponent,
    DossierDraft,
    DossierStatus,
    ResultDelivery,
)
from reception.privacy.field_policy import kept_fields, minimise
from reception.privacy.processing_log import Action, ProcessingLog
from reception.procedures.catalogue import ComponentKind, Presentation, ProcessingTime, TimeUnit
from reception.procedures.working_calendar import WorkingCalendar
from reception.storage.database import transaction
from reception.workstation.timezone import VIETNAM, now_in_vietnam

__all__ = [
    "Applicant",
    "ApplicantKind",
    "ComponentStatus",
    "Dossier",
    "DossierComponent",
    "DossierDraft",
    "DossierStatus",
    "DossierStore",
    "Reservation",
    "ResultDelivery",
]


@dataclass(frozen=True, slots=True)
class Reservation:
    """A dossier code taken ahead of the save (see :meth:`DossierStore.reserve`)."""

    code: str
    sequence: int


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
        calendar: WorkingCalendar | None = None,
        processing_log: ProcessingLog | None = None,
    ) -> None:
        self._db = db
        # Saving is recorded (with the clerk) in the dossier's own transaction.
        self._processing_log = processing_log
        self._unit_code = unit_code
        self._workstation = workstation
        self._block = block
        self._clock = clock
        self._calendar = calendar or WorkingCalendar()
        # The legal basis of a dossier's forms, from the day it is received (configuration).
        self.basis_on: Callable[[date], str] = _default_basis

    @property
    def calendar(self) -> WorkingCalendar:
        return self._calendar

    def appointment_for(self, draft: DossierDraft, received: datetime) -> datetime | None:
        """When the result of ``draft`` is due if received at ``received`` (pure)."""
        processing = draft.processing_time
        if processing is None:
            return None
        return self._calendar.appointment(
            received, processing.value, processing.unit.value, draft.cutoff, draft.same_day
        )

    def reserve(self, received_at: datetime | None = None) -> Reservation:
        """Take the next dossier code now, in its own short transaction.

        For a dossier whose files must carry its code before it is saved (digitised
        components are named and stamped with it): reserve, make the files, then
        :meth:`save` with the reservation. A reservation never saved leaves a gap in the
        day's sequence, never a code used twice.
        """
        received = (received_at or self._clock()).astimezone(VIETNAM)
        with transaction(self._db):
            sequence = allocate_sequence(self._db, self._unit_code, received.date(), self._block)
        note_issued(self._db, self._unit_code, received.date(), sequence)
        code = format_code(self._unit_code, received.date(), sequence, self._block.digits)
        return Reservation(code, sequence)

    def save(
        self,
        draft: DossierDraft,
        received_at: datetime | None = None,
        *,
        reservation: Reservation | None = None,
    ) -> Dossier:
        """Give the draft a code and an appointment and store it, in one transaction.

        The components' files (digitised or reused) are recorded against their components
        and joined to the upload job in the same transaction. With ``reservation`` the
        dossier takes that code instead of drawing a new one.

        Raises :class:`ApplicantInvalidError` when the applicant fails the checks,
        ``SequenceExhaustedError`` when the workstation's block is used up for the day.
        """
        # Only what the procedure needs is kept; the clerk saw the rest, it goes here.
        draft = dataclasses.replace(
            draft, applicant=minimise(draft.applicant, kept_fields(draft.personal_fields))
        )
        # Malformed values are refused here too; what is merely missing for a good receipt
        # (the address) is the form's business.
        problems = check_applicant(draft.applicant, require_address=False)
        if problems:
            raise ApplicantInvalidError(problems)
        received = (received_at or self._clock()).astimezone(VIETNAM)
        appointment = self.appointment_for(draft, received)
        calendar_version = self._calendar.calendar_version
        book = f"{received.year}"
        with transaction(self._db):
            if reservation is None:
                sequence = allocate_sequence(
                    self._db, self._unit_code, received.date(), self._block
                )
                code = format_code(self._unit_code, received.date(), sequence, self._block.digits)
            else:
                code, sequence = reservation.code, reservation.sequence
            # Inside the write lock: the running number of the ledger cannot be taken twice.
            ledger_number = 1 + int(
                self._db.execute(
                    "SELECT count(*) FROM dossiers WHERE unit_code = ? AND ledger_book = ?",
                    [self._unit_code, book],
                ).fetchone()[0]
            )
            identity = draft.applicant.identity
            processing = draft.processing_time
            self._db.table("dossiers").insert(
                {
                    "code": code,
                    "legal_basis": self.basis_on(received.date()),
                    "procedure_json": None
                    if draft.procedure is None
                    else json.dumps(draft.procedure.to_json_dict(), ensure_ascii=False),
                    "unit_code": self._unit_code,
                    "sequence": sequence,
                    "procedure_code": draft.procedure_code,
                    "procedure_name": draft.procedure_name,
                    "applicant_id_number": identity.id_number or None,
                    "applicant_name": identity.full_name,
                    "applicant_json": json.dumps(applicant_to_json(draft.applicant)),
                    "received_at": received.isoformat(),
                    "created_at": self._clock().astimezone(VIETNAM).isoformat(),
                    "workstation": self._workstation,
                    "status": DossierStatus.RECEIVED.value,
                    "appointment_at": None if appointment is None else appointment.isoformat(),
                    "processing_value": None if processing is None else processing.value,
                    "processing_unit": None if processing is None else processing.unit.value,
                    "same_day": int(draft.same_day),
                    "calendar_version": calendar_version,
                    "applicant_kind": draft.applicant.kind.value,
                    "owner_name": draft.applicant.owner_name,
                    "delivery": draft.delivery.value,
                    "sets": draft.sets,
                    "ledger_book": book,
                    "ledger_number": ledger_number,
                    "note": draft.note,
                }
            )
            self._db.table("dossier_components").insert_all(
                [
                    {
                        "dossier_code": code,
                        "position": position,
                        "code": c.code,
                        "name": c.name,
                        "kind": c.kind.value,
                        "copies": c.copies,
                        "required": int(c.required),
                        "status": c.status.value,
                        "file_path": c.file_path,
                        "file_sha256": c.file_sha256,
                        "presentation": c.presentation.value,
                    }
                    for position, c in enumerate(draft.components)
                ]
            )
            operator = None if self._processing_log is None else self._processing_log.operator
            if self._processing_log is not None and operator is not None:
                self._db.execute(
                    "UPDATE dossiers SET operator = ? WHERE code = ?", [operator, code]
                )
                self._processing_log.record(
                    self._db,
                    Action.SAVE,
                    subject_id=identity.id_number,
                    dossier_code=code,
                    operator=operator,
                )
            # The upload job joins this transaction: no saved dossier without its job.
            from time import time as wall_clock

            from reception.upload.outbox import FileToSend, enqueue

            files = [
                FileToSend(
                    path=Path(c.file_path),
                    name=Path(c.file_path).name,
                    component_code=c.code,
                    sha256=c.file_sha256,
                )
                for c in draft.components
                if c.file_path is not None
            ]
            enqueue(self._db, code, now=wall_clock(), files=files)
        # Committed: the code is now a promise, remembered outside the database too.
        note_issued(self._db, self._unit_code, received.date(), sequence)
        return Dossier(
            code=code,
            procedure_code=draft.procedure_code,
            procedure_name=draft.procedure_name,
            applicant=draft.applicant,
            received_at=received,
            workstation=self._workstation,
            status=DossierStatus.RECEIVED,
            appointment_at=appointment,
            processing_time=processing,
            same_day=draft.same_day,
            calendar_version=calendar_version,
            components=draft.components,
            delivery=draft.delivery,
            sets=draft.sets,
            ledger_book=book,
            ledger_number=ledger_number,
            note=draft.note,
            operator=operator,
            legal_basis=self.basis_on(received.date()),
        )

    def get(self, code: str) -> Dossier | None:
        rows = list(self._db.query("SELECT * FROM dossiers WHERE code = ?", [code]))
        return self._with_components(rows)[0] if rows else None

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM dossiers").fetchone()[0])

    def list_for_day(self, day: date) -> list[Dossier]:
        """Dossiers received on ``day`` (Vietnam time), oldest first."""
        return self.list_between(day, day)

    def list_between(self, first: date, last: date) -> list[Dossier]:
        """Dossiers received from ``first`` to ``last`` inclusive (Vietnam time), oldest first."""
        start = datetime(first.year, first.month, first.day, tzinfo=VIETNAM)
        end = datetime(last.year, last.month, last.day, tzinfo=VIETNAM) + timedelta(days=1)
        # Stored as ISO text with the +07:00 offset, so text order is time order.
        rows = list(
            self._db.query(
                "SELECT * FROM dossiers WHERE received_at >= ? AND received_at < ? "
                "ORDER BY received_at, code",
                [start.isoformat(), end.isoformat()],
            )
        )
        return self._with_components(rows)

    def open_dossiers_for(self, id_number: str, procedure_code: str) -> list[Dossier]:
        """Dossiers of the same person for the same procedure not yet returned (newest first).

        Every local dossier is open: results are returned by the provincial system.
        """
        if not id_number:
            return []
        rows = list(
            self._db.query(
                "SELECT * FROM dossiers WHERE applicant_id_number = ? AND procedure_code = ? "
                "AND status = ? ORDER BY received_at DESC",
                [id_number, procedure_code, DossierStatus.RECEIVED.value],
            )
        )
        return self._with_components(rows)

    def _with_components(self, rows: Sequence[dict[str, Any]]) -> list[Dossier]:
        codes = [str(row["code"]) for row in rows]
        by_code: dict[str, list[DossierComponent]] = {code: [] for code in codes}
        for start in range(0, len(codes), 500):  # under SQLite's variable limit
            chunk = codes[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for c in self._db.query(
                f"SELECT * FROM dossier_components WHERE dossier_code IN ({marks}) "
                "ORDER BY dossier_code, position",
                chunk,
            ):
                by_code[str(c["dossier_code"])].append(_row_to_component(c))
        return [_row_to_dossier(row, tuple(by_code[str(row["code"])])) for row in rows]


def _default_basis(day: date) -> str:
    from reception.workstation.config import FormsConfig

    return FormsConfig().basis_on(day)


def _row_to_component(row: dict[str, Any]) -> DossierComponent:
    return DossierComponent(
        code=str(row["code"]),
        name=str(row["name"]),
        kind=ComponentKind(str(row["kind"])),
        copies=int(row["copies"]),
        required=bool(row["required"]),
        status=ComponentStatus(str(row["status"])),
        file_path=row["file_path"],
        file_sha256=row["file_sha256"],
        presentation=Presentation(str(row.get("presentation") or Presentation.SUBMIT.value)),
    )


def _row_to_dossier(row: dict[str, Any], components: tuple[DossierComponent, ...]) -> Dossier:
    applicant = applicant_from_json(json.loads(str(row["applicant_json"])))
    processing = None
    if row.get("processing_value") is not None:
        processing = ProcessingTime(
            int(row["processing_value"]), TimeUnit(str(row["processing_unit"]))
        )
    appointment = row.get("appointment_at")
    return Dossier(
        code=str(row["code"]),
        procedure_code=str(row["procedure_code"]),
        procedure_name=str(row["procedure_name"]),
        applicant=applicant,
        received_at=datetime.fromisoformat(str(row["received_at"])),
        workstation=str(row["workstation"]),
        status=DossierStatus(str(row["status"])),
        appointment_at=None if appointment is None else datetime.fromisoformat(str(appointment)),
        processing_time=processing,
        same_day=bool(row.get("same_day")),
        calendar_version=row.get("calendar_version"),
        components=components,
        delivery=ResultDelivery(str(row.get("delivery") or ResultDelivery.COUNTER.value)),
        sets=int(row.get("sets") or 1),
        ledger_book=row.get("ledger_book"),
        ledger_number=None if row.get("ledger_number") is None else int(row["ledger_number"]),
        note=row.get("note"),
        operator=row.get("operator"),
        legal_basis=row.get("legal_basis"),
    )
