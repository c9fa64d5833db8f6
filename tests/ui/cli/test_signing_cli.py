"""``token simulate``, ``digitize --sign`` and ``verify`` through the real command line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from hardware.signing.simulated_token import HOLDER, SimulatedToken
from tests.generators.pages import gray, text_page
from tests.signing_token import simulated_token  # noqa: F401 - a fixture
from ui.cli import main

REPO = Path(__file__).resolve().parents[3]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def _page(folder: Path) -> Path:
    path = folder / "p1.png"
    Image.fromarray(gray(text_page(dpi=150))).save(path, dpi=(150, 150))
    return path


def signing_env(monkeypatch: pytest.MonkeyPatch, token: SimulatedToken, pin: str | None) -> None:
    """The environment that names ``token`` to the app, with ``pin`` (None: no PIN)."""
    monkeypatch.setenv("RECEPTION_SIGNING_MODULE", str(token.module))
    monkeypatch.setenv("RECEPTION_SIGNING_TOKEN", token.token_label)
    monkeypatch.setenv("RECEPTION_SIGNING_KEY", token.key_label)
    if pin is None:
        monkeypatch.delenv("RECEPTION_SIGNING_PIN", raising=False)
    else:
        monkeypatch.setenv("RECEPTION_SIGNING_PIN", pin)


def test_token_simulate_prints_exactly_the_settings(tmp_path: Path) -> None:
    # Its own process: SoftHSM2 reads one configuration per process.
    env = {**os.environ, "RECEPTION_DATA_DIR": str(tmp_path / "data")}
    env.pop("SOFTHSM2_CONF", None)
    done = subprocess.run(
        [sys.executable, "-m", "reception", "token", "simulate", "--dir", str(tmp_path / "t"),
         "--json"],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    row = json.loads(done.stdout)
    assert set(row) == {"module", "token_label", "key_label", "pin", "ca_certificate"}
    assert Path(row["module"]).exists() and Path(row["ca_certificate"]).is_file()
    assert row["pin"] not in done.stderr


def test_sign_without_a_token_exits_3_naming_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("MODULE", "TOKEN", "KEY", "PIN"):
        monkeypatch.delenv(f"RECEPTION_SIGNING_{name}", raising=False)
    monkeypatch.setenv("RECEPTION_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "a.pdf"
    argv = ["digitize", str(_page(tmp_path)), "--component", "TP1", "--out", str(out)]
    status, _, err = run([*argv, "--no-ocr", "--sign", "--json"], capsys)
    assert status == 3 and not out.exists()
    assert "RECEPTION_SIGNING_MODULE" in err and "RECEPTION_SIGNING_PIN" in err
    status, stdout, _ = run([*argv, "--no-ocr", "--operator", "Lê Văn Thử", "--json"], capsys)
    row = json.loads(stdout)
    assert status == 0 and row["mark"] is True and row["signed"] is False
    assert row["signer"] is None


def test_digitize_sign_then_verify(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    simulated_token: SimulatedToken,  # noqa: F811
) -> None:
    monkeypatch.setenv("RECEPTION_DATA_DIR", str(tmp_path / "data"))
    out = tmp_path / "a.pdf"
    argv = ["digitize", str(_page(tmp_path)), "--component", "TP1", "--out", str(out)]
    argv += ["--no-ocr", "--operator", "Trần Thị Thử Nghiệm", "--sign", "--json"]
    signing_env(monkeypatch, simulated_token, "000000000")
    status, _, err = run(argv, capsys)
    assert status == 3 and "PIN" in err and "000000000" not in err
    signing_env(monkeypatch, simulated_token, simulated_token.pin)
    status, stdout, err = run(argv, capsys)
    assert status == 0, err
    row = json.loads(stdout)
    assert row["mark"] is True and row["signed"] is True and row["signer"] == HOLDER
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Trần Thị Thử Nghiệm" in text
    ca = str(simulated_token.ca_certificate.parent)
    status, stdout, _ = run(["verify", str(out), "--ca", ca, "--json"], capsys)
    report = json.loads(stdout)
    assert status == 0 and report["mark"] and report["pdfa"] and report["ok"]
    (signature,) = report["signatures"]
    assert signature["valid"] and signature["trusted"] and signature["whole_file"]
    assert signature["signer"] == HOLDER
    out.write_bytes(out.read_bytes() + b"\n% later\n")
    status, stdout, _ = run(["verify", str(out)], capsys)
    assert status == 1 and "NOT the whole file" in stdout


def test_verify_of_a_file_that_is_not_a_pdf_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"not a pdf")
    status, _, err = run(["verify", str(bad)], capsys)
    assert status == 2 and len(err.strip().splitlines()) == 1
