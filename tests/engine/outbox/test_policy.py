"""The retry policy against the sandbox: backoff after certain failures, 429 pauses, the settle window, new chats.

Where a delay is checked the engine runs on a fake clock whose sleeps return at once: exact, and without waiting.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import SANDBOX_API_KEY
from tests.engine.outbox.support import (
    FAST,
    SEND_PATH,
    chat_id,
    chat_starts,
    copies,
    new_chat_people,
    posts,
    run_until_idle,
    start_engine,
    state_of,
)
from tests.helpers.clock import FakeClock
from tests.helpers.plain_loop import free_port, on_asyncio, wait_for
from unipile_desktop.api import ServerError, UnipileClient
from unipile_desktop.api.errors import ForbiddenError, NetworkError, NotFoundError, RateLimitedError, UnipileError
from unipile_desktop.engine.backoff import backoff_delay
from unipile_desktop.engine.outbox import NEW_CHAT_UNCONFIRMED, NOT_SURE, OutboxEngine, RetryPolicy
from unipile_desktop.engine.outbox.policy import (
    after_absence,
    after_ambiguous_attempt,
    after_check_error,
    in_doubt,
    is_permanent,
    is_transient,
)
from unipile_desktop.sandbox.server import SandboxServer
from unipile_desktop.store import Baseline, MessageSend, NewChatSend, OutboxEntry, Send, Store

# ---------------------------------------------------------------------------------------------- certain failures


@on_asyncio
async def test_connection_refused_stays_queued_and_goes_out_when_the_server_is_back(store: Store) -> None:
    port = free_port()
    server = SandboxServer(port=port, api_key=SANDBOX_API_KEY)  # built now, listening only later
    chat = str(server.landmarks["chats"]["showcase"])
    clock = FakeClock()
    async with UnipileClient(f"127.0.0.1:{port}", SANDBOX_API_KEY) as offline_client:
        engine = start_engine(store, offline_client, policy=FAST, clock=clock, sleep=clock.sleep)
        entry = engine.send_message(chat, "sent while offline")
        await wait_for(lambda: len(clock.sleeps) >= 4, "several tries while offline")
        current = store.outbox.get(entry.local_id)
        assert current is not None and current.state == "queued" and current.attempts == 0  # nothing went out
        assert "connection" in (current.reason or "")
        assert not engine.entries()[0].is_finished
        # Capped backoff: no wait beyond max_delay.
        assert max(clock.sleeps) <= FAST.max_delay + 1e-9
        server.start()
        try:
            engine.wake()
            await run_until_idle(engine)
            done = store.outbox.get(entry.local_id)
            assert done is not None and done.state == "sent"
            assert copies(server, chat, "sent while offline") == 1
        finally:
            await engine.close()
            server.stop()


@on_asyncio
async def test_429_waits_at_least_retry_after(sandbox: SandboxServer, store: Store, client: UnipileClient) -> None:
    chat = chat_id(sandbox)
    sandbox.add_fault(SEND_PATH, "error", method="POST", status=429, retry_after=7, times=1)
    clock = FakeClock()
    states: list[OutboxEntry] = []
    engine = OutboxEngine(store, client, policy=FAST, clock=clock, sleep=clock.sleep)
    engine.add_listener(states.append)
    engine.start()
    entry = engine.send_message(chat, "rate limited")
    await run_until_idle(engine)
    waiting = [e for e in states if e.state == "queued" and e.attempts == 1]
    assert waiting and waiting[0].next_attempt_at is not None and waiting[0].last_attempt_at is not None
    assert waiting[0].next_attempt_at - waiting[0].last_attempt_at >= 7
    assert sum(clock.sleeps) >= 7  # the engine really waited (on its injected clock) before the second try
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent" and done.attempts == 2
    assert copies(sandbox, chat, "rate limited") == 1 and posts(sandbox, chat) == 2
    await engine.close()


@on_asyncio
async def test_waking_the_outbox_does_not_cut_a_429_pause_short(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox)
    sandbox.add_fault(SEND_PATH, "error", method="POST", status=429, retry_after=30, times=1)
    clock = FakeClock()
    timed = TimedClient(client, clock)
    engine = OutboxEngine(store, timed, policy=FAST, clock=clock, sleep=clock.sleep)
    entry = engine.send_message(chat, "after the pause")
    engine.add_listener(lambda e: engine.wake() if e.state == "queued" and e.attempts == 1 else None)  # network back
    engine.start()
    await run_until_idle(engine)
    first, second = timed.times("send_message")
    assert second - first >= 30  # woken at once, yet the second try waited for the server's Retry-After
    assert state_of(store, entry.local_id) == "sent" and copies(sandbox, chat, "after the pause") == 1
    await engine.close()


@on_asyncio
async def test_503_is_retried_with_growing_backoff(sandbox: SandboxServer, store: Store, client: UnipileClient) -> None:
    chat = chat_id(sandbox)
    sandbox.add_fault(SEND_PATH, "error", method="POST", status=503, times=3)
    clock = FakeClock()
    engine = start_engine(store, client, policy=FAST, clock=clock, sleep=clock.sleep)
    entry = engine.send_message(chat, "through the outage")
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent" and done.attempts == 4
    assert copies(sandbox, chat, "through the outage") == 1 and posts(sandbox, chat) == 4
    waits = [s for s in clock.sleeps if s > 0.001]
    assert waits[:3] == pytest.approx([0.02, 0.04, 0.08])  # exponential (no jitter in this policy)
    looks = [r for r in sandbox.requests_log() if r["method"] == "GET"]
    assert len(looks) == 4  # one look before each attempt (its baseline), no reconcile: they certainly failed
    await engine.close()


# ---------------------------------------------------------------------------------------------- ambiguous failures


@on_asyncio
async def test_timeout_while_the_server_still_works_waits_the_settle_delay(
    sandbox: SandboxServer, store: Store
) -> None:
    chat = chat_id(sandbox)
    sandbox.add_fault(SEND_PATH, "delay", method="POST", delay_ms=800, times=1)  # stored after the client gave up
    timeout = httpx.Timeout(connect=2.0, read=0.3, write=2.0, pool=2.0)
    policy = RetryPolicy(
        base_delay=0.02, max_delay=0.1, jitter=0.0, settle_delay=0.2, settle_window=1.5, check_interval=0.2
    )
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY, timeout=timeout) as slow_client:
        engine = start_engine(store, slow_client, policy=policy)
        entry = engine.send_message(chat, "slow server")
        await run_until_idle(engine)
        done = store.outbox.get(entry.local_id)
        assert done is not None and done.state == "sent" and done.attempts == 1
        assert copies(sandbox, chat, "slow server") == 1
        await engine.close()


@on_asyncio
async def test_repeated_ambiguous_failures_end_as_failed_after_the_limit(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox)
    sandbox.add_fault(SEND_PATH, "error", method="POST", status=500, times=None)
    policy = RetryPolicy(
        base_delay=0.01,
        max_delay=0.02,
        jitter=0.0,
        settle_delay=0.01,
        settle_window=0.02,
        check_interval=0.01,
        max_ambiguous_attempts=3,
    )
    engine = start_engine(store, client, policy=policy)
    entry = engine.send_message(chat, "server keeps failing")
    await run_until_idle(engine)
    failed = store.outbox.get(entry.local_id)
    assert failed is not None and failed.state == "failed" and failed.attempts == 3
    assert "Not sent after 3 tries" in (failed.reason or "")
    assert copies(sandbox, chat, "server keeps failing") == 0
    await engine.close()


@on_asyncio
async def test_a_message_send_after_a_504_is_checked_until_the_settle_window_has_passed_then_sent_again(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox)
    sandbox.add_fault(SEND_PATH, "error", method="POST", status=504, times=1)  # the provider gave up for real
    clock = FakeClock()
    timed = TimedClient(client, clock)
    engine = start_engine(store, timed, policy=RetryPolicy(jitter=0.0), clock=clock, sleep=clock.sleep)
    entry = engine.send_message(chat, "after a gateway timeout")
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent" and done.attempts == 2
    first, second = timed.times("send_message")
    window = RetryPolicy().settle_window
    assert second - first >= window  # never re-sent before the window has passed
    looks = [at - first for at in timed.times("list_messages") if first < at <= second]
    assert looks[0] == pytest.approx(RetryPolicy().settle_delay)
    gaps = [b - a for a, b in zip(looks, looks[1:], strict=False)]
    assert all(gap <= RetryPolicy().check_interval + 1e-6 for gap in gaps)  # looked again and again meanwhile
    assert max(looks) >= window  # and once more after it, before sending again
    assert copies(sandbox, chat, "after a gateway timeout") == 1
    await engine.close()


# ---------------------------------------------------------------------------------------------- new chats


class TimedClient:
    """A real client whose requests note the (fake) time they were made at, by route."""

    def __init__(self, client: UnipileClient, clock: Callable[[], float]) -> None:
        self._client = client
        self._clock = clock
        self.calls: list[tuple[str, float]] = []

    def times(self, name: str) -> list[float]:
        return [at for called, at in self.calls if called == name]

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._client, name)

        async def timed(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, self._clock()))
            return await method(*args, **kwargs)

        return timed


class LateStartClient(TimedClient):
    """``POST /chats`` answers 504 at once while the chat is created ``late_by`` seconds later (fake time)."""

    def __init__(self, client: UnipileClient, clock: FakeClock, late_by: float) -> None:
        super().__init__(client, clock)
        self._fake = clock
        self._late_by = late_by
        self._pending: list[tuple[float, Any, dict[str, Any]]] = []

    async def start_chat(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(("start_chat", self._fake()))
        self._pending.append((self._fake() + self._late_by, args, kwargs))
        raise ServerError("Request timeout", status=504, type="errors/request_timeout")

    async def list_chats(self, **kwargs: Any) -> Any:
        for due, args, start_kwargs in list(self._pending):
            if self._fake() >= due:  # the provider finished meanwhile
                self._pending.remove((due, args, start_kwargs))
                await self._client.start_chat(*args, **start_kwargs)
        self.calls.append(("list_chats", self._fake()))
        return await self._client.list_chats(**kwargs)


@on_asyncio
@pytest.mark.parametrize(("status", "first_look"), [(500, 5.0), (504, 5.0)])  # one settle rule for every doubt
async def test_a_new_chat_that_may_have_gone_out_is_looked_for_then_failed_but_never_sent_again(
    sandbox: SandboxServer, store: Store, client: UnipileClient, status: int, first_look: float
) -> None:
    account, recipient = new_chat_people(sandbox)
    sandbox.add_fault(r"^/chats$", "error", method="POST", status=status, times=None)  # nothing is stored
    clock = FakeClock()
    timed = TimedClient(client, clock)
    engine = start_engine(store, timed, policy=RetryPolicy(jitter=0.0), clock=clock, sleep=clock.sleep)
    entry = engine.start_chat(account, [recipient], "Hello, maybe twice?")
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "failed" and done.attempts == 1
    assert done.reason is not None and "It may have been sent" in done.reason
    assert chat_starts(sandbox) == 1  # one POST /chats: an InMail credit is spent at most once
    sent_at = timed.times("start_chat")[0]
    looks = [round(at - sent_at, 3) for at in timed.times("list_chats") if at > sent_at]  # after its baseline
    assert looks == [look for look in (5.0, 30.0, 120.0) if look >= first_look]
    await engine.close()


@on_asyncio
async def test_a_new_chat_stored_late_after_a_504_is_found_by_a_later_look(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    account, recipient = new_chat_people(sandbox)
    clock = FakeClock()
    late = LateStartClient(client, clock, late_by=60.0)  # after the 30 s look, before the 2 min one
    engine = start_engine(store, late, policy=RetryPolicy(jitter=0.0), clock=clock, sleep=clock.sleep)
    entry = engine.start_chat(account, [recipient], "Hello from a slow provider")
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent" and done.chat_id is not None
    assert len(late.times("start_chat")) == 1 and copies(sandbox, done.chat_id, "Hello from a slow provider") == 1
    sent_at = late.times("start_chat")[0]
    assert [round(at - sent_at) for at in late.times("list_chats") if at > sent_at] == [5, 30, 120]
    await engine.close()


@on_asyncio
async def test_retry_of_an_unconfirmed_new_chat_looks_once_more_then_sends_it_again(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    account, recipient = new_chat_people(sandbox)
    sandbox.add_fault(r"^/chats$", "error", method="POST", status=502, times=1)
    engine = start_engine(store, client, policy=FAST)
    entry = engine.start_chat(account, [recipient], "Hello after checking")
    await run_until_idle(engine)
    assert store.outbox.get(entry.local_id).state == "failed"  # type: ignore[union-attr]
    assert chat_starts(sandbox) == 1
    engine.retry(entry.local_id)  # the agent checked and decided: send it
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent" and chat_starts(sandbox) == 2
    await engine.close()


@on_asyncio
async def test_a_new_chat_interrupted_by_a_crash_is_looked_for_and_not_sent_again(
    sandbox: SandboxServer, tmp_path: Path, client: UnipileClient
) -> None:
    account, recipient = new_chat_people(sandbox)
    path = tmp_path / "crash.sqlite3"
    now = time.time()
    with Store.open(path) as crashed:
        entry = crashed.outbox.add(NewChatSend(account, (recipient,), "Hello before the crash"))
        crashed.outbox.save(entry.with_changes(state="sending", attempts=1, first_attempt_at=now, last_attempt_at=now))
    with Store.open(path) as store:
        engine = start_engine(store, client, policy=FAST)
        await run_until_idle(engine)
        done = store.outbox.get(entry.local_id)
        assert done is not None and done.state == "failed" and "It may have been sent" in (done.reason or "")
        assert chat_starts(sandbox) == 0
        await engine.close()


@on_asyncio
async def test_a_new_chat_answered_504_by_the_sandbox_and_stored_later_is_found_not_sent_again(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    account, recipient = new_chat_people(sandbox)
    sandbox.faults.add({"path": r"^/chats$", "method": "POST", "action": "store_later", "store_after_ms": 400})
    policy = RetryPolicy(jitter=0.0, base_delay=0.02, settle_delay=0.1, new_chat_checks=(0.1, 0.8, 2.0))
    engine = start_engine(store, client, policy=policy)
    entry = engine.start_chat(account, [recipient], "Hello, stored late")
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent" and done.chat_id is not None
    assert chat_starts(sandbox) == 1 and copies(sandbox, done.chat_id, "Hello, stored late") == 1
    answers = [r["status"] for r in sandbox.requests_log() if r["method"] == "POST" and r["path"] == "/api/v1/chats"]
    assert answers == [504]  # the app was told the request timed out, yet the chat exists once
    await engine.close()


# ---------------------------------------------------------------------------------------------- the arithmetic


NOW = 1_000_000.0


def entry_of(send: Send, **changes: Any) -> OutboxEntry:
    """An entry as the table would hold it, created 10 s before ``NOW``."""
    return OutboxEntry("local", send, "unknown", 1, NOW - 10, NOW - 10).with_changes(**changes)


MESSAGE = MessageSend("chat", "hello")
NEW_CHAT = NewChatSend("acc", ("person",), "hello")


def test_the_retry_delay_is_the_shared_backoff_with_the_policys_numbers() -> None:
    policy = RetryPolicy(base_delay=1.5, max_delay=20.0, multiplier=3.0, jitter=0.4)
    for failures in range(1, 6):
        expected = backoff_delay(failures, base=1.5, cap=20.0, multiplier=3.0, jitter=0.4, rng=random.Random(5))
        assert policy.retry_delay(failures, random.Random(5)) == expected
    assert all(policy.retry_delay(9, random.Random(n)) <= 20.0 for n in range(50))  # the cap holds with jitter


def test_a_429_waits_at_least_what_the_server_asked_and_at_most_a_tenth_more() -> None:
    rng = random.Random(3)
    waits = [RetryPolicy.rate_limited_delay(30.0, rng) for _ in range(100)]
    assert all(30.0 <= wait < 33.0 for wait in waits)


def test_the_first_look_after_a_doubt_waits_the_settle_delay_or_a_new_chats_first_check() -> None:
    policy = RetryPolicy(settle_delay=3.0, new_chat_checks=(5.0, 30.0))
    assert policy.first_look(MESSAGE) == 3.0
    assert policy.first_look(NEW_CHAT) == 5.0
    assert RetryPolicy(settle_delay=3.0, new_chat_checks=()).first_look(NEW_CHAT) == 3.0


def test_in_doubt_runs_the_whole_window_from_now() -> None:
    policy = RetryPolicy(settle_delay=3.0, settle_window=45.0)
    doubt = in_doubt(entry_of(MESSAGE, state="sending"), "Checking.", NOW, policy)
    assert (doubt.state, doubt.reason) == ("unknown", "Checking.")
    assert (doubt.next_attempt_at, doubt.settle_until) == (NOW + 3.0, NOW + 45.0)
    again = after_ambiguous_attempt(entry_of(MESSAGE, ambiguous_attempts=2), "Checking.", NOW, policy)
    assert again.ambiguous_attempts == 3 and again.settle_until == NOW + 45.0


def test_absent_within_the_window_is_looked_for_again_never_sent() -> None:
    policy = RetryPolicy(check_interval=5.0)
    looking = entry_of(MESSAGE, attempts=1, ambiguous_attempts=1, settle_until=NOW + 12.0)
    assert after_absence(looking, NOW, policy) == looking.with_changes(next_attempt_at=NOW + 5.0)
    nearly = looking.with_changes(settle_until=NOW + 2.0)
    assert after_absence(nearly, NOW, policy) == nearly.with_changes(next_attempt_at=NOW + 2.0)  # at the window's end


def test_absent_after_the_window_is_sent_again_until_the_limit_of_ambiguous_attempts() -> None:
    policy = RetryPolicy(max_ambiguous_attempts=3)
    passed = entry_of(MESSAGE, attempts=2, ambiguous_attempts=2, settle_until=NOW - 1.0, reason="Timed out.")
    assert after_absence(passed, NOW, policy) is None  # proof of absence: send it again
    last = passed.with_changes(attempts=3, ambiguous_attempts=3)
    failed = after_absence(last, NOW, policy)
    assert failed is not None and failed.state == "failed" and failed.reason == "Not sent after 3 tries. Timed out."


def test_an_absent_new_chat_is_looked_for_at_each_check_then_fails_without_being_sent_again() -> None:
    policy = RetryPolicy(new_chat_checks=(5.0, 30.0, 120.0))
    sent_at = NOW - 10.0
    chat = entry_of(NEW_CHAT, attempts=1, ambiguous_attempts=1, last_attempt_at=sent_at)
    assert policy.next_new_chat_look(chat, NOW) == sent_at + 30.0
    looking = after_absence(chat, NOW, policy)
    assert looking is not None and (looking.state, looking.next_attempt_at) == ("unknown", sent_at + 30.0)
    given_up = after_absence(chat, sent_at + 120.0, policy)
    assert given_up is not None and given_up.state == "failed" and given_up.reason == NEW_CHAT_UNCONFIRMED


@pytest.mark.parametrize(
    ("send", "err", "state", "sentence"),
    [
        (MESSAGE, NotFoundError("Gone", status=404), "failed", "Gone."),
        (MESSAGE, ServerError("Down", status=503), "unknown", "Could not check yet whether it was sent: Down."),
        (NEW_CHAT, ForbiddenError("No", status=403), "failed", "Could not check whether this was sent: No. Retry"),
        (MESSAGE, ForbiddenError("No", status=403), "unsure", f"{NOT_SURE} The check was refused: No."),
    ],
)
def test_a_failed_check_never_sends_again_nor_marks_sent(
    send: Send, err: UnipileError, state: str, sentence: str
) -> None:
    after = after_check_error(entry_of(send, attempts=1), err, NOW, RetryPolicy(jitter=0.0), random.Random(0))
    assert after.state == state and (after.reason or "").startswith(sentence)
    assert (after.next_attempt_at is not None) == (state == "unknown")


def test_a_rate_limited_check_waits_what_the_server_asked() -> None:
    err = RateLimitedError("Slow down", status=429, retry_after=17.0)
    after = after_check_error(entry_of(MESSAGE, attempts=1), err, NOW, RetryPolicy(), random.Random(0))
    assert after.state == "unknown" and after.next_attempt_at == NOW + 17.0


def test_which_failures_are_retried_by_themselves_and_which_never_help() -> None:
    assert is_transient(NetworkError("Refused", kind="connect"))
    assert is_transient(RateLimitedError("Slow down", status=429))
    assert is_transient(ServerError("Down", status=503)) and not is_permanent(ServerError("Down", status=503))
    assert is_permanent(ServerError("Not implemented", status=501))
    assert not is_transient(ServerError("Not implemented", status=501))
    assert not is_transient(ForbiddenError("No", status=403))


def test_the_time_window_and_the_copy_floor_reach_back_by_the_skew_or_to_the_baseline() -> None:
    policy = RetryPolicy(skew=120.0)
    tried = entry_of(MESSAGE, first_attempt_at=NOW - 5.0)
    assert policy.time_window(tried, NOW) == (NOW - 125.0, NOW + 120.0)
    assert policy.time_window(entry_of(MESSAGE), NOW)[0] == NOW - 130.0  # never tried: from its creation
    assert policy.copy_floor(tried) == NOW - 125.0
    assert policy.copy_floor(tried.with_changes(baseline=Baseline(("m1",), NOW - 600.0))) == NOW - 600.0
