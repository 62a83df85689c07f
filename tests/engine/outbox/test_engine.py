"""The outbox engine against the sandbox: a send through every state, refusals, restart, order, drafts, commands.

The engine is pure asyncio, so these tests run it on a plain asyncio loop (``asyncio.run``), not on the qasync
loop the widget tests use: that is how the soak test and any non-Qt caller run it. The retry policy's timings are
tested in ``test_policy.py``, what counts as proof that a send arrived in ``test_reconcile.py``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.engine.outbox.support import (
    FAST,
    SEND_PATH,
    chat_id,
    copies,
    posts,
    run_until_idle,
    start_engine,
    state_of,
)
from tests.helpers.plain_loop import on_asyncio, wait_for
from unipile_desktop.api import UnipileClient
from unipile_desktop.engine.outbox import OutboxEngine, OutboxError, RetryPolicy
from unipile_desktop.sandbox.server import SandboxServer
from unipile_desktop.store import MessageSend, OutboxEntry, Store, chat_draft_key

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
    engine = start_engine(store, client, policy=FAST)
    entry = engine.send_message(chat, "refused once")
    await run_until_idle(engine)  # drained: no retry is waiting its turn
    failed = store.outbox.get(entry.local_id)
    assert failed is not None and failed.state == "failed" and failed.attempts == 1
    assert failed.next_attempt_at is None  # and none is scheduled
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
    engine = start_engine(store, client, policy=FAST)
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
    engine = start_engine(store, client, policy=FAST)
    ok = engine.send_message(chat, "with file", [str(present)])
    gone = engine.send_message(chat, "with a missing file", [str(tmp_path / "gone.png")])
    await run_until_idle(engine)
    assert store.outbox.get(ok.local_id).state == "sent"  # type: ignore[union-attr]
    failed = store.outbox.get(gone.local_id)
    assert failed is not None and failed.state == "failed" and "gone.png" in (failed.reason or "")
    newest = (await client.list_messages(chat, limit=1)).items[0]
    assert [a.file_name for a in newest.attachments] == ["invoice.pdf"]
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
        engine = start_engine(store, client, policy=FAST)
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
        engine = start_engine(store, client, policy=policy)
        entry = engine.send_message(chat, "interrupted by shutdown")
        await wait_for(lambda: state_of(store, entry.local_id) == "sending", "the request to go out")
        await wait_for(lambda: sandbox.list_faults()[0]["fired"] == 1, "the server to receive it")  # and wait 0.5 s
        await engine.close()
        assert state_of(store, entry.local_id) == "unknown"
        assert copies(sandbox, chat, "interrupted by shutdown") == 0  # closed before the server stored it
    # Reopened at once, while the server is still working on the request it received.
    with Store.open(path) as store:
        engine = start_engine(store, client, policy=policy)
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
    engine = start_engine(store, client, policy=FAST)
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
    engine = start_engine(store, client, policy=FAST)
    entry = engine.send_message(chat, "my reply", draft_key=key)
    await run_until_idle(engine)
    assert store.outbox.get(entry.local_id).state == "failed"  # type: ignore[union-attr]
    assert store.drafts.get(key) is not None  # failed: the draft stays
    engine.retry(entry.local_id)
    await run_until_idle(engine)
    assert store.drafts.get(key) is None  # confirmed: cleared
    await engine.close()


# ---------------------------------------------------------------------------------------------- commands


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
    engine = start_engine(store, client, policy=FAST)
    entry = engine.send_message(chat, "on its way")
    await wait_for(lambda: state_of(store, entry.local_id) == "sending", "the request to go out")
    with pytest.raises(OutboxError, match="right now"):
        engine.discard(entry.local_id)
    await run_until_idle(engine)
    assert store.outbox.get(entry.local_id).state == "sent"  # type: ignore[union-attr]
    assert copies(sandbox, chat, "on its way") == 1
    await engine.close()
