"""Active authentication signatures, the CSCA store (files and master lists), DG2 fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from asn1crypto import cms, core, x509  # type: ignore[import-untyped, unused-ignore]
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding

from hardware.icao.active_auth import ActiveAuthenticationChip, verify_signature
from hardware.icao.authenticity import Check, Verdict, decide
from hardware.icao.csca_store import load_csca_store
from hardware.icao.dg2 import ImageFormat, parse_dg2
from hardware.icao.errors import DataGroupError
from hardware.icao.simulated_pki import issue_document_signer, simulator_csca
from hardware.icao.tlv import encode_tlv

CHALLENGE = bytes.fromhex("0011223344556677")


@pytest.mark.parametrize(
    "key",
    [rsa.generate_private_key(65537, 1024), ec.generate_private_key(ec.BrainpoolP256R1())],
    ids=["rsa-iso9796-2", "ecdsa"],
)
def test_active_authentication_signatures(
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
) -> None:
    signature = ActiveAuthenticationChip(key).sign(CHALLENGE)
    assert verify_signature(key.public_key(), CHALLENGE, signature)
    assert not verify_signature(key.public_key(), bytes(8), signature)
    assert not verify_signature(key.public_key(), CHALLENGE, signature[:-1] + b"\x00")


def test_the_verdict_puts_failures_first() -> None:
    ok = Check.PASSED
    genuine = decide(
        hashes=ok,
        signature=ok,
        issuer=Check.PASSED,
        active_auth=Check.PASSED,
        chip_auth=Check.NOT_SUPPORTED,
    )
    assert genuine.verdict is Verdict.GENUINE
    unknown = decide(
        hashes=ok,
        signature=ok,
        issuer=Check.UNKNOWN,
        active_auth=Check.NOT_SUPPORTED,
        chip_auth=Check.PASSED,
    )
    assert unknown.verdict is Verdict.GENUINE_ISSUER_UNKNOWN
    failed = decide(
        hashes=ok,
        signature=ok,
        issuer=Check.PASSED,
        active_auth=Check.FAILED,
        chip_auth=Check.PASSED,
    )
    assert failed.verdict is Verdict.NOT_GENUINE and "active" in failed.reason
    none = decide(
        hashes=Check.NOT_CHECKED,
        signature=Check.NOT_CHECKED,
        issuer=Check.NOT_CHECKED,
        active_auth=Check.PASSED,
        chip_auth=Check.PASSED,
    )
    assert none.verdict is Verdict.NOT_CHECKED


class _CertificateSet(core.SetOf):  # type: ignore[misc]
    _child_spec = x509.Certificate


class _MasterList(core.Sequence):  # type: ignore[misc]
    _fields = [("version", core.Integer), ("cert_list", _CertificateSet)]  # noqa: RUF012


def _master_list(der: bytes) -> bytes:
    content: bytes = _MasterList({"version": 0, "cert_list": [x509.Certificate.load(der)]}).dump()
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [],
            "encap_content_info": {"content_type": "2.23.136.1.1.2", "content": content},
            "signer_infos": [],
        }
    )
    encoded: bytes = cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()
    return encoded


def test_csca_store_reads_pem_der_and_master_lists_and_skips_junk(tmp_path: Path) -> None:
    csca = simulator_csca()[1]
    other = issue_document_signer()[1]
    (tmp_path / "a.pem").write_bytes(
        csca.public_bytes(Encoding.PEM) + other.public_bytes(Encoding.PEM)
    )
    (tmp_path / "b.cer").write_bytes(csca.public_bytes(Encoding.DER))
    (tmp_path / "c.ml").write_bytes(_master_list(csca.public_bytes(Encoding.DER)))
    (tmp_path / "broken.der").write_bytes(b"not a certificate")
    (tmp_path / "readme.txt").write_text("ignored")
    store = load_csca_store(tmp_path)
    assert len(store.certificates) == 4
    assert len(store.issuers_of(other)) == 3
    assert store.skipped_files == ("broken.der",)


def test_missing_csca_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_csca_store(tmp_path / "absent")


def test_dg2_without_a_facial_record_is_searched_for_an_image() -> None:
    jpeg = b"\xff\xd8\xff\xe0" + bytes(100)
    data = encode_tlv(
        0x75, encode_tlv(0x7F61, encode_tlv(0x7F60, encode_tlv(0x5F2E, b"junk" + jpeg)))
    )
    image = parse_dg2(data)
    assert (image.format, image.data) == (ImageFormat.JPEG, jpeg)


@pytest.mark.parametrize(
    "data", [b"", encode_tlv(0x75, b""), encode_tlv(0x75, encode_tlv(0x5F2E, b"none"))]
)
def test_dg2_without_an_image_is_a_typed_error(data: bytes) -> None:
    with pytest.raises(DataGroupError):
        parse_dg2(data)
