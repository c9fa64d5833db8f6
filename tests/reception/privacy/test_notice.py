"""The privacy notice on the receipt: purpose, legal basis, retention, whom to ask."""

from __future__ import annotations

import re
from collections.abc import Callable

from reception.forms import FormKind
from reception.forms.render import render_form
from reception.privacy.notice import receipt_notice
from tests.reception.forms.conftest import pdf_text
from tests.reception.forms.helpers import UNIT, make_dossier

__all__ = ["pdf_text"]


def test_the_notice_names_the_law_the_retention_and_whom_to_ask() -> None:
    notice = receipt_notice("Bộ phận Một cửa xã Thử Nghiệm")
    for phrase in ("91/2025/QH15", "356/2025/NĐ-CP", "30 ngày", "xóa", "Bộ phận Một cửa xã"):
        assert phrase in notice.text
    assert "{unit}" not in notice.text


def test_every_copy_of_the_receipt_carries_it(pdf_text: Callable[[bytes], str]) -> None:
    text = pdf_text(render_form(FormKind.RECEIPT, make_dossier(), UNIT))
    copies = [c for c in text.split("\f") if c.strip()]
    assert len(copies) == 2
    for copy in copies:
        flat = re.sub(r"\s+", " ", copy)
        assert "Thông báo về xử lý dữ liệu cá nhân" in flat
        assert "91/2025/QH15" in flat
