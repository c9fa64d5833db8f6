"""The dossier forms of both legal bases read back with poppler: every label and value,
with its diacritics; the basis in the metadata and footer; wording overrides."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from hardware.qr.zxing import ZxingQrDecoder
from reception.dossiers.store import ResultDelivery
from reception.errors import UserError
from reception.forms import FormKind, legal_basis
from reception.forms.render import render_form
from reception.forms.wording_data import WordingError, check_wording, load_wording
from reception.procedures.catalogue import Presentation, ProcessingTime, TimeUnit
from reception.workstation.timezone import VIETNAM
from tests.reception.forms.helpers import UNIT, make_dossier, poppler, representative_applicant

Extract = Callable[[bytes], str]

# Mẫu 01, in the form's order; each copy must hold all of them.
RECEIPT_LINES = [
    "ỦY BAN NHÂN DÂN PHƯỜNG HỒNG GAI",
    "Trung tâm Phục vụ hành chính công phường Hồng Gai",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Hồng Gai, ngày 30 tháng 11 năm 2026",
    "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "Mã hồ sơ: 000.00.01.H49-261130-0007",
    "Trung tâm Phục vụ hành chính công phường Hồng Gai tiếp nhận hồ sơ của:",
    "NGUYỄN THỊ THU HƯƠNG",
    "Địa chỉ: Số 12 ngõ 34 phố Mô Phỏng, Phường Hàng Bạc, Hà Nội",
    "Số điện thoại: 0912345678",
    "Email: huong@example.vn",
    "Nội dung yêu cầu giải quyết: Đăng ký thường trú",
    "1. Thành phần hồ sơ nộp gồm:",
    "(1) Tờ khai thay đổi thông tin cư trú — Bản chính: 01 bản, bản giấy",
    "(2) Giấy tờ chứng minh chỗ ở hợp pháp — Bản chính hoặc bản sao: 02 bản, bản điện tử",
    "(3) Văn bản đồng ý của chủ hộ — Bản sao: 01 bản, bản điện tử tái sử dụng",
    "2. Số lượng hồ sơ: 01 (bộ)",
    "3. Thời gian giải quyết hồ sơ theo quy định là: 7 ngày làm việc",
    "4. Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 30 tháng 11 năm 2026",
    "5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 09 tháng 12 năm 2026",
    "6. Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công phường Hồng Gai",
    "Vào Sổ theo dõi hồ sơ, Quyển số: 2026 Số thứ tự: 42",
    "NGƯỜI NỘP HỒ SƠ",
    "NGƯỜI TIẾP NHẬN HỒ SƠ",
    "(Ký và ghi rõ họ tên)",
    "01 liên lưu kèm Phiếu kiểm soát quá trình giải quyết hồ sơ",
]


def _flat(text: str) -> str:
    """pdftotext text with line breaks inside paragraphs joined, for phrase matching."""
    return re.sub(r"\s+", " ", text)


def _in_order(text: str, expected: list[str]) -> None:
    flat, position = _flat(text), 0
    for phrase in expected:
        found = flat.find(phrase, position)
        assert found >= 0, f"missing or out of order: {phrase!r}"
        position = found + len(phrase)


def test_receipt_has_two_copies_with_every_line_in_order(pdf_text: Extract) -> None:
    text = pdf_text(render_form(FormKind.RECEIPT, make_dossier(), UNIT))
    first, second = text.split("\f")[:2]
    assert "Liên 1: Lưu" in first
    assert "Liên 2: Giao người nộp" in second
    for copy in (first, second):
        _in_order(copy, RECEIPT_LINES)
        # A component not received is not listed as submitted.
        assert "quan hệ nhân thân" not in copy


def test_receipt_is_a4_two_pages_with_tinos_embedded(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(render_form(FormKind.RECEIPT, make_dossier(), UNIT))
    info = poppler("pdfinfo", path)
    assert re.search(r"Pages:\s+2\b", info)
    assert "595.276 x 841.89 pts (A4)" in info
    assert "NGUYỄN" not in info  # no personal data in the metadata
    fonts = poppler("pdffonts", path)
    tinos = [line for line in fonts.splitlines() if "Tinos" in line]
    assert tinos and all(" yes yes " in line for line in tinos)  # embedded subsets


def test_the_qr_holds_the_dossier_code(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(render_form(FormKind.RECEIPT, make_dossier(), UNIT))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
        check=True,
    )
    page = np.asarray(Image.open(tmp_path / "p-1.png").convert("L"))
    assert ZxingQrDecoder().decode(page) == ["000.00.01.H49-261130-0007"]


def test_hours_same_day_post_and_a_representative(pdf_text: Extract) -> None:
    hours = make_dossier(
        processing_time=ProcessingTime(4, TimeUnit.WORKING_HOURS),
        appointment_at=datetime(2026, 11, 30, 14, 35, tzinfo=VIETNAM),
        delivery=ResultDelivery.POST,
        applicant=representative_applicant(),
        sets=2,
    )
    text = _flat(pdf_text(render_form(FormKind.RECEIPT, hours, UNIT)))
    assert "theo quy định là: 4 giờ làm việc" in text
    assert "14 giờ 35 phút, ngày 30 tháng 11 năm 2026" in text
    assert "Nhận qua dịch vụ bưu chính" in text
    assert "tiếp nhận hồ sơ của: LÊ THỊ CÚC (người nộp: ĐỖ VĂN ĐỨC)" in text
    assert "Địa chỉ: Thôn Thử, Xã Mẫu, Quảng Ninh" in text
    assert "Số lượng hồ sơ: 02 (bộ)" in text
    assert "Email: ....." in text  # unknown values leave a line to write on
    same_day = _flat(pdf_text(render_form(FormKind.RECEIPT, make_dossier(same_day=True), UNIT)))
    assert "theo quy định là: Trong ngày" in same_day


def test_mau_02_lists_the_missing_components_by_default(pdf_text: Extract) -> None:
    text = pdf_text(render_form(FormKind.SUPPLEMENT_REQUEST, make_dossier(), UNIT))
    _in_order(
        text,
        [
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            "Mã hồ sơ: 000.00.01.H49-261130-0007",
            "Hồ sơ của: NGUYỄN THỊ THU HƯƠNG",
            "Nội dung yêu cầu giải quyết: Đăng ký thường trú",
            "Ngày 30 tháng 11 năm 2026, Trung tâm Phục vụ hành chính công phường Hồng Gai"
            " đã tiếp nhận hồ sơ",
            "bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
            "1. Giấy tờ về quan hệ nhân thân",
            "Lý do:",
            "liên hệ với",
            "để được hướng dẫn",
            "NGƯỜI HƯỚNG DẪN",
            "(Ký và ghi rõ họ tên)",
        ],
    )
    given = _flat(
        pdf_text(
            render_form(
                FormKind.SUPPLEMENT_REQUEST,
                make_dossier(),
                UNIT,
                items=["Bản sao sổ đỏ có chứng thực", "Chữ ký của chủ hộ"],
                reason="Thiếu giấy tờ chứng minh chỗ ở",
                contact="ông Phạm Văn Giang, số điện thoại 0203 3825 123",
            )
        )
    )
    assert "1. Bản sao sổ đỏ có chứng thực 2. Chữ ký của chủ hộ" in given
    assert "Lý do: Thiếu giấy tờ chứng minh chỗ ở" in given
    assert "liên hệ với ông Phạm Văn Giang, số điện thoại 0203 3825 123 để được" in given


def test_mau_03_states_the_reason(pdf_text: Extract) -> None:
    reason = "Hồ sơ không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường & <xã>"
    text = pdf_text(render_form(FormKind.REFUSAL, make_dossier(), UNIT, reason=reason))
    _in_order(
        text,
        [
            "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            "tiếp nhận hồ sơ của: NGUYỄN THỊ THU HƯƠNG",
            "Nội dung yêu cầu giải quyết: Đăng ký thường trú",
            "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
            reason,
            "Xin thông báo cho Ông/Bà được biết và thực hiện./.",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
        ],
    )


def test_the_2025_set_prints_under_the_dossiers_basis(pdf_text: Extract, tmp_path: Path) -> None:
    dossier = make_dossier(legal_basis="2025")
    path = tmp_path / "r.pdf"
    path.write_bytes(render_form(FormKind.RECEIPT, dossier, UNIT))
    assert "Subject:         Mẫu số 01 — Thông tư 03/2025/TT-VPCP" in poppler("pdfinfo", path)
    text = _flat(pdf_text(path.read_bytes()))
    assert text.count("Mẫu số 01 — Thông tư 03/2025/TT-VPCP") == 2  # the footer, per page
    assert "Liên 1: Lưu kèm Phiếu kiểm soát" in text
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" not in text  # only the configured unit
    assert "Số định danh cá nhân/Mã số thuế: 022088001234" in text
    # The ID card shown at the counter is checked, not submitted.
    shown = make_dossier(
        legal_basis="2025",
        components=(
            *make_dossier().components,
            replace(
                make_dossier().components[0],
                code="TP5",
                name="Thẻ căn cước để xuất trình",
                presentation=Presentation.SHOW_ONLY,
            ),
        ),
    )
    flat = _flat(pdf_text(render_form(FormKind.RECEIPT, shown, UNIT)))
    listed, _, rest = flat.partition("Giấy tờ xuất trình để đối chiếu")
    assert "Thẻ căn cước để xuất trình" not in listed and "Thẻ căn cước" in rest
    expected = {
        FormKind.SUPPLEMENT_REQUEST: ("02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
        FormKind.REFUSAL: ("03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
        FormKind.APOLOGY: ("04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN"),
        FormKind.STOP_NOTICE: ("05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"),
        FormKind.CONTROL_SHEET: ("06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
    }
    for kind, (number, title) in expected.items():
        path.write_bytes(render_form(kind, dossier, UNIT, deciding_agency="Công an phường"))
        assert f"Mẫu số {number} — Thông tư 03/2025/TT-VPCP" in poppler("pdfinfo", path), kind
        assert title in _flat(pdf_text(path.read_bytes())), kind


def test_a_2018_dossier_keeps_the_2018_numbers(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    old = make_dossier(legal_basis="2018")
    path.write_bytes(render_form(FormKind.CONTROL_SHEET, old, UNIT))
    assert "Mẫu số 05 — Thông tư 01/2018/TT-VPCP" in poppler("pdfinfo", path)
    assert legal_basis("2018").kind_for_number("05") is FormKind.CONTROL_SHEET
    assert legal_basis("2025").kind_for_number("05") is FormKind.STOP_NOTICE
    with pytest.raises(UserError):
        render_form(FormKind.STOP_NOTICE, old, UNIT)  # no Mẫu dừng giải quyết in 2018


def test_wording_is_data_an_administrator_overrides(pdf_text: Extract, tmp_path: Path) -> None:
    (tmp_path / "2025.toml").write_text(
        '[receipt]\ntitle = "GIẤY TIẾP NHẬN HỒ SƠ (ĐÃ SỬA)"\n', encoding="utf-8"
    )
    wording = load_wording("2025", tmp_path)
    assert wording.form("receipt")["title"] == "GIẤY TIẾP NHẬN HỒ SƠ (ĐÃ SỬA)"
    assert wording.form("receipt")["signers"]  # the other keys stay
    text = pdf_text(
        render_form(FormKind.RECEIPT, make_dossier(legal_basis="2025"), UNIT, wording_dir=tmp_path)
    )
    assert "GIẤY TIẾP NHẬN HỒ SƠ (ĐÃ SỬA)" in text
    bad = '[receipt]\ntitle = 5\n\n[reciept]\nx = "1"\n[refusal]\nsigner = "{nobody}"\n'
    with pytest.raises(WordingError) as info:
        check_wording(bad, "2025.toml")
    problems = info.value.problems
    assert problems[0].startswith("line 2: receipt.title: expected text")
    assert problems[1].startswith("line 4: reciept: unknown section")
    assert problems[2].startswith("line 7: refusal.signer: unknown placeholder {nobody}")
