"""The rules in force, in the window: the configured legal basis of the forms and the sync
record's shape reach the window's own workers (as the CLI's)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel
from pytestqt.qtbot import QtBot

from reception.dossiers.model import Dossier
from reception.forms import FormKind
from reception.identity.citizen import IdentitySource
from reception.privacy.clerks import ClerkStore, Role
from reception.storage.database import open_database
from reception.upload.credentials import Credentials
from reception.upload.http_uploader import HttpUploader
from reception.warning import DomainWarning, WarningCode
from reception.workstation.config import Config
from tests.reception.forms.helpers import make_dossier
from tests.ui.gui.conftest import fill_walk_in, window_running
from ui.gui.app import RunningApp
from ui.gui.digitising_service import DigitiseJob
from ui.gui.main_window import MainWindow
from ui.gui.receipt_dialog import ReceiptDialog
from ui.gui.upload_worker import UploadWorker
from ui.messages import warning_text
from ui.simulation.person import load_person
from ui.simulation.vneid_service import SimulatedVneidVerifier


@pytest.fixture
def running_2018(
    qtbot: QtBot, qapp: QApplication, example_config: Config, data_dir: Path
) -> Iterator[RunningApp]:
    """The window with the 2025 forms switched on only from 2099: every dossier is 2018."""
    config = dataclasses.replace(
        example_config,
        forms=dataclasses.replace(example_config.forms, basis_2025_from=date(2099, 1, 1)),
    )
    with window_running(qtbot, qapp, config, data_dir) as app:
        yield app


def test_the_window_saves_under_the_configured_basis(
    running_2018: RunningApp, qtbot: QtBot
) -> None:
    window = running_2018.window
    fill_walk_in(window)
    with qtbot.waitSignal(window.dossier_saved, timeout=60_000) as saved:
        window.save_action.trigger()
    assert saved.args[0].legal_basis == "2018"


@pytest.mark.parametrize("version", ["2018", "2025"])
def test_the_upload_worker_builds_the_configured_record(tmp_path: Path, version: str) -> None:
    worker = UploadWorker(
        tmp_path / "reception.sqlite3",
        unit_code="000.00.01.H49",
        data_dir=tmp_path,
        reconciliation_days=30,
        uploader_factory=lambda: HttpUploader(
            "http://127.0.0.1:9", lambda: Credentials("demo", "demo"), timeout_seconds=1
        ),
        record_version=version,
    )
    worker.start()  # on this thread: only its dispatcher is looked at
    try:
        assert worker._dispatcher is not None
        assert worker._dispatcher.record_version == version
    finally:
        worker.stop()


@pytest.mark.parametrize(
    ("basis", "numbers"),
    [("2018", ["01", "02", "03", "04", "05"]), ("2025", ["01", "02", "03", "04", "05", "06"])],
)
def test_the_receipt_dialog_offers_every_form_of_the_dossiers_basis(
    qtbot: QtBot, basis: str, numbers: list[str]
) -> None:
    dialog = ReceiptDialog(make_dossier(legal_basis=basis))
    qtbot.addWidget(dialog)
    texts = [dialog.form.itemText(row) for row in range(dialog.form.count())]
    assert [text.rsplit("Mẫu ", 1)[1].rstrip(")") for text in texts] == numbers
    kinds = [dialog.form.itemData(row) for row in range(dialog.form.count())]
    assert FormKind.LEDGER.value not in kinds
    assert (FormKind.STOP_NOTICE.value in kinds) is (basis == "2025")


def _choose(window: MainWindow, qtbot: QtBot, words: str, code: str) -> None:
    qtbot.keyClicks(window.picker.search, words)
    results = window.picker.results.model()
    for row in range(results.rowCount()):
        window.picker.results.setCurrentIndex(results.index(row, 0))
        current = window.picker.current()
        if current is not None and current.code == code:
            return
    raise AssertionError(f"procedure {code} not found")


def test_f7_records_the_qr_as_shown_on_vneid_and_asks_the_service(
    running: RunningApp, qtbot: QtBot
) -> None:
    window = running.window
    person = load_person()
    window.applicant.fill_identity(person, IdentitySource.QR)
    assert window.vneid_action.shortcut().toString() == "F7"
    with qtbot.waitSignal(window.vneid_checked, timeout=10_000) as checked:
        window.vneid_action.trigger()
    assert checked.args == [True]  # the simulated service knows the bundled person
    applicant = window.model.walk_in.applicant()
    assert applicant.vneid_verified
    assert applicant.sources["id_number"] is IdentitySource.VNEID
    assert window.applicant.findChild(QLabel, "full_name_source").text() == "VNeID"


def test_without_the_services_yes_the_vneid_account_is_not_verified(
    running: RunningApp, qtbot: QtBot
) -> None:
    window = running.window
    window.vneid_verifier = SimulatedVneidVerifier(available=False)
    window.applicant.fill_identity(load_person(), IdentitySource.QR)
    with qtbot.waitSignal(window.vneid_checked, timeout=10_000) as checked:
        window.vneid_action.trigger()
    assert checked.args == [False]
    assert not window.model.walk_in.applicant().vneid_verified
    # A new reading starts unverified, whatever was said of the last one.
    window.applicant.fill_identity(load_person(), IdentitySource.QR)
    assert window.model.walk_in.applicant().sources["id_number"] is IdentitySource.QR


def test_vneid_needs_a_qr_just_read(running: RunningApp, qtbot: QtBot) -> None:
    window = running.window
    with qtbot.assertNotEmitted(window.vneid_checked):
        window.vneid_action.trigger()
    assert "VNeID" in window.statusBar().currentMessage()


def test_the_confirmed_current_address_is_what_is_saved_and_warnings_never_block(
    running: RunningApp, qtbot: QtBot
) -> None:
    window = running.window
    window.applicant.today = lambda: date(2090, 1, 1)  # the card has long expired
    window.applicant.fill_identity(load_person(), IdentitySource.QR)
    panel = window.applicant
    assert panel.current_address.text() == load_person().place_of_residence
    expired = warning_text(DomainWarning(WarningCode.CARD_EXPIRED, "x"))
    abolished = warning_text(DomainWarning(WarningCode.ADDRESS_NAMES_ABOLISHED_DISTRICT))
    assert expired.split("%1")[0][:12] in panel.warnings.text()
    assert abolished in panel.warnings.text()  # "Quận Hoàn Kiếm" on the card
    address = "Số 12 ngõ 34 phố Mô Phỏng, phường Hoàn Kiếm, thành phố Hà Nội"
    panel.current_address.setText(address)  # as the clerk types it (QTest types no "ố")
    panel.current_address.textEdited.emit(address)
    assert abolished not in panel.warnings.text()  # the confirmed address names no district
    assert panel.problems() == []  # warnings are shown, never blocking
    _choose(window, qtbot, "khai sinh", "1.001193.000.00.00.H49")
    with qtbot.waitSignal(window.dossier_saved, timeout=60_000) as saved:
        window.save_action.trigger()
    dossier = saved.args[0]
    assert dossier.applicant.identity.place_of_residence == address
    assert dossier.applicant.sources["place_of_residence"] is IdentitySource.TYPED


def test_papers_only_shown_are_checked_never_captured_nor_submitted(
    running: RunningApp, qtbot: QtBot
) -> None:
    window = running.window
    window.applicant.fill_identity(load_person(), IdentitySource.QR)
    _choose(window, qtbot, "khai sinh", "1.001193.000.00.00.H49")
    box = window.components.findChild(QComboBox, "component_status_TP3")
    assert [box.itemData(i) for i in range(box.count())] == ["paper", "not_received"]
    assert [box.itemText(i) for i in range(box.count())] == [
        "đã xuất trình, đã đối chiếu",
        "chưa xuất trình",
    ]
    window.model.set_current(2)
    assert window.model.current_component().code == "TP3"  # type: ignore[union-attr]
    with qtbot.waitSignal(window.capture.problem_shown, timeout=10_000):
        window.capture.capture()
    assert window.model.walk_in.component("TP3").pages == []
    with qtbot.waitSignal(window.dossier_saved, timeout=60_000) as saved:
        window.save_action.trigger()
    dossier = saved.args[0]
    assert "TP3" in [c.code for c in dossier.shown_components]
    assert "TP3" not in [c.code for c in dossier.submitted_components]


def test_the_signed_in_clerk_is_the_operator_of_the_copies_and_the_dossier(
    qtbot: QtBot, qapp: QApplication, example_config: Config, data_dir: Path
) -> None:
    db = open_database(data_dir / "reception.sqlite3")
    clerks = ClerkStore(db)
    clerks.add("admin", Role.ADMINISTRATOR, "correct horse")
    clerks.add("lan", Role.CLERK, "2468", full_name="Lê Thị Lan")
    db.conn.close()
    with window_running(qtbot, qapp, example_config, data_dir) as app:
        assert app.sign_in is not None
        lock = app.sign_in.lock
        panel = lock.panel
        qtbot.waitUntil(panel.isVisible, timeout=10_000)
        panel.name.setText("lan")
        panel.secret.setText("2468")
        panel.button.click()
        window = app.window
        # The clerk service answers on its own thread and sets the session there, before
        # the window hears of it and unlocks (Save is disabled until then): wait for both.
        qtbot.waitUntil(lambda: window.operator() == "lan" and not lock.locked, timeout=30_000)
        jobs: list[DigitiseJob] = []
        window.pdf_requested.connect(jobs.append)
        fill_walk_in(window)
        saved: list[Dossier] = []
        window.dossier_saved.connect(saved.append)
        window.save_action.trigger()
        qtbot.waitUntil(lambda: bool(saved), timeout=60_000)
        # The mark prints the clerk's full name; the dossier and the log keep the account.
        assert [job.info.operator for job in jobs] == ["Lê Thị Lan"]
        assert saved[0].operator == "lan"
