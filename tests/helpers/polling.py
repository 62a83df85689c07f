"""Waiting on a condition from plain (non-async) tests whose subject runs on its own threads, e.g. the sandbox."""

from __future__ import annotations

import time
from collections.abc import Callable

POLL_S = 0.01  # how often the condition is looked at: a bound on the delay, never a wait for its own sake


def wait_for_condition(condition: Callable[[], object], what: str, timeout: float = 10.0) -> None:
    """Return as soon as ``condition()`` is true; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(POLL_S)
