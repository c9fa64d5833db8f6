"""The simulator's public key infrastructure: a test CSCA, document signers, and the SOD.

The test CSCA's key is derived from a fixed seed, so every simulator run and every
``card simulate --write-csca`` agree on it: a folder written once verifies the SODs of
every later run. It is clearly labelled a test CSCA and trusts nothing real.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Mapping
from pathlib import Path

from asn1crypto import cms  # type: ignore[import-untyped, unused-ignore]
from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped, unused-ignore]
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from hardware.icao.passive_auth import ID_LDS_SECURITY_OBJECT, TAG_SOD, LdsSecurityObject
from hardware.icao.tlv import encode_tlv

_CSCA_SEED = b"reception test CSCA - not a real country signing CA"
_CSCA_SERIAL = 0x7E57CA
CSCA_FILE_NAME = "reception-test-csca.pem"
_NOT_BEFORE = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
_NOT_AFTER = dt.datetime(2045, 1, 1, tzinfo=dt.UTC)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Reception simulator (TEST ONLY)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


@functools.cache
def simulator_csca() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """The test CSCA: a deterministic P-256 key and its self-signed certificate."""
    secret = int.from_bytes(hashlib.sha256(_CSCA_SEED).digest(), "big")
    key = ec.derive_private_key(secret % (2**255), ec.SECP256R1())
    name = _name("Reception Test CSCA")
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(_CSCA_SERIAL)
        .not_valid_before(_NOT_BEFORE)
        .not_valid_after(_NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def write_test_csca(folder: Path) -> Path:
    """Write the test CSCA certificate (PEM) into ``folder``; returns the file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CSCA_FILE_NAME
    path.write_bytes(simulator_csca()[1].public_bytes(Encoding.PEM))
    return path


def issue_document_signer(serial: int = 1) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A fresh document signer key and its certificate from the test CSCA."""
    csca_key, csca = simulator_csca()
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(f"Reception Test Document Signer {serial}"))
        .issuer_name(csca.subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(_NOT_BEFORE)
        .not_valid_after(_NOT_AFTER)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(csca_key, hashes.SHA256())
    )
    return key, certificate


def build_sod(
    data_groups: Mapping[int, bytes],
    signer_key: ec.EllipticCurvePrivateKey,
    signer: x509.Certificate,
) -> bytes:
    """EF.SOD: SHA-256 hashes of ``data_groups`` signed (CMS, signed attributes) by ``signer``."""
    lds = LdsSecurityObject(
        {
            "version": 0,
            "hash_algorithm": {"algorithm": "sha256"},
            "hashes": [
                {"number": number, "value": hashlib.sha256(content).digest()}
                for number, content in sorted(data_groups.items())
            ],
        }
    )
    content = lds.dump()
    attributes = cms.CMSAttributes(
        [
            {"type": "content_type", "values": [ID_LDS_SECURITY_OBJECT]},
            {"type": "message_digest", "values": [hashlib.sha256(content).digest()]},
        ]
    )
    signature = signer_key.sign(attributes.dump(), ec.ECDSA(hashes.SHA256()))
    certificate = asn1_x509.Certificate.load(signer.public_bytes(Encoding.DER))
    signer_info = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": cms.IssuerAndSerialNumber(
                        {"issuer": certificate.issuer, "serial_number": certificate.serial_number}
                    )
                }
            ),
            "digest_algorithm": {"algorithm": "sha256"},
            "signed_attrs": attributes,
            "signature_algorithm": {"algorithm": "sha256_ecdsa"},
            "signature": signature,
        }
    )
    signed_data = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {"content_type": ID_LDS_SECURITY_OBJECT, "content": content},
            "certificates": [certificate],
            "signer_infos": [signer_info],
        }
    )
    info = cms.ContentInfo({"content_type": "signed_data", "content": signed_data})
    return encode_tlv(TAG_SOD, info.dump())
