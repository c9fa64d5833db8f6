"""``reception privacy request ...`` and ``reception privacy export``."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from reception.procedures.catalogue import load_catalogue
from reception.workstation.paths import resources_dir
from ui.cli import main

PERSON_ID = "001199012345"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(argv)
    out, _ = capsys.readouterr()
    return status, out


def test_request_add_list_done_and_report(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(
        [
            "privacy",
            "request",
            "add",
            "--kind",
            "delete",
            "--id",
            PERSON_ID,
            "--received",
            "2026-03-05",
            "--json",
        ],
        capsys,
    )
    request = json.loads(out)
    assert status == 0
    assert (request["acknowledge_by"], request["due"]) == ("2026-03-09", "2026-03-25")
    status, out = run(["privacy", "request", "report", "--date", "2026-03-24", "--json"], capsys)
    # Not acknowledged by 9/3: overdue, exit 1.
    assert status == 1 and [r["urgency"] for r in json.loads(out)] == ["overdue"]
    assert (
        run(["privacy", "request", "done", str(request["id"]), "--date", "2026-03-24"], capsys)[0]
        == 0
    )
    status, out = run(["privacy", "request", "report", "--date", "2026-03-24"], capsys)
    assert status == 0 and "no request" in out
    _, out = run(["privacy", "request", "list", "--json"], capsys)
    assert json.loads(out)[0]["done"] == "2026-03-24"


def test_export_holds_the_dossiers_and_log_of_that_person_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = next(p.code for p in load_catalogue().procedures if p.national_code == "1.001193")
    person = resources_dir() / "simulator" / "person.json"
    assert run(["dossier", "new", "--procedure", code, "--applicant", str(person)], capsys)[0] == 0
    out_file = tmp_path / "export.json"
    assert run(["privacy", "export", "--id", PERSON_ID, "--out", str(out_file)], capsys)[0] == 0
    document = json.loads(out_file.read_text(encoding="utf-8"))
    assert document["id_number"] == PERSON_ID
    assert [d["applicant"]["identity"]["id_number"] for d in document["dossiers"]] == [PERSON_ID]
    assert [e["action"] for e in document["processing_log"]] == ["save"]
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    run(["privacy", "export", "--id", "079085001234", "--out", str(out_file)], capsys)
    assert json.loads(out_file.read_text(encoding="utf-8"))["dossiers"] == []
    _, out = run(["audit", "list", "--id", PERSON_ID, "--json"], capsys)
    assert [e["action"] for e in json.loads(out)] == ["save", "export"]
