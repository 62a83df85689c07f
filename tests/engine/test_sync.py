"""Live-update polling against the sandbox: de-duplication, chats moving up, 429 pauses, offline and back.

The sync engine is pure asyncio: these tests run it on a plain asyncio loop (like the outbox tests) with a fake
clock whose sleeps return at once, so intervals and backoffs are checked exactly without waiting for them. The
client's shared 429 gate runs on the same fake clock (``client_on``). The request budget is checked in
``test_sync_budget.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SANDBOX_API_KEY
from tests.helpers.clock import FakeClock
from tests.helpers.plain_loop import free_port, on_asyncio, wait_for
from unipile_desktop.api import UnipileClient
from unipile_desktop.api.client import RequestGate
from unipile_desktop.api.errors import AuthenticationError, RateLimitedError, ServerError
from unipile_desktop.api.models import Chat, Message, Page, parse_timestamp
from unipile_desktop.engine.sync import SyncEngine, SyncPolicy, SyncState, SyncStatus, most_telling_error
from unipile_desktop.sandbox.server import SandboxServer
from unipile_desktop.store import Store

MESSAGES_PATH = r"^/messages$"
POLICY = SyncPolicy(error_base_delay=2.0, jitter=0.0)  # the default intervals (6 s / 24 s) and budgets


def client_on(sandbox: SandboxServer, clock: FakeClock) -> UnipileClient:
    """A real client whose 429 gate waits on the test's fake clock (as the engine does)."""
    return UnipileClient(sandbox.url, SANDBOX_API_KEY, gate=RequestGate(clock=clock, sleep=clock.sleep))


class RecordingClient:
    """Passes requests to a real client and notes the (fake) time and the filters of each one."""

    def __init__(self, client: UnipileClient, clock: Callable[[], float]) -> None:
        self._client = client
        self._clock = clock
        self.chat_polls: list[tuple[float, datetime | None, tuple[str, ...] | None]] = []
        self.message_polls: list[tuple[float, str | None, datetime | None]] = []
        self.chat_lookups: list[str] = []
        self.hidden_from_listing: set[str] = set()  # chats GET /chats leaves out, as if ordered differently

    async def list_chats(self, *, account_ids: Sequence[str] | None = None, **kwargs: Any) -> Page[Chat]:
        self.chat_polls.append((self._clock(), kwargs.get("after"), tuple(account_ids) if account_ids else None))
        page = await self._client.list_chats(account_ids=account_ids, **kwargs)
        return Page(tuple(c for c in page.items if c.id not in self.hidden_from_listing), page.cursor)

    async def list_all_messages(self, *, account_id: str | None = None, **kwargs: Any) -> Page[Message]:
        self.message_polls.append((self._clock(), account_id, kwargs.get("after")))
        return await self._client.list_all_messages(account_id=account_id, **kwargs)

    async def get_chat(self, chat_id: str, **kwargs: Any) -> Chat:
        self.chat_lookups.append(chat_id)
        return await self._client.get_chat(chat_id, **kwargs)


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


@pytest.fixture(params=["activity", "created"])
def chat_filter_on(request: pytest.FixtureRequest) -> str:
    """What ``GET /chats?after=`` filters on in the sandbox: the reference leaves it open, so the sync runs both."""
    return str(request.param)


@pytest.fixture
def sandbox(sandbox: SandboxServer, chat_filter_on: str) -> SandboxServer:
    sandbox.routes.chat_filter_on = chat_filter_on
    return sandbox


# ---------------------------------------------------------------------------------------------- de-duplication


@on_asyncio
async def test_an_injected_message_arrives_exactly_once_although_the_windows_overlap(
    sandbox: SandboxServer, store: Store
) -> None:
    clock = FakeClock()
    async with client_on(sandbox, clock) as real:
        client = RecordingClient(real, clock)
        engine = SyncEngine(store, client, policy=POLICY, clock=clock, sleep=clock.sleep)
        reports = Reports(engine)
        first = await engine.poll_once()
        assert first.baseline and first.chats and not client.message_polls  # no message burst on an empty cache

        chat = str(sandbox.landmarks["chats"]["showcase"])
        one = sandbox.inject_inbound(chat, "first live message")
        found_one = await engine.poll_once()
        two = sandbox.inject_inbound(chat, "second live message")
        found_two = await engine.poll_once()
        quiet = [await engine.poll_once(), await engine.poll_once()]  # nothing new: nothing reported

    ids = reports.message_ids()
    assert ids.count(one["id"]) == 1 and ids.count(two["id"]) == 1
    assert len(ids) == len(set(ids)), "a message was reported twice"
    assert found_one.messages[chat][-1].id == one["id"]  # (with any older message of the window not cached yet)
    assert [m.id for m in found_two.messages[chat]] == [two["id"]]
    assert all(result.new_message_count == 0 for result in quiet)
    # New messages come from GET /messages (the documented polling route), whose windows overlap: the fetch after
    # the first message reached back before it, yet nothing was reported twice.
    second_after = client.message_polls[1][2]
    assert second_after is not None and second_after < parse_timestamp(one["timestamp"])
    assert len(client.message_polls) == 4 and all(account is None for _, account, _ in client.message_polls)
    # GET /chats is never asked to filter by time: what its after/before compare with is not documented.
    assert all(after is None for _, after, _ in client.chat_polls)
    cached = store.cache.messages(chat, limit=500)
    assert [m.id for m in cached].count(one["id"]) == 1 and cached[-1].id == two["id"]


@on_asyncio
async def test_a_chat_with_new_activity_is_reported_first_with_its_badge_and_preview(
    sandbox: SandboxServer, store: Store
) -> None:
    clock = FakeClock()
    async with client_on(sandbox, clock) as client:
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
    async with client_on(sandbox, clock) as real:
        client = RecordingClient(real, clock)
        engine = SyncEngine(store, client, policy=POLICY, account_ids=[whatsapp], clock=clock, sleep=clock.sleep)
        result = await engine.poll_once()
    assert client.chat_polls[0][2] == (whatsapp,)
    assert result.chats and {chat.account_id for chat in result.chats} == {whatsapp}


# ---------------------------------------------------------------------------------------------- timing


@on_asyncio
async def test_the_interval_follows_window_activation(sandbox: SandboxServer, store: Store) -> None:
    clock = FakeClock()
    async with client_on(sandbox, clock) as real:
        client = RecordingClient(real, clock)
        engine = SyncEngine(store, client, policy=POLICY, clock=clock, sleep=clock.sleep)
        engine.start()
        await wait_for(lambda: engine.polls >= 3)
        engine.set_active(False)
        polls = engine.polls
        await wait_for(lambda: engine.polls >= polls + 3)
        await engine.close()
    # The first poll records the chats (an empty cache); the next ones are one GET /messages each.
    times = [t for t, _, _ in client.message_polls]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert gaps[0] == pytest.approx(6.0)
    assert gaps[-1] == pytest.approx(24.0)


@on_asyncio
async def test_a_429_with_retry_after_delays_the_next_poll(sandbox: SandboxServer, store: Store) -> None:
    clock = FakeClock()
    async with client_on(sandbox, clock) as real:
        client = RecordingClient(real, clock)
        engine = SyncEngine(store, client, policy=POLICY, clock=clock, sleep=clock.sleep)
        reports = Reports(engine)
        await engine.poll_once()
        sandbox.add_fault(MESSAGES_PATH, method="GET", status=429, retry_after=45, times=1)
        engine.start()
        await wait_for(lambda: len(client.message_polls) >= 2)
        await wait_for(lambda: engine.polls >= 2)
        engine.refresh_now()
        await wait_for(lambda: engine.polls >= 3)
        await engine.close()
    limited_at, retried_at = client.message_polls[0][0], client.message_polls[1][0]
    assert retried_at - limited_at >= 45.0
    limited = [s for s in reports.states if s.sentence]
    assert limited and limited[0].state is SyncState.ONLINE and limited[0].retry_in == pytest.approx(45.0)
    after_pause = reports.states[reports.states.index(limited[0]) :]
    assert SyncStatus(SyncState.ONLINE) in after_pause  # the pause over, the sentence is cleared
    assert limited[0].problem == "rate_limited"


@on_asyncio
async def test_a_429_on_the_messages_route_pauses_polling_for_retry_after_instead_of_going_offline(
    sandbox: SandboxServer, store: Store
) -> None:
    accounts = [str(sandbox.landmarks["accounts"][name]) for name in ("whatsapp", "telegram", "instagram")]
    chat = str(sandbox.landmarks["chats"]["showcase"])
    clock = FakeClock()
    async with client_on(sandbox, clock) as real:
        client = RecordingClient(real, clock)
        engine = SyncEngine(store, client, policy=POLICY, account_ids=accounts, clock=clock, sleep=clock.sleep)
        reports = Reports(engine)
        await engine.poll_once()
        injected = sandbox.inject_inbound(chat, "written during the rate limit")
        # Three accounts in view, yet one GET /messages per poll (all accounts, the others' messages dropped).
        sandbox.add_fault(MESSAGES_PATH, method="GET", status=429, retry_after=45, times=1)
        engine.start()
        await wait_for(lambda: injected["id"] in reports.message_ids())
        await engine.close()
    limited = [s for s in reports.states if s.problem]
    assert limited and limited[0] == SyncStatus(SyncState.ONLINE, limited[0].sentence, 45.0, "rate_limited")
    assert "Unexpected" not in limited[0].sentence
    assert all(s.state is not SyncState.OFFLINE for s in reports.states)
    assert [account for _, account, _ in client.message_polls] == [None, None]
    # No request at all before the server's 45 s were over, then the message arrived once.
    limited_at, retried_at = client.message_polls[0][0], client.message_polls[1][0]
    assert retried_at >= limited_at + 45.0
    assert reports.message_ids().count(injected["id"]) == 1


@on_asyncio
async def test_a_server_error_on_the_messages_route_reads_as_offline_with_its_sentence(
    sandbox: SandboxServer, store: Store
) -> None:
    accounts = [str(sandbox.landmarks["accounts"][name]) for name in ("whatsapp", "telegram")]
    clock = FakeClock()
    async with client_on(sandbox, clock) as real:
        engine = SyncEngine(store, real, policy=POLICY, account_ids=accounts, clock=clock, sleep=clock.sleep)
        await engine.poll_once()
        sandbox.add_fault(r"^/messages$", method="GET", status=503, type="errors/no_client_session", times=1)
        reports = Reports(engine)
        engine.start()
        await wait_for(lambda: any(s.state is SyncState.OFFLINE for s in reports.states))
        await engine.close()
    offline = next(s for s in reports.states if s.state is SyncState.OFFLINE)
    assert offline.problem == "unreachable" and "ExceptionGroup" not in offline.sentence
    assert "Unexpected error" not in offline.sentence


@on_asyncio
async def test_a_known_chat_with_new_messages_moves_up_without_asking_for_the_chat_list(
    sandbox: SandboxServer, store: Store
) -> None:
    clock = FakeClock()
    async with client_on(sandbox, clock) as real:
        client = RecordingClient(real, clock)
        engine = SyncEngine(store, client, policy=POLICY, clock=clock, sleep=clock.sleep)
        await engine.poll_once()
        quiet = store.cache.chats()[-1]
        listings = len(client.chat_polls)
        injected = sandbox.inject_inbound(quiet.id, "hello from an old conversation")
        result = await engine.poll_once()
        again = await engine.poll_once()
    assert len(client.chat_polls) == listings and client.chat_lookups == []  # one GET /messages per poll
    moved = result.chats[0]
    assert moved.id == quiet.id and moved.unread_count == quiet.unread_count + 1
    assert moved.last_message is not None and moved.last_message.id == injected["id"]
    assert store.cache.chats()[0].id == quiet.id
    assert not again.chats and again.new_message_count == 0


@on_asyncio
async def test_a_new_chat_revealed_by_a_message_is_listed_or_else_read_on_its_own(
    sandbox: SandboxServer, store: Store
) -> None:
    clock = FakeClock()
    policy = SyncPolicy(error_base_delay=2.0, jitter=0.0, chat_page_size=5)  # the cache holds 5 chats
    async with client_on(sandbox, clock) as real:
        client = RecordingClient(real, clock)
        engine = SyncEngine(store, client, policy=policy, clock=clock, sleep=clock.sleep)
        reports = Reports(engine)
        await engine.poll_once()
        cached = {chat.id for chat in store.cache.chats()}
        landmarks = [str(chat) for chat in sandbox.landmarks["chats"].values()]
        listed_one, hidden_one = [chat for chat in landmarks if chat not in cached][:2]
        listings = len(client.chat_polls)
        first = sandbox.inject_inbound(listed_one, "a chat the list has not shown yet")
        found = await engine.poll_once()
        assert len(client.chat_polls) == listings + 1 and client.chat_lookups == []  # the listing showed it
        client.hidden_from_listing.add(hidden_one)  # e.g. a server that orders GET /chats by creation
        second = sandbox.inject_inbound(hidden_one, "and one the listing misses")
        missed = await engine.poll_once()
        again = await engine.poll_once()
    assert client.chat_lookups == [hidden_one]  # once: the cache lists it after that
    assert found.chats[0].id == listed_one and missed.chats[0].id == hidden_one
    assert store.cache.chat(hidden_one) is not None and store.cache.chats()[0].id == hidden_one
    assert reports.message_ids().count(first["id"]) == 1 and reports.message_ids().count(second["id"]) == 1
    assert not again.chats


def test_most_telling_error_prefers_the_longest_rate_limit_then_a_refusal_then_the_first() -> None:
    server = ServerError("Service unavailable", status=503)
    short = RateLimitedError("Too many", status=429, retry_after=5)
    long = RateLimitedError("Too many", status=429, retry_after=45)
    refused = AuthenticationError("Invalid key", status=401, type="errors/invalid_credentials")
    bug = ValueError("a bug")
    assert most_telling_error([server, short, refused, long]) is long
    assert most_telling_error([server, refused]) is refused
    assert most_telling_error([server, bug]) is server
    assert most_telling_error([bug]) is bug


@on_asyncio
async def test_offline_then_back_online(store: Store, chat_filter_on: str) -> None:
    server = SandboxServer(port=free_port(), api_key=SANDBOX_API_KEY).start()
    server.routes.chat_filter_on = chat_filter_on
    clock = FakeClock()
    try:
        async with client_on(server, clock) as real:
            client = RecordingClient(real, clock)
            engine = SyncEngine(store, client, policy=POLICY, clock=clock, sleep=clock.sleep)
            reports = Reports(engine)
            await engine.poll_once()
            server.stop()
            engine.start()
            await wait_for(lambda: engine.status.state is SyncState.OFFLINE)
            await wait_for(lambda: len(client.message_polls) >= 4)  # retried with growing delays
            offline_sleeps = list(clock.sleeps)
            chat = str(server.landmarks["chats"]["group"])
            injected = server.inject_inbound(chat, "written while we were offline")
            server.start()  # same port, same data
            await wait_for(lambda: engine.status.state is SyncState.ONLINE)
            await wait_for(lambda: injected["id"] in reports.message_ids())
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
    async with client_on(sandbox, clock) as real:
        client = RecordingClient(real, clock)
        engine = SyncEngine(store, client, policy=POLICY, clock=clock, sleep=clock.sleep)

        def broken(_: list[Chat]) -> None:
            raise RuntimeError("listener bug")

        engine.add_listener(chats_changed=broken)
        engine.set_active(False)
        engine.start()
        await wait_for(lambda: engine.polls >= 1)
        at = clock.now
        engine.refresh_now()
        await wait_for(lambda: engine.polls >= 2)
        await engine.close()
    assert client.message_polls[0][0] == pytest.approx(at)  # not 24 s later


def test_a_poll_cancelled_while_its_requests_wait_their_turn_leaves_no_coroutine_unawaited(tmp_path: Path) -> None:
    """Found in CI: a poll cancelled mid-gather left 'coroutine … was never awaited' behind (an unraisable warning)."""
    import gc
    import warnings

    started: list[int] = []

    async def request(n: int, gate: asyncio.Event) -> int:
        started.append(n)
        await gate.wait()
        return n

    async def main() -> None:
        with Store.open(tmp_path / "s.sqlite3") as store:
            engine = SyncEngine(store, _NoRequests(), policy=SyncPolicy(concurrent_requests=1))
            gate = asyncio.Event()
            poll = asyncio.ensure_future(engine._gather([request(n, gate) for n in range(3)]))
            while not started:  # the first runs, the other two wait for the semaphore
                await asyncio.sleep(0)
            poll.cancel()
            with pytest.raises(asyncio.CancelledError):
                await poll
            assert started == [0]

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.run(main())
        gc.collect()
    assert not [w for w in caught if "never awaited" in str(w.message)]


class _NoRequests:
    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"no request expected ({name})")
