"""The dossier form on simulators: validation as typed, representation, component statuses,
appointment, duplicate warning, then the receipt's preview, PDF export and printing."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from hardware.scanner.interface import ColorMode, ScannedPage
from reception.digitising.model import PageEdit
from reception.dossiers.applicant import ApplicantKind
from reception.dossiers.store import ComponentStatus, Dossier, ResultDelivery
from reception.dossiers.walk_in import ReusedFile
from reception.identity.citizen import IdentitySource
from reception.storage.document_vault import read_document
from tests.generators.pages import gray, text_page
from ui.gui.app import RunningApp
from ui.gui.main_window import MainWindow
from ui.gui.receipt_dialog import ReceiptDialog
from ui.simulation.person import load_person

RESIDENCE = "1.004222"  # Đăng ký thường trú: components TP1 (required), TP2, TP3


def _type(edit: QLineEdit, text: str) -> None:
    """Type Vietnamese text: QTest.keyClicks asserts on non-ASCII characters, so set the
    text and emit the signal typing emits."""
    edit.setText(edit.text() + text)
    edit.textEdited.emit(edit.text())


def _fill(window: MainWindow, qtbot: QtBot) -> None:
    window.applicant.fill_identity(load_person(), IdentitySource.QR)
    qtbot.keyClicks(window.picker.search, "thuong tru")
    for row in range(window.picker.results.model().rowCount()):
        index = window.picker.results.model().index(row, 0)
        window.picker.results.setCurrentIndex(index)
        current = window.picker.current()
        if current is not None and current.national_code == RESIDENCE:
            return
    raise AssertionError("procedure not found")


def _save(window: MainWindow, qtbot: QtBot) -> tuple[Dossier, ReceiptDialog]:
    with (
        qtbot.waitSignal(window.receipts.dialog_opened, timeout=120_000) as opened,
        qtbot.waitSignal(window.dossier_saved, timeout=120_000) as saved,
    ):
        window.save_action.trigger()
    dialog = opened.args[0]
    assert isinstance(dialog, ReceiptDialog)
    return saved.args[0], dialog


def test_phone_and_email_are_checked_as_typed(running: RunningApp, qtbot: QtBot) -> None:
    panel = running.window.applicant
    panel.fill_identity(load_person(), IdentitySource.QR)
    assert panel.problems_label.text() == ""
    qtbot.keyClicks(panel.phone, "09123")
    assert panel.problems_label.text() == (
        "Số điện thoại không hợp lệ (10 chữ số bắt đầu bằng 0, ví dụ 0912345678)."
    )
    assert "b3261e" in panel.phone.styleSheet()
    qtbot.keyClicks(panel.phone, "45678")
    assert panel.problems_label.text() == ""
    assert panel.phone.styleSheet() == ""
    qtbot.keyClicks(panel.email, "huong@")
    assert panel.problems_label.text() == "Địa chỉ email không hợp lệ."


def test_representative_components_appointment_and_receipt(
    running: RunningApp, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = running.window
    _fill(window, qtbot)
    assert "Nếu lưu bây giờ, hẹn trả kết quả lúc" in window.checks.appointment.text()
    assert "7 ngày làm việc" in window.checks.appointment.text()

    representation = window.applicant.representation
    representation.set_kind(ApplicantKind.REPRESENTATIVE)
    assert "Nhập tên người hoặc tổ chức được đại diện." in window.applicant.problems_label.text()
    _type(representation.principal_name, "LÊ THỊ CÚC")
    assert window.applicant.problems_label.text() == ""
    # A card read now (the representative's) keeps whom they act for.
    window.applicant.fill_identity(load_person(), IdentitySource.QR)
    assert representation.principal_name.text() == "LÊ THỊ CÚC"
    # TP1 scanned now (its PDF is made at the save), TP2 a copy kept from an earlier dossier.
    page = ScannedPage(image=gray(text_page(dpi=100)), dpi=100, mode=ColorMode.GRAY)
    window.model.add_pages("TP1", [(page, PageEdit())])
    kept = tmp_path / "kept.pdf"
    kept.write_bytes(b"%PDF-1.7 kept copy")
    window.model.reuse(
        "TP2", ReusedFile(1, str(kept), hashlib.sha256(read_document(kept)).hexdigest())
    )
    window.components.sets.setValue(2)
    window.components.delivery.setCurrentIndex(1)
    assert window.components.findChild(QComboBox, "component_status_TP3") is not None

    dossier, dialog = _save(window, qtbot)
    assert dossier.applicant.kind is ApplicantKind.REPRESENTATIVE
    assert dossier.applicant.owner_name == "LÊ THỊ CÚC"
    assert dossier.applicant.source_of("full_name") is IdentitySource.QR
    assert [c.status for c in dossier.components] == [
        ComponentStatus.DIGITISED,
        ComponentStatus.REUSED,
        ComponentStatus.NOT_RECEIVED,
    ]
    made = Path(str(dossier.components[0].file_path))
    assert made.name == f"{dossier.code}_TP1_1.pdf"
    assert dossier.components[0].file_sha256 == hashlib.sha256(read_document(made)).hexdigest()
    assert dossier.components[1].file_path == str(kept)
    assert (dossier.sets, dossier.delivery) == (2, ResultDelivery.POST)
    assert dossier.appointment_at is not None
    assert dossier.calendar_version is not None

    with qtbot.waitSignal(dialog.preview_shown, timeout=20_000) as shown:
        pass
    assert shown.args == [2]
    QApplication.processEvents()  # lay the page images out before the screenshot
    window.grab().save(str(tmp_path / "window.png"))
    dialog.grab().save(str(tmp_path / "receipt-dialog.png"))

    _export_and_print(dialog, dossier, qtbot, tmp_path, monkeypatch)

    # Mẫu 02 from the same dialog.
    with qtbot.waitSignal(dialog.preview_shown, timeout=20_000):
        dialog.form.setCurrentIndex(1)
    assert dialog.pdf is not None
    dialog.close()


def _export_and_print(
    dialog: ReceiptDialog,
    dossier: Dossier,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Export: the file dialog answers with a path; the worker writes the file.
    target = tmp_path / "receipt.pdf"
    monkeypatch.setattr(
        "ui.gui.receipt_dialog.QFileDialog.getSaveFileName",
        lambda *_args: (str(target), "PDF"),
    )
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export_button.click()
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "LÊ THỊ CÚC (người nộp: NGUYỄN THỊ THU HƯƠNG)" in text
    assert dossier.code in text

    # Printing: the print dialog "accepts" with a PDF printer, the worker paints the pages.
    printed = tmp_path / "printed.pdf"

    def accept(printer: QPrinter) -> int:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(100)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog, "_exec_print_dialog", accept)
    with qtbot.waitSignal(dialog.printed, timeout=30_000) as done:
        dialog.print_button.click()
    assert done.args == [2]
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True, check=True)
    assert re.search(r"Pages:\s+2\n", info.stdout)


def test_a_second_open_dossier_is_flagged(running: RunningApp, qtbot: QtBot) -> None:
    window = running.window
    _fill(window, qtbot)
    first, dialog = _save(window, qtbot)
    dialog.close()
    with qtbot.waitSignal(window.checks.duplicates_shown, timeout=10_000) as shown:
        _fill(window, qtbot)
    assert shown.args == [[first.code]]
    assert window.checks.duplicate.isVisibleTo(window)
    assert first.code in window.checks.duplicate.text()
    window.confirm_discard = lambda: True  # type: ignore[method-assign]  # "drop it": yes
    window.new_dossier()
    assert not window.checks.duplicate.isVisibleTo(window)
