"""The smoke test's queue check, the pure part: where the sandbox's control is, the message's time, the verdict."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from unipile_desktop.selftest.smoke_checks import QueueCheck, inbound_control_url, message_time_ms


@pytest.mark.parametrize(
    ("api_base_url", "control"),
    [
        ("http://127.0.0.1:8123/api/v1", "http://127.0.0.1:8123/_sandbox/inbound"),
        ("http://localhost:8123/api/v1", "http://localhost:8123/_sandbox/inbound"),
        ("http://[::1]:9000/api/v1", "http://[::1]:9000/_sandbox/inbound"),
        ("http://127.0.0.2:80/prefix/api/v1", "http://127.0.0.2:80/prefix/_sandbox/inbound"),
        ("https://api1.unipile.com:13111/api/v1", None),  # a real server is never sent the control
        ("https://10.0.0.5:13111/api/v1", None),
    ],
)
def test_the_inbound_control_is_looked_for_on_this_computer_only(api_base_url: str, control: str | None) -> None:
    assert inbound_control_url(api_base_url) == control


def test_the_stored_time_is_read_from_the_message_json() -> None:
    expected = round(datetime(2024, 5, 1, 10, 0, 0, 123_000, tzinfo=UTC).timestamp() * 1000)
    assert message_time_ms({"timestamp": "2024-05-01T10:00:00.123Z"}) == expected
    assert message_time_ms({"timestamp": None}) is None
    assert message_time_ms({"timestamp": "yesterday"}) is None
    assert message_time_ms({}) is None


def everything_happened(**changes: object) -> QueueCheck:
    check = QueueCheck(
        "chat-1",
        stored_ms=1_000_000,
        posted_ms=1_003_250,
        waiting_row=0,
        opened=True,
        done_ok=True,
        waiting_count=4,
        waiting_listed=4,
    )
    for name, value in changes.items():
        setattr(check, name, value)
    return check


def test_a_check_where_everything_happened_reports_its_numbers_and_no_problem() -> None:
    check = everything_happened()
    assert check.fields() == {"notify_ms": 3250, "waiting_count": 4, "done_ok": True}
    assert check.problems() == []


def test_no_notification_fails_and_leaves_notify_ms_empty() -> None:
    check = everything_happened(posted_ms=None)
    assert check.fields()["notify_ms"] is None
    assert check.problems() == ["no notification came for the customer's message in chat chat-1"]


def test_a_notification_a_hair_before_the_stored_time_counts_as_zero() -> None:
    assert everything_happened(posted_ms=999_999).notify_ms == 0


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"waiting_row": 2}, "chat chat-1 was row 3 of Waiting, not the top, after its customer wrote"),
        ({"waiting_row": None}, "chat chat-1 was not in the Waiting view after its customer wrote"),
        ({"done_ok": False}, "Mark done did not take chat chat-1 out of Waiting"),
        ({"opened": False, "done_ok": False}, "following the notification did not open chat chat-1"),
        ({"waiting_count": 5}, "the Waiting count says 5 while the Waiting view lists 4 chats"),
    ],
)
def test_each_thing_that_did_not_happen_is_a_problem(changes: dict[str, object], problem: str) -> None:
    assert everything_happened(**changes).problems() == [problem]
