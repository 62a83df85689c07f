"""The outbox's engine: one lane per chat that sends its entries in order, the attempts, and the UI's commands.

Pure asyncio, no Qt: the soak test drives it directly and a thin Qt wrapper forwards its listener calls as
signals. The rules it keeps are in the package docstring. The engine owns the effects (saving entries, telling
listeners, waiting); ``reconcile`` judges whether a send arrived, ``policy`` says what comes next after each
outcome, and ``sending`` makes the request.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import replace

from ...api.errors import RateLimitedError, UnipileError
from ...api.models import LinkedinOptions, Message
from ...api.protocols import SendingClient
from ...store.outbox import MessageSend, NewChatSend, OutboxEntry, OutboxState, Send
from ...store.store import Store
from ...texts import translate
from ..quotes import is_quote_gone, quote_gone_sentence
from ..waiting import sleep_unless_woken
from .policy import (
    RetryPolicy,
    after_absence,
    after_ambiguous_attempt,
    after_check_error,
    in_doubt,
    is_permanent,
    is_transient,
)
from .reconcile import NOT_FOUND, Found, Outcome, Reconciler, Unclear, late_copies
from .sending import read_files, request

log = logging.getLogger(__name__)

Listener = Callable[[OutboxEntry], None]


class OutboxError(RuntimeError):
    """A request to the engine that cannot be done now; ``str(err)`` is a sentence for the user."""


class OutboxEngine:
    """Sends what the outbox holds. Call ``start()`` on the running loop and ``await close()`` at shutdown."""

    def __init__(
        self,
        store: Store,
        client: SendingClient,
        *,
        policy: RetryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._store = store
        self._outbox = store.outbox
        self._client = client
        self.policy = policy or RetryPolicy()
        self._clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._reconciler = Reconciler(self._outbox, client, self.policy, clock)
        self._listeners: list[tuple[Listener, Listener | None]] = []
        self._lanes: dict[str, asyncio.Task[None]] = {}
        self._wakeups: dict[str, asyncio.Event] = {}
        self._in_flight: set[str] = set()
        self._paused_until: dict[str, float] = {}  # account key → epoch seconds (429)
        self._certain_failures: dict[str, int] = {}  # local id → failures in a row that sent nothing (backoff)
        self._semaphore: asyncio.Semaphore | None = None
        self._idle: asyncio.Event | None = None
        self._started = False
        self._closed = False

    # ------------------------------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Resume unfinished entries (on the running loop): interrupted sends are reconciled first."""
        if self._started:
            return
        self._started = True
        self._semaphore = asyncio.Semaphore(self.policy.max_concurrent_requests)
        self._idle = asyncio.Event()
        self._idle.set()
        now = self._clock()
        self._outbox.prune_sent(now - self.policy.sent_retention)
        for entry in self._outbox.entries(states=("sending",)):
            # Killed mid-request: when is unknown, so the whole settle window runs from now, like any doubt.
            reason = translate("Outbox", "The app stopped while sending this; checking whether it arrived.")
            self._save(after_ambiguous_attempt(entry, reason, now, self.policy))
        for entry in self._outbox.entries(states=("unknown",)):
            if entry.settle_until is None:  # written by an older version: give it the full window too
                self._save(
                    in_doubt(
                        entry, entry.reason or translate("Outbox", "Checking whether it arrived."), now, self.policy
                    )
                )
        for lane in self._outbox.lanes_with_work():
            self._ensure_lane(lane)

    async def close(self) -> None:
        """Stop working; a request cut off here leaves its entry ``unknown`` for the next start to reconcile."""
        self._closed = True
        tasks = list(self._lanes.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._lanes.clear()

    def add_listener(self, on_change: Listener, on_discard: Listener | None = None) -> Callable[[], None]:
        """Call ``on_change(entry)`` after every state change (and ``on_discard``); returns a remover."""
        pair = (on_change, on_discard)
        self._listeners.append(pair)

        def remove() -> None:
            with contextlib.suppress(ValueError):
                self._listeners.remove(pair)

        return remove

    # ------------------------------------------------------------------------------------------ commands

    def send_message(
        self,
        chat_id: str,
        text: str | None = None,
        attachments: Sequence[str] = (),
        *,
        quote_id: str | None = None,
        account_id: str | None = None,
        draft_key: str | None = None,
        quote_sender: str | None = None,
        quote_text: str | None = None,
    ) -> OutboxEntry:
        """Queue a message to an existing chat; it is in the database when this returns. A reply carries the
        quoted message's id and what its bubble shows of it (``quote_sender``, ``quote_text``)."""
        send = MessageSend(chat_id, text or None, tuple(attachments), quote_id, account_id, quote_sender, quote_text)
        return self.enqueue(send, draft_key=draft_key)

    def start_chat(
        self,
        account_id: str,
        attendee_ids: Sequence[str],
        text: str | None = None,
        attachments: Sequence[str] = (),
        *,
        subject: str | None = None,
        linkedin: LinkedinOptions | None = None,
        draft_key: str | None = None,
    ) -> OutboxEntry:
        """Queue the first message of a new chat."""
        send = NewChatSend(
            account_id=account_id,
            attendee_ids=tuple(attendee_ids),
            text=text or None,
            subject=subject or None,
            attachments=tuple(attachments),
            linkedin_api=linkedin.api if linkedin is not None else None,
            inmail=linkedin.inmail if linkedin is not None else False,
        )
        return self.enqueue(send, draft_key=draft_key)

    def enqueue(self, send: Send, *, draft_key: str | None = None, local_id: str | None = None) -> OutboxEntry:
        if not (send.text and send.text.strip()) and not send.attachments:
            raise ValueError("A message needs text or an attachment.")
        if isinstance(send, NewChatSend) and not send.attendee_ids:
            raise ValueError("A new chat needs at least one recipient.")
        entry = self._outbox.add(send, local_id=local_id, draft_key=draft_key)
        self._notify(entry)
        if self._started and not self._closed:
            self._ensure_lane(entry.lane)
        return entry

    def retry(self, local_id: str) -> OutboxEntry:
        """Send a failed entry again, after everything queued so far; a send that was tried is looked for first."""
        entry = self._require(local_id)
        if entry.state != "failed":
            raise OutboxError(translate("Outbox", "Only a message that failed can be retried."))
        # Even a clear refusal may follow an earlier ambiguous attempt: looking first costs one list request.
        state = "unknown" if entry.attempts else "queued"
        entry = self._outbox.move_to_end(
            entry.with_changes(state=state, reason=None, next_attempt_at=None, ambiguous_attempts=0)
        )
        self._notify(entry)
        if self._started and not self._closed:
            self._ensure_lane(entry.lane)
        return entry

    def check_again(self, local_id: str) -> OutboxEntry:
        """Look again for a message the engine was not sure about (same evidence rules as before)."""
        entry = self._require(local_id)
        if entry.state != "unsure":
            raise OutboxError(translate("Outbox", "Only a message marked “not sure” can be checked again."))
        return self._resume(
            entry.with_changes(state="unknown", reason=translate("Outbox", "Checking again whether it arrived."))
        )

    def send_again(self, local_id: str) -> OutboxEntry:
        """The person decided it did not arrive: send it again, after everything queued so far, without looking."""
        entry = self._require(local_id)
        if entry.state != "unsure":
            raise OutboxError(translate("Outbox", "Only a message marked “not sure” can be sent again this way."))
        entry = self._outbox.move_to_end(
            entry.with_changes(state="queued", reason=None, next_attempt_at=None, ambiguous_attempts=0)
        )
        return self._resume(entry)

    def confirm_sent(self, local_id: str) -> OutboxEntry:
        """The person saw it arrived: mark it sent without sending anything."""
        entry = self._require(local_id)
        if entry.state != "unsure":
            raise OutboxError(translate("Outbox", "Only a message marked “not sure” can be marked as sent."))
        if local_id in self._in_flight:
            raise OutboxError(
                translate("Outbox", "This message is being checked right now. Wait a moment, then try again.")
            )
        return self._mark_sent(entry, None, entry.chat_id)

    def _resume(self, entry: OutboxEntry) -> OutboxEntry:
        if entry.state != "queued":
            entry = self._outbox.save(entry.with_changes(next_attempt_at=None))
        self._notify(entry)
        if self._started and not self._closed:
            self._ensure_lane(entry.lane)
        return entry

    def discard(self, local_id: str) -> OutboxEntry:
        """Remove an entry that is not being sent right now; returns it (its ``send`` holds the text for Edit).

        Discarding an ``unknown`` entry gives up checking whether it arrived: the UI should say so.
        """
        entry = self._require(local_id)
        if local_id in self._in_flight:
            raise OutboxError(
                translate("Outbox", "This message is being sent or checked right now. Wait a moment, then try again.")
            )
        if entry.state == "sent":
            raise OutboxError(translate("Outbox", "This message was already sent."))
        self._outbox.delete(local_id)
        self._certain_failures.pop(local_id, None)
        for _, on_discard in list(self._listeners):
            if on_discard is not None:
                self._call(on_discard, entry)
        self._wake_lane(entry.lane)
        return entry

    def wake(self) -> None:
        """Retry everything waiting now (e.g. the network is back), instead of at its scheduled time.

        A 429's pause stays: the server asked for that wait, and the network coming back does not change it.
        """
        now = self._clock()
        for entry in self._outbox.entries(states=("queued", "unknown")):
            if entry.next_attempt_at is None or entry.next_attempt_at <= now:
                continue
            # An early look at an ambiguous send is harmless: it is never re-sent before its window has passed.
            self._outbox.save(entry.with_changes(next_attempt_at=now))
        for lane in list(self._lanes):
            self._wake_lane(lane)

    # ------------------------------------------------------------------------------------------ queries

    def get(self, local_id: str) -> OutboxEntry | None:
        return self._outbox.get(local_id)

    def entries(self, chat_id: str | None = None, *, include_sent: bool = False) -> list[OutboxEntry]:
        """Entries to show (pending and failed; sent ones too if asked), in send order."""
        states: tuple[OutboxState, ...] | None = (
            None if include_sent else ("queued", "sending", "unknown", "unsure", "failed")
        )
        return self._outbox.entries(chat_id=chat_id, states=states)

    @property
    def busy(self) -> bool:
        """Whether some entry is still queued, being sent or being checked."""
        return bool(self._lanes)

    async def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until no entry is left to work on; False if ``timeout`` (seconds, real time) ran out first."""
        if self._idle is None:
            raise RuntimeError("start() the engine first")
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
        except TimeoutError:
            return False
        return True

    # ------------------------------------------------------------------------------------------ lanes

    def _ensure_lane(self, lane: str) -> None:
        task = self._lanes.get(lane)
        if task is not None and not task.done():
            self._wake_lane(lane)
            return
        assert self._idle is not None
        self._idle.clear()
        self._lanes[lane] = asyncio.ensure_future(self._run_lane(lane))

    def _wake_lane(self, lane: str) -> None:
        event = self._wakeups.get(lane)
        if event is not None:
            event.set()

    async def _run_lane(self, lane: str) -> None:
        try:
            while not self._closed:
                entry = self._outbox.head(lane)
                if entry is None:
                    return
                delay = self._time_until_due(entry)
                if delay > 0:
                    await self._wait(lane, delay)
                    continue  # the head may have changed meanwhile (discarded, retried, woken)
                self._in_flight.add(entry.local_id)
                try:
                    await self._process(entry)
                except asyncio.CancelledError:
                    raise
                except Exception:  # a bug must not kill the lane silently; the entry is checked, never resent blindly
                    log.exception("Outbox: unexpected error while handling %s", entry.local_id)
                    current = self._outbox.get(entry.local_id)
                    if current is not None and not current.is_finished:
                        self._save(
                            current.with_changes(
                                state="unknown",
                                reason=translate(
                                    "Outbox", "Something unexpected happened; checking whether it was sent."
                                ),
                                next_attempt_at=self._clock() + self._backoff(max(current.attempts, 1)),
                            )
                        )
                finally:
                    self._in_flight.discard(entry.local_id)
        finally:
            if self._lanes.get(lane) is asyncio.current_task():
                del self._lanes[lane]
            self._wakeups.pop(lane, None)
            if not self._lanes and self._idle is not None:
                self._idle.set()

    def _time_until_due(self, entry: OutboxEntry) -> float:
        now = self._clock()
        due = entry.next_attempt_at or 0.0
        due = max(due, self._paused_until.get(_account_key(entry.send), 0.0))
        return max(0.0, due - now)

    async def _wait(self, lane: str, seconds: float) -> None:
        await sleep_unless_woken(self._wakeups.setdefault(lane, asyncio.Event()), seconds, self._sleep)

    # ------------------------------------------------------------------------------------------ one entry

    async def _process(self, entry: OutboxEntry) -> None:
        if entry.state in ("sending", "unknown"):
            outcome = await self._reconcile(entry)
            if outcome is None:
                return  # could not look; rescheduled
            if isinstance(outcome, Found):
                self._mark_sent(entry, outcome.message_id, outcome.chat_id, outcome.extra_ids)
                return
            if isinstance(outcome, Unclear):
                self._save(
                    entry.with_changes(
                        state="unsure",
                        reason=translate("Outbox", "Not sure this was sent. {reason}").format(reason=outcome.reason),
                        next_attempt_at=None,
                    )
                )
                return
            instead = after_absence(entry, self._clock(), self.policy)  # look again, or fail; else send it again
            if instead is not None:
                self._save(instead)
                return
        twin_settles_at = self._reconciler.unsettled_twin(entry)
        if twin_settles_at is not None:
            # An identical message left its lane "not sure" while its copy may still land: sending this one now
            # would take a baseline without that copy and could later claim it as its own.
            self._save(
                entry.with_changes(
                    state="queued",
                    reason=translate("Outbox", "Waiting while the same message sent just before is being checked."),
                    next_attempt_at=twin_settles_at,
                )
            )
            return
        await self._attempt(entry)

    async def _attempt(self, entry: OutboxEntry) -> None:
        send = entry.send
        try:
            files = await read_files(send.attachments)
        except OSError as exc:
            self._save(entry.with_changes(state="failed", reason=str(exc), next_attempt_at=None))
            return
        assert self._semaphore is not None
        async with self._semaphore:
            if self._closed:
                return
            try:
                baseline = await self._reconciler.take_baseline(send)
            except UnipileError as err:  # nothing was sent: wait like after a certain failure
                self._after_error(entry, err, certain=True)
                return
            now = self._clock()
            entry = self._save(
                entry.with_changes(
                    state="sending",
                    attempts=entry.attempts + 1,
                    first_attempt_at=entry.first_attempt_at if entry.first_attempt_at is not None else now,
                    last_attempt_at=now,
                    next_attempt_at=None,
                    baseline=baseline,
                )
            )
            try:
                message_id, chat_id = await request(self._client, send, files)
            except asyncio.CancelledError:
                # The app is closing mid-request: the server may store it yet, so the full window applies.
                reason = translate("Outbox", "Sending was interrupted; checking whether it arrived.")
                self._save(after_ambiguous_attempt(entry, reason, self._clock(), self.policy))
                raise
            except UnipileError as err:
                self._after_error(entry, err)
                return
            except Exception as exc:  # not from the client's contract: assume it may have gone out
                log.exception("Outbox: unexpected error sending %s", entry.local_id)
                self._after_error(
                    entry,
                    UnipileError(translate("Outbox", "Unexpected error: {error}").format(error=type(exc).__name__)),
                )
                return
            if message_id is None and isinstance(send, MessageSend):
                # Accepted without an id: find its copy now, so an identical message can never claim it.
                message_id = await self._reconciler.own_copy(entry, send, baseline)
                if message_id is None:  # not listed yet: identical messages wait until it is, or the window ends
                    entry = entry.with_changes(settle_until=self._clock() + self.policy.settle_window)
        self._mark_sent(entry, message_id, chat_id)

    def _after_error(self, entry: OutboxEntry, err: UnipileError, *, certain: bool = False) -> None:
        """``certain``: the request was never made (the look before it failed), whatever the error says."""
        now = self._clock()
        sentence = err.user_message()
        reached = err.may_have_reached_server and not certain
        if isinstance(err, RateLimitedError):
            delay = self._backoff(entry.attempts)
            if err.retry_after is not None:
                delay = self.policy.rate_limited_delay(err.retry_after, self._rng)  # at least what the server asked
                self._paused_until[_account_key(entry.send)] = now + err.retry_after
            self._save(entry.with_changes(state="queued", reason=sentence, next_attempt_at=now + delay))
        elif not reached and is_transient(err):
            streak = self._certain_failures.get(entry.local_id, 0) + 1
            self._certain_failures[entry.local_id] = streak
            self._save(entry.with_changes(state="queued", reason=sentence, next_attempt_at=now + self._backoff(streak)))
        elif not reached or is_permanent(err):
            if isinstance(entry.send, MessageSend) and entry.send.quote_id and is_quote_gone(err):
                sentence = quote_gone_sentence()  # in words, and the text stays in the entry: never a silent drop
                entry = entry.with_changes(send=replace(entry.send, quote_gone=True))
            self._save(entry.with_changes(state="failed", reason=sentence, next_attempt_at=None))
        else:
            self._save(
                after_ambiguous_attempt(
                    entry,
                    translate("Outbox", "{reason} Checking whether it arrived.").format(reason=sentence),
                    now,
                    self.policy,
                )
            )

    def _mark_sent(
        self, entry: OutboxEntry, message_id: str | None, chat_id: str | None, extra_ids: Sequence[str] = ()
    ) -> OutboxEntry:
        done = entry.with_changes(
            state="sent",
            reason=None,
            next_attempt_at=None,
            message_id=message_id,
            chat_id=chat_id or entry.chat_id,
            duplicate_ids=tuple(dict.fromkeys((*entry.duplicate_ids, *extra_ids))),
        )
        self._certain_failures.pop(entry.local_id, None)
        with self._store.db.transaction():
            done = self._outbox.save(done)
            if entry.draft_key:
                self._store.drafts.delete_if_not_newer(entry.draft_key, entry.created_at)
        self._notify(done)
        return done

    # ------------------------------------------------------------------------------------------ late copies

    def note_messages(self, messages: Iterable[Message]) -> None:
        """Messages the sync has just seen: the copy of a send accepted without an id, and late extra copies.

        Only sends that went through doubt (or got no id) and settled within ``duplicate_watch`` are looked at,
        only copies new since their baseline and claimed by no entry, and never while an identical message in
        the same chat could own the copy (it is unresolved, or went out later): "ok" typed again is not a copy.
        """
        by_chat: dict[str, list[Message]] = {}
        for message in messages:
            if message.is_sender and message.chat_id:
                by_chat.setdefault(message.chat_id, []).append(message)
        if not by_chat:
            return
        watched = self._outbox.recently_settled(self._clock() - self.policy.duplicate_watch, by_chat)
        if not watched:
            return
        claimed = self._outbox.claimed_message_ids()
        for entry in watched:
            send = entry.send
            if not isinstance(send, MessageSend) or self._reconciler.rivals(entry, later_too=True):
                continue
            floor = self.policy.copy_floor(entry)
            copies = late_copies(entry, send, by_chat.get(send.chat_id, ()), claimed, floor)
            if not copies:
                continue
            claimed.update(copies)
            found_own = entry.message_id is None
            if found_own:  # accepted without an id, or marked sent by the person: the first copy is its own
                entry, copies = entry.with_changes(message_id=copies[0]), copies[1:]
            if copies:
                log.warning("Outbox: %s has %d extra cop(ies) on the server", entry.local_id, len(copies))
            self._save(entry.with_changes(duplicate_ids=(*entry.duplicate_ids, *copies)))
            if found_own:
                self._wake_lane(entry.lane)  # an identical message may be waiting for this copy to be claimed

    def note_arrived(self, chat_id: str, messages: Sequence[Message]) -> None:
        """The sync's ``messages_arrived`` listener shape (chat id, messages)."""
        self.note_messages(messages)

    # ------------------------------------------------------------------------------------------ reconcile

    async def _reconcile(self, entry: OutboxEntry) -> Outcome | None:
        """Look for the entry's message on the server; None when it could not look (rescheduled)."""
        if entry.attempts == 0:
            return NOT_FOUND  # never went out (e.g. retried before its first attempt)
        try:
            assert self._semaphore is not None
            async with self._semaphore:
                outcome = await self._reconciler.look(entry)
        except asyncio.CancelledError:
            raise
        except UnipileError as err:
            self._save(after_check_error(entry, err, self._clock(), self.policy, self._rng))
            return None
        return outcome

    # ------------------------------------------------------------------------------------------ helpers

    def _backoff(self, failures: int) -> float:
        return self.policy.retry_delay(failures, self._rng)

    def _save(self, entry: OutboxEntry) -> OutboxEntry:
        saved = self._outbox.save(entry)
        self._notify(saved)
        return saved

    def _require(self, local_id: str) -> OutboxEntry:
        entry = self._outbox.get(local_id)
        if entry is None:
            raise OutboxError(translate("Outbox", "This message is no longer in the outbox."))
        return entry

    def _notify(self, entry: OutboxEntry) -> None:
        for on_change, _ in list(self._listeners):
            self._call(on_change, entry)

    @staticmethod
    def _call(listener: Listener, entry: OutboxEntry) -> None:
        try:
            listener(entry)
        except Exception:  # a broken listener must not stop sending
            log.exception("Outbox listener failed")


def _account_key(send: Send) -> str:
    return send.account_id or "*"
