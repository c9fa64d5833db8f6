"""The chip reader against the simulated CCCD chip, in process and through pcscd + vpcd."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from hardware.card.connection import CardConnection
from hardware.errors import CardRemovedError
from hardware.icao.access import AccessCredentials
from hardware.icao.authenticity import Check, Verdict
from hardware.icao.csca_store import load_csca_store
from hardware.icao.dg2 import ImageFormat
from hardware.icao.dg13 import Dg13Field
from hardware.icao.document_reader import ReadOptions, read_document
from hardware.icao.errors import (
    AccessDeniedError,
    ChipAuthenticationError,
    SecureMessagingError,
)
from hardware.icao.face_image import convert_to_jpeg2000, decode_face, synthetic_face_jpeg
from hardware.icao.files import FileId
from hardware.icao.simulated_chip import ChipFaults, SimulatedCccdChip
from hardware.icao.simulated_lds import mrz_information_of
from hardware.icao.simulated_pki import write_test_csca

from .chip_fixtures import CAN, LONG_ADDRESS, PERSON, chip, in_process, through_pcscd

Opener = Callable[[SimulatedCccdChip], AbstractContextManager[CardConnection]]
MRZ_INFO = mrz_information_of(PERSON)
BOTH = AccessCredentials(can=CAN, mrz_informations=(MRZ_INFO,))


@pytest.fixture(params=["in_process", pytest.param("pcscd", marks=pytest.mark.pcsc)])
def opener(request: pytest.FixtureRequest) -> Iterator[Opener]:
    if request.param == "pcscd":
        request.getfixturevalue("pcscd")
        yield through_pcscd
    else:
        yield in_process


@pytest.fixture
def csca_dir(tmp_path: Path) -> Path:
    write_test_csca(tmp_path / "csca")
    return tmp_path / "csca"


def test_every_field_round_trips_with_pace(opener: Opener, csca_dir: Path) -> None:
    store = load_csca_store(csca_dir)
    with opener(chip()) as connection:
        data = read_document(connection, BOTH, ReadOptions(csca_store=store))
    assert data.access == "PACE"
    assert data.dg13 is not None
    fields = data.dg13
    assert fields.text(Dg13Field.ID_NUMBER) == PERSON.id_number
    assert fields.text(Dg13Field.FULL_NAME) == "ĐẶNG THỊ NGỌC ÁNH"
    assert fields.text(Dg13Field.DATE_OF_BIRTH) == "28/02/1985"
    assert fields.text(Dg13Field.PLACE_OF_RESIDENCE) == LONG_ADDRESS.strip()
    assert len(LONG_ADDRESS.encode()) > 255  # exercises the 82 xx xx length form
    assert fields.text(Dg13Field.PLACE_OF_ORIGIN) == PERSON.place_of_origin
    assert fields.texts(Dg13Field.PARENTS) == ("ĐẶNG VĂN HÙNG", "LÊ THỊ HỒNG")
    assert fields.texts(Dg13Field.SPOUSE) == ("PHẠM QUỐC HUY",)
    assert fields.text(Dg13Field.OLD_ID_NUMBER) == "100456789"
    assert data.mrz is not None and data.mrz.checks_valid
    assert data.mrz.vietnam_id_number == PERSON.id_number
    assert data.mrz.document_number == PERSON.id_number[-9:]
    assert data.mrz.secondary_identifier == "THI NGOC ANH"
    assert data.face is not None and data.face.format is ImageFormat.JPEG
    assert decode_face(data.face.data).width == 360
    auth = data.authenticity
    assert (auth.hashes, auth.signature, auth.issuer) == (Check.PASSED,) * 3
    assert (auth.active_auth, auth.chip_auth) == (Check.PASSED, Check.PASSED)
    assert auth.verdict is Verdict.GENUINE
    assert data.statistics.extended_length
    assert data.statistics.bytes_read == sum(len(v) for v in data.raw_files.values())


def test_without_a_csca_store_the_issuer_is_unknown(opener: Opener) -> None:
    with opener(chip()) as connection:
        data = read_document(connection, BOTH)
    assert data.authenticity.issuer is Check.UNKNOWN
    assert data.authenticity.verdict is Verdict.GENUINE_ISSUER_UNKNOWN


def test_tampered_dg13_is_not_genuine(opener: Opener, csca_dir: Path) -> None:
    store = load_csca_store(csca_dir)
    with opener(chip(ChipFaults(tamper_dg13=True))) as connection:
        data = read_document(connection, BOTH, ReadOptions(csca_store=store))
    assert data.authenticity.verdict is Verdict.NOT_GENUINE
    assert data.authenticity.hashes is Check.FAILED
    assert data.authenticity.mismatched_data_groups == (13,)
    assert "DG13" in data.authenticity.reason


def test_bad_mac_is_a_secure_messaging_error_never_data(opener: Opener) -> None:
    with opener(chip(ChipFaults(bad_mac=True))) as connection, pytest.raises(SecureMessagingError):
        read_document(connection, BOTH)


def test_no_pace_falls_back_to_bac(opener: Opener) -> None:
    with opener(chip(ChipFaults(no_pace=True))) as connection:
        data = read_document(connection, BOTH)
    assert data.access == "BAC"
    assert FileId.CARD_ACCESS not in data.raw_files
    assert data.authenticity.verdict is Verdict.GENUINE_ISSUER_UNKNOWN


def test_bac_tries_the_expiry_candidates_in_order(opener: Opener) -> None:
    wrong = mrz_information_of(dataclasses.replace(PERSON, expiry_date=PERSON.issue_date))
    keys = AccessCredentials(mrz_informations=(wrong, MRZ_INFO))
    with opener(chip(ChipFaults(no_pace=True))) as connection:
        assert read_document(connection, keys).access == "BAC"


def test_short_only_reads_with_the_largest_short_le(opener: Opener) -> None:
    with opener(chip()) as connection:
        extended = read_document(connection, BOTH).statistics
    with opener(chip(ChipFaults(short_only=True))) as connection:
        short = read_document(connection, BOTH).statistics
    assert not short.extended_length and short.chunk_size == 223
    assert short.apdus > 3 * extended.apdus
    assert short.bytes_read == extended.bytes_read


def test_removal_mid_read_is_a_typed_error(opener: Opener) -> None:
    with opener(chip(ChipFaults(remove_after=15))) as connection, pytest.raises(CardRemovedError):
        read_document(connection, BOTH)


def test_wrong_keys_are_access_denied(opener: Opener) -> None:
    wrong = AccessCredentials(
        can="000000",
        mrz_informations=(
            mrz_information_of(
                dataclasses.replace(PERSON, date_of_birth=PERSON.issue_date or PERSON.date_of_birth)
            ),
        ),
    )
    with opener(chip()) as connection, pytest.raises(AccessDeniedError):
        read_document(connection, wrong)


def test_an_atr_that_overstates_extended_length_falls_back_to_short() -> None:
    # The card refuses extended length, but the ATR (of another card) claims it.
    lying = _LyingAtr(chip(ChipFaults(short_only=True)), chip().atr)
    with in_process(lying) as connection:  # type: ignore[arg-type]
        data = read_document(connection, BOTH)
    assert data.statistics.chunk_size == 223
    assert data.authenticity.verdict is Verdict.GENUINE_ISSUER_UNKNOWN


class _LyingAtr:
    def __init__(self, card: SimulatedCccdChip, atr: bytes) -> None:
        self._card, self._atr = card, atr

    @property
    def atr(self) -> bytes:
        return self._atr

    def reset(self) -> None:
        self._card.reset()

    def process(self, apdu: bytes) -> bytes:
        return self._card.process(apdu)


def test_a_jpeg2000_photo_and_an_ecdsa_aa_key() -> None:
    jp2 = convert_to_jpeg2000(synthetic_face_jpeg("jp2"))
    from hardware.icao.dg2 import build_dg2

    card = SimulatedCccdChip(PERSON, aa_key=ec.generate_private_key(ec.SECP256R1()))
    files = dict(card.files)
    files[FileId.DG2] = build_dg2(jp2, ImageFormat.JPEG2000, 360, 480)
    card.files = files
    with in_process(card) as connection:
        data = read_document(connection, BOTH)
    assert data.face is not None and data.face.format is ImageFormat.JPEG2000
    assert decode_face(data.face.data).height == 480
    assert data.authenticity.active_auth is Check.PASSED
    # DG2 was replaced after signing: the hash check must notice.
    assert data.authenticity.mismatched_data_groups == (2,)


def test_a_chip_without_the_dg14_private_key_fails_chip_authentication() -> None:
    # A clone: the genuine chip's files (and SOD), but not its chip authentication key.
    clone = SimulatedCccdChip(PERSON, ca_key=ec.generate_private_key(ec.BrainpoolP256R1()))
    clone.files = chip().files
    with in_process(clone) as connection, pytest.raises(ChipAuthenticationError):
        read_document(connection, BOTH)


def test_pace_with_the_mrz_when_no_can_is_known() -> None:
    # A passport-like read: document number + dates only.
    with in_process(chip()) as connection:
        data = read_document(connection, AccessCredentials(mrz_informations=(MRZ_INFO,)))
    assert data.access == "PACE"


def test_dg11_and_dg12_are_parsed_when_present() -> None:
    from hardware.icao.tlv import encode_tlv

    dg11 = encode_tlv(
        0x6B,
        encode_tlv(0x5C, b"\x5f\x0e\x5f\x42")
        + encode_tlv(0x5F0E, b"ERIKSSON<<ANNA MARIA")
        + encode_tlv(0x5F42, b"123 MAPLE RD<ANYTOWN"),
    )
    dg12 = encode_tlv(0x6C, encode_tlv(0x5C, b"\x5f\x19") + encode_tlv(0x5F19, b"UTOPIA"))
    card = SimulatedCccdChip(PERSON)
    files = dict(card.files)
    files[FileId.DG11], files[FileId.DG12] = dg11, dg12
    # EF.COM lists them, as a passport's would.
    files[FileId.COM] = encode_tlv(
        0x60, encode_tlv(0x5F01, b"0107") + encode_tlv(0x5C, bytes([0x61, 0x6B, 0x6C, 0x6D]))
    )
    card.files = files
    with in_process(card) as connection:
        data = read_document(connection, BOTH)
    assert data.dg11 is not None and data.dg11[0x5F42] == "123 MAPLE RD<ANYTOWN"
    assert data.dg12 is not None and data.dg12[0x5F19] == "UTOPIA"
    # Not in the SOD: reported, not hidden.
    assert data.authenticity.mismatched_data_groups == (11, 12)
