"""The results of the authenticity checks and the one verdict the clerk reads.

Passive authentication is reported as three separate results (data-group hashes, the
SOD signature, the document signer against a CSCA store), as ICAO 9303 Part 11 and the
well-known readers do; active and chip authentication are results of their own. The
verdict folds them, failures first.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Check(enum.StrEnum):
    """The outcome of one check."""

    PASSED = "passed"
    FAILED = "failed"
    #: Issuer: no CSCA store configured, or no CSCA in it for this issuer.
    UNKNOWN = "unknown"
    #: The chip does not offer it (no DG15 for AA, no DG14 for CA).
    NOT_SUPPORTED = "not_supported"
    NOT_CHECKED = "not_checked"


class Verdict(enum.StrEnum):
    """What the clerk is told."""

    GENUINE = "genuine"
    GENUINE_ISSUER_UNKNOWN = "genuine_issuer_unknown"
    NOT_GENUINE = "not_genuine"
    NOT_CHECKED = "not_checked"


@dataclass(frozen=True, slots=True)
class Authenticity:
    """Every check's result, the verdict, and the reason behind the verdict (English)."""

    hashes: Check
    signature: Check
    issuer: Check
    active_auth: Check
    chip_auth: Check
    verdict: Verdict
    reason: str
    mismatched_data_groups: tuple[int, ...] = ()


def decide(
    *,
    hashes: Check,
    signature: Check,
    issuer: Check,
    active_auth: Check,
    chip_auth: Check,
    mismatched_data_groups: tuple[int, ...] = (),
    details: dict[str, str] | None = None,
) -> Authenticity:
    """Fold the checks into one verdict.

    Any failed check makes the document NOT genuine; without valid hashes and signature
    nothing is established (not checked); the issuer decides between the two genuine
    verdicts. ``details`` carries a reason per check name, used for failures.
    """
    reasons = details or {}
    checks = {
        "hashes": hashes,
        "signature": signature,
        "issuer": issuer,
        "active_auth": active_auth,
        "chip_auth": chip_auth,
    }
    for name, result in checks.items():
        if result is Check.FAILED:
            reason = reasons.get(name, f"{name.replace('_', ' ')} check failed")
            return Authenticity(
                hashes,
                signature,
                issuer,
                active_auth,
                chip_auth,
                Verdict.NOT_GENUINE,
                reason,
                mismatched_data_groups,
            )
    if hashes is not Check.PASSED or signature is not Check.PASSED:
        reason = reasons.get("not_checked", "the security object (SOD) was not checked")
        verdict = Verdict.NOT_CHECKED
    elif issuer is Check.PASSED:
        verdict, reason = Verdict.GENUINE, "data and signature valid; issuer verified"
    else:
        verdict = Verdict.GENUINE_ISSUER_UNKNOWN
        reason = reasons.get(
            "issuer", "data and signature valid; no CSCA certificate to verify the issuer"
        )
    return Authenticity(
        hashes,
        signature,
        issuer,
        active_auth,
        chip_auth,
        verdict,
        reason,
        mismatched_data_groups,
    )
