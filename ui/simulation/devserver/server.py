"""The development server's HTTP side: the standard library's ThreadingHTTPServer.

Why the standard library: the fault switches need the raw socket (hang up after the
headers, in the middle of a body, before a word), which http.server hands over plainly
and an ASGI stack hides; and the app ships no server dependency for a tool only used in
demos and tests. HTTP/1.1 keep-alive, so the client reuses its connections as it would
with a real server.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
import re
import secrets
import socket
import sys
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ui.simulation.devserver import shared_components
from ui.simulation.devserver.faults import Fault, FaultInjector, FaultPlan
from ui.simulation.devserver.record_schema import record_problem
from ui.simulation.devserver.store import Answer, ProtocolStore
from ui.simulation.serving import ServingThread

log = logging.getLogger(__name__)

_FILE_PATH = re.compile(r"^/files/([0-9a-f]{64})$")
_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")
_STATUS_RANGE = re.compile(r"^bytes \*/(\d+)$")
_SYNC_DATE = re.compile(r"^\d{14}$")
REQUIRED_FIELDS = ("MaHoSo", "MaTTHC", "TenTTHC", "ChuHoSo", "NgayTiepNhan", "TrangThaiHoSo")
MAX_JSON_BYTES = 1 << 20
_FILE_ID = re.compile(r"^[0-9a-f]{64}$")
#: A file chunk's largest body (the client sends 1 MiB chunks).
MAX_CHUNK_BYTES = 16 << 20
#: Seconds a connection may stay silent (slow headers, a body shorter than announced).
SOCKET_TIMEOUT_SECONDS = 15.0
#: Connections served at once; more are refused at once with 503.
MAX_CONNECTIONS = 64


class BadRequestError(Exception):
    """A request the server refuses before reading it (a malformed ``Content-Length``)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class DevServer:
    """The protocol on ``host:port`` (0 = any free port), served from a thread."""

    def __init__(
        self,
        data: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        faults: FaultPlan | None = None,
        users: Mapping[str, str] | None = None,
        socket_timeout: float = SOCKET_TIMEOUT_SECONDS,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        self.store = ProtocolStore(data)
        # The citizens' shared store of digitised components (issue 13).
        self.components = shared_components.SharedComponents(data, self.store.files)
        self._accounts: dict[str, str] = {}  # session token -> account
        self.faults = FaultInjector(faults or FaultPlan())
        self.users = dict(users or {"demo": "demo"})
        self._tokens: dict[str, float] = {}
        self._uses: dict[str, int] = {}  # session token -> authorised requests so far
        self._tokens_lock = threading.Lock()
        self.requests = 0
        handler = type("Handler", (_Handler,), {"server_state": self, "timeout": socket_timeout})
        self.httpd = _Server((host, port), handler, max_connections=max_connections)
        self._serving = ServingThread(self.httpd, "dev-server")

    @property
    def url(self) -> str:
        return self._serving.base_url

    def start(self) -> DevServer:
        self._serving.start()
        return self

    def stop(self) -> None:
        self._serving.stop()
        self.store.close()
        self.components.close()

    def login(self, username: object, password: object) -> str | None:
        """A session token for a configured user and password, else None.

        Both must be strings; the password is compared in constant time, and an unknown
        user costs the same comparison, so timing tells nothing about which was wrong.
        """
        if not isinstance(username, str) or not isinstance(password, str):
            return None
        expected = self.users.get(username)
        matches = hmac.compare_digest(
            (expected if expected is not None else "\x00" + password).encode("utf-8", "replace"),
            password.encode("utf-8", "replace"),
        )
        if expected is None or not matches:
            return None
        token = secrets.token_urlsafe(24)
        with self._tokens_lock:
            self._tokens[token] = time.monotonic() + self.faults.plan.token_ttl_seconds
            self._accounts[token] = username
            self._uses[token] = 0
        return token

    def expire_sessions(self) -> None:
        """End every session at once (as a server restart would)."""
        with self._tokens_lock:
            self._tokens.clear()
            self._uses.clear()

    def session_account(self, header: str | None) -> str | None:
        """The account a session token was given to (None for an unknown token)."""
        token = (header or "").removeprefix("Bearer ")
        with self._tokens_lock:
            return self._accounts.get(token)

    def authorised(self, header: str | None) -> bool:
        token = (header or "").removeprefix("Bearer ")
        limit = self.faults.plan.session_requests
        with self._tokens_lock:
            expires = self._tokens.get(token)
            used_up = expires is not None and limit > 0 and self._uses[token] >= limit
            if expires is not None and not used_up:
                self._uses[token] += 1
        if expires is not None and (used_up or time.monotonic() >= expires):
            self.faults.count(Fault.SESSION_EXPIRED)
            return False
        return expires is not None

    def validate(self, record: Mapping[str, Any]) -> str | None:
        """The server's checks of a record: the reason it is refused, or None."""
        for name in REQUIRED_FIELDS:
            if not record.get(name):
                return f"{name} is required"
        for name in ("NgayTiepNhan", "NgayHenTra"):
            value = record.get(name)
            if value is not None and not _SYNC_DATE.match(str(value)):
                return f"{name} must be yyyyMMddHHmmss"
        if str(record["MaTTHC"]) in self.faults.plan.refuse_procedures:
            return f"procedure {record['MaTTHC']} is not handled by this unit"
        return _file_reference_problem(record.get("TaiLieuNop"))


def _file_reference_problem(documents: object) -> str | None:
    """Files are named by the id this server gave them, never by a path: a record naming
    ``/etc/passwd`` or ``../x`` is refused before anything looks at the disk."""
    if documents is None:
        return None
    if not isinstance(documents, list):
        return "TaiLieuNop must be a list"
    for index, doc in enumerate(documents):
        if not isinstance(doc, dict):
            return f"TaiLieuNop[{index}] must be an object"
        file_id = doc.get("TepDinhKemId")
        if not isinstance(file_id, str) or _FILE_ID.match(file_id) is None:
            return f"TaiLieuNop[{index}].TepDinhKemId must be a file id given by this server"
        where = doc.get("DuongDanTaiTepTin")
        if where is not None and where != f"/files/{file_id}":
            return f"TaiLieuNop[{index}].DuongDanTaiTepTin must be /files/{{TepDinhKemId}}"
    return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Refused connections wait in the kernel's queue, not in threads of ours.
    request_queue_size = MAX_CONNECTIONS

    def __init__(self, *args: Any, max_connections: int = MAX_CONNECTIONS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._slots = threading.BoundedSemaphore(max_connections)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve in a thread when a slot is free; otherwise answer 503 and hang up."""
        if not self._slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                    b"Connection: close\r\n\r\n"
                )
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (timeouts, killed processes) is normal here."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            log.debug("dev-server: client went away: %s", type(error).__name__)
            return
        log.exception("dev-server: request failed")


class _Handler(BaseHTTPRequestHandler):
    server_state: DevServer
    protocol_version = "HTTP/1.1"
    # The socket's timeout: a client that sends its headers or body too slowly, or less
    # body than it announced, loses its connection instead of holding a thread for ever.
    timeout = SOCKET_TIMEOUT_SECONDS
    # Headers and body leave in separate writes: without this, Nagle's algorithm and the
    # client's delayed ACK add ~40 ms to every answer on a kept-alive connection.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("dev-server: " + format, *args)

    # -- dispatch --------------------------------------------------------------------------

    def do_HEAD(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        try:
            self._content_length()
        except BadRequestError as exc:
            # Nothing of the body is read: the connection is closed after the answer.
            self.close_connection = True
            self._answer(Answer(exc.status, {"message": str(exc)}))
            return
        self._serve_checked()

    def _content_length(self) -> int:
        """The body's announced length, checked before a byte of it is read."""
        values = self.headers.get_all("Content-Length") or []
        if len(set(values)) > 1:
            raise BadRequestError(400, "conflicting Content-Length headers")
        if self.headers.get("Transfer-Encoding"):
            raise BadRequestError(411, "Transfer-Encoding is not accepted; send Content-Length")
        text = values[0].strip() if values else "0"
        if not text.isdigit() or len(text) > 12:
            raise BadRequestError(400, "Content-Length must be a number of bytes")
        length = int(text)
        limit = MAX_CHUNK_BYTES if self.command == "PUT" else MAX_JSON_BYTES
        if length > limit:
            raise BadRequestError(413, f"the body is larger than {limit} bytes")
        return length

    def _serve_checked(self) -> None:
        state = self.server_state
        state.requests += 1
        if state.faults.is_down():
            self._hang_up()
            return
        time.sleep(state.faults.delay())
        has_body = self.command in ("PUT", "POST")
        stores = self.command == "POST" and self.path == "/dossiers"
        fault = state.faults.draw(has_body=has_body, stores_dossier=stores)
        if fault is Fault.ERROR:
            self._skip_body()
            self._answer(Answer(503, {"message": "injected failure"}))
            return
        if fault is Fault.DROP_REQUEST and self.command != "PUT":
            self.rfile.read(self._content_length() // 2)
            self._hang_up()
            return
        answer = self._route(fault)
        if answer is None or fault is Fault.LOSE_CONFIRMATION:
            self._hang_up()
        elif fault is Fault.DROP_AFTER_HEADERS:
            self._answer(answer, cut_at=0)
        elif fault is Fault.DROP_MID_BODY:
            self._answer(answer, cut_at=1)
        else:
            self._answer(answer)

    def _route(self, fault: Fault) -> Answer | None:
        if self.command == "POST" and self.path == "/auth/login":
            return self._login()
        if self.path.startswith(shared_components.PREFIX):
            return self._components()
        files = _FILE_PATH.match(self.path)
        if files is None and not (self.command == "POST" and self.path == "/dossiers"):
            self._skip_body()
            return Answer(404, {"message": "no such resource"})
        if not self.server_state.authorised(self.headers.get("Authorization")):
            self._skip_body()
            return Answer(401, {"message": "session missing or expired"})
        if files is None:
            return self._dossier()
        if self.command == "HEAD":
            held = self.server_state.store.file_offset(files.group(1))
            if held is None:
                return Answer(404)
            return Answer(200, None, {"Upload-Offset": str(held)})
        if self.command == "PUT":
            return self._put_file(files.group(1), fault)
        self._skip_body()
        return Answer(405, {"message": "method not allowed"})

    # -- the protocol ----------------------------------------------------------------------

    def _components(self) -> Answer | None:
        """The shared store of digitised components (``shared_components``), per account."""
        state = self.server_state
        header = self.headers.get("Authorization")
        account = state.session_account(header) if state.authorised(header) else None
        if account is None:
            self._skip_body()
            return Answer(401, {"message": "session missing or expired"})
        body = self._json_body() if self.command == "POST" else None
        key = self.headers.get("Idempotency-Key", "")
        answer = state.components.handle(self.command, self.path, account, body, key)
        if isinstance(answer, shared_components.FileAnswer):
            shared_components.send_file(self, answer)
            return None  # written; the connection is closed after it
        return answer

    def _login(self) -> Answer:
        body = self._json_body()
        if not isinstance(body, dict):
            return Answer(400, {"message": "expected a JSON object"})
        token = self.server_state.login(body.get("username"), body.get("password"))
        if token is None:
            return Answer(401, {"message": "user name or password refused"})
        ttl = self.server_state.faults.plan.token_ttl_seconds
        return Answer(200, {"session": token, "expires_in": round(ttl, 3)})

    def _put_file(self, sha: str, fault: Fault) -> Answer | None:
        store = self.server_state.store
        content_range = self.headers.get("Content-Range", "")
        length = self._content_length()
        status = _STATUS_RANGE.match(content_range)
        if status is not None:
            self._skip_body()
            return store.finish_empty_or_status(sha, int(status.group(1)))
        parts = _RANGE.match(content_range)
        if parts is None:
            self._skip_body()
            return Answer(400, {"message": "Content-Range: bytes START-END/TOTAL required"})
        start, end, total = (int(p) for p in parts.groups())
        if end - start + 1 != length or end >= total:
            self._skip_body()
            return Answer(400, {"message": "Content-Range does not match Content-Length"})
        cut = length // 2 if fault is Fault.DROP_REQUEST else None
        return store.write_chunk(sha, start, total, self.rfile, length, stop_after=cut)

    def _dossier(self) -> Answer:
        key = self.headers.get("Idempotency-Key", "")
        body = self._json_body()
        if not key:
            return Answer(400, {"message": "Idempotency-Key required"})
        if not isinstance(body, dict) or body.get("service") != "DongBoHoSoMC":
            return Answer(422, {"message": "expected a DongBoHoSoMC envelope"})
        data = body.get("data")
        if not body.get("madonvi") or not isinstance(data, list) or len(data) != 1:
            return Answer(422, {"message": "madonvi and one record in data are required"})
        if not isinstance(data[0], dict):
            return Answer(422, {"message": "the record must be a JSON object"})
        # Checked against the version it is sent as (record_schema), then the server's rules.
        problem = record_problem(data[0], str(body.get("version") or "2018"))
        if problem is not None:
            return Answer(422, {"error_code": "99", "message": problem})
        return self.server_state.store.store_dossier(
            key, data[0], validate=self.server_state.validate
        )

    # -- the wire --------------------------------------------------------------------------

    def _json_body(self) -> object:
        length = self._content_length()
        data = self.rfile.read(length)
        if len(data) < length:
            self.close_connection = True  # the client announced more than it sent
            return None
        try:
            return json.loads(data or b"null")
        except (ValueError, RecursionError):
            return None

    def _skip_body(self) -> None:
        length = self._content_length()
        if length > MAX_JSON_BYTES:
            self.close_connection = True
            return
        self.rfile.read(length)

    def _answer(self, answer: Answer, *, cut_at: int | None = None) -> None:
        body = b"" if answer.body is None else json.dumps(answer.body).encode("utf-8")
        self.send_response(answer.status)
        for name, value in (answer.headers or {}).items():
            self.send_header(name, value)
        if answer.body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body if cut_at is None else body[: len(body) // 2 * cut_at])
        if cut_at is not None:
            self._hang_up()

    def _hang_up(self) -> None:
        """Cut the connection without (the rest of) an answer."""
        self.close_connection = True
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
