"""ConversationController and the outbox's "not sure" sends: the bubble's state, the agent's three answers (Check
again, Send again, It was sent) judged by the sandbox's own counts, and "Sent twice" on a send stored twice.

Entries end ``unsure`` through the engine itself: the send is dropped (after or before the server stored it) and
every check that follows is refused, so the engine cannot tell whether it arrived.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from tests.helpers.conversation_support import FAST_OUTBOX, Env, conversation_env, wait_signal, wait_until
from unipile_desktop.core.message_list import MessageListModel, MessageRow, SendState
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.store import MessageSend, Store

# Short settle window: the engine's checks (refused here) would otherwise repeat for a minute.
POLICY = replace(FAST_OUTBOX, settle_delay=0.05, settle_window=0.3, check_interval=0.05)


def post_count(sandbox: SandboxServer, chat_id: str) -> int:
    return sum(
        1 for e in sandbox.requests_log() if e["method"] == "POST" and e["path"].endswith(f"/chats/{chat_id}/messages")
    )


def refused_checks(sandbox: SandboxServer, chat_id: str) -> int:
    return sum(
        1
        for e in sandbox.requests_log()
        if e["method"] == "GET" and e["path"].endswith(f"/chats/{chat_id}/messages") and e["status"] == 400
    )


def copies(sandbox: SandboxServer, chat_id: str, text: str) -> int:
    return int(sandbox.message_counts(chat_id)["by_text"].get(text, 0))


def refuse_checks_after_the_baseline(sandbox: SandboxServer, chat_id: str, post_action: str) -> None:
    """The attempt's own listing (its baseline) goes through, the POST is dropped, every later listing is refused."""
    path = f"/chats/{chat_id}/messages"
    sandbox.add_fault(path, method="GET", action="delay", delay_ms=0, times=1)  # a pass-through: the baseline
    sandbox.add_fault(path, method="GET", status=400, times=None)
    sandbox.add_fault(path, method="POST", action=post_action, times=1)


async def send_until_unsure(env: Env, chat_id: str, text: str, post_action: str) -> tuple[str, str]:
    """Send ``text`` so that the engine ends ``unsure``; returns (local id, sentence). Faults are cleared after."""
    refuse_checks_after_the_baseline(env.sandbox, chat_id, post_action)
    unsure = asyncio.ensure_future(wait_signal(env.controller.send_unsure))
    await asyncio.sleep(0)
    local_id = env.controller.send(text, [])
    got, sentence = await unsure
    assert got == local_id
    assert post_count(env.sandbox, chat_id) == 1 and refused_checks(env.sandbox, chat_id) >= 1  # it could not see
    env.sandbox.clear_faults()
    return local_id, sentence


def row_of(env: Env, local_id: str) -> MessageRow:
    row = env.model.row_at(env.model.find(local_id))
    assert row is not None, f"no row {local_id}"
    return row


# ------------------------------------------------------------------------------------------------ the state


@pytest.mark.asyncio
async def test_an_unsure_send_shows_not_sure_with_the_reason(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox, policy=POLICY) as env:
        chat = await env.open("showcase")
        local_id, sentence = await send_until_unsure(env, chat.id, "Did this one arrive?", "store_then_drop")
        entry = env.store.outbox.get(local_id)
        assert entry is not None and entry.state == "unsure" and entry.reason
        row = env.model.row_at(env.model.find(local_id))
        assert row is not None and row.state == SendState.UNSURE and row.error == entry.reason == sentence
        index = env.model.index(env.model.find(local_id))
        assert index.data(MessageListModel.StateRole) == "unsure"
        assert index.data(Qt.ItemDataRole.ToolTipRole) == entry.reason  # plain: the view escapes it
        spoken = index.data(Qt.ItemDataRole.AccessibleTextRole)  # read in one go
        assert spoken.startswith("You: Did this one arrive?") and "not sure this was sent" in spoken.lower()
        assert entry.reason.removesuffix(".") in spoken and spoken.lower().count("not sure this was sent") == 1
        assert copies(sandbox, chat.id, "Did this one arrive?") == 1  # stored once; the app must not guess
        assert await env.outbox.wait_idle(2)  # the engine left it to the agent: nothing more to work on


# ------------------------------------------------------------------------------------------------ the answers


@pytest.mark.asyncio
async def test_check_again_finds_the_stored_copy_and_sends_nothing(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox, policy=POLICY) as env:
        chat = await env.open("showcase")
        text = "Check me again"
        local_id, _ = await send_until_unsure(env, chat.id, text, "store_then_drop")
        gets_before = len(env.requests("GET", f"/chats/{chat.id}/messages"))
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        env.controller.check_again(local_id)
        env.controller.check_again(local_id)  # a double click is one answer
        got, message_id = await confirmed
        assert got == local_id and message_id  # found on the server, with the copy's id
        assert len(env.requests("GET", f"/chats/{chat.id}/messages")) > gets_before  # it did look again
        await wait_until(lambda: row_of(env, local_id).message_id == message_id, what="the server copy")
        assert row_of(env, local_id).state == SendState.SENT
        assert post_count(sandbox, chat.id) == 1 and copies(sandbox, chat.id, text) == 1  # no new copy
        assert [r.text for r in env.message_rows()].count(text) == 1  # one bubble: the server's copy, in place
        assert env.errors == []


@pytest.mark.asyncio
async def test_check_again_that_still_cannot_see_comes_back_unsure(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox, policy=POLICY) as env:
        chat = await env.open("showcase")
        local_id, _ = await send_until_unsure(env, chat.id, "Still foggy", "store_then_drop")
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="GET", status=400, times=None)
        refused = refused_checks(sandbox, chat.id)
        states: list[SendState] = []
        env.model.dataChanged.connect(lambda *_: states.append(row_of(env, local_id).state))
        unsure = asyncio.ensure_future(wait_signal(env.controller.send_unsure))
        await asyncio.sleep(0)
        env.controller.check_again(local_id)
        assert row_of(env, local_id).state == SendState.UNKNOWN  # "Checking whether it arrived…" at once
        assert (await unsure)[0] == local_id
        assert refused_checks(sandbox, chat.id) > refused  # it really looked again
        assert states[0] == SendState.UNKNOWN and states[-1] == SendState.UNSURE
        assert post_count(sandbox, chat.id) == 1 and copies(sandbox, chat.id, "Still foggy") == 1


@pytest.mark.asyncio
async def test_send_again_sends_exactly_one_more_copy(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox, policy=POLICY) as env:
        chat = await env.open("showcase")
        text = "Lost, then sent again"
        local_id, _ = await send_until_unsure(env, chat.id, text, "drop")  # dropped before the server stored it
        assert copies(sandbox, chat.id, text) == 0
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        env.controller.send_again(local_id)
        env.controller.send_again(local_id)  # a double click is one answer
        got, message_id = await confirmed
        assert got == local_id and message_id
        assert post_count(sandbox, chat.id) == 2 and copies(sandbox, chat.id, text) == 1  # exactly one more
        await wait_until(lambda: row_of(env, local_id).message_id == message_id, what="the server copy")
        assert row_of(env, local_id).state == SendState.SENT
        assert env.errors == []


@pytest.mark.asyncio
async def test_it_was_sent_marks_it_sent_without_a_request(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox, policy=POLICY) as env:
        chat = await env.open("showcase")
        text = "I saw it on my phone"
        local_id, _ = await send_until_unsure(env, chat.id, text, "store_then_drop")
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        env.controller.confirm_sent(local_id)
        got, message_id = await confirmed
        assert got == local_id and message_id == ""  # marked, not proven: no message id
        entry = env.store.outbox.get(local_id)
        assert entry is not None and entry.state == "sent"
        assert row_of(env, local_id).state == SendState.SENT
        # The refresh after the confirmation shows the server's copy in place of the bubble, not a second one.
        await wait_until(lambda: bool(row_of(env, local_id).message_id), what="the server copy")
        assert [r.text for r in env.message_rows()].count(text) == 1
        assert post_count(sandbox, chat.id) == 1 and copies(sandbox, chat.id, text) == 1  # nothing sent
        env.controller.confirm_sent(local_id)  # no longer unsure: nothing happens
        assert env.errors == []


@pytest.mark.asyncio
async def test_answers_only_apply_to_unsure_messages(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox, policy=POLICY) as env:
        chat = await env.open("showcase")
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        local_id = env.controller.send("A plain send", [])
        await confirmed
        for answer in (env.controller.check_again, env.controller.send_again, env.controller.confirm_sent):
            answer(local_id)
            answer("not-a-local-id")
        await env.outbox.wait_idle(2)
        assert post_count(sandbox, chat.id) == 1 and copies(sandbox, chat.id, "A plain send") == 1
        assert env.errors == []


@pytest.mark.asyncio
async def test_an_answer_the_engine_refuses_is_reported_as_a_sentence(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox, policy=POLICY) as env:
        chat = await env.open("showcase")
        local_id, _ = await send_until_unsure(env, chat.id, "Gone behind the app's back", "store_then_drop")
        env.store.outbox.delete(local_id)  # e.g. another window of the profile answered first
        error = asyncio.ensure_future(wait_signal(env.controller.error_occurred))
        await asyncio.sleep(0)
        env.controller.send_again(local_id)
        sentence, exc = await error
        assert sentence == str(exc) and sentence
        assert post_count(sandbox, chat.id) == 1  # nothing was sent


@pytest.mark.asyncio
async def test_an_unsure_entry_of_an_earlier_run_shows_with_its_question(sandbox: SandboxServer) -> None:
    store = Store.open(None, exclusive=False)
    try:
        chat_id = str(sandbox.landmarks["chats"]["showcase"])
        stored = store.outbox.add(MessageSend(chat_id, "From yesterday's session"))
        store.outbox.save(
            stored.with_changes(state="unsure", attempts=1, reason="The server did not answer, and checks failed.")
        )
        async with conversation_env(sandbox, store=store, policy=POLICY) as env:
            await env.open("showcase")
            row = row_of(env, stored.local_id)
            assert row.state == SendState.UNSURE and row.error == "The server did not answer, and checks failed."
            await env.outbox.wait_idle(2)
            assert post_count(sandbox, chat_id) == 0  # the engine does not decide for the agent
            confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
            await asyncio.sleep(0)
            env.controller.send_again(stored.local_id)
            await confirmed
            assert copies(sandbox, chat_id, "From yesterday's session") == 1
    finally:
        store.close()


# ------------------------------------------------------------------------------------------------ sent twice


def self_attendee_id(sandbox: SandboxServer, chat_id: str) -> str:
    chat = sandbox.state.chat(chat_id)
    (me,) = [a for a in sandbox.state.chat_attendees(chat) if a.is_self]
    return str(me.id)


@pytest.mark.asyncio
async def test_a_late_extra_copy_makes_both_bubbles_say_sent_twice(sandbox: SandboxServer) -> None:
    async with conversation_env(sandbox, policy=POLICY) as env:
        chat = await env.open("showcase")
        text = "ok"
        before = copies(sandbox, chat.id, text)
        # An ambiguous attempt that the check then proves arrived: the engine watches it for a late copy.
        sandbox.add_fault(f"/chats/{chat.id}/messages", method="POST", action="store_then_drop", times=1)
        confirmed = asyncio.ensure_future(wait_signal(env.controller.send_confirmed))
        await asyncio.sleep(0)
        local_id = env.controller.send(text, [])
        _, first_id = await confirmed
        assert first_id
        await wait_until(lambda: row_of(env, local_id).message_id == first_id, what="the server copy")
        assert not row_of(env, local_id).sent_twice
        # The server stores a second copy of the same text, from this account (what a late store looks like).
        late = sandbox.inject_inbound(chat.id, text, sender_attendee_id=self_attendee_id(sandbox, chat.id))
        page = await env.client.list_messages(chat.id)
        env.outbox.note_messages(page.items)  # what the sync does with every batch
        entry = env.store.outbox.get(local_id)
        assert entry is not None and entry.state == "sent" and entry.duplicate_ids == (late["id"],)
        env.controller.on_live_messages_arrived(chat.id, list(page.items))
        twice = [r for r in env.message_rows() if r.sent_twice]
        assert {r.message_id for r in twice} == {first_id, late["id"]}
        assert all(r.state == SendState.SENT and r.text == text for r in twice)
        index = env.model.index(env.model.find(local_id))
        assert index.data(MessageListModel.SentTwiceRole) is True
        assert "sent twice" in index.data(Qt.ItemDataRole.AccessibleTextRole)
        assert copies(sandbox, chat.id, text) == before + 2 and post_count(sandbox, chat.id) == 1


@pytest.mark.asyncio
async def test_sent_twice_still_shows_after_a_restart(sandbox: SandboxServer) -> None:
    chat_id = str(sandbox.landmarks["chats"]["showcase"])
    me = self_attendee_id(sandbox, chat_id)
    first = sandbox.inject_inbound(chat_id, "Thanks!", sender_attendee_id=me)
    second = sandbox.inject_inbound(chat_id, "Thanks!", sender_attendee_id=me)
    other = sandbox.inject_inbound(chat_id, "Thanks!", sender_attendee_id=me)  # same text, not part of that send
    store = Store.open(None, exclusive=False)
    try:
        stored = store.outbox.add(MessageSend(chat_id, "Thanks!"))
        store.outbox.save(
            stored.with_changes(state="sent", attempts=2, message_id=first["id"], duplicate_ids=(second["id"],))
        )
        async with conversation_env(sandbox, store=store, policy=POLICY) as env:
            await env.open("showcase")
            flagged = {r.message_id for r in env.message_rows() if r.sent_twice}
            assert flagged == {first["id"], second["id"]}
            (unflagged,) = [r for r in env.message_rows() if r.message_id == other["id"]]
            assert not unflagged.sent_twice
    finally:
        store.close()
