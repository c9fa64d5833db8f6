"""One page from scan to stored form with its text layer: the unit of parallel work.

Pages are independent, so a component's pages run side by side on the cores available
(:func:`finish_pages`): each worker cleans its page, then hands it to tesseract — a process
of its own — so one page is read while the next is cleaned. Threads are enough: the
cleaning is OpenCV and numpy, which release the interpreter lock, and the OCR is another
process; a process pool would add its start-up and the copying of every page for nothing.

The text is read once, from the page as it will be stored. Orientation detection, a second
tesseract run as long as the reading itself, is spent only on a page that read badly; a
mixed raster page with a doubtful word is read again continuous-tone, and stored so when
that reads better: mixed raster content is kept only where it is as legible.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from hardware.imaging import page_cleanup
from hardware.scanner.interface import ScannedPage
from reception.digitising import ocr, processing
from reception.digitising.model import DigitiseOptions


@dataclass(frozen=True, slots=True)
class FinishedPage:
    """A page ready for the PDF and its text layer (None without OCR)."""

    page: processing.ProcessedPage
    text_layer: bytes | None


def _read(page: processing.ProcessedPage, options: DigitiseOptions) -> ocr.PageReading:
    return ocr.read_page(page.pixels, page.dpi, options.ocr_languages)


def finish_page(
    source: ScannedPage,
    kind: processing.PageKind,
    options: DigitiseOptions,
    use_ocr: bool,
    step_done: Callable[[str], None],
) -> FinishedPage:
    """Process and read one page; ``step_done(stage)`` after each of the two steps."""
    page = processing.process_page(source, kind, options)
    step_done("processing")
    if not use_ocr:
        return FinishedPage(page, None)
    reading = _read(page, options)
    if options.fix_orientation and reading.looks_unreadable:
        turns = ocr.upright_turns(page_cleanup.to_gray(page.pixels), page.dpi)
        if turns:
            page = processing.process_page(source, kind, options, lambda _g, _d: turns)
            reading = _read(page, options)
    alternative = page.alternative
    if alternative is not None and reading.doubtful_words > 0:
        plain = _read(alternative, options)
        if plain.text_layer is not None and plain.doubtful_words < reading.doubtful_words:
            page, reading = alternative, plain
    step_done("ocr")
    return FinishedPage(page, reading.text_layer)


def worker_count(pages: int) -> int:
    """As many workers as cores (tesseract is told to use one thread each), at most one per page."""
    return max(1, min(pages, os.cpu_count() or 1))


def finish_pages(
    sources: Sequence[ScannedPage],
    kind: processing.PageKind,
    options: DigitiseOptions,
    use_ocr: bool,
    step_done: Callable[[str], None],
) -> list[FinishedPage]:
    """Every page, in order, worked on in parallel; ``step_done`` is serialised."""
    lock = threading.Lock()

    def report(stage: str) -> None:
        with lock:
            step_done(stage)

    workers = worker_count(len(sources))
    if workers == 1:
        return [finish_page(s, kind, options, use_ocr, report) for s in sources]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="digitise") as pool:
        futures = [pool.submit(finish_page, s, kind, options, use_ocr, report) for s in sources]
        return [f.result() for f in futures]
