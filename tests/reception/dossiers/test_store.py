from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from reception.dossiers.applicant import ApplicantInvalidError, ApplicantKind, Principal
from reception.dossiers.code import SequenceBlock
from reception.dossiers.store import (
    Applicant,
    ComponentStatus,
    DossierDraft,
    DossierStatus,
    DossierStore,
)
from reception.identity.citizen import CitizenIdentity, IdentitySource, Sex
from reception.procedures.catalogue import Procedure, load_catalogue
from reception.storage.database import open_database
from reception.storage.migrations import MIGRATIONS
from reception.workstation.timezone import VIETNAM

UNIT = "000.00.01.H49"


def _store(path: Path, clock: datetime) -> DossierStore:
    return DossierStore(
        open_database(path),
        unit_code=UNIT,
        workstation="QUAY-02",
        block=SequenceBlock(201, 400),
        clock=lambda: clock,
    )


def _draft(name: str = "TRẦN VĂN BÌNH") -> DossierDraft:
    identity = CitizenIdentity(
        id_number="022088001234",
        full_name=name,
        date_of_birth=date(1988, 3, 4),
        sex=Sex.MALE,
        place_of_residence="Tổ 5, Khu 3, Phường Hồng Gai, Hạ Long",
        issue_date=date(2022, 1, 5),
    )
    return DossierDraft(
        procedure_code="1.001193.000.00.00.H49",
        procedure_name="Đăng ký khai sinh",
        applicant=Applicant(identity=identity, phone="0912345678"),
    )


def test_saved_dossier_gets_a_code_and_reads_back_whole(tmp_path: Path) -> None:
    now = datetime(2026, 11, 30, 9, 15, tzinfo=VIETNAM)
    store = _store(tmp_path / "db.sqlite3", now)
    saved = store.save(_draft())
    assert saved.code == "000.00.01.H49-261130-0201"
    assert saved.status is DossierStatus.RECEIVED
    again = _store(tmp_path / "db.sqlite3", now).get(saved.code)
    assert again == saved
    assert again is not None
    assert again.applicant.identity.full_name == "TRẦN VĂN BÌNH"


def test_today_lists_only_that_day_in_vietnam_time(tmp_path: Path) -> None:
    late = datetime(2026, 11, 30, 23, 30, tzinfo=VIETNAM)
    store = _store(tmp_path / "db.sqlite3", late)
    first = store.save(_draft("A"))
    store.save(_draft("B"), received_at=datetime(2026, 12, 1, 0, 10, tzinfo=VIETNAM))
    assert [d.code for d in store.list_for_day(date(2026, 11, 30))] == [first.code]
    assert len(store.list_for_day(date(2026, 12, 1))) == 1
    assert store.count() == 2


# -- Details of schema version 2 ----------------------------------------------------------


def _procedure(code: str = "1.004222") -> Procedure:
    return load_catalogue().get(code)


def test_a_draft_for_a_procedure_carries_its_components_and_time(tmp_path: Path) -> None:
    procedure = _procedure("1.001193")  # khai sinh: same day, cut-off 15:00
    applicant = _draft().applicant
    draft = DossierDraft.for_procedure(
        procedure,
        applicant,
        {"TP2": ComponentStatus.REUSED},
        files={"TP1": ("/data/tp1.pdf", "ab" * 32)},
    )
    statuses = {c.code: c.status for c in draft.components}
    assert statuses == {
        "TP1": ComponentStatus.DIGITISED,
        "TP2": ComponentStatus.REUSED,
        "TP3": ComponentStatus.PAPER,
        "TP4": ComponentStatus.NOT_RECEIVED,  # optional: not assumed handed over
    }
    store = _store(tmp_path / "db.sqlite3", datetime(2026, 11, 30, 16, 0, tzinfo=VIETNAM))
    saved = store.save(draft)
    # After the 15:00 cut-off the same-day rule moves the result to the next working day.
    assert saved.appointment_at == datetime(2026, 12, 1, 17, 0, tzinfo=VIETNAM)
    assert saved.calendar_version == store.calendar.calendar_version
    again = store.get(saved.code)
    assert again == saved
    assert again is not None
    assert again.components[0].file_sha256 == "ab" * 32
    # TP3 is the ID card "để xuất trình": checked and handed back, never submitted.
    assert [c.code for c in again.submitted_components] == ["TP1", "TP2"]
    assert [c.code for c in again.shown_components] == ["TP3"]
    assert again.legal_basis == "2025"  # received 30/11/2026
    early = store.save(draft, datetime(2025, 9, 12, 9, 0, tzinfo=VIETNAM))
    assert early.legal_basis == "2018"
    assert store.get(early.code) == early


def test_the_ledger_numbers_run_through_the_year(tmp_path: Path) -> None:
    store = _store(tmp_path / "db.sqlite3", datetime(2026, 11, 30, 9, tzinfo=VIETNAM))
    first = store.save(_draft())
    second = store.save(_draft(), received_at=datetime(2026, 12, 1, 9, tzinfo=VIETNAM))
    next_year = store.save(_draft(), received_at=datetime(2027, 1, 4, 9, tzinfo=VIETNAM))
    assert [(d.ledger_book, d.ledger_number) for d in (first, second, next_year)] == [
        ("2026", 1),
        ("2026", 2),
        ("2027", 1),
    ]
    assert [d.code for d in store.list_between(date(2026, 11, 30), date(2026, 12, 31))] == [
        first.code,
        second.code,
    ]


def test_open_dossiers_of_the_same_person_for_the_same_procedure(tmp_path: Path) -> None:
    store = _store(tmp_path / "db.sqlite3", datetime(2026, 11, 30, 9, tzinfo=VIETNAM))
    saved = store.save(_draft())
    assert store.open_dossiers_for("022088001234", saved.procedure_code) == [saved]
    assert store.open_dossiers_for("022088001234", "1.004222.000.00.00.H49") == []
    assert store.open_dossiers_for("", saved.procedure_code) == []


def test_a_malformed_applicant_is_refused_and_uses_no_number(tmp_path: Path) -> None:
    store = _store(tmp_path / "db.sqlite3", datetime(2026, 11, 30, 9, tzinfo=VIETNAM))
    bad = DossierDraft("X", "X", Applicant(CitizenIdentity("12", "A"), phone="12"))
    with pytest.raises(ApplicantInvalidError) as raised:
        store.save(bad)
    assert set(raised.value.problems) == {"id_number", "phone"}
    assert store.count() == 0
    assert store.save(_draft()).code.endswith("-0201")


def test_a_representative_is_stored_with_the_owner(tmp_path: Path) -> None:
    store = _store(tmp_path / "db.sqlite3", datetime(2026, 11, 30, 9, tzinfo=VIETNAM))
    applicant = Applicant(
        _draft().applicant.identity,
        kind=ApplicantKind.ORGANISATION,
        principal=Principal("Công ty TNHH Thử Nghiệm", "5700100256", "KCN Cái Lân, Hạ Long"),
        sources={"full_name": IdentitySource.CHIP},
    )
    saved = store.save(DossierDraft.for_procedure(_procedure("1.001612"), applicant))
    again = store.get(saved.code)
    assert again is not None
    assert again.applicant.owner_name == "Công ty TNHH Thử Nghiệm"
    assert again.applicant.source_of("full_name") is IdentitySource.CHIP
    row = store._db.execute("SELECT owner_name, applicant_kind FROM dossiers").fetchone()
    assert tuple(row) == ("Công ty TNHH Thử Nghiệm", "organisation")


def test_dossiers_saved_before_version_2_still_read(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    old = open_database(path, MIGRATIONS[:1])
    old.table("dossiers").insert(
        {
            "code": "000.00.01.H49-261130-0001",
            "unit_code": UNIT,
            "sequence": 1,
            "procedure_code": "P",
            "procedure_name": "Thủ tục",
            "applicant_id_number": None,
            "applicant_name": "A",
            "applicant_json": '{"identity": {"id_number": "", "full_name": "A"}}',
            "received_at": "2026-11-30T09:00:00+07:00",
            "created_at": "2026-11-30T09:00:00+07:00",
            "workstation": "Q",
            "status": "received",
        }
    )
    old.conn.close()
    store = _store(path, datetime(2026, 11, 30, 10, tzinfo=VIETNAM))
    dossier = store.get("000.00.01.H49-261130-0001")
    assert dossier is not None
    assert dossier.appointment_at is None
    assert dossier.components == ()
    assert dossier.applicant.identity.full_name == "A"
