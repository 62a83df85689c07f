"""Opening a conversation at a message (``open_at``) against the sandbox: the pages around it, newer and older pages
from there without gaps or duplicates, live messages held until the newest page, gone messages, sending."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

import pytest

from tests.helpers.conversation_support import Env, conversation_env, wait_signal, wait_tasks_settled, wait_until
from unipile_desktop.api import Chat
from unipile_desktop.api.models import parse_message
from unipile_desktop.core import paging
from unipile_desktop.core.conversation import MISSING_MESSAGE
from unipile_desktop.core.message_list import SendState
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.sandbox.seed.seeder import Seeder

EXTRA = 420  # older messages added to the seeded long chat: with its 160, about 580 (12 pages of 50)


def grow_long_chat(sandbox: SandboxServer, extra: int = EXTRA) -> str:
    """The seeded long chat with ``extra`` older messages: gaps of seconds to days, and bursts in one millisecond."""
    state = sandbox.state
    chat_id = str(sandbox.landmarks["chats"]["long_history"])
    rng = random.Random(14)
    with state.lock:
        chat = state.chats[chat_id]
        owner, customer = (state.attendees[a] for a in chat.attendee_ids[:2])
        stamp = min(m.timestamp_ms for m in state.messages_of(chat_id))
        seeder = Seeder(state, 14, int(time.time() * 1000))
        for number in range(extra):
            roll = rng.random()
            if roll < 0.05:
                gap = 0  # the same millisecond as the one after it
            elif roll < 0.7:
                gap = rng.randint(1_000, 600_000)
            elif roll < 0.95:
                gap = rng.randint(3_600_000, 8 * 3_600_000)
            else:
                gap = 3 * 86_400_000
            stamp -= gap
            seeder.add_message(chat, customer if number % 3 else owner, f"Deep message {number}", stamp)
    return chat_id


def server_ids(sandbox: SandboxServer, chat_id: str) -> list[str]:
    """The chat's message ids on the server, oldest first (the API's order, reversed)."""
    messages = sandbox.state.messages_of(chat_id)
    return [m.id for m in sorted(messages, key=lambda m: (m.timestamp_ms, m.id))]


def shown_ids(env: Env) -> list[str]:
    return [r.message_id for r in env.message_rows()]


def assert_contiguous(shown: Sequence[str], on_server: Sequence[str]) -> int:
    """``shown`` is a run of ``on_server`` with nothing skipped and nothing twice; returns where it starts."""
    assert len(set(shown)) == len(shown), "a message shows twice"
    assert shown, "no rows"
    start = on_server.index(shown[0])
    assert list(on_server[start : start + len(shown)]) == list(shown), "a message is missing between two rows"
    return start


async def open_at(env: Env, chat: Chat, message_id: str) -> None:
    located = asyncio.ensure_future(wait_signal(env.controller.history_loaded, lambda cid: cid == chat.id, timeout=10))
    await asyncio.sleep(0)
    env.controller.open_at(chat, message_id)
    await located


async def load_newer(env: Env) -> int:
    loaded = asyncio.ensure_future(wait_signal(env.controller.newer_loaded, timeout=10))
    await asyncio.sleep(0)
    env.controller.load_newer()
    return int((await loaded)[1])


async def load_older(env: Env) -> None:
    loaded = asyncio.ensure_future(wait_signal(env.controller.older_loaded, timeout=10))
    await asyncio.sleep(0)
    env.controller.load_older()
    await loaded


def cache_from_server(env: Env, sandbox: SandboxServer, message_id: str) -> None:
    """What a search result stands on: the message in the cache (as the sync or a history download put it)."""
    env.store.cache.put_messages([sandbox.state.messages[message_id].to_json()])


@pytest.mark.asyncio
@pytest.mark.parametrize("cached", [True, False], ids=["cached", "not-cached"])
async def test_a_deep_message_opens_with_the_pages_around_it(sandbox: SandboxServer, cached: bool) -> None:
    chat_id = grow_long_chat(sandbox)
    everything = server_ids(sandbox, chat_id)
    target = everything[130]
    async with conversation_env(sandbox) as env:
        if cached:
            cache_from_server(env, sandbox, target)
        chat = await env.client.get_chat(chat_id)
        located: list[tuple[str, str]] = []
        env.controller.message_located.connect(lambda c, m: located.append((c, m)))
        await open_at(env, chat, target)

        assert located and located[-1] == (chat_id, target)
        assert env.model.find_message(target) >= 0
        shown = shown_ids(env)
        start = assert_contiguous(shown, everything)
        assert shown.index(target) >= 10, "the page before it"
        assert len(shown) - shown.index(target) > 10, "and the page after it"
        assert start > 0 and start + len(shown) < len(everything)  # neither end of the chat
        assert not env.controller.at_newest and env.controller.can_load_older
        assert env.controller.participant_names()  # names, as for a normal open
        gets = env.requests("GET", f"/chats/{chat_id}/messages")
        assert len(gets) <= (4 if cached else 8)
        assert env.errors == [] and env.task_failures == []


@pytest.mark.asyncio
async def test_scrolling_down_then_up_loads_every_message_once_in_order(sandbox: SandboxServer) -> None:
    chat_id = grow_long_chat(sandbox)
    everything = server_ids(sandbox, chat_id)
    target = everything[200]
    async with conversation_env(sandbox) as env:
        cache_from_server(env, sandbox, target)
        chat = await env.client.get_chat(chat_id)
        changes: list[bool] = []
        env.controller.at_newest_changed.connect(changes.append)
        await open_at(env, chat, target)
        first = assert_contiguous(shown_ids(env), everything)

        pages = 0
        requests_before = len(env.requests("GET", f"/chats/{chat_id}/messages"))
        while not env.controller.at_newest:
            count = await load_newer(env)
            assert count > 0 or env.controller.at_newest
            pages += 1
            assert assert_contiguous(shown_ids(env), everything) == first  # grows downwards only
            assert pages < 40
        assert shown_ids(env)[-1] == everything[-1]
        asked = len(env.requests("GET", f"/chats/{chat_id}/messages")) - requests_before
        print(f"{pages} newer pages, {asked} requests")
        assert asked <= pages * 6  # a few window resizes per page at most
        assert changes[-1] is True
        env.controller.load_newer()  # at the newest: nothing more to ask
        assert not env.controller.is_loading_newer

        while env.controller.can_load_older:
            await load_older(env)
        assert shown_ids(env) == everything
        assert env.errors == [] and env.task_failures == []


@pytest.mark.asyncio
async def test_newer_pages_cross_a_burst_larger_than_a_page_in_one_millisecond(sandbox: SandboxServer) -> None:
    chat_id = grow_long_chat(sandbox, extra=40)
    state = sandbox.state
    with state.lock:
        chat = state.chats[chat_id]
        oldest = min(m.timestamp_ms for m in state.messages_of(chat_id))
        seeder = Seeder(state, 15, int(time.time() * 1000))
        for number in range(130):  # all in the same millisecond, older than the rest
            seeder.add_message(chat, state.attendees[chat.attendee_ids[1]], f"Burst {number}", oldest - 60_000)
        for number in range(30):
            seeder.add_message(
                chat, state.attendees[chat.attendee_ids[0]], f"Before {number}", oldest - 120_000 - number
            )
    everything = server_ids(sandbox, chat_id)
    async with conversation_env(sandbox) as env:
        api_chat = await env.client.get_chat(chat_id)
        await open_at(env, api_chat, everything[5])
        for _ in range(40):
            if env.controller.at_newest:
                break
            await load_newer(env)
            assert_contiguous(shown_ids(env), everything)
        assert_contiguous(shown_ids(env), everything)
        assert shown_ids(env)[-1] == everything[-1]


@pytest.mark.asyncio
async def test_newer_page_widens_an_empty_window_and_narrows_a_full_one(sandbox: SandboxServer) -> None:
    chat_id = grow_long_chat(sandbox)
    everything = server_ids(sandbox, chat_id)
    async with conversation_env(sandbox) as env:
        messages = {m.id: m for m in sandbox.state.messages_of(chat_id)}
        moment = parse_message(messages[everything[100]].to_json()).timestamp
        assert moment is not None
        for span in (timedelta(milliseconds=1), timedelta(days=3000)):  # far too narrow, far too wide
            page = await paging.newer_page(env.client, chat_id, moment, limit=50, span=span)
            ids = [m.id for m in page.items]
            assert ids and ids[0] == everything[101]
            assert_contiguous(ids, everything)
            assert len(ids) <= 50 or span == timedelta(milliseconds=1)
            assert page.at_newest == (ids[-1] == everything[-1])


@pytest.mark.asyncio
async def test_a_live_message_in_the_middle_waits_for_the_newest_page(sandbox: SandboxServer) -> None:
    chat_id = grow_long_chat(sandbox)
    everything = server_ids(sandbox, chat_id)
    async with conversation_env(sandbox) as env:
        cache_from_server(env, sandbox, everything[150])
        chat = await env.client.get_chat(chat_id)
        await open_at(env, chat, everything[150])
        before = list(env.model.rows())
        waiting: list[str] = []
        env.controller.newer_waiting.connect(waiting.append)

        live = parse_message(sandbox.inject_inbound(chat_id, "Are you there? Live one"))
        env.store.cache.put_messages([live])  # the poller caches, then tells the controller
        env.controller.on_live_messages_arrived(chat_id, [live])
        assert waiting == [chat_id]
        assert list(env.model.rows()) == before  # nothing moved, nothing added under the found message

        for _ in range(40):
            if env.controller.at_newest:
                break
            await load_newer(env)
        ids = shown_ids(env)
        assert ids.count(live.id) == 1 and ids[-1] == live.id
        assert_contiguous(ids, server_ids(sandbox, chat_id))

        # At the newest, live messages show as usual.
        second = parse_message(sandbox.inject_inbound(chat_id, "Second live one"))
        env.controller.on_live_messages_arrived(chat_id, [second])
        assert shown_ids(env)[-1] == second.id


@pytest.mark.asyncio
async def test_a_live_message_the_last_newer_page_missed_still_shows(sandbox: SandboxServer) -> None:
    chat_id = grow_long_chat(sandbox, extra=60)
    everything = server_ids(sandbox, chat_id)
    async with conversation_env(sandbox) as env:
        chat = await env.client.get_chat(chat_id)
        await open_at(env, chat, everything[40])
        # The poller's message reached the controller while the page that reaches the newest was on its way,
        # and that page was answered just before the message was stored: it is held, then shown.
        newest = parse_message(sandbox.state.messages[everything[-1]].to_json())
        assert newest.timestamp is not None
        fake = replace(newest, id="live-late", text="late", timestamp=newest.timestamp + timedelta(seconds=1))
        env.controller.on_live_messages_arrived(chat_id, [fake])
        assert "live-late" not in shown_ids(env)
        for _ in range(40):
            if env.controller.at_newest:
                break
            await load_newer(env)
        assert shown_ids(env).count("live-late") == 1


@pytest.mark.asyncio
async def test_a_message_gone_from_the_server_opens_the_newest_page_with_a_sentence(sandbox: SandboxServer) -> None:
    chat_id = grow_long_chat(sandbox, extra=100)
    everything = server_ids(sandbox, chat_id)
    gone = everything[50]
    async with conversation_env(sandbox) as env:
        cache_from_server(env, sandbox, gone)  # the cache still has it (a search would find it)
        with sandbox.state.lock:
            removed = sandbox.state.messages.pop(gone)
            sandbox.state.chat_messages[chat_id].remove(removed)
        chat = await env.client.get_chat(chat_id)
        missing = asyncio.ensure_future(wait_signal(env.controller.message_missing))
        await open_at(env, chat, gone)
        assert await missing == (chat_id, MISSING_MESSAGE)
        assert MISSING_MESSAGE == "That message is no longer in this chat."
        assert env.controller.at_newest
        newest = server_ids(sandbox, chat_id)[-env.controller.page_size :]
        assert shown_ids(env) == newest
        assert gone not in shown_ids(env)
        assert env.errors == []


@pytest.mark.asyncio
async def test_an_unknown_message_id_pages_back_then_opens_the_newest_page(sandbox: SandboxServer) -> None:
    chat_id = grow_long_chat(sandbox)
    async with conversation_env(sandbox) as env:
        chat = await env.client.get_chat(chat_id)
        missing = asyncio.ensure_future(wait_signal(env.controller.message_missing))
        await open_at(env, chat, "no-such-message")
        assert (await missing)[1] == MISSING_MESSAGE
        assert shown_ids(env) == server_ids(sandbox, chat_id)[-env.controller.page_size :]
        limits = [e["query"].get("limit") for e in env.requests("GET", f"/chats/{chat_id}/messages")]
        assert limits.count(["250"]) == 3  # looked through the whole chat (about 580 messages) before saying so


@pytest.mark.asyncio
async def test_sending_from_the_middle_jumps_to_the_newest(sandbox: SandboxServer) -> None:
    chat_id = grow_long_chat(sandbox)
    everything = server_ids(sandbox, chat_id)
    async with conversation_env(sandbox) as env:
        chat = await env.client.get_chat(chat_id)
        await open_at(env, chat, everything[100])
        assert not env.controller.at_newest
        loaded = asyncio.ensure_future(wait_signal(env.controller.history_loaded))
        await asyncio.sleep(0)
        local_id = env.controller.send("Answer from the middle", [])
        assert env.controller.at_newest
        rows = env.message_rows()
        assert rows[-1].local_id == local_id  # after the newest message, not under the found one
        await loaded
        await wait_until(lambda: env.controller.outgoing(local_id).state == SendState.SENT)
        await wait_tasks_settled(env.tasks)
        on_server = server_ids(sandbox, chat_id)
        ids = shown_ids(env)
        assert ids == on_server[-len(ids) :] and len(ids) >= env.controller.page_size
        assert sum(1 for r in env.message_rows() if r.text == "Answer from the middle") == 1
