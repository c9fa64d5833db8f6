"""Mixed raster pages: a G4 text mask over a small background, only where it stays legible."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pikepdf
import pytest

from hardware.imaging import mixed_raster
from hardware.scanner.interface import ColorMode, ScannedPage
from reception.digitising import ocr
from reception.digitising.model import ComponentInfo, ComponentMode, DigitiseOptions
from reception.digitising.pdfa import inspect_pdf, read_scanned_pdf
from reception.digitising.pipeline import digitise
from reception.digitising.processing import Encoding, PageKind, process_page
from tests.generators.pages import gray, text_page

NO_OCR = DigitiseOptions(ocr=False)


def _page(image: npt.NDArray[np.uint8], dpi: int = 200) -> ScannedPage:
    mode = ColorMode.GRAY if image.ndim == 2 else ColorMode.COLOR
    return ScannedPage(image=image, dpi=dpi, mode=mode)


def _a4(seal: bool = False) -> npt.NDArray[np.uint8]:
    lines = tuple(f"Dòng {n}: Ủy ban nhân dân phường Thử Nghiệm xác nhận" for n in range(30))
    return text_page(lines=lines, dpi=200, size_mm=(210, 297), seal=seal)


def test_a_text_page_is_stored_as_a_mask_over_a_small_background(
    tmp_path: Path, info: ComponentInfo
) -> None:
    out = tmp_path / "m.pdf"
    mixed = digitise([_page(gray(_a4()))], info, out, options=NO_OCR)
    plain = digitise(
        [_page(gray(_a4()))],
        info,
        tmp_path / "p.pdf",
        options=DigitiseOptions(ocr=False, mixed_raster=False),
    )
    assert mixed.page_encodings == ("mixed",) and plain.page_encodings == ("jpeg",)
    assert mixed.bytes < plain.bytes / 2
    report = inspect_pdf(out.read_bytes())
    assert report.pdfa_part == "2B" and report.problems == ()
    with pikepdf.open(out) as pdf:
        xobjects = pdf.pages[0].Resources.XObject.values()
        images = [x for x in xobjects if x.get("/Subtype") == pikepdf.Name.Image]
        masks = [i for i in images if bool(i.get("/ImageMask", False))]
        backgrounds = [i for i in images if not bool(i.get("/ImageMask", False))]
        assert len(masks) == 1 and len(backgrounds) == 1
        assert "/DCTDecode" in str(backgrounds[0].Filter)
        assert "/CCITTFaxDecode" in str(masks[0].Filter)
        # The mask is finer than the scan, the background coarser.
        assert int(masks[0].Width) > 1654 > int(backgrounds[0].Width)
        # Opaque painting only: no soft mask, no transparency group.
        assert all("/SMask" not in i for i in images)
        assert "/Group" not in pdf.pages[0].obj


def test_a_red_seal_stays_in_colour_in_the_background(info: ComponentInfo) -> None:
    page = process_page(_page(_a4(seal=True)), PageKind.COLOR, NO_OCR)
    assert page.encoding is Encoding.MIXED and page.kind is PageKind.COLOR
    layers = mixed_raster.separate(_a4(seal=True), 200)
    assert layers is not None and layers.background.ndim == 3
    # The seal's red is in the background, not painted by the (dark, grey) ink mask.
    red = layers.background[:, :, 2].astype(int) - layers.background[:, :, 1]
    assert int(red.max()) > 100
    assert max(layers.ink) - min(layers.ink) < 40


def test_a_page_with_a_photograph_is_not_split() -> None:
    photo = gray(_a4())
    ramp = np.linspace(60, 200, 900, dtype=np.float32)
    photo[1200:2100, 300:1200] = (ramp[:, None] * np.ones((1, 900))).astype(np.uint8)
    assert mixed_raster.separate(photo, 200) is None
    page = process_page(_page(photo), PageKind.GRAY, NO_OCR)
    assert page.encoding is Encoding.JPEG


def test_bilevel_mode_is_unchanged(tmp_path: Path, info: ComponentInfo) -> None:
    result = digitise(
        [_page(gray(_a4()))],
        info,
        tmp_path / "b.pdf",
        options=DigitiseOptions(mode=ComponentMode.BW, ocr=False),
    )
    assert result.page_encodings == ("g4",)


@pytest.mark.usefixtures("needs_ocr")
def test_the_stored_mixed_page_reads_as_well_as_the_scan(info: ComponentInfo) -> None:
    scan = gray(_a4())
    page = process_page(_page(scan), PageKind.GRAY, DigitiseOptions())
    assert page.encoding is Encoding.MIXED
    stored = ocr.recognise_text(page.pixels, 200, "vie").split()
    original = ocr.recognise_text(scan, 200, "vie").split()
    assert stored == original


def test_a_mixed_page_reads_back_as_one_image_with_its_text(
    tmp_path: Path, info: ComponentInfo
) -> None:
    out = tmp_path / "m.pdf"
    digitise([_page(gray(_a4()))], info, out, options=NO_OCR)
    (page,) = read_scanned_pdf(out)  # a kept copy previewed, or dropped in again
    assert page.dpi == 300 and page.pixels.shape[1] == 2481
    assert int(page.pixels.min()) < 80  # the text is there, not only the background
    assert float(np.mean(page.pixels < 128)) > 0.005
