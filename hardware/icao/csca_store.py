"""A store of trusted CSCA certificates, loaded from a folder an administrator fills.

The folder may hold certificates (``.pem``, ``.crt``, ``.cer``, ``.der``; PEM files may
hold several) and ICAO master lists (``.ml``: a CMS SignedData whose content is a
``CscaMasterList``). The master list's own signature is not verified: the administrator
vouches for the folder, as for the certificate files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from asn1crypto import cms, core, x509  # type: ignore[import-untyped, unused-ignore]
from cryptography import x509 as cx509

from hardware.input_files import InputFileError, read_regular_file

_CERTIFICATE_SUFFIXES = frozenset({".pem", ".crt", ".cer", ".der"})
_MASTER_LIST_SUFFIX = ".ml"
#: A CSCA master list holds a few hundred certificates: a few megabytes at most.
_MAX_FILE_BYTES = 32 * 2**20
_PEM_MARKER = b"-----BEGIN CERTIFICATE-----"


class _CertificateSet(core.SetOf):  # type: ignore[misc, unused-ignore]
    _child_spec = x509.Certificate


class _CscaMasterList(core.Sequence):  # type: ignore[misc, unused-ignore]
    _fields = [  # noqa: RUF012 - asn1crypto's schema attribute
        ("version", core.Integer),
        ("cert_list", _CertificateSet),
    ]


@dataclass(frozen=True, slots=True)
class CscaStore:
    """The trusted CSCA certificates, and the files that could not be read (to report)."""

    certificates: tuple[cx509.Certificate, ...]
    skipped_files: tuple[str, ...] = ()

    def issuers_of(self, certificate: cx509.Certificate) -> list[cx509.Certificate]:
        """The CSCAs whose subject is the certificate's issuer (key rollover: several)."""
        return [c for c in self.certificates if c.subject == certificate.issuer]


def load_csca_store(folder: Path) -> CscaStore:
    """Every certificate in ``folder``; unreadable files are skipped and listed.

    Raises :class:`FileNotFoundError` when the folder does not exist.
    """
    if not folder.is_dir():
        raise FileNotFoundError(f"CSCA folder not found: {folder}")
    found: list[cx509.Certificate] = []
    skipped: list[str] = []
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        try:
            # Regular files only, bounded: a FIFO dropped in the folder must not hang a read.
            if suffix in _CERTIFICATE_SUFFIXES:
                found.extend(_certificates_in_file(read_regular_file(path, _MAX_FILE_BYTES)))
            elif suffix == _MASTER_LIST_SUFFIX:
                found.extend(certificates_in_master_list(read_regular_file(path, _MAX_FILE_BYTES)))
        except (OSError, ValueError, TypeError, InputFileError):
            skipped.append(path.name)
    return CscaStore(tuple(found), tuple(skipped))


def _certificates_in_file(data: bytes) -> list[cx509.Certificate]:
    if _PEM_MARKER in data:
        return list(cx509.load_pem_x509_certificates(data))
    return [cx509.load_der_x509_certificate(data)]


def certificates_in_master_list(data: bytes) -> list[cx509.Certificate]:
    """The CSCA certificates of an ICAO master list (CMS SignedData, CscaMasterList)."""
    info = cms.ContentInfo.load(data)
    signed = info["content"]
    content = signed["encap_content_info"]["content"]
    master_list = _CscaMasterList.load(bytes(content.contents))
    return [cx509.load_der_x509_certificate(c.dump()) for c in master_list["cert_list"]]
