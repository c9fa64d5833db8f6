"""The development server refuses what a hostile or broken client sends (issue 16)."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.simulation.devserver.server import DevServer

USERS = {"clerk": "s3cret"}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[DevServer]:
    # A short silence limit, so that the slow-client cases end quickly; the client side
    # waits far longer, so a pass never depends on the machine's speed.
    running = DevServer(tmp_path / "server", users=USERS, socket_timeout=0.5, max_connections=8)
    running.start()
    yield running
    running.stop()


def _connect(server: DevServer) -> socket.socket:
    host, port = server.httpd.server_address[:2]
    return socket.create_connection((str(host), int(port)), timeout=30)


def _exchange(server: DevServer, data: bytes) -> bytes:
    """Send ``data`` and read until the server closes or a whole answer has come."""
    with _connect(server) as conn:
        conn.sendall(data)
        received = b""
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                return received
            received += chunk
            head, sep, body = received.partition(b"\r\n\r\n")
            if sep:
                length = next(
                    (
                        int(line.split(b":")[1])
                        for line in head.split(b"\r\n")
                        if line.lower().startswith(b"content-length:")
                    ),
                    0,
                )
                if len(body) >= length:
                    return received


def _post(server: DevServer, path: str, body: object, headers: str = "") -> tuple[int, object]:
    data = json.dumps(body).encode()
    answer = _exchange(
        server,
        f"POST {path} HTTP/1.1\r\nHost: t\r\nContent-Length: {len(data)}\r\n{headers}\r\n".encode()
        + data,
    )
    head, _, rest = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(rest) if rest else None


@pytest.mark.parametrize(
    "credentials",
    [
        {"username": "nobody"},
        {"username": "nobody", "password": None},
        {"username": "clerk"},
        {"username": "clerk", "password": None},
        {"username": "clerk", "password": ""},
        {"username": "clerk", "password": "s3cre"},
        {"username": "clerk", "password": ["s3cret"]},
        {"username": None, "password": None},
        {},
    ],
)
def test_a_login_needs_the_configured_user_and_password(
    server: DevServer, credentials: dict[str, object]
) -> None:
    status, _ = _post(server, "/auth/login", credentials)
    assert status == 401


def test_the_configured_login_gets_a_session(server: DevServer) -> None:
    status, body = _post(server, "/auth/login", {"username": "clerk", "password": "s3cret"})
    assert status == 200
    assert isinstance(body, dict) and body["session"]


@pytest.mark.parametrize(
    ("length", "status"),
    [("-1", 400), ("abc", 400), ("1e3", 400), ("99999999999", 413), ("", 400)],
)
def test_a_bad_content_length_is_refused_before_the_body_is_read(
    server: DevServer, length: str, status: int
) -> None:
    answer = _exchange(
        server,
        f"POST /auth/login HTTP/1.1\r\nHost: t\r\nContent-Length: {length}\r\n\r\n".encode()
        + b"x" * 4096,
    )
    assert answer.startswith(f"HTTP/1.1 {status} ".encode())


def test_a_body_shorter_than_announced_or_slow_headers_lose_the_connection(
    server: DevServer,
) -> None:
    short = _exchange(
        server, b"POST /auth/login HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{}"
    )
    slow = _exchange(server, b"POST /auth/lo")
    # Closed by the server's silence limit, long before the client's own 30 s.
    assert short == b""
    assert slow == b""


def test_connections_beyond_the_cap_are_answered_503(tmp_path: Path) -> None:
    # Idle connections hold their slots for the whole test (a long silence limit).
    server = DevServer(tmp_path / "capped", users=USERS, socket_timeout=60, max_connections=8)
    server.start()
    idle = [_connect(server) for _ in range(8)]
    try:
        # Connections are accepted in order: the ninth finds every slot taken.
        answer = _exchange(server, b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 503 ")
    finally:
        for conn in idle:
            conn.close()
        server.stop()


def test_a_record_naming_a_local_file_is_refused(server: DevServer) -> None:
    status, body = _post(server, "/auth/login", {"username": "clerk", "password": "s3cret"})
    assert isinstance(body, dict)
    record = {
        "MaHoSo": "000.00.01.H49-261201-0001",
        "MaTTHC": "1.001193",
        "TenTTHC": "t",
        "ChuHoSo": "c",
        "NgayTiepNhan": "20261201090000",
        "TrangThaiHoSo": "1",
        "TaiLieuNop": [{"TepDinhKemId": "/etc/passwd", "DuongDanTaiTepTin": "/etc/passwd"}],
    }
    envelope = {"service": "DongBoHoSoMC", "madonvi": "u", "version": "2018", "data": [record]}
    headers = f"Authorization: Bearer {body['session']}\r\nIdempotency-Key: k1\r\n"
    status, answer = _post(server, "/dossiers", envelope, headers)
    assert status == 422
    assert isinstance(answer, dict) and "TepDinhKemId" in str(answer["message"])
