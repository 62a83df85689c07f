"""Cursor pagination like Unipile's: padded standard base64 of JSON holding the filters and the last item seen."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from .errors import invalid_parameters
from .models import ISO_MS_PATTERN, parse_ts

T = TypeVar("T")
K = TypeVar("K", bound=tuple[Any, ...])

DEFAULT_LIMIT = 100
MAX_LIMIT = 250


def encode_cursor(payload: Mapping[str, Any]) -> str:
    """Padded standard base64 (`[A-Za-z0-9+/=]`), the only form the official SDK's validator accepts."""
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode("utf-8")
    return base64.b64encode(raw).decode("ascii")


def decode_cursor(text: str, required: Iterable[str]) -> dict[str, Any]:
    """Decode a cursor or raise 400 `errors/invalid_parameters`; `required` keys must be in its `cursor` part."""
    # A client that forgets to URL-encode `+` gets it back as a space from form decoding; accept that too.
    candidate = text.strip().replace(" ", "+")
    try:
        payload = json.loads(base64.b64decode(candidate, validate=True).decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise invalid_parameters("The cursor is invalid.") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("cursor"), dict):
        raise invalid_parameters("The cursor is invalid.")
    position = payload["cursor"]
    for key in required:
        if not isinstance(position.get(key), str) or not position[key]:
            raise invalid_parameters("The cursor is invalid.")
    limit = payload.get("limit")
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        raise invalid_parameters("The cursor is invalid.")
    last_date = position.get("last_date")
    if last_date is not None and (not isinstance(last_date, str) or not ISO_MS_PATTERN.match(last_date)):
        raise invalid_parameters("The cursor is invalid.")
    return payload


def parse_limit(values: Mapping[str, list[str]]) -> int:
    """The `limit` query parameter: an integer from 1 to 250, default 100."""
    raw = last_value(values, "limit")
    if raw is None:
        return DEFAULT_LIMIT
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise invalid_parameters(f"limit must be an integer between 1 and {MAX_LIMIT}.")
    return int(raw)


def parse_datetime_param(values: Mapping[str, list[str]], name: str) -> str | None:
    """A `before`/`after` filter, validated as `YYYY-MM-DDTHH:MM:SS.sssZ`."""
    raw = last_value(values, name)
    if raw is None:
        return None
    try:
        parse_ts(raw)
    except ValueError:
        raise invalid_parameters(f"{name} must be an ISO 8601 UTC datetime (YYYY-MM-DDTHH:MM:SS.sssZ).") from None
    return raw


def parse_bool_param(values: Mapping[str, list[str]], name: str) -> bool | None:
    """A boolean query parameter spelled `true` or `false`."""
    raw = last_value(values, name)
    if raw is None:
        return None
    if raw.lower() in ("true", "1"):
        return True
    if raw.lower() in ("false", "0"):
        return False
    raise invalid_parameters(f"{name} must be true or false.")


def last_value(values: Mapping[str, list[str]], name: str) -> str | None:
    """The last value of a query parameter, None when absent."""
    found = values.get(name)
    return found[-1] if found else None


def take_page(
    items: Iterable[T],
    key: Callable[[T], K],
    after_key: K | None,
    limit: int,
    descending: bool = True,
) -> tuple[list[T], T | None]:
    """Sort `items` by `key`, skip up to and including `after_key`, return the page and its last item if more follow."""
    ordered = sorted(items, key=key, reverse=descending)
    if after_key is not None:
        if descending:
            ordered = [item for item in ordered if key(item) < after_key]
        else:
            ordered = [item for item in ordered if key(item) > after_key]
    page = ordered[:limit]
    more = len(ordered) > limit
    return page, (page[-1] if more and page else None)
