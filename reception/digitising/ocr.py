"""Tesseract OCR through its command line: text layers, plain text, page orientation.

The command line (not a binding) keeps a tesseract crash in its own process and needs only
the Debian packages ``tesseract-ocr`` and ``tesseract-ocr-vie``. Every function degrades to
"no OCR" rather than failing the component: a PDF without a text layer is still a record.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PIL import Image

log = logging.getLogger(__name__)

Pixels = npt.NDArray[np.uint8]
#: A page should take seconds; a hung tesseract must not hold the component forever.
TIMEOUT_SECONDS = 120
_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)
_CONFIDENCE = re.compile(r"^Orientation confidence:\s*([\d.]+)", re.MULTILINE)


def _environment() -> dict[str, str]:
    # One thread per tesseract: OpenMP's threads fight the page workers for two cores.
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


@functools.cache
def available_languages() -> frozenset[str]:
    """The installed tesseract languages (empty when tesseract is missing)."""
    exe = shutil.which("tesseract")
    if exe is None:
        return frozenset()
    try:
        done = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in done.stdout.splitlines()[1:] if line.strip())


def ocr_available(languages: str) -> bool:
    """Whether tesseract and every language of ``languages`` (``vie+eng``) are installed."""
    wanted = set(languages.split("+"))
    return bool(wanted) and wanted <= available_languages()


def _run(
    args: list[str], image: Pixels, dpi: int, workdir: Path
) -> subprocess.CompletedProcess[str]:
    source = workdir / "page.png"
    Image.fromarray(image).save(source, dpi=(dpi, dpi))
    exe = shutil.which("tesseract") or "tesseract"
    return subprocess.run(
        [exe, str(source), *args, "--dpi", str(dpi)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        env=_environment(),
        cwd=workdir,
        check=False,
    )


def text_layer_pdf(image: Pixels, dpi: int, languages: str) -> bytes | None:
    """A one-page PDF holding only invisible text, sized like ``image`` at ``dpi``.

    Laid over the image page it makes the PDF searchable. None when OCR fails.
    """
    with tempfile.TemporaryDirectory(prefix="reception-ocr-") as tmp:
        workdir = Path(tmp)
        try:
            done = _run(
                ["out", "-l", languages, "-c", "textonly_pdf=1", "pdf"], image, dpi, workdir
            )
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("OCR failed to run: %s", type(exc).__name__)
            return None
        result = workdir / "out.pdf"
        if done.returncode != 0 or not result.exists():
            log.warning("OCR failed with exit status %d", done.returncode)
            return None
        return result.read_bytes()


#: A word tesseract is less sure of than this (0-100) counts as doubtful. Measured on the
#: benchmark pages: correctly read words of a clean scan stay above ~66, a misread
#: diacritic fell to ~69 on a mask at scan resolution, noise specks read as words near 25.
LEGIBLE_CONFIDENCE = 60.0


@dataclass(frozen=True, slots=True)
class PageReading:
    """One OCR run over a page: its invisible text layer and each word's confidence."""

    text_layer: bytes | None  # None when OCR failed
    confidences: tuple[float, ...]
    upright_words: int = 0  # words of 3 letters or more whose box is wider than tall
    long_words: int = 0  # words of 3 letters or more

    @property
    def doubtful_words(self) -> int:
        return sum(1 for c in self.confidences if c < LEGIBLE_CONFIDENCE)

    @property
    def mean_confidence(self) -> float:
        return sum(self.confidences) / len(self.confidences) if self.confidences else 0.0

    @property
    def looks_unreadable(self) -> bool:
        """Little or no confident text, or text running up the page: it may be sideways
        or upside down (tesseract reads a page turned a quarter as vertical lines).

        Measured: upright pages read at a mean confidence of 95-97, upside-down ones at
        40-52; sideways ones as well as upright, but with words taller than wide.
        """
        if len(self.confidences) < 3 or self.mean_confidence < 70:
            return True
        return self.long_words > 0 and self.upright_words * 2 < self.long_words


def _reading(layer: bytes | None, tsv: str) -> PageReading:
    confidences: list[float] = []
    upright = long_words = 0
    for line in tsv.splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) != 12 or not cells[11].strip():
            continue
        try:
            width, height, confidence = int(cells[8]), int(cells[9]), float(cells[10])
        except ValueError:
            continue
        if confidence < 0:
            continue
        confidences.append(confidence)
        if len(cells[11].strip()) >= 3:
            long_words += 1
            upright += width > height
    return PageReading(layer, tuple(confidences), upright, long_words)


def read_page(image: Pixels, dpi: int, languages: str) -> PageReading:
    """One tesseract run giving both the text layer (as :func:`text_layer_pdf`) and the
    words' confidences, which say whether the page was legible to it.

    Settings chosen by measurement (benchmark pages, stored form, 2-core machine): the
    default automatic layout (psm 3) at the page's own 200 dpi read 99.92 % of characters
    in 1.02 s a page; psm 6 (one uniform block) was 7 % faster at the same accuracy but
    reads multi-column forms and tables as one block, so it is not used; the page reduced
    to 150 dpi saved 12 % and lost accuracy (99.80 %). Debian's Vietnamese model is
    already the fast integer LSTM one (tessdata_fast), the only one installed.
    """
    with tempfile.TemporaryDirectory(prefix="reception-ocr-") as tmp:
        workdir = Path(tmp)
        try:
            done = _run(
                ["out", "-l", languages, "-c", "textonly_pdf=1", "pdf", "tsv"],
                image,
                dpi,
                workdir,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("OCR failed to run: %s", type(exc).__name__)
            return PageReading(None, ())
        layer, table = workdir / "out.pdf", workdir / "out.tsv"
        if done.returncode != 0 or not layer.exists():
            log.warning("OCR failed with exit status %d", done.returncode)
            return PageReading(None, ())
        tsv = table.read_text(encoding="utf-8", errors="replace") if table.exists() else ""
        return _reading(layer.read_bytes(), tsv)


def recognise_text(image: Pixels, dpi: int, languages: str) -> str:
    """The page's text (for measuring legibility); empty when OCR fails."""
    with tempfile.TemporaryDirectory(prefix="reception-ocr-") as tmp:
        try:
            done = _run(["stdout", "-l", languages], image, dpi, Path(tmp))
        except (OSError, subprocess.SubprocessError):
            return ""
    return done.stdout if done.returncode == 0 else ""


def upright_turns(image: Pixels, dpi: int, min_confidence: float = 2.0) -> int:
    """Clockwise quarter turns that make the page upright (0 when unsure or no text).

    Tesseract's orientation detection is given at most 200 dpi: finer scans only slow it,
    while at 100 dpi its confidence on 12 pt text collapses.
    """
    if "osd" not in available_languages():
        return 0
    factor = max(1, dpi // 200)
    small = image[::factor, ::factor]
    with tempfile.TemporaryDirectory(prefix="reception-osd-") as tmp:
        try:
            done = _run(["stdout", "--psm", "0"], small, dpi // factor, Path(tmp))
        except (OSError, subprocess.SubprocessError):
            return 0
    rotate = _ROTATE.search(done.stdout)
    confidence = _CONFIDENCE.search(done.stdout)
    if done.returncode != 0 or rotate is None or confidence is None:
        return 0  # too little text to tell: leave the page as it came
    if float(confidence.group(1)) < min_confidence:
        return 0
    return (int(rotate.group(1)) // 90) % 4
