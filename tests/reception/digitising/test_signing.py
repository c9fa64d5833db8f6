"""Signing a component with the simulated token: PAdES, incremental, visible, verifiable."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from hardware.scanner.interface import ColorMode, ScannedPage
from hardware.signing.simulated_token import HOLDER, SimulatedToken
from reception.digitising.mark import Rect
from reception.digitising.model import ComponentInfo, DigitiseOptions
from reception.digitising.pdfa import inspect_pdf
from reception.digitising.pipeline import digitise
from reception.digitising.signing import (
    SigningError,
    SigningService,
    SigningSettings,
    SigningUnavailableError,
)
from reception.digitising.verification import load_ca_certificates, verify_pdf
from tests.generators.pages import gray, text_page
from tests.signing_token import simulated_token  # noqa: F401 - a fixture
from ui.simulation.timestamp_authority import TimestampAuthority

NO_OCR = DigitiseOptions(ocr=False)


def _service(token: SimulatedToken) -> SigningService:
    service = SigningService(SigningSettings(token.module, token.token_label, token.key_label))
    assert service.unlock(token.pin) == HOLDER
    return service


def _signed(tmp_path: Path, info: ComponentInfo, token: SimulatedToken) -> Path:
    out = tmp_path / "signed.pdf"
    pages = [ScannedPage(image=gray(text_page()), dpi=150, mode=ColorMode.GRAY)] * 2
    result = digitise(pages, info, out, options=NO_OCR, signing=_service(token))
    assert result.signed and result.signer == HOLDER and result.marked
    return out


def test_a_signed_copy_verifies_over_the_whole_file_and_stays_pdfa(
    tmp_path: Path,
    info: ComponentInfo,
    simulated_token: SimulatedToken,  # noqa: F811
) -> None:
    out = _signed(tmp_path, info, simulated_token)
    data = out.read_bytes()
    assert data.count(b"%%EOF") == 2  # the signature is an incremental update
    report = verify_pdf(data, load_ca_certificates(simulated_token.ca_certificate.parent))
    assert report.ok and report.mark
    (signature,) = report.signatures
    assert signature.valid and signature.trusted and signature.whole_file
    assert signature.signer == HOLDER and signature.signed_at is not None
    pdf_report = inspect_pdf(data)
    assert pdf_report.pdfa_part == "2B" and pdf_report.problems == ()
    untrusted = verify_pdf(data)
    assert untrusted.signatures[0].valid and not untrusted.signatures[0].trusted


def test_the_signature_is_visible_in_the_marks_box(
    tmp_path: Path,
    info: ComponentInfo,
    simulated_token: SimulatedToken,  # noqa: F811
) -> None:
    out = _signed(tmp_path, info, simulated_token)
    with pikepdf.open(out) as pdf:
        (widget,) = pdf.pages[0].Annots
        x0, y0, x1, y1 = (float(v) for v in widget.Rect)
        assert x1 - x0 > 50 and y1 - y0 > 20 and y1 < 80  # in the bottom margin
        assert int(widget.F) & 4  # printed (PDF/A wants visible annotations printable)
        assert "/N" in widget.AP
    if shutil.which("pdftotext") is not None:
        text = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Người chuyển đổi: QUAY-01 Lê Văn Thử" in text


def test_pdfsig_reports_the_signature_valid(
    tmp_path: Path,
    info: ComponentInfo,
    simulated_token: SimulatedToken,  # noqa: F811
) -> None:
    if shutil.which("pdfsig") is None:
        pytest.fail("pdfsig (poppler-utils) is missing: scripts/system-deps.sh test")
    out = _signed(tmp_path, info, simulated_token)
    done = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, check=False)
    assert "Signature is Valid" in done.stdout
    assert "ETSI.CAdES.detached" in done.stdout and "Total document signed" in done.stdout


def test_changes_after_signing_are_found(
    tmp_path: Path,
    info: ComponentInfo,
    simulated_token: SimulatedToken,  # noqa: F811
) -> None:
    data = _signed(tmp_path, info, simulated_token).read_bytes()
    appended = verify_pdf(data + b"\n% appended later\n")
    assert not appended.signatures[0].whole_file and not appended.ok
    # One byte of the signed image changed: the digest no longer matches.
    spot = data.index(b"stream", len(data) // 4) + 200
    tampered = data[:spot] + bytes([data[spot] ^ 0xFF]) + data[spot + 1 :]
    assert not verify_pdf(tampered).signatures[0].valid
    unsigned = verify_pdf(
        digitise(
            [ScannedPage(image=gray(text_page()), dpi=150, mode=ColorMode.GRAY)],
            info,
            tmp_path / "u.pdf",
            options=NO_OCR,
        ).path.read_bytes()
    )
    assert unsigned.mark and not unsigned.signed and unsigned.ok


def test_settings_come_from_configuration_overridden_by_the_environment(tmp_path: Path) -> None:
    base = SigningSettings(tmp_path / "a.so", "T1", "K1")
    assert base.missing() == []
    env = {"RECEPTION_SIGNING_MODULE": "/x/b.so", "RECEPTION_SIGNING_KEY": "K2"}
    moved = base.with_environment(env)
    assert (moved.module, moved.token_label, moved.key_label) == (Path("/x/b.so"), "T1", "K2")
    empty = SigningSettings().with_environment({})
    assert len(empty.missing()) == 3
    with pytest.raises(SigningUnavailableError) as caught:
        empty.token()
    assert "RECEPTION_SIGNING_MODULE" in str(caught.value)


def test_a_locked_or_refused_token_does_not_sign(
    simulated_token: SimulatedToken,  # noqa: F811
) -> None:
    token = simulated_token
    service = SigningService(SigningSettings(token.module, token.token_label, token.key_label))
    with pytest.raises(SigningUnavailableError):
        service.sign(b"%PDF-1.7", Rect(10, 10, 100, 50))
    with pytest.raises(SigningError) as caught:
        service.unlock("000000000")
    assert not service.unlocked and "PIN" in str(caught.value)
    service.unlock(token.pin)
    service.lock()
    assert not service.unlocked


def test_with_a_timestamp_server_the_signature_is_timestamped(
    tmp_path: Path,
    info: ComponentInfo,
    simulated_token: SimulatedToken,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    authority = TimestampAuthority(tmp_path / "tsa").start()
    try:
        token = simulated_token
        settings = SigningSettings(
            token.module, token.token_label, token.key_label, tsa_url=authority.url
        )
        service = SigningService(settings)
        service.unlock(token.pin)
        out = tmp_path / "ts.pdf"
        pages = [ScannedPage(image=gray(text_page()), dpi=150, mode=ColorMode.GRAY)]
        assert digitise(pages, info, out, options=NO_OCR, signing=service).signed
    finally:
        authority.stop()
    assert authority.requests >= 1
    (signature,) = verify_pdf(out.read_bytes()).signatures
    assert signature.timestamped and signature.valid and signature.whole_file
