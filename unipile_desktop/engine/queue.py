"""The queue's rules, free of Qt: which views a chat belongs to, how long a customer has waited, snooze times.

"Customer" means anyone in the chat other than the connected account (``Message.is_sender`` is false). Events
(joins, renames) and deleted messages say nothing about who is waiting, so they are left out of every rule.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from ..api import Message
from ..store.marks import ChatMark
from ..texts import translate

SNOOZE_HOUR = time(9, 0)  # "tomorrow" and "next Monday" mean the start of a working day


class QueueView(enum.StrEnum):
    WAITING = "waiting"
    UNREAD = "unread"
    ALL = "all"
    DONE = "done"
    SNOOZED = "snoozed"


class SnoozePreset(enum.StrEnum):
    HOUR = "hour"
    TOMORROW = "tomorrow"
    NEXT_MONDAY = "next_monday"


@dataclass(frozen=True, slots=True)
class ChatFacts:
    """What the queue needs to know about a chat's messages, computed once per change."""

    last_ms: int | None  # newest message time (ms since the epoch)
    last_from_customer: bool | None  # None: not known (no message read yet)
    waiting_since: datetime | None  # the oldest customer message after our last reply
    unread_count: int
    # Newest customer message time; None when not known (e.g. only our own last message was read). Done and
    # snoozed marks end when a customer message is newer than what they covered.
    last_customer_ms: int | None = None

    @property
    def newest_customer_ms(self) -> int | None:
        if self.last_customer_ms is not None:
            return self.last_customer_ms
        return self.last_ms if self.customer_wrote_last else None

    @property
    def customer_wrote_last(self) -> bool:
        if self.last_from_customer is None:
            return self.unread_count > 0  # unread messages are someone else's
        return self.last_from_customer


def message_ms(timestamp: datetime) -> int:
    """Milliseconds since the epoch, the unit marks are stored in (the same rounding as the message cache)."""
    return int(timestamp.timestamp() * 1000)


def facts_from_messages(messages: Sequence[Message], *, unread_count: int) -> ChatFacts:
    """The facts of a chat from some of its messages (in any order; the newest are what matter)."""
    dated = [m for m in messages if m.timestamp is not None and not m.is_event and not m.deleted]
    if not dated:
        return ChatFacts(None, None, None, unread_count)
    # On equal times the customer's message counts as the later one: showing a chat as waiting by mistake is
    # better than hiding a customer who is waiting.
    dated.sort(key=lambda m: (m.timestamp, not m.is_sender))
    newest = dated[-1]
    assert newest.timestamp is not None  # filtered above; tells the type checker
    waiting_since: datetime | None = None
    for message in reversed(dated):
        if message.is_sender:
            break
        waiting_since = message.timestamp
    customer_times = [message_ms(m.timestamp) for m in dated if not m.is_sender and m.timestamp is not None]
    return ChatFacts(
        last_ms=message_ms(newest.timestamp),
        last_from_customer=not newest.is_sender,
        waiting_since=waiting_since,
        unread_count=unread_count,
        last_customer_ms=max(customer_times) if customer_times else None,
    )


def is_done(facts: ChatFacts, mark: ChatMark) -> bool:
    if mark.done_through_ms is None:
        return False
    newest = facts.newest_customer_ms
    return newest is None or newest <= mark.done_through_ms


def is_snoozed(facts: ChatFacts, mark: ChatMark, now: float) -> bool:
    if mark.snoozed_until is None or mark.snoozed_until <= now:
        return False
    newest = facts.newest_customer_ms
    # Without a "through" time only the clock (or the controller seeing a message arrive) ends the snooze.
    return mark.snoozed_through_ms is None or newest is None or newest <= mark.snoozed_through_ms


def views_of(facts: ChatFacts, mark: ChatMark, now: float) -> frozenset[QueueView]:
    """The views a chat shows in; ``now`` in epoch seconds."""
    views = {QueueView.ALL}
    if facts.unread_count > 0:
        views.add(QueueView.UNREAD)
    done = is_done(facts, mark)
    snoozed = is_snoozed(facts, mark, now)
    if done:
        views.add(QueueView.DONE)
    if snoozed:
        views.add(QueueView.SNOOZED)
    if facts.customer_wrote_last and not done and not snoozed:
        views.add(QueueView.WAITING)
    return frozenset(views)


# ---------------------------------------------------------------------------------------------- snooze


def snooze_until(preset: SnoozePreset, now: datetime) -> datetime:
    """When a snooze chosen at ``now`` (an aware local time) ends; right across daylight-saving changes.

    "Tomorrow" and "Next Monday" are 9:00 on the wall clock of that day (a Monday gives the Monday a week
    later); "1 hour" is one real hour, whatever the wall clock does meanwhile.
    """
    if now.tzinfo is None:
        raise ValueError("snooze_until needs an aware datetime")
    if preset is SnoozePreset.HOUR:
        return (now.astimezone(UTC) + timedelta(hours=1)).astimezone(now.tzinfo)
    today = now.date()
    if preset is SnoozePreset.TOMORROW:
        day = today + timedelta(days=1)
    else:
        day = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    return _wall_clock(day, SNOOZE_HOUR, now)


def _wall_clock(day: date, at: time, like: datetime) -> datetime:
    """``day`` at ``at`` on the wall clock of the zone ``like`` is in, with that day's UTC offset."""
    zone = like.tzinfo
    assert zone is not None
    if isinstance(zone, timezone) and like.utcoffset() == like.astimezone().utcoffset():
        # ``datetime.now().astimezone()`` carries only today's fixed offset; the system zone knows the rules,
        # so a day on the other side of a daylight-saving change gets its own offset.
        return datetime.combine(day, at).astimezone()
    return _normalised(datetime.combine(day, at, tzinfo=zone), zone)


def _normalised(value: datetime, zone: tzinfo) -> datetime:
    # A wall time that does not exist (skipped by a change) comes out as the same real instant after it.
    return value.astimezone(UTC).astimezone(zone)


# ---------------------------------------------------------------------------------------------- display


def waiting_text(seconds: float) -> str:
    """How long a customer has waited, for a chat list row: "waiting 12 min", "waiting 2 h 5 min", "waiting 3 d"."""
    minutes = int(max(seconds, 0) // 60)
    if minutes < 1:
        return translate("WaitingQueue", "waiting <1 min")
    if minutes < 60:
        return translate("WaitingQueue", "waiting {minutes} min").format(minutes=minutes)
    hours, rest = divmod(minutes, 60)
    if hours < 24 and rest:
        return translate("WaitingQueue", "waiting {hours} h {minutes} min").format(hours=hours, minutes=rest)
    if hours < 24:
        return translate("WaitingQueue", "waiting {hours} h").format(hours=hours)
    return translate("WaitingQueue", "waiting {days} d").format(days=hours // 24)


# ---------------------------------------------------------------------------------------------- quiet hours


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """When the agent works: on ``days`` (0 = Monday) from ``start`` to ``end`` (end before start: overnight)."""

    days: frozenset[int]
    start: time
    end: time

    def contains(self, now: datetime) -> bool:
        """Whether the wall-clock time ``now`` falls in working hours; start == end means the whole day."""
        moment = now.time().replace(tzinfo=None)
        weekday = now.weekday()
        if self.start == self.end:
            return weekday in self.days
        if self.start < self.end:
            return weekday in self.days and self.start <= moment < self.end
        # Overnight: the evening belongs to today's shift, the small hours to yesterday's.
        if moment >= self.start:
            return weekday in self.days
        return moment < self.end and (weekday - 1) % 7 in self.days


def is_quiet(now: datetime, *, do_not_disturb: bool, hours: WorkingHours | None) -> bool:
    """Whether notifications should stay silent at ``now`` (local time)."""
    if do_not_disturb:
        return True
    return hours is not None and not hours.contains(now)
