"""``reception card``: the simulator served to pcscd's vpcd reader, read by another process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.hardware.icao.chip_fixtures import (
    VPCD_PORT,
    VPCD_READER,
    exclusive_vpcd_reader,
    wait_until_settled,
)

READER = VPCD_READER
QR = "001199012345|012345678|NGUYỄN THỊ THU HƯƠNG|15081999|Nữ|Số 12|20082021"
EXPECTED_KEYS = [
    "id_number", "full_name", "date_of_birth", "sex", "nationality", "ethnicity", "religion",
    "place_of_origin", "place_of_residence", "identifying_features", "issue_date",
    "expiry_date", "father_name", "mother_name", "spouse_name", "old_id_number",
    "document_number", "mrz", "access", "authenticity", "stats",
]  # fmt: skip
PERSON = {
    "_comment": "A synthetic person, not a real citizen.",
    "id_number": "001199012345",
    "old_id_number": "012345678",
    "full_name": "NGUYỄN THỊ THU HƯƠNG",
    "date_of_birth": "1999-08-15",
    "sex": "Nữ",
    "nationality": "Việt Nam",
    "ethnicity": "Kinh",
    "religion": "Không",
    "place_of_origin": "Xã Thử Nghiệm, Huyện Mẫu, Tỉnh Quảng Ninh",
    "place_of_residence": "Thôn Đồng Tâm, Xã Hòa Bình, Huyện Thường Tín, Hà Nội. " * 6,
    "identifying_features": "Nốt ruồi C:1cm trên trước mép phải",
    "issue_date": "2021-08-20",
    "expiry_date": "2024-08-15",
    "father_name": "NGUYỄN VĂN BÌNH",
    "mother_name": "TRẦN THỊ CÚC",
    "spouse_name": None,
    "photo": "face.png",
}


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "reception", *args]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(*args),
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
        check=False,
    )


@pytest.fixture
def person_file(tmp_path: Path) -> Path:
    Image.new("RGB", (300, 400), (200, 170, 150)).save(tmp_path / "face.png")
    path = tmp_path / "person.json"
    path.write_text(json.dumps(PERSON, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def simulate(pcscd: None, person_file: Path) -> Iterator[Callable[..., None]]:
    """Starts ``reception card simulate`` with the given switches; stops it at the end."""
    from hardware.card.pcsc import PcscReaderProvider

    provider = PcscReaderProvider()
    processes: list[subprocess.Popen[str]] = []

    def start(*switches: str) -> None:
        assert provider.wait_for_card(READER, present=False, timeout_ms=10_000)
        process = subprocess.Popen(
            _command(
                "card",
                "simulate",
                "--person",
                str(person_file),
                "--port",
                str(VPCD_PORT),
                *switches,
            ),
            stdout=subprocess.PIPE,
            text=True,
        )
        processes.append(process)
        assert process.stdout is not None
        assert "inserted" in process.stdout.readline()
        wait_until_settled(provider)

    with exclusive_vpcd_reader():
        yield start
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
            assert process.stdout is not None
            process.stdout.close()


@pytest.mark.pcsc
def test_card_read_prints_the_contract_json(simulate: Callable[..., None], tmp_path: Path) -> None:
    csca = tmp_path / "csca"
    assert _run("card", "simulate", "--write-csca", str(csca)).returncode == 0
    simulate()
    photo = tmp_path / "out.jpg"
    done = _run(
        "card",
        "read",
        "--reader",
        READER,
        "--qr",
        QR,
        "--csca",
        str(csca),
        "--photo",
        str(photo),
        "--json",
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert list(document) == EXPECTED_KEYS
    for key in EXPECTED_KEYS[:16]:
        if key != "spouse_name":
            expected = PERSON[key]
            assert document[key] == (expected.strip() if isinstance(expected, str) else expected)
    assert document["spouse_name"] is None
    assert document["document_number"] == "199012345"
    assert document["access"] == "PACE"
    assert document["authenticity"]["verdict"] == "genuine"
    assert set(document["authenticity"]) == {
        "verdict", "hashes", "signature", "issuer", "active_auth", "chip_auth", "reason",
    }  # fmt: skip
    assert set(document["stats"]) == {"apdus", "bytes_read", "seconds"}
    assert photo.read_bytes()[:3] == b"\xff\xd8\xff"


@pytest.mark.pcsc
@pytest.mark.parametrize(
    ("switches", "verdict", "access"),
    [
        ((), "genuine_issuer_unknown", "PACE"),
        (("--fault", "no-pace"), "genuine_issuer_unknown", "BAC"),
        (("--fault", "short-only", "--delay-ms", "1"), "genuine_issuer_unknown", "PACE"),
        (("--fault", "tamper-dg13"), "not_genuine", "PACE"),
    ],
)
def test_card_read_with_typed_keys_and_faults(
    simulate: Callable[..., None], switches: tuple[str, ...], verdict: str, access: str
) -> None:
    simulate(*switches)
    done = _run(
        "card",
        "read",
        "--id",
        "001199012345",
        "--dob",
        "1999-08-15",
        "--issue-date",
        "2021-08-20",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert (document["authenticity"]["verdict"], document["access"]) == (verdict, access)


@pytest.mark.pcsc
@pytest.mark.parametrize(
    ("switches", "reason"),
    [
        (("--fault", "bad-mac"), "icao_secure_messaging"),
        (("--fault", "remove-after=12"), "card_removed"),
    ],
)
def test_card_read_failures_are_one_line_and_non_zero(
    simulate: Callable[..., None], switches: tuple[str, ...], reason: str
) -> None:
    simulate(*switches)
    done = _run("card", "read", "--reader", READER, "--qr", QR, "--json")
    assert done.returncode != 0
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and reason in done.stderr


@pytest.mark.pcsc
def test_card_readers_lists_the_virtual_readers(simulate: Callable[..., None]) -> None:
    simulate()
    done = _run("card", "readers")
    assert done.returncode == 0
    assert f"{READER}\tcard" in done.stdout.splitlines()


def test_unknown_fault_switch_and_bad_keys_are_refused(person_file: Path) -> None:
    done = _run("card", "simulate", "--person", str(person_file), "--fault", "melt")
    assert done.returncode == 1 and "unknown fault switch" in done.stderr
    done = _run("card", "read", "--id", "12345", "--dob", "1999-08-15")
    assert done.returncode == 2 and "12 digits" in done.stderr
