"""``reception qr decode|parse|camera``: the JSON contract and the exit status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import cv2
import pytest

from hardware.camera.simulated import render_qr_scene
from reception.intake.qr_payload import format_qr_payload
from tests.generators.synthetic_people import synthetic_qr_payloads
from ui.cli import main
from ui.simulation.person import load_person

KEYS = ["file", "ok", "raw", "identity", "warnings", "error", "raw_hex"]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]]]:
    status = main(argv)
    out = capsys.readouterr().out
    return status, [json.loads(line) for line in out.splitlines() if line.strip()]


def write_scene(path: Path, text: str) -> Path:
    ok, data = cv2.imencode(path.suffix, render_qr_scene(text))
    assert ok
    path.write_bytes(data.tobytes())
    return path


def test_decode_prints_one_object_per_file_and_fails_if_any_file_has_no_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = synthetic_qr_payloads(1, seed=3)[0]
    card = write_scene(tmp_path / "thẻ.png", payload)
    url = write_scene(tmp_path / "poster.jpg", "https://dichvucong.gov.vn/")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 truncated")
    status, objects = run(["qr", "decode", str(card), str(url), str(broken), "--json"], capsys)
    assert status == 1
    assert [list(o) for o in objects] == [KEYS] * 3
    first, second, third = objects
    assert first["ok"] is True and first["raw"] == payload and first["error"] is None
    assert first["identity"]["id_number"] == payload.split("|")[0]
    assert first["identity"]["date_of_birth"].count("-") == 2  # ISO date
    assert first["identity"]["expiry_date"] is None
    # A code that is not an ID card: refused, its text kept.
    assert second["ok"] is False and second["identity"] is None
    assert second["raw"] == "https://dichvucong.gov.vn/"
    assert second["error"].startswith("not_id_qr:")
    assert third["ok"] is False and third["raw"] is None
    assert third["error"].startswith("file_unreadable:")


def test_decode_exits_0_when_every_file_gave_an_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [write_scene(tmp_path / f"{i}.png", p) for i, p in enumerate(synthetic_qr_payloads(2))]
    status, objects = run(["qr", "decode", *map(str, files), "--json"], capsys)
    assert status == 0
    assert all(o["ok"] for o in objects)


def test_a_file_without_any_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.png"
    ok, data = cv2.imencode(".png", render_qr_scene("x")[:100, :100])
    assert ok
    empty.write_bytes(data.tobytes())
    status, [obj] = run(["qr", "decode", str(empty), "--json"], capsys)
    assert status == 1
    assert obj["error"] == "no_qr_code: no QR code found"
    assert obj["raw"] is None and obj["raw_hex"] is None


def test_a_code_that_is_not_utf8_is_reported_with_its_bytes_not_as_no_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import numpy as np
    import zxingcpp

    data = b"\xd0\xc0 N\xc3\xdeNG"  # "ĐÀ NẴNG" in Windows-1258: not UTF-8
    barcode = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode)
    image = np.pad(np.array(barcode.to_image(scale=5)), 40, constant_values=255)
    path = tmp_path / "legacy.png"
    ok, png = cv2.imencode(".png", image)
    assert ok
    path.write_bytes(png.tobytes())
    status, [obj] = run(["qr", "decode", str(path), "--json"], capsys)
    assert status == 1
    assert obj["ok"] is False and obj["raw"] is None
    assert obj["raw_hex"] == data.hex()
    assert obj["error"].startswith("not_id_qr: not UTF-8 text")


def test_parse_reports_garbled_fields_and_keeps_the_raw_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    garbled = "001099012345||NGUYá»„N VĂN AN|15081999|Nam|HÃ  Ná»™i|01022022"
    status, [obj] = run(["qr", "parse", garbled, "--json"], capsys)
    assert status == 0
    assert list(obj) == KEYS[1:]
    assert obj["raw"] == garbled
    assert "text_garbled: full_name (mojibake)" in obj["warnings"]
    assert obj["identity"]["date_of_birth"] == "1999-08-15"


def test_parse_refuses_a_payment_code(capsys: pytest.CaptureFixture[str]) -> None:
    status, [obj] = run(["qr", "parse", "00020101021138570010A000000727", "--json"], capsys)
    assert status == 1
    assert obj["ok"] is False and obj["identity"] is None
    assert "payment" in obj["error"]


def test_camera_prints_the_first_payload_of_the_simulated_camera(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, [obj] = run(["qr", "camera", "--simulate", "--json", "--timeout", "20"], capsys)
    assert status == 0
    assert obj["raw"] == format_qr_payload(load_person())


def test_an_absent_camera_is_a_clear_message(capsys: pytest.CaptureFixture[str]) -> None:
    status, [obj] = run(["qr", "camera", "--device", "97", "--json", "--timeout", "1"], capsys)
    assert status == 1
    assert obj["error"].startswith("device_unavailable:")


def test_a_bad_cascade_order_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["qr", "decode", str(tmp_path / "x.png"), "--order", "zxing, nope"]) == 2
    assert "unknown decoder" in capsys.readouterr().err


def test_parse_takes_placeholders_as_empty_and_flags_markup_keeping_it_plain(
    capsys: pytest.CaptureFixture[str],
) -> None:
    payload = synthetic_qr_payloads(1, seed=5)[0]
    fields = payload.split("|")
    fields[1] = "---"
    status, [obj] = run(["qr", "parse", "|".join(fields), "--json"], capsys)
    assert status == 0 and obj["identity"]["old_id_number"] is None
    fields[2] = f"<b>{fields[2]}</b>"
    status, [obj] = run(["qr", "parse", "|".join(fields), "--json"], capsys)
    assert status == 0
    assert obj["identity"]["full_name"] == fields[2]
    assert "markup_in_text: full_name" in obj["warnings"]


def test_a_name_left_garbled_after_repair_is_flagged(capsys: pytest.CaptureFixture[str]) -> None:
    fields = synthetic_qr_payloads(1, seed=5)[0].split("|")
    # Mojibake that could be undone, next to a letter already lost (U+FFFD): half repairable.
    fields[2] = "NGUYá»„N V\ufffdN AN"
    status, [obj] = run(["qr", "parse", "|".join(fields), "--json"], capsys)
    assert status == 0
    assert any(w.startswith("text_garbled: full_name") for w in obj["warnings"])
