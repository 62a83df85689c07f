"""The outbox engine against the sandbox: each failure class, reconcile, restart, order, drafts and events.

The engine is pure asyncio, so these tests run it on a plain asyncio loop (``asyncio.run``), not on the qasync
loop the rest of this folder uses: that is how the soak test and any non-Qt caller run it.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import socket
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.helpers.clock import FakeClock
from unipile_desktop.api import ServerError, UnipileClient
from unipile_desktop.api.errors import ForbiddenError
from unipile_desktop.api.models import Attachment, Message, MessageSent
from unipile_desktop.engine.outbox.engine import OutboxEngine, OutboxError, RetryPolicy, _same_content
from unipile_desktop.sandbox.server import SandboxServer
from unipile_desktop.store import MessageSend, NewChatSend, OutboxEntry, Store, chat_draft_key

KEY = "outbox-test-key"
SEND_PATH = r"^/chats/[^/]+/messages$"
FAST = RetryPolicy(
    base_delay=0.02,
    max_delay=0.1,
    jitter=0.0,
    settle_delay=0.05,
    settle_window=0.3,
    check_interval=0.05,
    new_chat_checks=(0.05, 0.1, 0.2),
    max_concurrent_requests=4,
)


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    server = SandboxServer(api_key=KEY).start()
    yield server
    server.stop()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "profile.sqlite3")
    yield opened
    opened.close()


def on_asyncio(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test on a fresh plain asyncio loop; a ``client`` parameter gets a client for ``sandbox``."""
    signature = inspect.signature(test)
    wants_client = "client" in signature.parameters

    @functools.wraps(test)
    def wrapper(**fixtures: Any) -> None:
        async def main() -> None:
            if wants_client:
                async with UnipileClient(fixtures["sandbox"].url, KEY) as client:
                    await test(client=client, **fixtures)
            else:
                await test(**fixtures)

        asyncio.run(main())

    del wrapper.__wrapped__  # pytest must see the signature below, not the coroutine function
    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[p for name, p in signature.parameters.items() if name != "client"]
    )
    return wrapper


def chat_id(sandbox: SandboxServer, name: str = "showcase") -> str:
    return str(sandbox.landmarks["chats"][name])


def copies(sandbox: SandboxServer, chat: str, text: str) -> int:
    return int(sandbox.message_counts(chat)["by_text"].get(text, 0))


def posts(sandbox: SandboxServer, chat: str) -> int:
    return sum(
        1 for r in sandbox.requests_log() if r["method"] == "POST" and r["path"] == f"/api/v1/chats/{chat}/messages"
    )


async def run_until_idle(engine: OutboxEngine, timeout: float = 20.0) -> None:
    assert await engine.wait_idle(timeout), "the outbox did not drain"


async def wait_for(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    """Poll until ``condition()`` holds; fails the test when it did not within ``timeout`` (real) seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.005)


def state_of(store: Store, local_id: str) -> str:
    entry = store.outbox.get(local_id)
    assert entry is not None
    return entry.state


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# ---------------------------------------------------------------------------------------------- happy path


@on_asyncio
async def test_a_send_is_stored_before_the_request_and_reported_through_every_state(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox)
    engine = OutboxEngine(store, client, policy=FAST)
    seen: list[tuple[str, int]] = []
    engine.add_listener(lambda e: seen.append((e.state, copies(sandbox, chat, "hello outbox"))))
    engine.start()
    entry = engine.send_message(chat, "hello outbox")
    assert store.outbox.get(entry.local_id) is not None  # durable before any request
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent" and done.attempts == 1
    assert done.message_id is not None and done.message_id in {m.id for m in store.cache.messages(chat)} | {
        m.id for m in (await client.list_messages(chat, limit=5)).items
    }
    # queued (nothing on the server), sending (still nothing: the row was written before the request), sent.
    assert seen == [("queued", 0), ("sending", 0), ("sent", 1)]
    assert copies(sandbox, chat, "hello outbox") == 1
    await engine.close()


# ---------------------------------------------------------------------------------------------- certain failures


@on_asyncio
async def test_connection_refused_stays_queued_and_goes_out_when_the_server_is_back(store: Store) -> None:
    port = free_port()
    server = SandboxServer(port=port, api_key=KEY)  # built now, listening only later
    chat = str(server.landmarks["chats"]["showcase"])
    clock = FakeClock()
    async with UnipileClient(f"127.0.0.1:{port}", KEY) as offline_client:
        engine = OutboxEngine(store, offline_client, policy=FAST, clock=clock, sleep=clock.sleep)
        engine.start()
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
    engine = OutboxEngine(store, client, policy=FAST, clock=clock, sleep=clock.sleep)
    engine.start()
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


# ---------------------------------------------------------------------------------------------- permanent failures


@on_asyncio
@pytest.mark.parametrize(
    ("status", "error_type"), [(400, "errors/too_many_characters"), (422, "errors/invalid_message")]
)
async def test_4xx_fails_with_a_sentence_and_is_not_retried(
    sandbox: SandboxServer, store: Store, client: UnipileClient, status: int, error_type: str
) -> None:
    chat = chat_id(sandbox)
    sandbox.add_fault(SEND_PATH, "error", method="POST", status=status, type=error_type, times=1)
    engine = OutboxEngine(store, client, policy=FAST)
    engine.start()
    entry = engine.send_message(chat, "refused once")
    await run_until_idle(engine)
    await asyncio.sleep(0.2)  # would be several backoff periods
    failed = store.outbox.get(entry.local_id)
    assert failed is not None and failed.state == "failed" and failed.attempts == 1
    assert failed.reason and failed.reason[0].isupper() and failed.reason.endswith(".")
    assert posts(sandbox, chat) == 1 and copies(sandbox, chat, "refused once") == 0
    assert engine.entries(chat) == [failed]  # visible to the UI

    # Retry: looks first (it was tried once), then sends; exactly one copy.
    engine.retry(entry.local_id)
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent"
    assert copies(sandbox, chat, "refused once") == 1
    await engine.close()


@on_asyncio
async def test_a_real_refusal_does_not_block_the_chat_and_discard_returns_the_text(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox)
    engine = OutboxEngine(store, client, policy=FAST)
    engine.start()
    too_long = engine.send_message(chat, "x" * 70_000)  # over WhatsApp's limit in the sandbox
    after = engine.send_message(chat, "sent after the refused one")
    await run_until_idle(engine)
    refused = store.outbox.get(too_long.local_id)
    assert refused is not None and refused.state == "failed" and "too long" in (refused.reason or "")
    sent = store.outbox.get(after.local_id)
    assert sent is not None and sent.state == "sent"
    with pytest.raises(OutboxError):
        engine.retry(after.local_id)  # only failed entries can be retried
    discarded: list[OutboxEntry] = []
    engine.add_listener(lambda e: None, discarded.append)
    removed = engine.discard(too_long.local_id)
    assert removed.text == "x" * 70_000  # the Edit action puts this back into the composer
    assert discarded == [removed] and store.outbox.get(too_long.local_id) is None
    with pytest.raises(OutboxError):
        engine.discard(after.local_id)  # a sent message cannot be discarded
    await engine.close()


@on_asyncio
async def test_a_missing_attachment_fails_with_a_clear_note(
    sandbox: SandboxServer, store: Store, client: UnipileClient, tmp_path: Path
) -> None:
    chat = chat_id(sandbox)
    present = tmp_path / "invoice.pdf"
    present.write_bytes(b"%PDF-1.4 test")
    engine = OutboxEngine(store, client, policy=FAST)
    engine.start()
    ok = engine.send_message(chat, "with file", [str(present)])
    gone = engine.send_message(chat, "with a missing file", [str(tmp_path / "gone.png")])
    await run_until_idle(engine)
    assert store.outbox.get(ok.local_id).state == "sent"  # type: ignore[union-attr]
    failed = store.outbox.get(gone.local_id)
    assert failed is not None and failed.state == "failed" and "gone.png" in (failed.reason or "")
    newest = (await client.list_messages(chat, limit=1)).items[0]
    assert [a.file_name for a in newest.attachments] == ["invoice.pdf"]
    await engine.close()


# ---------------------------------------------------------------------------------------------- ambiguous failures


@on_asyncio
@pytest.mark.parametrize("action", ["store_then_drop", "store_then_error"])
async def test_stored_then_lost_answer_is_found_by_reconcile_and_not_sent_again(
    sandbox: SandboxServer, store: Store, client: UnipileClient, action: str
) -> None:
    chat = chat_id(sandbox)
    sandbox.add_fault(SEND_PATH, action, method="POST", status=504, times=1)
    engine = OutboxEngine(store, client, policy=FAST)
    states: list[str] = []
    engine.add_listener(lambda e: states.append(e.state))
    engine.start()
    entry = engine.send_message(chat, f"arrived despite {action}")
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent" and done.attempts == 1
    assert copies(sandbox, chat, f"arrived despite {action}") == 1
    assert sandbox.message_counts(chat)["by_text"][f"arrived despite {action}"] == 1
    assert posts(sandbox, chat) == 1  # found, so never sent again
    newest = (await client.list_messages(chat, limit=1)).items[0]
    assert done.message_id == newest.id
    assert states == ["queued", "sending", "unknown", "sent"]
    await engine.close()


@on_asyncio
async def test_dropped_before_storing_is_reconciled_then_sent_once(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox)
    sandbox.add_fault(SEND_PATH, "drop", method="POST", times=1)
    engine = OutboxEngine(store, client, policy=FAST)
    engine.start()
    entry = engine.send_message(chat, "dropped first time")
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent" and done.attempts == 2
    assert copies(sandbox, chat, "dropped first time") == 1 and posts(sandbox, chat) == 2
    listed = [r for r in sandbox.requests_log() if r["method"] == "GET" and r["path"].endswith("/messages")]
    assert listed, "a re-send must be preceded by a reconcile"
    await engine.close()


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
    async with UnipileClient(sandbox.url, KEY, timeout=timeout) as slow_client:
        engine = OutboxEngine(store, slow_client, policy=policy)
        engine.start()
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
    engine = OutboxEngine(store, client, policy=policy)
    engine.start()
    entry = engine.send_message(chat, "server keeps failing")
    await run_until_idle(engine)
    failed = store.outbox.get(entry.local_id)
    assert failed is not None and failed.state == "failed" and failed.attempts == 3
    assert "Not sent after 3 tries" in (failed.reason or "")
    assert copies(sandbox, chat, "server keeps failing") == 0
    await engine.close()


@on_asyncio
async def test_reconcile_never_claims_a_message_another_entry_owns(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox)
    engine = OutboxEngine(store, client, policy=FAST)
    engine.start()
    engine.send_message(chat, "ok")
    await run_until_idle(engine)
    sandbox.add_fault(SEND_PATH, "drop", method="POST", times=1)
    second = engine.send_message(chat, "ok")  # same text: the earlier "ok" must not be taken for this one
    await run_until_idle(engine)
    assert store.outbox.get(second.local_id).state == "sent"  # type: ignore[union-attr]
    assert copies(sandbox, chat, "ok") == 2
    await engine.close()


# ---------------------------------------------------------------------------------------------- new chats


@on_asyncio
async def test_new_chat_stored_then_dropped_is_found_in_the_accounts_chats(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    account = str(sandbox.landmarks["accounts"]["whatsapp"])
    recipient = str(sandbox.landmarks["recipients"]["whatsapp_contact_without_chat"])
    sandbox.add_fault(r"^/chats$", "store_then_drop", method="POST", times=1)
    engine = OutboxEngine(store, client, policy=FAST)
    engine.start()
    entry = engine.start_chat(account, [recipient], "Hello, new customer")
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent" and done.chat_id is not None
    assert copies(sandbox, done.chat_id, "Hello, new customer") == 1
    starts = [r for r in sandbox.requests_log() if r["method"] == "POST" and r["path"] == "/api/v1/chats"]
    assert len(starts) == 1
    await engine.close()


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


def chat_starts(sandbox: SandboxServer) -> int:
    return sum(1 for r in sandbox.requests_log() if r["method"] == "POST" and r["path"] == "/api/v1/chats")


@on_asyncio
@pytest.mark.parametrize(("status", "first_look"), [(500, 5.0), (504, 5.0)])  # one settle rule for every doubt
async def test_a_new_chat_that_may_have_gone_out_is_looked_for_then_failed_but_never_sent_again(
    sandbox: SandboxServer, store: Store, client: UnipileClient, status: int, first_look: float
) -> None:
    account = str(sandbox.landmarks["accounts"]["whatsapp"])
    recipient = str(sandbox.landmarks["recipients"]["whatsapp_contact_without_chat"])
    sandbox.add_fault(r"^/chats$", "error", method="POST", status=status, times=None)  # nothing is stored
    clock = FakeClock()
    timed = TimedClient(client, clock)
    engine = OutboxEngine(store, timed, policy=RetryPolicy(jitter=0.0), clock=clock, sleep=clock.sleep)
    engine.start()
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
    account = str(sandbox.landmarks["accounts"]["whatsapp"])
    recipient = str(sandbox.landmarks["recipients"]["whatsapp_contact_without_chat"])
    clock = FakeClock()
    late = LateStartClient(client, clock, late_by=60.0)  # after the 30 s look, before the 2 min one
    engine = OutboxEngine(store, late, policy=RetryPolicy(jitter=0.0), clock=clock, sleep=clock.sleep)
    engine.start()
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
    account = str(sandbox.landmarks["accounts"]["whatsapp"])
    recipient = str(sandbox.landmarks["recipients"]["whatsapp_contact_without_chat"])
    sandbox.add_fault(r"^/chats$", "error", method="POST", status=502, times=1)
    engine = OutboxEngine(store, client, policy=FAST)
    engine.start()
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
async def test_a_message_send_after_a_504_is_checked_until_the_settle_window_has_passed_then_sent_again(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox)
    sandbox.add_fault(SEND_PATH, "error", method="POST", status=504, times=1)  # the provider gave up for real
    clock = FakeClock()
    timed = TimedClient(client, clock)
    engine = OutboxEngine(store, timed, policy=RetryPolicy(jitter=0.0), clock=clock, sleep=clock.sleep)
    engine.start()
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


@on_asyncio
async def test_a_new_chat_interrupted_by_a_crash_is_looked_for_and_not_sent_again(
    sandbox: SandboxServer, tmp_path: Path, client: UnipileClient
) -> None:
    account = str(sandbox.landmarks["accounts"]["whatsapp"])
    recipient = str(sandbox.landmarks["recipients"]["whatsapp_contact_without_chat"])
    path = tmp_path / "crash.sqlite3"
    now = time.time()
    with Store.open(path) as crashed:
        entry = crashed.outbox.add(NewChatSend(account, (recipient,), "Hello before the crash"))
        crashed.outbox.save(entry.with_changes(state="sending", attempts=1, first_attempt_at=now, last_attempt_at=now))
    with Store.open(path) as store:
        engine = OutboxEngine(store, client, policy=FAST)
        engine.start()
        await run_until_idle(engine)
        done = store.outbox.get(entry.local_id)
        assert done is not None and done.state == "failed" and "It may have been sent" in (done.reason or "")
        assert chat_starts(sandbox) == 0
        await engine.close()


@on_asyncio
async def test_a_new_chat_answered_504_by_the_sandbox_and_stored_later_is_found_not_sent_again(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    account = str(sandbox.landmarks["accounts"]["whatsapp"])
    recipient = str(sandbox.landmarks["recipients"]["whatsapp_contact_without_chat"])
    sandbox.faults.add({"path": r"^/chats$", "method": "POST", "action": "store_later", "store_after_ms": 400})
    policy = RetryPolicy(jitter=0.0, base_delay=0.02, settle_delay=0.1, new_chat_checks=(0.1, 0.8, 2.0))
    engine = OutboxEngine(store, client, policy=policy)
    engine.start()
    entry = engine.start_chat(account, [recipient], "Hello, stored late")
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent" and done.chat_id is not None
    assert chat_starts(sandbox) == 1 and copies(sandbox, done.chat_id, "Hello, stored late") == 1
    answers = [r["status"] for r in sandbox.requests_log() if r["method"] == "POST" and r["path"] == "/api/v1/chats"]
    assert answers == [504]  # the app was told the request timed out, yet the chat exists once
    await engine.close()


# ---------------------------------------------------------------------------------------------- restart


@on_asyncio
async def test_restart_reconciles_interrupted_sends_before_anything_else(
    sandbox: SandboxServer, tmp_path: Path, client: UnipileClient
) -> None:
    chat = chat_id(sandbox)
    path = tmp_path / "restart.sqlite3"
    now = time.time()
    with Store.open(path) as crashed:
        arrived = crashed.outbox.add(MessageSend(chat, "arrived before the crash"))
        crashed.outbox.save(
            arrived.with_changes(state="sending", attempts=1, first_attempt_at=now, last_attempt_at=now)
        )
        lost = crashed.outbox.add(MessageSend(chat, "never left before the crash"))
        crashed.outbox.save(lost.with_changes(state="sending", attempts=1, first_attempt_at=now, last_attempt_at=now))
        queued = crashed.outbox.add(MessageSend(chat, "queued before the crash"))
    sent = await client.send_message(chat, text="arrived before the crash")  # the request that did get through

    with Store.open(path) as store:
        engine = OutboxEngine(store, client, policy=FAST)
        engine.start()
        assert store.outbox.get(arrived.local_id).state == "unknown"  # type: ignore[union-attr]
        await run_until_idle(engine)
        first = store.outbox.get(arrived.local_id)
        assert first is not None and first.state == "sent" and first.message_id == sent.message_id
        assert first.attempts == 1
        for entry in (lost, queued):
            assert store.outbox.get(entry.local_id).state == "sent"  # type: ignore[union-attr]
        counts = sandbox.message_counts(chat)["by_text"]
        assert counts["arrived before the crash"] == 1
        assert counts["never left before the crash"] == 1
        assert counts["queued before the crash"] == 1
        texts = [m.text for m in (await client.list_messages(chat, limit=3)).items]
        assert texts == ["queued before the crash", "never left before the crash", "arrived before the crash"]
        await engine.close()


@on_asyncio
async def test_hole_2_closed_mid_request_and_reopened_at_once_waits_for_the_late_copy(
    sandbox: SandboxServer, tmp_path: Path, client: UnipileClient
) -> None:
    chat = chat_id(sandbox)
    sandbox.add_fault(SEND_PATH, "delay", method="POST", delay_ms=500, times=1)
    path = tmp_path / "close.sqlite3"
    policy = RetryPolicy(base_delay=0.02, jitter=0.0, settle_delay=0.05, settle_window=2.0, check_interval=0.05)
    with Store.open(path) as store:
        engine = OutboxEngine(store, client, policy=policy)
        engine.start()
        entry = engine.send_message(chat, "interrupted by shutdown")
        await wait_for(lambda: state_of(store, entry.local_id) == "sending", "the request to go out")
        await wait_for(lambda: sandbox.list_faults()[0]["fired"] == 1, "the server to receive it")  # and wait 0.5 s
        await engine.close()
        assert state_of(store, entry.local_id) == "unknown"
        assert copies(sandbox, chat, "interrupted by shutdown") == 0  # closed before the server stored it
    # Reopened at once, while the server is still working on the request it received.
    with Store.open(path) as store:
        engine = OutboxEngine(store, client, policy=policy)
        engine.start()
        await run_until_idle(engine)
        assert state_of(store, entry.local_id) == "sent"
        await wait_for(lambda: not sandbox.in_flight(), "the server to finish every request it received")
        assert copies(sandbox, chat, "interrupted by shutdown") == 1
        assert posts(sandbox, chat) == 1  # looked until the late copy showed, never sent again
        await engine.close()


# ---------------------------------------------------------------------------------------------- order


@on_asyncio
async def test_order_within_a_chat_is_kept_through_faults(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox, "empty")
    sandbox.add_fault(SEND_PATH, "error", method="POST", status=503, times=None, probability=0.3)
    sandbox.add_fault(SEND_PATH, "store_then_drop", method="POST", times=None, probability=0.2)
    engine = OutboxEngine(store, client, policy=FAST)
    engine.start()
    texts = [f"ordered {n:02d}" for n in range(15)]
    for text in texts:
        engine.send_message(chat, text)
    await run_until_idle(engine, timeout=40)
    listed = [m.text for m in reversed((await client.list_messages(chat, limit=50)).items)]
    assert [t for t in listed if t in texts] == texts
    assert all(copies(sandbox, chat, t) == 1 for t in texts)
    await engine.close()


@on_asyncio
async def test_a_slow_chat_does_not_hold_up_another(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    slow, fast = chat_id(sandbox, "showcase"), chat_id(sandbox, "empty")
    sandbox.add_fault(rf"^/chats/{slow}/messages$", "delay", method="POST", delay_ms=600, times=1)
    engine = OutboxEngine(store, client, policy=FAST)
    order: list[str] = []
    engine.add_listener(lambda e: order.append(e.text or "") if e.state == "sent" else None)
    engine.start()
    engine.send_message(slow, "slow one")
    engine.send_message(fast, "fast one")
    await run_until_idle(engine)
    assert order == ["fast one", "slow one"]
    await engine.close()


# ---------------------------------------------------------------------------------------------- drafts


@on_asyncio
async def test_draft_is_cleared_only_when_the_send_is_confirmed(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox)
    key = chat_draft_key(chat)
    store.drafts.save(key, "my reply")
    sandbox.add_fault(SEND_PATH, "error", method="POST", status=422, times=1)
    engine = OutboxEngine(store, client, policy=FAST)
    engine.start()
    entry = engine.send_message(chat, "my reply", draft_key=key)
    await run_until_idle(engine)
    assert store.outbox.get(entry.local_id).state == "failed"  # type: ignore[union-attr]
    assert store.drafts.get(key) is not None  # failed: the draft stays
    engine.retry(entry.local_id)
    await run_until_idle(engine)
    assert store.drafts.get(key) is None  # confirmed: cleared
    await engine.close()


# ---------------------------------------------------------------------------------------------- matching


def _message(text: str | None, *, is_sender: bool = True, files: tuple[str | None, ...] = ()) -> Message:
    attachments = tuple(
        Attachment(id=f"a{i}", type="file", unavailable=False, file_name=n) for i, n in enumerate(files)
    )
    return Message("m", "acc", "c", "p", "s", None, text, None, is_sender, attachments)


@pytest.mark.parametrize(
    ("send", "message", "expected"),
    [
        (MessageSend("c", "Hello"), _message("Hello"), True),
        (MessageSend("c", "Hello"), _message("Hello\r\n "), True),
        (MessageSend("c", "Hello"), _message("Hello", is_sender=False), False),
        (MessageSend("c", "Hello"), _message("Hello!"), False),
        (MessageSend("c", "Hi", ("/x/a.pdf",)), _message("Hi", files=("a.pdf",)), True),
        (MessageSend("c", "Hi", ("/x/a.pdf",)), _message("Hi", files=(None,)), True),  # name not visible
        (MessageSend("c", "Hi", ("/x/a.pdf",)), _message("Hi", files=("b.pdf",)), False),
        (MessageSend("c", "Hi", ("/x/a.pdf",)), _message("Hi"), True),  # provider split text and file
        (MessageSend("c", None, ("/x/a.pdf",)), _message(None), False),
        (MessageSend("c", None, ("/x/a.pdf", "/x/b.pdf")), _message(None, files=("a.pdf",)), False),
    ],
)
def test_what_counts_as_our_message(send: MessageSend, message: Message, expected: bool) -> None:
    assert _same_content(send, message) is expected


def test_empty_sends_are_refused(store: Store) -> None:
    engine = OutboxEngine(store, _NoClient())
    with pytest.raises(ValueError):
        engine.send_message("c", "   ")
    with pytest.raises(ValueError):
        engine.start_chat("acc", [], "hi")
    assert store.outbox.entries() == []


class _NoClient:
    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"no request expected ({name})")


@on_asyncio
async def test_an_entry_in_flight_cannot_be_discarded(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox)
    sandbox.add_fault(SEND_PATH, "delay", method="POST", delay_ms=300, times=1)
    engine = OutboxEngine(store, client, policy=FAST)
    engine.start()
    entry = engine.send_message(chat, "on its way")
    await wait_for(lambda: state_of(store, entry.local_id) == "sending", "the request to go out")
    with pytest.raises(OutboxError, match="right now"):
        engine.discard(entry.local_id)
    await run_until_idle(engine)
    assert store.outbox.get(entry.local_id).state == "sent"  # type: ignore[union-attr]
    assert copies(sandbox, chat, "on its way") == 1
    await engine.close()


# ---------------------------------------------------------------------------------------------- the review's holes


class NoIdClient:
    """A real client whose sends report ``message_id: null``, as the API may (the id is nullable)."""

    def __init__(self, client: UnipileClient) -> None:
        self._client = client

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    async def send_message(self, *args: Any, **kwargs: Any) -> Any:
        sent = await self._client.send_message(*args, **kwargs)
        return type(sent)(message_id=None)


DOUBT = RetryPolicy(base_delay=0.02, jitter=0.0, settle_delay=0.05, settle_window=1.0, check_interval=0.05)


@on_asyncio
async def test_hole_1_a_second_identical_text_lost_before_storing_is_sent_not_taken_for_the_first(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox, "empty")
    # The first "ok" went out and is on the server, but no entry claims its copy (the API answered without an
    # id and the agent chose "It was sent", or an older version sent it).
    await client.send_message(chat, text="ok")
    first = store.outbox.add(MessageSend(chat, "ok"))
    store.outbox.save(first.with_changes(state="sent", attempts=1, message_id=None))
    engine = OutboxEngine(store, NoIdClient(client), policy=DOUBT)
    engine.start()
    sandbox.add_fault(SEND_PATH, "drop", method="POST", times=1)  # the second "ok" never reaches the store
    second = engine.send_message(chat, "ok")
    await run_until_idle(engine)
    assert state_of(store, second.local_id) == "sent"
    assert copies(sandbox, chat, "ok") == 2  # the server holds both: the first "ok" was not taken for the second
    assert posts(sandbox, chat) == 3  # the first, the dropped second, the second again
    await engine.close()


@on_asyncio
async def test_hole_1_the_same_text_sent_just_before_from_the_agents_phone_is_not_taken_for_ours(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox, "empty")
    await client.send_message(chat, text="Thanks!")  # another device on the same account (is_sender 1, no entry)
    sandbox.add_fault(SEND_PATH, "drop", method="POST", times=1)
    engine = OutboxEngine(store, client, policy=DOUBT)
    engine.start()
    entry = engine.send_message(chat, "Thanks!")
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent" and done.attempts == 2
    assert copies(sandbox, chat, "Thanks!") == 2  # the phone's and ours
    await engine.close()


@on_asyncio
async def test_hole_3_a_request_killed_mid_flight_waits_the_whole_window_for_a_late_store(
    sandbox: SandboxServer, tmp_path: Path, client: UnipileClient
) -> None:
    chat = chat_id(sandbox, "empty")
    path = tmp_path / "killed.sqlite3"
    now = time.time()
    with Store.open(path) as crashed:  # the state a SIGKILL leaves: sending, with its baseline, 5 s ago
        baseline = await OutboxEngine(crashed, client)._take_baseline(MessageSend(chat, "killed mid-send"))
        entry = crashed.outbox.add(MessageSend(chat, "killed mid-send"))
        crashed.outbox.save(
            entry.with_changes(
                state="sending", attempts=1, first_attempt_at=now - 5, last_attempt_at=now - 5, baseline=baseline
            )
        )
    # The provider is still working on the killed request: it stores the message 0.4 s from now.
    sandbox.faults.add({"path": SEND_PATH, "method": "POST", "action": "store_later", "store_after_ms": 400})
    with pytest.raises(ServerError):
        await client.send_message(chat, text="killed mid-send")
    assert copies(sandbox, chat, "killed mid-send") == 0
    with Store.open(path) as store:
        engine = OutboxEngine(store, client, policy=DOUBT)
        engine.start()
        await run_until_idle(engine)
        done = store.outbox.get(entry.local_id)
        assert done is not None and done.state == "sent" and done.attempts == 1
        assert copies(sandbox, chat, "killed mid-send") == 1
        await engine.close()


# ---------------------------------------------------------------------------------------------- not sure


@on_asyncio
async def test_two_new_copies_after_one_attempt_leave_the_choice_to_the_agent(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox, "empty")
    sandbox.add_fault(SEND_PATH, "store_then_drop", method="POST", times=1)
    engine = OutboxEngine(store, client, policy=DOUBT)
    seen: list[str] = []

    def phone_sends_it_too(entry: OutboxEntry) -> None:  # while ours is in doubt, the phone sends the same text
        seen.append(entry.state)
        if entry.state == "unknown" and seen.count("unknown") == 1:
            asyncio.ensure_future(client.send_message(chat, text="👍"))

    engine.add_listener(phone_sends_it_too)
    engine.start()
    entry = engine.send_message(chat, "👍")
    await run_until_idle(engine)
    unsure = store.outbox.get(entry.local_id)
    assert unsure is not None and unsure.state == "unsure" and "2 times" in (unsure.reason or "")
    assert copies(sandbox, chat, "👍") == 2
    assert engine.entries(chat)[0].local_id == entry.local_id  # still shown to the agent
    with pytest.raises(OutboxError):
        engine.retry(entry.local_id)  # "Retry" is for failures; an unsure entry has its own three choices
    done = engine.confirm_sent(entry.local_id)  # "It was sent"
    assert done.state == "sent" and done.message_id is None
    assert copies(sandbox, chat, "👍") == 2 and posts(sandbox, chat) == 2  # nothing sent by confirming
    await engine.close()


@on_asyncio
async def test_a_refused_check_is_unsure_and_each_choice_does_what_it_says(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox, "empty")
    sandbox.add_fault(SEND_PATH, "drop", method="POST", times=1)
    refusal = sandbox.add_fault(SEND_PATH, "error", method="GET", status=403, times=None)
    engine = OutboxEngine(store, client, policy=DOUBT)
    engine.start()
    # The first look (the baseline) is refused too: nothing was sent, so it fails plainly.
    entry = engine.send_message(chat, "are you there?")
    await run_until_idle(engine)
    assert state_of(store, entry.local_id) == "failed" and posts(sandbox, chat) == 0
    sandbox.faults.remove(refusal)
    engine.retry(entry.local_id)  # dropped before storing, then every check is refused
    await wait_for(lambda: state_of(store, entry.local_id) == "unknown", "the doubt")
    refusal = sandbox.add_fault(SEND_PATH, "error", method="GET", status=403, times=None)
    await run_until_idle(engine)
    unsure = store.outbox.get(entry.local_id)
    assert unsure is not None and unsure.state == "unsure" and "refused" in (unsure.reason or "")
    assert copies(sandbox, chat, "are you there?") == 0 and posts(sandbox, chat) == 1

    sandbox.faults.remove(refusal)
    engine.check_again(entry.local_id)  # "Check again": absent once the window has passed → sent, once
    await run_until_idle(engine)
    assert state_of(store, entry.local_id) == "sent"
    assert copies(sandbox, chat, "are you there?") == 1 and posts(sandbox, chat) == 2
    await engine.close()


@on_asyncio
async def test_send_again_sends_without_looking_and_discard_works_on_unsure(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox, "empty")
    engine = OutboxEngine(store, client, policy=DOUBT)
    engine.start()
    again = store.outbox.add(MessageSend(chat, "send me again"))
    store.outbox.save(again.with_changes(state="unsure", attempts=1, reason="Not sure this was sent."))
    gone = store.outbox.add(MessageSend(chat, "forget me"))
    store.outbox.save(gone.with_changes(state="unsure", attempts=1, reason="Not sure this was sent."))
    engine.send_again(again.local_id)
    await run_until_idle(engine)
    assert state_of(store, again.local_id) == "sent" and copies(sandbox, chat, "send me again") == 1
    engine.discard(gone.local_id)
    assert store.outbox.get(gone.local_id) is None and copies(sandbox, chat, "forget me") == 0
    with pytest.raises(OutboxError):
        engine.send_again(again.local_id)  # already sent
    await engine.close()


# ---------------------------------------------------------------------------------------------- sent twice


@on_asyncio
async def test_a_copy_stored_after_the_window_is_flagged_sent_twice_by_the_sync(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox, "empty")
    # The server answers 504 at once and stores the message 1.5 s later: after the 0.3 s window.
    sandbox.faults.add({"path": SEND_PATH, "method": "POST", "action": "store_later", "store_after_ms": 1500})
    engine = OutboxEngine(store, client, policy=FAST)
    engine.start()
    entry = engine.send_message(chat, "late twin")
    await run_until_idle(engine)
    sent = store.outbox.get(entry.local_id)
    assert sent is not None and sent.state == "sent" and sent.attempts == 2 and not sent.duplicate_ids
    engine.note_messages((await client.list_messages(chat)).items)  # what the sync sees: one copy so far
    assert store.outbox.get(entry.local_id).duplicate_ids == ()  # type: ignore[union-attr]
    await wait_for(lambda: copies(sandbox, chat, "late twin") == 2, "the late copy")
    flagged: list[OutboxEntry] = []
    engine.add_listener(flagged.append)
    engine.note_messages((await client.list_messages(chat)).items)
    twice = store.outbox.get(entry.local_id)
    assert twice is not None and twice.state == "sent" and len(twice.duplicate_ids) == 1
    assert twice.duplicate_ids[0] != twice.message_id and flagged == [twice]
    engine.note_messages((await client.list_messages(chat)).items)  # seen again: nothing new
    assert len(flagged) == 1
    await engine.close()


@on_asyncio
async def test_the_same_text_typed_again_later_is_not_a_duplicate(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox, "empty")
    sandbox.add_fault(SEND_PATH, "store_then_drop", method="POST", times=1)
    engine = OutboxEngine(store, client, policy=FAST)
    engine.start()
    first = engine.send_message(chat, "ok")  # in doubt, then found: watched for a late copy
    await run_until_idle(engine)
    second = engine.send_message(chat, "ok")  # the agent says "ok" again
    await run_until_idle(engine)
    engine.note_messages((await client.list_messages(chat)).items)
    for entry in (first, second):
        done = store.outbox.get(entry.local_id)
        assert done is not None and done.state == "sent" and done.duplicate_ids == ()
    assert copies(sandbox, chat, "ok") == 2
    await engine.close()


@on_asyncio
async def test_an_identical_message_waits_while_an_unsure_one_may_still_land(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    """Found by the soak: "not sure" leaves the lane, and the next "ok" must not claim the first one's late copy."""
    chat = chat_id(sandbox)
    policy = RetryPolicy(
        base_delay=0.05,
        jitter=0.0,
        settle_delay=0.2,
        settle_window=3.0,
        check_interval=0.2,
        reconcile_page_size=10,
        reconcile_max_pages=2,
    )
    engine = OutboxEngine(store, client, policy=policy)
    engine.start()
    # A: answered 504 at once, stored by the provider 1.5 s later.
    sandbox.faults.add({"path": SEND_PATH, "method": "POST", "action": "store_later", "store_after_ms": 1500})
    first = engine.send_message(chat, "ok")
    await wait_for(lambda: state_of(store, first.local_id) == "unknown", "the first doubt")
    for n in range(25):  # a burst of customer messages: the check cannot reach A's baseline, so A is "not sure"
        sandbox.inject_inbound(chat, f"customer {n}")
    sandbox.add_fault(SEND_PATH, "drop", method="POST", times=1)  # B never reaches the store
    await wait_for(lambda: state_of(store, first.local_id) == "unsure", "the first to be unsure")
    assert copies(sandbox, chat, "ok") == 0  # A's copy has not landed yet: the case is reached
    second = engine.send_message(chat, "ok")
    await run_until_idle(engine)
    await wait_for(lambda: not sandbox.in_flight() and copies(sandbox, chat, "ok") >= 2, "both copies")
    b = store.outbox.get(second.local_id)
    assert b is not None and b.state == "sent" and b.message_id is not None
    stored = {m["id"]: m["request_id"] for m in sandbox.message_counts(chat)["outgoing"] if m["text"] == "ok"}
    first_request = min(stored.values())
    assert stored[b.message_id] != first_request  # B claims its own copy, not A's late one
    assert state_of(store, first.local_id) == "unsure"  # still the agent's call: the chat is too busy to tell
    engine.confirm_sent(first.local_id)  # the agent sees its "ok" in the chat
    assert copies(sandbox, chat, "ok") == 2 and posts(sandbox, chat) == 3  # A once; B dropped, then once more
    await engine.close()


# ---------------------------------------------------------------------------------------------- found in review


@on_asyncio
async def test_the_sync_never_gives_a_later_identical_sends_copy_to_an_earlier_one(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox, "empty")
    policy = RetryPolicy(base_delay=0.02, jitter=0.0, settle_delay=0.5, settle_window=1.5, check_interval=0.1)
    engine = OutboxEngine(store, client, policy=policy)
    engine.start()
    sandbox.add_fault(SEND_PATH, "store_then_drop", method="POST", times=1)
    earlier = engine.send_message(chat, "ok")  # in doubt, then found: sent, and watched for a late copy
    await run_until_idle(engine)
    sandbox.add_fault(SEND_PATH, "store_then_drop", method="POST", times=1)
    later = engine.send_message(chat, "ok")  # stored, answer lost: in doubt
    await wait_for(lambda: state_of(store, later.local_id) == "unknown", "the later one in doubt")
    assert copies(sandbox, chat, "ok") == 2  # the later copy is on the server before its first check
    engine.note_messages((await client.list_messages(chat)).items)  # the sync sees it first
    assert store.outbox.get(earlier.local_id).duplicate_ids == ()  # type: ignore[union-attr]
    await run_until_idle(engine)
    done = store.outbox.get(later.local_id)
    assert done is not None and done.state == "sent" and done.attempts == 1  # found its own copy, not re-sent
    assert copies(sandbox, chat, "ok") == 2 and posts(sandbox, chat) == 2
    await engine.close()


class AcceptedThenListedLater:
    """The first send is answered 201 without an id while the server lists the message only a moment later."""

    def __init__(self, client: UnipileClient) -> None:
        self._client = client
        self.sends = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    async def send_message(self, *args: Any, **kwargs: Any) -> Any:
        self.sends += 1
        try:
            sent = await self._client.send_message(*args, **kwargs)
        except ServerError:
            if self.sends != 1:
                raise
            return MessageSent(message_id=None)  # "accepted": the sandbox stores it later (store_later)
        return type(sent)(message_id=None)


@on_asyncio
async def test_an_identical_message_waits_until_the_copy_of_one_accepted_without_an_id_is_listed(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox, "empty")
    engine = OutboxEngine(store, AcceptedThenListedLater(client), policy=DOUBT)
    engine.start()
    sandbox.faults.add({"path": SEND_PATH, "method": "POST", "action": "store_later", "store_after_ms": 500})
    first = engine.send_message(chat, "ok")
    await wait_for(lambda: state_of(store, first.local_id) == "sent", "the first accepted")
    assert copies(sandbox, chat, "ok") == 0  # accepted, not listed yet: the case is reached
    sandbox.add_fault(SEND_PATH, "drop", method="POST", times=1)  # the second never reaches the store
    second = engine.send_message(chat, "ok")
    await run_until_idle(engine)
    await wait_for(lambda: not sandbox.in_flight() and sandbox.routes.pending_later == 0, "the server idle")
    done = store.outbox.get(second.local_id)
    assert done is not None and done.state == "sent" and done.attempts == 2  # its own copy was proven absent
    assert copies(sandbox, chat, "ok") == 2
    await engine.close()


class ChecksRefused(NoIdClient):
    """Sends answer without an id; while ``refuse`` is set, every listing of a chat's messages is refused (403)."""

    refuse = False

    async def list_messages(self, *args: Any, **kwargs: Any) -> Any:
        if self.refuse:
            raise ForbiddenError("Forbidden", status=403, type="errors/insufficient_permissions")
        return await self._client.list_messages(*args, **kwargs)


@on_asyncio
async def test_check_again_does_not_take_the_copy_of_an_identical_message_sent_without_an_id(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox, "empty")
    refusing = ChecksRefused(client)
    engine = OutboxEngine(store, refusing, policy=DOUBT)
    doubts: list[str] = []

    def refuse_the_first_checks(entry: OutboxEntry) -> None:
        if entry.state == "unknown" and not doubts:
            doubts.append(entry.local_id)
            refusing.refuse = True

    engine.add_listener(refuse_the_first_checks)
    engine.start()
    sandbox.add_fault(SEND_PATH, "drop", method="POST", times=1)  # A never reaches the store, its checks are refused
    a = engine.send_message(chat, "ok")
    await run_until_idle(engine)
    assert state_of(store, a.local_id) == "unsure"
    refusing.refuse = False
    b = engine.send_message(chat, "ok")  # B: the same text, accepted without an id
    await run_until_idle(engine)
    assert state_of(store, b.local_id) == "sent" and copies(sandbox, chat, "ok") == 1
    engine.check_again(a.local_id)  # the only "ok" on the server is B's: A must not take it
    await run_until_idle(engine)
    after = store.outbox.get(a.local_id)
    assert after is not None and after.state == "unsure" and "identical message" in (after.reason or "")
    assert copies(sandbox, chat, "ok") == 1  # the agent decides; nothing was sent or marked on a guess
    await engine.close()


@on_asyncio
async def test_a_new_chat_is_not_taken_for_the_same_first_message_the_phone_just_sent(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    account = str(sandbox.landmarks["accounts"]["whatsapp"])
    recipient = str(sandbox.landmarks["recipients"]["whatsapp_contact_without_chat"])
    phone = await client.start_chat(account, [recipient], text="Hi")  # the agent's phone, just before
    assert phone.chat_id is not None
    sandbox.add_fault(r"^/chats$", "drop", method="POST", times=1)  # ours never reaches the server
    engine = OutboxEngine(store, client, policy=FAST)
    engine.start()
    entry = engine.start_chat(account, [recipient], "Hi")
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "failed" and "It may have been sent" in (done.reason or "")
    assert done.message_id is None  # the phone's "Hi" was not taken for ours
    assert copies(sandbox, phone.chat_id, "Hi") == 1
    await engine.close()
