"""Checking a component PDF: its conversion mark, its signature, its PDF/A claim (pyHanko).

"Valid" means the signature's cryptography holds and the signed bytes are intact;
"trusted" that the signer's certificate chains to a CA given with ``--ca`` (a folder of
PEM/DER certificates, or one file); "whole file" that nothing was appended after the
signature (a later incremental update would leave the signature valid for its revision
only, which a reader of a digitised copy must be told).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import pem  # type: ignore[import-untyped, unused-ignore]
from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped, unused-ignore]
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from reception.digitising.model import DigitiseError
from reception.digitising.pdfa import inspect_pdf
from reception.digitising.signing import SigningError  # noqa: F401 - quiets pyHanko's logs

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SignatureReport:
    """One signature of the file."""

    field: str
    valid: bool  # cryptographically sound and the signed bytes intact
    intact: bool
    trusted: bool  # chains to one of the given CAs
    signer: str
    signed_at: datetime | None
    whole_file: bool  # covers the whole file: nothing was added after it
    timestamped: bool
    problem: str = ""

    def to_json_dict(self) -> dict[str, object]:
        return {
            "field": self.field,
            "valid": self.valid,
            "intact": self.intact,
            "trusted": self.trusted,
            "signer": self.signer,
            "signed_at": self.signed_at.isoformat(timespec="seconds") if self.signed_at else None,
            "whole_file": self.whole_file,
            "timestamped": self.timestamped,
            "problem": self.problem,
        }


@dataclass(frozen=True, slots=True)
class VerificationReport:
    """What ``reception verify`` tells about a file."""

    pages: int
    marked_pages: int
    pdfa_part: str | None
    pdfa_problems: tuple[str, ...]
    signatures: tuple[SignatureReport, ...]

    @property
    def mark(self) -> bool:
        return self.pages > 0 and self.marked_pages == self.pages

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def ok(self) -> bool:
        """Marked, PDF/A-2b, and every signature valid over the whole file."""
        return (
            self.mark
            and self.pdfa_part == "2B"
            and not self.pdfa_problems
            and all(s.valid and s.whole_file for s in self.signatures)
        )

    def to_json_dict(self) -> dict[str, object]:
        return {
            "mark": self.mark,
            "pages": self.pages,
            "marked_pages": self.marked_pages,
            "signed": self.signed,
            "signatures": [s.to_json_dict() for s in self.signatures],
            "pdfa": self.pdfa_part == "2B" and not self.pdfa_problems,
            "pdfa_claim": self.pdfa_part,
            "pdfa_problems": list(self.pdfa_problems),
            "ok": self.ok,
        }


def load_ca_certificates(location: Path) -> list[asn1_x509.Certificate]:
    """Certificates (PEM or DER) in a file, or in the files of a folder."""
    files = (
        sorted(p for p in location.iterdir() if p.is_file()) if location.is_dir() else [location]
    )
    found = []
    for file in files:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise DigitiseError(f"cannot read {file.name}: {exc.strerror}") from exc
        blobs = (
            [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
        )
        for blob in blobs:
            try:
                certificate = asn1_x509.Certificate.load(blob)
                _ = certificate.subject  # forces parsing: a non-certificate fails here
            except ValueError:
                continue
            found.append(certificate)
    return found


def verify_pdf(
    data: bytes, ca_certificates: Sequence[asn1_x509.Certificate] = ()
) -> VerificationReport:
    """Check the mark, every signature and the PDF/A claim of ``data``."""
    report = inspect_pdf(data)
    signatures = []
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # pyHanko's reader raises several types for a damaged file
        raise DigitiseError(f"the signatures cannot be read ({type(exc).__name__})") from exc
    for signature in embedded:
        signatures.append(_check(signature, list(ca_certificates)))
    return VerificationReport(
        pages=report.pages,
        marked_pages=report.marked_pages,
        pdfa_part=report.pdfa_part,
        pdfa_problems=report.problems,
        signatures=tuple(signatures),
    )


def _check(signature: EmbeddedPdfSignature, roots: list[asn1_x509.Certificate]) -> SignatureReport:
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    signer = str(signature.signer_cert.subject.native.get("common_name", "?"))
    try:
        status = validate_pdf_signature(signature, signer_validation_context=context)
    except Exception as exc:  # a malformed signature is a finding, not a crash
        return SignatureReport(
            field=signature.field_name,
            valid=False,
            intact=False,
            trusted=False,
            signer=signer,
            signed_at=None,
            whole_file=False,
            timestamped=False,
            problem=type(exc).__name__,
        )
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    modified = status.modification_level not in (None, ModificationLevel.NONE)
    signed_at = (
        status.timestamp_validity.timestamp
        if status.timestamp_validity is not None
        else status.signer_reported_dt
    )
    return SignatureReport(
        field=signature.field_name,
        valid=bool(status.intact and status.valid),
        intact=bool(status.intact),
        trusted=bool(status.trusted),
        signer=signer,
        signed_at=signed_at,
        whole_file=whole and not modified,
        timestamped=status.timestamp_validity is not None,
        problem="" if whole else "the file was changed after it was signed",
    )
