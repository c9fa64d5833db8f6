"""What the development server requires of a sync record, by the version it is sent as.

The envelope's ``version`` says which shape the client sends ("2018" when absent, the
clients that predate versions). A provincial system's own schema is agreed with its
operator; these lists are the fields of ``docs/upload-protocol.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

BASE_REQUIRED = ("MaHoSo", "MaTTHC", "TenTTHC", "ChuHoSo", "NgayTiepNhan", "TrangThaiHoSo")
# Every field of the 2025 record must be present (empty values as ""); these also non-empty.
REQUIRED_2025 = (
    *BASE_REQUIRED,
    "MaLinhVuc",
    "TenLinhVuc",
    "DonViXuLy",
    "KenhThucHien",
    "LoaiDoiTuong",
    "NgayNopHoSo",
    "HoSoCoThanhPhanSoHoa",
)
PRESENT_2025 = (
    "MaDoiTuong", "ThongTinKhac", "Email", "Fax", "SoDienThoai", "TrichYeuHoSo", "NgayHenTra",
    "NgayTra", "ThongTinTra", "HinhThuc", "NgayKetThucXuLy", "GhiChu", "TaiLieuNop",
    "DanhSachLePhi", "DanhSachTepDinhKemKhac", "DanhSachHoSoBoSung", "DanhSachGiayToKetQua",
    "SoGiayToChuHoSo", "DinhDanhCHS", "NoiNopHoSo", "TaiKhoanDuocXacThucVoiVNeID",
    "DuocThanhToanTrucTuyen", "NgayTuChoi", "DSKetNoiCSDL",
)  # fmt: skip
FILE_FIELDS_2025 = (
    "TepDinhKemId", "TenTepDinhKem", "IsDeleted", "MaThanhPhanHoSo", "DuongDanTaiTepTin",
    "DuocSoHoa", "DuocTaiSuDung", "DuocLayTuKhoDMQG", "MaKetQuaThayThe",
)  # fmt: skip
FEE_FIELDS_2025 = ("TenPhiLePhi", "MaPhiLePhi", "HinhThucThu", "Gia", "LoaiPhiLePhi")
FLAGS_2025 = ("HoSoCoThanhPhanSoHoa", "TaiKhoanDuocXacThucVoiVNeID", "DuocThanhToanTrucTuyen")
VERSIONS = ("2018", "2025")


def record_problem(record: Mapping[str, Any], version: str) -> str | None:
    """Why ``record`` is not a valid record of ``version``, or None."""
    if version not in VERSIONS:
        return f"unknown record version {version!r} (expected one of {', '.join(VERSIONS)})"
    if version == "2018":
        return next((f"{n} is required" for n in BASE_REQUIRED if not record.get(n)), None)
    for name in REQUIRED_2025:
        if not record.get(name):
            return f"{name} is required (record version 2025)"
    for name in PRESENT_2025:
        if name not in record:
            return f'{name} is missing (record version 2025: send "" when empty)'
    for path in _nulls(record, "record"):
        return f'{path} is null (record version 2025: send "" when empty)'
    return _values_problem(record)


def _values_problem(record: Mapping[str, Any]) -> str | None:
    """The flags, the owner kind and the entries of the lists of a 2025 record."""
    for name in FLAGS_2025:
        if record[name] not in ("0", "1"):
            return f'{name} must be "0" or "1"'
    if record["LoaiDoiTuong"] not in ("1", "2", "3", "4"):
        return "LoaiDoiTuong must be 1, 2, 3 or 4"
    for index, item in enumerate(_objects(record.get("TaiLieuNop"))):
        missing = [f for f in FILE_FIELDS_2025 if f not in item]
        if missing:
            return f"TaiLieuNop[{index}].{missing[0]} is missing"
    for index, item in enumerate(_objects(record.get("DanhSachLePhi"))):
        missing = [f for f in FEE_FIELDS_2025 if f not in item]
        if missing:
            return f"DanhSachLePhi[{index}].{missing[0]} is missing"
    return None


def _objects(value: Any) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _nulls(value: Any, path: str) -> Iterator[str]:
    if value is None:
        yield path
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _nulls(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nulls(item, f"{path}[{index}]")
