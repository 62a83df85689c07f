"""The shared pause after a 429: no request of any caller goes out before the server's Retry-After has passed."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from ..texts import translate
from .errors import RateLimitedError

log = logging.getLogger(__name__)

SlowedDownListener = Callable[[float], None]

DEFAULT_RATE_LIMIT_PAUSE = 5.0  # a 429 without Retry-After still closes the gate this long
MAX_GATE_WAIT = 60.0  # a request waits this long at most for the gate; beyond, it fails at once (not sent)


class RequestGate:
    """One shared pause for every caller of a client: after a 429, no request goes out before the server's time.

    ``close_for(seconds)`` (the client calls it on each 429 with the Retry-After hint) moves the reopening time
    later, never earlier. ``wait()`` returns at once while the gate is open; while it is closed it sleeps until
    the reopening time, or, when that is more than ``max_wait`` away, raises a ``RateLimitedError`` without
    sending anything. Listeners hear ``seconds`` (until the gate reopens) each time it closes; ``remaining()``
    says what is left (0 when open), for a status line that counts down. Clock and sleep are injectable.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        max_wait: float = MAX_GATE_WAIT,
        default_pause: float = DEFAULT_RATE_LIMIT_PAUSE,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self.max_wait = max_wait
        self.default_pause = default_pause
        self._open_at = 0.0
        self._listeners: list[SlowedDownListener] = []
        self.waits = 0  # requests that had to wait for the gate, for tests and diagnostics

    def remaining(self) -> float:
        """Seconds until requests may go out again; 0 while the gate is open."""
        return max(0.0, self._open_at - self._clock())

    @property
    def closed(self) -> bool:
        return self.remaining() > 0

    def close_for(self, seconds: float | None) -> None:
        pause = self.default_pause if seconds is None else max(0.0, seconds)
        open_at = self._clock() + pause
        if open_at <= self._open_at:
            return
        self._open_at = open_at
        log.info("the server asked to slow down: no request for %.1f s", pause)
        for listener in list(self._listeners):
            try:
                listener(pause)
            except Exception:  # a broken listener must not stop the requests
                log.exception("a slowed-down listener failed")

    async def wait(self, label: str) -> None:
        """Return when a request may go out (at once while open); raise when the wait would be too long."""
        counted = False
        while (left := self.remaining()) > 0:
            if left > self.max_wait:
                raise RateLimitedError(
                    translate("RequestGate", "The server asked to slow down."),
                    status=429,
                    retry_after=left,
                    may_have_reached_server=False,
                    request=label,
                )
            if not counted:
                self.waits += 1
                counted = True
            await self._sleep(left)

    def add_listener(self, listener: SlowedDownListener) -> Callable[[], None]:
        """Call ``listener(seconds)`` whenever a 429 closes the gate; returns a function that removes it."""
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove
