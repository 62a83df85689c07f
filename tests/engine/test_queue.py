"""Queue rules: who wrote last, since when the customer waits, which views a chat is in, snooze times, quiet hours."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from unipile_desktop.api import Message
from unipile_desktop.engine.queue import (
    ChatFacts,
    QueueView,
    SnoozePreset,
    WorkingHours,
    facts_from_messages,
    is_quiet,
    message_ms,
    snooze_until,
    views_of,
    waiting_text,
)
from unipile_desktop.store import ChatMark

T0 = datetime(2024, 3, 14, 12, 0, tzinfo=UTC)
NOW = T0.timestamp() + 3600
BERLIN = ZoneInfo("Europe/Berlin")


def msg(minute: int, *, ours: bool = False, **fields: object) -> Message:
    values: dict[str, object] = {
        "id": f"m{minute}-{ours}",
        "account_id": "a1",
        "chat_id": "c1",
        "provider_id": f"p{minute}",
        "sender_id": "me" if ours else "customer",
        "sender_attendee_id": None,
        "text": "hello",
        "timestamp": T0 + timedelta(minutes=minute),
        "is_sender": ours,
    }
    values.update(fields)
    return Message(**values)  # type: ignore[arg-type]


def ms(minute: int) -> int:
    return message_ms(T0 + timedelta(minutes=minute))


# ---------------------------------------------------------------------------------------------- facts


def test_waiting_since_is_the_first_customer_message_after_our_last_reply() -> None:
    newest_first = [msg(9), msg(7), msg(5), msg(3, ours=True), msg(1)]
    facts = facts_from_messages(newest_first, unread_count=3)
    assert facts == ChatFacts(ms(9), True, T0 + timedelta(minutes=5), 3, last_customer_ms=ms(9))
    assert facts_from_messages(list(reversed(newest_first)), unread_count=3) == facts  # order does not matter


def test_our_reply_last_means_nobody_waits() -> None:
    facts = facts_from_messages([msg(1), msg(4, ours=True)], unread_count=0)
    assert facts.last_from_customer is False
    assert facts.waiting_since is None
    assert facts.last_ms == ms(4) and facts.last_customer_ms == ms(1)


def test_events_and_deleted_messages_do_not_say_who_wrote_last() -> None:
    messages = [msg(1), msg(5, ours=True, is_event=True), msg(6, ours=True, deleted=True), msg(7, timestamp=None)]
    facts = facts_from_messages(messages, unread_count=1)
    assert facts.last_from_customer is True
    assert facts.last_ms == ms(1) and facts.waiting_since == T0 + timedelta(minutes=1)


def test_a_customer_message_at_the_same_time_as_our_reply_counts_as_later() -> None:
    facts = facts_from_messages([msg(2), msg(2, ours=True)], unread_count=0)
    assert facts.last_from_customer is True


def test_no_messages_means_nothing_is_known() -> None:
    assert facts_from_messages([], unread_count=2) == ChatFacts(None, None, None, 2)


# ---------------------------------------------------------------------------------------------- views


def test_a_customer_message_last_is_waiting() -> None:
    facts = facts_from_messages([msg(1)], unread_count=0)
    assert views_of(facts, ChatMark("c1"), NOW) == {QueueView.ALL, QueueView.WAITING}


def test_unread_counts_add_the_unread_view() -> None:
    facts = facts_from_messages([msg(1, ours=True)], unread_count=2)
    assert views_of(facts, ChatMark("c1"), NOW) == {QueueView.ALL, QueueView.UNREAD}


def test_unknown_author_is_waiting_only_when_unread() -> None:
    assert QueueView.WAITING in views_of(ChatFacts(None, None, None, 1), ChatMark("c1"), NOW)
    assert views_of(ChatFacts(None, None, None, 0), ChatMark("c1"), NOW) == {QueueView.ALL}


def test_done_until_the_customer_writes_again() -> None:
    mark = ChatMark("c1", done_through_ms=ms(5))
    assert views_of(facts_from_messages([msg(5)], unread_count=0), mark, NOW) == {QueueView.ALL, QueueView.DONE}
    reopened = views_of(facts_from_messages([msg(5), msg(6)], unread_count=1), mark, NOW)
    assert reopened == {QueueView.ALL, QueueView.UNREAD, QueueView.WAITING}


def test_our_own_later_message_keeps_a_chat_done() -> None:
    mark = ChatMark("c1", done_through_ms=ms(5))
    facts = facts_from_messages([msg(5), msg(8, ours=True)], unread_count=0)
    assert QueueView.DONE in views_of(facts, mark, NOW)


def test_a_reply_after_the_reopening_customer_message_does_not_make_it_done_again() -> None:
    mark = ChatMark("c1", done_through_ms=ms(5))
    facts = facts_from_messages([msg(5), msg(6), msg(7, ours=True)], unread_count=0)
    assert views_of(facts, mark, NOW) == {QueueView.ALL}


def test_snoozed_until_the_time_or_a_new_customer_message() -> None:
    mark = ChatMark("c1", snoozed_until=NOW + 60, snoozed_through_ms=ms(5))
    facts = facts_from_messages([msg(5)], unread_count=0)
    assert views_of(facts, mark, NOW) == {QueueView.ALL, QueueView.SNOOZED}
    assert views_of(facts, mark, NOW + 60) == {QueueView.ALL, QueueView.WAITING}  # the time came
    woken = facts_from_messages([msg(5), msg(6)], unread_count=0)
    assert views_of(woken, mark, NOW) == {QueueView.ALL, QueueView.WAITING}


def test_a_snooze_without_a_through_time_ends_only_by_the_clock() -> None:
    mark = ChatMark("c1", snoozed_until=NOW + 60)
    facts = facts_from_messages([msg(5), msg(6)], unread_count=0)
    assert QueueView.SNOOZED in views_of(facts, mark, NOW)


# ---------------------------------------------------------------------------------------------- snooze presets


@pytest.mark.date_sensitive
def test_one_hour_is_a_real_hour_across_the_spring_change() -> None:
    before = datetime(2024, 3, 31, 1, 30, tzinfo=BERLIN)  # clocks jump from 2:00 to 3:00 at this night
    after = snooze_until(SnoozePreset.HOUR, before)
    assert after.timestamp() - before.timestamp() == 3600
    assert (after.hour, after.minute) == (3, 30)


@pytest.mark.date_sensitive
def test_tomorrow_is_nine_on_the_wall_clock_across_the_spring_change() -> None:
    saturday_evening = datetime(2024, 3, 30, 22, 0, tzinfo=BERLIN)
    until = snooze_until(SnoozePreset.TOMORROW, saturday_evening)
    assert until == datetime(2024, 3, 31, 9, 0, tzinfo=BERLIN)
    assert until.utcoffset() == timedelta(hours=2)
    assert until.timestamp() - saturday_evening.timestamp() == 10 * 3600  # 11 wall-clock hours, one skipped


@pytest.mark.date_sensitive
def test_next_monday_is_nine_on_the_wall_clock_across_the_autumn_change() -> None:
    friday = datetime(2024, 10, 25, 16, 0, tzinfo=BERLIN)  # clocks go back on Sunday 27 October
    until = snooze_until(SnoozePreset.NEXT_MONDAY, friday)
    assert until == datetime(2024, 10, 28, 9, 0, tzinfo=BERLIN)
    assert until.utcoffset() == timedelta(hours=1)


@pytest.mark.date_sensitive
def test_on_a_monday_next_monday_is_a_week_later() -> None:
    monday_early = datetime(2024, 3, 25, 7, 0, tzinfo=BERLIN)
    assert snooze_until(SnoozePreset.NEXT_MONDAY, monday_early) == datetime(2024, 4, 1, 9, 0, tzinfo=BERLIN)


@pytest.mark.date_sensitive
def test_a_fixed_offset_that_is_not_the_system_zone_is_kept() -> None:
    # TZ is Etc/GMT-14 or Etc/GMT+12 in CI: an offset of +05:30 is never the system's, so it is taken as given.
    india = timezone(timedelta(hours=5, minutes=30))
    now = datetime(2024, 3, 30, 22, 0, tzinfo=india)
    assert snooze_until(SnoozePreset.TOMORROW, now) == datetime(2024, 3, 31, 9, 0, tzinfo=india)


@pytest.mark.date_sensitive
def test_the_system_zone_snapshot_gets_tomorrows_own_offset() -> None:
    now = datetime(2024, 3, 30, 22, 0).astimezone()  # what ``datetime.now().astimezone()`` gives: a fixed offset
    until = snooze_until(SnoozePreset.TOMORROW, now)
    assert until == datetime(2024, 3, 31, 9, 0).astimezone()
    assert (until.hour, until.minute) == (9, 0)


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        snooze_until(SnoozePreset.HOUR, datetime(2024, 3, 30, 22, 0))


# ---------------------------------------------------------------------------------------------- display


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (-5, "waiting <1 min"),
        (0, "waiting <1 min"),
        (59.9, "waiting <1 min"),
        (60, "waiting 1 min"),
        (12 * 60 + 30, "waiting 12 min"),
        (3600, "waiting 1 h"),
        (2 * 3600 + 5 * 60, "waiting 2 h 5 min"),
        (24 * 3600 - 1, "waiting 23 h 59 min"),
        (3 * 86400 + 7200, "waiting 3 d"),
    ],
)
def test_waiting_text(seconds: float, text: str) -> None:
    assert waiting_text(seconds) == text


# ---------------------------------------------------------------------------------------------- quiet hours

WEEKDAYS = WorkingHours(frozenset(range(5)), time(9, 0), time(17, 0))
NIGHTS = WorkingHours(frozenset({0, 1, 2, 3, 4}), time(22, 0), time(6, 0))  # Monday night to Saturday morning


@pytest.mark.date_sensitive
def test_do_not_disturb_is_always_quiet() -> None:
    assert is_quiet(datetime(2024, 3, 13, 10, 0, tzinfo=BERLIN), do_not_disturb=True, hours=None)
    assert not is_quiet(datetime(2024, 3, 13, 10, 0, tzinfo=BERLIN), do_not_disturb=False, hours=None)


@pytest.mark.date_sensitive
@pytest.mark.parametrize(
    ("when", "quiet"),
    [
        (datetime(2024, 3, 13, 8, 59), True),  # Wednesday before work
        (datetime(2024, 3, 13, 9, 0), False),
        (datetime(2024, 3, 13, 16, 59), False),
        (datetime(2024, 3, 13, 17, 0), True),
        (datetime(2024, 3, 16, 12, 0), True),  # Saturday
    ],
)
def test_outside_working_hours_is_quiet(when: datetime, quiet: bool) -> None:
    assert is_quiet(when.replace(tzinfo=BERLIN), do_not_disturb=False, hours=WEEKDAYS) is quiet


@pytest.mark.date_sensitive
@pytest.mark.parametrize(
    ("when", "quiet"),
    [
        (datetime(2024, 3, 11, 23, 0), False),  # Monday night
        (datetime(2024, 3, 12, 5, 59), False),  # Tuesday small hours: Monday's shift
        (datetime(2024, 3, 12, 6, 0), True),
        (datetime(2024, 3, 11, 3, 0), True),  # Monday small hours belong to Sunday, not a working day
        (datetime(2024, 3, 16, 3, 0), False),  # Saturday small hours: Friday's shift
        (datetime(2024, 3, 16, 23, 0), True),  # Saturday night
    ],
)
def test_working_hours_can_span_midnight(when: datetime, quiet: bool) -> None:
    assert is_quiet(when.replace(tzinfo=BERLIN), do_not_disturb=False, hours=NIGHTS) is quiet


def test_equal_start_and_end_mean_the_whole_day() -> None:
    whole_monday = WorkingHours(frozenset({0}), time(0, 0), time(0, 0))
    assert not is_quiet(datetime(2024, 3, 11, 3, 0, tzinfo=UTC), do_not_disturb=False, hours=whole_monday)
    assert is_quiet(datetime(2024, 3, 12, 3, 0, tzinfo=UTC), do_not_disturb=False, hours=whole_monday)
