"""One fake clock for tests: time moves only when the test advances it or the code under test sleeps on it."""

from __future__ import annotations

import asyncio
import time


class FakeClock:
    """Epoch seconds (``start``, else the real time at creation) that stand still until moved.

    Pass the clock as the code's ``clock`` and ``clock.sleep`` as its ``sleep``: a fake sleep records the wait in
    ``sleeps``, moves the clock by it and yields for ``real_pause`` real seconds, so a sandbox on another thread can
    answer while intervals and backoffs are checked exactly without waiting for them.
    """

    def __init__(self, start: float | None = None, *, real_pause: float = 0.005) -> None:
        self.now = time.time() if start is None else start
        self.real_pause = real_pause
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(self.real_pause)
