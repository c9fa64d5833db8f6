"""The two sync record versions, built from dossiers saved the real way."""

from __future__ import annotations

import json
from pathlib import Path

from reception.dossiers.applicant import Applicant
from reception.dossiers.store import ComponentStatus, DossierDraft
from reception.identity.citizen import CitizenIdentity
from reception.procedures.catalogue import load_catalogue
from reception.upload.record import build_record, record_version, with_files
from tests.reception.upload.conftest import Counter

PERSON = CitizenIdentity(
    "022088001234",
    "TRẦN VĂN BÌNH",
    old_id_number="022345678",
    place_of_residence="Tổ 5, phường Hồng Gai, tỉnh Quảng Ninh",
)


def _save(counter: Counter, tmp_path: Path) -> str:
    procedure = load_catalogue().get("1.004222")
    scan = tmp_path / "tp2.pdf"
    scan.write_bytes(b"%PDF-1.4 synthetic")
    draft = DossierDraft.for_procedure(
        procedure,
        Applicant(PERSON),
        {"TP3": ComponentStatus.REUSED},
        files={"TP2": (str(scan), "ab" * 32)},
    )
    return counter.store.save(draft).code


def test_version_2018_is_the_base_record(counter: Counter, tmp_path: Path) -> None:
    record, files = build_record(counter.db, _save(counter, tmp_path), "2018")
    assert record_version(record) == "2018"
    assert record["MaTTHC"] == "1.004222.000.00.00.H49"  # the local code, as before
    assert "MaLinhVuc" not in record and "HoSoCoThanhPhanSoHoa" not in record
    assert [f.component_code for f in files] == ["TP2"]


def test_version_2025_fills_the_indicator_fields(counter: Counter, tmp_path: Path) -> None:
    record, files = build_record(counter.db, _save(counter, tmp_path), "2025")
    assert record_version(record) == "2025"
    assert record["MaTTHC"] == "1.004222"
    assert (record["MaLinhVuc"], record["TenLinhVuc"]) == ("CUTRU", "Đăng ký, quản lý cư trú")
    assert record["DonViXuLy"] == "Công an cấp xã"
    assert record["LoaiDoiTuong"] == "1"
    assert record["MaDoiTuong"] == record["SoGiayToChuHoSo"] == "022088001234"
    assert record["DinhDanhCHS"] == [
        {"LoaiDinhDanh": "1", "SoDinhDanh": "022088001234"},
        {"LoaiDinhDanh": "2", "SoDinhDanh": "022345678"},
    ]
    assert record["NgayNopHoSo"] == record["NgayTiepNhan"]
    assert record["HoSoCoThanhPhanSoHoa"] == "1"
    assert record["DanhSachLePhi"] == [
        {
            "TenPhiLePhi": "Lệ phí đăng ký cư trú",
            "MaPhiLePhi": "",
            "HinhThucThu": "",
            "Gia": "20000",
            "LoaiPhiLePhi": "1",
        }
    ]
    sent = with_files(json.loads(json.dumps(record)), [])
    assert "_file_flags" not in sent and sent["TaiLieuNop"] == []
    assert "null" not in json.dumps(sent)
    assert [f.component_code for f in files] == ["TP2"]
