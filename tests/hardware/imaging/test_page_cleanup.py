"""Page cleanup on synthetic pages: skew, blank sheets, borders, lighting, colour."""

from __future__ import annotations

import numpy as np
import pytest

from hardware.imaging import page_cleanup
from tests.generators.pages import blank_page, gray, text_page


@pytest.mark.parametrize("angle", [-3.5, -1.0, 0.0, 2.2, 4.0])
def test_skew_angle_finds_the_rotation_that_levels_the_text(angle: float) -> None:
    skewed = page_cleanup.rotate(gray(text_page()), -angle)
    assert page_cleanup.skew_angle(skewed) == pytest.approx(angle, abs=0.3)


def test_a_page_without_ink_has_no_skew() -> None:
    assert page_cleanup.skew_angle(blank_page()) == 0.0


def test_blank_sheets_with_grain_and_dust_are_blank_and_text_pages_are_not() -> None:
    assert page_cleanup.is_blank(blank_page())
    assert not page_cleanup.is_blank(gray(text_page()))
    sparse = gray(text_page(lines=("Trang 2",)))
    assert not page_cleanup.is_blank(sparse)


def test_much_dust_does_not_make_a_blank_sheet_a_page() -> None:
    rng = np.random.default_rng(1)
    sheet = blank_page()
    for _ in range(60):
        y, x = rng.integers(20, sheet.shape[0] - 20), rng.integers(20, sheet.shape[1] - 20)
        sheet[y : y + 3, x : x + 3] = 60
    assert page_cleanup.is_blank(sheet)


def test_crop_removes_the_dark_scanner_bed_around_the_sheet() -> None:
    sheet = gray(text_page())
    bed = np.full((sheet.shape[0] + 120, sheet.shape[1] + 90), 30, np.uint8)
    bed[40 : 40 + sheet.shape[0], 50 : 50 + sheet.shape[1]] = sheet
    cropped = page_cleanup.crop_to_page(bed)
    assert abs(cropped.shape[0] - sheet.shape[0]) <= 6
    assert abs(cropped.shape[1] - sheet.shape[1]) <= 6
    assert page_cleanup.crop_to_page(sheet) is sheet


def test_flattening_evens_out_a_shadow_across_the_paper() -> None:
    sheet = gray(text_page()).astype(np.float32)
    shadow = np.linspace(0.5, 1.0, sheet.shape[1], dtype=np.float32)[None, :]
    shaded = (sheet * shadow).astype(np.uint8)
    flat = page_cleanup.flatten_lighting(shaded)
    left, right = flat[:, :40], flat[:, -40:]
    assert abs(float(np.median(left)) - float(np.median(right))) < 8
    assert float(np.median(flat)) > 240


def test_colourfulness_sees_a_red_seal_and_not_black_text() -> None:
    assert page_cleanup.colourfulness(text_page()) < 0.001
    assert page_cleanup.colourfulness(text_page(seal=True)) > 0.005
    assert page_cleanup.colourfulness(gray(text_page())) == 0.0


def test_resample_and_quarter_turns_keep_the_page_proportions() -> None:
    sheet = gray(text_page(dpi=100))
    doubled = page_cleanup.resample(sheet, 100, 200)
    assert doubled.shape == (sheet.shape[0] * 2, sheet.shape[1] * 2)
    turned = page_cleanup.rotate_quarter_turns(sheet, 1)
    assert turned.shape == sheet.shape[::-1]
    assert np.array_equal(page_cleanup.rotate_quarter_turns(turned, -1), sheet)


def test_binarize_keeps_text_black_and_paper_white() -> None:
    bilevel = page_cleanup.binarize(gray(text_page()))
    assert set(np.unique(bilevel)) <= {0, 255}
    assert 0.005 < float(np.mean(bilevel == 0)) < 0.2
