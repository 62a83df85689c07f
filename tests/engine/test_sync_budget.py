"""The polling request budget, counted from the sandbox's own request log (issue 15).

The engine runs on a fake clock (sleeps return at once, time moves by what was slept) against the sandbox over
real HTTP, for several simulated minutes. Every request the server saw is counted from its request log: per poll
tick (the log's newest id at the end of each poll) and per simulated minute. Window active: at most 12 a minute;
in the background: at most 3; one request per tick, two on the ticks that also list the chats.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest

from tests.conftest import SANDBOX_API_KEY
from tests.helpers.clock import FakeClock
from tests.helpers.plain_loop import on_asyncio, wait_for
from unipile_desktop.api import UnipileClient
from unipile_desktop.api.client import RequestGate
from unipile_desktop.api.models import Message
from unipile_desktop.engine.sync import SyncEngine, SyncPolicy, SyncState, SyncStatus
from unipile_desktop.sandbox.server import SandboxServer
from unipile_desktop.store import Store

POLICY = SyncPolicy(jitter=0.0)  # the shipped intervals and budgets


def last_request_id(sandbox: SandboxServer) -> int:
    entries = sandbox.requests_log()
    return int(entries[-1]["id"]) if entries else 0


class Ticks:
    """The sandbox's request ids at the end of each poll of ``engine`` (and the fake time then)."""

    def __init__(self, sandbox: SandboxServer, engine: SyncEngine, clock: FakeClock) -> None:
        self.ends: list[tuple[float, int]] = [(clock.now, last_request_id(sandbox))]
        self._sandbox = sandbox
        self._clock = clock
        engine.add_listener(state_changed=self._on_state)

    def _on_state(self, status: SyncStatus) -> None:
        if status.state is SyncState.ONLINE:
            self.ends.append((self._clock.now, last_request_id(self._sandbox)))

    def requests_per_tick(self) -> list[int]:
        return [b - a for (_, a), (_, b) in zip(self.ends, self.ends[1:], strict=False)]


async def idle_run(
    sandbox: SandboxServer, store: Store, *, active: bool, minutes: float, policy: SyncPolicy = POLICY
) -> tuple[Ticks, list[dict[str, object]], float]:
    """Poll an idle account for ``minutes`` simulated minutes; the ticks, the requests the server saw, the time."""
    clock = FakeClock()
    gate = RequestGate(clock=clock, sleep=clock.sleep)
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY, gate=gate) as client:
        engine = SyncEngine(store, client, policy=policy, clock=clock, sleep=clock.sleep)
        await engine.poll_once()  # the first look at an empty cache, not part of the idle minutes
        engine.set_active(active)
        first = last_request_id(sandbox)
        ticks = Ticks(sandbox, engine, clock)
        started = clock.now
        engine.start()
        await wait_for(lambda: clock.now - started >= minutes * 60, "the simulated minutes", timeout=60)
        await engine.close()
        elapsed = ticks.ends[-1][0] - started
    seen = [entry for entry in sandbox.requests_log() if int(entry["id"]) > first]
    return ticks, seen, elapsed


def check_within_budget(
    ticks: Ticks, seen: list[dict[str, object]], elapsed: float, *, budget: float, listing_every: int
) -> float:
    per_tick = ticks.requests_per_tick()
    assert per_tick and max(per_tick) <= 2, f"a poll made more than its share: {per_tick}"
    listing_ticks = sum(1 for n in per_tick if n == 2)
    assert listing_ticks <= math.ceil(len(per_tick) / listing_every)
    assert all(n >= 1 for n in per_tick)  # every tick asked for new messages
    routes = Counter(f"{entry['method']} {entry['path']}" for entry in seen)
    assert set(routes) <= {"GET /api/v1/messages", "GET /api/v1/chats"}, routes
    assert routes["GET /api/v1/messages"] == len(per_tick)  # exactly one GET /messages per tick
    rate = len(seen) / (elapsed / 60)
    assert rate <= budget, f"{rate:.2f} requests a minute"
    return rate


@on_asyncio
async def test_an_idle_active_window_makes_at_most_12_requests_a_minute(sandbox: SandboxServer, store: Store) -> None:
    ticks, seen, elapsed = await idle_run(sandbox, store, active=True, minutes=5)
    rate = check_within_budget(ticks, seen, elapsed, budget=12, listing_every=POLICY.chat_listing_every)
    gaps = {round(b - a, 6) for (a, _), (b, _) in zip(ticks.ends[1:], ticks.ends[2:], strict=False)}
    assert gaps == {POLICY.active_interval}  # a new message is seen within 6 s (plus one request's time)
    print(f"requests_per_min_active={rate:.2f} over {elapsed / 60:.1f} simulated min, {len(ticks.ends) - 1} ticks")


@on_asyncio
async def test_an_idle_background_window_makes_at_most_3_requests_a_minute(
    sandbox: SandboxServer, store: Store
) -> None:
    ticks, seen, elapsed = await idle_run(sandbox, store, active=False, minutes=20)
    rate = check_within_budget(ticks, seen, elapsed, budget=3, listing_every=POLICY.chat_listing_every)
    gaps = {round(b - a, 6) for (a, _), (b, _) in zip(ticks.ends[1:], ticks.ends[2:], strict=False)}
    assert gaps == {POLICY.background_interval}
    print(f"requests_per_min_background={rate:.2f} over {elapsed / 60:.1f} simulated min")


@on_asyncio
async def test_polls_that_cost_more_requests_are_spaced_out_to_stay_within_the_budget(
    sandbox: SandboxServer, store: Store
) -> None:
    # Every poll also lists the chats (two requests): the 6 s interval alone would make 20 a minute.
    costly = SyncPolicy(jitter=0.0, chat_listing_every=1)
    ticks, seen, elapsed = await idle_run(sandbox, store, active=True, minutes=5, policy=costly)
    assert ticks.requests_per_tick().count(2) == len(ticks.requests_per_tick())
    rate = len(seen) / (elapsed / 60)
    # The start's poll is asked for (the accounts in view were set): its two requests may empty the bucket but are
    # not held against the scheduled polls, so they come on top of the burst.
    assert rate <= 12 + (costly.budget_burst + 2) / (elapsed / 60), f"{rate:.2f} requests a minute"
    gaps = [b - a for (a, _), (b, _) in zip(ticks.ends[4:], ticks.ends[5:], strict=False)]  # past the start
    assert min(gaps) == pytest.approx(10.0)  # two requests at 12 a minute: one poll every 10 s


@on_asyncio
async def test_a_customer_message_is_noticed_within_one_interval(sandbox: SandboxServer, store: Store) -> None:
    chat = str(sandbox.landmarks["chats"]["showcase"])
    clock = FakeClock()
    gate = RequestGate(clock=clock, sleep=clock.sleep)
    arrived: dict[str, float] = {}

    def on_messages(_chat_id: str, messages: list[Message]) -> None:
        for message in messages:
            arrived.setdefault(message.id, clock.now)

    async with UnipileClient(sandbox.url, SANDBOX_API_KEY, gate=gate) as client:
        engine = SyncEngine(store, client, policy=POLICY, clock=clock, sleep=clock.sleep)
        engine.add_listener(messages_arrived=on_messages)
        await engine.poll_once()
        engine.start()
        latencies: dict[bool, float] = {}
        for active in (True, False):
            engine.set_active(active)
            polls = engine.polls
            await wait_for(lambda: engine.polls >= polls + 2, "two polls in this state")  # noqa: B023
            written_at = clock.now  # just after a poll: the worst case, a whole interval to wait
            injected = sandbox.inject_inbound(chat, f"are you there? ({active})")
            await wait_for(lambda: injected["id"] in arrived, "the message")  # noqa: B023
            latencies[active] = arrived[injected["id"]] - written_at
        await engine.close()
    assert latencies[True] <= POLICY.active_interval
    assert latencies[False] <= POLICY.background_interval
