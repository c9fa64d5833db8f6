"""Vietnamese wording shared by the forms: dates, durations, component kinds.

Pure functions without reportlab, so they are tested on their own.
"""

from __future__ import annotations

from datetime import date, datetime
from xml.sax.saxutils import escape

from reception.dossiers.store import ComponentStatus, Dossier, ResultDelivery
from reception.procedures.catalogue import ComponentKind, ProcessingTime, TimeUnit
from reception.workstation.timezone import VIETNAM

KIND_WORDS = {
    ComponentKind.ORIGINAL: "Bản chính",
    ComponentKind.COPY: "Bản sao",
    ComponentKind.ORIGINAL_OR_COPY: "Bản chính hoặc bản sao",
}
STATUS_WORDS = {
    ComponentStatus.PAPER: "Bản giấy",
    ComponentStatus.DIGITISED: "Bản điện tử",
    ComponentStatus.REUSED: "Tái sử dụng",
    ComponentStatus.NOT_RECEIVED: "Chưa nộp",
}
DELIVERY_WORDS = {
    ResultDelivery.COUNTER: "Bộ phận tiếp nhận và trả kết quả",
    ResultDelivery.POST: "Nhận qua dịch vụ bưu chính",
}


def day_words(day: date) -> str:
    """``ngày 05 tháng 02 năm 2027`` (two-digit day and month, as the forms print them)."""
    return f"ngày {day:%d} tháng {day:%m} năm {day:%Y}"


def moment_words(moment: datetime) -> str:
    """``09 giờ 15 phút, ngày 30 tháng 11 năm 2026`` in Vietnam time."""
    local = moment.astimezone(VIETNAM)
    return f"{local:%H} giờ {local:%M} phút, {day_words(local.date())}"


def place_and_date(place: str, day: date) -> str:
    """``Hồng Gai, ngày 30 tháng 11 năm 2026`` (the date alone without a place)."""
    words = day_words(day)
    return f"{place}, {words}" if place else words[0].upper() + words[1:]


def duration_words(processing: ProcessingTime | None, same_day: bool) -> str:
    """``5 ngày làm việc``, ``4 giờ làm việc``, ``Trong ngày``."""
    if same_day:
        return "Trong ngày"
    if processing is None:
        return "Theo quy định"
    unit = "ngày làm việc" if processing.unit is TimeUnit.WORKING_DAYS else "giờ làm việc"
    return f"{processing.value} {unit}"


def component_line(index: int, name: str, kind: ComponentKind, copies: int) -> str:
    """``(1) Tờ khai ... — Bản chính: 01 bản``."""
    return f"({index}) {name} — {KIND_WORDS[kind]}: {copies:02d} bản"


def owner_line(dossier: Dossier) -> str:
    """Whose dossier it is, and who submitted it when they act for someone else."""
    applicant = dossier.applicant
    here = applicant.identity.full_name
    if applicant.principal is None or applicant.owner_name == here:
        return here
    return f"{applicant.owner_name} (người nộp: {here})"


def markup(text: str) -> str:
    """Text made safe for a reportlab paragraph (``&``, ``<``, ``>`` escaped)."""
    return escape(text)
