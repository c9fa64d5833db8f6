"""The dossier as the national sync (``DongBoHoSoMC``) names it, built from the local store.

Two versions (``[server] record``): "2018", the base record; "2025" (default), the base
record with the national procedure code, field and deciding agency, the fees, the owner's
identifiers and every field the national digitisation indicators are computed from
(``HoSoCoThanhPhanSoHoa``, ``DinhDanhCHS``, per file ``DuocSoHoa`` ...). In a 2025 record no
value is null: an unknown value is ``""``, flags are ``"0"``/``"1"``.

Built once per job, when it is first claimed (after the dossier's transaction has
committed, so every detail the dossier has by then is in), and frozen in the job so that
every retry sends the same bytes. The file list (``TaiLieuNop``) is added at send time
from the file ids the server returned, which are stable for the same content.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from reception.upload.outbox import FileToSend, JobFile
from reception.workstation.timezone import VIETNAM

SYNC_SERVICE = "DongBoHoSoMC"
SYNC_DATE_FORMAT = "%Y%m%d%H%M%S"

# TrangThaiHoSo 2 "Được tiếp nhận": the counter accepted the dossier.
STATUS_RECEIVED = "2"
CHANNEL_COUNTER = "1"  # KenhThucHien
SUBJECT_CITIZEN = "1"  # LoaiDoiTuong
SUBJECT_ENTERPRISE = "2"
DELIVERY = {"counter": "0", "post": "1"}  # HinhThuc
RECORD_VERSIONS = ("2025", "2018")
DEFAULT_RECORD_VERSION = "2025"
# LoaiDinhDanh of DinhDanhCHS: the 12-digit personal number, the 9-digit old ID.
ID_PERSONAL, ID_OLD = "1", "2"
# LoaiPhiLePhi by the catalogue's fee kind (lệ phí, phí); not confirmed by a public schema.
FEE_KINDS = {"le_phi": "1", "phi": "2"}
# Carried in the frozen record until TaiLieuNop is built, then removed.
_FILE_FLAGS = "_file_flags"


def record_version(record: Mapping[str, Any]) -> str:
    """The version a (frozen) record was built as: a 2018 record lacks the 2025 fields."""
    return "2025" if "HoSoCoThanhPhanSoHoa" in record else "2018"


class DossierMissingError(LookupError):
    """The job names a dossier that is not in the database (a bug, never expected)."""


def sync_date(value: str | None) -> str | None:
    """An ISO date or date-time from the store as ``yyyyMMddHHmmss`` in Vietnam time."""
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:  # a bare date or local time is already Vietnam time
        moment = moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(VIETNAM).strftime(SYNC_DATE_FORMAT)


def build_record(
    db: sqlite_utils.Database, code: str, version: str = DEFAULT_RECORD_VERSION
) -> tuple[dict[str, Any], list[FileToSend]]:
    """The sync record of dossier ``code`` (without ``TaiLieuNop``) and its component files."""
    rows = list(db.query("SELECT * FROM dossiers WHERE code = ?", [code]))
    if not rows:
        raise DossierMissingError(code)
    row = rows[0]
    applicant = _applicant(row)
    identity = applicant.get("identity") or {}
    owner = row.get("owner_name") or row.get("applicant_name") or identity.get("full_name")
    record: dict[str, Any] = {
        "MaHoSo": code,
        "MaTTHC": row["procedure_code"],
        "TenTTHC": row["procedure_name"],
        "TrichYeuHoSo": row["procedure_name"],
        "KenhThucHien": CHANNEL_COUNTER,
        "ChuHoSo": owner,
        "LoaiDoiTuong": SUBJECT_CITIZEN,
        "MaDoiTuong": row.get("applicant_id_number") or identity.get("id_number") or "",
        "SoDienThoai": applicant.get("phone") or "",
        "Email": applicant.get("email") or "",
        "NgayTiepNhan": sync_date(str(row["received_at"])),
        "NgayHenTra": sync_date(row.get("appointment_at")),
        "TrangThaiHoSo": STATUS_RECEIVED,
        "HinhThuc": DELIVERY.get(str(row.get("delivery") or "counter"), "0"),
        "GhiChu": row.get("note") or "",
    }
    # A dossier saved without its catalogue entry (before schema 6) has no national code
    # to send: it keeps the base record it was made for.
    if version == "2025" and _procedure(row):
        record = _record_2025(db, row, record, applicant)
    return record, _component_files(db, code)


def _record_2025(
    db: sqlite_utils.Database,
    row: Mapping[str, Any],
    base: dict[str, Any],
    applicant: Mapping[str, Any],
) -> dict[str, Any]:
    """The base record with the fields of the 2025 sync, every value filled or ""."""
    procedure = _procedure(row)
    identity = applicant.get("identity") or {}
    principal = applicant.get("principal") or {}
    kind = str(row.get("applicant_kind") or applicant.get("kind") or "self")
    acts_for = kind != "self" and bool(principal.get("name"))
    owner_id = str((principal.get("id_number") if acts_for else identity.get("id_number")) or "")
    identifiers = []
    if kind != "organisation":
        if len(owner_id) == 12:
            identifiers.append({"LoaiDinhDanh": ID_PERSONAL, "SoDinhDanh": owner_id})
        old_id = "" if acts_for else str(identity.get("old_id_number") or "")
        if len(old_id) == 9:
            identifiers.append({"LoaiDinhDanh": ID_OLD, "SoDinhDanh": old_id})
    components = list(
        db.query(
            "SELECT * FROM dossier_components WHERE dossier_code = ? ORDER BY position",
            [row["code"]],
        )
    )
    digitised = any(c["status"] == "digitised" for c in components)
    received = sync_date(str(row["received_at"])) or ""
    record = {
        **base,
        "MaTTHC": str(procedure.get("national_code") or base["MaTTHC"]),
        "MaLinhVuc": str((procedure.get("field") or {}).get("code") or ""),
        "TenLinhVuc": str((procedure.get("field") or {}).get("name") or ""),
        "DonViXuLy": str(procedure.get("agency") or ""),
        "LoaiDoiTuong": SUBJECT_ENTERPRISE if kind == "organisation" else SUBJECT_CITIZEN,
        "MaDoiTuong": owner_id,
        "SoGiayToChuHoSo": owner_id,
        "DinhDanhCHS": identifiers,
        "ThongTinKhac": "",
        "Fax": "",
        "NgayHenTra": base["NgayHenTra"] or "",
        "NgayTra": "",
        "ThongTinTra": "",
        "NgayKetThucXuLy": "",
        "NoiNopHoSo": "",
        "HoSoCoThanhPhanSoHoa": "1" if digitised else "0",
        "TaiKhoanDuocXacThucVoiVNeID": "1" if applicant.get("vneid_verified") is True else "0",
        "DuocThanhToanTrucTuyen": "0",
        "NgayTuChoi": "",
        "NgayNopHoSo": received,
        "DSKetNoiCSDL": [],
        "DanhSachLePhi": [
            {
                "TenPhiLePhi": str(fee.get("name") or ""),
                "MaPhiLePhi": str(fee.get("code") or ""),
                "HinhThucThu": "",
                "Gia": str(fee.get("amount") or 0),
                "LoaiPhiLePhi": FEE_KINDS.get(str(fee.get("kind")), ""),
            }
            for fee in procedure.get("fees") or []
        ],
        "DanhSachTepDinhKemKhac": [],
        "DanhSachHoSoBoSung": [],
        "DanhSachGiayToKetQua": [],
        _FILE_FLAGS: {
            str(c["code"]): {
                "DuocSoHoa": "1" if c["status"] == "digitised" else "0",
                "DuocTaiSuDung": "1" if c["status"] == "reused" else "0",
                # No source of this app takes files from the citizen's national store yet.
                "DuocLayTuKhoDMQG": "0",
                "MaKetQuaThayThe": "",
            }
            for c in components
        },
    }
    return {key: "" if value is None else value for key, value in record.items()}


def _procedure(row: Mapping[str, Any]) -> dict[str, Any]:
    """The catalogue entry kept with the dossier when it was received (schema 6)."""
    try:
        data = json.loads(str(row.get("procedure_json") or "{}"))
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def with_files(record: Mapping[str, Any], files: Sequence[JobFile]) -> dict[str, Any]:
    """The record with ``TaiLieuNop``: one entry per uploaded file, in job order (with
    whether it was digitised here, reused or taken from the national store, in 2025)."""
    flags = record.get(_FILE_FLAGS)
    documents = []
    for f in files:
        entry: dict[str, Any] = {
            "TepDinhKemId": f.file_id,
            "TenTepDinhKem": f.name,
            "IsDeleted": False,
            "MaThanhPhanHoSo": f.component_code or "",
            "DuongDanTaiTepTin": f.download_path,
        }
        if isinstance(flags, dict):
            entry = {key: "" if value is None else value for key, value in entry.items()}
            entry.update(
                flags.get(f.component_code or "")
                or {
                    "DuocSoHoa": "1",
                    "DuocTaiSuDung": "0",
                    "DuocLayTuKhoDMQG": "0",
                    "MaKetQuaThayThe": "",
                }
            )
        documents.append(entry)
    sent = {key: value for key, value in record.items() if key != _FILE_FLAGS}
    return {**sent, "TaiLieuNop": documents}


def _applicant(row: Mapping[str, Any]) -> dict[str, Any]:
    try:
        data = json.loads(str(row.get("applicant_json") or "{}"))
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def _component_files(db: sqlite_utils.Database, code: str) -> list[FileToSend]:
    """Digitised components recorded with the dossier (schema 2), when that table exists."""
    if not db["dossier_components"].exists():
        return []
    return [
        FileToSend(
            path=Path(str(c["file_path"])),
            name=Path(str(c["file_path"])).name,
            component_code=str(c["code"]),
            sha256=c.get("file_sha256") or None,
        )
        for c in db.query(
            "SELECT * FROM dossier_components WHERE dossier_code = ? AND file_path IS NOT NULL"
            " ORDER BY position",
            [code],
        )
    ]
