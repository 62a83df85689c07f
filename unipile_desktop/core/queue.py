"""The queue's state for the window: chat marks kept in the profile's store, facts per chat, snoozes that end.

The rules themselves are in ``engine.queue``; this object remembers what they need (marks, message facts) so the
chat list can ask for every row on every repaint, and wakes up when the next snooze is due.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from ..api import Message
from ..engine.queue import ChatFacts, QueueView, facts_from_messages, views_of
from ..store import ChatMark, Store
from .chats import ChatEntry

log = logging.getLogger(__name__)

VIEW_KEY = "queue.view"
THRESHOLD_KEY = "queue.waiting_threshold_minutes"
DEFAULT_VIEW = QueueView.ALL  # until the agent picks another: every chat, as before the queue existed
DEFAULT_WAITING_THRESHOLD_MINUTES = 15
CACHED_MESSAGES_READ = 20  # enough to find where the customer's latest run of messages began
# The snooze timer never sleeps longer than this: a suspended laptop or a changed clock is noticed within it.
MAX_TIMER_MS = 60_000


class QueueController(QObject):
    """Marks (done, snoozed, muted), the chosen view and the waiting threshold of one profile.

    ``marks_changed`` carries the chat id ("" when many changed); ``snooze_ended`` fires when a snooze's time
    came (not when a customer message ended it early: that message is notified on its own).
    """

    marks_changed = Signal(str)
    snooze_ended = Signal(str)
    view_changed = Signal(str)

    def __init__(self, store: Store, *, clock: Callable[[], float] = time.time, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self._marks: dict[str, ChatMark] = store.marks.all()
        self._facts: dict[str, ChatFacts] = {}
        # chat id → (facts, mark, read_only, valid until, views): see views_of
        self._views: dict[str, tuple[ChatFacts, ChatMark | None, bool, float, frozenset[QueueView]]] = {}
        # When a waiting customer writes again in a chat whose older messages were never read into the cache, the
        # new facts alone would restart the wait: the start seen before is kept while the customer still waits.
        self._waiting_before: dict[str, datetime] = {}
        self._view = _stored_view(store.preferences.get(VIEW_KEY, DEFAULT_VIEW.value))
        self._threshold = _stored_threshold(store.preferences.get(THRESHOLD_KEY, DEFAULT_WAITING_THRESHOLD_MINUTES))
        self._started = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._end_due_snoozes)

    @property
    def clock(self) -> Callable[[], float]:
        """The clock the queue's rules run on (epoch seconds): the views, snoozes and waiting times agree with it."""
        return self._clock

    # ------------------------------------------------------------------------------------------ facts and views

    def facts(self, entry: ChatEntry) -> ChatFacts:
        known = self._facts.get(entry.id)
        if known is None:
            messages = self._messages_of(entry)
            known = facts_from_messages(messages, unread_count=entry.unread_count)
            earlier = self._waiting_before.pop(entry.id, None)
            if (
                earlier is not None
                and known.customer_wrote_last
                and known.waiting_since is not None
                and earlier < known.waiting_since
                and not any(m.is_sender and m.timestamp is not None and m.timestamp > earlier for m in messages)
            ):
                known = replace(known, waiting_since=earlier)
            self._facts[entry.id] = known
        elif known.unread_count != entry.unread_count:
            # Reading a chat changes only the count; the messages' facts stay right.
            known = replace(known, unread_count=entry.unread_count)
            self._facts[entry.id] = known
        return known

    def _messages_of(self, entry: ChatEntry) -> list[Message]:
        last = entry.chat.last_message
        if last is not None and last.is_sender and not last.is_event and not last.deleted:
            return [last]  # our reply is the newest: nobody is waiting, older messages cannot change that
        # The customer wrote last (or it is not known): the cache shows since when they have been waiting.
        try:
            cached = self._store.cache.messages(entry.id, limit=CACHED_MESSAGES_READ)
        except Exception:  # a queue that cannot read the cache still works from the chat's last message
            log.exception("could not read the cached messages of a chat for the queue")
            cached = []
        if last is not None and all(message.id != last.id for message in cached):
            cached.append(last)
        return cached

    def forget(self, chat_id: str | None = None) -> None:
        """Drop what is known about the chat's messages (all chats when None): they changed."""
        if chat_id is None:
            self._facts.clear()
            self._waiting_before.clear()
            return
        previous = self._facts.pop(chat_id, None)
        if previous is not None and previous.customer_wrote_last and previous.waiting_since is not None:
            self._waiting_before[chat_id] = previous.waiting_since

    def views_of(self, entry: ChatEntry) -> frozenset[QueueView]:
        facts = self.facts(entry)
        mark = self._marks.get(entry.id)
        read_only = entry.chat.read_only
        now = self._clock()
        # Counting the views of 10,000 chats after each change must not stall the window: a chat's views change only
        # with its facts or mark (new objects when they change) or, for a snooze, when the snooze ends.
        known = self._views.get(entry.id)
        if known is not None and known[0] is facts and known[1] is mark and known[2] == read_only and now < known[3]:
            return known[4]
        views = views_of(facts, mark or ChatMark(entry.id), now)
        if read_only and QueueView.WAITING in views:
            # A channel the agent cannot answer in (read_only) never waits for a reply.
            views = views - {QueueView.WAITING}
        snooze_end = mark.snoozed_until if mark is not None and mark.snoozed_until is not None else None
        valid_until = snooze_end if snooze_end is not None and snooze_end > now else math.inf
        self._views[entry.id] = (facts, mark, read_only, valid_until, views)
        return views

    def waiting_seconds(self, entry: ChatEntry) -> float | None:
        """How long the customer has waited for a reply; None when the chat is not waiting (or since is unknown)."""
        facts = self.facts(entry)
        if facts.waiting_since is None or QueueView.WAITING not in self.views_of(entry):
            return None
        return max(0.0, self._clock() - facts.waiting_since.timestamp())

    # ------------------------------------------------------------------------------------------ marks

    def mark(self, chat_id: str) -> ChatMark:
        return self._marks.get(chat_id) or ChatMark(chat_id)

    def mark_done(self, entry: ChatEntry) -> None:
        """Done up to the newest message known now; a later customer message reopens the chat."""
        through = self.facts(entry).last_ms
        if through is None:
            through = int(self._clock() * 1000)
        if self._snooze_active(entry.id):
            # Done wins over an earlier snooze: it must not come back with a "snooze ended" later.
            self._store.marks.end_snooze(entry.id, self._clock())
        self._store.marks.mark_done(entry.id, through)
        self._changed(entry.id)

    def reopen(self, chat_id: str) -> None:
        self._store.marks.reopen(chat_id)
        self._changed(chat_id)

    def snooze(self, entry: ChatEntry, until: datetime) -> None:
        """Hide the chat from Waiting until ``until`` (aware) or until the customer writes, whichever is first."""
        if until.tzinfo is None:
            raise ValueError("snooze needs an aware datetime")
        if self.mark(entry.id).done_through_ms is not None:
            self._store.marks.reopen(entry.id)  # snoozing asks for the chat back: it is no longer done
        self._store.marks.snooze(entry.id, until.timestamp(), self.facts(entry).last_ms)
        self._changed(entry.id)

    def set_muted(self, chat_id: str, muted: bool) -> None:
        if self.is_muted(chat_id) == muted:
            return
        self._store.marks.set_muted(chat_id, muted)
        self._changed(chat_id)

    def is_muted(self, chat_id: str) -> bool:
        return self.mark(chat_id).muted

    def note_customer_message(self, chat_id: str) -> None:
        """A customer wrote in the chat: a running snooze ends now, without ``snooze_ended``."""
        if self._snooze_active(chat_id):
            self._store.marks.end_snooze(chat_id, self._clock())
            self._changed(chat_id)

    def _snooze_active(self, chat_id: str) -> bool:
        return self.mark(chat_id).snoozed_until is not None

    def _changed(self, chat_id: str) -> None:
        self._marks[chat_id] = self._store.marks.get(chat_id)
        self.marks_changed.emit(chat_id)
        self._arm()

    # ------------------------------------------------------------------------------------------ preferences

    @property
    def view(self) -> QueueView:
        return self._view

    def set_view(self, view: QueueView | str) -> None:
        chosen = QueueView(view)
        if chosen == self._view:
            return
        self._view = chosen
        self._store.preferences.set(VIEW_KEY, chosen.value)
        self.view_changed.emit(chosen.value)

    @property
    def waiting_threshold_minutes(self) -> int:
        """Past this, a row's waiting time is shown in the warning colour."""
        return self._threshold

    @waiting_threshold_minutes.setter
    def waiting_threshold_minutes(self, minutes: int) -> None:
        minutes = max(1, int(minutes))
        if minutes == self._threshold:
            return
        self._threshold = minutes
        self._store.preferences.set(THRESHOLD_KEY, minutes)
        self.marks_changed.emit("")  # every waiting row may change colour

    # ------------------------------------------------------------------------------------------ snooze timer

    def start(self) -> None:
        """End the snoozes that came due while the app was closed (with ``snooze_ended``) and wait for the next."""
        self._started = True
        self._end_due_snoozes()

    def close(self) -> None:
        self._started = False
        self._timer.stop()

    def next_snooze_end(self) -> float | None:
        """The earliest running snooze's end (epoch seconds), if any."""
        ends = [mark.snoozed_until for mark in self._marks.values() if mark.snoozed_until is not None]
        return min(ends, default=None)

    def _end_due_snoozes(self) -> None:
        if not self._started:
            return
        now = self._clock()
        due = sorted(
            (mark.snoozed_until, chat_id)
            for chat_id, mark in self._marks.items()
            if mark.snoozed_until is not None and mark.snoozed_until <= now
        )
        for _until, chat_id in due:
            self._store.marks.end_snooze(chat_id, now)
            self._marks[chat_id] = self._store.marks.get(chat_id)
            self.snooze_ended.emit(chat_id)
            self.marks_changed.emit(chat_id)
        self._arm()

    def _arm(self) -> None:
        if not self._started:
            return
        end = self.next_snooze_end()
        if end is None:
            self._timer.stop()
            return
        wait_ms = max(0, min(MAX_TIMER_MS, int((end - self._clock()) * 1000) + 1))
        self._timer.start(wait_ms)


def _stored_view(value: object) -> QueueView:
    try:
        return QueueView(str(value))
    except ValueError:
        return DEFAULT_VIEW


def _stored_threshold(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    return DEFAULT_WAITING_THRESHOLD_MINUTES
