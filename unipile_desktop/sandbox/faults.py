"""Fault injection rules (errors, drops, delays) and the bounded log of received API requests."""

from __future__ import annotations

import itertools
import random
import re
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError, default_type_for_status, invalid_parameters
from .models import JsonDict

FAULT_ACTIONS = ("error", "store_then_drop", "drop", "delay", "store_then_error", "store_later")
# Actions whose request still has its effect (now or, for store_later, after store_after_ms), answered with an error.
STORING_ERROR_ACTIONS = ("store_then_error", "store_later")
DEFAULT_STORE_AFTER_MS = 2000
REQUEST_LOG_SIZE = 500


@dataclass
class FaultRule:
    """When a request matches `method` and the `path` regex, apply `action` (`times` None = forever).

    Actions: `error` answers an error without doing anything; `drop` closes the connection; `delay` only waits
    `delay_ms`; `store_then_error` / `store_then_drop` do the request, then answer an error (504 by default) or
    drop; `store_later` answers the error at once and does the request `store_after_ms` later, like a provider
    that is still working when Unipile gives up waiting (504 `errors/request_timeout`).
    """

    id: str
    path: str
    action: str = "error"
    method: str | None = None
    status: int | None = None
    type: str | None = None
    title: str | None = None
    detail: str | None = None
    delay_ms: int = 0
    times: int | None = 1
    probability: float = 1.0
    retry_after: int | None = None
    store_after_ms: int = DEFAULT_STORE_AFTER_MS
    fired: int = 0
    pattern: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.pattern = re.compile(self.path)

    def matches(self, method: str, path: str) -> bool:
        if self.times is not None and self.times <= 0:
            return False
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return self.pattern.search(path) is not None

    def error(self) -> ApiError:
        """The error this rule answers with (for `error` and `store_then_error`)."""
        default_status = 504 if self.action in STORING_ERROR_ACTIONS else 500
        status = self.status or default_status
        error_type = self.type or default_type_for_status(status)
        detail = self.detail or "Injected by a sandbox fault rule."
        error = ApiError(status, error_type, detail, self.title)
        if self.retry_after is not None:
            error.headers["Retry-After"] = str(self.retry_after)
        return error

    def to_json(self) -> JsonDict:
        return {
            "id": self.id,
            "method": self.method,
            "path": self.path,
            "action": self.action,
            "status": self.status,
            "type": self.type,
            "title": self.title,
            "detail": self.detail,
            "delay_ms": self.delay_ms,
            "times": self.times,
            "probability": self.probability,
            "retry_after": self.retry_after,
            "store_after_ms": self.store_after_ms,
            "fired": self.fired,
        }


def _optional_int(spec: dict[str, Any], name: str, minimum: int = 0) -> int | None:
    value = spec.get(name)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise invalid_parameters(f"{name} must be an integer >= {minimum}.")
    return value


def _optional_str(spec: dict[str, Any], name: str) -> str | None:
    value = spec.get(name)
    if value is not None and not isinstance(value, str):
        raise invalid_parameters(f"{name} must be a string.")
    return value


class FaultBook:
    """Thread-safe list of fault rules; probabilities are drawn from a seeded RNG."""

    def __init__(self, seed: int) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._rng = random.Random(f"unipile-sandbox-faults-{seed}")
        self._ids = itertools.count(1)

    def add(self, spec: dict[str, Any]) -> FaultRule:
        """Validate a JSON rule and add it; raises 400 `errors/invalid_parameters` when malformed."""
        path = spec.get("path")
        if not isinstance(path, str) or not path:
            raise invalid_parameters("path (a regular expression) is required.")
        try:
            re.compile(path)
        except re.error as problem:
            raise invalid_parameters(f"path is not a valid regular expression: {problem}") from None
        action = spec.get("action", "error")
        if action not in FAULT_ACTIONS:
            raise invalid_parameters(f"action must be one of {', '.join(FAULT_ACTIONS)}.")
        probability = spec.get("probability", 1.0)
        if not isinstance(probability, int | float) or isinstance(probability, bool) or not 0 <= probability <= 1:
            raise invalid_parameters("probability must be a number between 0 and 1.")
        status = _optional_int(spec, "status", 100)
        if status is not None and status > 599:
            raise invalid_parameters("status must be an HTTP status code.")
        times = _optional_int(spec, "times", 0) if "times" in spec else 1
        store_after_ms = _optional_int(spec, "store_after_ms")
        with self._lock:
            rule = FaultRule(
                id=f"fault-{next(self._ids)}",
                path=path,
                action=action,
                method=_optional_str(spec, "method"),
                status=status,
                type=_optional_str(spec, "type"),
                title=_optional_str(spec, "title"),
                detail=_optional_str(spec, "detail"),
                delay_ms=_optional_int(spec, "delay_ms") or 0,
                times=times,
                probability=float(probability),
                retry_after=_optional_int(spec, "retry_after"),
                store_after_ms=store_after_ms if store_after_ms is not None else DEFAULT_STORE_AFTER_MS,
            )
            self._rules.append(rule)
            return rule

    def take(self, method: str, path: str) -> FaultRule | None:
        """The first rule that fires for this request, consuming one of its `times`."""
        with self._lock:
            for rule in self._rules:
                if not rule.matches(method, path):
                    continue
                if rule.probability < 1.0 and self._rng.random() >= rule.probability:
                    continue
                if rule.times is not None:
                    rule.times -= 1
                rule.fired += 1
                return rule
            return None

    def list(self) -> list[JsonDict]:
        with self._lock:
            return [rule.to_json() for rule in self._rules]

    def remove(self, rule_id: str) -> bool:
        with self._lock:
            before = len(self._rules)
            self._rules = [rule for rule in self._rules if rule.id != rule_id]
            return len(self._rules) != before

    def clear(self) -> int:
        with self._lock:
            count = len(self._rules)
            self._rules.clear()
            return count


class RequestLog:
    """The last REQUEST_LOG_SIZE API requests (never with the X-API-KEY value)."""

    def __init__(self, size: int = REQUEST_LOG_SIZE) -> None:
        self._lock = threading.Lock()
        self._entries: deque[JsonDict] = deque(maxlen=size)
        self._ids = itertools.count(1)

    def add(self, entry: JsonDict) -> JsonDict:
        with self._lock:
            stored = {"id": next(self._ids), **entry}
            self._entries.append(stored)
            return stored

    def entries(self) -> list[JsonDict]:
        with self._lock:
            return [dict(entry) for entry in self._entries]

    def clear(self) -> int:
        with self._lock:
            count = len(self._entries)
            self._entries.clear()
            return count
