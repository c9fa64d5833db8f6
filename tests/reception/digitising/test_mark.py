"""The conversion mark: its words in the text layer, its QR, its place beside the content."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pikepdf
import pytest

from hardware.imaging.pdf_pages import render_pdf_pages
from hardware.qr.zxing import ZxingQrDecoder
from hardware.scanner.interface import ColorMode, ScannedPage
from reception.digitising.mark import FULL_HEIGHT, PageSpace, place_marks
from reception.digitising.model import ComponentInfo, DigitiseOptions
from reception.digitising.pdfa import inspect_pdf
from reception.digitising.pipeline import digitise
from tests.generators.pages import gray, text_page

FIXED = datetime.fromisoformat("2026-11-29T09:30:00+07:00")
NO_OCR = DigitiseOptions(ocr=False)


def _page(image: npt.NDArray[np.uint8], dpi: int = 150) -> ScannedPage:
    return ScannedPage(image=image, dpi=dpi, mode=ColorMode.GRAY)


def _text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed (scripts/system-deps.sh test)")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def test_every_page_says_it_was_converted_by_whom_and_when(
    tmp_path: Path, info: ComponentInfo
) -> None:
    out = tmp_path / "m.pdf"
    pages = [_page(gray(text_page())) for _ in range(2)]
    result = digitise(pages, info, out, options=NO_OCR, clock=lambda: FIXED)
    assert result.marked and not result.signed and result.signer is None
    text = _text(out)
    first, second = text.split("\f")[:2]
    assert "BẢN ĐIỆN TỬ CHUYỂN ĐỔI TỪ VĂN BẢN GIẤY" in first
    assert "Người chuyển đổi: QUAY-01 Lê Văn Thử" in first
    assert "09:30 ngày 29/11/2026" in first
    assert "QUAY-01 Lê Văn Thử" in second and "Trang 2/2" in second
    report = inspect_pdf(out.read_bytes())
    assert report.pdfa_part == "2B" and report.problems == ()
    with pikepdf.open(out) as pdf:
        assert pdf.open_metadata()["dc:identifier"] == result.file_id


def test_the_qr_names_the_dossier_the_component_and_the_file(
    tmp_path: Path, info: ComponentInfo
) -> None:
    out = tmp_path / "q.pdf"
    result = digitise([_page(gray(text_page()))], info, out, options=NO_OCR)
    page = render_pdf_pages(out, dpi=200)[0]
    found = ZxingQrDecoder().decode(page)
    assert found == [
        f"MaHoSo={info.dossier_code};MaThanhPhanHoSo={info.component_code};MaTep={result.file_id}"
    ]


def test_a_page_without_a_free_margin_is_made_taller_never_covered(
    tmp_path: Path, info: ComponentInfo
) -> None:
    full = gray(text_page())
    full[-30:, 40:-40] = 20  # a dark band reaching the bottom edge: no free margin
    out = tmp_path / "t.pdf"
    digitise([_page(full)], info, out, options=NO_OCR)
    image_height = full.shape[0] * 72 / 150  # points do not change with resampling
    with pikepdf.open(out) as pdf:
        box = [float(v) for v in pdf.pages[0].mediabox]
    assert box[3] - box[1] > image_height + FULL_HEIGHT
    with_margin = digitise([_page(gray(text_page()))], info, tmp_path / "u.pdf", options=NO_OCR)
    assert with_margin.marked
    with pikepdf.open(tmp_path / "u.pdf") as pdf:
        assert float(pdf.pages[0].mediabox[3]) == pytest.approx(image_height, abs=1)


def test_placement_keeps_the_mark_clear_of_the_content() -> None:
    roomy, tight = PageSpace(595, 842, 90), PageSpace(595, 842, 5)
    placed = place_marks([roomy, tight, roomy], signed=True)
    assert placed[0].added_bottom == 0 and placed[0].box.y1 < roomy.free_bottom
    assert placed[1].added_bottom > 0
    assert placed[1].box.y1 < placed[1].added_bottom + tight.free_bottom
    assert placed[0].signature_box is not None and placed[1].signature_box is None
    assert placed[0].qr_box is not None and placed[0].qr_box.x1 < placed[0].text_box.x0
    assert placed[0].text_box.x1 < placed[0].signature_box.x0
    unsigned = place_marks([roomy], signed=False)[0]
    assert unsigned.signature_box is None and unsigned.text_box.x1 == unsigned.box.x1


def test_the_mark_can_be_left_out(tmp_path: Path, info: ComponentInfo) -> None:
    out = tmp_path / "n.pdf"
    result = digitise(
        [_page(gray(text_page()))], info, out, options=DigitiseOptions(ocr=False, mark=False)
    )
    assert not result.marked
    assert "CHUYỂN ĐỔI" not in _text(out)
