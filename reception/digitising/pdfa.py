"""PDF structure work with pikepdf: assembling a PDF/A-2b component, reading scanned PDFs.

PDF/A-2b asks, for image-only pages with an invisible text layer: an sRGB output intent,
XMP metadata that declares the part and conformance and agrees with the document
information dictionary, a file identifier, no encryption, embedded fonts (tesseract's
glyph-less font is embedded) and no interpolation. :func:`inspect_pdf` checks those.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pikepdf
from PIL import Image, ImageCms

from hardware.imaging.encoding import DecodedImage, decode_image_bytes
from hardware.imaging.image_errors import ImageFileError
from hardware.imaging.limits import (
    MAX_IMAGE_FILE_BYTES,
    check_file_pixels,
    check_image_size,
    check_page_count,
)
from hardware.input_files import InputFileError, check_regular_file
from reception.digitising.model import ComponentInfo, DigitiseError

PRODUCER = "reception (img2pdf, pikepdf, tesseract)"
SRGB = "sRGB IEC61966-2.1"


@dataclass(frozen=True, slots=True)
class PdfReport:
    """What a component PDF claims and holds."""

    pages: int
    pdfa_part: str | None  # "2B" when the XMP declares PDF/A-2b
    has_text_layer: bool
    has_output_intent: bool
    title: str
    keywords: str
    creator: str
    problems: tuple[str, ...]  # PDF/A rules found broken; empty for a good file
    marked_pages: int = 0  # pages carrying the conversion mark


def mixed_raster_page(background_pdf: bytes, mask_pdf: bytes, ink: tuple[int, int, int]) -> bytes:
    """One page: the background image, then the text mask painted in ``ink`` over it.

    The mask becomes a stencil (``/ImageMask``): it paints the ink colour where its samples
    are black and leaves the background elsewhere. That is opaque painting, not
    transparency (no soft mask, no transparency group), as PDF/A-2b likes it.
    """
    try:
        with (
            pikepdf.open(io.BytesIO(background_pdf)) as pdf,
            pikepdf.open(io.BytesIO(mask_pdf)) as mask_source,
        ):
            page = pdf.pages[0]
            (mask_image,) = mask_source.pages[0].get_images().values()
            stencil = pdf.copy_foreign(mask_image)
            if "/ColorSpace" in stencil:
                del stencil["/ColorSpace"]
            stencil.ImageMask = True
            stencil.BitsPerComponent = 1
            page.Resources.XObject.Mrc0 = stencil
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            red, green, blue = (c / 255 for c in ink)
            paint = (
                f"q {red:.3f} {green:.3f} {blue:.3f} rg "
                f"{x1 - x0:.4f} 0 0 {y1 - y0:.4f} {x0:.4f} {y0:.4f} cm /Mrc0 Do Q\n"
            )
            page.contents_add(pdf.make_stream(paint.encode("ascii")))
            out = io.BytesIO()
            pdf.save(out)
            return out.getvalue()
    except (pikepdf.PdfError, ValueError) as exc:
        raise DigitiseError(f"a page could not be composed ({exc})") from exc


def qpdf_version() -> str:
    """The qpdf library pikepdf is built on (for ``reception self-test``)."""
    return str(pikepdf.__libqpdf_version__)


def _srgb_profile() -> bytes:
    profile: bytes = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return profile


def keywords_for(info: ComponentInfo, pages: int) -> str:
    """The searchable metadata line: official field names, then values."""
    return (
        f"MaHoSo={info.dossier_code}; MaTTHC={info.procedure_code}; "
        f"MaThanhPhanHoSo={info.component_code}; SoTrang={pages}"
    )


def assemble_pdfa(
    page_pdfs: list[bytes],
    text_layers: list[bytes | None],
    info: ComponentInfo,
    created_at: datetime,
    *,
    marks: bytes | None = None,
    added_bottoms: Sequence[float] = (),
    file_id: str = "",
) -> bytes:
    """One PDF/A-2b document of ``page_pdfs`` in order, each with its text layer laid over.

    ``marks`` (one page per page, already at the final size) is laid over last, after each
    page was made ``added_bottoms[i]`` points taller at the bottom where its margin was
    too small for the mark.
    """
    if not page_pdfs:
        raise DigitiseError("no pages to assemble")
    try:
        pdf = pikepdf.new()
        sources = [pikepdf.open(io.BytesIO(data)) for data in page_pdfs]
        mark_pdf = pikepdf.open(io.BytesIO(marks)) if marks is not None else None
        for index, (source, layer) in enumerate(zip(sources, text_layers, strict=True)):
            pdf.pages.append(source.pages[0])
            page = pdf.pages[-1]
            if layer is not None:
                with pikepdf.open(io.BytesIO(layer)) as text_pdf:
                    page.add_overlay(text_pdf.pages[0], None)
            if index < len(added_bottoms) and added_bottoms[index] > 0:
                _add_bottom_margin(pdf, page, added_bottoms[index])
            if mark_pdf is not None:
                name = page.add_overlay(mark_pdf.pages[index], None)
                _tag_mark(pdf, page.Resources.XObject[name], created_at)
        _add_output_intent(pdf)
        _write_metadata(pdf, info, created_at, len(page_pdfs), file_id)
        out = io.BytesIO()
        # Deterministic ids would make two different components' files collide; qpdf's
        # default random /ID is what PDF/A wants.
        pdf.save(out, linearize=False, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        for source in sources:
            source.close()
        if mark_pdf is not None:
            mark_pdf.close()
        return out.getvalue()
    except pikepdf.PdfError as exc:
        raise DigitiseError(f"the PDF could not be written ({exc})") from exc


#: The private-data key (PDF 32000 §14.5 page-piece dictionaries) tagging the mark's form.
MARK_PIECE = "/ReceptionConversionMark"


def _tag_mark(pdf: pikepdf.Pdf, form: pikepdf.Object, created_at: datetime) -> None:
    """Label the mark's form XObject, so a reader (``reception verify``) can find it."""
    stamp = created_at.strftime("D:%Y%m%d%H%M%S")
    form.PieceInfo = pikepdf.Dictionary(
        {MARK_PIECE: pikepdf.Dictionary(LastModified=stamp, Private=pikepdf.Name.Mark)}
    )
    form.LastModified = stamp


def marked_pages(pdf: pikepdf.Pdf) -> int:
    """How many pages carry the conversion mark."""
    count = 0
    for page in pdf.pages:
        xobjects = page.obj.get("/Resources", pikepdf.Dictionary()).get(
            "/XObject", pikepdf.Dictionary()
        )
        if any(MARK_PIECE in x.get("/PieceInfo", pikepdf.Dictionary()) for x in xobjects.values()):
            count += 1
    return count


def _add_bottom_margin(pdf: pikepdf.Pdf, page: pikepdf.Page, points: float) -> None:
    """Make the page ``points`` taller below, its content moved up, never scaled."""
    x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    page.contents_add(pdf.make_stream(f"q 1 0 0 1 0 {points:.2f} cm\n".encode()), prepend=True)
    page.contents_add(pdf.make_stream(b"\nQ\n"))
    page.mediabox = pikepdf.Array([x0, y0, x1, y1 + points])


def _add_output_intent(pdf: pikepdf.Pdf) -> None:
    icc = pdf.make_stream(_srgb_profile())
    icc.N = 3
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=SRGB,
        Info=SRGB,
        DestOutputProfile=icc,
    )
    pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])


def _write_metadata(
    pdf: pikepdf.Pdf, info: ComponentInfo, created_at: datetime, pages: int, file_id: str
) -> None:
    stamp = created_at.isoformat(timespec="seconds")
    title = f"{info.dossier_code} {info.component_code}"
    if info.component_name:
        title += f" - {info.component_name}"
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=True) as meta:
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
        meta["dc:title"] = title
        meta["dc:creator"] = [info.operator]
        meta["dc:description"] = keywords_for(info, pages)
        meta["pdf:Keywords"] = keywords_for(info, pages)
        meta["pdf:Producer"] = PRODUCER
        meta["xmp:CreatorTool"] = "reception"
        meta["xmp:CreateDate"] = stamp
        meta["xmp:ModifyDate"] = stamp
        meta["xmp:MetadataDate"] = stamp
        if file_id:
            meta["dc:identifier"] = file_id


def _page_has_text(page: pikepdf.Page) -> bool:
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    if "/Font" in resources:
        return True
    for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
        if xobject.get("/Subtype") == pikepdf.Name.Form:
            inner = xobject.get("/Resources", pikepdf.Dictionary())
            if "/Font" in inner:
                return True
    return False


def _metadata_disagreements(pdf: pikepdf.Pdf) -> list[str]:
    """Document-information entries whose XMP equivalent differs (PDF/A-2 6.6.2.3)."""
    meta = pdf.open_metadata()
    found = []
    for key, xmp in (("/Producer", "pdf:Producer"), ("/Title", "dc:title")):
        value = pdf.docinfo.get(key) if "/Info" in pdf.trailer else None
        if value is not None and str(value) != str(meta.get(xmp, "")):
            found.append(f"document information {key[1:]} differs from the XMP metadata")
    return found


def _problems(pdf: pikepdf.Pdf) -> list[str]:
    problems = _metadata_disagreements(pdf)
    if pdf.is_encrypted:
        problems.append("encrypted")
    if "/ID" not in pdf.trailer:
        problems.append("no file identifier")
    if "/OutputIntents" not in pdf.Root:
        problems.append("no output intent")
    for number, page in enumerate(pdf.pages, start=1):
        for image in page.get_images().values():
            if bool(image.get("/Interpolate", False)):
                problems.append(f"page {number}: interpolated image")
        for font in _fonts(page):
            descriptors = [font, *font.get("/DescendantFonts", pikepdf.Array())]
            embedded = any(
                key in d.get("/FontDescriptor", pikepdf.Dictionary())
                for d in descriptors
                for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            if not embedded:
                problems.append(f"page {number}: font not embedded")
    return problems


def _fonts(page: pikepdf.Page) -> list[pikepdf.Object]:
    found: list[pikepdf.Object] = []
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    holders = [resources] + [
        x.get("/Resources", pikepdf.Dictionary())
        for x in resources.get("/XObject", pikepdf.Dictionary()).values()
        if x.get("/Subtype") == pikepdf.Name.Form
    ]
    for holder in holders:
        found.extend(holder.get("/Font", pikepdf.Dictionary()).values())
    return found


def inspect_pdf(data: bytes) -> PdfReport:
    """Pages, PDF/A claim, text layer and metadata of a PDF; ``DigitiseError`` if unreadable."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            meta = pdf.open_metadata()
            creators = meta.get("dc:creator") or []
            return PdfReport(
                pages=len(pdf.pages),
                pdfa_part=meta.pdfa_status or None,
                has_text_layer=any(_page_has_text(p) for p in pdf.pages),
                has_output_intent="/OutputIntents" in pdf.Root,
                title=str(meta.get("dc:title", "")),
                keywords=str(meta.get("pdf:Keywords", "")),
                creator=", ".join(str(c) for c in creators),
                problems=tuple(_problems(pdf)),
                marked_pages=marked_pages(pdf),
            )
    except pikepdf.PdfError as exc:
        raise DigitiseError(f"not a readable PDF ({exc})") from exc


def read_scanned_pdf(path: Path) -> list[DecodedImage]:
    """The page images of a scanned PDF (one image per page), JPEG pages kept as bytes.

    A page that is not a single image (a typed document, a form) raises ``ImageFileError``:
    such a PDF should be attached as it is rather than rasterised and re-encoded.
    """
    try:
        check_regular_file(path, MAX_IMAGE_FILE_BYTES)
    except InputFileError as exc:
        raise ImageFileError(str(exc)) from exc
    return _scanned_pages(path, path.name)


def read_scanned_pdf_data(data: bytes, name: str) -> list[DecodedImage]:
    """:func:`read_scanned_pdf` of a PDF already in memory (a kept copy, decrypted)."""
    if len(data) > MAX_IMAGE_FILE_BYTES:
        raise ImageFileError(f"{name}: larger than {MAX_IMAGE_FILE_BYTES / 2**20:g} MB")
    return _scanned_pages(io.BytesIO(data), name)


def _scanned_pages(source: Path | io.BytesIO, name: str) -> list[DecodedImage]:
    try:
        with pikepdf.open(source) as pdf:
            check_page_count(len(pdf.pages), name)
            # Every page's image header first: a bomb is refused before anything is decoded.
            streams = [_page_stream(page, n, name) for n, page in enumerate(pdf.pages, 1)]
            check_file_pixels(sum(int(s.Width) * int(s.Height) for s in streams), name)
            return [
                _page_image(page, stream, number, name)
                for number, (page, stream) in enumerate(zip(pdf.pages, streams, strict=True), 1)
            ]
    except pikepdf.PasswordError as exc:
        raise ImageFileError(f"{name} is password-protected") from exc
    except (pikepdf.PdfError, OSError, ValueError, TypeError, RecursionError) as exc:
        raise ImageFileError(f"{name} is not a readable PDF") from exc


def _page_stream(page: pikepdf.Page, number: int, label: str) -> pikepdf.Stream:
    images = list(page.get_images().values())
    if len(images) != 1:
        raise ImageFileError(f"{label}: page {number} is not a scanned image")
    stream = images[0]
    if not isinstance(stream, pikepdf.Stream):
        raise ImageFileError(f"{label}: page {number} has a malformed image")
    check_image_size(stream.get("/Width"), stream.get("/Height"), f"{label} page {number}")
    return stream


_MASK_INK = re.compile(rb"([\d.]+) ([\d.]+) ([\d.]+) rg [^/]*/Mrc0 Do")


def _stencil(page: pikepdf.Page) -> pikepdf.Stream | None:
    """The text mask of a mixed raster page made by :func:`mixed_raster_page`, if any."""
    xobjects = page.obj.get("/Resources", pikepdf.Dictionary()).get(
        "/XObject", pikepdf.Dictionary()
    )
    mask = xobjects.get("/Mrc0")
    if isinstance(mask, pikepdf.Stream) and bool(mask.get("/ImageMask", False)):
        return mask
    return None


def _mixed_page_image(
    page: pikepdf.Page, background: pikepdf.Stream, mask: pikepdf.Stream, label: str
) -> DecodedImage:
    """A mixed raster page flattened back into one image at the mask's resolution."""
    check_image_size(mask.get("/Width"), mask.get("/Height"), label)
    stencil = pikepdf.PdfImage(mask).as_pil_image().convert("L")
    base = pikepdf.PdfImage(background).as_pil_image()
    base = base.convert("RGB" if base.mode not in ("L", "1") else "L")
    base = base.resize(stencil.size, Image.Resampling.BICUBIC)
    found = _MASK_INK.search(page.obj.Contents.read_bytes() if "/Contents" in page.obj else b"")
    ink = tuple(round(float(v) * 255) for v in found.groups()) if found else (0, 0, 0)
    paint = Image.new(base.mode, base.size, ink if base.mode == "RGB" else ink[0])
    base.paste(paint, mask=stencil.point(lambda v: 255 if v < 128 else 0))
    box = [float(v) for v in page.mediabox]
    width_points = box[2] - box[0]
    dpi = round(stencil.size[0] / (width_points / 72)) if width_points > 0 else 300
    buffer = io.BytesIO()
    base.save(buffer, format="PNG")
    decoded = decode_image_bytes(buffer.getvalue(), label)[0]
    return DecodedImage(decoded.pixels, dpi if 50 <= dpi <= 2400 else 300, None)


def _page_image(
    page: pikepdf.Page, stream: pikepdf.Stream, number: int, label: str
) -> DecodedImage:
    try:
        mask = _stencil(page)
        if mask is not None:
            return _mixed_page_image(page, stream, mask, f"{label} page {number}")
        raw = pikepdf.PdfImage(stream)
        box = [float(v) for v in page.mediabox]
        width_points = box[2] - box[0]
        dpi = round(raw.width / (width_points / 72)) if width_points > 0 else 200
        dpi = dpi if 50 <= dpi <= 2400 else 200
        if raw.filters == ["/DCTDecode"] and raw.colorspace in ("/DeviceGray", "/DeviceRGB"):
            data = stream.read_raw_bytes()
            decoded = decode_image_bytes(data, f"{label} page {number}")[0]
            return DecodedImage(decoded.pixels, dpi, data)
        buffer = io.BytesIO()
        raw.as_pil_image().save(buffer, format="PNG")
    except ImageFileError:
        raise
    except Exception as exc:
        # pikepdf raises its own types (missing decoder such as jbig2dec, unknown colour
        # space, bad metadata), and Pillow others: each one is an unreadable page.
        raise ImageFileError(f"{label}: page {number} has an image that cannot be decoded") from exc
    decoded = decode_image_bytes(buffer.getvalue(), f"{label} page {number}")[0]
    return DecodedImage(decoded.pixels, dpi, None)
