"""The register of data subjects' requests (Luật 91/2025/QH15, Nghị định 356/2025/NĐ-CP).

A person may ask to see, correct, copy, restrict, object to or delete what is kept about
them. Each request is acknowledged within 2 working days and answered within a time that
depends on its kind (one-stop.md): view, correct, copy 10 days; restrict, object 15;
delete 20. Those are counted here as calendar days, the stricter reading; the working
days of the acknowledgement come from the counter's working calendar. :func:`due_report`
lists the open requests near or past a due date.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

import sqlite_utils

from reception.errors import UserError
from reception.identity.id_number import is_well_formed
from reception.procedures.working_calendar import WorkingCalendar
from reception.storage.database import transaction

ACKNOWLEDGE_WORKING_DAYS = 2
NEAR_DAYS = 2  # "near its due date": due within this many days


class RequestKind(enum.StrEnum):
    VIEW = "view"
    CORRECT = "correct"
    COPY = "copy"
    RESTRICT = "restrict"
    OBJECT = "object"
    DELETE = "delete"


# Days to answer, by kind (data, not logic: the decree's table).
ANSWER_DAYS: dict[RequestKind, int] = {
    RequestKind.VIEW: 10,
    RequestKind.CORRECT: 10,
    RequestKind.COPY: 10,
    RequestKind.RESTRICT: 15,
    RequestKind.OBJECT: 15,
    RequestKind.DELETE: 20,
}


class RequestError(UserError):
    code = "subject_request_invalid"


class Urgency(enum.StrEnum):
    OK = "ok"
    NEAR = "near"  # a due date within NEAR_DAYS
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class SubjectRequest:
    id: int
    kind: RequestKind
    subject_id: str
    received_on: date
    acknowledge_by: date
    due_on: date
    acknowledged_on: date | None
    done_on: date | None
    operator: str

    def urgency(self, today: date) -> Urgency:
        """How close an open request is to the first date it still has to meet."""
        if self.done_on is not None:
            return Urgency.OK
        deadline = self.due_on if self.acknowledged_on is not None else self.acknowledge_by
        if today > deadline or today > self.due_on:
            return Urgency.OVERDUE
        if (deadline - today).days <= NEAR_DAYS:
            return Urgency.NEAR
        return Urgency.OK

    def to_json_dict(self, today: date | None = None) -> dict[str, object]:
        out: dict[str, object] = {
            "id": self.id,
            "kind": self.kind.value,
            "id_number": self.subject_id,
            "received": self.received_on.isoformat(),
            "acknowledge_by": self.acknowledge_by.isoformat(),
            "due": self.due_on.isoformat(),
            "acknowledged": _iso(self.acknowledged_on),
            "done": _iso(self.done_on),
            "operator": self.operator,
        }
        if today is not None:
            out["urgency"] = self.urgency(today).value
        return out


def due_dates(kind: RequestKind, received: date, calendar: WorkingCalendar) -> tuple[date, date]:
    """(acknowledge by, answer by) of a request received on ``received``."""
    acknowledge = received
    for _ in range(ACKNOWLEDGE_WORKING_DAYS):
        acknowledge = calendar.next_working_day(acknowledge)
    return acknowledge, received + timedelta(days=ANSWER_DAYS[kind])


class SubjectRequestRegister:
    """The ``subject_requests`` table."""

    def __init__(self, db: sqlite_utils.Database, calendar: WorkingCalendar) -> None:
        self._db = db
        self._calendar = calendar

    def add(
        self, kind: RequestKind, subject_id: str, received: date, operator: str
    ) -> SubjectRequest:
        if not is_well_formed(subject_id):
            raise RequestError(f"not a 12-digit ID number: {subject_id!r}")
        acknowledge, due = due_dates(kind, received, self._calendar)
        with transaction(self._db):
            cursor = self._db.execute(
                "INSERT INTO subject_requests (kind, subject_id, received_on, acknowledge_by,"
                " due_on, operator) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    kind.value,
                    subject_id,
                    received.isoformat(),
                    acknowledge.isoformat(),
                    due.isoformat(),
                    operator,
                ],
            )
            new_id = int(cursor.lastrowid or 0)
        return self.get(new_id)

    def get(self, request_id: int) -> SubjectRequest:
        rows = list(self._db.query("SELECT * FROM subject_requests WHERE id = ?", [request_id]))
        if not rows:
            raise RequestError(f"no request number {request_id}")
        return _from_row(rows[0])

    def list(
        self, *, open_only: bool = False, subject_id: str | None = None
    ) -> list[SubjectRequest]:
        where = []
        values: list[object] = []
        if open_only:
            where.append("done_on IS NULL")
        if subject_id is not None:
            where.append("subject_id = ?")
            values.append(subject_id)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return [
            _from_row(row)
            for row in self._db.query(
                f"SELECT * FROM subject_requests{clause} ORDER BY received_on, id", values
            )
        ]

    def acknowledge(self, request_id: int, day: date) -> SubjectRequest:
        return self._set(request_id, "acknowledged_on", day)

    def done(self, request_id: int, day: date) -> SubjectRequest:
        """Mark a request answered (acknowledged too, if it was not)."""
        request = self.get(request_id)
        if request.acknowledged_on is None:
            self._set(request_id, "acknowledged_on", day)
        return self._set(request_id, "done_on", day)

    def _set(self, request_id: int, column: str, day: date) -> SubjectRequest:
        request = self.get(request_id)
        if day < request.received_on:
            raise RequestError(f"{day.isoformat()} is before the request was received")
        with transaction(self._db):
            self._db.execute(
                f"UPDATE subject_requests SET {column} = ? WHERE id = ?",
                [day.isoformat(), request_id],
            )
        return self.get(request_id)


def due_report(register: SubjectRequestRegister, today: date) -> list[SubjectRequest]:
    """Open requests near or past a due date, the most urgent first."""
    found = [r for r in register.list(open_only=True) if r.urgency(today) is not Urgency.OK]
    return sorted(found, key=lambda r: (r.urgency(today) is not Urgency.OVERDUE, r.due_on))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _from_row(row: dict[str, object]) -> SubjectRequest:
    def day(key: str) -> date | None:
        value = row.get(key)
        return None if value is None else date.fromisoformat(str(value))

    received, acknowledge, due = day("received_on"), day("acknowledge_by"), day("due_on")
    assert received is not None and acknowledge is not None and due is not None
    return SubjectRequest(
        id=int(str(row["id"])),
        kind=RequestKind(str(row["kind"])),
        subject_id=str(row["subject_id"]),
        received_on=received,
        acknowledge_by=acknowledge,
        due_on=due,
        acknowledged_on=day("acknowledged_on"),
        done_on=day("done_on"),
        operator=str(row["operator"]),
    )
