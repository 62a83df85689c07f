"""Reconcile against the sandbox: what counts as our copy, proof either way, "not sure", and "Sent twice"."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.engine.outbox.support import (
    FAST,
    SEND_PATH,
    chat_id,
    copies,
    new_chat_people,
    posts,
    run_until_idle,
    start_engine,
    state_of,
)
from tests.helpers.plain_loop import on_asyncio, wait_for
from unipile_desktop.api import ServerError, UnipileClient
from unipile_desktop.api.errors import ForbiddenError
from unipile_desktop.api.models import Attachment, Message, MessageSent
from unipile_desktop.engine.outbox import OutboxEngine, OutboxError, RetryPolicy
from unipile_desktop.engine.outbox.reconcile import (
    NOT_FOUND,
    Found,
    Reconciler,
    Unclear,
    candidates_in_page,
    is_rival,
    judge_candidates,
    late_copies,
    same_content,
    same_send,
    twins_among,
    unsettled_until,
)
from unipile_desktop.sandbox.server import SandboxServer
from unipile_desktop.store import Baseline, MessageSend, OutboxEntry, OutboxState, Store

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
    assert same_content(send, message) is expected


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
    engine = start_engine(store, client, policy=FAST)
    entry = engine.send_message(chat, "dropped first time")
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent" and done.attempts == 2
    assert copies(sandbox, chat, "dropped first time") == 1 and posts(sandbox, chat) == 2
    listed = [r for r in sandbox.requests_log() if r["method"] == "GET" and r["path"].endswith("/messages")]
    assert listed, "a re-send must be preceded by a reconcile"
    await engine.close()


@on_asyncio
async def test_reconcile_never_claims_a_message_another_entry_owns(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    chat = chat_id(sandbox)
    engine = start_engine(store, client, policy=FAST)
    engine.send_message(chat, "ok")
    await run_until_idle(engine)
    sandbox.add_fault(SEND_PATH, "drop", method="POST", times=1)
    second = engine.send_message(chat, "ok")  # same text: the earlier "ok" must not be taken for this one
    await run_until_idle(engine)
    assert store.outbox.get(second.local_id).state == "sent"  # type: ignore[union-attr]
    assert copies(sandbox, chat, "ok") == 2
    await engine.close()


@on_asyncio
async def test_new_chat_stored_then_dropped_is_found_in_the_accounts_chats(
    sandbox: SandboxServer, store: Store, client: UnipileClient
) -> None:
    account, recipient = new_chat_people(sandbox)
    sandbox.add_fault(r"^/chats$", "store_then_drop", method="POST", times=1)
    engine = start_engine(store, client, policy=FAST)
    entry = engine.start_chat(account, [recipient], "Hello, new customer")
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "sent" and done.chat_id is not None
    assert copies(sandbox, done.chat_id, "Hello, new customer") == 1
    starts = [r for r in sandbox.requests_log() if r["method"] == "POST" and r["path"] == "/api/v1/chats"]
    assert len(starts) == 1
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
    engine = start_engine(store, NoIdClient(client), policy=DOUBT)
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
    engine = start_engine(store, client, policy=DOUBT)
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
        reconciler = Reconciler(crashed.outbox, client, RetryPolicy(), time.time)
        baseline = await reconciler.take_baseline(MessageSend(chat, "killed mid-send"))
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
        engine = start_engine(store, client, policy=DOUBT)
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
    engine = start_engine(store, client, policy=DOUBT)
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
    engine = start_engine(store, client, policy=DOUBT)
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
    engine = start_engine(store, client, policy=FAST)
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
    engine = start_engine(store, client, policy=FAST)
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
    engine = start_engine(store, client, policy=policy)
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
    engine = start_engine(store, client, policy=policy)
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
    engine = start_engine(store, AcceptedThenListedLater(client), policy=DOUBT)
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
    account, recipient = new_chat_people(sandbox)
    phone = await client.start_chat(account, [recipient], text="Hi")  # the agent's phone, just before
    assert phone.chat_id is not None
    sandbox.add_fault(r"^/chats$", "drop", method="POST", times=1)  # ours never reaches the server
    engine = start_engine(store, client, policy=FAST)
    entry = engine.start_chat(account, [recipient], "Hi")
    await run_until_idle(engine)
    done = store.outbox.get(entry.local_id)
    assert done is not None and done.state == "failed" and "It may have been sent" in (done.reason or "")
    assert done.message_id is None  # the phone's "Hi" was not taken for ours
    assert copies(sandbox, phone.chat_id, "Hi") == 1
    await engine.close()


# ---------------------------------------------------------------------------------------------- the pure rules


NOW = 1_000_000.0


def listed(message_id: str, text: str | None = "ok", *, at: float | None = None, chat: str = "c") -> Message:
    """A message of ours as the server lists it, stamped ``at`` (epoch seconds) when given."""
    stamp = datetime.fromtimestamp(at, UTC) if at is not None else None
    return Message(message_id, "acc", chat, "p", "s", None, text, stamp, True)


def entry(local_id: str, state: OutboxState = "sent", text: str = "ok", **changes: Any) -> OutboxEntry:
    """An entry of chat ``c`` that went out once (unless ``changes`` say otherwise)."""
    made = OutboxEntry(local_id, MessageSend("c", text), state, 1, NOW - 60, NOW - 60, attempts=1)
    return made.with_changes(**changes)


def test_only_unclaimed_copies_new_since_the_baseline_are_candidates() -> None:
    baseline = Baseline(("b1", "b2"), oldest=100.0)
    page = [
        listed("new", at=300),
        listed("claimed", at=250),
        listed("other text", "hello", at=240),
        listed("b1", at=200),
        listed("stamped between", at=150),  # below a baseline id, yet not older than the whole baseline page
        listed("b2", at=100),
        listed("before", at=50),
    ]
    found, reached = candidates_in_page(page, MessageSend("c", "ok"), baseline, {"claimed"})
    assert reached and [m.id for m in found] == ["new", "stamped between"]
    found, reached = candidates_in_page(page[:2], MessageSend("c", "ok"), baseline, set())
    assert not reached and [m.id for m in found] == ["new", "claimed"]


def test_one_candidate_is_proof_none_is_absence_and_more_or_a_rival_is_unclear() -> None:
    assert judge_candidates([], has_rivals=True, chat_id="c") is NOT_FOUND
    assert judge_candidates([listed("m1")], has_rivals=False, chat_id="c") == Found("m1", "c")
    rival = judge_candidates([listed("m1")], has_rivals=True, chat_id="c")
    assert isinstance(rival, Unclear) and "identical message" in rival.reason
    twice = judge_candidates([listed("m1"), listed("m2")], has_rivals=False, chat_id="c")
    assert isinstance(twice, Unclear) and "2 times" in twice.reason


def test_twins_are_the_other_entries_whose_copies_look_the_same() -> None:
    me = entry("me", text="ok\r\n")
    same = entry("same")
    other = entry("other", text="okay")
    with_file = OutboxEntry("file", MessageSend("c", "ok", ("/x/a.pdf",)), "sent", 2, NOW, NOW)
    assert twins_among(me, [me, same, other, with_file]) == [same]
    assert same_send(MessageSend("c", "hi", ("/x/a.pdf",)), MessageSend("c", "hi", ("/y/a.pdf",)))


@pytest.mark.parametrize(
    ("other", "later_too", "rival"),
    [
        (entry("o", "queued", attempts=0), True, False),  # never went out: no copy anywhere
        (entry("o", "unknown"), False, True),
        (entry("o", "unsure"), False, True),
        (entry("o", message_id="m9"), False, False),  # sent, its copy claimed
        (entry("o", message_id=None, settle_until=NOW + 5), False, True),  # accepted without an id, still settling
        (entry("o", message_id=None, last_attempt_at=NOW - 20), False, True),  # within a window of ours
        (entry("o", message_id=None, last_attempt_at=NOW - 500), False, False),  # long before ours
        (entry("o", message_id="m9", last_attempt_at=NOW - 1), True, True),  # went out after ours
    ],
)
def test_which_twins_are_rivals(other: OutboxEntry, later_too: bool, rival: bool) -> None:
    mine = entry("me", last_attempt_at=NOW - 10)
    assert is_rival(other, mine, now=NOW, settle_window=45.0, later_too=later_too) is rival


def test_an_unsure_or_id_less_twin_holds_identical_messages_until_its_window_ends() -> None:
    twins = [
        entry("a", "unsure", settle_until=NOW + 10),
        entry("b", message_id=None, settle_until=NOW + 30),
        entry("c", message_id="m1", settle_until=NOW + 60),  # its copy is claimed: nothing to wait for
        entry("d", "unsure", settle_until=NOW - 1),  # its window has passed
    ]
    assert unsettled_until(twins, NOW) == NOW + 30
    assert unsettled_until(twins[2:], NOW) is None


def test_late_copies_are_unclaimed_new_and_ours_oldest_first() -> None:
    watched = entry("me", baseline=Baseline(("b1",), oldest=100.0))
    seen = [listed("late", at=400), listed("b1", at=100), listed("claimed", at=300), listed("first", at=200)]
    seen += [listed("too old", at=50), listed("not ours", "hello", at=250)]
    assert late_copies(watched, MessageSend("c", "ok"), seen, {"claimed"}, floor=100.0) == ["first", "late"]
