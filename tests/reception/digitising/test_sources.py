"""Pages from files of every supported type; a broken file never affects the others."""

from __future__ import annotations

from pathlib import Path

import img2pdf
import pytest
from PIL import Image

from reception.digitising.model import SourceFileError
from reception.digitising.sources import load_files, read_file
from tests.generators.pages import gray, text_page


def _write_samples(folder: Path) -> dict[str, Path]:
    page = Image.fromarray(gray(text_page(dpi=100)))
    colour = Image.fromarray(text_page(dpi=100, seal=True)[:, :, ::-1].copy())
    paths = {
        "jpeg": folder / "to-khai.jpg",
        "png": folder / "giay-chung-sinh.PNG",
        "tiff": folder / "ba-trang.tiff",
        "pdf": folder / "scan.pdf",
    }
    colour.save(paths["jpeg"], quality=75, dpi=(200, 200))
    page.save(paths["png"], dpi=(300, 300))
    page.save(paths["tiff"], save_all=True, append_images=[page, page], compression="tiff_lzw")
    paths["pdf"].write_bytes(
        img2pdf.convert(
            paths["jpeg"].read_bytes(),
            layout_fun=img2pdf.get_fixed_dpi_layout_fun((200, 200)),
        )
    )
    return paths


def test_every_supported_type_is_read(tmp_path: Path) -> None:
    paths = _write_samples(tmp_path)
    assert len(read_file(paths["jpeg"])) == 1
    assert read_file(paths["png"])[0].dpi == 300
    assert len(read_file(paths["tiff"])) == 3
    (pdf_page,) = read_file(paths["pdf"])
    # A scanned PDF's JPEG comes out as the same bytes, at the page's resolution.
    assert pdf_page.jpeg == paths["jpeg"].read_bytes()
    assert pdf_page.dpi == 200 and pdf_page.image.ndim == 3


def test_broken_and_unsupported_files_are_reported_and_the_rest_still_load(
    tmp_path: Path,
) -> None:
    paths = _write_samples(tmp_path)
    truncated_pdf = tmp_path / "hong.pdf"
    truncated_pdf.write_bytes(paths["pdf"].read_bytes()[:300])
    fake_png = tmp_path / "fake.png"
    fake_png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    word = tmp_path / "note.docx"
    word.write_bytes(b"PK\x03\x04")
    order = [paths["jpeg"], truncated_pdf, fake_png, paths["tiff"], word, tmp_path / "gone.jpg"]
    loaded = load_files(order)
    assert [label for _, label in loaded.pages] == [
        "to-khai.jpg #1",
        "ba-trang.tiff #1",
        "ba-trang.tiff #2",
        "ba-trang.tiff #3",
    ]
    assert [e.name for e in loaded.errors] == ["hong.pdf", "fake.png", "note.docx", "gone.jpg"]
    assert all(isinstance(e, SourceFileError) and e.reason for e in loaded.errors)


def test_a_typed_pdf_is_refused_rather_than_rasterised(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "typed.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, "Typed text, no image")
    pdf.save()
    with pytest.raises(SourceFileError, match="not a scanned image"):
        read_file(path)
