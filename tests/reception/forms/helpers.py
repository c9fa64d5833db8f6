"""Dossiers built in memory for the form tests, and poppler to read PDFs back."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

from reception.dossiers.applicant import Applicant, ApplicantKind, Principal
from reception.dossiers.store import ComponentStatus, Dossier, DossierComponent, DossierStatus
from reception.identity.citizen import CitizenIdentity
from reception.procedures.catalogue import ComponentKind, ProcessingTime, TimeUnit
from reception.workstation.config import UnitConfig
from reception.workstation.timezone import VIETNAM

UNIT = UnitConfig(
    code="000.00.01.H49",
    name="Trung tâm Phục vụ hành chính công phường Hồng Gai",
    parent_agency="ỦY BAN NHÂN DÂN PHƯỜNG HỒNG GAI",
    place="Hồng Gai",
)


def make_dossier(**changes: object) -> Dossier:
    """A synthetic citizen's dossier with every kind of component status."""
    values: dict[str, object] = {
        "code": "000.00.01.H49-261130-0007",
        "procedure_code": "1.004222.000.00.00.H49",
        "procedure_name": "Đăng ký thường trú",
        "applicant": Applicant(
            CitizenIdentity(
                "022088001234",
                "NGUYỄN THỊ THU HƯƠNG",
                place_of_residence="Số 12 ngõ 34 phố Mô Phỏng, Phường Hàng Bạc, Hà Nội",
            ),
            phone="0912345678",
            email="huong@example.vn",
        ),
        "received_at": datetime(2026, 11, 30, 9, 5, tzinfo=VIETNAM),
        "workstation": "QUAY-01",
        "status": DossierStatus.RECEIVED,
        "appointment_at": datetime(2026, 12, 9, 17, 0, tzinfo=VIETNAM),
        "processing_time": ProcessingTime(7, TimeUnit.WORKING_DAYS),
        "calendar_version": "holidays-0.109+local-none",
        "components": (
            DossierComponent(
                "TP1",
                "Tờ khai thay đổi thông tin cư trú",
                ComponentKind.ORIGINAL,
                1,
                True,
                ComponentStatus.PAPER,
            ),
            DossierComponent(
                "TP2",
                "Giấy tờ chứng minh chỗ ở hợp pháp",
                ComponentKind.ORIGINAL_OR_COPY,
                2,
                True,
                ComponentStatus.DIGITISED,
            ),
            DossierComponent(
                "TP3",
                "Văn bản đồng ý của chủ hộ",
                ComponentKind.COPY,
                1,
                True,
                ComponentStatus.REUSED,
            ),
            DossierComponent(
                "TP4",
                "Giấy tờ về quan hệ nhân thân",
                ComponentKind.COPY,
                1,
                True,
                ComponentStatus.NOT_RECEIVED,
            ),
        ),
        "ledger_book": "2026",
        "ledger_number": 42,
    }
    values.update(changes)
    return Dossier(**values)  # type: ignore[arg-type]


def representative_applicant() -> Applicant:
    return Applicant(
        CitizenIdentity("022088001234", "ĐỖ VĂN ĐỨC", place_of_residence="Xã Mẫu, Quảng Ninh"),
        kind=ApplicantKind.REPRESENTATIVE,
        principal=Principal("LÊ THỊ CÚC", None, "Thôn Thử, Xã Mẫu, Quảng Ninh"),
    )


def poppler(tool: str, path: Path, *args: str) -> str:
    return subprocess.run(
        [tool, *args, str(path)], capture_output=True, check=True, text=True
    ).stdout
