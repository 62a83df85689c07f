"""The client's shared 429 gate against the sandbox: after a 429 with Retry-After, no caller's request goes out.

The gate runs on a clock the test holds: its waits block until the test moves the time on, so "both callers are
waiting and nothing reached the server" is checked from the sandbox's request log while they wait.
"""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import SANDBOX_API_KEY
from tests.helpers.plain_loop import on_asyncio, wait_for
from unipile_desktop.api import UnipileClient
from unipile_desktop.api.client import RequestGate
from unipile_desktop.api.errors import RateLimitedError
from unipile_desktop.sandbox.server import SandboxServer


class HeldClock:
    """Time that moves only when the test says so; sleepers wait for that (and note how long they asked for)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeping: list[float] = []
        self._moved = asyncio.Event()

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeping.append(seconds)
        until = self.now + seconds
        while self.now < until:
            self._moved.clear()
            await self._moved.wait()

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self._moved.set()


def api_requests(sandbox: SandboxServer, after: int) -> list[str]:
    return [f"{e['method']} {e['path']}" for e in sandbox.requests_log() if int(e["id"]) > after]


SENTINEL = "GET /api/v1/accounts"


async def through_a_second_client(sandbox: SandboxServer) -> None:
    """A request outside the gate, answered: anything the gated callers had sent (they were ready first, on the same
    loop) reached the server's log before it. A barrier instead of a fixed sleep."""
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY) as plain:
        await plain.list_accounts_page(limit=1)


@on_asyncio
async def test_after_a_429_two_callers_both_wait_for_retry_after_and_nothing_goes_out_meanwhile(
    sandbox: SandboxServer,
) -> None:
    clock = HeldClock()
    gate = RequestGate(clock=clock, sleep=clock.sleep)
    heard: list[float] = []
    chat = str(sandbox.landmarks["chats"]["showcase"])
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY, gate=gate) as client:
        client.add_slowed_down_listener(heard.append)
        sandbox.add_fault(r"^/chats$", method="GET", status=429, retry_after=12, times=1)
        with pytest.raises(RateLimitedError) as limited:
            await client.list_chats(limit=5)
        assert limited.value.retry_after == 12
        assert heard == [12] and gate.remaining() == pytest.approx(12)
        before = int(sandbox.requests_log()[-1]["id"])

        # Two callers that know nothing of the 429 (the chat list, a conversation) ask now.
        chats = asyncio.ensure_future(client.list_chats(limit=5))
        messages = asyncio.ensure_future(client.list_messages(chat, limit=5))
        await wait_for(lambda: len(clock.sleeping) == 2, "both callers waiting at the gate")
        assert clock.sleeping == [pytest.approx(12), pytest.approx(12)]
        await through_a_second_client(sandbox)
        assert api_requests(sandbox, before) == [SENTINEL]  # nothing of theirs went out while the gate was closed
        assert not chats.done() and not messages.done()

        clock.advance(11)  # not yet: both keep waiting
        await through_a_second_client(sandbox)
        assert api_requests(sandbox, before) == [SENTINEL, SENTINEL]

        clock.advance(1)  # the server's 12 s are over
        page, older = await asyncio.gather(chats, messages)
        assert page.items and older.items
        assert sorted(r for r in api_requests(sandbox, before) if r != SENTINEL) == sorted(
            ["GET /api/v1/chats", f"GET /api/v1/chats/{chat}/messages"]
        )
        assert gate.waits == 2 and not gate.closed


@on_asyncio
async def test_a_pause_longer_than_a_caller_would_wait_fails_at_once_without_sending(sandbox: SandboxServer) -> None:
    clock = HeldClock()
    gate = RequestGate(clock=clock, sleep=clock.sleep, max_wait=30)
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY, gate=gate) as client:
        sandbox.add_fault(r"^/accounts$", method="GET", status=429, retry_after=300, times=1)
        with pytest.raises(RateLimitedError):
            await client.list_accounts_page()
        before = int(sandbox.requests_log()[-1]["id"])
        with pytest.raises(RateLimitedError) as refused:
            await client.list_chats(limit=5)
        assert refused.value.retry_after == pytest.approx(300)
        assert refused.value.may_have_reached_server is False
        assert api_requests(sandbox, before) == [] and clock.sleeping == []


def test_the_gate_only_moves_its_reopening_later_and_tells_its_listeners() -> None:
    now = [0.0]
    gate = RequestGate(clock=lambda: now[0])
    heard: list[float] = []
    remove = gate.add_listener(heard.append)
    gate.close_for(30)
    gate.close_for(10)  # a shorter hint from a request that was already under way does not shorten the pause
    assert gate.remaining() == 30 and heard == [30]
    gate.close_for(None)  # no Retry-After: a short default pause, here within the longer one
    now[0] = 29.5
    gate.close_for(2)
    assert gate.remaining() == pytest.approx(2) and heard == [30, 2]
    remove()
    now[0] = 40
    assert not gate.closed and gate.remaining() == 0
    gate.close_for(5)
    assert heard == [30, 2]
