"""Tests of the CCCD QR payload parser. Every person and number here is invented."""

from __future__ import annotations

import dataclasses
import unicodedata
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reception.errors import UserError
from reception.identity.citizen import CitizenIdentity, Sex
from reception.identity.id_number import PROVINCE_CODES, century_sex_digit
from reception.intake.qr_payload import (
    LAYOUTS,
    QrParseResult,
    QrPayloadError,
    format_qr_payload,
    parse_qr_payload,
)

TODAY = date(2026, 6, 1)
ID = "001085012345"  # Hà Nội, man born 1985
CMND = "012345678"
NAME = "NGUYỄN VĂN AN"
ADDRESS = "Số 12 Ngõ 34, Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội"
VALID = f"{ID}|{CMND}|{NAME}|15031985|Nam|{ADDRESS}|20042021"
EXPECTED = CitizenIdentity(
    id_number=ID,
    full_name=NAME,
    date_of_birth=date(1985, 3, 15),
    sex=Sex.MALE,
    place_of_residence=ADDRESS,
    issue_date=date(2021, 4, 20),
    old_id_number=CMND,
)
WOMAN_ID = "079190000042"  # Hồ Chí Minh, woman born 1990


def parse(text: str) -> QrParseResult:
    return parse_qr_payload(text, today=TODAY)


def codes(result: QrParseResult) -> list[str]:
    return [w.code for w in result.warnings]


@pytest.mark.parametrize(
    ("text", "layout", "changes"),
    [
        pytest.param(VALID, "cccd_2021", {}, id="canonical"),
        pytest.param(
            f"{ID}||{NAME}|15031985|Nam|{ADDRESS}|20042021",
            "cccd_2021",
            {"old_id_number": None},
            id="empty-cmnd",
        ),
        pytest.param(
            f"{ID}|001085000999|{NAME}|15031985|Nam|{ADDRESS}|20042021",
            "cccd_2021",
            {"old_id_number": "001085000999"},
            id="12-digit-old-number",
        ),
        pytest.param(
            f"{ID}|{NAME}|15031985|Nam|{ADDRESS}|20042021",
            "cccd_2021_no_cmnd",
            {"old_id_number": None},
            id="six-fields",
        ),
        pytest.param(
            f"{ID}|{CMND}|{NAME}|15/03/1985|Nam|{ADDRESS}|20/04/2021",
            "cccd_2021",
            {},
            id="slashed-dates",
        ),
        pytest.param(
            f"{ID}|{CMND}|{NAME}|15/3/1985|Nam|{ADDRESS}|2021-04-20", "cccd_2021", {}, id="dates"
        ),
        pytest.param(VALID + "|", "cccd_2021", {}, id="trailing-pipe"),
        pytest.param(VALID + "||\r\n", "cccd_2021", {}, id="trailing-pipes-crlf"),
        pytest.param(f"  \t{VALID}\n ", "cccd_2021", {}, id="whitespace"),
        pytest.param("\ufeff" + VALID, "cccd_2021", {}, id="bom"),
        pytest.param("ï»¿" + VALID, "cccd_2021", {}, id="bom-as-cp1252"),
        pytest.param(unicodedata.normalize("NFD", VALID), "cccd_2021", {}, id="nfd-to-nfc"),
        pytest.param(
            VALID.replace(NAME, " NGUYỄN  VĂN\tAN ").replace("|15031985", " | 15031985 "),
            "cccd_2021",
            {},
            id="collapsed-whitespace",
        ),
        pytest.param(
            VALID.replace(NAME, "Nguyễn Văn An"),
            "cccd_2021",
            {"full_name": "Nguyễn Văn An"},
            id="mixed-case-name-kept",
        ),
        pytest.param(VALID.replace("|Nam|", "|NAM|"), "cccd_2021", {}, id="upper-case-sex"),
        pytest.param(
            f"{WOMAN_ID}||TRẦN THỊ BÌNH|01011990|nữ|{ADDRESS}|20042021",
            "cccd_2021",
            {
                "id_number": WOMAN_ID,
                "full_name": "TRẦN THỊ BÌNH",
                "date_of_birth": date(1990, 1, 1),
                "sex": Sex.FEMALE,
                "old_id_number": None,
            },
            id="woman-lower-case-sex",
        ),
        pytest.param(
            VALID + "|001085000999|NGUYỄN VĂN BA|LÊ THỊ CA",
            "can_cuoc_2024",
            {
                "extras": {
                    "field_8": "001085000999",
                    "field_9": "NGUYỄN VĂN BA",
                    "field_10": "LÊ THỊ CA",
                }
            },
            id="2024-extras",
        ),
        pytest.param(
            VALID + "||LÊ THỊ CA|",
            "can_cuoc_2024",
            {"extras": {"field_8": "", "field_9": "LÊ THỊ CA"}},
            id="2024-empty-extra-kept",
        ),
        pytest.param(
            f"{ID}|{NAME}|15031985|Nam|{ADDRESS}|20042021|NGUYỄN VĂN BA",
            "can_cuoc_2024_no_cmnd",
            {"old_id_number": None, "extras": {"field_7": "NGUYỄN VĂN BA"}},
            id="2024-no-cmnd-extras",
        ),
        pytest.param(
            f"Số CCCD: {ID}\nSố CMND: {CMND}\nHọ và tên: {NAME}\nNgày sinh: 15/03/1985\n"
            f"Giới tính: Nam\nNơi thường trú: {ADDRESS}\nNgày cấp: 20/04/2021\n",
            "labelled",
            {},
            id="labelled-lines",
        ),
        pytest.param(
            f"SO CCCD:{ID}|so cmnd: {CMND}|HO VA TEN: {NAME}|NGAY SINH: 15031985|"
            f"GIOI TINH: Nam|NOI THUONG TRU: {ADDRESS}|NGAY CAP: 20042021",
            "labelled",
            {},
            id="labelled-pipes-no-diacritics",
        ),
        pytest.param(
            f"số cccd： {ID}\r\nHỌ VÀ TÊN: {NAME}\r\nngày sinh: 15/03/1985\r\n"
            f"giới tính: Nam\r\nQuê quán: Nam Định\r\nnơi cư trú: {ADDRESS}",
            "labelled",
            {
                "old_id_number": None,
                "issue_date": None,
                "extras": {"label_que_quan": "Nam Định"},
            },
            id="labelled-crlf-unknown-label-partial",
        ),
    ],
)
def test_layouts(text: str, layout: str, changes: dict[str, object]) -> None:
    result = parse(text)
    expected = CitizenIdentity.from_json_dict({**EXPECTED.to_json_dict(), **_iso(changes)})
    assert result.layout == layout
    assert result.identity == expected
    assert result.raw == text
    allowed = {"layout_unconfirmed", "issue_date_missing"}
    assert set(codes(result)) <= allowed


def _iso(changes: dict[str, object]) -> dict[str, object]:
    """``changes`` in the JSON form of CitizenIdentity, so one constructor builds both."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in changes.items()}


def test_unconfirmed_layout_is_flagged() -> None:
    result = parse(VALID + "|X")
    assert "layout_unconfirmed" in codes(result)
    assert not next(lo for lo in LAYOUTS if lo.name == result.layout).confirmed


def test_empty_issue_date_is_a_warning() -> None:
    result = parse(VALID.removesuffix("20042021"))
    assert result.layout == "cccd_2021"
    assert result.identity.issue_date is None
    assert codes(result) == ["issue_date_missing"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param(" \r\n\t", id="blank"),
        pytest.param("\ufeff", id="bom-only"),
        pytest.param("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html", id="url"),
        pytest.param("www.example.vn/" + VALID, id="www"),
        pytest.param(
            "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA"
            "53037045802VN63041D3A",
            id="vietqr",
        ),
        pytest.param("WIFI:S:Quay1;T:WPA;P:secret;;", id="wifi"),
        pytest.param("BEGIN:VCARD\nVERSION:3.0\nN:An\nEND:VCARD", id="vcard"),
        pytest.param(ID, id="id-number-alone"),
        pytest.param(ID + "|", id="id-number-and-pipe"),
        pytest.param(f"{ID}|{NAME}", id="two-fields"),
        pytest.param("xin chào, đây không phải mã QR căn cước", id="text"),
        pytest.param("hello|world|foo|bar|baz|qux|quux", id="seven-words"),
        pytest.param(VALID.replace(ID, ID[:-1]), id="11-digit-id"),
        pytest.param(VALID.replace(ID, ID[:-1] + "O"), id="letter-in-id"),
        pytest.param(VALID.replace("15031985", "1985"), id="year-only-dob"),
        pytest.param(VALID.replace("15031985", "không rõ"), id="text-dob"),
        pytest.param(VALID.replace(CMND, "CMND"), id="text-cmnd"),
        pytest.param(VALID.replace(NAME, ""), id="empty-name"),
        pytest.param(VALID.replace(NAME, "123 456"), id="numeric-name"),
        pytest.param(VALID.replace("|20042021", "|hôm nay"), id="text-issue-date"),
        pytest.param(VALID + "\n" + VALID, id="two-scans"),
        pytest.param(VALID.replace("|", ";"), id="wrong-separator"),
        pytest.param(VALID + "|" + "x" * 3000, id="too-long"),
        pytest.param(f"Số CCCD: {ID[:-1]}\nHọ và tên: {NAME}", id="labelled-short-id"),
        pytest.param(f"Số CCCD: {ID}\nNgày sinh: 15/03/1985", id="labelled-no-name"),
        pytest.param("Tên: NGUYỄN VĂN AN\nĐịa chỉ: Hà Nội", id="labelled-no-id"),
        pytest.param("Mã hồ sơ: 000.00.00.H00-260601-0001", id="other-labelled"),
    ],
)
def test_rejections(text: str) -> None:
    with pytest.raises(QrPayloadError) as caught:
        parse(text)
    assert caught.value.code == "not_id_qr"
    assert isinstance(caught.value, UserError)
    assert caught.value.reason and caught.value.reason == str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected_codes", "changes"),
    [
        pytest.param(VALID.replace(ID, "001285012345"), ["id_century_mismatch"], {}, id="century"),
        pytest.param(
            VALID.replace(ID, "001084012345"), ["id_birth_year_mismatch"], {}, id="birth-year"
        ),
        pytest.param(VALID.replace(ID, "001185012345"), ["id_sex_mismatch"], {}, id="sex-digit"),
        pytest.param(VALID.replace(ID, "003085012345"), ["id_province_unknown"], {}, id="province"),
        pytest.param(
            VALID.replace("15031985", "31021985"),
            ["date_of_birth_invalid"],
            {"date_of_birth": None},
            id="impossible-dob",
        ),
        pytest.param(
            VALID.replace("15031985", "00001985"),
            ["date_of_birth_invalid"],
            {"date_of_birth": None},
            id="zero-day-and-month",
        ),
        pytest.param(
            VALID.replace("20042021", "31042021"),
            ["issue_date_invalid"],
            {"issue_date": None},
            id="impossible-issue-date",
        ),
        pytest.param(
            VALID.replace("20042021", "20041984"),
            ["issue_date_before_birth"],
            {"issue_date": date(1984, 4, 20)},
            id="issued-before-birth",
        ),
        pytest.param(
            VALID.replace("20042021", "02062026"),
            ["issue_date_in_future"],
            {"issue_date": date(2026, 6, 2)},
            id="issued-tomorrow",
        ),
        pytest.param(
            VALID.replace("20042021", "01062026"),
            [],
            {"issue_date": date(2026, 6, 1)},
            id="issued-today",
        ),
        pytest.param(
            VALID.replace(ID, "001227012345").replace("15031985", "15032027"),
            ["date_of_birth_in_future", "issue_date_before_birth"],
            {"id_number": "001227012345", "date_of_birth": date(2027, 3, 15)},
            id="born-in-future",
        ),
        pytest.param(
            VALID.replace("|Nam|", "|X|"),
            ["sex_unrecognised"],
            {"sex": None},
            id="sex-text",
        ),
        pytest.param(
            VALID.replace("|Nam|", "||"), ["sex_unrecognised"], {"sex": None}, id="no-sex"
        ),
        pytest.param(
            VALID.replace(ID, "001185012345").replace("|Nam|", "|Nu|"),
            ["sex_spelling"],
            {"id_number": "001185012345", "sex": Sex.FEMALE},
            id="sex-without-diacritics",
        ),
        pytest.param(
            VALID.replace(CMND, "01234567"),
            ["old_id_number_invalid"],
            {"old_id_number": "01234567"},
            id="8-digit-cmnd",
        ),
        pytest.param(
            f"Số CCCD: {ID}\nSố CMND: chưa có\nHọ và tên: {NAME}\nNgày sinh: 15/03/1985\n"
            f"Giới tính: Nam\nNơi thường trú: {ADDRESS}\nNgày cấp: 20/04/2021",
            ["old_id_number_invalid"],
            {"old_id_number": None, "extras": {"old_id_number_text": "chưa có"}},
            id="labelled-text-cmnd",
        ),
    ],
)
def test_warnings(text: str, expected_codes: list[str], changes: dict[str, object]) -> None:
    result = parse(text)
    assert codes(result) == expected_codes
    for name, value in changes.items():
        actual = getattr(result.identity, name)
        assert (dict(actual) if name == "extras" else actual) == value
    # Warnings name what disagrees, never the personal values themselves.
    assert not any(NAME in str(w) or ID in str(w) or "1985" in str(w) for w in result.warnings)


def test_format_qr_payload_is_the_2021_layout() -> None:
    assert format_qr_payload(EXPECTED) == VALID
    assert parse(format_qr_payload(EXPECTED)).identity == EXPECTED


# --- property-based tests ---------------------------------------------------------

_LETTERS = (
    "ABCDEGHIKLMNOPQRSTUVXYĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)
_WORD = st.text(alphabet=_LETTERS + _LETTERS.lower(), min_size=1, max_size=7)
_ADDRESS_WORD = st.text(alphabet=_LETTERS + _LETTERS.lower() + "0123456789,./-", min_size=1)


@st.composite
def synthetic_identities(draw: st.DrawFn) -> CitizenIdentity:
    """An invented person whose ID number agrees with their date of birth and sex."""
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    sex = draw(st.sampled_from(Sex))
    serial = draw(st.integers(min_value=0, max_value=999_999))
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    id_number = f"{province}{century_sex_digit(born.year, sex)}{born.year % 100:02d}{serial:06d}"
    old = draw(st.none() | st.from_regex(r"[0-9]{9}|[0-9]{12}", fullmatch=True))
    return CitizenIdentity(
        id_number=id_number,
        full_name=" ".join(draw(st.lists(_WORD, min_size=1, max_size=5))),
        date_of_birth=born,
        sex=sex,
        place_of_residence=" ".join(draw(st.lists(_ADDRESS_WORD, min_size=1, max_size=12))),
        issue_date=draw(st.dates(min_value=born, max_value=TODAY)),
        old_id_number=old,
    )


def _dmy(value: date | None, sep: str) -> str:
    assert value is not None
    return f"{value.day:02d}{sep}{value.month:02d}{sep}{value.year:04d}"


def _payload(identity: CitizenIdentity, variant: str) -> str:
    """The payload written independently of the parser, in one of the known variants."""
    sex = identity.sex.value if identity.sex else ""
    sep = "/" if variant == "slashed" else ""
    fields = [
        identity.id_number,
        identity.old_id_number or "",
        identity.full_name,
        _dmy(identity.date_of_birth, sep),
        sex,
        identity.place_of_residence or "",
        _dmy(identity.issue_date, sep),
    ]
    if variant == "labelled":
        labels = ["Số CCCD", "Số CMND", "Họ và tên", "Ngày sinh", "Giới tính"]
        labels += ["Nơi thường trú", "Ngày cấp"]
        return "\n".join(f"{label}: {value}" for label, value in zip(labels, fields, strict=True))
    return "|".join(fields) + ("|\r\n" if variant == "trailing" else "")


@given(synthetic_identities(), st.sampled_from(["plain", "slashed", "trailing", "labelled"]))
def test_valid_payloads_round_trip(identity: CitizenIdentity, variant: str) -> None:
    result = parse(_payload(identity, variant))
    assert result.identity == identity
    assert result.warnings == ()


@given(synthetic_identities())
def test_six_field_payloads_round_trip(identity: CitizenIdentity) -> None:
    fields = format_qr_payload(identity).split("|")
    del fields[1]
    result = parse("|".join(fields))
    assert result.layout == "cccd_2021_no_cmnd"
    assert result.identity.to_json_dict() == {**identity.to_json_dict(), "old_id_number": None}


def _parse_or_reject(text: str) -> None:
    try:
        result = parse(text)
    except QrPayloadError as error:
        assert error.code == "not_id_qr"
    else:
        assert result.raw == text
        assert len(result.identity.id_number) == 12


@settings(max_examples=300)
@given(st.text())
def test_random_text_is_parsed_or_rejected(text: str) -> None:
    _parse_or_reject(text)


@settings(max_examples=300)
@given(st.text(alphabet="0123456789|/:\r\n NamNữSốCCD-.", max_size=120))
def test_payload_like_text_is_parsed_or_rejected(text: str) -> None:
    _parse_or_reject(text)


_MUTATIONS = ["delete", "duplicate_pipe", "delete_pipe", "truncate", "insert", "replace"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(synthetic_identities(), st.data())
def test_mutated_payloads_are_parsed_or_rejected(
    identity: CitizenIdentity, data: st.DataObject
) -> None:
    text = format_qr_payload(identity)
    for mutation in data.draw(st.lists(st.sampled_from(_MUTATIONS), min_size=1, max_size=4)):
        pipes = [i for i, c in enumerate(text) if c == "|"]
        at = data.draw(st.integers(min_value=0, max_value=max(len(text) - 1, 0)))
        if mutation == "delete":
            text = text[:at] + text[at + 1 :]
        elif mutation in ("duplicate_pipe", "delete_pipe") and pipes:
            p = data.draw(st.sampled_from(pipes))
            text = text[:p] + ("||" if mutation == "duplicate_pipe" else "") + text[p + 1 :]
        elif mutation == "truncate":
            text = text[:at]
        elif mutation == "insert":
            text = text[:at] + data.draw(st.characters()) + text[at:]
        elif mutation == "replace":
            text = text[:at] + data.draw(st.characters()) + text[at + 1 :]
    _parse_or_reject(text)


@pytest.mark.parametrize("placeholder", ["---", "-", "—", "N/A", "null", "___", "..."])
def test_placeholders_written_by_scanner_software_are_empty_fields(placeholder: str) -> None:
    text = f"{ID}|{placeholder}|{NAME}|15031985|Nam|{ADDRESS}|20042021"
    result = parse(text)
    assert result.layout == "cccd_2021"
    assert result.identity == dataclasses.replace(EXPECTED, old_id_number=None)
    assert result.raw == text  # the raw string is kept as scanned
    assert codes(result) == []


def test_a_placeholder_address_or_issue_date_is_missing_not_invalid() -> None:
    result = parse(f"{ID}|---|{NAME}|15031985|Nam|---|---")
    assert result.identity.place_of_residence is None and result.identity.issue_date is None
    assert codes(result) == ["issue_date_missing"]


def test_a_placeholder_is_no_name_and_no_date_of_birth() -> None:
    with pytest.raises(QrPayloadError):
        parse(f"{ID}|{CMND}|---|15031985|Nam|{ADDRESS}|20042021")
    with pytest.raises(QrPayloadError):
        parse(f"{ID}|{CMND}|{NAME}|---|Nam|{ADDRESS}|20042021")


def test_a_labelled_placeholder_is_empty() -> None:
    result = parse(f"Số CCCD: {ID}\nSố CMND: ---\nHọ và tên: {NAME}\nNgày sinh: 15/03/1985")
    assert result.identity.old_id_number is None
    assert "old_id_number_invalid" not in codes(result)


@pytest.mark.parametrize(
    "name",
    ["<b>NGUYỄN VĂN AN</b>", "NGUYỄN <i>VĂN</i> AN", "NGUYỄN&nbsp;VĂN AN", "AN<br/>", "AN &#39;"],
)
def test_markup_in_a_name_is_kept_as_plain_text_and_flagged(name: str) -> None:
    result = parse(f"{ID}|{CMND}|{name}|15031985|Nam|{ADDRESS}|20042021")
    assert result.identity.full_name == " ".join(name.split())  # verbatim, never rendered
    [warning] = [w for w in result.warnings if w.code == "markup_in_text"]
    assert warning.args == ("full_name",) and warning.detail == "full_name"


def test_markup_in_the_address_is_flagged_and_plain_text_is_not() -> None:
    result = parse(f"{ID}|{CMND}|{NAME}|15031985|Nam|Số 5 <font>Lê Lợi</font>|20042021")
    assert [w.args for w in result.warnings if w.code == "markup_in_text"] == [
        ("place_of_residence",)
    ]
    plain = parse(f"{ID}|{CMND}|{NAME}|15031985|Nam|Số 5 < 7 & 8 Lê Lợi|20042021")
    assert "markup_in_text" not in codes(plain)
