"""Live updates by polling: new messages and changed chats into the local store, reported to listeners. No Qt.

Unipile v1 offers no push channel to a desktop app without a public webhook URL. The documented fallback is
polling ``GET /messages`` over overlapping windows and de-duplicating by message id, so that is what finds new
messages here, within a request budget (issue 15): one poll is **one request** when nothing happens.

1. ``GET /messages`` with ``after`` = the newest activity known (in memory or in the cache) minus
   ``message_margin``: one request for all accounts in view (with one account in view it carries its
   ``account_id``; with several, messages of other accounts are dropped here), following the cursor for a few
   pages. The margin makes consecutive windows overlap, so a message stamped a little late is still seen.
   Messages go into the store through ``put_messages``, which upserts by id, and only ids the cache did not
   hold before are reported: overlapping windows never report a message twice.
2. A chat the cache already lists, with new messages, is updated from them without asking the server: its
   activity moves to the newest message, its preview is that message, and its unread count grows by the new
   messages from others.
3. ``GET /chats`` (unfiltered, newest first, stopping at the first chat older than the newest known activity
   minus ``chat_margin``) only when the messages reveal a chat the cache does not list, on the first poll of a
   scope (start, account picker), and as a safety net every ``chat_listing_every`` polls (unread counts changed
   elsewhere, new chats without a message). A new chat the listing did not show is read with ``GET /chats/{id}``.
   Chats are written to the cache after the messages, and the watermark moves only when the whole poll
   succeeded, so a poll cut short by an error is repeated, never lost.

Budget: every request of the engine spends from a ``RequestBudget`` (``active_budget`` requests a minute while
the window is active, ``background_budget`` otherwise, a burst of ``budget_burst``); a scheduled poll waits for
both its interval and the budget. With the defaults (6 s / 24 s, a listing every 10th poll) an idle engine makes
11 requests a minute active and 2.75 in the background, and a new message is seen at most ``active_interval``
(6 s) or ``background_interval`` (24 s) after it is stored, plus one request's time. A refresh (F5), a change of
scope and the retries after a failure do not wait for the budget, but spend from it; the budget's debt is capped
at ``budget_burst`` requests, so after a burst of them (or a costly poll: a catch-up, new chats) the next scheduled
poll waits at most 15 s (active) or 60 s (background) instead.

Known risk until checked against a team instance's ``/api-json``: that ``GET /messages`` lists newest first and
that its ``after`` compares with the message ``timestamp``. The reference documents the route for exactly this
use, but not these details.

The very first poll of an empty cache only records the first page of chats: with no earlier state there is
nothing to compare against, and fetching the messages of every chat would be a burst of requests.

Timing is adaptive: ``active_interval`` while the window is active, ``background_interval`` otherwise,
exponential backoff after errors (the outbox's, from ``backoff``, with a little jitter), and a 429's
``retry_after`` honoured before the next request (the client's ``RequestGate`` also holds back every other
caller meanwhile). Requests of one poll that run side by side report one error: the most telling one (a 429
first, then a refused key, then the first), never a group of them. ``refresh_now()`` (F5) polls at once unless
the server asked to wait. Clock, sleep and the random source are injectable so tests run without waiting.

Listeners: ``chats_changed(list[Chat])`` (newest activity first: move them to the top, update badges),
``messages_arrived(chat_id, list[Message])`` (oldest first, only new ids) and ``state_changed(SyncStatus)``
(online / syncing / offline with the reason). The Qt wrapper forwards these as signals; after a change from
offline to online the composition root calls ``OutboxEngine.wake()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import inspect
import logging
import random
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

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
from ..api.models import Chat, Message, message_order
from ..api.protocols import PollingClient
from ..store.cache import CacheTables
from ..store.store import Store
from ..texts import translate
from .backoff import backoff_delay
from .request_budget import RequestBudget
from .waiting import sleep_unless_woken

__all__ = ["PollResult", "PollingClient", "SyncEngine", "SyncPolicy", "SyncState", "SyncStatus", "most_telling_error"]

T = TypeVar("T")

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


@dataclass(frozen=True, slots=True)
class SyncPolicy:
    """Timings and sizes of polling; tests pass small ones."""

    active_interval: float = 6.0  # window active: new messages show within a few seconds
    background_interval: float = 24.0  # window in the background: gentle on the API and the provider
    active_budget: float = 12.0  # API requests a minute at most (on average) while the window is active
    background_budget: float = 3.0  # the same in the background
    budget_burst: float = 2.0  # requests the budget lets go out at once after a quiet time
    chat_listing_every: int = 10  # a safety GET /chats every this many polls (besides new chats and scope changes)
    error_base_delay: float = 2.0  # first retry after a failed poll, doubled per further failure
    max_error_delay: float = 60.0
    jitter: float = 0.1  # up to this fraction of a delay is randomly taken off, so many clients do not align
    message_margin: float = 120.0  # seconds the GET /messages window reaches back before the newest known activity
    chat_margin: float = 120.0  # the same for the chat listing
    message_page_size: int = 100
    max_message_pages: int = 10  # after a long time offline at most this many pages of new messages are read
    chat_page_size: int = 50
    max_chat_pages: int = 4
    max_chat_lookups: int = 20  # chats with new messages the listing missed, read one by one per poll
    concurrent_requests: int = 3  # requests of one poll that run at the same time


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
        self._polls_since_listing = self.policy.chat_listing_every  # the first poll lists the chats
        self.budget = RequestBudget(self.policy.active_budget, burst=self.policy.budget_burst, clock=clock)
        self._asked_poll = False  # the poll running now was asked for (F5, a scope change), not scheduled
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
        self.budget.set_rate(self.policy.active_budget if active else self.policy.background_budget)
        self._wake()

    def set_accounts(self, account_ids: Sequence[str] | None) -> None:
        """Poll only these accounts' chats (None: all accounts); the next poll runs at once."""
        scope = tuple(account_ids) if account_ids is not None else None
        if scope == self._scope:
            return
        self._scope = scope
        self._watermark = None  # the new scope's newest activity comes from the cache
        self._polls_since_listing = self.policy.chat_listing_every  # the new scope's chats are listed once
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
            due = max(self._last_poll_at + self._interval(), self.budget.ready_at())
        return max(due, self._limited_until)

    async def _run(self) -> None:
        while not self._closed:
            delay = self._due_at() - self._clock()
            if delay > 0:
                await self._wait(delay)
                continue  # re-evaluate: a refresh, an activation or a scope change may have moved the time
            self._asked_poll = self._poll_requested
            self._poll_requested = False
            await self._poll_and_report()

    async def _wait(self, seconds: float) -> None:
        assert self._wakeup is not None
        await sleep_unless_woken(self._wakeup, seconds, self._sleep)

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
            self._after_failure(
                UnipileError(translate("Sync", "Unexpected error: {error}").format(error=type(exc).__name__))
            )
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
        return backoff_delay(
            self._failures,
            base=self.policy.error_base_delay,
            cap=self.policy.max_error_delay,
            jitter=self.policy.jitter,
            rng=self._rng,
        )

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
        known_newest = _latest(self._watermark, cache.newest_chat_time(scope))
        if known_newest is None:
            return await self._record_baseline(scope)
        result = PollResult()
        fetched = await self._list_new_messages(scope, known_newest - timedelta(seconds=self.policy.message_margin))
        if scope != self._scope:
            return result  # the accounts in view changed meanwhile: the next poll starts over
        unknown = [chat_id for chat_id in fetched if cache.chat(chat_id) is None]
        listing = bool(unknown) or self._polls_since_listing + 1 >= self.policy.chat_listing_every
        listed: list[Chat] = []
        if listing:
            listed = await self._list_recent_chats(scope, known_newest - timedelta(seconds=self.policy.chat_margin))
            if scope != self._scope:
                return result
        listed_ids = {chat.id for chat in listed}
        looked_up = await self._look_up_chats([chat_id for chat_id in unknown if chat_id not in listed_ids])
        if scope != self._scope:
            return result
        seen_ids = listed_ids | {chat.id for chat in looked_up}
        # Known chats with new messages: their list entry follows from the messages, without a request.
        updated = [
            chat
            for chat_id, items in fetched.items()
            if chat_id not in seen_ids and (chat := _updated_from(cache, chat_id, items)) is not None
        ]
        self._store_messages(fetched, result)
        changed = [chat for chat in [*listed, *looked_up, *updated] if _has_changed(cache.chat(chat.id), chat)]
        changed = self._with_last_messages(changed, fetched)
        cache.put_chats(changed)
        result.chats = _newest_first(changed)
        # Only a complete poll moves the watermark: one cut short repeats its window.
        for chat in [*listed, *looked_up]:
            self._watermark = _latest(self._watermark, chat.timestamp)
        for items in fetched.values():
            for message in items:
                self._watermark = _latest(self._watermark, message.timestamp)
        self._polls_since_listing = 0 if listing else self._polls_since_listing + 1
        self._report_chats(result.chats)
        return result

    async def _record_baseline(self, scope: tuple[str, ...] | None) -> PollResult:
        """An empty cache: note the first page of chats (the list shows them) and start from their activity."""
        self.budget.spend(asked=self._asked_poll)
        page = await self._client.list_chats(account_ids=scope, limit=self.policy.chat_page_size)
        result = PollResult(baseline=True)
        if scope != self._scope:
            return result
        listed = list({chat.id: chat for chat in page.items}.values())
        self._store.cache.put_chats(listed)
        self._polls_since_listing = 0
        result.chats = _newest_first(listed)
        for chat in listed:
            self._watermark = _latest(self._watermark, chat.timestamp)
        self._report_chats(result.chats)
        return result

    def _report_chats(self, chats: list[Chat]) -> None:
        if chats:
            for listener in list(self._chat_listeners):
                _call(listener, list(chats))

    async def _list_new_messages(self, scope: tuple[str, ...] | None, after: datetime) -> dict[str, list[Message]]:
        """``GET /messages`` after ``after``: one request for the accounts in view, by chat.

        One account in view: filtered by the server; several: all accounts' messages, the others dropped here
        (one request rather than one per account: the budget is per minute, not per account).
        """
        account_id = scope[0] if scope is not None and len(scope) == 1 else None
        messages = await self._list_account_messages(account_id, after)
        if scope is not None and len(scope) > 1:
            accounts = set(scope)
            messages = [message for message in messages if message.account_id in accounts]
        by_chat: dict[str, dict[str, Message]] = {}
        for message in messages:
            by_chat.setdefault(message.chat_id, {}).setdefault(message.id, message)
        ordered = {chat_id: sorted(items.values(), key=message_order) for chat_id, items in by_chat.items()}
        # Chats in the order of their newest message, so listeners hear about the newest activity last.
        return dict(sorted(ordered.items(), key=lambda item: message_order(item[1][-1])))

    async def _list_account_messages(self, account_id: str | None, after: datetime) -> list[Message]:
        found: list[Message] = []
        cursor: str | None = None
        try:
            for _ in range(self.policy.max_message_pages):
                self.budget.spend(asked=self._asked_poll)
                page = await self._client.list_all_messages(
                    account_id=account_id, after=after, limit=self.policy.message_page_size, cursor=cursor
                )
                found.extend(page.items)
                if page.cursor is None or page.cursor == cursor:
                    return found
                cursor = page.cursor
        except (NotFoundError, ForbiddenError) as err:
            log.info("sync: the messages of account %s are not readable (%r); skipping it", account_id, err)
            return []
        except AuthenticationError as err:
            if not err.is_account_disconnected:
                raise
            log.info("sync: account %s is disconnected; skipping it", account_id)
            return []
        log.info("sync: more than %d pages of new messages; older ones show when their chat opens", len(found))
        return found

    async def _list_recent_chats(self, scope: tuple[str, ...] | None, since: datetime) -> list[Chat]:
        """Chats active after ``since``: the unfiltered list, newest first, read until it reaches older chats."""
        cache = self._store.cache
        chats: dict[str, Chat] = {}
        cursor: str | None = None
        for _ in range(self.policy.max_chat_pages):
            self.budget.spend(asked=self._asked_poll)
            page = await self._client.list_chats(account_ids=scope, limit=self.policy.chat_page_size, cursor=cursor)
            reached_older = False
            for chat in page.items:
                if chat.timestamp is None:
                    if cache.chat(chat.id) is None:  # a new chat without a message yet
                        chats.setdefault(chat.id, chat)
                elif chat.timestamp > since:
                    chats.setdefault(chat.id, chat)
                else:
                    reached_older = True
            if reached_older or page.cursor is None or page.cursor == cursor:
                break
            cursor = page.cursor
        return list(chats.values())

    async def _look_up_chats(self, chat_ids: Sequence[str]) -> list[Chat]:
        """``GET /chats/{id}`` for chats with new messages the listing did not show; unreadable ones are skipped."""
        if len(chat_ids) > self.policy.max_chat_lookups:
            log.info("sync: %d chats with new messages were not listed; reading the first few", len(chat_ids))
            chat_ids = chat_ids[: self.policy.max_chat_lookups]

        async def one(chat_id: str) -> Chat | None:
            self.budget.spend(asked=self._asked_poll)
            try:
                return await self._client.get_chat(chat_id)
            except (NotFoundError, ForbiddenError) as err:
                log.info("sync: chat %s is not readable (%r); skipping it", chat_id, err)
                return None
            except AuthenticationError as err:
                if not err.is_account_disconnected:
                    raise
                return None

        return [chat for chat in await self._gather([one(chat_id) for chat_id in chat_ids]) if chat is not None]

    async def _gather(self, calls: Sequence[Coroutine[Any, Any, T]]) -> list[T]:
        """Run ``calls`` side by side (a few at a time); raise the most telling error if any failed.

        ``asyncio.TaskGroup`` would raise an ``ExceptionGroup``, which is no ``UnipileError``: a 429 on one request
        would then read "Unexpected error" and its Retry-After would be lost.
        """
        semaphore = asyncio.Semaphore(max(1, self.policy.concurrent_requests))

        async def limited(call: Coroutine[Any, Any, T]) -> T:
            try:
                async with semaphore:
                    return await call
            finally:
                _close_if_unstarted(call)  # cancelled before its turn: closed, not left "never awaited"

        runs = [asyncio.ensure_future(limited(call)) for call in calls]
        try:
            outcomes = await asyncio.gather(*runs, return_exceptions=True)
        except asyncio.CancelledError:
            for call in calls:  # a run cancelled before its first step never reached its finally
                _close_if_unstarted(call)
            raise
        errors = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
        if errors:
            raise most_telling_error(errors)
        return [outcome for outcome in outcomes if not isinstance(outcome, BaseException)]

    def _store_messages(self, fetched: dict[str, list[Message]], result: PollResult) -> None:
        """Put fetched messages into the cache and report the ones it did not hold, per chat, oldest first."""
        cache = self._store.cache
        for chat_id, items in fetched.items():
            new = [message for message in items if cache.message(message.id) is None]
            cache.put_messages(items)
            if new:
                result.messages[chat_id] = new
                for listener in list(self._message_listeners):
                    _call(listener, chat_id, list(new))

    def _with_last_messages(self, chats: Iterable[Chat], fetched: dict[str, list[Message]]) -> list[Chat]:
        """Give each listed chat a last message for its preview: the newest fetched, else the cached one."""
        cache = self._store.cache
        out: list[Chat] = []
        for chat in chats:
            newest = _newest_visible(fetched.get(chat.id, ()))
            if chat.last_message is not None and (
                newest is None or message_order(chat.last_message) >= message_order(newest)
            ):
                out.append(chat)
                continue
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


def most_telling_error(errors: Sequence[BaseException]) -> BaseException:
    """Of several failures of one poll, the one to act on: a cancel, a 429 (longest wait), a rejected key, the first.

    An error outside the client's contract (a bug) is logged here and wins only when no ``UnipileError`` came.
    """
    for error in errors:
        if isinstance(error, asyncio.CancelledError):
            return error
    known = [error for error in errors if isinstance(error, UnipileError)]
    if not known:
        return errors[0]
    for error in errors:
        if not isinstance(error, UnipileError):  # not raised, so said here
            log.error("sync: unexpected error in a poll request", exc_info=error)
    limited = [error for error in known if isinstance(error, RateLimitedError)]
    if limited:
        return max(limited, key=lambda error: error.retry_after or 0.0)
    refused = [error for error in known if isinstance(error, AuthenticationError)]
    return refused[0] if refused else known[0]


def _close_if_unstarted(call: Coroutine[Any, Any, Any]) -> None:
    if inspect.getcoroutinestate(call) == inspect.CORO_CREATED:
        call.close()


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


def _newest_visible(messages: Iterable[Message]) -> Message | None:
    visible = [m for m in messages if not m.hidden]
    return max(visible, key=message_order) if visible else None


def _newest_first(chats: Iterable[Chat]) -> list[Chat]:
    return sorted(
        chats,
        key=lambda c: (c.timestamp is not None, c.timestamp.timestamp() if c.timestamp else 0.0, c.id),
        reverse=True,
    )


def _has_changed(previous: Chat | None, chat: Chat) -> bool:
    return previous is None or _ChatKey.of(previous) != _ChatKey.of(chat)


def _updated_from(cache: CacheTables, chat_id: str, messages: Sequence[Message]) -> Chat | None:
    """The cached list entry of ``chat_id`` moved on by ``messages`` (oldest first): activity, unread count.

    None when the cache does not list the chat or the messages are not newer than its entry. The preview is
    filled in later (``_with_last_messages``), from the same messages.
    """
    cached = cache.chat(chat_id)
    if cached is None:
        return None
    newest = max((m.timestamp for m in messages if m.timestamp is not None), default=None)
    if newest is None or (cached.timestamp is not None and newest <= cached.timestamp):
        return None
    unread = sum(
        1 for m in messages if not m.is_sender and not m.hidden and not m.is_event and cache.message(m.id) is None
    )
    return replace(cached, timestamp=newest, unread_count=cached.unread_count + unread)
