"""Parsing of API objects: lenient on extras and nulls, strict on required fields, only our error type."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unipile_desktop.api import ChatType, ResponseFormatError, UnipileError
from unipile_desktop.api.models import (
    OutgoingFile,
    format_timestamp,
    parse_account,
    parse_attendee,
    parse_chat,
    parse_chat_started,
    parse_inmail_balance,
    parse_message,
    parse_message_sent,
    parse_owner_profile,
    parse_page,
    parse_timestamp,
)

MESSAGE = {
    "object": "Message",
    "id": "m1",
    "account_id": "a1",
    "chat_id": "c1",
    "chat_provider_id": "p",
    "provider_id": "pm1",
    "sender_id": "ACoAAB",
    "sender_attendee_id": "att1",
    "text": None,
    "attachments": [
        {
            "id": "at1",
            "type": "img",
            "unavailable": False,
            "size": {"width": 640, "height": 480},
            "mimetype": "image/png",
            "file_size": 1234,
            "sticker": False,
        },
        {"id": "at2", "type": "file", "unavailable": True, "file_name": "report.pdf"},
    ],
    "timestamp": "2024-05-01T10:20:30.123Z",
    "is_sender": 1,
    "reactions": [{"value": "👍", "sender_id": "x", "is_sender": True}],
    "seen": 0,
    "seen_by": {},
    "hidden": 0,
    "deleted": 0,
    "edited": 1,
    "is_event": 0,
    "delivered": 1,
    "behavior": None,
    "original": "{}",
    "quoted": {"provider_id": "q", "sender_id": "s", "text": "earlier", "attachments": []},
    "a_field_from_the_future": {"nested": [1, 2]},
}


def test_message_flags_become_bools_and_timestamps_aware() -> None:
    message = parse_message(MESSAGE)
    assert message.is_sender is True and message.edited is True and message.seen is False
    assert message.timestamp == datetime(2024, 5, 1, 10, 20, 30, 123000, tzinfo=UTC)
    assert message.text is None
    assert message.attachments[0].width == 640 and message.attachments[0].is_image
    assert message.attachments[1].unavailable and message.attachments[1].file_name == "report.pdf"
    assert message.reactions[0].is_sender and message.quoted is not None and message.quoted.text == "earlier"


def test_models_are_immutable() -> None:
    message = parse_message(MESSAGE)
    with pytest.raises(AttributeError):
        message.text = "changed"  # type: ignore[misc]


def test_missing_required_field_names_the_path() -> None:
    broken = dict(MESSAGE)
    del broken["chat_id"]
    with pytest.raises(ResponseFormatError, match=r"Message\.chat_id is missing"):
        parse_message(broken)


def test_chat_with_nulls_and_last_message() -> None:
    chat = parse_chat(
        {
            "object": "Chat",
            "id": "c1",
            "account_id": "a1",
            "account_type": "LINKEDIN",
            "provider_id": "p",
            "attendee_provider_id": "ACo",
            "name": None,
            "type": 0,
            "timestamp": None,
            "unread_count": 2,
            "archived": 0,
            "muted_until": None,
            "read_only": 2,
            "content_type": "inmail",
            "folder": ["INBOX", "INBOX_LINKEDIN_CLASSIC"],
            "disabledFeatures": ["reactions"],
            "lastMessage": MESSAGE,
        }
    )
    assert chat.name is None and chat.timestamp is None and chat.type is ChatType.SINGLE
    assert chat.read_only and chat.is_inmail and not chat.muted and "reactions" in chat.disabled_features
    assert chat.last_message is not None and chat.last_message.id == "m1"


def test_account_status_and_linkedin_features() -> None:
    account = parse_account(
        {
            "object": "Account",
            "id": "a1",
            "name": "Ada",
            "type": "LINKEDIN",
            "created_at": "2024-01-01T00:00:00.000Z",
            "groups": [],
            "sources": [{"id": "s1", "status": "OK"}, {"id": "s2", "status": "CREDENTIALS"}],
            "connection_params": {
                "im": {
                    "id": "x",
                    "username": "ada",
                    "premiumId": None,
                    "premiumContractId": None,
                    "premiumFeatures": ["recruiter", "premium"],
                }
            },
        }
    )
    assert account.status == "CREDENTIALS" and not account.is_ok
    assert account.premium_features == {"recruiter", "premium"} and account.username == "ada"


def test_attendee_specifics_object_or_one_element_array() -> None:
    base = {"object": "ChatAttendee", "id": "t1", "account_id": "a1", "provider_id": "ACo", "name": "Zoë", "is_self": 0}
    as_object = parse_attendee({**base, "specifics": {"provider": "LINKEDIN", "network_distance": "DISTANCE_2"}})
    as_array = parse_attendee({**base, "specifics": [{"provider": "LINKEDIN", "network_distance": "DISTANCE_2"}]})
    assert as_object.network_distance == as_array.network_distance == "DISTANCE_2"
    assert not as_object.is_self


def test_owner_profile_seats() -> None:
    me = parse_owner_profile(
        {
            "object": "AccountOwnerProfile",
            "provider": "LINKEDIN",
            "provider_id": "ACo",
            "first_name": "Ada",
            "last_name": "L",
            "premium": True,
            "recruiter": {"owner_seat_id": "1", "contract_id": "2"},
            "sales_navigator": {"error": "DISCONNECTED"},
        }
    )
    assert me.display_name == "Ada L" and me.premium and me.recruiter and not me.sales_navigator


def test_small_objects() -> None:
    assert parse_message_sent({"object": "MessageSent", "message_id": None}).message_id is None
    started = parse_chat_started({"object": "ChatStarted", "chat_id": "c", "message_id": "m"})
    assert (started.chat_id, started.message_id) == ("c", "m")
    balance = parse_inmail_balance(
        {"object": "LinkedinInmailBalance", "premium": 3, "recruiter": None, "sales_navigator": 0}
    )
    assert balance.for_api("classic") == 3 and balance.for_api("recruiter") is None


def test_page_cursor_null_and_absent() -> None:
    page = parse_page({"object": "ChatAttendeeList", "items": []}, parse_attendee, "ChatAttendeeList")
    assert page.cursor is None and page.items == ()
    with pytest.raises(ResponseFormatError):
        parse_page({"object": "ChatList", "items": [], "cursor": 5}, parse_chat, "ChatList")


def test_timestamps_round_trip_in_the_filter_format() -> None:
    value = datetime(2024, 2, 3, 4, 5, 6, 789000, tzinfo=timezone(timedelta(hours=2)))
    text = format_timestamp(value)
    assert text == "2024-02-03T02:05:06.789Z"
    assert parse_timestamp(text) == value
    assert parse_timestamp("2024-02-03T02:05:06").tzinfo is UTC
    with pytest.raises(ResponseFormatError):
        parse_timestamp("yesterday")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=6),
    max_leaves=30,
)
# Objects that look like real ones, with random values poured in, reach deeper into the parsers.
KEYS = sorted(
    {
        *MESSAGE,
        "name",
        "type",
        "unread_count",
        "items",
        "cursor",
        "lastMessage",
        "sources",
        "status",
        "connection_params",
        "im",
        "specifics",
        "size",
        "premium",
        "recruiter",
        "folder",
        "created_at",
    }
)
NEAR_VALID = st.recursive(
    st.dictionaries(st.sampled_from(KEYS), JSON, max_size=12),
    lambda children: st.dictionaries(st.sampled_from(KEYS), children | JSON, max_size=12) | st.lists(children),
    max_leaves=20,
)
PARSERS = [parse_message, parse_chat, parse_account, parse_attendee, parse_owner_profile, parse_inmail_balance]


@settings(max_examples=150, deadline=None)
@given(data=st.one_of(JSON, NEAR_VALID, st.just(MESSAGE).map(lambda m: {**m, "attachments": [{"size": 3}]})))
def test_parsing_arbitrary_json_raises_only_our_error(data: object) -> None:
    json.dumps(data)  # the input is JSON-like
    for parse in [*PARSERS, lambda d: parse_page(d, parse_chat, "ChatList"), parse_message_sent, parse_chat_started]:
        try:
            parse(data)
        except UnipileError:
            pass


def test_one_unreadable_item_is_left_out_not_the_whole_page(caplog: pytest.LogCaptureFixture) -> None:
    broken = {k: v for k, v in MESSAGE.items() if k != "chat_id"}
    page = parse_page(
        {"object": "MessageList", "items": [MESSAGE, broken, {**MESSAGE, "id": "m2"}], "cursor": "abc="},
        parse_message,
        "MessageList",
    )
    assert [m.id for m in page.items] == ["m1", "m2"] and page.skipped == 1 and page.cursor == "abc="
    assert "MessageList.items[1].chat_id is missing" in caplog.text
    with pytest.raises(ResponseFormatError):
        parse_page({"object": "MessageList", "items": {"not": "a list"}}, parse_message, "MessageList")


def test_account_status_follows_the_messaging_source_when_there_is_one() -> None:
    def account(*sources: tuple[str, str]) -> dict[str, object]:
        return {
            "id": "a1",
            "name": "Sales",
            "type": "LINKEDIN",
            "sources": [{"id": i, "status": s} for i, s in sources],
        }

    # A stopped extra source (e.g. profile sync) does not keep a running messaging source from chatting.
    assert parse_account(account(("a1_MESSAGING", "OK"), ("a1_PROFILE", "STOPPED"))).status == "OK"
    assert parse_account(account(("a1_PROFILE", "OK"), ("a1_MESSAGING", "CREDENTIALS"))).status == "CREDENTIALS"
    # Without a messaging source, every source counts.
    assert parse_account(account(("a1_X", "OK"), ("a1_Y", "ERROR"))).status == "ERROR"
    assert parse_account(account()).status == "OK"


def test_outgoing_file_from_path_reads_the_file_and_guesses_its_type(tmp_path: Path) -> None:
    picture = tmp_path / "photo.PNG"
    picture.write_bytes(b"\x89PNG data")
    read = OutgoingFile.from_path(picture)
    assert (read.name, read.data, read.mimetype, read.size) == ("photo.PNG", b"\x89PNG data", "image/png", 9)
    (tmp_path / "notes.unknownext").write_bytes(b"x")
    assert OutgoingFile.from_path(str(tmp_path / "notes.unknownext")).mimetype == "application/octet-stream"
    with pytest.raises(OSError, match="“gone.pdf” is no longer at .*Attach it again"):
        OutgoingFile.from_path(tmp_path / "gone.pdf")
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    with pytest.raises(OSError, match="“folder.pdf” could not be read"):
        OutgoingFile.from_path(folder)  # a folder, not a file
