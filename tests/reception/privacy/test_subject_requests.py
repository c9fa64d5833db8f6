"""The register of data subjects' requests: due dates by kind, acknowledgement, report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reception.privacy.subject_requests import (
    RequestError,
    RequestKind,
    SubjectRequestRegister,
    Urgency,
    due_dates,
    due_report,
)
from reception.procedures.working_calendar import WorkingCalendar
from reception.storage.database import open_database

ID = "001199012345"


@pytest.fixture
def register(tmp_path: Path) -> SubjectRequestRegister:
    return SubjectRequestRegister(open_database(tmp_path / "db.sqlite3"), WorkingCalendar())


@pytest.mark.parametrize(
    ("kind", "answer_days"),
    [
        (RequestKind.VIEW, 10),
        (RequestKind.CORRECT, 10),
        (RequestKind.COPY, 10),
        (RequestKind.RESTRICT, 15),
        (RequestKind.OBJECT, 15),
        (RequestKind.DELETE, 20),
    ],
)
def test_due_dates_by_kind(kind: RequestKind, answer_days: int) -> None:
    # Thursday 5 March 2026: two working days later is Monday 9 March.
    acknowledge, due = due_dates(kind, date(2026, 3, 5), WorkingCalendar())
    assert acknowledge == date(2026, 3, 9)
    assert (due - date(2026, 3, 5)).days == answer_days


def test_acknowledgement_skips_public_holidays() -> None:
    # Wednesday 29 April 2026: 30/4 and 1/5 are holidays, then the weekend.
    acknowledge, _ = due_dates(RequestKind.VIEW, date(2026, 4, 29), WorkingCalendar())
    assert acknowledge == date(2026, 5, 5)


def test_report_lists_near_and_overdue_open_requests(register: SubjectRequestRegister) -> None:
    late = register.add(RequestKind.VIEW, ID, date(2026, 3, 2), "lan")
    near = register.add(RequestKind.DELETE, ID, date(2026, 3, 2), "lan")
    register.acknowledge(near.id, date(2026, 3, 3))
    finished = register.add(RequestKind.COPY, ID, date(2026, 3, 2), "lan")
    register.done(finished.id, date(2026, 3, 4))
    later = register.add(RequestKind.RESTRICT, ID, date(2026, 3, 12), "lan")
    today = date(2026, 3, 20)  # VIEW due 12/3 (overdue); DELETE due 22/3 (near)
    # RESTRICT is due 27/3 but was not acknowledged by 16/3: overdue too. Overdue first.
    assert [r.id for r in due_report(register, today)] == [late.id, later.id, near.id]
    assert register.get(late.id).urgency(today) is Urgency.OVERDUE
    assert register.get(near.id).urgency(today) is Urgency.NEAR
    # Not acknowledged within two working days: overdue even though the answer is not yet.
    assert register.get(later.id).urgency(date(2026, 3, 17)) is Urgency.OVERDUE
    done = register.get(finished.id)
    assert (done.acknowledged_on, done.done_on) == (date(2026, 3, 4), date(2026, 3, 4))


def test_bad_input_is_refused(register: SubjectRequestRegister) -> None:
    with pytest.raises(RequestError):
        register.add(RequestKind.VIEW, "12345", date(2026, 3, 2), "lan")
    request = register.add(RequestKind.VIEW, ID, date(2026, 3, 2), "lan")
    with pytest.raises(RequestError, match="before"):
        register.done(request.id, date(2026, 3, 1))
    with pytest.raises(RequestError, match="no request"):
        register.get(999)
