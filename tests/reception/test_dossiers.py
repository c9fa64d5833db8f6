from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from reception.dossier_code import SequenceBlock
from reception.dossiers import Applicant, DossierDraft, DossierStatus, DossierStore
from reception.identity import CitizenIdentity, Sex
from reception.storage.database import open_database
from reception.timezone import VIETNAM

UNIT = "000.00.01.H22"


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
        procedure_code="1.001193.000.00.00.H22",
        procedure_name="Đăng ký khai sinh",
        applicant=Applicant(identity=identity, phone="0912345678"),
    )


def test_saved_dossier_gets_a_code_and_reads_back_whole(tmp_path: Path) -> None:
    now = datetime(2026, 11, 30, 9, 15, tzinfo=VIETNAM)
    store = _store(tmp_path / "db.sqlite3", now)
    saved = store.save(_draft())
    assert saved.code == "000.00.01.H22-261130-0201"
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
