"""Two counters, one province: digitise at one, find and fetch it at the other."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from PIL import Image

from tests.generators.pages import gray, text_page
from ui.cli import main
from ui.simulation.devserver.server import DevServer

OWNER = "001099000123"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def _digitise_at_first_counter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> dict[str, object]:
    page = tmp_path / "p1.png"
    Image.fromarray(gray(text_page(dpi=150))).save(page, dpi=(150, 150))
    first = ["--data-dir", str(tmp_path / "counter1")]
    argv = [*first, "digitize", str(page), "--component", "TP1", "--out", str(tmp_path / "a.pdf")]
    status, out, err = run([*argv, "--owner", OWNER, "--no-ocr", "--json"], capsys)
    assert status == 0, err
    return dict(json.loads(out))


def test_a_component_digitised_at_one_counter_is_fetched_at_another(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], server: DevServer
) -> None:
    made = _digitise_at_first_counter(tmp_path, capsys)
    first = ["--data-dir", str(tmp_path / "counter1")]
    second = ["--data-dir", str(tmp_path / "counter2")]
    status, out, err = run(
        [*first, "queue", "drain", "--server", server.url, "--until-empty"], capsys
    )
    assert status == 0, err
    assert "components sent 1" in out
    status, out, _ = run(
        [*second, "reuse", "list", "--id", OWNER, "--server", server.url, "--json"], capsys
    )
    assert status == 0
    (row,) = json.loads(out)
    assert row["origin"] == "server" and row["sha256"] == made["sha256"]
    assert row["component_code"] == "TP1" and row["pages"] == 1
    target = tmp_path / "fetched.pdf"
    status, _, err = run(
        [*second, "reuse", "fetch", row["id"], "--out", str(target), "--server", server.url],
        capsys,
    )
    assert status == 0, err
    assert hashlib.sha256(target.read_bytes()).hexdigest() == made["sha256"]
    actions = [(e["action"], e["outcome"]) for e in server.components.access_log()]
    assert actions == [("store", 201), ("list", 200), ("show", 200), ("fetch", 200)]
    # Drained again: nothing is sent twice.
    status, out, _ = run([*first, "queue", "drain", "--server", server.url], capsys)
    assert status == 0 and "components sent" not in out
    # The first counter lists its own copy once, from its cache.
    status, out, _ = run(
        [*first, "reuse", "list", "--id", OWNER, "--server", server.url, "--json"], capsys
    )
    assert [r["origin"] for r in json.loads(out)] == ["local"]


def test_offline_the_component_waits_in_the_queue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], server: DevServer
) -> None:
    _digitise_at_first_counter(tmp_path, capsys)
    first = ["--data-dir", str(tmp_path / "counter1")]
    url = server.url
    server.stop()
    status, out, _ = run([*first, "queue", "drain", "--server", url], capsys)
    assert status == 1 and "waiting 1" in out
    status, _, err = run(
        [*first, "reuse", "list", "--id", OWNER, "--server", url, "--json"], capsys
    )
    assert status == 3 and "did not answer" in err


def test_fetching_an_unknown_item_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], server: DevServer
) -> None:
    target = tmp_path / "x.pdf"
    argv = ["--data-dir", str(tmp_path / "c"), "reuse", "fetch", "cmp-0000000000000000"]
    status, _, err = run([*argv, "--out", str(target), "--server", server.url], capsys)
    assert status == 3 and not target.exists() and len(err.strip().splitlines()) == 1


def test_an_account_the_store_does_not_allow_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], server: DevServer
) -> None:
    server.components.allowed = frozenset({"another-clerk"})
    argv = ["--data-dir", str(tmp_path / "c"), "reuse", "list", "--id", OWNER]
    status, out, err = run([*argv, "--server", server.url, "--json"], capsys)
    assert status == 3 and json.loads(out) == []
    assert "refused" in err and "may not use the shared store" in err
    assert [(e["account"], e["outcome"]) for e in server.components.access_log()] == [("demo", 403)]
