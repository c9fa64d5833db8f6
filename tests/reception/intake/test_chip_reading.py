"""Chip keys from a QR or typed values, and the chip's data as the app's identity."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from hardware.card.simulated import SimulatedReaderProvider
from hardware.icao.authenticity import Verdict
from hardware.icao.csca_store import load_csca_store
from hardware.icao.mrz_key import mrz_information
from hardware.icao.simulated_chip import ChipFaults, SimulatedCccdChip
from hardware.icao.simulated_lds import ChipPersonalisation
from hardware.icao.simulated_pki import write_test_csca
from reception.identity.citizen import IdentitySource, Sex
from reception.intake.chip_keys import ChipKeys, ChipKeysError
from reception.intake.chip_reading import ChipReadResult, read_chip
from reception.intake.qr_payload import parse_qr_payload

PERSON = ChipPersonalisation(
    id_number="001199004567",
    full_name="VŨ THỊ MINH THƯ",
    date_of_birth=date(1999, 8, 15),
    sex="Nữ",
    expiry_date=date(2024, 8, 15),
    issue_date=date(2021, 8, 20),
    ethnicity="Kinh",
    religion="Không",
    place_of_origin="Xã Thử Nghiệm, Tỉnh Quảng Ninh",
    place_of_residence="Số 12 ngõ 34 phố Mô Phỏng, Phường Hàng Bạc, Quận Hoàn Kiếm, Hà Nội",
    identifying_features="Nốt ruồi C:1cm trên trước mép phải",
    father_name="VŨ VĂN BÌNH",
    mother_name="TRẦN THỊ CÚC",
    old_id_number="012345678",
)
QR = "001199004567|012345678|VŨ THỊ MINH THƯ|15081999|Nữ|Số 12 ngõ 34|20082021"


def _read(card: SimulatedCccdChip, keys: ChipKeys, csca: Path | None = None) -> ChipReadResult:
    provider = SimulatedReaderProvider()
    provider.insert(card)
    store = load_csca_store(csca) if csca is not None else None
    with provider.connect(provider.readers()[0].name) as connection:
        return read_chip(connection, keys, csca_store=store)


def test_keys_from_a_qr_give_the_can_and_derived_expiry_candidates() -> None:
    keys = ChipKeys.from_qr(parse_qr_payload(QR))
    assert keys.can == "004567"
    # The expiry derived from the issue date comes first (renewal at 25, 15/08/2024).
    assert keys.mrz_informations[0] == mrz_information("199004567", "990815", "240815")
    assert len(keys.mrz_informations) > 1
    assert "004567" not in repr(keys)


def test_keys_typed_in() -> None:
    with_expiry = ChipKeys.from_id_number(
        "001199004567", date(1999, 8, 15), expiry_date=date(2024, 8, 15)
    )
    assert len(with_expiry.mrz_informations) == 1
    only_can = ChipKeys.from_id_number("001199004567", None)
    assert (only_can.can, only_can.mrz_informations) == ("004567", ())
    passport = ChipKeys.from_document("l898902c3", date(1974, 8, 12), date(2012, 4, 15))
    assert passport.can is None
    assert passport.mrz_informations == ("L898902C3674081221204159",)


@pytest.mark.parametrize("bad", ["12345", "00109901234X", ""])
def test_malformed_id_numbers_are_refused(bad: str) -> None:
    with pytest.raises(ChipKeysError):
        ChipKeys.from_id_number(bad, date(1999, 8, 15))


def test_the_chip_fills_the_same_identity_the_qr_does(tmp_path: Path) -> None:
    write_test_csca(tmp_path)
    result = _read(SimulatedCccdChip(PERSON), ChipKeys.from_qr(parse_qr_payload(QR)), tmp_path)
    identity = result.identity
    qr_identity = parse_qr_payload(QR).identity
    assert identity.id_number == qr_identity.id_number
    assert identity.full_name == qr_identity.full_name
    assert identity.date_of_birth == qr_identity.date_of_birth
    assert identity.sex is Sex.FEMALE
    assert identity.issue_date == date(2021, 8, 20)
    assert identity.expiry_date == date(2024, 8, 15)
    assert identity.place_of_residence == PERSON.place_of_residence
    assert (identity.father_name, identity.mother_name) == ("VŨ VĂN BÌNH", "TRẦN THỊ CÚC")
    assert identity.spouse_name is None
    assert identity.old_id_number == "012345678"
    assert identity.document_number == "199004567"
    assert result.source is IdentitySource.CHIP
    assert result.authenticity.verdict is Verdict.GENUINE
    assert result.photo_format == "jpeg" and result.photo_image is not None
    assert result.access == "PACE" and len(result.mrz) == 3


def test_without_an_issuer_check_the_source_is_unverified() -> None:
    result = _read(SimulatedCccdChip(PERSON), ChipKeys.from_qr(parse_qr_payload(QR)))
    assert result.authenticity.verdict is Verdict.GENUINE_ISSUER_UNKNOWN
    assert result.source is IdentitySource.CHIP_UNVERIFIED


def test_bac_with_expiry_derived_from_the_qr() -> None:
    card = SimulatedCccdChip(PERSON, faults=ChipFaults(no_pace=True))
    result = _read(card, ChipKeys.from_qr(parse_qr_payload(QR)))
    assert result.access == "BAC"


def test_a_card_without_expiry_keeps_the_printed_words() -> None:
    person = dataclasses.replace(PERSON, expiry_date=None)
    result = _read(SimulatedCccdChip(person), ChipKeys.from_id_number(person.id_number, None))
    assert result.identity.expiry_date is None
    assert result.identity.extras["expiry_date_text"] == "Không thời hạn"
