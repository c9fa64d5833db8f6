"""``reception token simulate`` and ``reception verify``: the signing token and signed copies."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from hardware.errors import HardwareError
from hardware.input_files import InputFileError
from reception.digitising.model import DigitiseError
from reception.digitising.verification import load_ca_certificates, verify_pdf
from reception.errors import StorageError
from reception.storage.document_vault import read_document
from ui.cli.context import CliContext
from ui.composition import simulated_signing_token

EXIT_DEVICE = 3


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``token`` and ``verify`` subcommands."""
    token = subparsers.add_parser("token", help="the signing token (PKCS#11)")
    actions = token.add_subparsers(dest="token_action", metavar="ACTION", required=True)
    simulate = actions.add_parser(
        "simulate",
        help="create a simulated SoftHSM2 token with a key and a test CA's certificate",
        description=(
            "Create a SoftHSM2 token in DIR holding an RSA key and a certificate from a test "
            "CA (written as DIR/ca.pem), and print the settings to sign with it: module, "
            "token_label, key_label, pin, ca_certificate."
        ),
    )
    simulate.add_argument("--dir", type=Path, required=True, metavar="DIR")
    simulate.add_argument("--json", action="store_true", help="print the settings as JSON")
    simulate.set_defaults(handler=run_simulate)

    verify = subparsers.add_parser(
        "verify",
        help="check a digitised copy: conversion mark, signature, PDF/A",
        description=(
            "Report the conversion mark, each signature (valid, signer, time, whether it "
            "covers the whole file, trusted by --ca) and the PDF/A claim. Exit 0 when the "
            "copy is marked, PDF/A-2b and every signature is valid over the whole file."
        ),
    )
    verify.add_argument("file", type=Path, metavar="FILE.pdf")
    verify.add_argument(
        "--ca", type=Path, metavar="DIR", help="trusted CA certificates (a folder or one file)"
    )
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    verify.set_defaults(handler=run_verify)


def run_simulate(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``token simulate``; exit 3 when SoftHSM2 is not installed."""
    try:
        token = simulated_signing_token(args.dir)
    except HardwareError as exc:
        print(f"reception: {exc}", file=sys.stderr)
        return EXIT_DEVICE
    except OSError as exc:
        print(f"reception: cannot write in {args.dir}: {exc.strerror}", file=sys.stderr)
        return 2
    row = {
        "module": str(token.module),
        "token_label": token.token_label,
        "key_label": token.key_label,
        "pin": token.pin,
        "ca_certificate": str(token.ca_certificate),
    }
    if args.json:
        json.dump(row, sys.stdout, ensure_ascii=False)
        print()
    else:
        for key, value in row.items():
            print(f"{key}: {value}")
    return 0


def run_verify(args: argparse.Namespace, context: CliContext) -> int:
    """Handle ``verify``: exit 0 good, 1 when something is missing or broken, 2 bad input."""
    try:
        data = read_document(args.file)  # a kept (sealed) copy or any PDF
    except (InputFileError, StorageError) as exc:
        print(f"reception: {exc}", file=sys.stderr)
        return 2
    roots = []
    if args.ca is not None:
        if not args.ca.exists():
            print(f"reception: {args.ca} does not exist", file=sys.stderr)
            return 2
        roots = load_ca_certificates(args.ca)
    try:
        report = verify_pdf(data, roots)
    except DigitiseError as exc:
        print(f"reception: {args.file.name}: {exc}", file=sys.stderr)
        return 2
    if args.json:
        row = {"file": str(args.file), **report.to_json_dict()}
        json.dump(row, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0 if report.ok else 1
    print(f"{args.file}:")
    print(f"  conversion mark: {report.marked_pages} of {report.pages} pages")
    pdfa = report.pdfa_part or "none"
    problems = f" ({'; '.join(report.pdfa_problems)})" if report.pdfa_problems else ""
    print(f"  PDF/A claim: {pdfa}{problems}")
    if not report.signatures:
        print("  signature: none")
    for signature in report.signatures:
        when = signature.signed_at.isoformat(timespec="seconds") if signature.signed_at else "?"
        print(
            f"  signature {signature.field}: {'valid' if signature.valid else 'NOT VALID'}, "
            f"signer {signature.signer}, at {when}, "
            f"{'whole file' if signature.whole_file else 'NOT the whole file'}, "
            f"{'trusted' if signature.trusted else 'issuer not trusted'}"
            + (", timestamped" if signature.timestamped else "")
        )
    return 0 if report.ok else 1
