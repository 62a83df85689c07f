"""Live updates by polling: new chats and messages into the local store, reported to listeners. No Qt.

Unipile v1 offers no push channel to a desktop app without a public webhook URL, so the documented fallback is
polling with overlapping windows and de-duplication by message id. One poll:

1. ``GET /chats`` with ``after`` = the newest chat activity known (in memory or in the cache) minus
   ``chat_margin``, for the accounts in view, following the cursor for a few pages. The margin makes
   consecutive windows overlap, so activity stamped a little late (clock differences on the provider side)
   is still seen.
2. For each listed chat whose activity is newer than its newest cached message (or, when none is cached,
   newer than the cached chat), ``GET /chats/{id}/messages`` with ``after`` = that point minus
   ``message_margin``. Messages go into the store through ``put_messages``, which upserts by id, and only
   ids the cache did not hold before are reported: overlapping windows never report a message twice.
3. A chat is written to the cache only after its messages were handled, so a poll cut short by an error
   leaves the chat "changed" for the next poll instead of losing its messages.

The very first poll of an empty cache only records the first page of chats: with no earlier state there is
nothing to compare against, and fetching the messages of every chat would be a burst of requests.

Timing is adaptive: ``active_interval`` while the window is active, ``background_interval`` otherwise,
exponential backoff (with a little jitter) after errors, and a 429's ``retry_after`` honoured before the next
request. ``refresh_now()`` (F5) polls at once unless the server asked to wait. Clock, sleep and the random
source are injectable so tests run without waiting.

Listeners: ``chats_changed(list[Chat])`` (newest activity first: move them to the top, update badges),
``messages_arrived(chat_id, list[Message])`` (oldest first, only new ids) and ``state_changed(SyncStatus)``
(online / syncing / offline with the reason). The Qt wrapper forwards these as signals; after a change from
offline to online the composition root calls ``OutboxEngine.wake()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Protocol

from ..api.errors import (
    AuthenticationError,
    ForbiddenError,
    NetworkError,
    NotFoundError,
    RateLimitedError,
    ResponseFormatError,
    ServerError,
    UnipileError,
)
from ..api.models import Chat, Message, Page
from ..store.store import Store

log = logging.getLogger(__name__)

ChatsListener = Callable[[list[Chat]], None]
MessagesListener = Callable[[str, list[Message]], None]


class SyncState(enum.StrEnum):
    ONLINE = "online"
    SYNCING = "syncing"
    OFFLINE = "offline"


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """Where polling stands. ``sentence`` says why when offline, or why polling waits while online.

    ``problem`` names the kind of wait: "" (none), ``unreachable`` (offline: no answer, or a 5xx),
    ``rate_limited`` (a 429) or ``refused`` (another error, e.g. the key was rejected: the server is up).
    """

    state: SyncState
    sentence: str = ""
    retry_in: float | None = None  # seconds until the next attempt, when waiting after an error
    problem: str = ""

    @property
    def online(self) -> bool:
        return self.state is not SyncState.OFFLINE


StatusListener = Callable[[SyncStatus], None]


class PollingClient(Protocol):
    """The part of ``UnipileClient`` the sync needs."""

    async def list_chats(
        self,
        *,
        account_ids: Sequence[str] | None = None,
        account_type: str | None = None,
        unread: bool | None = None,
        before: datetime | None = None,
        after: datetime | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[Chat]: ...

    async def list_messages(
        self,
        chat_id: str,
        *,
        cursor: str | None = None,
        before: datetime | None = None,
        after: datetime | None = None,
        limit: int | None = None,
        sender_id: str | None = None,
    ) -> Page[Message]: ...


@dataclass(frozen=True, slots=True)
class SyncPolicy:
    """Timings and sizes of polling; tests pass small ones."""

    active_interval: float = 3.0  # window active: new messages show within a few seconds
    background_interval: float = 20.0  # window in the background: gentle on the API and the provider
    error_base_delay: float = 2.0  # first retry after a failed poll, doubled per further failure
    max_error_delay: float = 60.0
    jitter: float = 0.1  # up to this fraction of a delay is randomly added, so many clients do not align
    chat_margin: float = 120.0  # seconds the chat window reaches back before the newest known activity
    message_margin: float = 60.0  # the same for a chat's messages
    chat_page_size: int = 50
    max_chat_pages: int = 10  # after a long time offline at most this many pages of changed chats are read
    message_page_size: int = 50
    max_message_pages: int = 4
    concurrent_chats: int = 3  # changed chats whose messages are fetched at the same time


@dataclass(slots=True)
class PollResult:
    """What one poll found: chats that changed (newest first) and the new messages per chat (oldest first)."""

    chats: list[Chat] = field(default_factory=list)
    messages: dict[str, list[Message]] = field(default_factory=dict)
    baseline: bool = False  # the cache was empty: chats were recorded, messages not fetched

    @property
    def new_message_count(self) -> int:
        return sum(len(items) for items in self.messages.values())


@dataclass(frozen=True, slots=True)
class _ChatKey:
    """The fields whose change makes a chat "changed" for the list (position, badge, name, flags)."""

    timestamp: datetime | None
    unread_count: int
    name: str | None
    archived: bool
    read_only: bool
    muted: bool

    @classmethod
    def of(cls, chat: Chat) -> _ChatKey:
        return cls(chat.timestamp, chat.unread_count, chat.name, chat.archived, chat.read_only, chat.muted)


class SyncEngine:
    """Polls for new chats and messages. ``start()`` on the running loop; ``await close()`` at shutdown."""

    def __init__(
        self,
        store: Store,
        client: PollingClient,
        *,
        policy: SyncPolicy | None = None,
        account_ids: Sequence[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._store = store
        self._client = client
        self.policy = policy or SyncPolicy()
        self._scope: tuple[str, ...] | None = tuple(account_ids) if account_ids is not None else None
        self._clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._chat_listeners: list[ChatsListener] = []
        self._message_listeners: list[MessagesListener] = []
        self._status_listeners: list[StatusListener] = []
        self._status = SyncStatus(SyncState.SYNCING)
        self._active = True
        self._watermark: datetime | None = None  # newest chat activity seen in this scope
        self._failures = 0
        self._last_poll_at: float | None = None  # clock time the last poll ended
        self._retry_at: float | None = None  # after a failure: when to try again
        self._limited_until = 0.0  # after a 429 with a hint: no request before this
        self._poll_requested = True  # the first poll runs at once
        self._wakeup: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._poll_lock: asyncio.Lock | None = None
        self._closed = False
        self.polls = 0  # completed polls (successful or not), for tests and diagnostics

    # ------------------------------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Start the polling loop on the running event loop; the first poll runs at once."""
        if self._task is not None or self._closed:
            return
        self._wakeup = asyncio.Event()
        self._task = asyncio.ensure_future(self._run())

    async def close(self) -> None:
        """Stop polling; a poll cut off here leaves the cache consistent (chats are written after their messages)."""
        self._closed = True
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    # ------------------------------------------------------------------------------------------ listeners

    def add_listener(
        self,
        *,
        chats_changed: ChatsListener | None = None,
        messages_arrived: MessagesListener | None = None,
        state_changed: StatusListener | None = None,
    ) -> Callable[[], None]:
        """Register callbacks (any subset); returns a function that removes them again."""
        added: list[tuple[list[ChatsListener] | list[MessagesListener] | list[StatusListener], object]] = []
        if chats_changed is not None:
            self._chat_listeners.append(chats_changed)
            added.append((self._chat_listeners, chats_changed))
        if messages_arrived is not None:
            self._message_listeners.append(messages_arrived)
            added.append((self._message_listeners, messages_arrived))
        if state_changed is not None:
            self._status_listeners.append(state_changed)
            added.append((self._status_listeners, state_changed))

        def remove() -> None:
            for listeners, listener in added:
                with contextlib.suppress(ValueError):
                    listeners.remove(listener)  # type: ignore[arg-type]

        return remove

    # ------------------------------------------------------------------------------------------ commands

    @property
    def status(self) -> SyncStatus:
        return self._status

    @property
    def active(self) -> bool:
        return self._active

    @property
    def account_ids(self) -> tuple[str, ...] | None:
        return self._scope

    def set_active(self, active: bool) -> None:
        """The window became active (poll every few seconds, and now if the last poll is that old) or inactive."""
        if active == self._active:
            return
        self._active = active
        self._wake()

    def set_accounts(self, account_ids: Sequence[str] | None) -> None:
        """Poll only these accounts' chats (None: all accounts); the next poll runs at once."""
        scope = tuple(account_ids) if account_ids is not None else None
        if scope == self._scope:
            return
        self._scope = scope
        self._watermark = None  # the new scope's newest activity comes from the cache
        self._poll_requested = True
        self._wake()

    def refresh_now(self) -> None:
        """Poll at once (F5), also while offline; a 429's wait is still honoured."""
        self._poll_requested = True
        self._wake()

    # ------------------------------------------------------------------------------------------ loop

    def _interval(self) -> float:
        return self.policy.active_interval if self._active else self.policy.background_interval

    def _due_at(self) -> float:
        if self._poll_requested:
            due = self._clock()
        elif self._retry_at is not None:
            due = self._retry_at
        elif self._last_poll_at is None:
            due = self._clock()
        else:
            due = self._last_poll_at + self._interval()
        return max(due, self._limited_until)

    async def _run(self) -> None:
        while not self._closed:
            delay = self._due_at() - self._clock()
            if delay > 0:
                await self._wait(delay)
                continue  # re-evaluate: a refresh, an activation or a scope change may have moved the time
            self._poll_requested = False
            await self._poll_and_report()

    async def _wait(self, seconds: float) -> None:
        assert self._wakeup is not None
        if self._wakeup.is_set():
            self._wakeup.clear()
            return
        sleeper = asyncio.ensure_future(self._sleep(seconds))
        waker = asyncio.ensure_future(self._wakeup.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            waker.cancel()
        self._wakeup.clear()

    def _wake(self) -> None:
        if self._wakeup is not None:
            self._wakeup.set()

    async def _poll_and_report(self) -> None:
        """One poll with its bookkeeping: status, backoff, 429 pause."""
        if self._status.state is not SyncState.OFFLINE:
            self._set_status(SyncStatus(SyncState.SYNCING))
        try:
            await self.poll_once()
        except asyncio.CancelledError:
            raise
        except UnipileError as err:
            self._after_failure(err)
        except Exception as exc:  # a bug must not stop live updates for the rest of the session
            log.exception("sync: unexpected error while polling")
            self._after_failure(UnipileError(f"Unexpected error: {type(exc).__name__}"))
        else:
            self._failures = 0
            self._retry_at = None
            self._set_status(SyncStatus(SyncState.ONLINE))
        finally:
            self.polls += 1
            self._last_poll_at = self._clock()

    def _after_failure(self, err: UnipileError) -> None:
        now = self._clock()
        self._failures += 1
        delay = self._backoff()
        if isinstance(err, RateLimitedError):
            if err.retry_after is not None:
                self._limited_until = now + err.retry_after
                delay = max(err.retry_after, self._interval())
            # The server answered: still online, only asked to slow down.
            self._retry_at = now + delay
            log.info("sync: rate limited, next poll in %.1f s", delay)
            self._set_status(SyncStatus(SyncState.ONLINE, err.user_message(), delay, "rate_limited"))
            return
        self._retry_at = now + delay
        log.info("sync: poll failed (%r), next attempt in %.1f s", err, delay)
        if isinstance(err, NetworkError | ServerError | ResponseFormatError) or type(err) is UnipileError:
            self._set_status(SyncStatus(SyncState.OFFLINE, err.user_message(), delay, "unreachable"))
        else:  # the server answered with a refusal (a rejected key, a disconnected account): not offline
            self._set_status(SyncStatus(SyncState.ONLINE, err.user_message(), delay, "refused"))

    def _backoff(self) -> float:
        exponent = max(0, min(self._failures - 1, 30))
        delay = min(self.policy.max_error_delay, self.policy.error_base_delay * 2.0**exponent)
        return delay * (1.0 + self.policy.jitter * self._rng.random())

    def _set_status(self, status: SyncStatus) -> None:
        if status == self._status:
            return
        self._status = status
        for listener in list(self._status_listeners):
            _call(listener, status)

    # ------------------------------------------------------------------------------------------ one poll

    async def poll_once(self) -> PollResult:
        """Poll once now and report what changed; raises the client's error when the poll fails.

        Polls never overlap: a call while another runs waits for it, then polls again (fresh data).
        """
        if self._poll_lock is None:
            self._poll_lock = asyncio.Lock()
        async with self._poll_lock:
            return await self._poll()

    async def _poll(self) -> PollResult:
        scope = self._scope
        if scope is not None and not scope:
            return PollResult()
        cache = self._store.cache
        known_newest = cache.newest_chat_time(scope)
        baseline = known_newest is None and self._watermark is None
        newest = _latest(self._watermark, known_newest)
        after = newest - timedelta(seconds=self.policy.chat_margin) if newest is not None else None
        listed = await self._list_changed_chats(scope, after, first_page_only=baseline)
        result = PollResult(baseline=baseline)
        if scope != self._scope:
            return result  # the accounts in view changed while listing: the next poll starts over
        if baseline:
            cache.put_chats(listed)
            result.chats = _newest_first(listed)
        else:
            changed, needing_messages = self._classify(listed)
            await self._fetch_messages(needing_messages, result)
            changed = self._with_last_messages(changed, result)
            cache.put_chats(changed)
            result.chats = _newest_first(changed)
        for chat in listed:
            self._watermark = _latest(self._watermark, chat.timestamp)
        if result.chats:
            for listener in list(self._chat_listeners):
                _call(listener, list(result.chats))
        return result

    async def _list_changed_chats(
        self, scope: tuple[str, ...] | None, after: datetime | None, *, first_page_only: bool
    ) -> list[Chat]:
        chats: dict[str, Chat] = {}
        cursor: str | None = None
        pages = 1 if first_page_only else self.policy.max_chat_pages
        for _ in range(pages):
            page = await self._client.list_chats(
                account_ids=scope, after=after, limit=self.policy.chat_page_size, cursor=cursor
            )
            for chat in page.items:
                chats.setdefault(chat.id, chat)
            if page.cursor is None or page.cursor == cursor:
                break
            cursor = page.cursor
        else:
            if not first_page_only:
                log.info("sync: more than %d pages of changed chats; older ones wait for a list reload", pages)
        return list(chats.values())

    def _classify(self, listed: Iterable[Chat]) -> tuple[list[Chat], dict[str, tuple[Chat, datetime | None]]]:
        """Chats that changed for the list, and those whose messages to fetch (with the ``after`` to use)."""
        cache = self._store.cache
        changed: list[Chat] = []
        needing: dict[str, tuple[Chat, datetime | None]] = {}
        for chat in listed:
            previous = cache.chat(chat.id)
            if previous is None or _ChatKey.of(previous) != _ChatKey.of(chat):
                changed.append(chat)
            if chat.timestamp is None:
                continue
            newest_message = cache.newest_message_time(chat.id)
            if newest_message is not None:
                if chat.timestamp > newest_message:
                    needing[chat.id] = (chat, newest_message - timedelta(seconds=self.policy.message_margin))
            elif previous is None:
                needing[chat.id] = (chat, None)  # a chat new since the last poll: its newest page
            elif previous.timestamp is None or chat.timestamp > previous.timestamp:
                since = previous.timestamp
                needing[chat.id] = (
                    chat,
                    since - timedelta(seconds=self.policy.message_margin) if since is not None else None,
                )
        return changed, needing

    async def _fetch_messages(self, needing: dict[str, tuple[Chat, datetime | None]], result: PollResult) -> None:
        if not needing:
            return
        semaphore = asyncio.Semaphore(max(1, self.policy.concurrent_chats))

        async def one(chat: Chat, after: datetime | None) -> None:
            async with semaphore:
                fresh = await self._fetch_chat_messages(chat, after)
            if fresh:
                # Reported at once: they are in the cache now, so a later failure in this poll must not hide them.
                result.messages[chat.id] = fresh
                for listener in list(self._message_listeners):
                    _call(listener, chat.id, list(fresh))

        async with asyncio.TaskGroup() as group:
            for chat, after in needing.values():
                group.create_task(one(chat, after))

    async def _fetch_chat_messages(self, chat: Chat, after: datetime | None) -> list[Message]:
        """Fetch messages after ``after`` into the cache; returns those the cache did not know, oldest first."""
        cache = self._store.cache
        fetched: dict[str, Message] = {}
        cursor: str | None = None
        pages = self.policy.max_message_pages if after is not None else 1
        try:
            for _ in range(pages):
                page = await self._client.list_messages(
                    chat.id, after=after, limit=self.policy.message_page_size, cursor=cursor
                )
                for message in page.items:
                    fetched.setdefault(message.id, message)
                if page.cursor is None or page.cursor == cursor:
                    break
                cursor = page.cursor
        except (NotFoundError, ForbiddenError) as err:
            log.info("sync: chat %s is no longer readable (%r); skipping it", chat.id, err)
            return []
        except AuthenticationError as err:
            if not err.is_account_disconnected:
                raise
            log.info("sync: the account of chat %s is disconnected; skipping it", chat.id)
            return []
        if not fetched:
            return []
        new = [m for m in fetched.values() if cache.message(m.id) is None]
        cache.put_messages(list(fetched.values()))
        return sorted(new, key=_message_order)

    def _with_last_messages(self, chats: Iterable[Chat], result: PollResult) -> list[Chat]:
        """Give each listed chat a last message for its preview: the newest fetched, else the cached one."""
        cache = self._store.cache
        out: list[Chat] = []
        for chat in chats:
            if chat.last_message is None:
                newest = _newest_visible(result.messages.get(chat.id, ()))
                if newest is None:
                    previous = cache.chat(chat.id)
                    if previous is not None and previous.last_message is not None:
                        kept = previous.last_message
                        stamp = kept.timestamp
                        if stamp is not None and (chat.timestamp is None or stamp >= chat.timestamp):
                            newest = kept
                if newest is None:
                    newest = _newest_visible(cache.messages(chat.id, limit=5))
                if newest is not None:
                    chat = replace(chat, last_message=newest)
            out.append(chat)
        return out


def _call(listener: Callable[..., None], *args: object) -> None:
    try:
        listener(*args)
    except Exception:  # a broken listener must not stop live updates
        log.exception("sync listener failed")


def _latest(a: datetime | None, b: datetime | None) -> datetime | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _message_order(message: Message) -> tuple[float, str]:
    return (message.timestamp.timestamp() if message.timestamp is not None else 0.0, message.id)


def _newest_visible(messages: Iterable[Message]) -> Message | None:
    visible = [m for m in messages if not m.hidden]
    return max(visible, key=_message_order) if visible else None


def _newest_first(chats: Iterable[Chat]) -> list[Chat]:
    return sorted(
        chats,
        key=lambda c: (c.timestamp is not None, c.timestamp.timestamp() if c.timestamp else 0.0, c.id),
        reverse=True,
    )
