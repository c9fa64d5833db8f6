"""``reception audit list|verify`` after a dossier's save, receipt and upload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reception.procedures.catalogue import load_catalogue
from reception.storage.database import DATABASE_FILE, open_connection
from reception.workstation.paths import resources_dir
from tests.reception.upload.conftest import ServerFactory, _local_traffic_only, dev_server
from ui.cli import main

__all__ = ["_local_traffic_only", "dev_server"]

PERSON_ID = "001199012345"


@pytest.fixture(autouse=True)
def _credentials(monkeypatch: pytest.MonkeyPatch, _local_traffic_only: None) -> None:
    monkeypatch.setenv("RECEPTION_SERVER_USERNAME", "demo")
    monkeypatch.setenv("RECEPTION_SERVER_PASSWORD", "demo")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(argv)
    out, _ = capsys.readouterr()
    return status, out


def birth_registration() -> str:
    """The bundled catalogue's local code of Đăng ký khai sinh (1.001193)."""
    return next(p.code for p in load_catalogue().procedures if p.national_code == "1.001193")


def new_dossier(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    status, out = run(
        [
            *extra,
            "dossier",
            "new",
            "--procedure",
            birth_registration(),
            "--applicant",
            str(resources_dir() / "simulator" / "person.json"),
            "--json",
        ],
        capsys,
    )
    assert status == 0, out
    return str(json.loads(out)["code"])


def test_save_print_and_upload_are_listed_with_the_operator(
    tmp_path: Path,
    data_dir: Path,
    dev_server: ServerFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code = new_dossier(tmp_path, capsys, "--operator", "lan")
    monkeypatch.setenv("RECEPTION_OPERATOR", "minh")
    status, out = run(["dossier", "show", code, "--json"], capsys)
    assert json.loads(out)["operator"] == "lan"  # who saved it, not who looks
    assert run(["receipt", code, "--out", str(tmp_path / "r.pdf")], capsys)[0] == 0
    server = dev_server()
    assert run(["queue", "drain", "--server", server.url], capsys)[0] == 0
    status, out = run(["audit", "list", "--id", PERSON_ID, "--json"], capsys)
    assert status == 0
    entries = json.loads(out)
    assert [(e["action"], e["operator"], e["dossier"]) for e in entries] == [
        ("save", "lan", code),
        ("view", "minh", code),
        ("print", "minh", code),
        ("upload", "minh", code),
    ]
    assert all(e["id_number"] == PERSON_ID and e["workstation"] for e in entries)
    # Nothing but the ID number names the person.
    assert "NGUYỄN" not in out and "Hàng Bạc" not in out
    status, out = run(["audit", "verify"], capsys)
    assert status == 0 and "4 entries" in out


def test_show_is_a_view_and_other_people_are_not_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = new_dossier(tmp_path, capsys)
    assert run(["dossier", "show", code], capsys)[0] == 0
    _, out = run(["audit", "list", "--id", "079085001234", "--json"], capsys)
    assert json.loads(out) == []
    _, out = run(["audit", "list", "--from", "2000-01-01", "--to", "2999-12-31"], capsys)
    assert [line.split()[3] for line in out.splitlines()] == ["save", "view"]


def test_verify_exits_1_naming_the_first_broken_entry(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = new_dossier(tmp_path, capsys)
    for _ in range(2):
        run(["dossier", "show", code], capsys)
    conn = open_connection(data_dir / DATABASE_FILE)  # with this folder's key
    conn.execute("DROP TRIGGER processing_log_no_update")
    conn.execute("UPDATE processing_log SET operator = 'someone else' WHERE id = 2")
    conn.commit()
    conn.close()
    status, out = run(["audit", "verify"], capsys)
    assert status == 1
    assert out.strip() == "broken at entry 2: its content was changed"


def test_a_bad_id_number_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["audit", "list", "--id", "12345"])
    assert stopped.value.code == 2
    assert "not a 12-digit ID number" in capsys.readouterr().err


def test_a_qr_read_is_logged_with_the_id_number_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from reception.intake.qr_payload import format_qr_payload
    from ui.simulation.person import load_person

    payload = format_qr_payload(load_person(None))
    assert run(["--operator", "lan", "qr", "parse", payload], capsys)[0] == 0
    _, out = run(["audit", "list", "--json"], capsys)
    assert [(e["action"], e["operator"], e["id_number"]) for e in json.loads(out)] == [
        ("read_qr", "lan", PERSON_ID)
    ]
