"""Tests of the detection and repair of text garbled by keyboard-wedge scanners.

The garbled inputs are produced here from invented people, the way the faulty
decoders would produce them, rather than pasted in as opaque strings.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reception.identity.citizen import CitizenIdentity, Sex
from reception.intake.qr_payload import QrParseResult, format_qr_payload, parse_qr_payload
from reception.intake.wedge_garbling import (
    VIETNAMESE_LETTERS,
    TextProblem,
    assess_text_integrity,
    detect_problems,
    repair_mojibake,
)

TODAY = date(2026, 6, 1)
NAME = "TRẦN THỊ HÀ"
ADDRESS = "Thôn Đông, Xã Hà Châu, Huyện Phú Bình, Thái Nguyên"
PERSON = CitizenIdentity(
    id_number="019190000042",  # Thái Nguyên, woman born 1990
    full_name=NAME,
    date_of_birth=date(1990, 1, 1),
    sex=Sex.FEMALE,
    place_of_residence=ADDRESS,
    issue_date=date(2021, 4, 20),
)
PAYLOAD = format_qr_payload(PERSON)
STRUCTURED = ("id_number", "date_of_birth", "issue_date", "sex")


def garble(text: str, codec: str) -> str:
    """UTF-8 bytes decoded byte by byte through a single-byte code page; bytes the code
    page leaves undefined pass through as the same code point (as many decoders do)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def parse(text: str) -> QrParseResult:
    return parse_qr_payload(text, today=TODAY)


def test_clean_payload() -> None:
    verdict = assess_text_integrity(parse(PAYLOAD))
    assert verdict.is_clean
    assert verdict.fields_to_check == ()
    assert verdict.repaired_identity is None
    assert verdict.reliable_fields == STRUCTURED


@pytest.mark.parametrize("codec", ["cp1252", "latin-1", "mac_roman", "cp1258"])
def test_whole_payload_mojibake_is_repaired(codec: str) -> None:
    garbled = garble(PAYLOAD, codec)
    assert garbled != PAYLOAD
    result = parse(garbled)
    assert result.identity.id_number == PERSON.id_number
    assert result.identity.date_of_birth == PERSON.date_of_birth

    verdict = assess_text_integrity(result)
    assert verdict.repaired_identity == PERSON  # the sex is recovered too
    assert set(verdict.repaired_fields) == {"full_name", "place_of_residence", "sex"}
    assert verdict.fields_to_check == ()
    by_field = {f.field: f for f in verdict.suspect_fields}
    assert TextProblem.MOJIBAKE in by_field["full_name"].problems
    assert by_field["sex"].problems == (TextProblem.UNREADABLE,)
    assert all(f.repair and "UTF-8 read as" in f.repair for f in verdict.suspect_fields)
    assert set(verdict.reliable_fields) == {"id_number", "date_of_birth", "issue_date"}


def test_the_example_from_the_brief() -> None:
    assert garble("Nguyễn", "cp1252") == "Nguyá»…n"
    repaired = repair_mojibake("Nguyá»…n")
    assert repaired is not None
    assert (repaired.text, repaired.description) == ("Nguyễn", "UTF-8 read as CP1252/Latin-1")
    assert repaired.certain


def test_double_mojibake_is_repaired() -> None:
    twice = garble(garble(NAME, "cp1252"), "cp1252")
    repaired = repair_mojibake(twice)
    assert repaired is not None
    assert repaired.text == NAME
    assert "then" in repaired.description


def test_mojibake_in_one_field_only_is_repaired_per_field() -> None:
    # Address intact, name garbled: the whole payload cannot be decoded back, the name can.
    text = PAYLOAD.replace(NAME, garble("NGUYỄN THỊ BÍCH", "cp1252"))
    verdict = assess_text_integrity(parse(text))
    assert verdict.repaired_fields == ("full_name",)
    assert verdict.fields_to_check == ()
    assert verdict.repaired_identity is not None
    assert verdict.repaired_identity.full_name == "NGUYỄN THỊ BÍCH"
    assert verdict.repaired_identity.place_of_residence == ADDRESS


def test_shift_jis_garbling_is_flagged_not_repaired() -> None:
    garbled = PAYLOAD.encode("utf-8").decode("shift_jis", errors="replace")
    verdict = assess_text_integrity(parse(garbled))
    by_field = {f.field: f for f in verdict.suspect_fields}
    assert TextProblem.CJK_CHARACTERS in by_field["full_name"].problems
    assert TextProblem.CJK_CHARACTERS in by_field["place_of_residence"].problems
    assert set(verdict.fields_to_check) == {"full_name", "place_of_residence", "sex"}
    assert verdict.repaired_identity is None
    assert {"id_number", "date_of_birth", "issue_date"} <= set(verdict.reliable_fields)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        pytest.param("TR?N TH? H?", TextProblem.REPLACEMENT_CHARACTERS, id="question-marks"),
        pytest.param("TR\ufffdN TH\ufffd H\ufffd", TextProblem.REPLACEMENT_CHARACTERS, id="fffd"),
        pytest.param("Nguye^~n Thi. Ha`", TextProblem.INPUT_METHOD_LEFTOVERS, id="viqr"),
        pytest.param("Nguye64n Thi5 Ha2", TextProblem.INPUT_METHOD_LEFTOVERS, id="vni"),
        pytest.param("Nguyeenx Thij Haf", TextProblem.INPUT_METHOD_LEFTOVERS, id="telex"),
        pytest.param("DDawngj Thij Haf", TextProblem.INPUT_METHOD_LEFTOVERS, id="telex-dd"),
        pytest.param("TRN TH H", TextProblem.LOST_CHARACTERS, id="lost-letters"),
        pytest.param("TRẦN THá» HÀ", TextProblem.MOJIBAKE, id="partial-mojibake"),
        pytest.param("TRẦN THỊ 蘯", TextProblem.CJK_CHARACTERS, id="cjk"),
    ],
)
def test_garbled_name_is_flagged(name: str, problem: TextProblem) -> None:
    verdict = assess_text_integrity(parse(PAYLOAD.replace(NAME, name)))
    assert [f.field for f in verdict.suspect_fields][:1] == ["full_name"]
    assert problem in verdict.suspect_fields[0].problems
    assert "full_name" in verdict.fields_to_check
    assert "id_number" in verdict.reliable_fields
    assert "date_of_birth" in verdict.reliable_fields


def test_lost_diacritics_are_flagged_when_every_field_is_ascii() -> None:
    undotted = PAYLOAD.replace("Đ", "D").replace("đ", "d")
    ascii_only = unicodedata.normalize("NFD", undotted).encode("ascii", "ignore").decode()
    verdict = assess_text_integrity(parse(ascii_only))
    assert {f.field for f in verdict.suspect_fields} >= {"full_name", "place_of_residence"}
    assert all(TextProblem.DIACRITICS_MISSING in f.problems for f in verdict.suspect_fields)


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        # The 0xA0 byte of "à"/"Ạ" arrives as a no-break space that the parser collapses.
        ("NGUYỄN THỊ HẠNH", "NGUYỄN THỊ HẠNH"),
        ("Hoàng Thị Hà", "Hoàng Thị Hà"),  # inside a word and at the very end
        ("NGUYỄN THỊ ƠN", "NGUYỄN THỊ ƠN"),
        # A real space right after it merges away: the guess then misses it.
        ("Trần Hà An", "Trần HàAn"),
    ],
)
def test_collapsed_no_break_space_is_guessed_back(original: str, expected: str) -> None:
    text = PAYLOAD.replace(NAME, garble(original, "cp1252")).replace(ADDRESS, "Thái Nguyên")
    verdict = assess_text_integrity(parse(text))
    (name,) = (f for f in verdict.suspect_fields if f.field == "full_name")
    assert name.repaired_text == expected
    assert not name.repair_certain
    assert name.needs_check
    assert name.repair is not None and "guessed" in name.repair


def test_garbled_sex_is_unreadable() -> None:
    verdict = assess_text_integrity(parse(PAYLOAD.replace("|Nữ|", "|N?|")))
    assert verdict.fields_to_check == ("sex",)
    assert "sex" not in verdict.reliable_fields


def test_garbled_extras_of_the_2024_layout_are_flagged() -> None:
    text = PAYLOAD + "||" + garble("LÊ VĂN BA", "cp1252").replace("Ê", "?")
    verdict = assess_text_integrity(parse(text))
    assert "extras.field_9" in [f.field for f in verdict.suspect_fields]


@pytest.mark.parametrize(
    "name",
    ["TRẦN THỊ HÀ", "Nguyễn Văn An", "KSOR H'MAI", "ĐẶNG NGỌC THƯ", "HOÀNG TRUNG", "LÒ VĂN PÁO"],
)
def test_real_looking_names_are_clean(name: str) -> None:
    assert detect_problems(name, is_name=True) == ()
    assert repair_mojibake(name) is None


@pytest.mark.parametrize(
    "address",
    [
        ADDRESS,
        "Số 12/3A Đường Lê Lợi, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh",
        "Tổ 5, Khu phố 2 – Phường 7, Thành phố Vũng Tàu",
        "Lô A12B Chung cư Hoa Sen, Phường 9, Quận 3, TP. Hồ Chí Minh",
    ],
)
def test_real_looking_addresses_are_clean(address: str) -> None:
    assert detect_problems(address) == ()


_LETTERS = "".join(sorted(VIETNAMESE_LETTERS)) + "ABCDEGHIKLMNOPQRSTUVXYabcdeghiklmnopqrstuvxy"
_NAME_CHARACTERS = frozenset(VIETNAMESE_LETTERS) | frozenset("’‘–")
_TEXT = st.lists(st.text(alphabet=_LETTERS, min_size=1, max_size=7), min_size=1, max_size=6).map(
    " ".join
)


@given(_TEXT)
def test_correct_vietnamese_is_never_repaired(text: str) -> None:
    assert repair_mojibake(text) is None


@given(_TEXT, st.sampled_from(["cp1252", "latin-1", "mac_roman", "cp1258"]))
def test_single_byte_mojibake_round_trips(text: str, codec: str) -> None:
    assume(not text.isascii())
    garbled = garble(text, codec)
    # Garbling that only yields Vietnamese letters and the punctuation of names (e.g. "Ò"
    # read as CP1252 gives "Ã’") is ambiguous: refusing to "repair" it is right.
    assume(any(not ch.isascii() and ch not in _NAME_CHARACTERS for ch in garbled))
    repaired = repair_mojibake(garbled)
    assert repaired is not None
    assert repaired.text == text
    assert repaired.certain
