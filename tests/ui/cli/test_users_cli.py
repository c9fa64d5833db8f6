"""``reception users ...`` and the sign-in that clerk accounts bring to every command."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reception.procedures.catalogue import bundled_catalogue_path, load_catalogue
from reception.workstation.paths import resources_dir
from ui.cli import main

PERSON_ID = "001199012345"


def run(
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def sign_in(monkeypatch: pytest.MonkeyPatch, name: str, password: str) -> None:
    monkeypatch.setenv("RECEPTION_USER", name)
    monkeypatch.setenv("RECEPTION_PASSWORD", password)


def new_dossier(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    code = next(p.code for p in load_catalogue().procedures if p.national_code == "1.001193")
    person = resources_dir() / "simulator" / "person.json"
    return run(
        ["dossier", "new", "--procedure", code, "--applicant", str(person), "--json"],
        capsys,
        monkeypatch,
    )


def test_without_accounts_commands_work_as_before(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = new_dossier(capsys, monkeypatch)
    assert status == 0 and json.loads(out)["code"]


def test_accounts_bring_sign_in_and_the_operator_is_the_clerk(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = run(
        ["users", "add", "admin", "--role", "administrator", "--password-stdin"],
        capsys,
        monkeypatch,
        "correct horse\n",
    )
    assert status == 0 and "admin (administrator) added" in out
    # Now a dossier needs a signed-in clerk.
    status, _, err = new_dossier(capsys, monkeypatch)
    assert status == 2 and "RECEPTION_USER" in err
    sign_in(monkeypatch, "admin", "correct horse")
    assert run(["users", "add", "lan", "--password-stdin"], capsys, monkeypatch, "2468\n")[0] == 0
    sign_in(monkeypatch, "lan", "wrong")
    status, _, err = new_dossier(capsys, monkeypatch)
    assert status == 2 and err.count("\n") == 1
    sign_in(monkeypatch, "lan", "2468")
    assert new_dossier(capsys, monkeypatch)[0] == 0
    assert run(["audit", "list"], capsys, monkeypatch)[0] == 2  # not an administrator
    sign_in(monkeypatch, "admin", "correct horse")
    status, out, _ = run(["audit", "list", "--json"], capsys, monkeypatch)
    entries = json.loads(out)
    assert [(e["action"], e["operator"]) for e in entries][-5:] == [
        ("sign_in_failed", "lan"),
        ("sign_in", "lan"),
        ("save", "lan"),
        ("sign_in", "lan"),
        ("sign_in", "admin"),
    ]


def _administrator_and_clerk_lan(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Accounts ``admin`` (administrator) and ``lan`` (clerk); ``lan`` signed in."""
    run(
        ["users", "add", "admin", "--role", "administrator", "--password-stdin"],
        capsys,
        monkeypatch,
        "correct horse\n",
    )
    sign_in(monkeypatch, "admin", "correct horse")
    run(["users", "add", "lan", "--password-stdin"], capsys, monkeypatch, "2468\n")
    sign_in(monkeypatch, "lan", "2468")


def test_administrative_commands_need_an_administrator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _administrator_and_clerk_lan(capsys, monkeypatch)
    for argv in (
        ["users", "list"],
        ["users", "add", "minh", "--password-stdin"],
        ["procedures", "--import", str(bundled_catalogue_path())],
    ):
        status, _, err = run(argv, capsys, monkeypatch, "1111\n")
        assert status == 2 and "not an administrator" in err, argv
    sign_in(monkeypatch, "admin", "correct horse")
    status, out, _ = run(["users", "list", "--json"], capsys, monkeypatch)
    assert [(c["name"], c["role"]) for c in json.loads(out)] == [
        ("admin", "administrator"),
        ("lan", "clerk"),
    ]
    assert run(["users", "disable", "lan"], capsys, monkeypatch)[0] == 0
    sign_in(monkeypatch, "lan", "2468")
    assert new_dossier(capsys, monkeypatch)[0] == 2


def test_restore_needs_an_administrator_once_accounts_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _administrator_and_clerk_lan(capsys, monkeypatch)
    status, _, err = run(["db", "restore", str(tmp_path / "backup.sqlite3")], capsys, monkeypatch)
    assert status == 2 and "not an administrator" in err


def test_an_account_s_full_name_is_listed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["users", "add", "admin", "--role", "administrator", "--password-stdin"]
    assert run(argv, capsys, monkeypatch, "correct horse\n")[0] == 0
    sign_in(monkeypatch, "admin", "correct horse")
    argv = ["users", "add", "lan", "--full-name", "Lê Thị Lan", "--password-stdin"]
    assert run(argv, capsys, monkeypatch, "2468\n")[0] == 0
    status, out, _ = run(["users", "list", "--json"], capsys, monkeypatch)
    assert status == 0
    assert {c["name"]: c["full_name"] for c in json.loads(out)} == {
        "admin": None,
        "lan": "Lê Thị Lan",
    }
    status, out, _ = run(["users", "list"], capsys, monkeypatch)
    assert status == 0 and "Lê Thị Lan" in out
