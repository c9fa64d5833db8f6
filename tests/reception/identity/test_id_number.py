"""Tests of the 12-digit ID number checks. All numbers are invented."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reception.identity.citizen import Sex
from reception.identity.id_number import (
    ID_NUMBER_WARNINGS,
    PROVINCE_CODES,
    century_and_sex,
    century_sex_digit,
    check_id_number,
    implied_birth_year,
    is_well_formed,
)


def test_province_table_has_the_63_provinces() -> None:
    assert len(PROVINCE_CODES) == 63
    assert all(len(code) == 3 and code.isdigit() for code in PROVINCE_CODES)
    assert PROVINCE_CODES["001"] == "Hà Nội"
    assert PROVINCE_CODES["022"] == "Quảng Ninh"
    assert PROVINCE_CODES["079"] == "Hồ Chí Minh"
    assert PROVINCE_CODES["096"] == "Cà Mau"
    assert "003" not in PROVINCE_CODES


@pytest.mark.parametrize(
    ("digit", "century", "sex"),
    [
        ("0", 1900, Sex.MALE),
        ("1", 1900, Sex.FEMALE),
        ("2", 2000, Sex.MALE),
        ("3", 2000, Sex.FEMALE),
        ("4", 2100, Sex.MALE),
        ("5", 2100, Sex.FEMALE),
        ("8", 2300, Sex.MALE),
        ("9", 2300, Sex.FEMALE),
    ],
)
def test_century_and_sex(digit: str, century: int, sex: Sex) -> None:
    assert century_and_sex(digit) == (century, sex)
    assert century_sex_digit(century + 42, sex) == digit


@pytest.mark.parametrize("digit", ["", "a", "12", "٣", " "])
def test_century_and_sex_rejects_non_digits(digit: str) -> None:
    with pytest.raises(ValueError):
        century_and_sex(digit)


@pytest.mark.parametrize("year", [1899, 2400])
def test_century_sex_digit_rejects_unencodable_years(year: int) -> None:
    with pytest.raises(ValueError):
        century_sex_digit(year, Sex.MALE)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("001085012345", True),
        ("00108501234", False),
        ("0010850123456", False),
        ("00108501234a", False),
        ("００１０８５０１２３４５", False),  # full-width digits are not ASCII digits
        (" 001085012345", False),
    ],
)
def test_is_well_formed(text: str, ok: bool) -> None:
    assert is_well_formed(text) is ok


def test_implied_birth_year() -> None:
    assert implied_birth_year("001085012345") == 1985
    assert implied_birth_year("079305000001") == 2005
    with pytest.raises(ValueError):
        implied_birth_year("123")


@pytest.mark.parametrize(
    ("id_number", "dob", "sex", "codes"),
    [
        ("001085012345", date(1985, 3, 15), Sex.MALE, []),
        ("079305000001", date(2005, 1, 1), Sex.FEMALE, []),
        ("001085012345", None, None, []),
        ("003085012345", date(1985, 3, 15), Sex.MALE, ["id_province_unknown"]),
        ("001185012345", date(1985, 3, 15), Sex.MALE, ["id_sex_mismatch"]),
        ("001285012345", date(1985, 3, 15), Sex.MALE, ["id_century_mismatch"]),
        ("001086012345", date(1985, 3, 15), Sex.MALE, ["id_birth_year_mismatch"]),
        ("001086012345", date(1985, 3, 15), None, ["id_birth_year_mismatch"]),
        ("001185012345", None, Sex.MALE, ["id_sex_mismatch"]),
        (
            "099386012345",
            date(1985, 3, 15),
            Sex.MALE,
            [
                "id_province_unknown",
                "id_century_mismatch",
                "id_birth_year_mismatch",
                "id_sex_mismatch",
            ],
        ),
        ("12345", date(1985, 3, 15), Sex.MALE, ["id_number_malformed"]),
    ],
)
def test_check_id_number(
    id_number: str, dob: date | None, sex: Sex | None, codes: list[str]
) -> None:
    warnings = check_id_number(id_number, dob, sex)
    assert [w.code for w in warnings] == codes
    assert all(w.code in ID_NUMBER_WARNINGS for w in warnings)


def test_warnings_do_not_carry_the_values() -> None:
    warnings = check_id_number("099386012345", date(1985, 3, 15), Sex.MALE)
    assert not any(
        fragment in str(w) or fragment in w.args
        for w in warnings
        for fragment in ("099", "1985", "86")
    )


@given(
    province=st.sampled_from(sorted(PROVINCE_CODES)),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2399, 12, 31)),
    sex=st.sampled_from(Sex),
    serial=st.integers(min_value=0, max_value=999_999),
)
def test_a_consistent_number_gives_no_warning(
    province: str, birth: date, sex: Sex, serial: int
) -> None:
    id_number = f"{province}{century_sex_digit(birth.year, sex)}{birth.year % 100:02d}{serial:06d}"
    assert check_id_number(id_number, birth, sex) == ()
    assert implied_birth_year(id_number) == birth.year
    assert century_and_sex(id_number[3])[1] is sex


@given(st.text(max_size=20), st.none() | st.dates(), st.none() | st.sampled_from(Sex))
def test_check_never_raises(text: str, dob: date | None, sex: Sex | None) -> None:
    assert isinstance(check_id_number(text, dob, sex), tuple)
