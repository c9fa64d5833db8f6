"""Every parser of chip data answers malformed bytes with its one typed error, never a crash."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hardware.icao.data_groups import (
    TAG_DG11,
    parse_com,
    parse_dg14,
    parse_dg15,
    parse_text_data_group,
)
from hardware.icao.dg2 import parse_dg2
from hardware.icao.dg13 import parse_dg13
from hardware.icao.errors import DataGroupError
from hardware.icao.mrz import parse_dg1
from hardware.icao.passive_auth import parse_sod
from hardware.icao.tlv import encode_tlv

PARSERS: dict[str, Callable[[bytes], object]] = {
    "dg1": parse_dg1,
    "dg2": parse_dg2,
    "dg11": lambda b: parse_text_data_group(b, TAG_DG11),
    "dg13": parse_dg13,
    "dg14": parse_dg14,
    "dg15": parse_dg15,
    "com": parse_com,
    "sod": parse_sod,
}
TAGS = {
    "dg1": 0x61,
    "dg2": 0x75,
    "dg11": 0x6B,
    "dg13": 0x6D,
    "dg14": 0x6E,
    "dg15": 0x6F,
    "com": 0x60,
    "sod": 0x77,
}


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(max_examples=150, deadline=None)
@given(body=st.binary(max_size=300), wrap=st.booleans(), nested=st.booleans())
def test_malformed_data_is_a_data_group_error(
    name: str, body: bytes, wrap: bool, nested: bool
) -> None:
    data = body
    if nested:
        data = encode_tlv(0x30, data)
    if wrap:
        data = encode_tlv(TAGS[name], data)
    # Anything but DataGroupError (IndexError, KeyError, ValueError ...) fails the test.
    with contextlib.suppress(DataGroupError):
        PARSERS[name](data)
