"""When to notify: customer messages in chats the agent is not looking at, and snoozes that ended.

The rules live here, the words in ``engine.notify.text`` and the delivery in ``engine.notify.service``. One
notification per chat, replaced as more messages arrive ("3 new messages — …"); opening the chat in the focused
window withdraws it. Muted chats, do-not-disturb and time outside working hours stay silent.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from datetime import time as clock_time
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..api import Message
from ..engine.notify import Notifier, notification_text, snooze_ended_text
from ..engine.queue import WorkingHours, is_quiet
from ..store import PreferenceTable
from .chats import preview_text
from .queue import QueueController

log = logging.getLogger(__name__)

HIDE_TEXT_KEY = "notify.hide_text"
DND_KEY = "notify.dnd"
WORKING_HOURS_KEY = "notify.working_hours"
# A message older than this when it reaches us (the app was closed, the laptop asleep) is caught up in the
# Waiting view, not announced: a morning start must not pop up last night's messages one by one.
STALE_AFTER_S = 12 * 3600
# Looking up who wrote delays the notification by at most this; past it, the stand-in name is shown.
SENDER_LOOKUP_SECONDS = 2.0
PENDING_TEXTS_KEPT = 999  # "999 new messages" is as precise as anyone needs


@dataclass(frozen=True, slots=True)
class NotificationSubject:
    """Who and where, as names the agent recognises (resolved by the caller from the chat list and accounts)."""

    sender: str
    chat_title: str
    account: str
    sender_known: bool = True  # False: ``sender`` is a stand-in ("A customer"); looking the chat's people up may help


@dataclass
class _Pending:
    subject: NotificationSubject
    texts: list[str] = field(default_factory=list)  # not seen yet, oldest first


class NotificationController(QObject):
    """Decides which arrivals become notifications; ``posted`` once the notification service took one.

    ``activated(chat_id)`` is a click on a notification: raise the window and open that chat. ``unavailable``
    carries the sentence to show (once, quietly) when the desktop has no notification service.
    """

    posted = Signal(str, str, str)  # chat id, summary, body (as sent)
    activated = Signal(str)  # chat id
    unavailable = Signal(str)  # why notifications are off, once
    do_not_disturb_changed = Signal(bool)  # the tray's check box follows the settings dialog and back

    def __init__(
        self,
        notifier: Notifier,
        *,
        queue: QueueController,
        preferences: PreferenceTable,
        describe: Callable[[str, Message | None], NotificationSubject | None],
        look_up_people: Callable[[str], Awaitable[None]] | None = None,
        clock: Callable[[], float] = time.time,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self._queue = queue
        self._preferences = preferences
        self._describe = describe
        self._look_up_people = look_up_people
        self._clock = clock
        self._now = now
        self._hide_text = preferences.get(HIDE_TEXT_KEY, False) is True
        self._dnd = preferences.get(DND_KEY, False) is True
        self._working_hours = working_hours_from_json(preferences.get(WORKING_HOURS_KEY, None))
        self._pending: dict[str, _Pending] = {}
        self._open_chat: str | None = None
        self._focused = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._unavailable_said = False
        self._closed = False

    # ------------------------------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Find out whether notifications can be shown; says ``unavailable`` once when they cannot."""
        await self.notifier.start()
        self._say_if_unavailable()

    async def wait_idle(self) -> None:
        """Return once every notification started so far was shown, replaced or withdrawn (tests, smoke test)."""
        while tasks := [task for task in self._tasks if not task.done()]:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def close(self) -> None:
        self._closed = True
        await self.wait_idle()
        await self.notifier.close()

    # ------------------------------------------------------------------------------------------ events

    def on_messages_arrived(self, chat_id: str, messages: Sequence[Message]) -> None:
        """New messages of a chat (oldest first): the customer's become, or update, the chat's notification."""
        customer = [m for m in messages if not m.is_sender and not m.is_event and not m.deleted and not m.hidden]
        if not customer or self._in_front(chat_id):
            return
        pending: _Pending | None = self._pending.get(chat_id)
        for message in customer:
            subject = self._describe(chat_id, message)
            if subject is None:
                continue  # the caller does not know the chat (or does not want it announced)
            if pending is None:
                pending = self._pending[chat_id] = _Pending(subject)
            pending.subject = subject  # the newest sender speaks for the notification
            pending.texts.append(preview_text(message, None, is_group=False))
            del pending.texts[:-PENDING_TEXTS_KEPT]
        if pending is None or self._silenced(chat_id):
            return  # still counted: the next notification, after the quiet, says how many are waiting
        if all(self._stale(m) for m in customer):
            return
        if not pending.subject.sender_known and self._look_up_people is not None:
            # A chat whose people were never read (new, or never painted): name the sender, not "A customer".
            self._run(self._name_then_show(chat_id, pending, customer[-1]))
            return
        self._run(self._show(chat_id, self._words_of(pending)))

    def _words_of(self, pending: _Pending) -> Callable[[bool], tuple[str, str]]:
        subject, texts, hide_text = pending.subject, list(pending.texts), self._hide_text

        def words(markup: bool) -> tuple[str, str]:
            return notification_text(
                sender=subject.sender,
                chat_title=subject.chat_title,
                account=subject.account,
                texts=texts,
                hide_text=hide_text,
                markup=markup,
            )

        return words

    async def _name_then_show(self, chat_id: str, pending: _Pending, message: Message) -> None:
        assert self._look_up_people is not None
        try:
            await asyncio.wait_for(self._look_up_people(chat_id), SENDER_LOOKUP_SECONDS)
        except Exception as exc:  # the notification still goes out, with the stand-in name
            log.info("could not look up who wrote in %s: %r", chat_id, exc)
        if self._pending.get(chat_id) is not pending:
            return  # opened (or clicked) meanwhile: nothing to announce any more
        named = self._describe(chat_id, message)
        if named is not None:
            pending.subject = named
        await self._show(chat_id, self._words_of(pending))

    def on_snooze_ended(self, chat_id: str) -> None:
        """The time of a snooze came: the chat is back in Waiting, and the agent is told."""
        if self._in_front(chat_id) or self._silenced(chat_id):
            return
        subject = self._describe(chat_id, None)
        if subject is None:
            return
        title = subject.chat_title or subject.sender
        self._run(
            self._show(
                chat_id, lambda markup: snooze_ended_text(chat_title=title, account=subject.account, markup=markup)
            )
        )

    def set_open_chat(self, chat_id: str | None) -> None:
        self._open_chat = chat_id
        self._seen_if_in_front()

    def set_window_focused(self, focused: bool) -> None:
        self._focused = focused
        self._seen_if_in_front()

    def pending_count(self, chat_id: str) -> int:
        """Customer messages of the chat not seen since it was last open in the focused window."""
        pending = self._pending.get(chat_id)
        return 0 if pending is None else len(pending.texts)

    # ------------------------------------------------------------------------------------------ settings

    @property
    def hide_text(self) -> bool:
        """Notifications say "New message" without the text (screens others can see)."""
        return self._hide_text

    @hide_text.setter
    def hide_text(self, hide: bool) -> None:
        self._hide_text = bool(hide)
        self._preferences.set(HIDE_TEXT_KEY, self._hide_text)

    @property
    def do_not_disturb(self) -> bool:
        return self._dnd

    @do_not_disturb.setter
    def do_not_disturb(self, on: bool) -> None:
        if bool(on) == self._dnd:
            return
        self._dnd = bool(on)
        self._preferences.set(DND_KEY, self._dnd)
        self.do_not_disturb_changed.emit(self._dnd)

    @property
    def working_hours(self) -> WorkingHours | None:
        """Outside these, notifications stay silent; None: any time."""
        return self._working_hours

    @working_hours.setter
    def working_hours(self, hours: WorkingHours | None) -> None:
        self._working_hours = hours
        self._preferences.set(WORKING_HOURS_KEY, working_hours_to_json(hours))

    def is_quiet_now(self) -> bool:
        return is_quiet(self._now(), do_not_disturb=self._dnd, hours=self._working_hours)

    # ------------------------------------------------------------------------------------------ internals

    def _in_front(self, chat_id: str) -> bool:
        return self._focused and self._open_chat == chat_id

    def _silenced(self, chat_id: str) -> bool:
        return self._queue.is_muted(chat_id) or self.is_quiet_now()

    def _stale(self, message: Message) -> bool:
        if message.timestamp is None:
            return False
        return self._clock() - message.timestamp.timestamp() > STALE_AFTER_S

    def _seen_if_in_front(self) -> None:
        chat_id = self._open_chat
        if chat_id is None or not self._focused:
            return
        self._pending.pop(chat_id, None)
        if self.notifier.is_shown(chat_id):
            self._run(self.notifier.withdraw(chat_id))

    async def _show(self, chat_id: str, words: Callable[[bool], tuple[str, str]]) -> None:
        # The words are made only now: whether the body is escaped depends on the server, known once started.
        await self.notifier.start()
        summary, body = words(self.notifier.markup)
        shown = await self.notifier.show(chat_id, summary, body, on_click=lambda: self._on_clicked(chat_id))
        if shown:
            self.posted.emit(chat_id, summary, body)
        else:
            self._say_if_unavailable()

    def _on_clicked(self, chat_id: str) -> None:
        self._pending.pop(chat_id, None)
        self.activated.emit(chat_id)

    def _say_if_unavailable(self) -> None:
        reason = self.notifier.unavailable_reason
        if reason is not None and self.notifier.started and not self._unavailable_said:
            self._unavailable_said = True
            self.unavailable.emit(reason)

    def _run(self, coro: Coroutine[Any, Any, None]) -> None:
        if self._closed:
            coro.close()
            return
        # Side by side, not latest-wins: the notifier serialises them, and cancelling one mid-send could leave a
        # notification on screen that nothing remembers (the next would stack instead of replacing it).
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._on_task_done)

    def _on_task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("a notification task crashed", exc_info=task.exception())


def working_hours_to_json(hours: WorkingHours | None) -> dict[str, object] | None:
    if hours is None:
        return None
    return {"days": sorted(hours.days), "start": hours.start.strftime("%H:%M"), "end": hours.end.strftime("%H:%M")}


def working_hours_from_json(value: object) -> WorkingHours | None:
    """The stored schedule; None (any time) when there is none or it cannot be read."""
    if not isinstance(value, dict):
        return None
    try:
        days = frozenset(int(day) for day in value["days"] if 0 <= int(day) <= 6)
        return WorkingHours(
            days=days, start=clock_time.fromisoformat(value["start"]), end=clock_time.fromisoformat(value["end"])
        )
    except (KeyError, TypeError, ValueError):
        log.warning("ignoring unreadable working hours in the preferences")
        return None
