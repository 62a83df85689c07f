"""Loopback HTTP server speaking Unipile API v1, with test controls under /_sandbox/ and an embedding API.

Behaviour chosen where the real API is undocumented (see also the docstrings of the modules it cites):

- Auth: a missing or empty `X-API-KEY` answers 401 `errors/missing_credentials`; a wrong one 401
  `errors/invalid_credentials`. Unipile documents neither case; both types exist in its 401 enum.
- Unknown route or wrong method: 404 `errors/resource_not_found` (NestJS answers unmatched routes with 404).
- Sends (`POST /chats/{id}/messages`, `POST /chats`): a non-multipart body is 415, checks then run in this order:
  404 unknown chat/account, 403 `errors/account_mismatch` for an `account_id` of another account, 401
  `errors/disconnected_account` when the account's source status is not OK, 400 `errors/missing_parameters`
  (no text and no attachment), 400 `errors/too_many_characters` (provider limits), 400 `errors/content_too_large`
  (a file over 15 MiB), 422 `errors/cant_send_message` for a read-only chat, then the LinkedIn rules of
  `SandboxState.start_chat`. Sending marks the chat read (`unread_count` 0).
- `POST /chats` to a single attendee who already has a 1:1 chat on that account reuses that chat, without any
  LinkedIn connection or credit check (replying in an existing thread is free).
- `/users/me` and `/linkedin/inmail_balance` ask the provider, so a disconnected account answers 401 there;
  lists and downloads keep serving cached data. InMail balance of a non-LinkedIn account: 422 `errors/invalid_account`.
- Hidden messages (`hidden` 1, e.g. reaction events) are listed; clients are expected to filter them.
- Attendee `picture_url` points at keyless media under /_sandbox/media/ (like a CDN URL); the API route
  `/chat_attendees/{id}/picture` serves the same PNG with the key.
- `/chat_attendees` also lists known people without a chat (with LinkedIn `network_distance`), so a client can
  start chats with them; an unavailable (expired) attachment answers 404.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
import select
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, cast
from urllib.parse import parse_qs, unquote, urlsplit

from .errors import ApiError, default_type_for_status, invalid_parameters, missing_parameters, not_found
from .faults import FaultBook, FaultLog, FaultRule, InFlight, RequestLog, is_ambiguous
from .models import JsonDict, format_ts, now_ms
from .multipart import media_type
from .replies import ReplySimulator
from .routes import ApiRequest, ApiResponse, ApiRoutes, error_response, json_response
from .seed import generated_file
from .state import SandboxState

DEFAULT_API_KEY = "sandbox-demo-key"
API_PREFIX = "/api/v1"
CONTROL_PREFIX = "/_sandbox"
MAX_BODY_BYTES = 64 * 1024 * 1024
HIDDEN_HEADERS = frozenset({"x-api-key", "authorization", "cookie"})

logger = logging.getLogger(__name__)


class _DropConnection(Exception):
    """Close the connection without writing any HTTP response."""


class _BodyTooLarge(Exception):
    """The request body exceeds MAX_BODY_BYTES."""


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], sandbox: SandboxServer) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.sandbox = sandbox
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

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


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "UnipileSandbox/1.0"
    timeout = 120
    disable_nagle_algorithm = True  # small header + body writes otherwise wait ~40 ms for delayed ACKs

    @property
    def sandbox(self) -> SandboxServer:
        return cast(_HttpServer, self.server).sandbox

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
                self._handle_control(url.path[len(CONTROL_PREFIX) :] or "/", query, body)
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
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)
        self.wfile.flush()

    def _drop(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # ------------------------------------------------------------------ the API

    def _authenticate(self) -> str:
        """Return "ok", or raise the 401 for a missing or wrong key."""
        supplied = self.headers.get("X-API-KEY")
        if not supplied:
            raise ApiError(401, "errors/missing_credentials", "The X-API-KEY header is missing.")
        if not self.sandbox.key_matches(supplied):
            raise ApiError(401, "errors/invalid_credentials", "The X-API-KEY header does not match any access token.")
        return "ok"

    def _handle_api(self, path: str, query: dict[str, list[str]], body: bytes) -> None:
        sandbox = self.sandbox
        headers = {name.lower(): value for name, value in self.headers.items()}
        request = ApiRequest(self.command, path, query, headers, body)
        request_id = sandbox.log.new_id()
        route = sandbox.routes.route_name(self.command, path)
        summary = self._body_summary(request)
        text = _form_text(summary)
        entry: JsonDict = {
            "id": request_id,
            "time": format_ts(now_ms()),
            "method": self.command,
            "path": API_PREFIX + path,
            "query": query,
            "headers": {name: value for name, value in headers.items() if name not in HIDDEN_HEADERS},
        }
        sandbox.fault_records.count_request(route)
        sandbox.in_flight_requests.add(
            request_id,
            time.monotonic(),
            {
                "method": self.command,
                "path": API_PREFIX + path,
                "route": route,
                "text": text,
                "received": entry["time"],
                "rule": None,
                "action": None,
                "delay_ms": 0,
            },
            self._client_gone,
        )
        try:
            self._answer_api(request, request_id, route, text, summary, entry)
        finally:
            sandbox.in_flight_requests.remove(request_id)

    def _answer_api(
        self, request: ApiRequest, request_id: int, route: str, text: str | None, summary: JsonDict, entry: JsonDict
    ) -> None:
        sandbox = self.sandbox
        fault: FaultRule | None = None
        delay_ms = store_after_ms = 0
        dropped = False
        effect = "none"
        result: ApiResponse | None = None  # what carrying the request out gave, whatever the client hears
        try:
            entry["auth"] = self._authenticate()
            fault = sandbox.faults.take(self.command, request.path)
            if fault is not None:
                delay_ms, store_after_ms = sandbox.faults.draw(fault)
                sandbox.in_flight_requests.update(request_id, rule=fault.id, action=fault.action, delay_ms=delay_ms)
            if delay_ms:
                time.sleep(delay_ms / 1000)
            if fault is not None and fault.action == "drop":
                dropped = True
                response = None
            elif fault is not None and fault.action == "error":
                response = error_response(fault.error())
            elif fault is not None and fault.action == "store_later":
                # The client hears the error now; the provider "finishes" later (never stored before the answer).
                response = error_response(fault.error())
                effect = "later"
                sandbox.routes.dispatch_later(
                    request, store_after_ms / 1000, lambda late: sandbox.note_late_result(request_id, late)
                )
            else:
                response = result = self._dispatch(request)
                effect = "done"
                if fault is not None and fault.action == "store_then_drop":
                    dropped = True
                    response = None
                elif fault is not None and fault.action == "store_then_error":
                    response = error_response(fault.error())
                elif fault is not None and fault.action == "store_without_id" and response.status < 300:
                    response = _without_message_id(response)
        except ApiError as error:
            entry.setdefault("auth", "missing" if not self.headers.get("X-API-KEY") else "invalid")
            response = error_response(error)
        message_id = _message_id_of(result) if result is not None else None
        if message_id is not None:
            sandbox.state.note_request(message_id, request_id)
        client_gone = self._client_gone()
        answered = None if dropped or response is None or client_gone else response.status
        entry.update(summary)
        entry["status"] = response.status if response is not None else None
        entry["fault"] = fault.id if fault is not None else None
        entry["fault_action"] = fault.action if fault is not None else None
        entry["client_gone"] = client_gone
        sandbox.log.add(entry)
        if fault is not None:
            sandbox.fault_records.add(
                {
                    "request": request_id,
                    "time": entry["time"],
                    "method": self.command,
                    "path": API_PREFIX + request.path,
                    "route": route,
                    "text": text,
                    "rule": fault.id,
                    "action": fault.action,
                    "status": answered,
                    "delay_ms": delay_ms,
                    "store_after_ms": store_after_ms if fault.action == "store_later" else None,
                    "client_gone": client_gone,
                    "ambiguous": is_ambiguous(fault.action, answered, client_gone),
                    "effect": effect,
                    "result_status": result.status if result is not None else None,
                    "message_id": message_id,
                }
            )
        if dropped or response is None:
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

    def _dispatch(self, request: ApiRequest) -> ApiResponse:
        try:
            return self.sandbox.routes.dispatch(request)
        except ApiError as error:
            return error_response(error)
        except Exception as problem:  # the sandbox must answer like a server, not die with the thread
            logger.exception("sandbox route failed: %s %s", request.method, request.path)
            return error_response(ApiError(500, "errors/unexpected_error", f"{type(problem).__name__}: {problem}"))

    @staticmethod
    def _body_summary(request: ApiRequest) -> JsonDict:
        """Form fields and file metadata (or a JSON body) for the request log."""
        summary: JsonDict = {"form": None, "files": None, "json": None}
        kind = media_type(request.content_type)
        if kind == "multipart/form-data" and request.body:
            try:
                form = request.form()
            except ApiError:
                return summary
            summary["form"] = {name: list(values) for name, values in form.fields.items()}
            summary["files"] = [
                {
                    "field": upload.field,
                    "filename": upload.filename,
                    "content_type": upload.content_type,
                    "size": len(upload.data),
                }
                for upload in form.files
            ]
        elif kind == "application/json" and request.body:
            try:
                summary["json"] = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                summary["json"] = None
        return summary

    # ------------------------------------------------------------------ test controls

    def _handle_control(self, path: str, query: dict[str, list[str]], body: bytes) -> None:
        host = self.client_address[0]
        if not (host.startswith("127.") or host in ("::1", "::ffff:127.0.0.1")):
            self._send(error_response(ApiError(403, "errors/insufficient_permissions", "Loopback clients only.")))
            return
        try:
            self._refuse_web_pages()
            response = self._control(path, body)
        except ApiError as error:
            response = error_response(error)
        self._send(response)

    def _refuse_web_pages(self) -> None:
        """A web page in the agent's browser can reach 127.0.0.1: keep it away from the controls that change things.

        Browsers send ``Origin`` with every cross-site POST/PUT/PATCH/DELETE, and only a "simple" request (text/plain,
        a form, no type) goes out without a CORS preflight, which this server never approves. So: no Origin, and a
        JSON Content-Type on anything with a body.
        """
        if self.command in ("GET", "HEAD"):
            return
        if self.headers.get("Origin") is not None:
            raise ApiError(403, "errors/insufficient_permissions", "The test controls do not answer web pages.")
        if self.command in ("POST", "PUT", "PATCH") and media_type(self.headers.get("Content-Type")) != (
            "application/json"
        ):
            raise ApiError(
                415,
                "errors/unsupported_media_type",
                "The test controls take a body with Content-Type: application/json.",
            )

    def _json_body(self, body: bytes) -> dict[str, Any]:
        try:
            payload = json.loads(body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, ValueError):
            raise ApiError(400, "errors/malformed_request", "The JSON body could not be parsed.") from None
        if not isinstance(payload, dict):
            raise ApiError(400, "errors/malformed_request", "The JSON body must be an object.")
        return payload

    def _control(self, path: str, body: bytes) -> ApiResponse:
        sandbox = self.sandbox
        method = self.command
        parts = [unquote(part) for part in path.strip("/").split("/") if part]
        if method == "GET" and parts in ([], ["index"]):
            return json_response(200, {"endpoints": CONTROL_ENDPOINTS})
        if method == "GET" and parts == ["landmarks"]:
            return json_response(200, sandbox.state.landmarks.to_json())
        if parts == ["faults"]:
            if method == "POST":
                return json_response(201, sandbox.faults.add(self._json_body(body)).to_json())
            if method == "GET":
                return json_response(200, {"items": sandbox.faults.list()})
            if method == "DELETE":
                return json_response(200, {"deleted": sandbox.faults.clear()})
        if len(parts) == 2 and parts[0] == "faults" and method == "DELETE":
            if not sandbox.faults.remove(parts[1]):
                raise not_found(f"Fault {parts[1]} not found.")
            return json_response(200, {"deleted": 1})
        if parts == ["requests"]:
            if method == "GET":
                return json_response(200, {"items": sandbox.log.entries()})
            if method == "DELETE":
                return json_response(200, {"deleted": sandbox.log.clear()})
        if parts == ["fault_log"]:
            if method == "GET":
                return json_response(200, {"items": sandbox.fault_records.entries(), **sandbox.fault_records.summary()})
            if method == "DELETE":
                return json_response(200, {"deleted": sandbox.fault_records.clear()})
        if method == "GET" and parts == ["in_flight"]:
            return json_response(200, {"items": sandbox.in_flight()})
        if method == "POST" and parts == ["inbound"]:
            return json_response(201, self._inbound(self._json_body(body)))
        if method == "POST" and len(parts) == 3 and parts[0] == "chats" and parts[2] == "outgoing":
            text = self._json_body(body).get("text")
            if not isinstance(text, str):
                raise missing_parameters("text (a string) is required.")
            return json_response(201, sandbox.send_from_other_device(parts[1], text))
        if method == "GET" and len(parts) == 3 and parts[0] == "chats" and parts[2] == "message_counts":
            return json_response(200, sandbox.state.message_counts(parts[1]))
        if method == "POST" and len(parts) == 3 and parts[0] == "accounts" and parts[2] == "status":
            status = self._json_body(body).get("status")
            if not isinstance(status, str):
                raise missing_parameters("status is required.")
            return json_response(200, sandbox.state.set_account_status(parts[1], status).to_json())
        if method == "GET" and len(parts) == 3 and parts[:2] == ["media", "attendees"] and parts[2].endswith(".png"):
            return ApiResponse(200, sandbox.state.picture(parts[2].removesuffix(".png")), content_type="image/png")
        raise not_found(f"Cannot {method} {CONTROL_PREFIX}{path}")

    def _inbound(self, payload: dict[str, Any]) -> JsonDict:
        chat_id = payload.get("chat_id")
        if not isinstance(chat_id, str) or not chat_id:
            raise missing_parameters("chat_id is required.")
        text = payload.get("text")
        sender = payload.get("sender_attendee_id")
        if text is not None and not isinstance(text, str):
            raise invalid_parameters("text must be a string.")
        if sender is not None and not isinstance(sender, str):
            raise invalid_parameters("sender_attendee_id must be a string.")
        specs = payload.get("attachments") or []
        if not isinstance(specs, list):
            raise invalid_parameters("attachments must be a list.")
        files = [_inbound_file(spec) for spec in specs]
        return self.sandbox.inject_inbound(chat_id, text, sender, files)


def _form_text(summary: JsonDict) -> str | None:
    """The `text` field of a request's form, from its log summary."""
    form = summary.get("form")
    if isinstance(form, dict):
        values = form.get("text")
        if isinstance(values, list) and values and isinstance(values[0], str):
            return values[0]
    return None


def _message_id_of(response: ApiResponse) -> str | None:
    """The `message_id` a successful send answered with (None for anything else)."""
    if not 200 <= response.status < 300 or not response.content_type.startswith("application/json"):
        return None
    try:
        payload = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    message_id = payload.get("message_id") if isinstance(payload, dict) else None
    return message_id if isinstance(message_id, str) else None


def _without_message_id(response: ApiResponse) -> ApiResponse:
    """The same answer with `message_id` null (the `store_without_id` fault)."""
    try:
        payload = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return response
    if not isinstance(payload, dict) or "message_id" not in payload:
        return response
    payload["message_id"] = None
    answer = json_response(response.status, payload)
    answer.headers.update(response.headers)
    return answer


def _inbound_file(spec: object) -> tuple[str, str, bytes]:
    """An attachment of /_sandbox/inbound: a file name, or {file_name, mimetype?, content_base64?}."""
    if isinstance(spec, str):
        spec = {"file_name": spec}
    if not isinstance(spec, dict) or not isinstance(spec.get("file_name"), str):
        raise invalid_parameters("Each attachment needs a file_name.")
    file_name: str = spec["file_name"]
    mimetype, data = generated_file(file_name)
    if spec.get("content_base64") is not None:
        try:
            data = base64.b64decode(str(spec["content_base64"]), validate=True)
        except (binascii.Error, ValueError):
            raise invalid_parameters("content_base64 is not valid base64.") from None
        mimetype = "application/octet-stream"
    if isinstance(spec.get("mimetype"), str):
        mimetype = spec["mimetype"]
    return file_name, mimetype, data


CONTROL_ENDPOINTS = [
    "GET /_sandbox/landmarks",
    "POST /_sandbox/inbound {chat_id, text?, sender_attendee_id?, attachments?: [file_name | "
    "{file_name, mimetype?, content_base64?}]}",
    "POST /_sandbox/faults {path, method?, action?, status?, type?, title?, detail?, delay_ms?, times?, "
    "probability?, retry_after?, store_after_ms?, store_after_max_ms?, delay_max_ms?}",
    "GET /_sandbox/faults",
    "DELETE /_sandbox/faults",
    "DELETE /_sandbox/faults/{id}",
    "GET /_sandbox/requests",
    "DELETE /_sandbox/requests",
    "GET /_sandbox/fault_log (faulted API requests: rule, action, ambiguous, effect…; and per-route tallies)",
    "DELETE /_sandbox/fault_log",
    "GET /_sandbox/in_flight (API requests received and not answered yet)",
    "POST /_sandbox/chats/{chat_id}/outgoing {text} (the account owner sends from another device)",
    "GET /_sandbox/chats/{chat_id}/message_counts",
    "POST /_sandbox/accounts/{account_id}/status {status}",
    "GET /_sandbox/media/attendees/{attendee_id}.png",
    "(bodies are JSON with Content-Type: application/json; requests from web pages, with an Origin, are refused)",
]


class SandboxServer:
    """A Unipile-compatible server on loopback: `start()` in the background, `stop()`, or use `with`."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        api_key: str = DEFAULT_API_KEY,
        seed: int = 1,
        simulate_replies: bool = False,
        reply_delay_s: tuple[float, float] = (2.0, 6.0),
    ) -> None:
        self._host = host
        self._requested_port = port
        self._api_key = api_key.encode("utf-8")
        self.seed = seed
        self.state = SandboxState(seed)
        self.faults = FaultBook(seed)
        self.log = RequestLog()
        self.fault_records = FaultLog()
        self.in_flight_requests = InFlight()
        self._replies = ReplySimulator(self.state, seed, reply_delay_s) if simulate_replies else None
        self.routes = ApiRoutes(self.state, self._replies.schedule if self._replies is not None else None)
        self._httpd: _HttpServer | None = None
        self._thread: threading.Thread | None = None
        self._bound_port: int | None = None  # kept across stop() so a restart comes back at the same address

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> SandboxServer:
        """Bind, then serve from a daemon thread; returns once the socket is listening.

        After stop(), start() serves again on the port of the first start (even when that was picked by the OS),
        with the same state: a server that went away and came back.
        """
        if self._httpd is not None:
            raise RuntimeError("SandboxServer already started")
        port = self._bound_port if self._bound_port is not None else self._requested_port
        self._httpd = _HttpServer((self._host, port), self)
        self._bound_port = int(self._httpd.server_address[1])
        self.state.media_base = self.url + CONTROL_PREFIX + "/media"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="sandbox-http", daemon=True
        )
        self._thread.start()
        if self._replies is not None:
            self._replies.start()
        return self

    def stop(self) -> None:
        """Stop serving, close every connection and the listening socket, and join the threads."""
        if self._replies is not None:
            self._replies.stop()
        self.routes.cancel_later()  # a `store_later` request must not land in a stopped sandbox
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.close_connections()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("SandboxServer is not started")
        return int(self._httpd.server_address[1])

    @property
    def host(self) -> str:
        return self._host

    @property
    def url(self) -> str:
        """`http://127.0.0.1:PORT` (IPv6 hosts in brackets)."""
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self.port}"

    @property
    def api_url(self) -> str:
        """The base URL a Unipile client uses: `url` + `/api/v1`."""
        return self.url + API_PREFIX

    def key_matches(self, supplied: str) -> bool:
        """Constant-time comparison with the configured API key."""
        return hmac.compare_digest(supplied.encode("utf-8"), self._api_key)

    # ------------------------------------------------------------------ test controls (same as /_sandbox/)

    def add_fault(
        self,
        path: str,
        action: str = "error",
        *,
        method: str | None = None,
        status: int | None = None,
        type: str | None = None,  # noqa: A002 - the JSON field is called `type`
        title: str | None = None,
        detail: str | None = None,
        delay_ms: int = 0,
        times: int | None = 1,
        probability: float = 1.0,
        retry_after: int | None = None,
        store_after_ms: int | None = None,
        store_after_max_ms: int | None = None,
        delay_max_ms: int | None = None,
    ) -> str:
        """Add a fault rule (see POST /_sandbox/faults) and return its id."""
        spec: dict[str, Any] = {
            "path": path,
            "action": action,
            "method": method,
            "status": status,
            "type": type,
            "title": title,
            "detail": detail,
            "delay_ms": delay_ms,
            "times": times,
            "probability": probability,
            "retry_after": retry_after,
            "store_after_ms": store_after_ms,
            "store_after_max_ms": store_after_max_ms,
            "delay_max_ms": delay_max_ms,
        }
        return self.faults.add(spec).id

    def list_faults(self) -> list[JsonDict]:
        return self.faults.list()

    def clear_faults(self) -> int:
        return self.faults.clear()

    def inject_inbound(
        self,
        chat_id: str,
        text: str | None = None,
        sender_attendee_id: str | None = None,
        attachments: list[tuple[str, str, bytes]] | None = None,
    ) -> JsonDict:
        """Store a message from a participant (default: the first one who is not the owner); returns it as JSON."""
        with self.state.lock:
            message = self.state.inject_inbound(chat_id, text, sender_attendee_id, attachments)
            return message.to_json()

    def send_from_other_device(self, chat_id: str, text: str) -> JsonDict:
        """The account owner sends `text` into the chat from another device (phone, a colleague on the same account).

        Stored exactly like an API send (`is_sender` 1, from the owner); `message_counts` tells it apart. Returns it.
        """
        message = self.state.store_from_other_device(chat_id, text)
        if self._replies is not None:
            self._replies.schedule(message.chat_id)
        return message.to_json()

    def requests_log(self) -> list[JsonDict]:
        return self.log.entries()

    def fault_log(self) -> list[JsonDict]:
        """Every faulted API request (see FaultLog): what fired, whether it was ambiguous, what it stored."""
        return self.fault_records.entries()

    def fault_summary(self) -> JsonDict:
        """Per-route tallies: {"requests": {route: n}, "faulted": {…}, "ambiguous": {…}}."""
        return self.fault_records.summary()

    def in_flight(self) -> list[JsonDict]:
        """API requests received and not answered yet, oldest first (see InFlight)."""
        return self.in_flight_requests.items(time.monotonic())

    def note_late_result(self, request_id: int, response: ApiResponse) -> None:
        """A `store_later` request ran: note its result (and the message it stored) in the fault log."""
        message_id = _message_id_of(response)
        if message_id is not None:
            self.state.note_request(message_id, request_id)
        self.fault_records.update(request_id, result_status=response.status, message_id=message_id)

    def message_counts(self, chat_id: str) -> JsonDict:
        return self.state.message_counts(chat_id)

    def set_account_status(self, account_id: str, status: str) -> JsonDict:
        return self.state.set_account_status(account_id, status).to_json()

    @property
    def landmarks(self) -> JsonDict:
        """Ids of notable seeded records (accounts, chats, messages, attendees) by role."""
        return self.state.landmarks.to_json()
