"""Every error and warning code a clerk can meet has its text, in English and Vietnamese."""

from __future__ import annotations

import importlib
import pkgutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

import hardware
import reception
import ui
from hardware.errors import HardwareError
from reception.dossiers.applicant import ApplicantProblem
from reception.errors import ReceptionError
from reception.warning import DomainWarning, WarningCode
from ui.messages import MESSAGES, message_for, warning_text

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "translations" / "reception_vi.ts"
QM = REPO / "resources" / "translations" / "reception_vi.qm"


def _subclasses(root: type[Exception]) -> Iterator[type[Exception]]:
    for cls in root.__subclasses__():
        yield cls
        yield from _subclasses(cls)


def _error_codes() -> dict[str, str]:
    """Every error class's ``code`` across the three packages, with one class naming it."""
    for package in (reception, hardware, ui):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if not module.name.endswith("__main__"):
                importlib.import_module(module.name)
    codes: dict[str, str] = {}
    for root in (ReceptionError, HardwareError):
        for cls in (root, *_subclasses(root)):
            if cls.__module__.split(".")[0] in ("reception", "hardware", "ui"):
                code = str(getattr(cls, "code"))  # noqa: B009 - every root declares ``code``
                codes.setdefault(code, f"{cls.__module__}.{cls.__qualname__}")
    return codes


def _vietnamese() -> dict[str, str]:
    tree = ET.parse(TS)
    for context in tree.iter("context"):
        if context.findtext("name") == "Messages":
            return {
                str(message.findtext("source")): (message.findtext("translation") or "").strip()
                for message in context.iter("message")
                if message.find("translation") is not None
                and message.find("translation").get("type") is None  # type: ignore[union-attr]
            }
    return {}


CODES = sorted(
    {
        **_error_codes(),
        **{code.value: "WarningCode" for code in WarningCode},
        **{problem.value: "ApplicantProblem" for problem in ApplicantProblem},
    }.items()
)


def test_the_enumeration_finds_the_codes_of_every_layer() -> None:
    found = dict(CODES)
    expected = {"storage_disk_full", "icao_access_denied", "upload_invalid", "form_render_failed"}
    assert expected <= set(found)
    assert {"id_sex_mismatch", "open_dossier_exists", "phone_malformed"} <= set(found)


@pytest.mark.parametrize(("code", "where"), CODES, ids=[code for code, _ in CODES])
def test_every_code_has_english_and_vietnamese_text(code: str, where: str) -> None:
    assert code in MESSAGES, f"{code} ({where}) has no text in ui/messages.py"
    vietnamese = _vietnamese().get(MESSAGES[code])
    assert vietnamese, f"{code}: translate {MESSAGES[code]!r} in {TS.name} (context Messages)"
    assert vietnamese != MESSAGES[code]


def test_the_clerk_reads_vietnamese(qapp: QCoreApplication) -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    qapp.installTranslator(translator)
    try:
        assert message_for("storage_disk_full").startswith("Ổ đĩa đã đầy")
        assert message_for("no such code") == message_for("internal")
        shown = warning_text(
            DomainWarning(WarningCode.OPEN_DOSSIER_EXISTS, "A, B", ("A-0001", "A-0002"))
        )
        assert shown == "Người này đã có hồ sơ đang giải quyết cho thủ tục này: A-0001, A-0002."
    finally:
        qapp.removeTranslator(translator)


def test_the_command_line_form_of_a_warning_is_code_and_detail() -> None:
    assert str(DomainWarning(WarningCode.SEX_SPELLING, "diacritics missing")) == (
        "sex_spelling: diacritics missing"
    )
    assert str(DomainWarning(WarningCode.ISSUE_DATE_MISSING)) == "issue_date_missing"
