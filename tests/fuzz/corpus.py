"""A corpus of malformed input files, generated (nothing binary is committed).

Each builder writes one file into a folder and returns its path. The names say what is
wrong with the file; the fuzz tests run every command that reads such a file over them.
"""

from __future__ import annotations

import io
import json
import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
from PIL import Image

Builder = Callable[[Path], Path]
REPO = Path(__file__).resolve().parents[2]


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width``×``height`` pixels over a tiny compressed body."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", body)
        + _png_chunk(b"IEND", b"")
    )


def tiff_claiming(width: int, height: int) -> bytes:
    """A little-endian TIFF whose single IFD claims ``width``×``height`` 8-bit grey pixels."""
    entries = [
        (256, 4, 1, width),  # ImageWidth, LONG
        (257, 4, 1, height),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample
        (259, 3, 1, 1),  # Compression: none
        (262, 3, 1, 1),  # Photometric: BlackIsZero
        (273, 4, 1, 8),  # StripOffsets
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, height),  # RowsPerStrip
        (279, 4, 1, width * height & 0xFFFFFFFF),  # StripByteCounts
    ]
    ifd_offset = 8 + 16
    out = b"II*\x00" + struct.pack("<I", ifd_offset) + b"\x00" * 16
    out += struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        out += struct.pack("<HHII", tag, kind, count, value)
    return out + struct.pack("<I", 0)


def _small_png() -> bytes:
    out = io.BytesIO()
    Image.new("L", (64, 64), 255).save(out, format="PNG")
    return out.getvalue()


def _small_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (255, 255, 255)).save(out, format="JPEG")
    return out.getvalue()


def pdf_with_pages(pages: int, side_points: float) -> bytes:
    """A PDF of ``pages`` empty pages with a ``side_points`` square MediaBox."""
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(595, 842))
        # Set directly: pikepdf's own helper refuses sizes outside the PDF limits.
        pdf.pages[-1].MediaBox = pikepdf.Array([0, 0, side_points, side_points])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def pdf_with_image(**image_keys: object) -> bytes:
    """A one-page PDF whose only image XObject carries ``image_keys`` (width, colour space...)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    data = image_keys.pop("data", b"\xff" * 64)
    stream = pikepdf.Stream(pdf, data if isinstance(data, bytes) else b"")
    for key, value in image_keys.items():
        stream[f"/{key}"] = value
    stream["/Type"] = pikepdf.Name.XObject
    stream["/Subtype"] = pikepdf.Name.Image
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=stream))
    page.Contents = pikepdf.Stream(pdf, b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def nested_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def nested_toml(depth: int) -> str:
    return "a = " + "[" * depth + "]" * depth + "\n"


def _write(name: str, data: bytes | str) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    build.__name__ = name
    return build


def _fifo(name: str) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / name
        os.mkfifo(path)
        return path

    build.__name__ = name
    return build


def _folder(name: str) -> Builder:
    def build(folder: Path) -> Path:
        path = folder / name
        path.mkdir()
        return path

    build.__name__ = name
    return build


def _largest_allowed_png() -> bytes:
    """A colour PNG just within the pixel limit, compressed to a few hundred kilobytes:
    the most memory a single accepted image can ask for."""
    out = io.BytesIO()
    Image.new("RGB", (6300, 6300), (250, 250, 250)).save(out, format="PNG", compress_level=1)
    return out.getvalue()


def image_builders() -> list[Builder]:
    """Files handed to ``qr decode`` and ``digitize``."""
    jpeg = _small_jpeg()
    return [
        _write("largest-allowed.png", _largest_allowed_png()),
        _write("bomb-60000.png", png_claiming(60000, 60000)),
        _write("bomb-60000.tiff", tiff_claiming(60000, 60000)),
        _write("strip-1x2000000000.png", png_claiming(1, 2_000_000_000)),
        _write("zero-size.png", png_claiming(0, 0)),
        _write("truncated.png", _small_png()[:40]),
        _write("truncated.jpg", jpeg[: len(jpeg) // 2]),
        _write("wrong-magic.png", b"GIF89a" + b"\x00" * 100),
        _write("empty.png", b""),
        _write("text.jpg", "not an image at all\n"),
        _write("huge-mediabox.pdf", pdf_with_pages(20, 14400)),
        _write("beyond-mediabox.pdf", pdf_with_pages(1, 10**7)),
        _write("zero-mediabox.pdf", pdf_with_pages(1, 0.001)),
        _write("many-pages.pdf", pdf_with_pages(300, 100)),
        _write(
            "image-no-width.pdf",
            pdf_with_image(Height=10, BitsPerComponent=8, ColorSpace=pikepdf.Name.DeviceGray),
        ),
        _write(
            "image-zero-width.pdf",
            pdf_with_image(
                Width=0, Height=10, BitsPerComponent=8, ColorSpace=pikepdf.Name.DeviceGray
            ),
        ),
        _write(
            "image-negative-width.pdf",
            pdf_with_image(
                Width=-5, Height=10, BitsPerComponent=8, ColorSpace=pikepdf.Name.DeviceGray
            ),
        ),
        _write(
            "image-huge.pdf",
            pdf_with_image(
                Width=60000, Height=60000, BitsPerComponent=8, ColorSpace=pikepdf.Name.DeviceGray
            ),
        ),
        _write(
            "image-odd-colourspace.pdf",
            pdf_with_image(
                Width=8, Height=8, BitsPerComponent=8, ColorSpace=pikepdf.Name("/NoSuchSpace")
            ),
        ),
        _write(
            "image-jbig2.pdf",
            pdf_with_image(
                Width=8,
                Height=8,
                BitsPerComponent=1,
                ColorSpace=pikepdf.Name.DeviceGray,
                Filter=pikepdf.Name.JBIG2Decode,
            ),
        ),
        _write(
            "image-string-width.pdf",
            pdf_with_image(
                Width=pikepdf.String("8"),
                Height=8,
                BitsPerComponent=8,
                ColorSpace=pikepdf.Name.DeviceGray,
            ),
        ),
        _write("truncated.pdf", pdf_with_pages(2, 595)[:200]),
        _write("header-only.pdf", b"%PDF-1.7\n"),
        _fifo("fifo.png"),
        _folder("folder.png"),
    ]


def json_builders() -> list[Builder]:
    """Files handed to ``dossier new --applicant`` and ``procedures --import``."""
    person = {"id_number": "001199012345", "full_name": "NGUYỄN VĂN A"}
    address = {"place_of_residence": "Số 1 phố Thử, Hà Nội"}

    def applicant(**extra: object) -> str:
        return json.dumps({**person, **address, **extra}, ensure_ascii=False)

    return [
        _write("deep.json", nested_json(100_000)),
        _write("deep-object.json", '{"a":' * 50_000 + "1" + "}" * 50_000),
        _write("not-json.json", "{"),
        _write("not-utf8.json", b'{"full_name": "\xff\xfe"}'),
        _write("list.json", "[]"),
        _write("number.json", "1e999999"),
        _write("extras-string.json", applicant(extras="x")),
        _write("extras-null.json", applicant(extras=None)),
        _write("extras-list.json", applicant(extras=[1, 2])),
        _write("extras-nested.json", applicant(extras={"a": {"b": [1]}})),
        _write("name-number.json", json.dumps({**address, "full_name": 5})),
        _write("name-nul.json", applicant(full_name="A\x00B")),
        _write("name-esc.json", applicant(full_name="A\x1b[31mB")),
        _write("name-20mb.json", applicant(full_name="A" * 20_000_000)),
        _write("address-200k.json", applicant(place_of_residence="B" * 200_000)),
        _write("birth-future.json", applicant(date_of_birth="2999-01-01")),
        _write("birth-number.json", applicant(date_of_birth=19990101)),
        _write("birth-bad.json", applicant(date_of_birth="1999-02-30")),
        _write("sex-list.json", applicant(sex=["Nam"])),
        _write("surrogate.json", '{"full_name": "\\ud800", "place_of_residence": "x"}'),
        _write("principal-list.json", applicant(kind="representative", principal=[1])),
        _write("sources-list.json", applicant(sources=[1])),
        _write("phone-number.json", applicant(phone=912345678)),
        _fifo("fifo.json"),
        _folder("folder.json"),
    ]


def toml_builders() -> list[Builder]:
    """Files handed to ``--config``."""
    return [
        _write("deep.toml", nested_toml(100_000)),
        _write("deep-table.toml", "a = " + "{b = " * 5000 + "1" + "}" * 5000 + "\n"),
        _write("not-toml.toml", "[unit\n"),
        _write("not-utf8.toml", b'[unit]\nname = "\xff"\n'),
        _write("wrong-types.toml", '[unit]\ncode = 5\n[workstation]\nsequence_first = "a"\n'),
        _write("huge-int.toml", "[workstation]\nsequence_first = 99999999999999999\n"),
        _write("server-timeout.toml", '[server]\ntimeout_seconds = "nan"\n'),
        _write("big-ints.toml", "[digitising]\nretention_days = 9223372036854775807\n"),
        _fifo("fifo.toml"),
        _folder("folder.toml"),
    ]


def _catalogue(mutate: Callable[[dict[str, object]], None]) -> str:
    bundled = REPO / "resources" / "procedures" / "catalogue.json"
    document = json.loads(bundled.read_text(encoding="utf-8"))
    mutate(document)
    return json.dumps(document, ensure_ascii=False)


def _first_procedure(document: dict[str, object]) -> dict[str, object]:
    procedures = document["procedures"]
    assert isinstance(procedures, list)
    first = procedures[0]
    assert isinstance(first, dict)
    return first


def catalogue_builders() -> list[Builder]:
    """Catalogues handed to ``procedures --import``: the bundled one with one bad value."""

    def processing(value: object) -> Callable[[dict[str, object]], None]:
        def mutate(document: dict[str, object]) -> None:
            _first_procedure(document)["processing_time"] = {"value": value, "unit": "working_days"}

        return mutate

    def name(value: str) -> Callable[[dict[str, object]], None]:
        def mutate(document: dict[str, object]) -> None:
            _first_procedure(document)["name"] = value

        return mutate

    def surrogate(document: dict[str, object]) -> None:
        _first_procedure(document)["name"] = "SURROGATE"

    surrogate_text = _catalogue(surrogate).replace('"SURROGATE"', '"\\ud800"')
    return [
        _write("catalogue-time-1e30.json", _catalogue(processing(10**30))),
        _write("catalogue-time-negative.json", _catalogue(processing(-1))),
        _write("catalogue-time-float.json", _catalogue(processing(1.5))),
        _write("catalogue-name-surrogate.json", surrogate_text),
        _write("catalogue-name-nul.json", _catalogue(name("A\x00B"))),
        _write("catalogue-name-long.json", _catalogue(name("A" * 100_000))),
        _write("catalogue-deep.json", '{"procedures": ' + nested_json(50_000) + "}"),
    ]
