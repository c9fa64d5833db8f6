"""Pages to PDF without re-encoding: img2pdf embeds JPEG and CCITT G4 data as they are."""

from __future__ import annotations

import img2pdf

from reception.digitising.model import DigitiseError


def image_page_pdf(data: bytes, dpi: int) -> bytes:
    """A one-page PDF showing the JPEG or G4 TIFF ``data`` at ``dpi`` (page size follows).

    The resolution is imposed, not read from the file: phone JPEGs often claim 72 dpi.
    """
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    try:
        result = img2pdf.convert(data, layout_fun=layout)
    except (img2pdf.ImageOpenError, ValueError) as exc:
        raise DigitiseError(f"a page could not be placed in the PDF ({exc})") from exc
    if not isinstance(result, bytes):  # pragma: no cover - convert returns bytes without a stream
        raise DigitiseError("the PDF library returned no data")
    return result
