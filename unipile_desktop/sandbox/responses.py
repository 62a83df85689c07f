"""What the sandbox answers: status, body (or a stream written bit by bit) and headers, in Unipile's JSON shapes."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError

JSON_CONTENT_TYPE = "application/json; charset=utf-8"


@dataclass
class ApiResponse:
    """Status, body bytes and headers of an answer.

    With a `stream`, the body is written from it instead of `body`: each bytes item is written and flushed at once,
    each number is a pause in seconds (cut short when the client hangs up or the server stops); `stream_length`
    is the Content-Length announced (the total of the bytes items). Used by the hostile seed's slow-drip and
    gzip-bomb answers.
    """

    status: int
    body: bytes
    content_type: str = JSON_CONTENT_TYPE
    headers: dict[str, str] = field(default_factory=dict)
    stream: Iterable[bytes | float] | None = None
    stream_length: int = 0


def json_response(status: int, payload: Any) -> ApiResponse:
    """A JSON answer with the exact content type Unipile sends."""
    return ApiResponse(status, json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def error_response(error: ApiError) -> ApiResponse:
    """The Unipile error body for an ApiError."""
    response = json_response(error.status, error.body())
    response.headers.update(error.headers)
    return response
