"""``reception dossier new|show|list``, end to end through ``ui.cli.main``.

The appointment table goes through the whole path (catalogue → calendar → store → JSON).
Expected dates are counted by hand from the announced calendars (see
tests/reception/test_working_calendar.py): 2026 — Tết 16–20/2, Giỗ Tổ 26/4 (Sun, off Mon
27/4), 30/4 Thu, 1/5 Fri, swap: Sat 22/8 worked for Mon 31/8 off, 1–2/9, 24/11; 2027 —
Tết weekdays off 4, 5, 8, 9, 10/2.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reception.workstation.paths import resources_dir
from ui.cli import main

EXAMPLE_CONFIG = resources_dir() / "config" / "reception.example.toml"
THREE_DAYS = "1.000689"  # khai sinh + nhận cha, mẹ, con: 3 working days, no cut-off
SAME_DAY = "1.001193"  # khai sinh: same day, cut-off 15:00
# A test-only procedure of 4 working hours (the bundled catalogue has none with a
# confirmed national code): installed by _install_hours_procedure.
FOUR_HOURS = "9.000001.000.00.00.H49"
SEVEN_DAYS = "1.004222"  # thường trú: 7 working days

PERSON = {
    "_comment": "synthetic",
    "id_number": "022088001234",
    "full_name": "TRẦN VĂN BÌNH",
    "date_of_birth": "1988-03-04",
    "sex": "Nam",
    "place_of_residence": "Tổ 5, Khu 3, Phường Hồng Gai, Hạ Long",
    "phone": "0912345678",
    "source": "qr",
}


@pytest.fixture
def applicant_file(tmp_path: Path) -> Path:
    path = tmp_path / "applicant.json"
    path.write_text(json.dumps(PERSON, ensure_ascii=False), encoding="utf-8")
    return path


def cli(
    capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str, config: Path = EXAMPLE_CONFIG
) -> tuple[int, str, str]:
    status = main(["--data-dir", str(data_dir), "--config", str(config), *args])
    out, err = capsys.readouterr()
    return status, out, err


def new(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    applicant: Path,
    procedure: str,
    received: str,
    *extra: str,
) -> dict[str, Any]:
    status, out, err = cli(
        capsys,
        data_dir,
        "dossier",
        "new",
        "--procedure",
        procedure,
        "--applicant",
        str(applicant),
        "--received",
        received,
        "--json",
        *extra,
    )
    assert status == 0, err
    result: dict[str, Any] = json.loads(out)
    return result


APPOINTMENTS = [
    # (procedure, received, expected appointment, why)
    (THREE_DAYS, "2026-02-13T10:00", "2026-02-25T17:00:00+07:00", "Tết 2026: 23, 24, 25/2"),
    (THREE_DAYS, "2026-02-18T09:00", "2026-02-26T17:00:00+07:00", "received in Tết: from 23/2"),
    (THREE_DAYS, "2026-04-24T10:00", "2026-05-04T17:00:00+07:00", "Giỗ Tổ off 27/4; 30/4, 1/5"),
    (THREE_DAYS, "2026-04-29T09:00", "2026-05-06T17:00:00+07:00", "30/4 and 1/5 off"),
    (THREE_DAYS, "2026-08-28T10:00", "2026-09-07T17:00:00+07:00", "31/8 swapped off, 1–2/9"),
    (THREE_DAYS, "2026-08-21T10:00", "2026-08-25T17:00:00+07:00", "Sat 22/8 worked (swap)"),
    (THREE_DAYS, "2026-11-07T10:00", "2026-11-12T17:00:00+07:00", "on a Saturday: from Mon 9"),
    (THREE_DAYS, "2026-11-23T10:00", "2026-11-27T17:00:00+07:00", "24/11 off from 2026"),
    (SEVEN_DAYS, "2027-02-03T10:00", "2027-02-19T17:00:00+07:00", "Tết 2027: 4–10/2 off"),
    (SAME_DAY, "2026-11-09T14:59", "2026-11-09T17:00:00+07:00", "same day before the cut-off"),
    (SAME_DAY, "2026-11-09T15:00", "2026-11-09T17:00:00+07:00", "the cut-off itself"),
    (SAME_DAY, "2026-11-09T15:30", "2026-11-10T17:00:00+07:00", "after the cut-off"),
    (SAME_DAY, "2026-11-13T16:00", "2026-11-16T17:00:00+07:00", "Friday after the cut-off"),
    (SAME_DAY, "2027-02-03T16:00", "2027-02-11T17:00:00+07:00", "late before Tết 2027"),
    (SAME_DAY, "2026-09-02T09:00", "2026-09-03T17:00:00+07:00", "on 2/9: the next working day"),
    (FOUR_HOURS, "2026-11-09T10:00", "2026-11-09T16:00:00+07:00", "1h30 + lunch + 2h30"),
    (FOUR_HOURS, "2026-11-09T16:00", "2026-11-10T10:30:00+07:00", "1h, then 3h the next day"),
    (FOUR_HOURS, "2026-04-29T16:00", "2026-05-04T10:30:00+07:00", "over 30/4–1/5 and a weekend"),
    (FOUR_HOURS, "2026-11-08T09:00", "2026-11-09T11:30:00+07:00", "Sunday: from Monday 07:30"),
    (FOUR_HOURS, "2026-11-09T12:15+07:00", "2026-11-10T08:00:00+07:00", "lunch: from 13:30"),
    (THREE_DAYS, "2026-11-09T03:00:00Z", "2026-11-12T17:00:00+07:00", "UTC input, 10:00 local"),
]


def _install_hours_procedure(data_dir: Path) -> None:
    from reception.procedures.catalogue import imported_catalogue_path, load_catalogue

    bundled = load_catalogue()
    hours = bundled.get("1.004194").to_json_dict()
    hours.update(
        code=FOUR_HOURS,
        national_code="9.000001",
        name="Thủ tục thử 4 giờ làm việc",
        processing_time={"value": 4, "unit": "working_hours"},
    )
    document = {
        "format": 2,
        "version": "test-hours",
        "updated": "2026-12-01",
        "procedures": [p.to_json_dict() for p in bundled.procedures] + [hours],
    }
    target = imported_catalogue_path(data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    ("procedure", "received", "expected", "why"), APPOINTMENTS, ids=[c[3] for c in APPOINTMENTS]
)
def test_appointment_through_dossier_new(
    *,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    applicant_file: Path,
    procedure: str,
    received: str,
    expected: str,
    why: str,
) -> None:
    if procedure == FOUR_HOURS:
        _install_hours_procedure(data_dir)
    result = new(capsys, data_dir, applicant_file, procedure, received)
    assert result["appointment"] == expected, why
    assert result["received"].endswith("+07:00")
    assert result["calendar_version"].startswith("holidays-")
    assert result["processing_time"]["unit"] in ("working_days", "working_hours")


LOCAL_OVERRIDES = """
format = 1
[[days_off]]
date = 2026-11-10
note = "Nghỉ theo quyết định của UBND tỉnh"
[[saturdays_worked]]
date = 2026-11-14
note = "Làm bù cho ngày 10/11/2026"
[[days_off_removed]]
date = 2026-11-24
note = "Làm việc bình thường"
"""


@pytest.mark.parametrize(
    ("received", "without", "with_local"),
    [
        ("2026-11-09T10:00", "2026-11-12", "2026-11-13"),  # Tue 10/11 added as a day off
        ("2026-11-12T10:00", "2026-11-17", "2026-11-16"),  # Sat 14/11 worked
        ("2026-11-23T10:00", "2026-11-27", "2026-11-26"),  # 24/11 worked after all
    ],
)
def test_local_overrides_move_the_appointment_and_the_version(
    *,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    applicant_file: Path,
    received: str,
    without: str,
    with_local: str,
) -> None:
    plain = new(capsys, tmp_path / "plain", applicant_file, THREE_DAYS, received)
    local_dir = tmp_path / "local"
    (local_dir / "calendar").mkdir(parents=True)
    (local_dir / "calendar" / "local.toml").write_text(LOCAL_OVERRIDES, encoding="utf-8")
    local = new(capsys, local_dir, applicant_file, THREE_DAYS, received)
    assert plain["appointment"].startswith(without)
    assert local["appointment"].startswith(with_local)
    assert local["calendar_version"] != plain["calendar_version"]


def test_new_records_components_and_show_and_list_read_it_back(
    capsys: pytest.CaptureFixture[str], data_dir: Path, applicant_file: Path, tmp_path: Path
) -> None:
    scan = tmp_path / "tp1.pdf"
    scan.write_bytes(b"%PDF-1.4 synthetic")
    created = new(
        capsys,
        data_dir,
        applicant_file,
        SEVEN_DAYS,
        "2026-11-30T09:15",
        "--component",
        f"TP1={scan}",
        "--component",
        "TP2=reused",
        "--delivery",
        "post",
        "--sets",
        "2",
    )
    assert created["code"] == "000.00.01.H49-261130-0001"
    assert created["processing_time"] == {"value": 7, "unit": "working_days"}
    statuses = {c["code"]: c["status"] for c in created["components"]}
    assert statuses == {"TP1": "digitised", "TP2": "reused", "TP3": "not_received"}
    assert created["components"][0]["file"] == str(scan.resolve())
    assert len(created["components"][0]["sha256"]) == 64
    assert created["applicant"]["sources"]["full_name"] == "qr"
    assert (created["delivery"], created["sets"]) == ("post", 2)

    status, out, _ = cli(capsys, data_dir, "dossier", "show", created["code"], "--json")
    assert status == 0
    shown = json.loads(out)
    assert shown == {key: value for key, value in created.items() if key != "warnings"}

    status, out, _ = cli(capsys, data_dir, "dossier", "list", "--date", "2026-11-30", "--json")
    assert [d["code"] for d in json.loads(out)] == [created["code"]]
    status, out, _ = cli(capsys, data_dir, "dossier", "list", "--date", "2026-12-01", "--json")
    assert json.loads(out) == []


def test_a_second_open_dossier_for_the_same_procedure_is_flagged(
    capsys: pytest.CaptureFixture[str], data_dir: Path, applicant_file: Path
) -> None:
    first = new(capsys, data_dir, applicant_file, SEVEN_DAYS, "2026-11-30T09:00")
    assert first["warnings"] == []
    second = new(capsys, data_dir, applicant_file, SEVEN_DAYS, "2026-11-30T10:00")
    assert second["warnings"] == [f"open_dossier_exists: {first['code']}"]
    other = new(capsys, data_dir, applicant_file, THREE_DAYS, "2026-11-30T10:00")
    assert other["warnings"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--procedure", "9.999999"], "no procedure with code"),
        (["--component", "TP9=x.pdf"], "has no component TP9"),
        (["--component", "TP1"], "expected CODE=FILE"),
        (["--component", "TP1=/nonexistent/scan.pdf"], "No such file"),
    ],
)
def test_bad_input_exits_2_with_a_reason(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    applicant_file: Path,
    args: list[str],
    message: str,
) -> None:
    procedure = [] if "--procedure" in args else ["--procedure", SEVEN_DAYS]
    status, out, err = cli(
        capsys, data_dir, "dossier", "new", *procedure, "--applicant", str(applicant_file), *args
    )
    assert status == 2
    assert message in err
    assert out == ""


def test_an_invalid_applicant_names_each_field(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"full_name": "A", "id_number": "123", "phone": "12", "email": "a@"}),
        encoding="utf-8",
    )
    status, _, err = cli(
        capsys, data_dir, "dossier", "new", "--procedure", SEVEN_DAYS, "--applicant", str(bad)
    )
    assert status == 2
    for field in ("id_number", "place_of_residence", "phone", "email"):
        assert f"{field}: " in err
    status, _, err = cli(capsys, data_dir, "dossier", "show", "000.00.01.H49-261130-0001")
    assert status == 2 and "no dossier" in err


def test_an_exhausted_block_is_a_clear_error_not_a_wrap_around(
    capsys: pytest.CaptureFixture[str], data_dir: Path, applicant_file: Path, tmp_path: Path
) -> None:
    config = tmp_path / "small.toml"
    config.write_text(
        EXAMPLE_CONFIG.read_text(encoding="utf-8")
        .replace("sequence_first = 1", "sequence_first = 7")
        .replace("sequence_last = 999", "sequence_last = 8"),
        encoding="utf-8",
    )
    args = ["dossier", "new", "--procedure", SEVEN_DAYS, "--applicant", str(applicant_file)]
    day = ["--received", "2026-11-30T09:00", "--json"]
    codes = []
    for _ in range(2):
        status, out, _ = cli(capsys, data_dir, *args, *day, config=config)
        assert status == 0
        codes.append(json.loads(out)["code"])
    assert [c[-4:] for c in codes] == ["0007", "0008"]
    status, out, err = cli(capsys, data_dir, *args, *day, config=config)
    assert status == 2
    assert "sequence block 7-8 is used up for 2026-11-30" in err
    assert out == ""
    # The next day starts the block again.
    status, out, _ = cli(
        capsys, data_dir, *args, "--received", "2026-12-01T09:00", "--json", config=config
    )
    assert json.loads(out)["code"].endswith("-261201-0007")


def test_concurrent_dossier_new_from_several_processes_never_duplicates(
    data_dir: Path, applicant_file: Path
) -> None:
    command = [
        sys.executable,
        "-m",
        "reception",
        "--data-dir",
        str(data_dir),
        "--config",
        str(EXAMPLE_CONFIG),
        "dossier",
        "new",
        "--procedure",
        SEVEN_DAYS,
        "--applicant",
        str(applicant_file),
        "--received",
        "2026-11-30T09:00",
        "--json",
    ]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # All started before any is waited for, so their transactions really overlap.
    processes = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        for _ in range(12)
    ]
    codes = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        codes.append(json.loads(out)["code"])
    assert sorted(int(code[-4:]) for code in codes) == list(range(1, 13))
