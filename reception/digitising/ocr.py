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
