"""Live-update polling against the sandbox: de-duplication, chats moving up, 429 pauses, offline and back.

The sync engine is pure asyncio: these tests run it on a plain asyncio loop (like the outbox tests) with a fake
clock whose sleeps return at once, so intervals and backoffs are checked exactly without waiting for them.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import socket
import time
from collections.abc import Callable, Coroutine, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SANDBOX_API_KEY
from unipile_desktop.api import UnipileClient
from unipile_desktop.api.models import Chat, Message, Page, parse_timestamp
from unipile_desktop.core.sync import SyncEngine, SyncPolicy, SyncState, SyncStatus
from unipile_desktop.sandbox.server import SandboxServer
from unipile_desktop.store import Store

CHATS_PATH = r"^/chats$"
POLICY = SyncPolicy(active_interval=3.0, background_interval=20.0, error_base_delay=2.0, jitter=0.0)


class FakeClock:
    """Seconds moved only by the engine's sleeps, which yield briefly in real time so the sandbox can answer."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0.005)


class RecordingClient:
    """Passes requests to a real client and notes the (fake) time and the ``after`` of each one."""

    def __init__(self, client: UnipileClient, clock: Callable[[], float]) -> None:
        self._client = client
        self._clock = clock
        self.chat_polls: list[tuple[float, datetime | None, tuple[str, ...] | None]] = []
        self.message_polls: list[tuple[str, datetime | None]] = []

    async def list_chats(self, *, account_ids: Sequence[str] | None = None, **kwargs: Any) -> Page[Chat]:
        self.chat_polls.append((self._clock(), kwargs.get("after"), tuple(account_ids) if account_ids else None))
        return await self._client.list_chats(account_ids=account_ids, **kwargs)

    async def list_messages(self, chat_id: str, **kwargs: Any) -> Page[Message]:
        self.message_polls.append((chat_id, kwargs.get("after")))
        return await self._client.list_messages(chat_id, **kwargs)


class Reports:
    """Everything the engine told its listeners."""

    def __init__(self, engine: SyncEngine) -> None:
        self.chats: list[list[Chat]] = []
        self.messages: list[tuple[str, list[Message]]] = []
        self.states: list[SyncStatus] = []
        engine.add_listener(
            chats_changed=self.chats.append,
            messages_arrived=lambda chat_id, items: self.messages.append((chat_id, items)),
            state_changed=self.states.append,
        )

    def message_ids(self) -> list[str]:
        return [m.id for _, items in self.messages for m in items]


def on_asyncio(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test on a fresh plain asyncio loop (the engine needs no Qt)."""

    @functools.wraps(test)
    def wrapper(**fixtures: Any) -> None:
        asyncio.run(test(**fixtures))

    del wrapper.__wrapped__
    wrapper.__signature__ = inspect.signature(test)  # type: ignore[attr-defined]
    return wrapper


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "profile.sqlite3")
    yield opened
    opened.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.01)


# ---------------------------------------------------------------------------------------------- de-duplication


@on_asyncio
async def test_an_injected_message_arrives_exactly_once_although_the_windows_overlap(
    sandbox: SandboxServer, store: Store
) -> None:
    clock = FakeClock()
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY) as real:
        client = RecordingClient(real, clock)
        engine = SyncEngine(store, client, policy=POLICY, clock=clock, sleep=clock.sleep)
        reports = Reports(engine)
        first = await engine.poll_once()
        assert first.baseline and first.chats and not client.message_polls  # no message burst on an empty cache

        chat = str(sandbox.landmarks["chats"]["showcase"])
        one = sandbox.inject_inbound(chat, "first live message")
        await engine.poll_once()
        two = sandbox.inject_inbound(chat, "second live message")
        await engine.poll_once()
        await engine.poll_once()  # nothing new: no message request at all, nothing reported
        await engine.poll_once()

    ids = reports.message_ids()
    assert ids.count(one["id"]) == 1 and ids.count(two["id"]) == 1
    assert len(ids) == len(set(ids)), "a message was reported twice"
    # The second fetch reached back before the first message: the windows overlapped, yet nothing repeated.
    second_after = [after for chat_id, after in client.message_polls if chat_id == chat][-1]
    assert second_after is not None and second_after < parse_timestamp(one["timestamp"])
    assert len([c for c, _ in client.message_polls if c == chat]) == 2
    # Every chat poll after the first asks only for recent activity.
    assert client.chat_polls[0][1] is None and all(after is not None for _, after, _ in client.chat_polls[1:])
    cached = store.cache.messages(chat, limit=500)
    assert [m.id for m in cached].count(one["id"]) == 1 and cached[-1].id == two["id"]


@on_asyncio
async def test_a_chat_with_new_activity_is_reported_first_with_its_badge_and_preview(
    sandbox: SandboxServer, store: Store
) -> None:
    clock = FakeClock()
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY) as client:
        engine = SyncEngine(store, client, policy=POLICY, clock=clock, sleep=clock.sleep)
        reports = Reports(engine)
        await engine.poll_once()
        before = store.cache.chats()
        quiet = before[-1]  # the least recently active chat of the first page
        assert before[0].id != quiet.id
        injected = sandbox.inject_inbound(quiet.id, "a customer writes again")
        result = await engine.poll_once()

    moved = result.chats[0]
    assert moved.id == quiet.id and reports.chats[-1][0].id == quiet.id
    assert moved.unread_count == quiet.unread_count + 1
    assert moved.last_message is not None and moved.last_message.id == injected["id"]
    assert store.cache.chats()[0].id == quiet.id  # the cached list has it on top too
    assert reports.messages[-1][0] == quiet.id and reports.messages[-1][1][-1].id == injected["id"]


@on_asyncio
async def test_polling_asks_only_for_the_accounts_in_view(sandbox: SandboxServer, store: Store) -> None:
    whatsapp = str(sandbox.landmarks["accounts"]["whatsapp"])
    clock = FakeClock()
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY) as real:
        client = RecordingClient(real, clock)
        engine = SyncEngine(store, client, policy=POLICY, account_ids=[whatsapp], clock=clock, sleep=clock.sleep)
        result = await engine.poll_once()
    assert client.chat_polls[0][2] == (whatsapp,)
    assert result.chats and {chat.account_id for chat in result.chats} == {whatsapp}


# ---------------------------------------------------------------------------------------------- timing


@on_asyncio
async def test_the_interval_follows_window_activation(sandbox: SandboxServer, store: Store) -> None:
    clock = FakeClock()
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY) as real:
        client = RecordingClient(real, clock)
        engine = SyncEngine(store, client, policy=POLICY, clock=clock, sleep=clock.sleep)
        engine.start()
        await wait_until(lambda: engine.polls >= 3)
        engine.set_active(False)
        polls = engine.polls
        await wait_until(lambda: engine.polls >= polls + 3)
        await engine.close()
    times = [t for t, _, _ in client.chat_polls]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert gaps[0] == pytest.approx(3.0)
    assert gaps[-1] == pytest.approx(20.0)


@on_asyncio
async def test_a_429_with_retry_after_delays_the_next_poll(sandbox: SandboxServer, store: Store) -> None:
    clock = FakeClock()
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY) as real:
        client = RecordingClient(real, clock)
        engine = SyncEngine(store, client, policy=POLICY, clock=clock, sleep=clock.sleep)
        reports = Reports(engine)
        await engine.poll_once()
        sandbox.add_fault(CHATS_PATH, method="GET", status=429, retry_after=45, times=1)
        engine.start()
        await wait_until(lambda: len(client.chat_polls) >= 3)
        await wait_until(lambda: engine.polls >= 2)
        engine.refresh_now()
        await wait_until(lambda: engine.polls >= 3)
        await engine.close()
    limited_at, retried_at = client.chat_polls[1][0], client.chat_polls[2][0]
    assert retried_at - limited_at >= 45.0
    limited = [s for s in reports.states if s.sentence]
    assert limited and limited[0].state is SyncState.ONLINE and limited[0].retry_in == pytest.approx(45.0)
    after_pause = reports.states[reports.states.index(limited[0]) :]
    assert SyncStatus(SyncState.ONLINE) in after_pause  # the pause over, the sentence is cleared
    assert limited[0].problem == "rate_limited"


@on_asyncio
async def test_offline_then_back_online(store: Store) -> None:
    server = SandboxServer(port=free_port(), api_key=SANDBOX_API_KEY).start()
    clock = FakeClock()
    try:
        async with UnipileClient(server.url, SANDBOX_API_KEY) as real:
            client = RecordingClient(real, clock)
            engine = SyncEngine(store, client, policy=POLICY, clock=clock, sleep=clock.sleep)
            reports = Reports(engine)
            await engine.poll_once()
            server.stop()
            engine.start()
            await wait_until(lambda: engine.status.state is SyncState.OFFLINE)
            await wait_until(lambda: len(client.chat_polls) >= 5)  # retried with growing delays
            offline_sleeps = list(clock.sleeps)
            chat = str(server.landmarks["chats"]["group"])
            injected = server.inject_inbound(chat, "written while we were offline")
            server.start()  # same port, same data
            await wait_until(lambda: engine.status.state is SyncState.ONLINE)
            await wait_until(lambda: injected["id"] in reports.message_ids())
            await engine.close()
    finally:
        server.stop()
    offline = [s for s in reports.states if s.state is SyncState.OFFLINE]
    assert offline and "connect" in offline[0].sentence.lower()
    # Backoff: 2, 4, 8, … seconds between attempts while the server is away (no flicker back to "syncing").
    assert offline_sleeps[:3] == pytest.approx([2.0, 4.0, 8.0])
    states = [s.state for s in reports.states]
    first_offline = states.index(SyncState.OFFLINE)
    assert SyncState.SYNCING not in states[first_offline : states.index(SyncState.ONLINE, first_offline)]
    assert reports.message_ids().count(injected["id"]) == 1


@on_asyncio
async def test_refresh_now_polls_at_once_and_a_failing_listener_does_not_stop_polling(
    sandbox: SandboxServer, store: Store
) -> None:
    clock = FakeClock()
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY) as real:
        client = RecordingClient(real, clock)
        engine = SyncEngine(store, client, policy=POLICY, clock=clock, sleep=clock.sleep)

        def broken(_: list[Chat]) -> None:
            raise RuntimeError("listener bug")

        engine.add_listener(chats_changed=broken)
        engine.set_active(False)
        engine.start()
        await wait_until(lambda: engine.polls >= 1)
        at = clock.now
        engine.refresh_now()
        await wait_until(lambda: engine.polls >= 2)
        await engine.close()
    assert client.chat_polls[1][0] == pytest.approx(at)  # not 20 s later
