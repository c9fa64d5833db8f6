"""Check digits and MRZ information (ICAO 9303 Part 3 and Part 11 Appendix D.2)."""

from __future__ import annotations

import pytest

from hardware.icao.mrz_key import (
    can_pace_password,
    check_digit,
    mrz_information,
    mrz_key_seed,
    mrz_pace_password,
)


@pytest.mark.parametrize(
    ("field", "digit"),
    [("L898902C", "3"), ("L898902C<", "3"), ("690806", "1"), ("940623", "6"), ("520727", "3")],
)
def test_check_digits_of_the_icao_specimen(field: str, digit: str) -> None:
    assert check_digit(field) == digit


def test_mrz_information_of_appendix_d() -> None:
    # ICAO 9303 Part 11 Appendix D.2: document L898902C<, born 690806, expires 940623.
    assert mrz_information("L898902C", "690806", "940623") == "L898902C<369080619406236"


def test_k_seed_of_appendix_d() -> None:
    seed = mrz_key_seed("L898902C<369080619406236")
    assert seed.hex().upper() == "239AB9CB282DAF66231DC5A4DF6BFBAE"


def test_vietnamese_document_number_is_nine_digits() -> None:
    info = mrz_information("123456789", "900101", "300101")
    assert info == "123456789" + check_digit("123456789") + "9001011" + "3001019"


def test_long_document_number_is_used_in_full() -> None:
    info = mrz_information("D23145890734", "340712", "950712")
    assert info.startswith("D23145890734" + check_digit("D23145890734"))
    assert len(info) == 12 + 1 + 7 + 7


def test_pace_password_of_appendix_g() -> None:
    # ICAO 9303 Part 11 Appendix G: K = SHA-1(MRZ information) of T22000129 / 640812 / 101031.
    info = mrz_information("T22000129", "640812", "101031")
    assert mrz_pace_password(info).hex().upper() == "7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD"


def test_can_password_is_its_digits() -> None:
    assert can_pace_password("123456") == b"123456"


@pytest.mark.parametrize(
    ("number", "birth", "expiry"),
    [("L898902C!", "690806", "940623"), ("L898902C", "69086", "940623"), ("X", "690806", "9406")],
)
def test_invalid_fields_are_refused(number: str, birth: str, expiry: str) -> None:
    with pytest.raises(ValueError):
        mrz_information(number, birth, expiry)


def test_can_must_be_digits() -> None:
    with pytest.raises(ValueError):
        can_pace_password("12a456")
