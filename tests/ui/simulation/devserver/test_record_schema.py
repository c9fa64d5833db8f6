"""The development server checks a record against the version it is sent as."""

from __future__ import annotations

from typing import Any

from ui.simulation.devserver.record_schema import PRESENT_2025, REQUIRED_2025, record_problem

BASE = {
    "MaHoSo": "H49.22-261130-0001",
    "MaTTHC": "1.001612",
    "TenTTHC": "Đăng ký thành lập hộ kinh doanh",
    "ChuHoSo": "CÔNG TY TNHH THỬ",
    "NgayTiepNhan": "20261130090000",
    "TrangThaiHoSo": "2",
}


def _full() -> dict[str, Any]:
    record: dict[str, Any] = {name: "" for name in PRESENT_2025}
    record.update({name: "x" for name in REQUIRED_2025}, **BASE)
    record.update(
        LoaiDoiTuong="2",
        HoSoCoThanhPhanSoHoa="1",
        TaiKhoanDuocXacThucVoiVNeID="0",
        DuocThanhToanTrucTuyen="0",
        TaiLieuNop=[],
        DanhSachLePhi=[],
        DinhDanhCHS=[],
    )
    return record


def test_a_base_record_is_a_valid_2018_record_only() -> None:
    assert record_problem(BASE, "2018") is None
    assert record_problem(BASE, "2025") == "MaLinhVuc is required (record version 2025)"
    assert record_problem(BASE, "2031") is not None


def test_a_2025_record_needs_every_field_and_no_null() -> None:
    assert record_problem(_full(), "2025") is None
    missing = _full()
    del missing["DinhDanhCHS"]
    assert record_problem(missing, "2025") == (
        'DinhDanhCHS is missing (record version 2025: send "" when empty)'
    )
    null = {**_full(), "Fax": None}
    assert "record.Fax is null" in str(record_problem(null, "2025"))
    flag = {**_full(), "HoSoCoThanhPhanSoHoa": "yes"}
    assert "HoSoCoThanhPhanSoHoa" in str(record_problem(flag, "2025"))
    files = {**_full(), "TaiLieuNop": [{"TepDinhKemId": "a"}]}
    assert record_problem(files, "2025") == "TaiLieuNop[0].TenTepDinhKem is missing"
