"""A simulated RFC 3161 timestamp server, for signing with a timestamp (PAdES-B-T) offline.

It answers ``application/timestamp-query`` POSTs with tokens signed by its own test
certificate (extended key usage timeStamping, issued by a test CA written to
``DIR/tsa-ca.pem``); the token itself is made by pyHanko's testing timestamper. Like the
development server it is a real server on a local port, not a mock: the signing code
talks to it through its ordinary HTTP timestamp client (``[signing] tsa_url``).
"""

from __future__ import annotations

import datetime as dt
import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from asn1crypto import keys, tsp  # type: ignore[import-untyped, unused-ignore]
from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped, unused-ignore]
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from ui.simulation.serving import ServingThread

log = logging.getLogger(__name__)
MAX_QUERY_BYTES = 64 << 10


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "reception test TSA (not trusted)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificates(now: dt.datetime) -> tuple[x509.Certificate, x509.Certificate, bytes]:
    """The test CA, the TSA's certificate and the TSA's key (DER PKCS#8)."""
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = _name("reception test timestamp CA")
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    tsa = (
        x509.CertificateBuilder()
        .subject_name(_name("reception test timestamp server"))
        .issuer_name(ca_name)
        .public_key(tsa_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key_der = tsa_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return ca, tsa, key_der


class TimestampAuthority:
    """Serves timestamps on ``host:port`` (0: any free port) from a thread."""

    def __init__(self, folder: Path, *, host: str = "127.0.0.1", port: int = 0) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        ca, tsa, key_der = _certificates(dt.datetime.now(dt.UTC))
        self.ca_certificate = folder / "tsa-ca.pem"
        self.ca_certificate.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
        self._stamper = DummyTimeStamper(
            tsa_cert=asn1_x509.Certificate.load(tsa.public_bytes(serialization.Encoding.DER)),
            tsa_key=keys.PrivateKeyInfo.load(key_der),
        )
        self.requests = 0
        handler = type("Handler", (_Handler,), {"authority": self})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self._serving = ServingThread(self.httpd, "tsa")

    @property
    def url(self) -> str:
        return f"{self._serving.base_url}/tsa"

    def start(self) -> TimestampAuthority:
        self._serving.start()
        return self

    def stop(self) -> None:
        self._serving.stop()

    def answer(self, query: bytes) -> bytes:
        """The DER ``TimeStampResp`` for a DER ``TimeStampReq``."""
        self.requests += 1
        request = tsp.TimeStampReq.load(query)
        return bytes(self._stamper.request_tsa_response(request).dump())


class _Handler(BaseHTTPRequestHandler):
    authority: TimestampAuthority
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("tsa: " + format, *args)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 < length <= MAX_QUERY_BYTES:
            self.send_error(400, "a timestamp query is a small DER body")
            return
        try:
            reply = self.authority.answer(self.rfile.read(length))
        except ValueError:
            self.send_error(400, "not a timestamp query")
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)
