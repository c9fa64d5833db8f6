"""The processing log: entries, filters, the chain and what breaks it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from reception.privacy.processing_log import (
    Action,
    ProcessingLog,
    list_entries,
    verify_chain,
)
from reception.storage.database import open_database
from reception.workstation.timezone import VIETNAM

ID_A = "001203004567"
ID_B = "079085001234"


class SteppingClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(hours=12)
        return self.now


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    return open_database(tmp_path / "db.sqlite3")


@pytest.fixture
def plog() -> ProcessingLog:
    start = datetime(2026, 3, 2, 8, 0, tzinfo=VIETNAM)
    return ProcessingLog(workstation="QUAY-01", operator="lan", clock=SteppingClock(start))


def test_entries_name_the_clerk_workstation_and_subject(
    db: sqlite_utils.Database, plog: ProcessingLog
) -> None:
    plog.record(db, Action.SAVE, subject_id=ID_A, dossier_code="000.00.01.H49-260302-0001")
    plog.record(
        db,
        Action.PRINT,
        subject_id=ID_A,
        dossier_code="000.00.01.H49-260302-0001",
        detail="form=01",
    )
    plog.record(db, Action.READ_QR, subject_id=ID_B)
    mine = list_entries(db, subject_id=ID_A)
    assert [(e.action, e.operator, e.workstation) for e in mine] == [
        (Action.SAVE, "lan", "QUAY-01"),
        (Action.PRINT, "lan", "QUAY-01"),
    ]
    assert mine[1].to_json_dict()["detail"] == "form=01"
    assert verify_chain(db).ok
    assert verify_chain(db).entries == 3


def test_date_filter_is_inclusive_in_vietnam_time(
    db: sqlite_utils.Database, plog: ProcessingLog
) -> None:
    for _ in range(6):  # 20:00 on 2/3, then every 12 hours
        plog.record(db, Action.VIEW, subject_id=ID_A)
    days = {e.at.date() for e in list_entries(db, first=date(2026, 3, 3), last=date(2026, 3, 4))}
    assert days == {date(2026, 3, 3), date(2026, 3, 4)}
    assert len(list_entries(db, first=date(2026, 3, 3), last=date(2026, 3, 4))) == 4


def test_no_personal_data_beyond_the_id_number(
    db: sqlite_utils.Database, plog: ProcessingLog
) -> None:
    entry = plog.record(db, Action.READ_QR, subject_id="NGUYỄN VĂN AN")
    assert entry.subject_id is None
    with pytest.raises(ValueError):
        plog.record(db, Action.PRINT, detail="Nguyễn Văn An, 12 Hàng Bạc")


def test_updates_and_deletes_are_refused(db: sqlite_utils.Database, plog: ProcessingLog) -> None:
    plog.record(db, Action.SAVE, subject_id=ID_A)
    # sqlite3's error, or the storage layer's wrapping of it.
    with pytest.raises(Exception, match="append-only"):
        db.execute("UPDATE processing_log SET operator = 'x'")
    with pytest.raises(Exception, match="append-only"):
        db.execute("DELETE FROM processing_log")


def _without_triggers(db: sqlite_utils.Database) -> None:
    db.execute("DROP TRIGGER processing_log_no_update")
    db.execute("DROP TRIGGER processing_log_no_delete")


def test_a_changed_entry_breaks_the_chain_there(
    db: sqlite_utils.Database, plog: ProcessingLog
) -> None:
    for subject in (ID_A, ID_B, ID_A):
        plog.record(db, Action.VIEW, subject_id=subject)
    _without_triggers(db)
    db.execute("UPDATE processing_log SET subject_id = ? WHERE id = 2", [ID_A])
    check = verify_chain(db)
    assert check.broken is not None
    assert (check.broken.id, check.broken.reason) == (2, "its content was changed")


def test_a_removed_entry_breaks_the_chain(db: sqlite_utils.Database, plog: ProcessingLog) -> None:
    for _ in range(3):
        plog.record(db, Action.VIEW, subject_id=ID_A)
    _without_triggers(db)
    db.execute("DELETE FROM processing_log WHERE id = 2")
    check = verify_chain(db)
    assert check.broken is not None and check.broken.id == 3


def test_an_entry_rehashed_after_a_change_breaks_the_next_link(
    db: sqlite_utils.Database, plog: ProcessingLog
) -> None:
    for _ in range(3):
        plog.record(db, Action.VIEW, subject_id=ID_A)
    _without_triggers(db)
    db.execute("UPDATE processing_log SET hash = ? WHERE id = 2", ["f" * 64])
    check = verify_chain(db)
    assert check.broken is not None and check.broken.id == 2


def test_record_joins_an_open_transaction(db: sqlite_utils.Database, plog: ProcessingLog) -> None:
    db.execute("BEGIN IMMEDIATE")
    plog.record(db, Action.SAVE, subject_id=ID_A)
    db.execute("ROLLBACK")
    assert list_entries(db) == []


def test_operator_is_asked_at_each_entry(db: sqlite_utils.Database) -> None:
    current = ["lan"]
    plog = ProcessingLog(workstation="QUAY-01", operator=lambda: current[0])
    plog.record(db, Action.SIGN_IN)
    current[0] = "minh"
    plog.record(db, Action.SIGN_IN)
    assert [e.operator for e in list_entries(db)] == ["lan", "minh"]


def test_a_damaged_entry_is_one_clear_error_when_listed(
    db: sqlite_utils.Database, plog: ProcessingLog
) -> None:
    from reception.privacy.processing_log import ProcessingLogDamagedError

    plog.record(db, Action.VIEW, subject_id=ID_A)
    _without_triggers(db)
    db.execute("UPDATE processing_log SET action = 'sold' WHERE id = 1")
    with pytest.raises(ProcessingLogDamagedError, match="entry 1"):
        list_entries(db)
    assert verify_chain(db).broken is not None
