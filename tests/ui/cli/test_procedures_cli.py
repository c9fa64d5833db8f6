"""``reception procedures``, through a parser built here with the module's ``register``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from reception.procedures.catalogue import imported_catalogue_path, load_catalogue
from ui.cli import procedures
from ui.cli.context import CliContext


def run(
    argv: list[str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="reception")
    procedures.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    status = args.handler(args, CliContext(data_dir_option=data_dir))
    out, err = capsys.readouterr()
    return status, out, err


def test_json_lists_the_matching_procedures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["procedures", "dang", "ky", "ket", "hon", "--json"], tmp_path, capsys)
    assert status == 0
    rows = json.loads(out)
    assert rows[0]["name"] == "Đăng ký kết hôn"
    assert rows[0]["national_code"] == "1.000894"
    assert rows[0]["processing_time"] == {"value": 1, "unit": "working_days"}
    assert set(rows[0]) == {
        "code",
        "national_code",
        "name",
        "field",
        "components",
        "processing_time",
        "cutoff",
        "fees",
    }
    assert rows[0]["field"] == {"code": "HOTICH", "name": "Hộ tịch"}
    assert rows[0]["components"][0]["code"] == "TP1"


def test_json_without_words_lists_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(["procedures", "--json"], tmp_path, capsys)
    assert status == 0
    assert [r["code"] for r in json.loads(out)] == [p.code for p in load_catalogue().procedures]


def test_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["procedures", "khai", "sinh"], tmp_path, capsys)
    assert status == 0
    first = out.splitlines()[0]
    assert first.startswith("1.001193.000.00.00.H49  Đăng ký khai sinh (Hộ tịch; trong ngày)")
    status, out, _ = run(["procedures", "xyzzy"], tmp_path, capsys)
    assert status == 0 and out == "no procedure matches\n"


def _catalogue(**changes: Any) -> dict[str, Any]:
    procedure = load_catalogue().get("1.001193").to_json_dict()
    procedure.update(changes)
    return {"format": 2, "version": "cli-1", "updated": "2026-11-28", "procedures": [procedure]}


def test_import_installs_into_the_data_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "new.json"
    source.write_text(json.dumps(_catalogue(), ensure_ascii=False), encoding="utf-8")
    data_dir = tmp_path / "data"
    status, out, _ = run(["procedures", "--import", str(source)], data_dir, capsys)
    assert status == 0
    assert "cli-1" in out and "1 procedures" in out
    assert imported_catalogue_path(data_dir).exists()
    status, out, _ = run(["procedures", "--json"], data_dir, capsys)
    assert [r["code"] for r in json.loads(out)] == ["1.001193.000.00.00.H49"]


def test_import_of_an_invalid_file_exits_2_and_names_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(
        json.dumps(_catalogue(level="district"), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    level_line = next(
        n for n, line in enumerate(source.read_text().splitlines(), 1) if '"district"' in line
    )
    status, out, err = run(["procedures", "--import", str(source)], tmp_path, capsys)
    assert status == 2
    assert out == ""
    assert f"line {level_line}: procedures[0].level: expected commune or province" in err
    assert not imported_catalogue_path(tmp_path).exists()


def test_import_of_a_missing_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(["procedures", "--import", str(tmp_path / "nope.json")], tmp_path, capsys)
    assert status == 2
    assert "cannot read the file" in err
