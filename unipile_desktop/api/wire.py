"""What the client's route modules share: an answer read to the end, path and query helpers, JSON decoding.

A module of its own so the routes split out of ``client.py`` (``people.py``) need not import the client.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

import httpx

from .errors import ResponseFormatError
from .models import format_timestamp


@dataclass(frozen=True, slots=True)
class Answer:
    """An HTTP answer read to the end within its bounds: status, headers and the decoded body."""

    status_code: int
    content: bytes
    headers: httpx.Headers


def seg(value: str) -> str:
    """A path segment, escaped so an id can never change the route."""
    return quote(value, safe="")


def query_params(**values: str | int | datetime | None) -> dict[str, str | int]:
    out: dict[str, str | int] = {}
    for key, value in values.items():
        if value is None:
            continue
        out[key] = format_timestamp(value) if isinstance(value, datetime) else value
    return out


def decode_json(response: Answer, label: str) -> object:
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ResponseFormatError(f"{label} did not answer JSON", status=response.status_code) from exc
    except RecursionError:  # json's parser recurses once per level: thousands of "[" exhaust the stack
        raise ResponseFormatError(f"{label} answered JSON nested too deeply", status=response.status_code) from None


def expect_object(data: object, name: str) -> None:
    if not isinstance(data, dict) or data.get("object") != name:
        raise ResponseFormatError(f"expected a {name} object")
