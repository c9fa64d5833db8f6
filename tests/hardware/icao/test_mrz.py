"""MRZ parsing against the specimen MRZs of ICAO 9303 Parts 4, 5 and 6."""

from __future__ import annotations

import pytest

from hardware.icao.errors import DataGroupError
from hardware.icao.mrz import parse_dg1, parse_mrz
from hardware.icao.tlv import encode_tlv

TD1 = "I<UTOD231458907<<<<<<<<<<<<<<<7408122F1204159UTO<<<<<<<<<<<6ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<D231458907UTO7408122F1204159<<<<<<<6"
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<L898902C36UTO7408122F1204159ZE184226B<<<<<10"


@pytest.mark.parametrize(("text", "kind"), [(TD1, "TD1"), (TD2, "TD2"), (TD3, "TD3")])
def test_icao_specimens_parse_with_valid_check_digits(text: str, kind: str) -> None:
    mrz = parse_mrz(text)
    assert mrz.format == kind
    assert mrz.checks_valid, mrz.failed_checks
    assert mrz.issuing_state == "UTO"
    assert (mrz.date_of_birth, mrz.date_of_expiry, mrz.sex) == ("740812", "120415", "F")
    assert (mrz.primary_identifier, mrz.secondary_identifier) == ("ERIKSSON", "ANNA MARIA")
    assert mrz.vietnam_id_number is None


def test_td3_personal_number_and_document_number() -> None:
    mrz = parse_mrz(TD3)
    assert mrz.document_number == "L898902C3"
    assert mrz.optional_data == "ZE184226B"


def test_a_changed_character_fails_its_check_digits() -> None:
    mrz = parse_mrz(TD1.replace("7408122", "7408132"))
    assert "date_of_birth" in mrz.failed_checks and "composite" in mrz.failed_checks


def test_long_document_number_continues_in_the_optional_data() -> None:
    # ICAO 9303 Part 5 Appendix: D23145890734 with check digit 9 in the optional data.
    line1 = "I<UTOD23145890<7349<<<<<<<<<<<"
    mrz = parse_mrz(line1 + TD1[30:])
    assert mrz.document_number == "D23145890734"
    assert "document_number" not in mrz.failed_checks


def test_dg1_wrapper_and_vietnamese_id_number() -> None:
    lines = (
        "IDVNM0990123459001099012345<<0",
        "9908154F2408150VNM<<<<<<<<<<<2",
        "NGUYEN<<THI<THU<HUONG<<<<<<<<<",
    )
    dg1 = encode_tlv(0x61, encode_tlv(0x5F1F, "".join(lines).encode()))
    mrz = parse_dg1(dg1)
    assert mrz.vietnam_id_number == "001099012345"
    assert mrz.document_number == "099012345"
    assert mrz.lines == lines


@pytest.mark.parametrize("data", [b"", b"\x61\x03\x5f\x1f", encode_tlv(0x61, b""), b"\x61\x05abc"])
def test_malformed_dg1_is_a_typed_error(data: bytes) -> None:
    with pytest.raises(DataGroupError):
        parse_dg1(data)


def test_wrong_length_is_a_typed_error() -> None:
    with pytest.raises(DataGroupError):
        parse_mrz("P<UTO")
