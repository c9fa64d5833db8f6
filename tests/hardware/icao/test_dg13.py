"""DG13 of the Vietnamese card: fields by number whatever the layout."""

from __future__ import annotations

import pytest

from hardware.icao.card_access import oid_contents
from hardware.icao.dg13 import Dg13Field, parse_dg13
from hardware.icao.errors import DataGroupError
from hardware.icao.tlv import encode_tlv


def _text(value: str, tag: int = 0x0C) -> bytes:
    return encode_tlv(tag, value.encode())


def _field(number: int, *values: bytes) -> bytes:
    return encode_tlv(0x30, encode_tlv(0x02, bytes([number])) + b"".join(values))


def _dg13(*fields: bytes, in_set: bool = False) -> bytes:
    header = encode_tlv(0x02, b"\x01") + encode_tlv(0x06, oid_contents("1.2.3.4"))
    body = b"".join(fields)
    if in_set:
        body = encode_tlv(0x31, body)
    return encode_tlv(0x6D, encode_tlv(0x30, header + body))


PARENTS_SEPARATE = _field(13, encode_tlv(0x30, _text("CHA")), encode_tlv(0x30, _text("MẸ")))
PARENTS_SHARED = _field(13, encode_tlv(0x30, _text("CHA") + _text("MẸ")))


@pytest.mark.parametrize("parents", [PARENTS_SEPARATE, PARENTS_SHARED])
@pytest.mark.parametrize("in_set", [False, True])
def test_both_parent_layouts_and_a_set_of_fields(parents: bytes, in_set: bool) -> None:
    dg13 = parse_dg13(_dg13(_field(1, _text("001099012345", 0x13)), parents, in_set=in_set))
    assert dg13.text(Dg13Field.ID_NUMBER) == "001099012345"
    assert dg13.texts(Dg13Field.PARENTS) == ("CHA", "MẸ")
    assert dg13.version == 1  # the version INTEGER is not field 1


def test_long_form_lengths_empty_spouse_and_unknown_tags() -> None:
    address = "Số nhà 9, đường Trần Hưng Đạo, " * 40  # > 1000 bytes: length 82 xx xx
    data = _dg13(
        _field(9, _text(address)),
        _field(14, encode_tlv(0x30, b"")),
        encode_tlv(0xA5, b"\x01\x02"),  # an unknown context tag is skipped
        _field(16, _text("ABCDEFGHIJKLMNOP", 0x13)),
        _field(2, _text("NGUYỄN VĂN A")),
        _field(2, _text("duplicate ignored")),
    )
    dg13 = parse_dg13(data)
    assert dg13.text(Dg13Field.PLACE_OF_RESIDENCE) == address.strip()
    assert dg13.texts(Dg13Field.SPOUSE) == ()
    assert dg13.text(Dg13Field.FULL_NAME) == "NGUYỄN VĂN A"
    assert dg13.text(Dg13Field.UNKNOWN_16) == "ABCDEFGHIJKLMNOP"
    assert dg13.raw == data


@pytest.mark.parametrize("data", [b"", b"\x6d\x05\x30\x03\x02", b"\x6e\x02\x30\x00", b"\x6d\x81"])
def test_malformed_dg13_is_a_typed_error(data: bytes) -> None:
    with pytest.raises(DataGroupError):
        parse_dg13(data)
