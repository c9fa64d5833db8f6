"""The window's digitising service signs with the token once its PIN was given."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hardware.scanner.interface import ColorMode, ScannedPage
from hardware.signing.simulated_token import HOLDER, SimulatedToken
from reception.digitising.model import ComponentInfo, DigitiseOptions, PageEdit
from reception.digitising.verification import verify_pdf
from reception.storage.document_vault import read_document
from reception.workstation.config import Config, SigningConfig
from tests.generators.pages import gray, text_page
from tests.signing_token import simulated_token  # noqa: F401 - a fixture
from ui.gui.digitising_service import DigitiseJob, DigitisingService


def _job() -> DigitiseJob:
    page = ScannedPage(image=gray(text_page()), dpi=150, mode=ColorMode.GRAY)
    info = ComponentInfo("000.00.01.H49-261201-0001", "1.001193", "TP1", "Lê Văn Thử")
    return DigitiseJob(((page, PageEdit()),), info, DigitiseOptions(ocr=False))


def _asks_pin(service: DigitisingService) -> bool:
    return service.needs_pin  # read afresh: the PIN changes it behind mypy's back


def test_copies_are_marked_then_signed_once_the_pin_is_given(
    qtbot: QtBot,
    example_config: Config,
    data_dir: Path,
    simulated_token: SimulatedToken,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("MODULE", "TOKEN", "KEY", "PIN"):
        monkeypatch.delenv(f"RECEPTION_SIGNING_{name}", raising=False)
    token = simulated_token
    config = replace(
        example_config, signing=SigningConfig(token.module, token.token_label, token.key_label)
    )
    service = DigitisingService(config, data_dir)
    try:
        assert service.needs_pin
        with qtbot.waitSignal(service.digitised) as unsigned:
            service.digitise(_job())
        assert unsigned.args[0].signer is None
        with qtbot.waitSignal(service.failed) as refused:
            service.unlock_signing("000000000")
        assert refused.args[0] == "signing_failed" and _asks_pin(service)
        with qtbot.waitSignal(service.signing_unlocked) as unlocked:
            service.unlock_signing(token.pin)
        assert unlocked.args == [HOLDER] and not _asks_pin(service)
        with qtbot.waitSignal(service.digitised) as signed:
            service.digitise(_job())
        stored = signed.args[0]
        assert stored.signer == HOLDER
        report = verify_pdf(read_document(stored.path))
        assert report.mark and report.signatures[0].valid
    finally:
        service.close()


def test_without_a_token_no_pin_is_asked(example_config: Config, data_dir: Path) -> None:
    service = DigitisingService(replace(example_config, signing=SigningConfig()), data_dir)
    try:
        assert not service.needs_pin
    finally:
        service.close()
