"""The sync record built from the stored dossier, and the purge after reconciliation."""

from __future__ import annotations

import time
from pathlib import Path

from reception.upload import outbox, queue
from reception.upload.outbox import JobFile
from reception.upload.purge import DAY_SECONDS, purge_confirmed
from reception.upload.record import build_record, sync_date, with_files
from tests.reception.upload.conftest import Counter


def test_the_record_uses_the_national_sync_names_and_formats(counter: Counter) -> None:
    code = counter.save(1)[0]
    counter.db.execute(
        "UPDATE dossiers SET appointment_at = ?, delivery = 'post' WHERE code = ?",
        ["2026-12-03T17:00:00+07:00", code],
    )
    record, files = build_record(counter.db, code)
    assert record["MaHoSo"] == code
    assert record["MaTTHC"] == "1.001193.000.00.00.H49"
    assert record["TenTTHC"] == "Đăng ký khai sinh"
    assert record["ChuHoSo"] == "NGUYỄN THỊ AN"
    assert record["MaDoiTuong"] == "022088000000"
    assert record["NgayTiepNhan"] == "20261130090000"
    assert record["NgayHenTra"] == "20261203170000"
    assert record["TrangThaiHoSo"] == "2"
    assert record["KenhThucHien"] == "1" and record["HinhThuc"] == "1"
    assert files == []
    document = JobFile(0, Path("a.pdf"), "a.pdf", "TP1", "ab" * 32, 10, "id-1", "/files/id-1")
    full = with_files(record, [document])
    assert full["TaiLieuNop"] == [
        {
            "TepDinhKemId": "id-1",
            "TenTepDinhKem": "a.pdf",
            "IsDeleted": False,
            "MaThanhPhanHoSo": "TP1",
            "DuongDanTaiTepTin": "/files/id-1",
        }
    ]


def test_sync_dates_are_in_vietnam_time() -> None:
    assert sync_date("2026-11-30T02:00:00+00:00") == "20261130090000"
    assert sync_date("2026-12-03") == "20261203000000"
    assert sync_date(None) is None


def test_digitised_components_of_the_dossier_are_sent_as_its_files(counter: Counter) -> None:
    code = counter.save(1)[0]
    scan = counter.documents / f"{code}_TP1_1.pdf"
    scan.write_bytes(b"%PDF-1.7 synthetic")
    counter.db.table("dossier_components").insert(
        {
            "dossier_code": code,
            "position": 0,
            "code": "TP1",
            "name": "Tờ khai",
            "kind": "original",
            "copies": 1,
            "required": 1,
            "status": "digitised",
            "file_path": str(scan),
            "file_sha256": None,
        }
    )
    _, files = build_record(counter.db, code)
    assert [(f.path, f.component_code) for f in files] == [(scan, "TP1")]


def send_all(counter: Counter, sent_at: float) -> list[str]:
    codes = counter.save(2, files_each=1)
    for _ in codes:
        job = outbox.claim_next(counter.db, "me", now=time.time(), lease_seconds=60)
        assert job is not None
        assert outbox.mark_sent(counter.db, job.dossier_code, "me", now=sent_at, confirmation={})
    return codes


def test_after_reconciliation_documents_and_personal_data_go_the_ledger_row_stays(
    counter: Counter, tmp_path: Path
) -> None:
    now = time.time()
    old, recent = send_all(counter, now - 40 * DAY_SECONDS)
    counter.db.execute(
        "UPDATE upload_jobs SET sent_at = ? WHERE dossier_code = ?", [now - DAY_SECONDS, recent]
    )
    outside = tmp_path / "elsewhere.pdf"
    outside.write_bytes(b"not ours")
    outbox.add_files(counter.db, counter.save(1)[0], [outbox.FileToSend(outside, "x.pdf")])
    documents = {
        str(code): Path(str(row[0]))
        for code in (old, recent)
        for row in counter.db.execute(
            "SELECT path FROM upload_files WHERE dossier_code = ?", [code]
        ).fetchall()
    }

    purged = purge_confirmed(
        counter.db, now=now, reconciliation_days=30, documents_root=counter.documents.parent
    )

    assert purged == 1
    assert not documents[old].exists() and documents[recent].exists() and outside.exists()
    row = next(counter.db.query("SELECT * FROM dossiers WHERE code = ?", [old]))
    assert row["applicant_name"] == "" and row["applicant_id_number"] is None
    assert "NGUYỄN" not in row["applicant_json"]
    assert row["procedure_code"] and row["received_at"]  # the ledger keeps its facts
    dossier = counter.store.get(old)
    assert dossier is not None and dossier.applicant.identity.full_name == ""
    view = queue.job_views(counter.db, [old])[old]
    assert view.confirmation == {} and view.sent_at is not None
    again = purge_confirmed(
        counter.db, now=now, reconciliation_days=30, documents_root=counter.documents.parent
    )
    assert again == 0


def test_the_reconciliation_period_is_configurable() -> None:
    from reception.workstation.config import parse_config

    raw = {
        "unit": {"code": "000.00.01.H49", "name": "Bộ phận một cửa"},
        "workstation": {"name": "QUAY-01"},
        "server": {"url": "https://example.invalid", "reconciliation_days": 7},
    }
    assert parse_config(raw).server.reconciliation_days == 7.0
