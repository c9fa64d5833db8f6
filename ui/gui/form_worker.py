"""Renders, exports and prints forms on its own thread; talks to widgets through signals.

Rendering (reportlab), rasterising (PDFium), writing a file and painting a printout all
block for tens of milliseconds or more, so none of them runs on the GUI thread. QPainter
may paint on a QPrinter outside the GUI thread; the print dialog itself stays on it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRect, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from reception.dossiers.store import Dossier
from reception.errors import ReceptionError
from reception.forms import FormKind
from reception.workstation.config import UnitConfig
from ui.gui.pdf_raster import render_pages

log = logging.getLogger(__name__)

PREVIEW_DPI = 90  # an A4 page 744 px wide: the dialog's width, text still legible
# Printers get the page at their own resolution, capped: 300 dpi is sharp for text and
# keeps a page image near 26 MB instead of 100 MB at 600 dpi.
MAX_PRINT_DPI = 300
RENDERED_KEPT = 8


class FormWorker(QObject):
    """Turns a dossier into the PDF of a form, its preview, a file or a printout."""

    rendered = Signal(str, str, object, list)  # dossier code, form kind, PDF bytes, [QImage]
    exported = Signal(str)  # the path written
    printed = Signal(int)  # pages sent to the printer
    failed = Signal(str, str)  # error code, English detail
    # Dossier code, the applicant's ID number, form kind, "printer" or "pdf": a form of
    # personal data left the app (for the processing log).
    delivered = Signal(str, str, str, str)

    def __init__(
        self,
        unit: UnitConfig,
        *,
        wording_dir: Path | None = None,
        deciding_agency: Callable[[Dossier], str] | None = None,
    ) -> None:
        super().__init__()
        self._unit = unit
        # As `reception receipt`: the administrator's corrected wording, and the agency
        # that decides the procedure (the control sheet names it).
        self._wording_dir = wording_dir
        self._deciding_agency = deciding_agency
        # The PDFs rendered last, by identity, with whose form each is (a few at most).
        self._rendered: dict[int, tuple[bytes, str, str, str]] = {}

    @Slot(object, str)
    def render(self, dossier: Dossier, kind: str) -> None:
        """Render form ``kind`` (a :class:`FormKind` value) of ``dossier`` and its preview pages."""
        # reportlab and the fonts load on first use, on this thread.
        from reception.forms.render import render_form

        try:
            agency = self._deciding_agency(dossier) if self._deciding_agency else ""
            pdf = render_form(
                FormKind(kind),
                dossier,
                self._unit,
                wording_dir=self._wording_dir,
                deciding_agency=agency,
            )
            pages = render_pages(pdf, PREVIEW_DPI)
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        self._rendered[id(pdf)] = (pdf, dossier.code, dossier.applicant.identity.id_number, kind)
        while len(self._rendered) > RENDERED_KEPT:
            del self._rendered[next(iter(self._rendered))]
        self.rendered.emit(dossier.code, kind, pdf, pages)

    @Slot(object, str)
    def export(self, pdf: bytes, path: str) -> None:
        """Write ``pdf`` to ``path`` (through a temporary file and a rename)."""
        from reception.forms.render import write_pdf

        try:
            write_pdf(Path(path), pdf)
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        log.info("form exported")  # no path: it may carry the citizen's name
        self._delivered(pdf, "pdf")
        self.exported.emit(path)

    @Slot(object, object)
    def print_pdf(self, pdf: bytes, printer: QPrinter) -> None:
        """Paint every page of ``pdf`` on ``printer``, scaled to its printable area."""
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        try:
            pages = render_pages(pdf, dpi)
        except ReceptionError as exc:
            self.failed.emit(exc.code, str(exc))
            return
        painter = QPainter()
        if not painter.begin(printer):
            self.failed.emit("print_failed", "the printer cannot be opened")
            return
        try:
            for index, page in enumerate(pages):
                if index:
                    printer.newPage()
                _paint_fitted(painter, page)
        finally:
            painter.end()
        count = len(pages)
        self._delivered(pdf, "printer")
        self.printed.emit(count)

    def _delivered(self, pdf: bytes, how: str) -> None:
        known = self._rendered.get(id(pdf))
        if known is not None and known[0] is pdf:
            _, code, id_number, kind = known
            self.delivered.emit(code, id_number, kind, how)


def _paint_fitted(painter: QPainter, image: QImage) -> None:
    """Draw ``image`` as large as the page allows, keeping its proportions, centred."""
    area = painter.viewport()
    scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    x = area.x() + (area.width() - scaled.width()) // 2
    y = area.y() + (area.height() - scaled.height()) // 2
    painter.drawImage(QRect(x, y, scaled.width(), scaled.height()), image)
