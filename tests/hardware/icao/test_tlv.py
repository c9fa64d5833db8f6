"""BER-TLV helpers and EF.CardAccess parsing."""

from __future__ import annotations

import pytest

from hardware.icao.card_access import oid_contents, parse_card_access
from hardware.icao.errors import MalformedResponseError
from hardware.icao.tlv import encode_tlv, find_tlv, iter_tlv, require_tlv


@pytest.mark.parametrize(
    ("tag", "length", "header"),
    [(0x87, 5, "8705"), (0x87, 200, "8781C8"), (0x87, 300, "8782012C"), (0x7F49, 3, "7F4903")],
)
def test_lengths_and_tags(tag: int, length: int, header: str) -> None:
    encoded = encode_tlv(tag, b"\x01" * length)
    assert encoded.hex().upper().startswith(header)
    assert list(iter_tlv(encoded)) == [(tag, b"\x01" * length, encoded)]


def test_consecutive_objects() -> None:
    data = encode_tlv(0x87, b"\x01\x02") + encode_tlv(0x99, b"\x90\x00") + encode_tlv(0x8E, b"")
    assert [tag for tag, _, _ in iter_tlv(data)] == [0x87, 0x99, 0x8E]
    assert find_tlv(data, 0x99) == b"\x90\x00"
    assert find_tlv(data, 0x97) is None
    with pytest.raises(MalformedResponseError):
        require_tlv(data, 0x97)


@pytest.mark.parametrize("raw", ["8705010203", "8782", "7F"])
def test_truncated_objects_are_refused(raw: str) -> None:
    with pytest.raises(MalformedResponseError):
        list(iter_tlv(bytes.fromhex(raw)))


def test_card_access_keeps_unknown_protocols() -> None:
    # PACEInfo of Appendix G and a ChipAuthenticationInfo (id-CA-ECDH-AES-CBC-CMAC-128).
    ca_info = "300F060A04007F00070202030202020101"
    pace_info = "3012060A04007F0007020204020202010202010D"
    data = bytes.fromhex("3125" + pace_info + ca_info)
    card_access = parse_card_access(data)
    assert [info.parameter_id for info in card_access.pace_infos] == [13]
    assert card_access.protocols == ("0.4.0.127.0.7.2.2.4.2.2", "0.4.0.127.0.7.2.2.3.2.2")


def test_pace_info_without_parameter_id() -> None:
    data = bytes.fromhex("3111300F060A04007F00070202040202020102")
    (info,) = parse_card_access(data).pace_infos
    assert info.parameter_id is None


@pytest.mark.parametrize("raw", ["", "30020500", "3103020102", "31143012"])
def test_malformed_card_access_is_refused(raw: str) -> None:
    with pytest.raises(MalformedResponseError):
        parse_card_access(bytes.fromhex(raw))


def test_oid_contents() -> None:
    assert oid_contents("0.4.0.127.0.7.2.2.4.2.2").hex().upper() == "04007F00070202040202"
