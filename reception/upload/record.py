"""The dossier as the national sync (``DongBoHoSoMC``) names it, built from the local store.

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
DELIVERY = {"counter": "0", "post": "1"}  # HinhThuc


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


def build_record(db: sqlite_utils.Database, code: str) -> tuple[dict[str, Any], list[FileToSend]]:
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
    return record, _component_files(db, code)


def with_files(record: Mapping[str, Any], files: Sequence[JobFile]) -> dict[str, Any]:
    """The record with ``TaiLieuNop``: one entry per uploaded file, in job order."""
    documents = [
        {
            "TepDinhKemId": f.file_id,
            "TenTepDinhKem": f.name,
            "IsDeleted": False,
            "MaThanhPhanHoSo": f.component_code or "",
            "DuongDanTaiTepTin": f.download_path,
        }
        for f in files
    ]
    return {**record, "TaiLieuNop": documents}


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
