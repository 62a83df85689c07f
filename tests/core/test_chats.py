"""ChatListController: paging through the sandbox, names and previews resolved per row, disconnections reported."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import pytest

from tests.helpers.conversation_support import wait_signal, wait_until
from unipile_desktop.api import Attachment, Chat, ChatAttendee, ChatType, Message, UnipileClient
from unipile_desktop.core.chats import (
    QUEUE_LOOKUP_DAYS,
    ChatEntry,
    ChatListController,
    DetailsState,
    chat_title,
    preview_text,
)
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.sandbox import SandboxServer

API_KEY = "test-key"


def make_chat(**overrides: object) -> Chat:
    values: dict[str, object] = {
        "id": "c1",
        "account_id": "a1",
        "account_type": "WHATSAPP",
        "provider_id": "p1",
        "name": None,
        "type": ChatType.SINGLE,
        "timestamp": datetime(2024, 3, 14, 12, 0, tzinfo=UTC),
        "unread_count": 0,
    }
    values.update(overrides)
    return Chat(**values)  # type: ignore[arg-type]


def attendee(id: str, name: str, *, is_self: bool = False, provider_id: str | None = None) -> ChatAttendee:
    return ChatAttendee(id=id, account_id="a1", provider_id=provider_id or f"p-{id}", name=name, is_self=is_self)


def message(text: str | None, *, is_sender: bool = False, **overrides: object) -> Message:
    values: dict[str, object] = {
        "id": "m1",
        "account_id": "a1",
        "chat_id": "c1",
        "provider_id": "pm1",
        "sender_id": "p-x",
        "sender_attendee_id": "x",
        "text": text,
        "timestamp": None,
        "is_sender": is_sender,
    }
    values.update(overrides)
    return Message(**values)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- pure functions


def test_a_one_to_one_chat_without_a_name_is_called_after_the_other_person() -> None:
    people = [attendee("me", "Agent", is_self=True), attendee("x", "Zoë Müller")]
    assert chat_title(make_chat(), people) == "Zoë Müller"


def test_a_group_uses_its_name_or_lists_a_few_members() -> None:
    people = [attendee(str(i), name) for i, name in enumerate(["Ann", "Bob", "Cid", "Dee", "Eve"])]
    assert chat_title(make_chat(type=ChatType.GROUP, name="Logistics"), people) == "Logistics"
    assert chat_title(make_chat(type=ChatType.GROUP), people) == "Ann, Bob, Cid +2"


def test_a_chat_with_nobody_known_falls_back_to_its_subject_or_nothing() -> None:
    assert chat_title(make_chat(subject="Job offer"), []) == "Job offer"
    assert chat_title(make_chat(), []) == ""


def test_previews_say_who_wrote_and_stay_on_one_line() -> None:
    assert preview_text(message("Thanks!\nSee you", is_sender=True), None, is_group=False) == "You: Thanks! See you"
    assert preview_text(message("On my way"), "Camille Laurent", is_group=True) == "Camille: On my way"
    assert preview_text(message("On my way"), "Camille Laurent", is_group=False) == "On my way"
    assert preview_text(None, None, is_group=False) == ""


def test_previews_name_attachments_and_deletions() -> None:
    photo = Attachment(id="a", type="img", unavailable=False)
    pdf = Attachment(id="b", type="file", unavailable=False, file_name="invoice.pdf")
    assert preview_text(message(None, attachments=(photo,)), None, is_group=False) == "📎 Photo"
    assert preview_text(message("", attachments=(pdf,)), None, is_group=False) == "📎 invoice.pdf"
    assert preview_text(message(None, attachments=(photo, pdf)), None, is_group=False) == "📎 2 attachments"
    assert preview_text(message("secret", deleted=True), None, is_group=False) == "Message deleted"


def test_an_event_preview_says_what_happened_without_a_sender_prefix() -> None:
    left = message("You left", is_sender=True, is_event=True, event_type=7)
    assert preview_text(left, None, is_group=True) == "You left"
    added = message("Camille added Ana", is_event=True, event_type=5)
    assert preview_text(added, "Camille Laurent", is_group=True) == "Camille added Ana"
    assert preview_text(message(None, is_sender=True, is_event=True, event_type=3), None, is_group=True) == (
        "Group created"
    )


def test_html_like_text_is_kept_as_literal_characters() -> None:
    text = "<img src=x onerror=alert(1)><b>hi</b>"
    assert preview_text(message(text), None, is_group=False) == text


def test_marking_read_or_unread_overrides_the_listed_count() -> None:
    entry = ChatEntry(chat=make_chat(unread_count=3), title="Zoë", avatar_id=None)
    assert entry.unread_count == 3
    entry.read_override = True
    assert entry.unread_count == 0
    entry.read_override = False
    assert entry.unread_count == 3
    entry.chat = make_chat(unread_count=0)
    assert entry.unread_count == 1  # "unread" shows a badge even when the server said 0


# ---------------------------------------------------------------------------------------------- against the sandbox


async def all_chat_ids(client: UnipileClient, account_ids: list[str] | None = None) -> list[str]:
    ids: list[str] = []
    cursor: str | None = None
    while True:
        page = await client.list_chats(account_ids=account_ids, limit=250, cursor=cursor)
        ids.extend(chat.id for chat in page.items)
        if page.cursor is None:
            return ids
        cursor = page.cursor


@pytest.mark.asyncio
async def test_pages_are_loaded_until_the_cursor_ends_without_duplicates(sandbox: SandboxServer) -> None:
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        controller = ChatListController(client, tasks, page_size=10)
        pages: list[list[ChatEntry]] = []
        controller.chats_loaded.connect(lambda entries: pages.append(list(entries)))
        controller.set_scope(None)
        while True:
            await wait_until(lambda: not controller.is_loading, what="a page")
            if not controller.can_load_more:
                break
            controller.load_more()
        listed = [entry.id for page in pages for entry in page]
        expected = await all_chat_ids(client)
        assert len(pages) == (len(expected) + 9) // 10
        assert all(len(page) == 10 for page in pages[:-1])
        assert sorted(listed) == sorted(expected)
        assert len(set(listed)) == len(listed)
        await tasks.shutdown()


@pytest.mark.asyncio
async def test_a_scope_of_one_account_lists_only_its_chats(sandbox: SandboxServer) -> None:
    whatsapp = sandbox.landmarks["accounts"]["whatsapp"]
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        controller = ChatListController(client, tasks, page_size=250)
        loaded = asyncio.ensure_future(wait_signal(controller.chats_loaded))
        await asyncio.sleep(0)
        controller.set_scope([whatsapp])
        (entries,) = await loaded
        assert entries
        assert {entry.chat.account_id for entry in entries} == {whatsapp}
        assert sorted(e.id for e in entries) == sorted(await all_chat_ids(client, [whatsapp]))
        await tasks.shutdown()


@pytest.mark.asyncio
async def test_details_give_a_nameless_chat_its_person_picture_and_last_message(sandbox: SandboxServer) -> None:
    showcase = sandbox.landmarks["chats"]["showcase"]
    whatsapp = sandbox.landmarks["accounts"]["whatsapp"]
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        controller = ChatListController(client, tasks, page_size=250)
        loaded = asyncio.ensure_future(wait_signal(controller.chats_loaded))
        await asyncio.sleep(0)
        controller.set_scope([whatsapp])
        await loaded
        entry = controller.entry(showcase)
        assert entry is not None
        assert entry.chat.name is None and entry.title == ""  # the API gives 1:1 chats no name
        updated = asyncio.ensure_future(wait_signal(controller.chat_updated, lambda chat_id: chat_id == showcase))
        await asyncio.sleep(0)
        controller.request_details(showcase)
        controller.request_details(showcase)  # asked twice while painting: fetched once
        await updated
        entry = controller.entry(showcase)
        assert entry is not None
        assert entry.details is DetailsState.LOADED
        assert entry.title == "Zoë Müller"
        assert entry.avatar_id == sandbox.landmarks["attendees"].get("zoe", entry.avatar_id)
        assert entry.avatar_id is not None
        assert entry.preview is not None and entry.preview.startswith("Also: is https://example.com")
        attendee_requests = [
            e for e in sandbox.requests_log() if e["method"] == "GET" and e["path"].endswith(f"{showcase}/attendees")
        ]
        assert len(attendee_requests) == 1
        await tasks.shutdown()


@pytest.mark.asyncio
async def test_a_detail_fetch_answered_with_disconnected_account_reports_the_account(sandbox: SandboxServer) -> None:
    whatsapp = sandbox.landmarks["accounts"]["whatsapp"]
    showcase = sandbox.landmarks["chats"]["showcase"]
    sandbox.add_fault(f"/chats/{showcase}/attendees$", status=401, type="errors/disconnected_account", times=None)
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        controller = ChatListController(client, tasks, page_size=250)
        loaded = asyncio.ensure_future(wait_signal(controller.chats_loaded))
        await asyncio.sleep(0)
        controller.set_scope([whatsapp])
        await loaded
        disconnected = asyncio.ensure_future(wait_signal(controller.account_disconnected))
        await asyncio.sleep(0)
        controller.request_details(showcase)
        assert await disconnected == (whatsapp,)
        entry = controller.entry(showcase)
        assert entry is not None and entry.details is DetailsState.FAILED
        await tasks.shutdown()


@pytest.mark.asyncio
async def test_a_failed_page_stops_paging_until_a_reload(sandbox: SandboxServer) -> None:
    sandbox.add_fault(r"^/chats$", method="GET", status=503, times=1)
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        failures: list[str] = []
        tasks.task_failed.connect(lambda name, sentence, exc: failures.append(name))
        controller = ChatListController(client, tasks, page_size=10)
        failed = asyncio.ensure_future(wait_signal(controller.chats_load_failed))
        await asyncio.sleep(0)
        controller.set_scope(None)
        await failed
        await wait_until(lambda: bool(failures), what="the task failure")
        assert failures == ["chats:page"]
        assert not controller.can_load_more  # no retry storm from a view asking for more
        loaded = asyncio.ensure_future(wait_signal(controller.chats_loaded))
        await asyncio.sleep(0)
        controller.reload()
        (entries,) = await loaded
        assert len(entries) == 10
        await tasks.shutdown()


async def load_scope(controller: ChatListController, account_ids: list[str] | None) -> list[ChatEntry]:
    loaded = asyncio.ensure_future(wait_signal(controller.chats_loaded))
    await asyncio.sleep(0)
    controller.set_scope(account_ids)
    (entries,) = await loaded
    return list(entries)


async def resolve(controller: ChatListController, chat_id: str) -> ChatEntry:
    controller.request_details(chat_id)
    await wait_until(
        lambda: (e := controller.entry(chat_id)) is not None and e.details is DetailsState.LOADED, what="details"
    )
    entry = controller.entry(chat_id)
    assert entry is not None
    return entry


@pytest.mark.asyncio
async def test_a_reload_shows_the_listed_unread_count_and_time_not_those_of_details_read_earlier(
    sandbox: SandboxServer,
) -> None:
    """F5 after new messages: the badge, time and preview are the server's latest, not the details cached before."""
    whatsapp = sandbox.landmarks["accounts"]["whatsapp"]
    showcase = sandbox.landmarks["chats"]["showcase"]
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        controller = ChatListController(client, tasks, page_size=250)
        await load_scope(controller, [whatsapp])
        before = await resolve(controller, showcase)
        unread_before = before.unread_count
        sandbox.inject_inbound(showcase, "Where is my parcel now?")
        sandbox.inject_inbound(showcase, "Hello??")
        listed = await client.get_chat(showcase)
        assert listed.unread_count == unread_before + 2  # the server counted them
        await load_scope(controller, [whatsapp])  # what F5 does: reload the same scope
        await wait_until(lambda: not controller.is_loading, what="the page")
        after = controller.entry(showcase)
        assert after is not None
        assert after.unread_count == listed.unread_count
        assert after.activity == listed.timestamp
        assert after.title == "Zoë Müller"  # the names read earlier still show at once
        assert after.details is DetailsState.MISSING  # the rest is read again when the row is painted
        after = await resolve(controller, showcase)
        assert after.preview == "Hello??"
        assert after.unread_count == listed.unread_count
        await tasks.shutdown()


@pytest.mark.asyncio
async def test_looking_up_names_for_the_filter_resolves_rows_that_were_never_painted(sandbox: SandboxServer) -> None:
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        controller = ChatListController(client, tasks, page_size=250)
        entries = await load_scope(controller, None)
        nameless = [e.id for e in entries if not e.title]
        assert len(nameless) > 10  # 1:1 chats are listed without a name
        assert controller.pending_name_lookups == 0  # nothing is looked up without a filter
        counts: list[int] = []
        controller.name_lookups_changed.connect(counts.append)
        controller.set_name_lookup(True)
        assert counts and counts[0] == len(nameless)
        await wait_until(lambda: controller.pending_name_lookups == 0, timeout=20, what="every name")
        assert counts[-1] == 0
        for chat_id in nameless:
            entry = controller.entry(chat_id)
            assert entry is not None and entry.details in (DetailsState.LOADED, DetailsState.FAILED)
        titled = [controller.entry(chat_id) for chat_id in nameless]
        assert sum(1 for e in titled if e is not None and e.title) >= len(nameless) - 2
        showcase = controller.entry(sandbox.landmarks["chats"]["showcase"])
        assert showcase is not None and showcase.title == "Zoë Müller"
        assert showcase.handles == ("491588974059@s.whatsapp.net",)  # her number: the filter searches it too
        attendee_gets = [e for e in sandbox.requests_log() if str(e["path"]).endswith("/attendees")]
        assert len(attendee_gets) == len(nameless)  # each looked up once
        await tasks.shutdown()


@pytest.mark.asyncio
async def test_turning_the_name_lookup_off_stops_the_queued_lookups(sandbox: SandboxServer) -> None:
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        controller = ChatListController(client, tasks, page_size=250)
        entries = await load_scope(controller, None)
        controller.set_name_lookup(True)
        controller.set_name_lookup(False)
        assert controller.pending_name_lookups == 0

        def queued() -> list[str]:
            return [e.id for e in entries if (c := controller.entry(e.id)) and c.details is DetailsState.QUEUED]

        assert len(queued()) <= 4  # only those the workers had already started; the rest wait to be painted
        await wait_until(lambda: not queued(), what="the started lookups")
        attendee_gets = [e for e in sandbox.requests_log() if str(e["path"]).endswith("/attendees")]
        assert len(attendee_gets) <= 4
        await tasks.shutdown()


@pytest.mark.asyncio
async def test_a_failed_page_is_reported_as_a_sentence_not_the_technical_form(sandbox: SandboxServer) -> None:
    sandbox.add_fault(r"^/chats$", method="GET", status=503, times=1)
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        controller = ChatListController(client, tasks, page_size=10)
        failed = asyncio.ensure_future(wait_signal(controller.chats_load_failed))
        await asyncio.sleep(0)
        controller.set_scope(None)
        (sentence,) = await failed
        assert "GET /chats" not in sentence and "503" not in sentence
        assert sentence.endswith(".")
        await tasks.shutdown()


@pytest.mark.asyncio
async def test_the_queue_lookup_reads_the_last_message_of_rows_that_were_never_painted(sandbox: SandboxServer) -> None:
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        controller = ChatListController(client, tasks, page_size=250)
        entries = await load_scope(controller, None)
        unknown = [e.id for e in entries if e.chat.last_message is None]
        assert len(unknown) > 10  # the list answer carries no last message
        controller.set_queue_lookup(True)
        assert controller.pending_lookups > 0
        await wait_until(lambda: controller.pending_lookups == 0, timeout=30, what="every last message")
        cutoff = time.time() - QUEUE_LOOKUP_DAYS * 86400
        recent = [
            chat_id
            for chat_id in unknown
            if (e := controller.entry(chat_id)) is not None
            and e.activity is not None
            and e.activity.timestamp() > cutoff
            and e.activity is not None
            and e.activity.timestamp() > cutoff
        ]
        assert len(recent) > 10  # the seed's recent chats are read; older ones wait to be painted
        for chat_id in recent:
            entry = controller.entry(chat_id)
            assert entry is not None and entry.details in (DetailsState.LOADED, DetailsState.FAILED)
        known = [controller.entry(chat_id) for chat_id in recent]
        assert sum(1 for e in known if e is not None and e.chat.last_message is not None) >= len(recent) - 2
        chat_gets = [e for e in sandbox.requests_log() if str(e["path"]).rstrip("/").count("/") == 2]
        assert len([e for e in chat_gets if str(e["path"]).startswith("/chats/")]) <= len(unknown)  # once each
        await tasks.shutdown()


@pytest.mark.asyncio
async def test_ending_the_name_lookup_keeps_the_lookups_the_queue_still_needs(sandbox: SandboxServer) -> None:
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        controller = ChatListController(client, tasks, page_size=250)
        entries = await load_scope(controller, None)
        controller.set_queue_lookup(True)
        controller.set_name_lookup(True)
        controller.set_name_lookup(False)
        assert controller.pending_name_lookups == 0
        assert controller.pending_lookups > 0  # the queue still wants them
        await wait_until(lambda: controller.pending_lookups == 0, timeout=30, what="the queue's lookups")
        missing = [e.id for e in entries if (c := controller.entry(e.id)) and c.chat.last_message is None]
        assert len(missing) <= 2
        await tasks.shutdown()


@pytest.mark.asyncio
async def test_the_queue_lookup_stops_at_its_share_of_the_newest_chats(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("unipile_desktop.core.chats.QUEUE_LOOKUP_LIMIT", 5)
    async with UnipileClient(sandbox.url, API_KEY) as client:
        tasks = TaskRunner()
        controller = ChatListController(client, tasks, page_size=250)
        entries = await load_scope(controller, None)
        unknown = [e for e in entries if e.chat.last_message is None]
        assert len(unknown) > 10
        controller.set_queue_lookup(True)
        await wait_until(lambda: controller.pending_lookups == 0, timeout=30, what="the queue's lookups")
        attendee_gets = [str(e["path"]) for e in sandbox.requests_log() if str(e["path"]).endswith("/attendees")]
        assert len(attendee_gets) == 5  # two requests per chat looked up would be 20,000 at 10,000 chats
        newest = sorted(unknown, key=lambda e: e.activity.timestamp() if e.activity else 0.0, reverse=True)[:5]
        assert {e.id for e in newest} == {path.split("/")[-2] for path in attendee_gets}
        await tasks.shutdown()
