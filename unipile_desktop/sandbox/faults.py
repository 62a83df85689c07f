"""Fault injection rules (errors, drops, delays), the log of the faults that fired, the bounded log of received API
requests and the requests received but not answered yet ("in flight").

Which faulted requests are **ambiguous** for the client (it cannot tell from what it got whether the request took
effect, so a careful client has to look before doing it again), as the fault log's ``ambiguous`` says:

- ``store_then_drop``, ``store_then_error``, ``store_later``: always (the request takes effect, now or later, and
  the client gets no answer or an error; with a 4xx or 503 status the server even lies, which no client can see);
- ``drop``: always: the sandbox reads the whole request body before it applies a rule, so the connection is lost
  after the request went out, exactly what a client sees when a server dies mid-request;
- ``error``: when the status is a 5xx other than 503 (500, 502, 504 say nothing about whether the work was done);
  a 4xx or a 503 says it was not, so those are faults but not ambiguous;
- ``delay`` (and any other rule): when the client hung up before the answer was written, e.g. because the delay
  was longer than its timeout (seen on the socket, not assumed from a configured timeout);
- ``store_without_id``: never (201: the client knows it was stored, only not which message it became).
"""

from __future__ import annotations

import itertools
import random
import re
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError, default_type_for_status, invalid_parameters
from .models import JsonDict

FAULT_ACTIONS = ("error", "store_then_drop", "drop", "delay", "store_then_error", "store_later", "store_without_id")
# Actions whose request still has its effect (now or, for store_later, after store_after_ms), answered with an error.
STORING_ERROR_ACTIONS = ("store_then_error", "store_later")
DEFAULT_STORE_AFTER_MS = 2000
REQUEST_LOG_SIZE = 500
FAULT_LOG_SIZE = 100_000
# Actions that leave the client unable to tell whether the request took effect (see the module docs).
ALWAYS_AMBIGUOUS_ACTIONS = ("store_then_drop", "store_then_error", "store_later", "drop")


@dataclass
class FaultRule:
    """When a request matches `method` and the `path` regex, apply `action` (`times` None = forever).

    Actions: `error` answers an error without doing anything; `drop` closes the connection; `delay` only waits
    `delay_ms`; `store_then_error` / `store_then_drop` do the request, then answer an error (504 by default) or
    drop; `store_later` answers the error at once and does the request `store_after_ms` later, like a provider
    that is still working when Unipile gives up waiting (504 `errors/request_timeout`); `store_without_id` does
    the request and answers as usual but with a null `message_id` (the API does not always know it).

    `delay_max_ms` / `store_after_max_ms`, when set, make the wait random per request: drawn uniformly between
    `delay_ms` and `delay_max_ms` (or `store_after_ms` and `store_after_max_ms`) from the book's seeded RNG.
    Any action may also have a `delay_ms` (waited before the action).
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
    store_after_max_ms: int | None = None
    delay_max_ms: int | None = None
    fired: int = 0
    seed: int = 1
    pattern: re.Pattern[str] = field(init=False, repr=False)
    rng: random.Random = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.pattern = re.compile(self.path)
        # One RNG per rule: which requests a rule fires on then depends only on the requests it sees, not on
        # how other rules' requests interleave with them (a soak's share of faulted sends stays reproducible).
        self.rng = random.Random(f"unipile-sandbox-faults-{self.seed}-{self.id}")

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
            "store_after_max_ms": self.store_after_max_ms,
            "delay_max_ms": self.delay_max_ms,
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
    """Thread-safe list of fault rules; probabilities and random waits are drawn from seeded RNGs (one per rule)."""

    def __init__(self, seed: int) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._seed = seed
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
        store_after = store_after_ms if store_after_ms is not None else DEFAULT_STORE_AFTER_MS
        store_after_max_ms = _optional_int(spec, "store_after_max_ms")
        if store_after_max_ms is not None and store_after_max_ms < store_after:
            raise invalid_parameters("store_after_max_ms must be at least store_after_ms.")
        delay_ms = _optional_int(spec, "delay_ms") or 0
        delay_max_ms = _optional_int(spec, "delay_max_ms")
        if delay_max_ms is not None and delay_max_ms < delay_ms:
            raise invalid_parameters("delay_max_ms must be at least delay_ms.")
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
                delay_ms=delay_ms,
                delay_max_ms=delay_max_ms,
                times=times,
                probability=float(probability),
                retry_after=_optional_int(spec, "retry_after"),
                store_after_ms=store_after,
                store_after_max_ms=store_after_max_ms,
                seed=self._seed,
            )
            self._rules.append(rule)
            return rule

    def take(self, method: str, path: str) -> FaultRule | None:
        """The first rule that fires for this request, consuming one of its `times`."""
        with self._lock:
            for rule in self._rules:
                if not rule.matches(method, path):
                    continue
                if rule.probability < 1.0 and rule.rng.random() >= rule.probability:
                    continue
                if rule.times is not None:
                    rule.times -= 1
                rule.fired += 1
                return rule
            return None

    def draw(self, rule: FaultRule) -> tuple[int, int]:
        """This firing's (delay_ms, store_after_ms): fixed, or drawn between the rule's bounds (seeded)."""
        with self._lock:
            delay = rule.delay_ms
            if rule.delay_max_ms is not None and rule.delay_max_ms > rule.delay_ms:
                delay = rule.rng.randint(rule.delay_ms, rule.delay_max_ms)
            store_after = rule.store_after_ms
            if rule.store_after_max_ms is not None and rule.store_after_max_ms > rule.store_after_ms:
                store_after = rule.rng.randint(rule.store_after_ms, rule.store_after_max_ms)
            return delay, store_after

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


def is_ambiguous(action: str, answered_status: int | None, client_gone: bool) -> bool:
    """Whether a request faulted with `action` left its client unable to tell if it took effect (module docs)."""
    if client_gone or action in ALWAYS_AMBIGUOUS_ACTIONS:
        return True
    if action == "error":
        return answered_status is not None and answered_status >= 500 and answered_status != 503
    return False


class RequestLog:
    """The last REQUEST_LOG_SIZE API requests (never with the X-API-KEY value).

    Ids count every API request from 1; `new_id()` hands one out when a request arrives, so the in-flight view and
    the fault log name a request by the id its log entry will have.
    """

    def __init__(self, size: int = REQUEST_LOG_SIZE) -> None:
        self._lock = threading.Lock()
        self._entries: deque[JsonDict] = deque(maxlen=size)
        self._ids = itertools.count(1)

    def new_id(self) -> int:
        with self._lock:
            return next(self._ids)

    def add(self, entry: JsonDict) -> JsonDict:
        """Append `entry` (with its "id" from `new_id()`, or a fresh one)."""
        with self._lock:
            stored = {"id": entry["id"] if "id" in entry else next(self._ids), **entry}
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


class FaultLog:
    """Every API request a fault rule fired on (the last FAULT_LOG_SIZE), with what it did, and per-route tallies.

    An entry: `request` (the request log id), `time`, `method`, `path`, `route` (e.g. "POST /chats/{id}/messages"),
    `text` (the form's text, if any), `rule`, `action`, `status` (answered to the client; None when dropped or
    when the client had gone), `delay_ms` and `store_after_ms` (this firing's draws), `client_gone` (the client had
    hung up before the answer was written), `ambiguous` (see the module docs), `effect` ("none": the request was
    not carried out; "done": carried out before the answer; "later": to be carried out `store_after_ms` later),
    `result_status` (what carrying it out gave, e.g. 201; None until then) and `message_id` (the message it stored).
    The tallies count every API request by route (`requests`), and those faulted and ambiguous; they are never
    trimmed, so a long soak can compute shares.
    """

    def __init__(self, size: int = FAULT_LOG_SIZE) -> None:
        self._lock = threading.Lock()
        self._entries: deque[JsonDict] = deque(maxlen=size)
        self._by_request: dict[int, JsonDict] = {}
        self._early: dict[int, dict[str, Any]] = {}  # results of late requests that ran before their entry was added
        self._requests: dict[str, int] = {}
        self._faulted: dict[str, int] = {}
        self._ambiguous: dict[str, int] = {}

    def count_request(self, route: str) -> None:
        with self._lock:
            self._requests[route] = self._requests.get(route, 0) + 1

    def add(self, entry: JsonDict) -> JsonDict:
        with self._lock:
            stored = {**entry, **self._early.pop(entry["request"], {})}
            if len(self._entries) == self._entries.maxlen:
                self._by_request.pop(self._entries[0]["request"], None)
            self._entries.append(stored)
            self._by_request[stored["request"]] = stored
            route = stored["route"]
            self._faulted[route] = self._faulted.get(route, 0) + 1
            if stored["ambiguous"]:
                self._ambiguous[route] = self._ambiguous.get(route, 0) + 1
            return dict(stored)

    def update(self, request_id: int, **changes: Any) -> None:
        """Fill in what a late (`store_later`) request did once it ran."""
        with self._lock:
            entry = self._by_request.get(request_id)
            if entry is not None:
                entry.update(changes)
            else:  # a late store due at once can run before the request's answer (and its entry) is done
                self._early.setdefault(request_id, {}).update(changes)

    def entries(self) -> list[JsonDict]:
        with self._lock:
            return [dict(entry) for entry in self._entries]

    def summary(self) -> JsonDict:
        """{"requests": {route: n}, "faulted": {route: n}, "ambiguous": {route: n}} since the start (or clear)."""
        with self._lock:
            return {
                "requests": dict(self._requests),
                "faulted": dict(self._faulted),
                "ambiguous": dict(self._ambiguous),
            }

    def clear(self) -> int:
        with self._lock:
            count = len(self._entries)
            self._entries.clear()
            self._by_request.clear()
            self._early.clear()
            self._requests.clear()
            self._faulted.clear()
            self._ambiguous.clear()
            return count


class InFlight:
    """API requests received (whole body read) and not answered yet: what a kill or a close can cut in half.

    An item: `id` (the request log id), `method`, `path`, `route`, `text`, `received` (ISO time), `age_ms`, `rule`
    and `action` of the fault that fired (None until one did, or when none), `delay_ms` (this firing's draw) and
    `client_gone` (looked at when listed: the client has hung up already, e.g. it timed out, and waits no more).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[int, tuple[float, JsonDict]] = {}
        self._probes: dict[int, Callable[[], bool]] = {}

    def add(
        self, request_id: int, started: float, item: JsonDict, client_gone: Callable[[], bool] | None = None
    ) -> None:
        """Register a request; `client_gone` tells, when called, whether its client has hung up."""
        with self._lock:
            self._items[request_id] = (started, {"id": request_id, **item})
            if client_gone is not None:
                self._probes[request_id] = client_gone

    def update(self, request_id: int, **changes: Any) -> None:
        with self._lock:
            found = self._items.get(request_id)
            if found is not None:
                found[1].update(changes)

    def remove(self, request_id: int) -> None:
        with self._lock:
            self._items.pop(request_id, None)
            self._probes.pop(request_id, None)

    def items(self, now: float) -> list[JsonDict]:
        """Oldest first; `now` is the time.monotonic() the ages are measured against."""
        with self._lock:
            listed = sorted(self._items.values(), key=lambda pair: pair[1]["id"])
            probes = dict(self._probes)
        items = []
        for started, item in listed:
            probe = probes.get(item["id"])
            gone = probe() if probe is not None else False  # a peek at the socket: never consumes anything
            items.append({**item, "age_ms": int((now - started) * 1000), "client_gone": gone})
        return items
