"""The files of a simulated Vietnamese citizen ID chip, built from plain personal values.

Takes strings and dates (never the domain's identity type: the device layer does not
know it) and builds EF.CardAccess, EF.COM, DG1 (TD1 MRZ), DG2, DG13, DG14, DG15 and an
SOD signed by a document signer of the test CSCA.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from hardware.icao.card_access import oid_contents
from hardware.icao.chip_auth import CA_ECDH_AES_128
from hardware.icao.data_groups import ID_AA, ID_PK_ECDH
from hardware.icao.dg2 import ImageFormat, build_dg2
from hardware.icao.face_image import synthetic_face_jpeg
from hardware.icao.files import FileId
from hardware.icao.mrz_key import check_digit
from hardware.icao.pace import PACE_ECDH_GM_AES_CBC_CMAC_128
from hardware.icao.simulated_pki import build_sod, issue_document_signer
from hardware.icao.tlv import encode_tlv

_SEQUENCE, _SET, _INTEGER, _OID = 0x30, 0x31, 0x02, 0x06
_UTF8, _PRINTABLE = 0x0C, 0x13
#: A made-up OID for the simulated DG13 (the real cards' OID is not published).
SIMULATED_DG13_OID = "1.3.6.1.4.1.99999.704.13"
_ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2"
_BRAINPOOL_P256R1 = 13


@dataclass(frozen=True, slots=True)
class ChipPersonalisation:
    """What is written on the simulated chip. ``sex`` is "Nam" or "Nữ" as on the card."""

    id_number: str
    full_name: str
    date_of_birth: date
    sex: str
    expiry_date: date | None
    issue_date: date | None = None
    nationality: str | None = "Việt Nam"
    ethnicity: str | None = None
    religion: str | None = None
    place_of_origin: str | None = None
    place_of_residence: str | None = None
    identifying_features: str | None = None
    father_name: str | None = None
    mother_name: str | None = None
    spouse_name: str | None = None
    old_id_number: str | None = None
    photo_jpeg: bytes | None = field(default=None, repr=False)
    #: DG13 field 13: each parent's name in its own SEQUENCE, or both in one.
    parents_in_one_sequence: bool = False

    @property
    def document_number(self) -> str:
        """The last 9 digits of the ID number (what the MRZ and BAC use)."""
        return self.id_number[-9:]


def _ascii_mrz(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    letters = "".join(c for c in folded if not unicodedata.combining(c)).upper()
    return "".join(c if c.isascii() and c.isalnum() else "<" for c in letters)


def _yymmdd(day: date | None) -> str:
    return "<<<<<<" if day is None else day.strftime("%y%m%d")


def td1_mrz(person: ChipPersonalisation) -> tuple[str, str, str]:
    """The three 30-character lines of the card's TD1 MRZ."""
    number = person.document_number
    optional = person.id_number + "<<" + check_digit(person.id_number)
    one = ("IDVNM" + number + check_digit(number) + optional).ljust(30, "<")[:30]
    birth, expiry = _yymmdd(person.date_of_birth), _yymmdd(person.expiry_date)
    sex = "F" if person.sex == "Nữ" else "M"
    two = birth + check_digit(birth) + sex + expiry + check_digit(expiry) + "VNM" + "<" * 11
    composite = one[5:30] + two[0:7] + two[8:15] + two[18:29]
    two += check_digit(composite)
    surname, _, given = person.full_name.strip().partition(" ")
    three = (_ascii_mrz(surname) + "<<" + _ascii_mrz(given)).ljust(30, "<")[:30]
    return one, two, three


def mrz_information_of(person: ChipPersonalisation) -> str:
    """The BAC MRZ information: document number, birth and expiry dates with check digits."""
    number, birth = person.document_number, _yymmdd(person.date_of_birth)
    expiry = _yymmdd(person.expiry_date)
    return number + check_digit(number) + birth + check_digit(birth) + expiry + check_digit(expiry)


def _field(number: int, *values: bytes) -> bytes:
    return encode_tlv(_SEQUENCE, encode_tlv(_INTEGER, bytes([number])) + b"".join(values))


def _text(value: str | None, tag: int = _UTF8) -> bytes:
    return encode_tlv(tag, (value or "").encode("utf-8"))


def build_dg13(person: ChipPersonalisation) -> bytes:
    """DG13 in the layout of docs/cccd.md (fields by number in one SEQUENCE)."""
    dmy = "%d/%m/%Y"
    expiry = person.expiry_date.strftime(dmy) if person.expiry_date else "Không thời hạn"
    if person.parents_in_one_sequence:
        parents = encode_tlv(_SEQUENCE, _text(person.father_name) + _text(person.mother_name))
    else:
        parents = encode_tlv(_SEQUENCE, _text(person.father_name)) + encode_tlv(
            _SEQUENCE, _text(person.mother_name)
        )
    spouse = encode_tlv(_SEQUENCE, _text(person.spouse_name) if person.spouse_name else b"")
    fields = [
        _field(1, _text(person.id_number, _PRINTABLE)),
        _field(2, _text(person.full_name)),
        _field(3, _text(person.date_of_birth.strftime(dmy), _PRINTABLE)),
        _field(4, _text(person.sex)),
        _field(5, _text(person.nationality)),
        _field(6, _text(person.ethnicity)),
        _field(7, _text(person.religion)),
        _field(8, _text(person.place_of_origin)),
        _field(9, _text(person.place_of_residence)),
        _field(10, _text(person.identifying_features)),
        _field(11, _text(person.issue_date.strftime(dmy) if person.issue_date else "", _PRINTABLE)),
        _field(12, _text(expiry)),
        _field(13, parents),
        _field(14, spouse),
        _field(15, _text(person.old_id_number or "", _PRINTABLE)),
        _field(16, _text("0" * 16, _PRINTABLE)),
    ]
    header = encode_tlv(_INTEGER, b"\x01") + encode_tlv(_OID, oid_contents(SIMULATED_DG13_OID))
    return encode_tlv(0x6D, encode_tlv(_SEQUENCE, header + b"".join(fields)))


def _spki(key: ec.EllipticCurvePublicKey | rsa.RSAPublicKey) -> bytes:
    return key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)


def _security_info(protocol: str, *values: bytes) -> bytes:
    return encode_tlv(_SEQUENCE, encode_tlv(_OID, oid_contents(protocol)) + b"".join(values))


def build_card_access() -> bytes:
    """EF.CardAccess advertising PACE-ECDH-GM-AES-128 on brainpoolP256r1 (id 13)."""
    info = _security_info(
        PACE_ECDH_GM_AES_CBC_CMAC_128,
        encode_tlv(_INTEGER, b"\x02"),
        encode_tlv(_INTEGER, bytes([_BRAINPOOL_P256R1])),
    )
    return encode_tlv(_SET, info)


def build_dg14(
    ca_key: ec.EllipticCurvePublicKey, aa_key: ec.EllipticCurvePublicKey | rsa.RSAPublicKey
) -> bytes:
    """DG14: chip authentication info and key; the AA algorithm when AA uses ECDSA."""
    infos = _security_info(CA_ECDH_AES_128, encode_tlv(_INTEGER, b"\x01"))
    infos += _security_info(ID_PK_ECDH, _spki(ca_key))
    if isinstance(aa_key, ec.EllipticCurvePublicKey):
        infos += _security_info(
            ID_AA, encode_tlv(_INTEGER, b"\x01"), encode_tlv(_OID, oid_contents(_ECDSA_WITH_SHA256))
        )
    return encode_tlv(0x6E, encode_tlv(_SET, infos))


def build_com(groups: tuple[int, ...]) -> bytes:
    """EF.COM listing ``groups`` (LDS 1.7, Unicode 4.0.0)."""
    tags = {1: 0x61, 2: 0x75, 3: 0x63, 13: 0x6D, 14: 0x6E, 15: 0x6F}
    body = encode_tlv(0x5F01, b"0107") + encode_tlv(0x5F36, b"040000")
    body += encode_tlv(0x5C, bytes(tags[g] for g in groups))
    return encode_tlv(0x60, body)


def build_files(
    person: ChipPersonalisation,
    ca_key: ec.EllipticCurvePublicKey,
    aa_key: ec.EllipticCurvePublicKey | rsa.RSAPublicKey,
) -> dict[int, bytes]:
    """Every file of the chip by file identifier, the SOD signed over DG1–DG15."""
    photo = person.photo_jpeg or synthetic_face_jpeg(person.id_number)
    groups = {
        1: encode_tlv(0x61, encode_tlv(0x5F1F, "".join(td1_mrz(person)).encode("ascii"))),
        2: build_dg2(photo, ImageFormat.JPEG, 360, 480),
        13: build_dg13(person),
        14: build_dg14(ca_key, aa_key),
        15: encode_tlv(0x6F, _spki(aa_key)),
    }
    signer_key, signer = issue_document_signer()
    files = {0x0100 + number: content for number, content in groups.items()}
    files[FileId.SOD] = build_sod(groups, signer_key, signer)
    files[FileId.COM] = build_com((1, 2, 3, 13, 14, 15))
    files[FileId.CARD_ACCESS] = build_card_access()
    files[FileId.DG3] = b""  # present but protected by terminal authentication
    return files
