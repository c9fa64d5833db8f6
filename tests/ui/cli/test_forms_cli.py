"""``reception receipt`` and ``reception ledger``: PDFs written and read back."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.ui.cli.test_dossier_cli import PERSON, SEVEN_DAYS, cli


@pytest.fixture
def dossier_code(capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path) -> str:
    applicant = tmp_path / "applicant.json"
    applicant.write_text(json.dumps(PERSON, ensure_ascii=False), encoding="utf-8")
    status, out, _ = cli(
        capsys,
        data_dir,
        "dossier",
        "new",
        "--procedure",
        SEVEN_DAYS,
        "--applicant",
        str(applicant),
        "--received",
        "2026-11-30T09:15",
        "--json",
    )
    assert status == 0
    return str(json.loads(out)["code"])


def _text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", done.stdout)


def test_receipt_01_02_03(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, dossier_code: str
) -> None:
    out = tmp_path / "receipt.pdf"
    assert cli(capsys, data_dir, "receipt", dossier_code, "--out", str(out))[0] == 0
    text = _text(out)
    assert text.count("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") == 2
    assert f"Mã hồ sơ: {dossier_code}" in text
    assert "17 giờ 00 phút, ngày 09 tháng 12 năm 2026" in text
    assert "TRẦN VĂN BÌNH" in text

    request = tmp_path / "02.pdf"
    status, _, _ = cli(
        capsys,
        data_dir,
        "receipt",
        dossier_code,
        "--out",
        str(request),
        "--form",
        "02",
        "--item",
        "Bản sao giấy tờ chứng minh chỗ ở",
        "--reason",
        "Thiếu giấy tờ",
    )
    assert status == 0
    assert "1. Bản sao giấy tờ chứng minh chỗ ở" in _text(request)
    refusal = tmp_path / "03.pdf"
    status, _, _ = cli(
        capsys,
        data_dir,
        "receipt",
        dossier_code,
        "--out",
        str(refusal),
        "--form",
        "03",
        "--reason",
        "Không thuộc thẩm quyền",
    )
    assert status == 0
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in _text(refusal)


def test_receipt_errors(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, dossier_code: str
) -> None:
    status, _, err = cli(capsys, data_dir, "receipt", "X", "--out", str(tmp_path / "x.pdf"))
    assert status == 2 and "no dossier with code X" in err
    nowhere = tmp_path / "missing-folder" / "r.pdf"
    status, _, err = cli(capsys, data_dir, "receipt", dossier_code, "--out", str(nowhere))
    assert status == 2 and "cannot write into" in err
    assert not nowhere.parent.exists()


def test_ledger_for_a_range(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, dossier_code: str
) -> None:
    out = tmp_path / "ledger.pdf"
    status, _, err = cli(
        capsys, data_dir, "ledger", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out)
    )
    assert status == 0
    assert "1 dossiers" in err
    text = _text(out)
    assert "SỔ THEO DÕI HỒ SƠ" in text and dossier_code[-6:] in text
    status, _, err = cli(
        capsys, data_dir, "ledger", "--from", "2026-12-01", "--to", "2026-11-01", "--out", str(out)
    )
    assert status == 2 and "--to is before --from" in err


def _subject(path: Path) -> str:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return next(line for line in info.stdout.splitlines() if line.startswith("Subject:"))


def test_each_dossier_keeps_the_basis_it_was_received_under(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, dossier_code: str
) -> None:
    applicant = tmp_path / "applicant.json"
    status, out, _ = cli(
        capsys,
        data_dir,
        "dossier",
        "new",
        "--procedure",
        SEVEN_DAYS,
        "--applicant",
        str(applicant),
        "--received",
        "2025-03-01T09:00:00",
        "--json",
    )
    assert status == 0
    old = str(json.loads(out)["code"])
    assert json.loads(out)["legal_basis"] == "2018"
    out_old = tmp_path / "old.pdf"
    assert cli(capsys, data_dir, "receipt", old, "--out", str(out_old))[0] == 0
    assert _subject(out_old).endswith("Mẫu số 01 — Thông tư 01/2018/TT-VPCP")
    for number in ("01", "02", "03", "04", "05", "06"):
        pdf = tmp_path / f"{number}.pdf"
        assert (
            cli(capsys, data_dir, "receipt", dossier_code, "--form", number, "--out", str(pdf))[0]
            == 0
        )
        assert _subject(pdf).endswith(f"Mẫu số {number} — Thông tư 03/2025/TT-VPCP")
    status, _, err = cli(capsys, data_dir, "receipt", old, "--form", "06", "--out", str(out_old))
    assert status != 0 and "reception ledger" in err and "Traceback" not in err
    ledger = tmp_path / "ledger.pdf"
    status, _, _ = cli(
        capsys,
        data_dir,
        "ledger",
        "--from",
        "2026-11-30",
        "--to",
        "2026-11-30",
        "--out",
        str(ledger),
    )
    assert status == 0
    assert _subject(ledger).endswith("Mẫu số 07 — Thông tư 03/2025/TT-VPCP")


def test_forms_check_names_each_problem_by_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    status, out, _ = cli(capsys, data_dir, "forms", "check")
    assert status == 0 and "2025: ok" in out and "2018: ok" in out
    broken = data_dir / "forms" / "2025.toml"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text('[receipt]\ntitle = "SỬA"\nsigners = "one"\n', encoding="utf-8")
    status, _, err = cli(capsys, data_dir, "forms", "check")
    assert status == 2
    assert "line 3: receipt.signers: expected a list of texts" in err
    assert "Traceback" not in err
    status, _, err = cli(capsys, data_dir, "forms", "check", str(broken))
    assert status == 2 and "line 3: receipt.signers" in err
