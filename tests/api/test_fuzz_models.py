"""Property-based fuzzing of every parser in api/models.py: whatever JSON arrives, the outcome is a parsed model or a
``ResponseFormatError`` with a sentence, never another exception.

Examples per test: ``UNIPILE_FUZZ_EXAMPLES`` (default 200, derandomized so CI is repeatable); a nightly-size run:
``UNIPILE_FUZZ_EXAMPLES=10000 .venv/bin/python -m pytest -q -p no:randomly tests/api/test_fuzz_models.py``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unipile_desktop.api.errors import ResponseFormatError
from unipile_desktop.api.models import (
    Page,
    parse_account,
    parse_attachment,
    parse_attendee,
    parse_chat,
    parse_chat_started,
    parse_inmail_balance,
    parse_invitation_sent_answer,
    parse_message,
    parse_message_sent,
    parse_owner_profile,
    parse_page,
    parse_sent_invitation,
    parse_timestamp,
)

FUZZ_EXAMPLES = int(os.environ.get("UNIPILE_FUZZ_EXAMPLES", "200"))
pytestmark = pytest.mark.timeout(max(60, FUZZ_EXAMPLES // 10))  # a nightly-size run takes minutes, not a hang
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# What json.loads can give: it accepts NaN and ±Infinity, integers of up to 4,300 digits and lone surrogates ("\ud800").
TEXT = st.text(st.characters(blacklist_categories=()), max_size=30)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXT
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)

TIMESTAMPS = (
    st.sampled_from(
        [
            "2024-01-02T03:04:05.678Z",
            "2024-01-02T03:04:05",
            "0001-01-01T00:00:00.000Z",
            "9999-12-31T23:59:59.999Z",
            "9999-12-31T23:59:59+14:00",
            "0001-01-01T00:00:00-14:00",
            "2024-13-45T99:99:99.999Z",
            "",
            " ",
            "yesterday",
            "\u202e2024-01-02",
            "2024-01-02T03:04:05.678\ud800",
        ]
    )
    | TEXT
)

# Plausible values for the fields the parsers read: right types, edge values, and anything at all.
FLAGS = st.sampled_from([0, 1, True, False, "0", "1", "true", "false", "yes", 2, -1, 0.5, None, math.nan])
NUMBERS = st.integers(min_value=-(2**70), max_value=2**70) | st.sampled_from(["12", " 7 ", "x", "1e3", 1.0, 1.5])
STRINGS = TEXT | st.sampled_from(["", "<img src=x onerror=alert(1)>", "\u202efdp.exe", "\u200b"])


def _field_strategy(name: str, objects: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    if name in {"timestamp", "created_at", "parsed_datetime"}:
        return TIMESTAMPS | json_values
    if name in FLAG_FIELDS:
        return FLAGS | json_values
    if name in NUMBER_FIELDS:
        return NUMBERS | json_values
    if name in LIST_FIELDS:
        return st.lists(objects | STRINGS, max_size=3) | json_values
    if name in OBJECT_FIELDS:
        return objects | json_values
    return STRINGS | json_values


FLAG_FIELDS = {
    "is_sender",
    "seen",
    "hidden",
    "deleted",
    "edited",
    "is_event",
    "delivered",
    "archived",
    "unavailable",
    "is_self",
    "pending_invitation",
    "premium",
}
NUMBER_FIELDS = {
    "type",
    "unread_count",
    "read_only",
    "event_type",
    "file_size",
    "width",
    "height",
    "muted_until",
    "recruiter",
    "sales_navigator",
}
LIST_FIELDS = {
    "attachments",
    "reactions",
    "sources",
    "disabledFeatures",
    "folder",
    "items",
    "premiumFeatures",
    "specifics",
}
OBJECT_FIELDS = {
    "connection_params",
    "im",
    "size",
    "quoted",
    "lastMessage",
    "specifics",
    "recruiter",
    "sales_navigator",
}
FIELD_NAMES = sorted(
    FLAG_FIELDS
    | NUMBER_FIELDS
    | LIST_FIELDS
    | OBJECT_FIELDS
    | {
        "object",
        "id",
        "account_id",
        "chat_id",
        "provider_id",
        "sender_id",
        "sender_attendee_id",
        "text",
        "timestamp",
        "message_type",
        "subject",
        "name",
        "created_at",
        "status",
        "mimetype",
        "file_name",
        "url",
        "value",
        "account_type",
        "attendee_provider_id",
        "content_type",
        "picture_url",
        "profile_url",
        "network_distance",
        "headline",
        "occupation",
        "invited_user",
        "invited_user_id",
        "invited_user_public_id",
        "invited_user_description",
        "date",
        "parsed_datetime",
        "invitation_text",
        "invitation_id",
        "message_id",
        "first_name",
        "last_name",
        "username",
        "provider",
        "cursor",
        "phone_number",
        "publicIdentifier",
        "error",
    }
)


def _shaped(objects: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.lists(st.sampled_from(FIELD_NAMES), unique=True, max_size=len(FIELD_NAMES)).flatmap(
        lambda names: st.fixed_dictionaries({name: _field_strategy(name, objects) for name in names})
    )


# Objects made of the real field names, nested (attachments, quoted, lastMessage, sources, im…) a few levels deep.
shaped_objects: st.SearchStrategy[dict[str, Any]] = st.deferred(
    lambda: _shaped(st.just({}) | st.dictionaries(st.sampled_from(FIELD_NAMES), scalars, max_size=6) | shaped_objects)
)
anything = json_values | shaped_objects


def _outcome(parse: Callable[[object], object], data: object) -> None:
    try:
        parse(data)
    except ResponseFormatError as error:
        assert error.title.strip(), "a format error must say what was wrong"
        assert error.user_message().strip()


PARSERS: list[Callable[[object], object]] = [
    parse_account,
    parse_attachment,
    parse_message,
    parse_chat,
    parse_attendee,
    parse_sent_invitation,
    parse_invitation_sent_answer,
    parse_owner_profile,
    parse_inmail_balance,
    parse_message_sent,
    parse_chat_started,
]
ITEM_PARSERS = [parse_account, parse_chat, parse_message, parse_attendee, parse_sent_invitation]


@FUZZ
@given(data=anything, which=st.sampled_from(range(len(PARSERS))))
def test_every_model_parser_gives_a_model_or_a_format_error(data: object, which: int) -> None:
    _outcome(PARSERS[which], data)


@FUZZ
@given(
    envelope=st.fixed_dictionaries(
        {},
        optional={
            "object": STRINGS,
            "items": st.lists(anything, max_size=4) | json_values,
            "cursor": STRINGS | json_values,
        },
    )
    | json_values,
    which=st.sampled_from(range(len(ITEM_PARSERS))),
)
def test_pages_give_a_page_or_a_format_error(envelope: object, which: int) -> None:
    try:
        page = parse_page(envelope, ITEM_PARSERS[which], "List")
    except ResponseFormatError as error:
        assert error.user_message().strip()
    else:
        assert isinstance(page, Page) and page.skipped >= 0


@FUZZ
@given(text=TIMESTAMPS)
def test_timestamps_give_an_aware_datetime_or_a_format_error(text: str) -> None:
    try:
        moment = parse_timestamp(text)
    except ResponseFormatError as error:
        assert error.user_message().strip()
    else:
        assert moment.tzinfo is not None
