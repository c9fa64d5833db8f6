"""One component from pages: process each page, OCR it, assemble a PDF/A, write, hash.

Blocks for seconds per page: run it on a worker thread; ``progress`` is called from there.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from hardware.imaging import page_cleanup
from hardware.scanner.interface import ScannedPage
from reception.digitising import ocr, page_work, pdf_images, pdfa, processing
from reception.digitising.mark import ConversionMark, MarkPlacement, PageSpace, place_marks
from reception.digitising.model import (
    ComponentInfo,
    DigitisedComponent,
    DigitiseError,
    DigitiseOptions,
    NoPagesError,
    PageEdit,
    ProgressSink,
    component_file_name,
    no_progress,
)
from reception.digitising.signing import SignedPdf, SigningService
from reception.forms.conversion_mark import render_mark_pages
from reception.storage.atomic_file import write_atomically
from reception.storage.document_vault import DocumentVault
from reception.workstation.timezone import now_in_vietnam

log = logging.getLogger(__name__)

#: A page as the clerk arranged it: the source page and what was done to it.
EditedPage = tuple[ScannedPage, PageEdit]


def next_component_path(folder: Path, info: ComponentInfo) -> Path:
    """``folder/<MaHoSo>_<MaThanhPhanHoSo>_<n>.pdf`` with the first unused ``n``."""
    number = 1
    while (folder / component_file_name(info, number)).exists():
        number += 1
    return folder / component_file_name(info, number)


def _write_atomically(path: Path, data: bytes, vault: DocumentVault | None) -> None:
    """Write then rename, with fsync: a power cut leaves the old file or the new, never half.
    Through ``vault`` (the documents folder) the file is kept sealed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if vault is not None:
            vault.write(path, data)
        else:
            write_atomically(path, data)
    except OSError as exc:
        raise DigitiseError(f"cannot write {path.name}: {exc.strerror}") from exc


def digitise(
    pages: Sequence[EditedPage | ScannedPage],
    info: ComponentInfo,
    out_path: Path,
    *,
    options: DigitiseOptions | None = None,
    progress: ProgressSink = no_progress,
    clock: Callable[[], datetime] = now_in_vietnam,
    signing: SigningService | None = None,
    vault: DocumentVault | None = None,
) -> DigitisedComponent:
    """Make ``out_path``, one PDF/A-2b for the component, from ``pages`` in order.

    Raises ``NoPagesError`` when nothing but blank pages remains and ``DigitiseError`` when
    the file cannot be written; OCR failing only leaves the PDF without a text layer.
    With ``signing`` (unlocked), the finished PDF/A is signed in the mark's signature box;
    a signing failure raises ``SigningError`` and writes nothing. With ``vault`` (the
    documents folder ``out_path`` is in) the file is kept sealed there; the hash and size
    are the PDF's.
    """
    options = options or DigitiseOptions()
    edited = [p if isinstance(p, tuple) else (p, PageEdit()) for p in pages]
    oriented = [processing.orient(page, edit) for page, edit in edited]
    kept = [p for p in oriented if not (options.remove_blank and processing.is_blank(p))]
    removed = len(oriented) - len(kept)
    if not kept:
        raise NoPagesError("every page is blank" if oriented else "no pages were given")
    use_ocr = options.ocr and ocr.ocr_available(options.ocr_languages)
    total = 2 * len(kept) + 1 if use_ocr else len(kept) + 1
    done = 0
    progress(done, total, "processing")

    kind = processing.choose_component_kind([p.image for p in kept], options.mode)

    def step_done(stage: str) -> None:
        nonlocal done
        done += 1
        progress(done, total, stage)

    finished = page_work.finish_pages(kept, kind, options, use_ocr, step_done)
    processed = [f.page for f in finished]
    layers = [f.text_layer for f in finished]

    created_at = clock()
    file_id = uuid.uuid4().hex
    page_pdfs = [_page_pdf(p) for p in processed]
    placements: list[MarkPlacement] = []
    marks: bytes | None = None
    if options.mark:
        placements = place_marks([_space(p) for p in processed], signed=signing is not None)
        mark = ConversionMark(
            unit_name=info.unit_name,
            operator=info.operator,
            converted_at=created_at,
            dossier_code=info.dossier_code,
            component_code=info.component_code,
            file_id=file_id,
        )
        marks = render_mark_pages(mark, placements)
    data = pdfa.assemble_pdfa(
        page_pdfs,
        layers,
        info,
        created_at,
        marks=marks,
        added_bottoms=[p.added_bottom for p in placements],
        file_id=file_id,
    )
    report = pdfa.inspect_pdf(data)
    signed: SignedPdf | None = None
    box = placements[0].signature_box if placements else None
    if signing is not None and box is not None:
        progress(total - 1, total, "signing")
        signed = signing.sign(data, box, location=info.unit_name)
        data = signed.data
    _write_atomically(out_path, data, vault)
    progress(total, total, "done")
    log.info(
        "digitised a component: %d pages (%d blank removed), %d bytes, OCR %s",
        len(processed),
        removed,
        len(data),
        "yes" if all(layer is not None for layer in layers) and use_ocr else "no",
    )
    return DigitisedComponent(
        path=out_path,
        info=info,
        pages=len(processed),
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        pdfa=report.pdfa_part == "2B" and not report.problems,
        ocr=use_ocr and all(layer is not None for layer in layers),
        created_at=created_at,
        blank_pages_removed=removed,
        page_modes=tuple(p.kind.value for p in processed),
        page_encodings=tuple(p.encoding.value for p in processed),
        file_id=file_id,
        marked=marks is not None,
        signed=signed is not None,
        signer=signed.signer if signed is not None else None,
    )


def _page_pdf(page: processing.ProcessedPage) -> bytes:
    if page.encoding is processing.Encoding.MIXED and page.mask is not None:
        background = pdf_images.image_page_pdf(page.data, page.background_dpi)
        mask = pdf_images.image_page_pdf(page.mask, page.mask_dpi)
        return pdfa.mixed_raster_page(background, mask, page.ink)
    return pdf_images.image_page_pdf(page.data, page.dpi)


def _space(page: processing.ProcessedPage) -> PageSpace:
    """The page's size and free bottom margin in points, as the PDF will show it."""
    height, width = page.pixels.shape[:2]
    free = page_cleanup.blank_bottom_rows(page.pixels)
    return PageSpace(width * 72 / page.dpi, height * 72 / page.dpi, free * 72 / page.dpi)
