"""Waiting in the engine's loops: a sleep on the injected clock that a wake-up cuts short."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable


async def sleep_unless_woken(event: asyncio.Event, seconds: float, sleep: Callable[[float], Awaitable[None]]) -> None:
    """Sleep ``seconds`` with ``sleep``, or until ``event`` is set; the event is cleared either way.

    An event set while the loop was busy returns at once: a wake-up that came meanwhile is not lost.
    """
    if event.is_set():
        event.clear()
        return
    sleeper = asyncio.ensure_future(sleep(seconds))
    waker = asyncio.ensure_future(event.wait())
    try:
        await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        sleeper.cancel()
        waker.cancel()
    event.clear()
