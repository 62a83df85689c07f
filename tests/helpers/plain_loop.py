"""Async tests of the Qt-free engine on a plain asyncio loop: the runner, a condition poll and a free port."""

from __future__ import annotations

import asyncio
import functools
import inspect
import socket
import time
from collections.abc import Awaitable, Callable
from typing import Any

from tests.conftest import SANDBOX_API_KEY
from unipile_desktop.api import UnipileClient


def on_asyncio(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test on a fresh plain asyncio loop; a ``client`` parameter gets a client for ``sandbox``.

    The engine is pure asyncio, so its tests run the way the soak test and any non-Qt caller run it, not on the
    qasync loop the widget tests use.
    """
    signature = inspect.signature(test)
    wants_client = "client" in signature.parameters

    @functools.wraps(test)
    def wrapper(**fixtures: Any) -> None:
        async def main() -> None:
            if wants_client:
                async with UnipileClient(fixtures["sandbox"].url, SANDBOX_API_KEY) as client:
                    await test(client=client, **fixtures)
            else:
                await test(**fixtures)

        asyncio.run(main())

    del wrapper.__wrapped__  # pytest must see the signature below, not the coroutine function
    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[p for name, p in signature.parameters.items() if name != "client"]
    )
    return wrapper


async def wait_for(condition: Callable[[], bool], what: str = "the condition", timeout: float = 10.0) -> None:
    """Poll until ``condition()`` holds; fails the test when it did not within ``timeout`` (real) seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.005)


def free_port() -> int:
    """A loopback port nothing listens on now: for a server that starts later (offline, then back)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
