"""The ledger (Sổ theo dõi hồ sơ) over a date range, read back with poppler."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from reception.forms.render import render_ledger_pdf
from tests.reception.forms.helpers import UNIT, make_dossier, poppler, representative_applicant

Extract = Callable[[bytes], str]


def test_ledger_rows_and_header_on_every_page(pdf_text: Extract, tmp_path: Path) -> None:
    base = make_dossier()
    dossiers = [
        replace(
            base,
            code=f"000.00.01.H49-261130-{n:04d}",
            received_at=base.received_at + timedelta(minutes=n),
            applicant=representative_applicant() if n == 2 else base.applicant,
        )
        for n in range(1, 41)
    ]
    data = render_ledger_pdf(
        dossiers, UNIT, date(2026, 11, 30), date(2026, 11, 30), day=date(2026, 12, 1)
    )
    text = pdf_text(data)
    flat = re.sub(r"\s+", " ", text)
    assert "SỔ THEO DÕI HỒ SƠ" in flat
    assert "Từ ngày 30/11/2026 đến ngày 30/11/2026" in flat
    assert "Số hồ sơ: 40" in flat
    for dossier in dossiers:
        assert dossier.code.split("-")[-1] in flat
    assert "LÊ THỊ CÚC" in flat  # the owner, not the representative, is the dossier's name
    pages = text.split("\f")[:-1]
    assert len(pages) > 1
    assert all("Tên thủ tục hành chính" in page for page in pages)
    path = tmp_path / "ledger.pdf"
    path.write_bytes(data)
    assert "841.89 x 595.276 pts (A4)" in poppler("pdfinfo", path)  # landscape


def test_an_empty_ledger_still_prints_its_header(pdf_text: Extract) -> None:
    text = pdf_text(
        render_ledger_pdf([], UNIT, date(2026, 1, 1), date(2026, 1, 31), day=date(2026, 2, 1))
    )
    assert "Số hồ sơ: 0" in text
    assert "Mã hồ sơ" in text
