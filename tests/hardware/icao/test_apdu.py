"""Command APDU encoding (ISO 7816-4 cases 1–4, short and extended) and parsing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.icao.apdu import Apdu, ResponseApdu
from hardware.icao.errors import MalformedResponseError
from tests.strategies import large_binary


@pytest.mark.parametrize(
    ("apdu", "encoded"),
    [
        (Apdu(0x00, 0xA4, 0x04, 0x0C), "00A4040C"),
        (Apdu(0x00, 0x84, 0, 0, ne=8), "0084000008"),
        (Apdu(0x00, 0xB0, 0, 0, ne=256), "00B0000000"),
        (Apdu(0x00, 0xA4, 0x02, 0x0C, bytes.fromhex("011E")), "00A4020C02011E"),
        (Apdu(0x10, 0x86, 0, 0, bytes.fromhex("7C00"), ne=256), "10860000027C0000"),
        (Apdu(0x00, 0xB0, 0, 0, ne=257), "00B00000000101"),
        (Apdu(0x00, 0xB0, 0, 0, ne=65536), "00B00000000000"),
        (Apdu(0x00, 0xB0, 0, 0, ne=4, extended=True), "00B00000000004"),
        (Apdu(0x00, 0xD6, 0, 0, b"\xaa" * 256), "00D60000000100" + "AA" * 256),
        (Apdu(0x00, 0x2A, 0, 0, b"\xaa", ne=65536), "002A0000000001AA0000"),
    ],
)
def test_encoding(apdu: Apdu, encoded: str) -> None:
    assert apdu.encode().hex().upper() == encoded
    assert Apdu.parse(bytes.fromhex(encoded)) == apdu


@pytest.mark.parametrize(
    "raw", ["00A40C", "00A4020C03011E", "00B0000000010203", "00B00000000005AABB", "00B000000000"]
)
def test_malformed_apdus_are_refused(raw: str) -> None:
    with pytest.raises(MalformedResponseError):
        Apdu.parse(bytes.fromhex(raw))


@pytest.mark.parametrize(
    "kwargs",
    [{"ne": 0}, {"ne": 65537}, {"data": b"\x00" * 65536}],
)
def test_out_of_range_fields_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Apdu(0x00, 0xB0, 0, 0, **kwargs)  # type: ignore[arg-type]


def test_header_bytes_must_be_bytes() -> None:
    with pytest.raises(ValueError):
        Apdu(0x100, 0xB0, 0, 0)


def test_response_parsing() -> None:
    response = ResponseApdu.parse(bytes.fromhex("01029000"))
    assert (response.data, response.sw, response.ok) == (b"\x01\x02", 0x9000, True)
    assert response.encode() == bytes.fromhex("01029000")
    with pytest.raises(MalformedResponseError):
        ResponseApdu.parse(b"\x90")


apdus = st.builds(
    Apdu,
    cla=st.integers(0, 255),
    ins=st.integers(0, 255),
    p1=st.integers(0, 255),
    p2=st.integers(0, 255),
    data=st.one_of(st.binary(max_size=300), large_binary(65000, 65535)),
    ne=st.one_of(st.none(), st.integers(1, 65536)),
    extended=st.booleans(),
)


@given(apdus)
def test_encoding_round_trips(apdu: Apdu) -> None:
    parsed = Apdu.parse(apdu.encode())
    assert parsed.encode() == apdu.encode()
    assert (parsed.header, parsed.data, parsed.ne) == (apdu.header, apdu.data, apdu.ne)
