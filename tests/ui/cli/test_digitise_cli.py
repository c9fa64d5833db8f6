"""``reception scan``, ``digitize`` and ``reuse``, through the real command line."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from reception.digitising.pdfa import inspect_pdf
from reception.storage import sealed_files
from reception.storage.document_vault import read_document
from tests.generators.pages import blank_page, gray, text_page
from tests.sane_backend import sane_test_backend  # noqa: F401 - a fixture
from ui.cli import main

OWNER = "001099000123"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def _images(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    first, second = folder / "p1.png", folder / "p2.jpg"
    Image.fromarray(gray(text_page(dpi=150))).save(first, dpi=(150, 150))
    Image.fromarray(text_page(dpi=150)[:, :, ::-1].copy()).save(second, dpi=(150, 150))
    blank = folder / "p3.png"
    Image.fromarray(blank_page(dpi=150)).save(blank, dpi=(150, 150))
    return [first, second, blank]


@pytest.mark.usefixtures("sane_test_backend")
def test_scan_devices_lists_sane_the_simulator_and_the_camera(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(["scan", "devices", "--json"], capsys)
    assert status == 0
    rows = json.loads(out)
    kinds = {row["name"]: row["kind"] for row in rows}
    assert kinds["test:0"] == "sane" and kinds["simulated"] == "simulated"
    assert kinds["camera"] == "camera"
    assert "scan folder" in err


@pytest.mark.usefixtures("sane_test_backend")
@pytest.mark.parametrize("device", ["simulated", "test:0"])
def test_scan_acquire_writes_one_png_per_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], device: str
) -> None:
    out_dir = tmp_path / "scans"
    argv = ["scan", "acquire", "--device", device, "--dpi", "75", "--mode", "bw"]
    status, out, _ = run([*argv, "--pages", "2", "--out", str(out_dir), "--json"], capsys)
    assert status == 0
    files = [Path(p) for p in json.loads(out)]
    assert [f.name for f in files] == ["page-001.png", "page-002.png"]
    with Image.open(files[0]) as image:
        assert round(image.info["dpi"][0]) == 75


def test_scan_acquire_from_a_missing_device_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["scan", "acquire", "--device", "nosuch:0", "--out", str(tmp_path)]
    status, _, err = run(argv, capsys)
    assert status == 3 and "nosuch:0" in err


def test_digitize_prints_the_record_and_writes_a_pdfa(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _images(tmp_path / "in")
    out = tmp_path / "out" / "hs_TP1_1.pdf"
    argv = ["digitize", *map(str, files), "--component", "TP1", "--out", str(out)]
    status, printed, _ = run([*argv, "--no-ocr", "--json"], capsys)
    assert status == 0
    record: dict[str, Any] = json.loads(printed)
    assert record["pages"] == 2 and record["blank_pages_removed"] == 1
    assert record["bytes"] == out.stat().st_size and len(record["sha256"]) == 64
    assert record["pdfa"] is True and record["ocr"] is False
    assert inspect_pdf(out.read_bytes()).pages == 2


def test_digitize_skips_a_broken_file_names_it_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _images(tmp_path / "in")
    broken = tmp_path / "in" / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\n garbage")
    out = tmp_path / "c.pdf"
    argv = ["digitize", str(files[0]), str(broken), "--component", "TP1", "--out", str(out)]
    status, printed, err = run([*argv, "--no-ocr", "--json"], capsys)
    assert status == 1
    assert "hong.pdf" in err
    assert json.loads(printed)["skipped"][0]["file"] == "hong.pdf"
    assert out.exists()


def test_digitize_with_only_broken_files_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "x.jpg"
    broken.write_bytes(b"nope")
    out = tmp_path / "c.pdf"
    argv = ["digitize", str(broken), "--component", "TP1", "--out", str(out)]
    status, _, err = run(argv, capsys)
    assert status == 2 and "x.jpg" in err and "no pages" in err
    assert not out.exists()


def _digitise_for_owner(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], component: str, dossier: str
) -> dict[str, Any]:
    """``digitize`` one page for :data:`OWNER` (exported to ``o.pdf``); the owner's one
    row of ``reuse list``."""
    files = _images(tmp_path / "in")
    argv = ["digitize", str(files[0]), "--component", component, "--out", str(tmp_path / "o.pdf")]
    argv += ["--dossier", dossier, "--owner", OWNER, "--no-ocr"]
    assert run(argv, capsys)[0] == 0
    status, printed, _ = run(["reuse", "list", "--id", OWNER, "--json"], capsys)
    assert status == 0
    (row,) = json.loads(printed)
    return dict(row)


def test_a_kept_copy_is_sealed_and_reuse_fetch_exports_it_plain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = _digitise_for_owner(tmp_path, capsys, "TP1", "000.00.01.H99-261129-0003")
    assert Path(row["file"]).read_bytes()[:8] == sealed_files.MAGIC

    out = tmp_path / "fetched.pdf"
    status, printed, _ = run(["reuse", "fetch", str(row["id"]), "--out", str(out)], capsys)

    assert status == 0 and row["sha256"] in printed
    assert out.read_bytes() == (tmp_path / "o.pdf").read_bytes()
    assert out.read_bytes()[:5] == b"%PDF-"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    status, printed, _ = run(["verify", row["file"]], capsys)  # the kept copy, decrypted
    assert status == 0 and "conversion mark: 1 of 1 pages" in printed
    assert "signature: none" in printed


def test_digitize_for_an_owner_is_kept_and_listed_for_reuse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = _digitise_for_owner(tmp_path, capsys, "TP3", "000.00.01.H99-261129-0002")
    assert row["component_code"] == "TP3"
    assert Path(row["file"]).name == "000.00.01.H99-261129-0002_TP3_1.pdf"
    kept = Path(row["file"])
    assert read_document(kept) == (tmp_path / "o.pdf").read_bytes()  # the export is plain
    assert kept.read_bytes()[:5] != b"%PDF-"  # the kept copy is sealed
    assert json.loads(run(["reuse", "list", "--id", "001199000777", "--json"], capsys)[1]) == []
    assert run(["reuse", "list", "--id", "12"], capsys)[0] == 2
    status, printed, _ = run(["reuse", "purge"], capsys)
    assert status == 0 and "deleted 0" in printed
