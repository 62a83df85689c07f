"""A request budget for polling: so many API requests a minute on average, a small burst at most. No Qt.

A token bucket: tokens accrue at ``per_minute / 60`` a second up to ``burst``; each request spends one (the
count may go below zero, down to ``-burst``: a poll that needed more requests than it had tokens makes the next
one wait longer, but a burst of requests the agent asked for, F5 or switching accounts, never starves the
scheduled polls for more than ``2 * burst`` requests' time).
``ready_at()`` is the clock time at which one token will be there again. The rate can change (window active or
in the background): what accrued so far is counted at the old rate first.
"""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["RequestBudget"]


class RequestBudget:
    def __init__(self, per_minute: float, *, burst: float = 2.0, clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute <= 0:
            raise ValueError("per_minute must be positive")
        self._clock = clock
        self._rate = per_minute / 60.0
        self.burst = max(1.0, burst)
        self._tokens = self.burst
        self._at = clock()
        self.spent = 0  # requests counted since the start, for tests and diagnostics

    @property
    def per_minute(self) -> float:
        return self._rate * 60.0

    def set_rate(self, per_minute: float) -> None:
        if per_minute <= 0:
            raise ValueError("per_minute must be positive")
        self._refill()
        self._rate = per_minute / 60.0

    def spend(self, requests: int = 1, *, asked: bool = False) -> None:
        """Count ``requests``. ``asked``: the agent asked for them (F5, another account): they may empty the bucket
        but not run it into debt, so the next scheduled poll — a customer's message — waits one token at most."""
        self._refill()
        floor = 0.0 if asked else -self.burst
        self._tokens = max(min(floor, self._tokens), self._tokens - requests)
        self.spent += requests

    def tokens(self) -> float:
        self._refill()
        return self._tokens

    def ready_at(self) -> float:
        """When one request fits the budget again (now, when it already does)."""
        tokens = self.tokens()
        if tokens >= 1.0:
            return self._at
        return self._at + (1.0 - tokens) / self._rate

    def _refill(self) -> None:
        now = self._clock()
        if now > self._at:
            self._tokens = min(self.burst, self._tokens + (now - self._at) * self._rate)
        self._at = max(self._at, now)
