"""Mẫu 02 (PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ) and Mẫu 03 (PHIẾU TỪ CHỐI TIẾP NHẬN
GIẢI QUYẾT HỒ SƠ) of Thông tư 01/2018/TT-VPCP.

What is not known when printing (the reason, a contact) is left as dotted lines to be
written by hand, as on the paper forms.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from reception.dossiers.store import ComponentStatus, Dossier
from reception.forms.layout import (
    build_pdf,
    frame_width,
    header,
    labelled,
    p,
    signatures,
    title_with_qr,
)
from reception.forms.receipt_2018 import office_name
from reception.forms.wording import day_words, markup, owner_line
from reception.workstation.config import UnitConfig

SUPPLEMENT_TITLE = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
REFUSAL_TITLE = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
DOTS = "." * 110
CONTACT_BLANK = "....................... số điện thoại .............."


def missing_components(dossier: Dossier) -> list[str]:
    """The required components not received: the default list of Mẫu 02."""
    return [
        c.name
        for c in dossier.components
        if c.required and c.status is ComponentStatus.NOT_RECEIVED
    ]


def render_supplement_request(
    dossier: Dossier,
    unit: UnitConfig,
    *,
    items: Sequence[str] = (),
    reason: str | None = None,
    contact: str | None = None,
    day: date | None = None,
) -> bytes:
    """Mẫu 02 for ``dossier``: ``items`` to add or correct (default: the missing required
    components), the ``reason``, and whom to ``contact`` for help."""
    width = frame_width()
    day = day or dossier.received_at.date()
    office = office_name(unit)
    listed = list(items) or missing_components(dossier)
    story: list[Flowable] = [
        header(unit, day, width),
        Spacer(1, 6 * mm),
        title_with_qr(SUPPLEMENT_TITLE, dossier.code, width),
        Spacer(1, 4 * mm),
        labelled("Hồ sơ của:", owner_line(dossier)),
        labelled("Nội dung yêu cầu giải quyết:", dossier.procedure_name),
        p(
            f"{markup(day_words(dossier.received_at.date())).capitalize()}, {markup(office)} "
            f"đã tiếp nhận hồ sơ của <b>{markup(owner_line(dossier))}</b>."
        ),
        p(
            "Sau khi xem xét thành phần hồ sơ, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ"
            " gồm những nội dung sau:"
        ),
    ]
    for number, item in enumerate(listed or [DOTS, DOTS], 1):
        story.append(p(f"&nbsp;&nbsp;&nbsp;&nbsp;{number}. {markup(item)}"))
    story += [
        p(f"Lý do: {markup(reason) if reason else DOTS}"),
        p(
            "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với "
            f"{markup(contact) if contact else CONTACT_BLANK}"
            " để được hướng dẫn."
        ),
        Spacer(1, 6 * mm),
        signatures(width, ("", "NGƯỜI HƯỚNG DẪN")),
    ]
    return build_pdf(story, title=f"{SUPPLEMENT_TITLE} {dossier.code}", subject="Mẫu số 02")


def render_refusal(
    dossier: Dossier, unit: UnitConfig, *, reason: str | None = None, day: date | None = None
) -> bytes:
    """Mẫu 03 for ``dossier``: the office refuses to receive it, for ``reason``."""
    width = frame_width()
    day = day or dossier.received_at.date()
    office = office_name(unit)
    reason_lines = [markup(reason)] if reason else [DOTS, DOTS, DOTS]
    story: list[Flowable] = [
        header(unit, day, width),
        Spacer(1, 6 * mm),
        title_with_qr(REFUSAL_TITLE, dossier.code, width),
        Spacer(1, 4 * mm),
        labelled(f"{office} tiếp nhận hồ sơ của:", owner_line(dossier)),
        labelled("Nội dung yêu cầu giải quyết:", dossier.procedure_name),
        p(
            f"Qua xem xét, {markup(office)} thông báo không tiếp nhận, giải quyết hồ sơ này"
            " với lý do cụ thể như sau:"
        ),
        *[p(f"&nbsp;&nbsp;&nbsp;&nbsp;{line}") for line in reason_lines],
        p("Xin thông báo cho Ông/Bà được biết và thực hiện./."),
        Spacer(1, 6 * mm),
        signatures(width, ("", "NGƯỜI TIẾP NHẬN HỒ SƠ")),
    ]
    return build_pdf(story, title=f"{REFUSAL_TITLE} {dossier.code}", subject="Mẫu số 03")
