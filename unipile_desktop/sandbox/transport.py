"""HTTP/1.1 on loopback for the sandbox: the threaded server, request bodies (chunked too), answers and hang-ups."""

from __future__ import annotations

import logging
import select
import socket
import sys
import threading
import time
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol, cast
from urllib.parse import parse_qs, urlsplit

from .api_exchange import API_PREFIX, ApiExchange, ServedSandbox
from .controls import CONTROL_PREFIX, ControlledSandbox, answer_control
from .errors import ApiError, default_type_for_status, not_found
from .routes import ApiRequest, ApiResponse, error_response

MAX_BODY_BYTES = 64 * 1024 * 1024

logger = logging.getLogger(__name__)


class HostedSandbox(ServedSandbox, ControlledSandbox, Protocol):
    """What the HTTP layer serves: the API and the test controls of one sandbox (SandboxServer is one)."""


class _DropConnection(Exception):
    """Close the connection without writing any HTTP response."""


class _BodyTooLarge(Exception):
    """The request body exceeds MAX_BODY_BYTES."""


class SandboxHttpServer(ThreadingHTTPServer):
    """A thread per connection; it tracks its connections so a stop can wake handlers idle on keep-alive."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], sandbox: HostedSandbox) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.sandbox = sandbox
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, SandboxRequestHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up (app closing, a test dropping its connection) is normal traffic, not a fault.
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self, wait_s: float = 2.0) -> None:
        """Wake handler threads blocked on idle keep-alive connections, then wait (bounded) for them to end."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            with self._connections_lock:
                if not self._connections:
                    return
            time.sleep(0.005)


class SandboxRequestHandler(BaseHTTPRequestHandler):
    """One connection's requests: /api/v1 goes to an ApiExchange, /_sandbox/ to the controls, the rest is 404."""

    protocol_version = "HTTP/1.1"
    server_version = "UnipileSandbox/1.0"
    timeout = 120
    disable_nagle_algorithm = True  # small header + body writes otherwise wait ~40 ms for delayed ACKs

    @property
    def sandbox(self) -> HostedSandbox:
        return cast(SandboxHttpServer, self.server).sandbox

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature of the base class
        logger.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PATCH(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    def do_OPTIONS(self) -> None:
        self._handle()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Protocol-level failures (bad request line, unknown method…) also answer in the Unipile error shape."""
        self.close_connection = True
        error = ApiError(code, default_type_for_status(code), explain or message or "Bad request.")
        try:
            self._send(error_response(error))
        except OSError:
            pass

    # ------------------------------------------------------------------ plumbing

    def _handle(self) -> None:
        try:
            url = urlsplit(self.path)
            query = parse_qs(url.query, keep_blank_values=True)
            try:
                body = self._read_body()
            except _BodyTooLarge:
                self.close_connection = True
                self._send(error_response(ApiError(400, "errors/content_too_large", "The request body is too large.")))
                return
            except ValueError:
                self.close_connection = True
                self._send(error_response(ApiError(400, "errors/malformed_request", "Unreadable request body.")))
                return
            if url.path == API_PREFIX or url.path.startswith(API_PREFIX + "/"):
                self._handle_api(url.path[len(API_PREFIX) :] or "/", query, body)
            elif url.path == CONTROL_PREFIX or url.path.startswith(CONTROL_PREFIX + "/"):
                self._handle_control(url.path[len(CONTROL_PREFIX) :] or "/", body)
            else:
                self._send(error_response(not_found(f"Cannot {self.command} {url.path}")))
        except _DropConnection:
            self._drop()
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            total = 0
            while True:
                line = self.rfile.readline(65537)
                if not line:
                    raise ConnectionError("client went away")
                size = int(line.split(b";", 1)[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                total += size
                if total > MAX_BODY_BYTES:
                    raise _BodyTooLarge
                chunks.append(self._read_exactly(size))
                self.rfile.readline(3)
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0:
            raise ValueError("negative Content-Length")
        if length > MAX_BODY_BYTES:
            raise _BodyTooLarge
        return self._read_exactly(length)

    def _read_exactly(self, size: int) -> bytes:
        data = self.rfile.read(size) if size else b""
        if len(data) < size:
            raise ConnectionError("client went away mid-body")
        return data

    def _send(self, response: ApiResponse) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        length = response.stream_length if response.stream is not None else len(response.body)
        self.send_header("Content-Length", str(length))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            if response.stream is not None:
                self._write_stream(response.stream)
            else:
                self.wfile.write(response.body)
        self.wfile.flush()

    def _write_stream(self, stream: Iterable[bytes | float]) -> None:
        """Write a streamed body: bytes at once, numbers as pauses that end early when the connection closes."""
        for item in stream:
            if isinstance(item, bytes):
                self.wfile.write(item)
                self.wfile.flush()
            elif self._closed_within(item):
                self.close_connection = True
                raise ConnectionError("the client or the server closed the connection mid-answer")

    def _closed_within(self, seconds: float) -> bool:
        """Wait up to `seconds`; True as soon as the client hangs up or a stop shuts the socket down."""
        # select(), not poll(): poll does not exist on Windows. httpx never pipelines, so the socket becoming
        # readable (data, an orderly close or an error) while an answer is being sent means a hang-up.
        readable, _, broken = select.select([self.connection], [], [self.connection], max(0.0, seconds))
        return bool(readable or broken)

    def _drop(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _respond(self, response: ApiResponse | None) -> None:
        """Send `response`, or close the connection without any answer when it is None."""
        if response is None:
            raise _DropConnection
        self._send(response)

    def _client_gone(self) -> bool:
        """Whether the client hung up before its answer (its end of the connection is closed: EOF waits to be read).

        A client that timed out, was closed or was killed closes its socket; the kernel then delivers EOF here, which a
        non-blocking peek sees without consuming anything (httpx never pipelines, so nothing else can be waiting).
        """
        try:
            poller = select.poll()  # not select(): no limit on the descriptor's number
            poller.register(self.connection, select.POLLIN | select.POLLHUP | select.POLLERR)
            if not poller.poll(0):
                return False
            peeked: bytes = self.connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        except BlockingIOError:
            return False
        except (OSError, ValueError):  # reset by the peer, or a closed socket object
            return True
        return peeked == b""

    # ------------------------------------------------------------------ the API and the test controls

    def _handle_api(self, path: str, query: dict[str, list[str]], body: bytes) -> None:
        headers = {name.lower(): value for name, value in self.headers.items()}
        request = ApiRequest(self.command, path, query, headers, body)
        ApiExchange(self.sandbox, request, self.headers.get("X-API-KEY"), self._client_gone, self._respond).run()

    def _handle_control(self, path: str, body: bytes) -> None:
        response = answer_control(
            self.sandbox,
            self.command,
            path,
            body,
            client_host=self.client_address[0],
            origin=self.headers.get("Origin"),
            content_type=self.headers.get("Content-Type"),
        )
        self._send(response)
