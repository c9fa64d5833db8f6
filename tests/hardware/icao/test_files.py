"""File reading helpers: chunk sizes, ATR capabilities, BER lengths, offsets beyond 32 KiB."""

from __future__ import annotations

import pytest

from hardware.icao.access import AccessCredentials
from hardware.icao.document_reader import ReadOptions, read_document
from hardware.icao.files import atr_says_extended_length, ber_total_length, max_short_read
from hardware.icao.simulated_chip import SimulatedCccdChip

from .chip_fixtures import CAN, PERSON, in_process


def test_largest_short_le_under_secure_messaging() -> None:
    assert max_short_read(16) == 223  # AES: 223 + padding + DOs = 242 <= 256, 224 is not
    assert max_short_read(8) == 231  # 3DES
    assert max_short_read(None) == 256


@pytest.mark.parametrize(
    ("atr", "extended"),
    [
        ("3B85800180730000C037", True),
        ("3B858001807300008077", False),
        ("3B8380018073", False),  # card capabilities cut short
        ("3B8880014241524E4143455356AC", False),  # no compact-TLV category indicator
        ("3B", False),
    ],
)
def test_extended_length_from_the_atr(atr: str, extended: bool) -> None:
    assert atr_says_extended_length(bytes.fromhex(atr)) is extended


@pytest.mark.parametrize(
    ("header", "total"),
    [
        ("6105", 7),
        ("7581FF", 3 + 255),
        ("77820100", 4 + 256),
        ("7F6183010000", 6 + 65536),
        ("61", None),
        ("6180", None),
    ],
)
def test_ber_total_length(header: str, total: int | None) -> None:
    assert ber_total_length(bytes.fromhex(header)) == total


@pytest.mark.parametrize("extended", [True, False])
def test_a_file_beyond_32_kib_is_read_with_odd_read_binary(extended: bool) -> None:
    from hardware.icao.dg2 import ImageFormat, build_dg2
    from hardware.icao.files import FileId

    big = b"\xff\xd8\xff" + bytes(range(256)) * 160  # ~40 KiB "JPEG"
    card = SimulatedCccdChip(PERSON)
    files = dict(card.files)
    files[FileId.DG2] = build_dg2(big, ImageFormat.JPEG, 1, 1)
    card.files = files
    with in_process(card) as connection:
        data = read_document(
            connection, AccessCredentials(can=CAN), ReadOptions(extended_length=extended)
        )
    assert data.face is not None and data.face.data == big


def test_iso7816_two_byte_tags_of_small_numbers_round_trip() -> None:
    # 5F01 (EF.COM's LDS version) is "non-minimal" for strict DER, but it is the tag.
    from hardware.icao.tlv import encode_tlv, iter_tlv

    encoded = encode_tlv(0x5F01, b"0107")
    assert encoded.hex().upper() == "5F010430313037"
    assert list(iter_tlv(encoded)) == [(0x5F01, b"0107", encoded)]
