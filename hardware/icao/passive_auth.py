"""The document security object (SOD) and passive authentication (ICAO 9303 Part 11 §5.1).

Three separate results: every data group read hashes to the value the SOD lists; the SOD's
signature verifies under the document signer certificate it carries; that certificate
was issued by a CSCA of the configured store. A missing store gives "issuer unknown",
not a failure: no Vietnamese CSCA is published (docs/cccd.md).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field

from asn1crypto import algos, cms, core  # type: ignore[import-untyped, unused-ignore]
from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped, unused-ignore]
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from hardware.icao.authenticity import Check
from hardware.icao.csca_store import CscaStore
from hardware.icao.data_groups import PublicKey, load_public_key
from hardware.icao.errors import DataGroupError, MalformedResponseError
from hardware.icao.tlv import iter_tlv

TAG_SOD = 0x77
ID_LDS_SECURITY_OBJECT = "2.23.136.1.1.1"
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


class _DataGroupHash(core.Sequence):  # type: ignore[misc, unused-ignore]
    _fields = [  # noqa: RUF012 - asn1crypto's schema attribute
        ("number", core.Integer),
        ("value", core.OctetString),
    ]


class _DataGroupHashes(core.SequenceOf):  # type: ignore[misc, unused-ignore]
    _child_spec = _DataGroupHash


class LdsSecurityObject(core.Sequence):  # type: ignore[misc, unused-ignore]
    """The signed content of the SOD (ICAO 9303 Part 10 §4.6.2)."""

    _fields = [  # noqa: RUF012 - asn1crypto's schema attribute
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("hashes", _DataGroupHashes),
        ("lds_version", core.Any, {"optional": True}),
    ]


@dataclass(frozen=True, slots=True)
class SecurityObject:
    """The parsed SOD: the hashes it lists, the signed content and the signer."""

    hash_algorithm: str
    data_group_hashes: Mapping[int, bytes]
    content: bytes = field(repr=False)
    signer_info: cms.SignerInfo = field(repr=False)
    document_signer: x509.Certificate = field(repr=False)
    #: Loaded from the certificate's SubjectPublicKeyInfo by our own loader, which also
    #: takes keys with explicit curve parameters.
    signer_key: PublicKey = field(repr=False)


@dataclass(frozen=True, slots=True)
class PassiveAuthentication:
    """The three results, the mismatched data groups, and why a check failed."""

    hashes: Check
    signature: Check
    issuer: Check
    mismatched_data_groups: tuple[int, ...]
    details: Mapping[str, str]


def parse_sod(data: bytes) -> SecurityObject:
    """Parse EF.SOD; :class:`DataGroupError` when it is not a signed LDS security object."""
    try:
        outer = {tag: value for tag, value, _ in iter_tlv(data)}
        info = cms.ContentInfo.load(outer[TAG_SOD])
        signed = info["content"]
        encapsulated = signed["encap_content_info"]
        if encapsulated["content_type"].dotted != ID_LDS_SECURITY_OBJECT:
            raise DataGroupError("SOD does not hold an LDS security object")
        content = bytes(encapsulated["content"].contents)
        lds = LdsSecurityObject.load(content)
        hash_name = str(lds["hash_algorithm"]["algorithm"].native)
        values = {int(h["number"].native): bytes(h["value"].native) for h in lds["hashes"]}
        signer_info = signed["signer_infos"][0]
        certificates = [c.chosen.dump() for c in signed["certificates"] or []]
    except (KeyError, ValueError, TypeError, IndexError, MalformedResponseError) as exc:
        raise DataGroupError("SOD is malformed") from exc
    if not certificates:
        raise DataGroupError("SOD carries no document signer certificate")
    try:
        der = _signer_certificate(signer_info, certificates)
        document_signer = x509.load_der_x509_certificate(der)
        spki = asn1_x509.Certificate.load(der)["tbs_certificate"]["subject_public_key_info"]
        key = load_public_key(spki.dump())
    except ValueError as exc:
        raise DataGroupError("document signer certificate is malformed") from exc
    return SecurityObject(hash_name, values, content, signer_info, document_signer, key)


def _signer_certificate(signer_info: cms.SignerInfo, certificates: list[bytes]) -> bytes:
    sid = signer_info["sid"]
    if sid.name == "issuer_and_serial_number":
        serial = sid.chosen["serial_number"].native
        for der in certificates:
            if x509.load_der_x509_certificate(der).serial_number == serial:
                return der
    return certificates[0]


def hash_function(name: str) -> hashes.HashAlgorithm:
    """The cryptography hash for an asn1crypto digest name; DataGroupError when unknown."""
    try:
        return _HASHES[name]()
    except KeyError as exc:
        raise DataGroupError("unsupported hash algorithm") from exc


def _digest(name: str, data: bytes) -> bytes:
    return hashlib.new(name, data).digest()


def passive_authentication(
    sod: SecurityObject, data_groups: Mapping[int, bytes], store: CscaStore | None
) -> PassiveAuthentication:
    """Check the hashes of ``data_groups`` (number → raw bytes), the signature, the issuer."""
    details: dict[str, str] = {}
    mismatched = tuple(
        number
        for number, raw in sorted(data_groups.items())
        if number not in sod.data_group_hashes
        or not hmac.compare_digest(_digest(sod.hash_algorithm, raw), sod.data_group_hashes[number])
    )
    hashes_check = Check.FAILED if mismatched else Check.PASSED
    if mismatched:
        listed = ", ".join(f"DG{n}" for n in mismatched)
        details["hashes"] = f"data changed after signing: {listed} does not match the SOD"
    signature = _check_signature(sod, details)
    issuer = _check_issuer(sod.document_signer, store, details)
    return PassiveAuthentication(hashes_check, signature, issuer, mismatched, details)


def _check_signature(sod: SecurityObject, details: dict[str, str]) -> Check:
    info = sod.signer_info
    digest_name = str(info["digest_algorithm"]["algorithm"].native)
    try:
        signed_attributes = info["signed_attrs"]
        if signed_attributes.native is not None:
            digests = [
                a["values"][0].native
                for a in signed_attributes
                if a["type"].native == "message_digest"
            ]
            if not digests or not hmac.compare_digest(
                digests[0], _digest(digest_name, sod.content)
            ):
                details["signature"] = "the SOD's message digest does not match its content"
                return Check.FAILED
            # The signature covers the attributes DER-encoded as a SET, not as [0].
            signed = b"\x31" + signed_attributes.dump()[1:]
        else:
            signed = sod.content
        _verify(sod.signer_key, bytes(info["signature"].native), signed, info, digest_name)
    except InvalidSignature:
        details["signature"] = "the SOD signature does not verify"
        return Check.FAILED
    except (DataGroupError, UnsupportedAlgorithm, ValueError) as exc:
        details["signature"] = f"the SOD signature cannot be checked ({type(exc).__name__})"
        return Check.FAILED
    return Check.PASSED


def _verify(
    key: PublicKey, signature: bytes, data: bytes, info: cms.SignerInfo, digest_name: str
) -> None:
    algorithm = info["signature_algorithm"]
    name = algorithm.signature_algo
    digest = hash_function(digest_name)
    if isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, data, ec.ECDSA(digest))
    elif name == "rsassa_pss":
        parameters = algorithm["parameters"]
        pss_hash = hash_function(str(parameters["hash_algorithm"]["algorithm"].native))
        salt = int(parameters["salt_length"].native)
        key.verify(signature, data, padding.PSS(padding.MGF1(pss_hash), salt), pss_hash)
    elif isinstance(key, rsa.RSAPublicKey):
        key.verify(signature, data, padding.PKCS1v15(), digest)


def _check_issuer(
    document_signer: x509.Certificate, store: CscaStore | None, details: dict[str, str]
) -> Check:
    if store is None:
        details["issuer"] = "data and signature valid; no CSCA store is configured"
        return Check.UNKNOWN
    candidates = store.issuers_of(document_signer)
    if not candidates:
        details["issuer"] = "data and signature valid; the CSCA store has no certificate for it"
        return Check.UNKNOWN
    for csca in candidates:
        try:
            document_signer.verify_directly_issued_by(csca)
        except (InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm):
            continue
        return Check.PASSED
    details["issuer"] = "the document signer was not issued by the CSCA of the store"
    return Check.FAILED
