"""One request to /api/v1 from arrival to answer: key check, request log, in-flight entry, fault rule, dispatch."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Protocol

from .errors import ApiError
from .faults import FaultBook, FaultLog, FaultRule, InFlight, RequestLog, is_ambiguous
from .models import JsonDict, format_ts, now_ms
from .multipart import media_type
from .routes import ApiRequest, ApiResponse, ApiRoutes, error_response, json_response
from .state import SandboxState

API_PREFIX = "/api/v1"
HIDDEN_HEADERS = frozenset({"x-api-key", "authorization", "cookie"})
SEND_ANSWER_MAX_BYTES = 64 * 1024

logger = logging.getLogger(__name__)


class ServedSandbox(Protocol):
    """What answering an API request reaches in the server (SandboxServer is one); read at each request."""

    state: SandboxState
    routes: ApiRoutes
    faults: FaultBook
    log: RequestLog
    fault_records: FaultLog
    in_flight_requests: InFlight

    def key_matches(self, supplied: str) -> bool: ...

    def note_late_result(self, request_id: int, response: ApiResponse) -> None: ...


class ApiExchange:
    """Answers one API request through `respond` (None: drop the connection without an answer), then logs it.

    `supplied_key` is the request's X-API-KEY header; `client_gone` tells whether the client has hung up.
    """

    def __init__(
        self,
        sandbox: ServedSandbox,
        request: ApiRequest,
        supplied_key: str | None,
        client_gone: Callable[[], bool],
        respond: Callable[[ApiResponse | None], None],
    ) -> None:
        self.sandbox = sandbox
        self.request = request
        self.supplied_key = supplied_key
        self.client_gone = client_gone
        self.respond = respond

    def _authenticate(self) -> str:
        """Return "ok", or raise the 401 for a missing or wrong key."""
        supplied = self.supplied_key
        if not supplied:
            raise ApiError(401, "errors/missing_credentials", "The X-API-KEY header is missing.")
        if not self.sandbox.key_matches(supplied):
            raise ApiError(401, "errors/invalid_credentials", "The X-API-KEY header does not match any access token.")
        return "ok"

    def run(self) -> None:
        sandbox = self.sandbox
        request = self.request
        path = request.path
        request_id = sandbox.log.new_id()
        route = sandbox.routes.route_name(request.method, path)
        summary = body_summary(request)
        text = form_text(summary)
        entry: JsonDict = {
            "id": request_id,
            "time": format_ts(now_ms()),
            "method": request.method,
            "path": API_PREFIX + path,
            "query": request.query,
            "headers": {name: value for name, value in request.headers.items() if name not in HIDDEN_HEADERS},
        }
        sandbox.fault_records.count_request(route)
        sandbox.in_flight_requests.add(
            request_id,
            time.monotonic(),
            {
                "method": request.method,
                "path": API_PREFIX + path,
                "route": route,
                "text": text,
                "received": entry["time"],
                "rule": None,
                "action": None,
                "delay_ms": 0,
            },
            self.client_gone,
        )
        try:
            self._answer(request_id, route, text, summary, entry)
        finally:
            sandbox.in_flight_requests.remove(request_id)

    def _answer(self, request_id: int, route: str, text: str | None, summary: JsonDict, entry: JsonDict) -> None:
        sandbox = self.sandbox
        request = self.request
        fault: FaultRule | None = None
        delay_ms = store_after_ms = 0
        dropped = False
        effect = "none"
        result: ApiResponse | None = None  # what carrying the request out gave, whatever the client hears
        try:
            entry["auth"] = self._authenticate()
            fault = sandbox.faults.take(request.method, request.path)
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
                response = result = self._dispatch()
                effect = "done"
                if fault is not None and fault.action == "store_then_drop":
                    dropped = True
                    response = None
                elif fault is not None and fault.action == "store_then_error":
                    response = error_response(fault.error())
                elif fault is not None and fault.action == "store_without_id" and response.status < 300:
                    response = without_message_id(response)
        except ApiError as error:
            entry.setdefault("auth", "missing" if not self.supplied_key else "invalid")
            response = error_response(error)
        message_id = message_id_of(result) if result is not None else None
        if message_id is not None:
            sandbox.state.note_request(message_id, request_id)
        client_gone = self.client_gone()
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
                    "method": request.method,
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
        self.respond(None if dropped else response)

    def _dispatch(self) -> ApiResponse:
        request = self.request
        try:
            return self.sandbox.routes.dispatch(request)
        except ApiError as error:
            return error_response(error)
        except Exception as problem:  # the sandbox must answer like a server, not die with the thread
            logger.exception("sandbox route failed: %s %s", request.method, request.path)
            return error_response(ApiError(500, "errors/unexpected_error", f"{type(problem).__name__}: {problem}"))


def body_summary(request: ApiRequest) -> JsonDict:
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
        except (UnicodeDecodeError, ValueError, RecursionError):
            summary["json"] = None
    return summary


def form_text(summary: JsonDict) -> str | None:
    """The `text` field of a request's form, from its log summary."""
    form = summary.get("form")
    if isinstance(form, dict):
        values = form.get("text")
        if isinstance(values, list) and values and isinstance(values[0], str):
            return values[0]
    return None


def message_id_of(response: ApiResponse) -> str | None:
    """The `message_id` a successful send answered with (None for anything else)."""
    if not 200 <= response.status < 300 or not response.content_type.startswith("application/json"):
        return None
    if len(response.body) > SEND_ANSWER_MAX_BYTES:  # a page (the hostile seed's run to 90 MB), not a send's answer
        return None
    try:
        payload = json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    message_id = payload.get("message_id") if isinstance(payload, dict) else None
    return message_id if isinstance(message_id, str) else None


def without_message_id(response: ApiResponse) -> ApiResponse:
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
