"""A component from pages to PDF/A: structure, metadata, text layer, modes, blank pages."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pikepdf
import pytest
from PIL import Image

from hardware.imaging import page_cleanup
from hardware.scanner.interface import ColorMode, ScannedPage
from reception.digitising.model import (
    ComponentInfo,
    ComponentMode,
    DigitiseError,
    DigitiseOptions,
    NoPagesError,
    PageEdit,
    component_file_name,
)
from reception.digitising.pdfa import inspect_pdf
from reception.digitising.pipeline import digitise, next_component_path
from tests.generators.pages import blank_page, gray, text_page

FIXED = datetime.fromisoformat("2026-11-29T09:30:00+07:00")
NO_OCR = DigitiseOptions(ocr=False)


def _page(image: npt.NDArray[np.uint8], dpi: int = 150) -> ScannedPage:
    mode = ColorMode.GRAY if image.ndim == 2 else ColorMode.COLOR
    return ScannedPage(image=image, dpi=dpi, mode=mode)


def _pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def test_file_names_follow_the_one_stop_practice(tmp_path: Path, info: ComponentInfo) -> None:
    assert component_file_name(info, 1) == "000.00.01.H49-261129-0007_TP2_1.pdf"
    (tmp_path / component_file_name(info, 1)).write_bytes(b"")
    assert next_component_path(tmp_path, info).name.endswith("_TP2_2.pdf")
    with pytest.raises(DigitiseError):
        ComponentInfo("../etc", "1.001193", "TP1", "x")


def test_a_component_is_a_pdfa_with_metadata_and_its_hash(
    tmp_path: Path, info: ComponentInfo
) -> None:
    pages = [_page(gray(text_page(lines=(f"Trang {n}", "Nội dung")))) for n in (1, 2, 3)]
    out = tmp_path / component_file_name(info, 1)
    continuous = DigitiseOptions(ocr=False, mixed_raster=False)
    result = digitise(pages, info, out, options=continuous, clock=lambda: FIXED)
    data = out.read_bytes()
    assert result.pages == 3 and result.bytes == len(data)
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert result.pdfa and not result.ocr
    report = inspect_pdf(data)
    assert report.pdfa_part == "2B" and report.has_output_intent and report.problems == ()
    assert report.pages == 3
    assert "MaHoSo=000.00.01.H49-261129-0007" in report.keywords
    assert "MaThanhPhanHoSo=TP2" in report.keywords and "SoTrang=3" in report.keywords
    assert report.creator == "QUAY-01 Lê Văn Thử"
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo["/Title"]).startswith("000.00.01.H49-261129-0007 TP2")
        assert pdf.open_metadata()["xmp:CreateDate"].startswith("2026-11-29T09:30:00")
        # Resolution normalised up to 200 dpi: an A6 page is 105 mm wide.
        image = next(iter(pdf.pages[0].get_images().values()))
        assert image.Width == round(105 / 25.4 * 200)
        assert pikepdf.PdfImage(image).filters == ["/DCTDecode"]
        assert float(pdf.pages[0].mediabox[2]) == pytest.approx(105 / 25.4 * 72, abs=1)


def test_blank_pages_are_dropped_and_an_all_blank_component_is_refused(
    tmp_path: Path, info: ComponentInfo
) -> None:
    pages = [_page(gray(text_page())), _page(blank_page()), _page(gray(text_page()))]
    result = digitise(pages, info, tmp_path / "a.pdf", options=NO_OCR)
    assert result.pages == 2 and result.blank_pages_removed == 1
    with pytest.raises(NoPagesError):
        digitise([_page(blank_page())], info, tmp_path / "b.pdf", options=NO_OCR)
    assert not (tmp_path / "b.pdf").exists()


def test_modes_colour_for_a_seal_grey_for_text_bilevel_as_g4(
    tmp_path: Path, info: ComponentInfo
) -> None:
    sealed = digitise([_page(text_page(seal=True))], info, tmp_path / "c.pdf", options=NO_OCR)
    assert sealed.page_modes == ("color",)
    plain = digitise([_page(text_page())], info, tmp_path / "g.pdf", options=NO_OCR)
    assert plain.page_modes == ("gray",)
    bw = digitise(
        [_page(gray(text_page()))],
        info,
        tmp_path / "b.pdf",
        options=DigitiseOptions(mode=ComponentMode.BW, ocr=False),
    )
    assert bw.page_modes == ("bw",) and bw.bytes < plain.bytes
    with pikepdf.open(tmp_path / "b.pdf") as pdf:
        image = next(iter(pdf.pages[0].get_images().values()))
        assert pikepdf.PdfImage(image).filters == ["/CCITTFaxDecode"]
        assert image.BitsPerComponent == 1


def test_a_photo_page_asked_in_bilevel_stays_grey(tmp_path: Path, info: ComponentInfo) -> None:
    photo = gray(text_page())
    # A photograph's smooth shading: a grey ramp over a large area of the page.
    ramp = np.linspace(60, 200, 400, dtype=np.float32)
    photo[300:700, 100:500] = (ramp[:, None] + ramp[None, :] * 0).astype(np.uint8)
    result = digitise(
        [_page(photo)],
        info,
        tmp_path / "p.pdf",
        options=DigitiseOptions(mode=ComponentMode.BW, ocr=False),
    )
    assert result.page_modes == ("gray",)


def test_a_good_jpeg_goes_into_the_pdf_unchanged(tmp_path: Path, info: ComponentInfo) -> None:
    buffer = io.BytesIO()
    Image.fromarray(gray(text_page(dpi=200))).save(buffer, format="JPEG", quality=70)
    page = ScannedPage(
        image=gray(text_page(dpi=200)), dpi=200, mode=ColorMode.GRAY, jpeg=buffer.getvalue()
    )
    digitise([page], info, tmp_path / "j.pdf", options=NO_OCR)
    with pikepdf.open(tmp_path / "j.pdf") as pdf:
        image = next(iter(pdf.pages[0].get_images().values()))
        assert image.read_raw_bytes() == buffer.getvalue()


def test_skew_and_the_clerks_rotation_are_corrected(tmp_path: Path, info: ComponentInfo) -> None:
    upright = gray(text_page())
    skewed = page_cleanup.rotate(upright, 3.0)
    sideways = page_cleanup.rotate_quarter_turns(upright, -1)
    pages = [(_page(skewed), PageEdit()), (_page(sideways), PageEdit(quarter_turns=1))]
    result = digitise(pages, info, tmp_path / "r.pdf", options=NO_OCR)
    assert result.pages == 2
    with pikepdf.open(tmp_path / "r.pdf") as pdf:
        for page in pdf.pages:
            assert float(page.mediabox[3]) > float(page.mediabox[2])  # portrait


def test_progress_runs_from_zero_to_total(tmp_path: Path, info: ComponentInfo) -> None:
    seen: list[tuple[int, int, str]] = []
    digitise(
        [_page(gray(text_page()))] * 2,
        info,
        tmp_path / "p.pdf",
        options=NO_OCR,
        progress=lambda done, total, stage: seen.append((done, total, stage)),
    )
    assert seen[0][0] == 0 and seen[-1] == (3, 3, "done")
    assert [s[0] for s in seen] == sorted(s[0] for s in seen)


def test_an_unwritable_destination_is_a_typed_error(tmp_path: Path, info: ComponentInfo) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DigitiseError):
        digitise([_page(gray(text_page()))], info, blocker / "x.pdf", options=NO_OCR)


@pytest.mark.usefixtures("needs_ocr")
def test_ocr_makes_the_pdf_searchable_in_vietnamese_and_fixes_orientation(
    tmp_path: Path, info: ComponentInfo
) -> None:
    upside_down = page_cleanup.rotate_quarter_turns(gray(text_page(dpi=200)), 2)
    out = tmp_path / "o.pdf"
    result = digitise([_page(upside_down, dpi=200)], info, out)
    assert result.ocr and result.pdfa
    assert inspect_pdf(out.read_bytes()).has_text_layer
    text = _pdftotext(out)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập" in text
