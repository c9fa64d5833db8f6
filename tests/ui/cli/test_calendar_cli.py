"""``reception calendar check YEAR``, through a parser built here with ``register``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from ui.cli import calendar
from ui.cli.context import CliContext


def run(
    argv: list[str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="reception")
    calendar.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    status = args.handler(args, CliContext(data_dir_option=data_dir))
    out, err = capsys.readouterr()
    return status, out, err


def test_json_for_2026(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["calendar", "check", "2026", "--json"], tmp_path, capsys)
    assert status == 0
    document = json.loads(out)
    assert document["year"] == 2026
    assert document["calendar_version"].startswith("holidays-")
    days = {d["date"]: d["name"] for d in document["non_working_weekdays"]}
    assert len(days) == 13
    assert days["2026-04-27"] == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert days["2026-11-24"] == "Ngày Văn hóa Việt Nam"
    assert document["worked_saturdays"] == [
        {"date": "2026-08-22", "name": "Làm bù cho ngày nghỉ 31/08/2026"}
    ]


def test_text_uses_the_data_dir_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "local.toml").write_text(
        '[[saturdays_worked]]\ndate = 2027-01-30\nnote = "Làm bù theo quyết định của tỉnh"\n',
        encoding="utf-8",
    )
    status, out, _ = run(["calendar", "check", "2027"], tmp_path, capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("calendar holidays-") and lines[0].endswith("year 2027")
    assert "weekdays off (12):" in lines
    assert any("30/01/2027  Làm bù theo quyết định của tỉnh" in line for line in lines)


def test_invalid_local_file_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reception.procedures.working_calendar import CalendarError

    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "local.toml").write_text("[[days_off]]\nnote = 1\n", "utf-8")
    with pytest.raises(CalendarError, match=r"line 1: days_off\[0\]: date"):
        run(["calendar", "check", "2027"], tmp_path, capsys)


def test_year_out_of_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["calendar", "check", "1900"], tmp_path, capsys)
    assert status == 2 and "YEAR" in err
