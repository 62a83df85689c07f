"""The collision guard: a reply sent from this account but not by this app is reported for the open chat; this
app's own sends never are, not while in flight, not while in doubt, not once confirmed.

The rule is tested on its own with built messages and outbox entries, then through ``ConversationController``
against the sandbox, whose "another device" control stores a message from the account owner exactly like an API
send would; the polling sync hands new messages to the controller as the app wires it.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from tests.helpers.conversation_support import FAST_OUTBOX, Env, conversation_env, wait_signal, wait_until
from tests.helpers.live_support import polled
from unipile_desktop.api import Message
from unipile_desktop.api.models import parse_timestamp
from unipile_desktop.core.foreign_replies import find_foreign_reply
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.store import MessageSend, OutboxEntry
from unipile_desktop.store.outbox import OutboxState

T0 = datetime(2024, 5, 6, 10, 0, tzinfo=UTC)


def message(message_id: str, text: str | None = "On it", *, is_sender: bool = True, minutes: int = 0) -> Message:
    return Message(
        id=message_id,
        account_id="acc",
        chat_id="chat",
        provider_id=f"p-{message_id}",
        sender_id="me" if is_sender else "customer",
        sender_attendee_id=None,
        text=text,
        timestamp=T0 + timedelta(minutes=minutes),
        is_sender=is_sender,
    )


def entry(
    text: str | None, state: OutboxState = "sent", message_id: str | None = None, duplicates: tuple[str, ...] = ()
) -> OutboxEntry:
    return OutboxEntry(
        local_id=f"local-{text}-{message_id}",
        send=MessageSend("chat", text),
        state=state,
        position=1,
        created_at=0.0,
        updated_at=0.0,
        chat_id="chat",
        message_id=message_id,
        duplicate_ids=duplicates,
    )


# ------------------------------------------------------------------------------------------------ the rule


def test_a_message_of_the_account_that_no_entry_claims_is_foreign() -> None:
    found = find_foreign_reply([message("m1")], [])
    assert found is not None and found.id == "m1"


def test_customer_messages_events_and_deleted_ones_are_not_replies() -> None:
    customer = message("c1", is_sender=False)
    event = replace(message("e1"), is_event=True)
    deleted = replace(message("d1"), deleted=True)
    assert find_foreign_reply([customer, event, deleted], []) is None


def test_copies_claimed_by_the_outbox_are_this_apps() -> None:
    entries = [entry("On it", message_id="m1", duplicates=("m2",))]
    assert find_foreign_reply([message("m1"), message("m2")], entries) is None
    assert find_foreign_reply([message("m3", "Other words")], [], own_ids=["m3"]) is None  # matched by the view


@pytest.mark.parametrize("state", ["queued", "sending", "unknown", "unsure", "failed"])
def test_a_send_whose_copy_is_not_known_yet_covers_the_same_text(state: OutboxState) -> None:
    pending = [entry("  On it ", state=state)]
    assert find_foreign_reply([message("m1", "On it")], pending) is None
    # Only that text: another reply from elsewhere is still reported.
    found = find_foreign_reply([message("m1", "On it"), message("m2", "Refund sent", minutes=1)], pending)
    assert found is not None and found.id == "m2"


def test_a_send_accepted_without_an_id_covers_the_same_text() -> None:
    assert find_foreign_reply([message("m1", "On it")], [entry("On it", state="sent", message_id=None)]) is None


def test_a_claimed_text_does_not_hide_another_copy_of_it() -> None:
    # Our "ok" has its id; an "ok" typed on the phone is someone else's reply.
    found = find_foreign_reply([message("m1", "ok"), message("m2", "ok")], [entry("ok", message_id="m1")])
    assert found is not None and found.id == "m2"


def test_the_newest_foreign_reply_is_reported() -> None:
    found = find_foreign_reply([message("m2", minutes=3), message("m1", minutes=1)], [])
    assert found is not None and found.id == "m2"
    undated = replace(message("m3"), timestamp=None)  # no time from the server: taken as just now
    found = find_foreign_reply([message("m2", minutes=3), undated], [])
    assert found is not None and found.id == "m3"


# ------------------------------------------------------------------------------------------------ the controller


def record(env: Env) -> list[tuple[str, datetime]]:
    emitted: list[tuple[str, datetime]] = []
    env.controller.foreign_reply.connect(lambda chat_id, at: emitted.append((chat_id, at)))
    return emitted


def reported(engine_result: dict[str, list[Message]], chat_id: str) -> set[str]:
    return {m.id for m in engine_result.get(chat_id, [])}


@pytest.mark.asyncio
async def test_a_reply_from_another_device_is_reported_with_its_time(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env, polled(env) as engine:
        chat = await env.open("showcase")
        emitted = record(env)
        other = sandbox.send_from_other_device(chat.id, "Already sorted, thanks!")
        result = await engine.poll_once()
        assert other["id"] in reported(result.messages, chat.id)  # through the live path
        assert emitted == [(chat.id, parse_timestamp(other["timestamp"]))]


@pytest.mark.asyncio
async def test_this_apps_own_send_is_never_reported(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env, polled(env) as engine:
        chat = await env.open("showcase")
        emitted = record(env)
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        env.controller.send("Thanks, looking into it", [])
        _, server_id = await confirmed
        await engine.poll_once()
        await wait_until(lambda: any(r.message_id == server_id for r in env.message_rows()), what="the server copy")
        assert emitted == []
        # Positive control in the same chat: the guard is listening, the phone's reply is reported.
        other = sandbox.send_from_other_device(chat.id, "Thanks, looking into it")  # even with the same words
        await engine.poll_once()
        assert emitted == [(chat.id, parse_timestamp(other["timestamp"]))]


@pytest.mark.asyncio
async def test_a_send_in_doubt_whose_copy_shows_up_is_not_reported(sandbox: SandboxServer) -> None:
    # The server answers 504 and stores the message a little later: the outbox does not know yet that it arrived
    # (a long settle delay keeps it from looking) when the sync brings the copy in.
    policy = replace(FAST_OUTBOX, settle_delay=30.0, settle_window=60.0)
    async with conversation_env(sandbox, policy=policy) as env, polled(env) as engine:
        chat = await env.open("showcase")
        emitted = record(env)
        text = "Your refund is on its way"
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", action="store_later", store_after_ms=50)
        local_id = env.controller.send(text, [])
        await wait_until(lambda: sandbox.message_counts(chat.id)["by_text"].get(text) == 1, what="the late store")
        result = await engine.poll_once()
        stored = env.store.outbox.get(local_id)
        assert stored is not None and stored.state == "unknown" and stored.message_id is None
        assert [m.text for m in result.messages.get(chat.id, [])] == [text]  # the live path saw the copy
        assert emitted == []


@pytest.mark.asyncio
async def test_a_refresh_that_finds_the_reply_first_reports_it(sandbox: SandboxServer) -> None:
    # A refresh caches what it finds, so the sync will not report it again: the guard must look there too.
    async with conversation_env(sandbox) as env:
        chat = await env.open("showcase")
        emitted = record(env)
        other = sandbox.send_from_other_device(chat.id, "Done from my phone")
        got = asyncio.ensure_future(wait_signal(env.controller.foreign_reply))
        await asyncio.sleep(0)
        env.controller.refresh()
        assert await got == (chat.id, parse_timestamp(other["timestamp"]))
        env.controller.refresh()  # nothing new the second time
        await wait_until(lambda: not env.tasks.is_running("conversation:refresh"), what="the refresh")
        assert len(emitted) == 1


@pytest.mark.asyncio
async def test_a_reply_in_a_chat_that_is_not_open_is_not_reported(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox) as env, polled(env) as engine:
        await env.open("showcase")
        emitted = record(env)
        other_chat = env.chat_id("group")
        other = sandbox.send_from_other_device(other_chat, "Replied there")
        result = await engine.poll_once()
        assert other["id"] in reported(result.messages, other_chat)  # the sync did hand it over
        assert emitted == []
