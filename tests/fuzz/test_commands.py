"""Every command over a corpus of malformed files and bad arguments, in a child process
with a memory limit: no traceback, no hang, no memory blow-up, one clear line (issue 16).

The cases of one kind run in one child (``tests.fuzz.child``) so the suite stays quick;
each case has its own alarm, and the child's peak memory is read after each case.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from tests.fuzz import corpus
from tests.fuzz.conftest import FuzzTally
from tests.fuzz.runner import MEMORY_LIMIT_BYTES, REPO, RESIDENT_LIMIT_BYTES

PROCEDURE = "1.001193.000.00.00.H49"
PERSON = REPO / "resources" / "simulator" / "person.json"
RECEIVED = "2026-11-30T09:00"
FIRST_CODE = "000.00.01.H99-261130-0001"
CASE_TIMEOUT = 60.0


def run_cases(
    tmp_path: Path,
    cases: Iterable[list[str]],
    *,
    env: dict[str, str] | None = None,
    file_size_limit: int | None = None,
    name: str = "cases",
) -> list[dict[str, Any]]:
    """Run ``cases`` (argument lists) in one limited child; one result per case."""
    settings: dict[str, Any] = {
        "memory_limit_bytes": MEMORY_LIMIT_BYTES,
        "file_size_limit_bytes": file_size_limit,
        "cases": [{"argv": argv, "env": env or {}, "timeout": CASE_TIMEOUT} for argv in cases],
    }
    cases_file = tmp_path / f"{name}.json"
    results_file = tmp_path / f"{name}.jsonl"
    cases_file.write_text(json.dumps(settings), encoding="utf-8")
    child_env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "RECEPTION_CONFIG": str(tmp_path / "no-config.toml"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.fuzz.child", str(cases_file), str(results_file)],
        cwd=REPO,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=CASE_TIMEOUT * max(1, len(settings["cases"])),
        check=False,
    )
    results = [json.loads(line) for line in results_file.read_text().splitlines()]
    assert done.returncode == 0 and len(results) == len(settings["cases"]), done.stderr[-3000:]
    return results


def problems_of(result: dict[str, Any]) -> list[str]:
    """What is wrong with one case's outcome (empty when it succeeded or failed cleanly)."""
    found = []
    if result["escaped"]:
        found.append(f"exception escaped: {result['escaped'][-600:]}")
    if result["hung"]:
        found.append("hung")
    text = result["stdout"] + result["stderr"]
    if "Traceback (most recent call last)" in text:
        found.append("traceback printed")
    if result["status"] == 70 or "internal error" in result["stderr"]:
        found.append(f"internal error: {result['stderr'][-300:]}")
    if result["status"] not in (0, 1, 2, 3, None):
        found.append(f"exit status {result['status']}")
    if result["status"] in (2, 3) and not result["stderr"].strip():
        found.append("a failure without a word on stderr")
    return found


def check(results: list[dict[str, Any]], tally: FuzzTally) -> None:
    failures = []
    for result in results:
        label = " ".join(str(a) for a in result["argv"])[-100:]
        tally.note(label, int(result["peak_rss_bytes"]))
        problems = problems_of(result)
        if problems:
            failures.append(f"{label}: {'; '.join(problems)}")
    tally.problems.extend(failures)
    assert failures == []
    peak = max(int(r["peak_rss_bytes"]) for r in results)
    assert peak < RESIDENT_LIMIT_BYTES, f"peak memory {peak / 2**20:.0f} MB"


def build(folder: Path, builders: list[corpus.Builder]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [builder(folder) for builder in builders]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _base(data: Path) -> list[str]:
    return ["--data-dir", str(data)]


def test_image_and_pdf_files(tmp_path: Path, data: Path, tally: FuzzTally) -> None:
    files = build(tmp_path / "images", corpus.image_builders())
    out = tmp_path / "out.pdf"
    cases = [[*_base(data), "qr", "decode", str(f)] for f in files]
    cases += [[*_base(data), "qr", "decode", "--json", *map(str, files)]]
    cases += [
        [*_base(data), "digitize", str(f), "--component", "TP1", "--out", str(out), "--no-ocr"]
        for f in files
    ]
    # One batch of everything: every bad file is named and skipped, the batch goes on.
    cases += [
        [
            *_base(data),
            "digitize",
            *map(str, files),
            "--component",
            "TP1",
            "--out",
            str(out),
            "--no-ocr",
        ]
    ]
    results = run_cases(tmp_path, cases, name="images")
    check(results, tally)
    batch = results[-1]
    readable = [f for f in files if f.name.startswith("largest-allowed")]
    assert batch["stderr"].count("skipped:") == len(files) - len(readable)


def test_json_and_toml_files(tmp_path: Path, data: Path, tally: FuzzTally) -> None:
    files = build(tmp_path / "json", corpus.json_builders())
    catalogues = build(tmp_path / "catalogues", corpus.catalogue_builders())
    configs = build(tmp_path / "toml", corpus.toml_builders())
    dossier_new = [*_base(data), "dossier", "new", "--procedure", PROCEDURE, "--received", RECEIVED]
    cases = [[*dossier_new, "--applicant", str(f)] for f in files]
    cases += [[*dossier_new, "--applicant", str(PERSON), "--component", f"TP1={f}"] for f in files]
    cases += [[*_base(data), "procedures", "--import", str(f)] for f in [*files, *catalogues]]
    cases += [[*_base(data), "--config", str(f), "dossier", "list"] for f in configs]
    cases += [[*_base(data), "db", "restore", str(f)] for f in files[:8]]
    # A simulated card's person file: only the broken ones (a good one serves for ever).
    broken = ("fifo", "folder", "deep", "not-json", "not-utf8", "list", "number", "extras-")
    cases += [
        [*_base(data), "card", "simulate", "--person", str(f)]
        for f in files
        if f.name.startswith(broken)
    ]
    # After all of it: the bundled catalogue is still the one in force, and it works.
    cases += [[*_base(data), "procedures", "khai sinh"]]
    results = run_cases(tmp_path, cases, name="json")
    check(results, tally)
    imports = [r for r in results if "--import" in r["argv"]]
    assert all(r["status"] == 2 for r in imports), [
        r["argv"][-1] for r in imports if r["status"] != 2
    ]
    assert results[-1]["status"] == 0 and "khai sinh" in results[-1]["stdout"].lower()


def test_bad_arguments(tmp_path: Path, data: Path, tally: FuzzTally) -> None:
    base = _base(data)
    new = [
        *base,
        "dossier",
        "new",
        "--procedure",
        PROCEDURE,
        "--applicant",
        str(PERSON),
        "--received",
        RECEIVED,
    ]
    huge = "x" * 1_000_000
    cases = [
        new,  # the one good dossier, FIRST_CODE
        [*new[:-2], "--received", "2026-13-40T99:00"],
        [*new, "--sets", "100000000000000000000"],
        [*new, "--sets", "0"],
        [*new, "--sets", "-5"],
        [*new, "--component", "TP1"],
        [*new, "--component", "NOPE=paper"],
        [*new, "--component", "TP1=/dev/zero"],
        [*new, "--component", "TP1=/proc/self/mem"],
        [*base, "dossier", "new", "--procedure", "NO.SUCH", "--applicant", str(PERSON)],
        [*base, "dossier", "show", "\udcff\x00"],
        [*base, "dossier", "show", "x" * 100_000],
        [*base, "dossier", "list", "--date", "0000-00-00"],
        [
            *base,
            "receipt",
            FIRST_CODE,
            "--form",
            "03",
            "--reason",
            huge,
            "--out",
            str(tmp_path / "r.pdf"),
        ],
        [
            *base,
            "receipt",
            FIRST_CODE,
            "--form",
            "03",
            "--reason",
            "a\x1b[2Jb",
            "--out",
            str(tmp_path / "r.pdf"),
        ],
        [
            *base,
            "receipt",
            FIRST_CODE,
            "--form",
            "02",
            "--item",
            "\x00",
            "--out",
            str(tmp_path / "r.pdf"),
        ],
        [*base, "receipt", FIRST_CODE, "--out", "/proc/version"],
        [*base, "receipt", FIRST_CODE, "--out", str(tmp_path / "no" / "such" / "dir" / "r.pdf")],
        [*base, "receipt", FIRST_CODE, "--out", str(tmp_path)],
        [
            *base,
            "ledger",
            "--from",
            "2026-01-01",
            "--to",
            "2000-01-01",
            "--out",
            str(tmp_path / "l.pdf"),
        ],
        [
            *base,
            "ledger",
            "--from",
            "0001-01-01",
            "--to",
            "9999-12-31",
            "--out",
            str(tmp_path / "l.pdf"),
        ],
        [*base, "calendar", "check", "99999999999"],
        [*base, "calendar", "check", "-1"],
        [*base, "qr", "parse", "\udcff\udcfe" * 1000],
        [*base, "qr", "parse", "\x00|" * 50_000],
        [*base, "qr", "parse", huge],
        [*base, "qr", "decode", "/dev/zero", "/dev/null", "/proc/self/mem", str(tmp_path)],
        [*base, "qr", "decode", "--order", "nonsense", str(PERSON)],
        [*base, "queue", "retry", "NOPE"],
        [*base, "queue", "status", "--json"],
        [*base, "reuse", "list", "--id", "\x00" * 10],
        [*base, "db", "check"],
        [*base, "db", "backup", "--to", "/proc/self"],
        [*base, "db", "restore", "/dev/zero"],
        [*base, "procedures", "\x00" * 1000],
        [*base, "procedures", "--import", "/dev/zero"],
        [*base, "scan", "acquire", "--device", "no-such", "--out", "/proc/self/x"],
        [*base, "reuse", "purge"],
        ["--data-dir", "/proc/self/x", "dossier", "list"],
        ["--data-dir", "/dev/null", "dossier", "list"],
        ["--config", "/dev/zero", "dossier", "list"],
        ["--config", "/proc/self/environ", "dossier", "list"],
        [*base, "dev-server", "--port", "70000", "--data", str(tmp_path / "srv")],
        [*base, "dev-server", "--port", "0", "--data", "/proc/x", "--max-seconds", "0.1"],
        [*base, "dev-server", "--user", "nopassword", "--data", str(tmp_path / "srv")],
    ]
    results = run_cases(tmp_path, cases, name="arguments")
    check(results, tally)
    assert results[0]["status"] == 0 and FIRST_CODE in results[0]["stdout"]


def test_storage_faults_lose_nothing(tmp_path: Path, data: Path, tally: FuzzTally) -> None:
    base = _base(data)
    new = [*base, "dossier", "new", "--procedure", PROCEDURE, "--applicant", str(PERSON)]
    saved = run_cases(tmp_path, [new, new, [*base, "dossier", "list", "--json"]], name="saved")
    check(saved, tally)
    before = json.loads(saved[-1]["stdout"])
    assert len(before) == 2
    page = tmp_path / "page.png"
    image = Image.new("L", (1654, 2339), 255)
    ImageDraw.Draw(image).rectangle((150, 200, 1400, 1800), fill=0)
    image.save(page, dpi=(200, 200))
    # A "full disk": no write may reach past 16 KiB into any file (RLIMIT_FSIZE), so the
    # database's pages and the PDF cannot be written, while everything can still be read.
    size = 16 * 1024
    full = run_cases(
        tmp_path,
        [
            new,
            new,
            [
                *base,
                "digitize",
                str(page),
                "--component",
                "TP1",
                "--out",
                str(tmp_path / "full.pdf"),
                "--no-ocr",
            ],
        ],
        file_size_limit=size,
        name="full",
    )
    check(full, tally)
    failed = [r for r in full if r["status"] != 0]
    assert failed, "nothing failed on a full disk: the limit did not bite"
    assert all(r["status"] == 3 for r in failed), [r["stderr"] for r in failed]
    after = run_cases(
        tmp_path, [[*base, "dossier", "list", "--json"], [*base, "db", "check"]], name="after"
    )
    check(after, tally)
    listed = json.loads(after[0]["stdout"])
    assert [d["code"] for d in listed][: len(before)] == [d["code"] for d in before]
    assert after[1]["status"] == 0
    # A database truncated to nothing is never silently recreated.
    database = data / "reception.sqlite3"
    database.write_bytes(b"")
    for side in ("-wal", "-shm"):
        database.with_name(database.name + side).unlink(missing_ok=True)
    truncated = run_cases(tmp_path, [new, [*base, "dossier", "list"]], name="truncated")
    check(truncated, tally)
    assert all(r["status"] == 3 and "[storage_corrupt]" in r["stderr"] for r in truncated)
