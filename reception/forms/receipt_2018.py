"""Mẫu 01 of Thông tư 01/2018/TT-VPCP: GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ.

Two copies, each on its own A4 page: "Liên 1: Lưu" for the office, "Liên 2: Giao người
nộp" for the citizen. The body follows the form's order; the wording is the form's.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from reception.dossiers.store import Dossier
from reception.forms.layout import (
    BODY,
    build_pdf,
    frame_width,
    header,
    labelled,
    p,
    signatures,
    title_with_qr,
)
from reception.forms.wording import (
    DELIVERY_WORDS,
    STATUS_WORDS,
    component_line,
    duration_words,
    markup,
    moment_words,
    owner_line,
)
from reception.workstation.config import UnitConfig

TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
COPIES = ("Liên 1: Lưu", "Liên 2: Giao người nộp")
SIGNERS = ("NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ")


def render_receipt(dossier: Dossier, unit: UnitConfig) -> bytes:
    """The receipt of ``dossier`` (both copies) as PDF bytes."""
    story: list[Flowable] = []
    for index, copy in enumerate(COPIES):
        if index:
            story.append(PageBreak())
        story.extend(_copy(dossier, unit, copy))
    return build_pdf(story, title=f"{TITLE} {dossier.code}", subject="Mẫu số 01")


def _copy(dossier: Dossier, unit: UnitConfig, copy_label: str) -> list[Flowable]:
    width = frame_width()
    applicant = dossier.applicant
    received = dossier.received_at
    blank = "........................."
    contact = f"Số điện thoại: <b>{markup(applicant.phone or blank)}</b>"
    contact += f"&nbsp;&nbsp;&nbsp;&nbsp;Email: <b>{markup(applicant.email or blank)}</b>"
    story: list[Flowable] = [
        header(unit, received.date(), width, copy_label),
        Spacer(1, 6 * mm),
        title_with_qr(TITLE, dossier.code, width),
        Spacer(1, 4 * mm),
        labelled(f"{office_name(unit)} tiếp nhận hồ sơ của:", owner_line(dossier)),
        labelled("Địa chỉ:", applicant.owner_address or ".........................."),
        p(contact),
        labelled("Nội dung yêu cầu giải quyết:", dossier.procedure_name),
        p("1. Thành phần hồ sơ nộp gồm:"),
    ]
    submitted = dossier.submitted_components
    for number, component in enumerate(submitted, 1):
        line = component_line(number, component.name, component.kind, component.copies)
        story.append(
            p(f"&nbsp;&nbsp;&nbsp;&nbsp;{markup(line)} ({STATUS_WORDS[component.status]})")
        )
    if not submitted:
        story.append(p("&nbsp;&nbsp;&nbsp;&nbsp;(1) ............................................"))
    appointment = dossier.appointment_at
    story += [
        p(f"2. Số lượng hồ sơ: <b>{dossier.sets:02d}</b> (bộ)"),
        p(
            "3. Thời gian giải quyết hồ sơ theo quy định là: "
            f"<b>{markup(duration_words(dossier.processing_time, dossier.same_day))}</b>"
        ),
        p(f"4. Thời gian nhận hồ sơ: <b>{moment_words(received)}</b>"),
        p(
            "5. Thời gian trả kết quả giải quyết hồ sơ: "
            + (f"<b>{moment_words(appointment)}</b>" if appointment else "....................")
        ),
        p(f"6. Đăng ký nhận kết quả tại: <b>{markup(DELIVERY_WORDS[dossier.delivery])}</b>"),
        p(
            f"Vào Sổ theo dõi hồ sơ, Quyển số: <b>{markup(dossier.ledger_book or '......')}</b>"
            f" Số thứ tự: <b>{dossier.ledger_number or '......'}</b>",
            BODY,
        ),
        Spacer(1, 6 * mm),
        signatures(width, SIGNERS),
    ]
    return story


def office_name(unit: UnitConfig) -> str:
    """The receiving unit in running text: "Bộ phận tiếp nhận và trả kết quả <agency>"."""
    agency = unit.parent_agency.strip()
    base = "Bộ phận tiếp nhận và trả kết quả"
    return f"{base} {running_text_case(agency)}" if agency else base


_ADMINISTRATIVE_WORDS = frozenset(
    {
        *("ủy", "ban", "nhân", "dân", "phường", "xã", "thị", "trấn", "quận", "huyện"),
        *("tỉnh", "thành", "phố", "sở", "trung", "tâm", "phục", "vụ", "hành", "chính", "công"),
    }
)


def running_text_case(name: str) -> str:
    """An agency name as written in a sentence: "ỦY BAN NHÂN DÂN PHƯỜNG HỒNG GAI" becomes
    "Ủy ban nhân dân phường Hồng Gai" (administrative words lower-case, place names
    capitalised). Names not written in capitals are kept as they are."""
    if not name.isupper():
        return name
    words = []
    for index, word in enumerate(name.split()):
        lower = word.lower()
        bare = lower.strip("()[],.-")
        words.append(lower if index and bare in _ADMINISTRATIVE_WORDS else _capitalised(lower))
    return " ".join(words)


def _capitalised(word: str) -> str:
    """``word`` with its first letter in capitals ("(cấu" -> "(Cấu")."""
    for position, char in enumerate(word):
        if char.isalpha():
            return word[:position] + char.upper() + word[position + 1 :]
    return word
