"""``reception queue status|drain|retry`` and ``reception dev-server``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reception.upload import queue
from reception.upload.outbox import JobState
from tests.reception.upload.conftest import (
    Counter,
    ServerFactory,
    _local_traffic_only,
    counter,
    dev_server,
)
from ui.cli import main

__all__ = ["_local_traffic_only", "counter", "dev_server"]  # fixtures shared with the upload tests


@pytest.fixture(autouse=True)
def _credentials(monkeypatch: pytest.MonkeyPatch, _local_traffic_only: None) -> None:
    monkeypatch.setenv("RECEPTION_SERVER_USERNAME", "demo")
    monkeypatch.setenv("RECEPTION_SERVER_PASSWORD", "demo")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def run(argv: list[str], counter: Counter, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["--data-dir", str(counter.path.parent), *argv])
    out, _ = capsys.readouterr()
    return status, out


def test_status_drain_and_status_again(
    counter: Counter, dev_server: ServerFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    codes = counter.save(3, files_each=1)
    status, out = run(["queue", "status", "--json"], counter, capsys)
    document = json.loads(out)
    assert status == 0
    assert document["counts"]["queued"] == 3 and document["unsent"] == 3
    assert document["oldest_waiting"]["dossier_code"] == codes[0]
    assert document["last_error"] is None and document["attention"] == []

    server = dev_server()
    status, out = run(["queue", "drain", "--server", server.url], counter, capsys)
    assert status == 0 and "sent 3" in out
    assert server.store.dossier_codes() == codes
    status, out = run(["queue", "status"], counter, capsys)
    assert "sent 3" in out


def test_refused_dossiers_exit_3_and_retry_requeues_them(
    counter: Counter, dev_server: ServerFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    code = counter.save(1)[0]
    server = dev_server(refuse_procedures=frozenset({"1.001193.000.00.00.H49"}))
    status, _ = run(["queue", "drain", "--server", server.url, "--until-empty"], counter, capsys)
    assert status == 3
    status, out = run(["queue", "status"], counter, capsys)
    assert f"needs attention: {code}: procedure 1.001193" in out
    status, out = run(["queue", "retry", code], counter, capsys)
    assert status == 0 and "was attention" in out
    assert queue.summary(counter.db).counts[JobState.QUEUED] == 1


def test_unreachable_server_leaves_the_queue_and_exits_1(
    counter: Counter, capsys: pytest.CaptureFixture[str]
) -> None:
    counter.save(1)
    status, out = run(["queue", "drain", "--server", "http://127.0.0.1:9"], counter, capsys)
    assert status == 1 and "left to send 1" in out


def test_errors_a_person_can_fix_exit_2(
    counter: Counter, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(counter.path.parent), "queue", "drain"]) == 2
    assert "no server address" in capsys.readouterr().err
    assert main(["--data-dir", str(counter.path.parent), "queue", "retry", "NOPE"]) == 2


def test_the_dev_server_command_serves_and_stops_by_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["dev-server", "--port", "0", "--data", str(tmp_path), "--max-seconds", "0.01",
                   "--fail-rate", "0.5", "--downtime", "5-10"])  # fmt: skip
    assert status == 0
    assert "serving http://127.0.0.1:" in capsys.readouterr().out
    assert (tmp_path / "dev-server.sqlite3").exists()
    assert main(["dev-server", "--data", str(tmp_path), "--fail-rate", "2"]) == 2


def test_an_organisations_dossier_goes_out_as_a_2025_record(
    counter: Counter,
    dev_server: ServerFactory,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    applicant = tmp_path / "applicant.json"
    applicant.write_text(
        json.dumps(
            {
                "id_number": "022088001234",
                "full_name": "TRẦN VĂN BÌNH",
                "date_of_birth": "1988-03-04",
                "sex": "Nam",
                "place_of_residence": "Tổ 5, Khu 3, phường Hồng Gai, tỉnh Quảng Ninh",
                "kind": "organisation",
                "principal": {
                    "name": "CÔNG TY TNHH THỬ NGHIỆM HỒNG GAI",
                    "id_number": "5700100256",
                    "address": "Số 1 phố Thử, phường Hồng Gai, tỉnh Quảng Ninh",
                },
                "source": "qr",
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    files = []
    for name in ("tp1.pdf", "tp2.pdf"):
        path = tmp_path / name
        path.write_bytes(b"%PDF-1.4 synthetic " + name.encode())
        files.append(path)
    status, out = run(
        [
            "dossier", "new", "--procedure", "1.001612", "--applicant", str(applicant),
            "--component", f"TP1={files[0]}", "--component", f"TP2={files[1]}", "--json",
        ],
        counter,
        capsys,
    )  # fmt: skip
    assert status == 0, out
    code = json.loads(out)["code"]
    server = dev_server()
    status, out = run(["queue", "drain", "--server", server.url], counter, capsys)
    assert status == 0, out
    record = server.store.record(code)
    assert record["LoaiDoiTuong"] == "2"
    assert record["ChuHoSo"] == "CÔNG TY TNHH THỬ NGHIỆM HỒNG GAI"
    assert record["MaDoiTuong"] == record["SoGiayToChuHoSo"] == "5700100256"
    assert record["MaTTHC"] == "1.001612"
    assert record["MaLinhVuc"] and record["TenLinhVuc"] and record["DonViXuLy"]
    assert record["HoSoCoThanhPhanSoHoa"] == "1"
    assert [f["DuocSoHoa"] for f in record["TaiLieuNop"]] == ["1", "1"]
    assert "null" not in json.dumps(record)
    assert record["TaiKhoanDuocXacThucVoiVNeID"] == "0"
    assert record["DanhSachLePhi"][0]["Gia"].isdigit()


def test_a_vneid_applicant_verified_by_the_service_is_flagged_in_the_record(
    counter: Counter,
    dev_server: ServerFactory,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    person = {
        "id_number": "022088001234",
        "full_name": "TRẦN VĂN BÌNH",
        "date_of_birth": "1988-03-04",
        "sex": "Nam",
        "issue_date": "2005-01-10",  # due for renewal in 2013: expired
        "place_of_residence": "Tổ 5, Khu 3, Phường Hồng Gai, Thành phố Hạ Long, Quảng Ninh",
        "source": "vneid",
        "vneid_verified": True,  # a file never vouches for the account
    }
    applicant = tmp_path / "applicant.json"
    applicant.write_text(json.dumps(person, ensure_ascii=False), encoding="utf-8")
    new = ["dossier", "new", "--procedure", "1.004222", "--applicant", str(applicant), "--json"]
    status, out = run(new, counter, capsys)
    assert status == 0
    unverified = json.loads(out)
    assert unverified["applicant"]["vneid_verified"] is False
    assert unverified["applicant"]["sources"]["full_name"] == "vneid"
    codes = [w.split(":")[0] for w in unverified["warnings"]]
    assert "card_expired" in codes and "address_names_abolished_district" in codes

    current = "Tổ 5, Khu 3, phường Hồng Gai, tỉnh Quảng Ninh"
    status, out = run([*new, "--verify-vneid", "--current-address", current], counter, capsys)
    assert status == 0
    verified = json.loads(out)
    assert verified["applicant"]["vneid_verified"] is True
    assert verified["applicant"]["identity"]["place_of_residence"] == current
    assert "address_names_abolished_district" not in " ".join(verified["warnings"])

    server = dev_server()
    assert run(["queue", "drain", "--server", server.url], counter, capsys)[0] == 0
    assert server.store.record(unverified["code"])["TaiKhoanDuocXacThucVoiVNeID"] == "0"
    assert server.store.record(verified["code"])["TaiKhoanDuocXacThucVoiVNeID"] == "1"
