"""Digitising: time per page against plain tesseract, kilobytes per A4 page by mode, OCR
accuracy kept, signing time.

The pages are generated: A4 at 200 dpi, 12 pt Vietnamese text in Tinos, scanned the way
a cheap flatbed scans (greyish paper, sensor noise, a slight blur, 1.2° of skew). OCR
accuracy is character accuracy (1 - edit distance / length of the true text) of tesseract
on the unprocessed scan and on the page as stored in the PDF (its JPEG, G4 or mixed
raster layers, as OCR reads them). The pipeline's time per page (cleaning, OCR, PDF/A,
mark; pages in parallel) is compared with ``tesseract IMAGE - -l vie`` on the same
images, one after the other, in the same run.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from benchmarks.harness import Measure
from hardware.errors import HardwareError
from hardware.imaging import page_cleanup
from hardware.scanner.interface import ColorMode, ScannedPage
from hardware.signing.simulated_token import create_simulated_token
from reception.digitising import ocr
from reception.digitising.mark import Rect
from reception.digitising.model import ComponentInfo, ComponentMode, DigitiseOptions
from reception.digitising.pipeline import digitise
from reception.digitising.processing import Encoding, PageKind, process_page
from reception.digitising.signing import SigningService, SigningSettings
from reception.workstation.paths import resources_dir

DPI = 200
PAGES = 3
TEXT = (
    "Căn cứ Luật Hộ tịch ngày 20 tháng 11 năm 2014 và các văn bản hướng dẫn thi hành,",
    "Ủy ban nhân dân phường Thử Nghiệm xác nhận ông Nguyễn Văn Mẫu, sinh ngày",
    "05 tháng 3 năm 1985, thường trú tại số 12 ngõ 34 đường Giả Định, đã nộp đủ",
    "các giấy tờ theo quy định để đăng ký khai sinh cho con là Nguyễn Thị Ví Dụ,",
    "sinh ngày 17 tháng 8 năm 2026 tại Bệnh viện Phụ sản Trung ương Thử Nghiệm.",
    "Người đi đăng ký cam đoan những nội dung khai trên đây là đúng sự thật và chịu",
    "trách nhiệm trước pháp luật về lời khai của mình. Hồ sơ gồm tờ khai, giấy",
    "chứng sinh, giấy tờ tùy thân của người yêu cầu và văn bản ủy quyền nếu có.",
)
INFO = ComponentInfo("000.00.01.H49-261129-0001", "1.001193", "TP1", "bench")


def _truth(page: int) -> str:
    lines = [f"Trang {page}: giấy xác nhận thử nghiệm số {page:03d}/2026", *TEXT, *TEXT]
    return "\n".join(lines)


def _scan(page: int, colour_seal: bool = False, hard: bool = False) -> tuple[ScannedPage, str]:
    """A scanned page; ``hard``: 10 pt type on darker paper, more noise and blur."""
    width, height = round(210 / 25.4 * DPI), round(297 / 25.4 * DPI)
    paper = (212, 210, 205) if hard else (232, 230, 226)
    sheet = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(sheet)
    size = 28 if hard else 33  # 10 pt / 12 pt at 200 dpi
    font = ImageFont.truetype(str(resources_dir() / "fonts" / "Tinos-Regular.ttf"), size)
    y = 180
    truth = _truth(page)
    for line in truth.split("\n"):
        draw.text((150, y), line, fill=(45, 45, 45) if hard else (30, 30, 30), font=font)
        y += round(size * 1.6)
    if colour_seal:
        draw.ellipse((1150, 1900, 1450, 2200), outline=(200, 30, 30), width=8)
        draw.text((1200, 2030), "ỦY BAN", fill=(200, 30, 30), font=font)
    sheet = sheet.rotate(1.2, resample=Image.Resampling.BILINEAR, fillcolor=paper)
    sheet = sheet.filter(ImageFilter.GaussianBlur(0.9 if hard else 0.6))
    rgb = np.asarray(sheet, dtype=np.float32)
    noisy = rgb + np.random.default_rng(page).normal(0, 9 if hard else 4, rgb.shape)
    bgr = np.clip(noisy, 0, 255).astype(np.uint8)[:, :, ::-1].copy()
    if colour_seal:
        return ScannedPage(image=bgr, dpi=DPI, mode=ColorMode.COLOR), truth
    return ScannedPage(image=page_cleanup.to_gray(bgr), dpi=DPI, mode=ColorMode.GRAY), truth


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
        previous = current
    return previous[-1]


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _accuracy(image: np.ndarray, truth: str) -> float:
    found = _normalised(ocr.recognise_text(image, DPI, "vie"))
    expected = _normalised(truth)
    return max(0.0, 1 - _edit_distance(found, expected) / len(expected)) * 100


def _stored_pixels(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image.convert("L"), dtype=np.uint8)


def run(measure: Measure) -> None:
    grey_pages = [_scan(n) for n in range(1, PAGES + 1)]
    hard_pages = [_scan(n, hard=True) for n in range(1, PAGES + 1)]
    options = DigitiseOptions(ocr=False)

    start = time.perf_counter()
    for page, _ in grey_pages:
        process_page(page, PageKind.GRAY, options)
    elapsed = time.perf_counter() - start
    measure.record("digitise", "pages/s, processing (grey, no OCR)", PAGES / elapsed, "p/s")

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for mode, pages in (
            (ComponentMode.GRAY, grey_pages),
            (ComponentMode.BW, grey_pages),
            (ComponentMode.COLOR, [_scan(n, colour_seal=True) for n in range(1, PAGES + 1)]),
        ):
            result = digitise(
                [p for p, _ in pages],
                INFO,
                out / f"{mode}.pdf",
                options=DigitiseOptions(mode=mode, ocr=False),
            )
            measure.record(
                "digitise", f"KB per A4 page, {mode} 200 dpi", result.bytes / PAGES / 1024, "KB"
            )
            plain = digitise(
                [p for p, _ in pages],
                INFO,
                out / f"{mode}-plain.pdf",
                options=DigitiseOptions(mode=mode, ocr=False, mixed_raster=False),
            )
            if plain.page_encodings != result.page_encodings:
                measure.record(
                    "digitise",
                    f"KB per A4 page, {mode} 200 dpi, continuous-tone",
                    plain.bytes / PAGES / 1024,
                    "KB",
                )
        if not ocr.ocr_available("vie"):
            print("tesseract-ocr-vie missing: OCR figures skipped")
            return
        _pipeline_against_tesseract(measure, out, grey_pages)
        _signing(measure, out, grey_pages)

    for label, pages in (("12 pt", grey_pages), ("10 pt, poor scan", hard_pages)):
        _accuracy_kept(measure, label, pages)


def _pipeline_against_tesseract(
    measure: Measure, out: Path, pages: list[tuple[ScannedPage, str]]
) -> None:
    images = []
    for number, (page, _) in enumerate(pages, start=1):
        path = out / f"scan-{number}.png"
        Image.fromarray(page.image).save(path, dpi=(DPI, DPI))
        images.append(path)
    exe = shutil.which("tesseract") or "tesseract"
    start = time.perf_counter()
    for path in images:
        subprocess.run([exe, str(path), "-", "-l", "vie"], capture_output=True, check=True)
    plain = (time.perf_counter() - start) / len(images)
    baseline = "s per grey page, plain tesseract -l vie (baseline)"
    measure.record("digitise", baseline, plain, "s")
    start = time.perf_counter()
    result = digitise([p for p, _ in pages], INFO, out / "ocr.pdf")
    elapsed = (time.perf_counter() - start) / len(pages)
    measure.record(
        "digitise", "s per grey page, whole pipeline with OCR", elapsed, "s", baseline=baseline
    )
    measure.record(
        "digitise", "KB per A4 page, gray with text layer", result.bytes / len(pages) / 1024, "KB"
    )
    colour = [_scan(n, colour_seal=True)[0] for n in range(1, PAGES + 1)]
    sealed = digitise(colour, INFO, out / "seal.pdf")
    measure.record(
        "digitise",
        "KB per A4 page, colour with red seal and text layer",
        sealed.bytes / len(colour) / 1024,
        "KB",
    )


def _signing(measure: Measure, out: Path, pages: list[tuple[ScannedPage, str]]) -> None:
    try:
        token = create_simulated_token(out / "token")
    except HardwareError as exc:
        print(f"signing figures skipped: {exc}")
        return
    service = SigningService(SigningSettings(token.module, token.token_label, token.key_label))
    service.unlock(token.pin)
    options = DigitiseOptions(ocr=False)
    unsigned = digitise([p for p, _ in pages], INFO, out / "unsigned.pdf", options=options)
    data = unsigned.path.read_bytes()
    box = Rect(400, 8, 570, 58)
    timings = []
    for _ in range(5):
        timings.append(service.sign(data, box).milliseconds)
    measure.record(
        "digitise", "ms to sign a component (SoftHSM2 token)", float(np.median(timings)), "ms"
    )


def _accuracy_kept(measure: Measure, label: str, pages: list[tuple[ScannedPage, str]]) -> None:
    options = DigitiseOptions(ocr=False)
    stored = [process_page(p, PageKind.GRAY, options) for p, _ in pages]
    before = [_accuracy(p.image, truth) for p, truth in pages]
    after = [
        _accuracy(_stored_pixels(done.alternative.data if done.alternative else done.data), truth)
        for done, (_, truth) in zip(stored, pages, strict=True)
    ]
    mixed = [
        _accuracy(done.pixels, truth)
        for done, (_, truth) in zip(stored, pages, strict=True)
        if done.encoding is Encoding.MIXED
    ]
    baseline = f"OCR char accuracy {label}, unprocessed scan (baseline)"
    measure.record("digitise", baseline, float(np.mean(before)), "%")
    measure.record(
        "digitise",
        f"OCR char accuracy {label}, stored grey JPEG",
        float(np.mean(after)),
        "%",
        baseline=baseline,
    )
    if mixed:
        measure.record(
            "digitise",
            f"OCR char accuracy {label}, stored mixed raster ({len(mixed)} pages)",
            float(np.mean(mixed)),
            "%",
            baseline=baseline,
        )
        worst = min(m - b for m, b in zip(mixed, before, strict=False))
        measure.record(
            "digitise", f"OCR accuracy {label}, worst page mixed minus scan", worst, "pts"
        )
    measure.record(
        "digitise",
        f"KB per A4 page, gray {label} (image only)",
        float(np.mean([len(d.data) + len(d.mask or b"") for d in stored])) / 1024,
        "KB",
    )
