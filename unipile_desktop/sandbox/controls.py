"""The test controls under /_sandbox/: landmarks, fault rules, request and fault logs, inbound messages, media."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any, Protocol
from urllib.parse import unquote

from .errors import ApiError, invalid_parameters, missing_parameters, not_found
from .faults import FaultBook, FaultLog, RequestLog
from .files import generated_file
from .models import JsonDict
from .multipart import media_type
from .profiles import clear_profile_views, profile_views
from .routes import ApiResponse, error_response, json_response
from .state import SandboxState

CONTROL_PREFIX = "/_sandbox"

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
    "GET /_sandbox/profile_views (GET /users/{id} lookups: per account, and per account and identifier)",
    "DELETE /_sandbox/profile_views",
    "(bodies are JSON with Content-Type: application/json; requests from web pages, with an Origin, are refused)",
]


class ControlledSandbox(Protocol):
    """What the controls reach in the server (SandboxServer is one); read at each request."""

    state: SandboxState
    faults: FaultBook
    log: RequestLog
    fault_records: FaultLog

    def in_flight(self) -> list[JsonDict]: ...

    def inject_inbound(
        self,
        chat_id: str,
        text: str | None = None,
        sender_attendee_id: str | None = None,
        attachments: list[tuple[str, str, bytes]] | None = None,
    ) -> JsonDict: ...

    def send_from_other_device(self, chat_id: str, text: str) -> JsonDict: ...


def answer_control(
    sandbox: ControlledSandbox,
    method: str,
    path: str,
    body: bytes,
    *,
    client_host: str,
    origin: str | None,
    content_type: str | None,
) -> ApiResponse:
    """The answer to a request under /_sandbox/ (`path` relative to it): loopback clients only, no web pages."""
    if not (client_host.startswith("127.") or client_host in ("::1", "::ffff:127.0.0.1")):
        return error_response(ApiError(403, "errors/insufficient_permissions", "Loopback clients only."))
    try:
        _refuse_web_pages(method, origin, content_type)
        return _control(sandbox, method, path, body)
    except ApiError as error:
        return error_response(error)


def _refuse_web_pages(method: str, origin: str | None, content_type: str | None) -> None:
    """A web page in the agent's browser can reach 127.0.0.1: keep it away from the controls that change things.

    Browsers send ``Origin`` with every cross-site POST/PUT/PATCH/DELETE, and only a "simple" request (text/plain,
    a form, no type) goes out without a CORS preflight, which this server never approves. So: no Origin, and a
    JSON Content-Type on anything with a body.
    """
    if method in ("GET", "HEAD"):
        return
    if origin is not None:
        raise ApiError(403, "errors/insufficient_permissions", "The test controls do not answer web pages.")
    if method in ("POST", "PUT", "PATCH") and media_type(content_type) != ("application/json"):
        raise ApiError(
            415,
            "errors/unsupported_media_type",
            "The test controls take a body with Content-Type: application/json.",
        )


def _json_body(body: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "errors/malformed_request", "The JSON body could not be parsed.") from None
    if not isinstance(payload, dict):
        raise ApiError(400, "errors/malformed_request", "The JSON body must be an object.")
    return payload


def _control(sandbox: ControlledSandbox, method: str, path: str, body: bytes) -> ApiResponse:
    parts = [unquote(part) for part in path.strip("/").split("/") if part]
    if method == "GET" and parts in ([], ["index"]):
        return json_response(200, {"endpoints": CONTROL_ENDPOINTS})
    if method == "GET" and parts == ["landmarks"]:
        return json_response(200, sandbox.state.landmarks.to_json())
    if parts == ["faults"]:
        if method == "POST":
            return json_response(201, sandbox.faults.add(_json_body(body)).to_json())
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
    if parts == ["profile_views"]:
        if method == "GET":
            return json_response(200, profile_views(sandbox.state))
        if method == "DELETE":
            return json_response(200, {"deleted": clear_profile_views(sandbox.state)})
    if method == "GET" and parts == ["in_flight"]:
        return json_response(200, {"items": sandbox.in_flight()})
    if method == "POST" and parts == ["inbound"]:
        return json_response(201, _inbound(sandbox, _json_body(body)))
    if method == "POST" and len(parts) == 3 and parts[0] == "chats" and parts[2] == "outgoing":
        text = _json_body(body).get("text")
        if not isinstance(text, str):
            raise missing_parameters("text (a string) is required.")
        return json_response(201, sandbox.send_from_other_device(parts[1], text))
    if method == "GET" and len(parts) == 3 and parts[0] == "chats" and parts[2] == "message_counts":
        return json_response(200, sandbox.state.message_counts(parts[1]))
    if method == "POST" and len(parts) == 3 and parts[0] == "accounts" and parts[2] == "status":
        status = _json_body(body).get("status")
        if not isinstance(status, str):
            raise missing_parameters("status is required.")
        return json_response(200, sandbox.state.set_account_status(parts[1], status).to_json())
    if method == "GET" and len(parts) == 3 and parts[:2] == ["media", "attendees"] and parts[2].endswith(".png"):
        return ApiResponse(200, sandbox.state.picture(parts[2].removesuffix(".png")), content_type="image/png")
    raise not_found(f"Cannot {method} {CONTROL_PREFIX}{path}")


def _inbound(sandbox: ControlledSandbox, payload: dict[str, Any]) -> JsonDict:
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
    return sandbox.inject_inbound(chat_id, text, sender, files)


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
