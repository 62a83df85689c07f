"""Cached API objects: raw JSON in, api models out, upserts by id, ordering, and model round trips."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from unipile_desktop.api.models import (
    Account,
    AccountSource,
    Attachment,
    Chat,
    ChatAttendee,
    ChatType,
    Message,
    QuotedMessage,
    Reaction,
    parse_account,
    parse_attendee,
    parse_chat,
    parse_message,
)
from unipile_desktop.store import Store
from unipile_desktop.store.encode import account_to_json, attendee_to_json, chat_to_json, message_to_json

BASE = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def message_json(
    message_id: str, chat_id: str = "c1", *, minutes: int = 0, text: str = "hi", **extra: Any
) -> dict[str, Any]:
    stamp = (BASE + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return {
        "object": "Message",
        "id": message_id,
        "account_id": "acc1",
        "chat_id": chat_id,
        "chat_provider_id": "cp",
        "provider_id": f"p-{message_id}",
        "sender_id": "s",
        "sender_attendee_id": "att",
        "text": text,
        "attachments": [],
        "timestamp": stamp,
        "is_sender": 1,
        **extra,
    }


def chat_json(chat_id: str, *, account_id: str = "acc1", minutes: int | None = 0) -> dict[str, Any]:
    stamp = None if minutes is None else (BASE + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return {
        "object": "Chat",
        "id": chat_id,
        "account_id": account_id,
        "account_type": "WHATSAPP",
        "provider_id": f"p-{chat_id}",
        "name": None,
        "type": 0,
        "timestamp": stamp,
        "unread_count": 2,
        "archived": 0,
        "muted_until": None,
        "read_only": 0,
    }


def test_raw_json_is_kept_verbatim_and_read_back_as_models(store: Store) -> None:
    raw = message_json("m1", custom_field={"kept": True})
    store.cache.put_messages([raw])
    [message] = store.cache.messages("c1")
    assert isinstance(message, Message)
    assert message == parse_message(raw)
    stored = store.db.conn.execute("SELECT json FROM messages WHERE id = 'm1'").fetchone()[0]
    assert '"custom_field":{"kept":true}' in stored


def test_messages_upsert_by_id_and_report_only_new_ones(store: Store) -> None:
    assert store.cache.put_messages([message_json("m1"), message_json("m2", minutes=1)]) == 2
    assert store.cache.put_messages([message_json("m2", minutes=1, text="edited"), message_json("m3", minutes=2)]) == 1
    texts = [m.text for m in store.cache.messages("c1")]
    assert texts == ["hi", "edited", "hi"]


def test_messages_come_oldest_first_limited_to_the_newest(store: Store) -> None:
    store.cache.put_messages([message_json(f"m{i:02d}", minutes=i) for i in reversed(range(20))])
    newest = store.cache.messages("c1", limit=5)
    assert [m.id for m in newest] == ["m15", "m16", "m17", "m18", "m19"]
    older = store.cache.messages("c1", limit=3, before=newest[0].timestamp)
    assert [m.id for m in older] == ["m12", "m13", "m14"]
    assert store.cache.newest_message_time("c1") == BASE + timedelta(minutes=19)
    assert store.cache.messages("other") == []


def test_prune_keeps_the_newest_per_chat(store: Store) -> None:
    store.cache.put_messages([message_json(f"a{i}", "ca", minutes=i) for i in range(10)])
    store.cache.put_messages([message_json(f"b{i}", "cb", minutes=i) for i in range(3)])
    assert store.cache.prune_messages(keep_per_chat=4) == 6
    assert [m.id for m in store.cache.messages("ca")] == ["a6", "a7", "a8", "a9"]
    assert len(store.cache.messages("cb")) == 3


def test_chats_newest_first_filtered_by_account(store: Store) -> None:
    store.cache.put_chats([chat_json("old", minutes=1), chat_json("new", minutes=9), chat_json("none", minutes=None)])
    store.cache.put_chats([chat_json("other", account_id="acc2", minutes=5)])
    assert [c.id for c in store.cache.chats()] == ["new", "other", "old", "none"]
    assert [c.id for c in store.cache.chats(["acc1"])] == ["new", "old", "none"]
    assert store.cache.chats([]) == []
    assert [c.id for c in store.cache.chats(limit=1)] == ["new"]
    store.cache.put_chats([chat_json("old", minutes=20)])  # new activity moves it up
    assert store.cache.chats()[0].id == "old"
    chat = store.cache.chat("old")
    assert chat is not None and chat.unread_count == 2


def test_delete_chat_removes_its_messages_and_members(store: Store) -> None:
    store.cache.put_chats([chat_json("c1")])
    store.cache.put_messages([message_json("m1")])
    store.cache.put_attendees([_attendee("a1")], chat_id="c1")
    store.cache.delete_chat("c1")
    assert store.cache.chat("c1") is None
    assert store.cache.messages("c1") == []
    assert store.cache.attendees("c1") == []
    assert store.cache.attendee("a1") is not None  # people stay known


def test_accounts_are_replaced_as_a_whole_in_order(store: Store) -> None:
    a = Account("a", "Alice", "WHATSAPP", BASE, (AccountSource("s", "OK"),), "+33", frozenset())
    b = Account("b", "Bob", "LINKEDIN", None, (AccountSource("s", "CREDENTIALS"),), None, frozenset({"premium"}))
    store.cache.replace_accounts([b, a])
    assert store.cache.accounts() == [b, a]
    store.cache.replace_accounts([a])
    assert store.cache.accounts() == [a]


def _attendee(attendee_id: str, provider_id: str = "prov") -> ChatAttendee:
    return ChatAttendee(attendee_id, "acc1", f"{provider_id}-{attendee_id}", f"Name {attendee_id}", False)


def test_attendees_per_chat_in_order(store: Store) -> None:
    store.cache.put_attendees([_attendee("x"), _attendee("y")], chat_id="c1")
    store.cache.put_attendees([_attendee("y"), _attendee("z")], chat_id="c1")  # the member list is replaced
    assert [a.id for a in store.cache.attendees("c1")] == ["y", "z"]
    found = store.cache.attendee_by_provider_id("acc1", "prov-z")
    assert found is not None and found.id == "z"


def test_an_unreadable_cached_row_is_skipped(store: Store) -> None:
    store.cache.put_messages([message_json("m1"), message_json("m2", minutes=1)])
    store.db.execute("UPDATE messages SET json = '{\"object\": \"Message\"}' WHERE id = 'm1'")
    assert [m.id for m in store.cache.messages("c1")] == ["m2"]


def test_sync_values_persist(store: Store) -> None:
    assert store.cache.sync_value("chats_after") is None
    store.cache.set_sync_value("chats_after", "2024-01-01T00:00:00.000Z")
    store.cache.set_sync_value("chats_after", "2024-01-02T00:00:00.000Z")
    assert store.cache.sync_value("chats_after") == "2024-01-02T00:00:00.000Z"
    store.cache.set_sync_value("chats_after", None)
    assert store.cache.sync_value("chats_after") is None


# ---------------------------------------------------------------------------------------- encode round trips

ids = st.text(st.characters(codec="utf-8"), min_size=1, max_size=12)
texts = st.none() | st.text(max_size=40)
times = st.none() | st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000))
names = st.none() | st.text(min_size=1, max_size=10)
small_ints = st.none() | st.integers(0, 10_000)

attachments = st.builds(
    Attachment,
    id=ids,
    type=st.sampled_from(["img", "video", "audio", "file", "linkedin_post"]),
    unavailable=st.booleans(),
    file_size=small_ints,
    mimetype=names,
    file_name=names,
    width=small_ints,
    height=small_ints,
    url=names,
)
messages = st.builds(
    Message,
    id=ids,
    account_id=ids,
    chat_id=ids,
    provider_id=st.text(max_size=8),
    sender_id=st.text(max_size=8),
    sender_attendee_id=names,
    text=texts,
    timestamp=times,
    is_sender=st.booleans(),
    attachments=st.lists(attachments, max_size=2).map(tuple),
    reactions=st.lists(
        st.builds(Reaction, value=ids, sender_id=st.text(max_size=5), is_sender=st.booleans()), max_size=2
    ).map(tuple),
    seen=st.booleans(),
    hidden=st.booleans(),
    deleted=st.booleans(),
    edited=st.booleans(),
    is_event=st.booleans(),
    delivered=st.booleans(),
    quoted=st.none()
    | st.builds(
        QuotedMessage,
        provider_id=names,
        sender_id=names,
        text=texts,
        attachments=st.lists(attachments, max_size=1).map(tuple),
    ),
    event_type=st.none() | st.integers(0, 9),
    message_type=names,
    subject=names,
)


@settings(max_examples=60, deadline=None)
@given(messages)
def test_message_round_trip(message: Message) -> None:
    assert parse_message(message_to_json(message)) == message


@settings(max_examples=60, deadline=None)
@given(
    st.builds(
        Chat,
        id=ids,
        account_id=ids,
        account_type=st.sampled_from(["WHATSAPP", "LINKEDIN"]),
        provider_id=st.text(max_size=5),
        name=names,
        type=st.sampled_from(list(ChatType)),
        timestamp=times,
        unread_count=st.integers(0, 99),
        attendee_provider_id=names,
        archived=st.booleans(),
        read_only=st.booleans(),
        muted=st.booleans(),
        disabled_features=st.frozensets(st.sampled_from(["reactions", "reply"])),
        subject=names,
        content_type=names,
        folder=st.lists(st.sampled_from(["INBOX", "INBOX_LINKEDIN_CLASSIC"]), max_size=2).map(tuple),
        last_message=st.none() | messages,
    )
)
def test_chat_round_trip(chat: Chat) -> None:
    assert parse_chat(chat_to_json(chat)) == chat


@settings(max_examples=40, deadline=None)
@given(
    st.builds(
        Account,
        id=ids,
        name=st.text(max_size=8),
        type=st.sampled_from(["WHATSAPP", "LINKEDIN", "TELEGRAM"]),
        created_at=times,
        sources=st.lists(
            st.builds(AccountSource, id=st.text(max_size=4), status=st.sampled_from(["OK", "ERROR"])), max_size=2
        ).map(tuple),
        username=names,
        premium_features=st.frozensets(st.sampled_from(["premium", "recruiter", "sales_navigator"])),
    )
)
def test_account_round_trip(account: Account) -> None:
    assert parse_account(account_to_json(account)) == account


@settings(max_examples=40, deadline=None)
@given(
    st.builds(
        ChatAttendee,
        id=ids,
        account_id=st.text(max_size=5),
        provider_id=ids,
        name=st.text(max_size=8),
        is_self=st.booleans(),
        hidden=st.booleans(),
        picture_url=names,
        profile_url=names,
        network_distance=st.none() | st.sampled_from(["DISTANCE_1", "OUT_OF_NETWORK"]),
        headline=names,
    )
)
def test_attendee_round_trip(attendee: ChatAttendee) -> None:
    assert parse_attendee(attendee_to_json(attendee)) == attendee


def test_models_and_raw_json_can_be_mixed(store: Store) -> None:
    model = parse_message(message_json("m1"))
    store.cache.put_messages([model, message_json("m2", minutes=1)])
    assert [m.id for m in store.cache.messages("c1")] == ["m1", "m2"]
    assert store.cache.message("m1") == model


def test_the_chats_signature_changes_with_the_cached_chats_and_their_people(store: Store) -> None:
    """What lets the quick switcher keep the cached chats it read (about a second at 10,000) until they change."""
    seen = [store.cache.chats_signature()]

    def changed() -> bool:
        now = store.cache.chats_signature()
        fresh = now != seen[-1]
        seen.append(now)
        return fresh

    assert not changed()
    store.cache.put_chats([chat_json("c1"), chat_json("c2")])
    assert changed()
    assert not changed()  # nothing written: the same
    renamed = chat_json("c1")
    renamed["name"] = "Renamed"
    store.cache.put_chats([renamed])
    assert changed()
    store.cache.put_attendees([_attendee("x")], chat_id="c2")
    assert changed()
    store.cache.delete_chat("c2")
    assert changed()
    store.cache.clear()
    assert changed()
