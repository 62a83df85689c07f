"""Sending through the durable outbox: ordered per chat, retried only when safe, reconciled on proof only.

Pure asyncio, no Qt: the soak test drives it directly and a thin Qt wrapper forwards its listener calls as
signals. Unipile sends carry no idempotency key, so the rules that keep a send from being lost or duplicated
live here:

- An entry is written to the outbox (``queued``) before anything else. Before each attempt the engine lists
  the chat's newest page and records those message ids (the *baseline*; for a new chat, the account's chats
  and their last activity); then the entry is marked ``sending`` (attempt counter +1) in the database,
  together with the baseline, before its request goes out. If that listing fails, nothing was sent: the entry
  waits like after a certain failure. A send accepted without an id looks up its own copy at once, so that no
  identical message can claim it; until it is found, identical messages in that chat wait.
- Failures that certainly did not reach the server (connection refused, 429, 503, which the client reports
  with ``may_have_reached_server`` False) go back to ``queued`` and are retried with exponential backoff and
  jitter, honouring a 429's ``retry_after``; there is no attempt limit, so sends made offline go out when the
  server is back (``wake()`` retries at once, e.g. when the sync sees the network return).
- Every ambiguous outcome (timeout or dropped connection after the body went out, 500/502/504, an unreadable
  answer, the app closed mid-request, the process killed) becomes ``unknown`` with one settle window
  (``settle_window``, from the moment the outcome was seen; after a kill, from the restart). The engine looks
  at ``settle_delay`` and then every ``check_interval``: a message counts as this send only if it is *new
  since the baseline* (above the baseline's ids in the newest-first listing), ours (``is_sender``), with the
  same content, and claimed by no other entry. Exactly one such message: ``sent``. None, once the window has
  passed: proof of absence, sent again. After ``max_ambiguous_attempts`` proven-absent attempts: ``failed``.
- When the evidence stays ambiguous (more than one new copy after a single attempt, the baseline not found
  within the pages read, a check refused, an identical message of ours whose copy is not attributed yet), the
  entry becomes ``unsure``: the person decides with Check again
  (``check_again``), Send again (``send_again``) or It was sent (``confirm_sent``). Never sent without proof
  of absence, never marked sent without proof of presence. An identical message waits while an ``unsure``
  one is still within its window: its late copy must land before the next baseline is taken.
- A sent entry that went through an ambiguous attempt is watched for a while: ``note_messages`` (called by the
  sync with every batch) records extra copies in ``duplicate_ids``, so the bubble can say "Sent twice".
- A new chat (``POST /chats``) is never sent again automatically after an ambiguous failure: Unipile creates
  and syncs the chat in its own time, and a repeat can cost a LinkedIn InMail credit and reach the person
  twice. The engine looks for it at ``new_chat_checks`` (about 5 s, 30 s and 2 min after the attempt); if it
  never shows, the entry fails with "It may have been sent — check … before sending again". Only the user's
  Retry sends it again (after one more look).
- Other 4xx (and 501) become ``failed`` with the error's sentence; the UI offers Retry (``retry``), Edit (the
  entry's ``send`` data, then ``discard``) and Discard (``discard``).
- Order: one chat's entries go strictly one after another (a "lane"); different chats proceed concurrently.
  A ``failed`` or ``unsure`` entry leaves its lane so later messages are not blocked behind a question only
  the user can answer; a retried entry goes to the end of its lane. An ``unknown`` entry does block its lane:
  sending the next message before knowing whether this one arrived could reorder them.

Known limits (no server-side idempotency exists): a copy of the same text stored from the same account by
someone else (the agent's phone, a colleague) *after* the attempt began cannot be told apart from a late copy
of ours; if our request was lost at the same time, that copy is taken for ours, and within
``duplicate_watch`` such a copy can be flagged "Sent twice". A copy the server stores after the settle window
has passed (and after the message was sent again) is a real duplicate: it is flagged, not prevented.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass

from ...api.errors import NetworkError, NotFoundError, RateLimitedError, ServerError, UnipileError
from ...api.models import LinkedinOptions, Message, OutgoingFile, epoch_seconds, message_order
from ...api.protocols import SendingClient
from ...store.outbox import Baseline, MessageSend, NewChatSend, OutboxEntry, OutboxState, Send
from ...store.store import Store

log = logging.getLogger(__name__)

Listener = Callable[[OutboxEntry], None]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Timings of the engine; the defaults suit a desktop app, tests and the soak pass small ones."""

    base_delay: float = 1.0  # first retry after a certain failure
    max_delay: float = 60.0  # backoff cap: an offline queue is retried at least this often
    multiplier: float = 2.0
    jitter: float = 0.5  # up to this fraction of each delay is randomly taken off, to spread retries
    settle_delay: float = 3.0  # first look after an ambiguous outcome
    settle_window: float = 45.0  # no re-send before this long after an ambiguous outcome: the server may be late
    check_interval: float = 5.0  # looks repeat this often until the window has passed
    new_chat_checks: tuple[float, ...] = (5.0, 30.0, 120.0)  # a new chat is looked for this long after its attempt
    max_ambiguous_attempts: int = 6  # ambiguous attempts (each proven not arrived) before failing
    skew: float = 120.0  # tolerated clock difference, where a time window must stand in for a baseline
    baseline_size: int = 20  # newest message ids recorded before a first attempt
    reconcile_page_size: int = 50
    reconcile_max_pages: int = 4
    reconcile_max_chats: int = 10  # new chats: how many recent chats of the account to look into
    max_concurrent_requests: int = 4
    duplicate_watch: float = 120.0  # how long a send that went through doubt is watched for a late copy
    sent_retention: float = 7 * 24 * 3600.0  # sent entries are kept this long (their message ids are claimed)


NEW_CHAT_UNCONFIRMED = (
    "The server did not confirm this new chat, and it has not appeared since. It may have been sent — check the "
    "chat list (or LinkedIn) before sending again."
)


class OutboxError(RuntimeError):
    """A request to the engine that cannot be done now; ``str(err)`` is a sentence for the user."""


class _NotFound:
    """Reconcile looked and the message is not there."""


_NOT_FOUND = _NotFound()


@dataclass(frozen=True, slots=True)
class _Found:
    message_id: str
    chat_id: str
    extra_ids: tuple[str, ...] = ()  # further new copies, when the entry was sent more than once


@dataclass(frozen=True, slots=True)
class _Unclear:
    """Reconcile looked and cannot tell; ``reason`` says why, for the person who decides."""

    reason: str


NOT_SURE = "Not sure this was sent."


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
            self._save(
                self._in_doubt(
                    entry.with_changes(ambiguous_attempts=entry.ambiguous_attempts + 1),
                    "The app stopped while sending this; checking whether it arrived.",
                    now,
                )
            )
        for entry in self._outbox.entries(states=("unknown",)):
            if entry.settle_until is None:  # written by an older version: give it the full window too
                self._save(self._in_doubt(entry, entry.reason or "Checking whether it arrived.", now))
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
    ) -> OutboxEntry:
        """Queue a message to an existing chat; it is in the database when this returns."""
        return self.enqueue(
            MessageSend(chat_id, text or None, tuple(attachments), quote_id, account_id), draft_key=draft_key
        )

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
            raise OutboxError("Only a message that failed can be retried.")
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
            raise OutboxError("Only a message marked “not sure” can be checked again.")
        return self._resume(entry.with_changes(state="unknown", reason="Checking again whether it arrived."))

    def send_again(self, local_id: str) -> OutboxEntry:
        """The person decided it did not arrive: send it again, after everything queued so far, without looking."""
        entry = self._require(local_id)
        if entry.state != "unsure":
            raise OutboxError("Only a message marked “not sure” can be sent again this way.")
        entry = self._outbox.move_to_end(
            entry.with_changes(state="queued", reason=None, next_attempt_at=None, ambiguous_attempts=0)
        )
        return self._resume(entry)

    def confirm_sent(self, local_id: str) -> OutboxEntry:
        """The person saw it arrived: mark it sent without sending anything."""
        entry = self._require(local_id)
        if entry.state != "unsure":
            raise OutboxError("Only a message marked “not sure” can be marked as sent.")
        if local_id in self._in_flight:
            raise OutboxError("This message is being checked right now. Wait a moment, then try again.")
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
            raise OutboxError("This message is being sent or checked right now. Wait a moment, then try again.")
        if entry.state == "sent":
            raise OutboxError("This message was already sent.")
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
                                reason="Something unexpected happened; checking whether it was sent.",
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
        event = self._wakeups.setdefault(lane, asyncio.Event())
        if event.is_set():
            event.clear()
            return
        sleeper = asyncio.ensure_future(self._sleep(seconds))
        waker = asyncio.ensure_future(event.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            waker.cancel()
        event.clear()

    # ------------------------------------------------------------------------------------------ one entry

    async def _process(self, entry: OutboxEntry) -> None:
        if entry.state in ("sending", "unknown"):
            outcome = await self._reconcile(entry)
            if outcome is None:
                return  # could not look; rescheduled
            if isinstance(outcome, _Found):
                self._mark_sent(entry, outcome.message_id, outcome.chat_id, outcome.extra_ids)
                return
            if isinstance(outcome, _Unclear):
                self._save(
                    entry.with_changes(state="unsure", reason=f"{NOT_SURE} {outcome.reason}", next_attempt_at=None)
                )
                return
            if isinstance(entry.send, NewChatSend) and entry.ambiguous_attempts > 0:
                self._look_again_or_give_up(entry)  # never started twice without the user saying so
                return
            now = self._clock()
            if entry.settle_until is not None and now < entry.settle_until and entry.attempts > 0:
                # Not there yet, but the server may still store it: look again, re-send only after the window.
                self._save(
                    entry.with_changes(next_attempt_at=min(now + self.policy.check_interval, entry.settle_until))
                )
                return
            if entry.ambiguous_attempts >= self.policy.max_ambiguous_attempts:
                self._save(
                    entry.with_changes(
                        state="failed",
                        reason=f"Not sent after {entry.attempts} tries. {entry.reason or ''}".strip(),
                        next_attempt_at=None,
                    )
                )
                return
        twin_settles_at = self._unsettled_twin(entry)
        if twin_settles_at is not None:
            # An identical message left its lane "not sure" while its copy may still land: sending this one now
            # would take a baseline without that copy and could later claim it as its own.
            self._save(
                entry.with_changes(
                    state="queued",
                    reason="Waiting while the same message sent just before is being checked.",
                    next_attempt_at=twin_settles_at,
                )
            )
            return
        await self._attempt(entry)

    def _unsettled_twin(self, entry: OutboxEntry) -> float | None:
        """The end of the window of an identical message whose copy may still land unclaimed, if there is one.

        That is an ``unsure`` entry, or one sent without a message id whose copy has not been seen yet.
        """
        now = self._clock()
        ends = [
            other.settle_until
            for other in self._twins(entry)
            if (other.state == "unsure" or (other.state == "sent" and other.message_id is None))
            and other.settle_until is not None
            and other.settle_until > now
        ]
        return max(ends) if ends else None

    def _twins(self, entry: OutboxEntry) -> list[OutboxEntry]:
        """The other entries of the same chat with the same content: reconcile cannot tell their copies apart."""
        send = entry.send
        if not isinstance(send, MessageSend):
            return []
        return [
            other
            for other in self._outbox.entries(chat_id=send.chat_id)  # every state
            if other.local_id != entry.local_id and _same_send(other.send, send)
        ]

    async def _attempt(self, entry: OutboxEntry) -> None:
        send = entry.send
        try:
            files = await _read_files(send.attachments)
        except OSError as exc:
            self._save(entry.with_changes(state="failed", reason=str(exc), next_attempt_at=None))
            return
        assert self._semaphore is not None
        async with self._semaphore:
            if self._closed:
                return
            try:
                baseline = await self._take_baseline(send)
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
                message_id, chat_id = await self._request(send, files)
            except asyncio.CancelledError:
                # The app is closing mid-request: the server may store it yet, so the full window applies.
                self._save(
                    self._in_doubt(
                        entry.with_changes(ambiguous_attempts=entry.ambiguous_attempts + 1),
                        "Sending was interrupted; checking whether it arrived.",
                        self._clock(),
                    )
                )
                raise
            except UnipileError as err:
                self._after_error(entry, err)
                return
            except Exception as exc:  # not from the client's contract: assume it may have gone out
                log.exception("Outbox: unexpected error sending %s", entry.local_id)
                self._after_error(entry, UnipileError(f"Unexpected error: {type(exc).__name__}"))
                return
            if message_id is None and isinstance(send, MessageSend):
                # Accepted without an id: find its copy now, so an identical message can never claim it.
                message_id = await self._own_copy(entry, send, baseline)
                if message_id is None:  # not listed yet: identical messages wait until it is, or the window ends
                    entry = entry.with_changes(settle_until=self._clock() + self.policy.settle_window)
        self._mark_sent(entry, message_id, chat_id)

    async def _own_copy(self, entry: OutboxEntry, send: MessageSend, baseline: Baseline) -> str | None:
        try:
            found = await self._find_since_baseline(entry, send, baseline)
        except UnipileError as err:
            log.info("Outbox: could not look up the copy of %s yet: %r", entry.local_id, err)
            return None
        return found.message_id if isinstance(found, _Found) else None

    async def _take_baseline(self, send: Send) -> Baseline:
        """What the server holds right before an attempt: anything newer later is new since the attempt began."""
        if isinstance(send, MessageSend):
            page = await self._client.list_messages(send.chat_id, limit=self.policy.baseline_size)
            stamps = [m.timestamp.timestamp() for m in page.items if m.timestamp is not None]
            return Baseline(tuple(m.id for m in page.items), min(stamps) if stamps else None)
        chats = await self._client.list_chats(account_ids=[send.account_id], limit=self.policy.reconcile_page_size)
        activity = tuple((c.id, epoch_seconds(c.timestamp)) for c in chats.items)
        stamps = [at for _, at in activity if at is not None]
        return Baseline((), min(stamps) if stamps else None, activity)

    async def _request(self, send: Send, files: list[OutgoingFile]) -> tuple[str | None, str | None]:
        if isinstance(send, MessageSend):
            sent = await self._client.send_message(
                send.chat_id, text=send.text, attachments=files, quote_id=send.quote_id, account_id=send.account_id
            )
            return sent.message_id, send.chat_id
        linkedin = LinkedinOptions(api=send.linkedin_api, inmail=send.inmail) if send.linkedin_api is not None else None
        started = await self._client.start_chat(
            send.account_id,
            send.attendee_ids,
            text=send.text,
            subject=send.subject,
            attachments=files,
            linkedin=linkedin,
        )
        return started.message_id, started.chat_id

    def _after_error(self, entry: OutboxEntry, err: UnipileError, *, certain: bool = False) -> None:
        """``certain``: the request was never made (the look before it failed), whatever the error says."""
        now = self._clock()
        sentence = err.user_message()
        reached = err.may_have_reached_server and not certain
        if isinstance(err, RateLimitedError):
            delay = self._backoff(entry.attempts)
            if err.retry_after is not None:
                delay = err.retry_after * (1.0 + 0.1 * self._rng.random())  # at least what the server asked
                self._paused_until[_account_key(entry.send)] = now + err.retry_after
            self._save(entry.with_changes(state="queued", reason=sentence, next_attempt_at=now + delay))
        elif not reached and _is_transient(err):
            streak = self._certain_failures.get(entry.local_id, 0) + 1
            self._certain_failures[entry.local_id] = streak
            self._save(entry.with_changes(state="queued", reason=sentence, next_attempt_at=now + self._backoff(streak)))
        elif not reached or _is_permanent(err):
            self._save(entry.with_changes(state="failed", reason=sentence, next_attempt_at=None))
        else:
            self._save(
                self._in_doubt(
                    entry.with_changes(ambiguous_attempts=entry.ambiguous_attempts + 1),
                    f"{sentence} Checking whether it arrived.",
                    now,
                )
            )

    def _in_doubt(self, entry: OutboxEntry, reason: str, now: float) -> OutboxEntry:
        """``unknown`` from ``now`` on: first look after the settle delay, no re-send before the window ends."""
        first_look = self.policy.settle_delay
        if isinstance(entry.send, NewChatSend) and self.policy.new_chat_checks:
            first_look = max(first_look, self.policy.new_chat_checks[0])
        return entry.with_changes(
            state="unknown",
            reason=reason,
            next_attempt_at=now + first_look,
            settle_until=now + self.policy.settle_window,
        )

    def _look_again_or_give_up(self, entry: OutboxEntry) -> None:
        """A new chat not found (yet): look again at the next of ``new_chat_checks``, or fail without resending."""
        now = self._clock()
        attempted_at = entry.last_attempt_at if entry.last_attempt_at is not None else entry.created_at
        later = [attempted_at + after for after in self.policy.new_chat_checks if attempted_at + after > now]
        if later:
            self._save(entry.with_changes(state="unknown", next_attempt_at=later[0]))
            return
        log.info("Outbox: new chat %s not found after %d checks; not sending it again", entry.local_id, entry.attempts)
        self._save(entry.with_changes(state="failed", reason=NEW_CHAT_UNCONFIRMED, next_attempt_at=None))

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
            if not isinstance(send, MessageSend) or self._rivals(entry, later_too=True):
                continue
            floor = self._copy_floor(entry)
            copies = [
                m.id
                for m in sorted(by_chat.get(send.chat_id, ()), key=message_order)
                if m.id not in claimed
                and (entry.baseline is None or m.id not in entry.baseline.ids)
                and (m.timestamp is None or m.timestamp.timestamp() >= floor)
                and _same_content(send, m)
            ]
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

    def _rivals(self, entry: OutboxEntry, *, later_too: bool = False) -> list[OutboxEntry]:
        """Identical messages in the same chat whose copy could be mistaken for this entry's.

        Those still unresolved (sending, being checked, not sure), those accepted without an id whose copy is not
        claimed yet, and with ``later_too`` those that went out after this one.
        """
        now = self._clock()
        rivals = []
        for other in self._twins(entry):
            if other.attempts == 0:
                continue
            unresolved = other.state in ("sending", "unknown", "unsure")
            # Accepted without an id and its copy never claimed: that copy may stand above this entry's baseline.
            unclaimed_copy = (
                other.state == "sent"
                and other.message_id is None
                and (
                    (other.settle_until is not None and other.settle_until > now)
                    or (
                        other.last_attempt_at is not None
                        and entry.last_attempt_at is not None
                        and other.last_attempt_at >= entry.last_attempt_at - self.policy.settle_window
                    )
                )
            )
            later = (
                later_too
                and other.last_attempt_at is not None
                and entry.last_attempt_at is not None
                and other.last_attempt_at > entry.last_attempt_at
            )
            if unresolved or unclaimed_copy or later:
                rivals.append(other)
        return rivals

    def _copy_floor(self, entry: OutboxEntry) -> float:
        """The oldest timestamp a copy of this entry can have."""
        if entry.baseline is not None and entry.baseline.oldest is not None:
            return entry.baseline.oldest
        first = entry.first_attempt_at if entry.first_attempt_at is not None else entry.created_at
        return first - self.policy.skew

    def note_arrived(self, chat_id: str, messages: Sequence[Message]) -> None:
        """The sync's ``messages_arrived`` listener shape (chat id, messages)."""
        self.note_messages(messages)

    # ------------------------------------------------------------------------------------------ reconcile

    async def _reconcile(self, entry: OutboxEntry) -> _Found | _NotFound | _Unclear | None:
        """Look for the entry's message on the server; None when it could not look (rescheduled)."""
        if entry.attempts == 0:
            return _NOT_FOUND  # never went out (e.g. retried before its first attempt)
        try:
            assert self._semaphore is not None
            async with self._semaphore:
                if isinstance(entry.send, MessageSend):
                    if entry.baseline is not None:
                        return await self._find_since_baseline(entry, entry.send, entry.baseline)
                    found = await self._find_in_chat(entry, entry.send.chat_id)
                else:
                    found = await self._find_new_chat(entry, entry.send)
        except asyncio.CancelledError:
            raise
        except UnipileError as err:
            now = self._clock()
            if isinstance(err, NotFoundError) and isinstance(entry.send, MessageSend):
                self._save(entry.with_changes(state="failed", reason=err.user_message(), next_attempt_at=None))
            elif _is_transient(err) or isinstance(err, RateLimitedError):
                retry_after = err.retry_after if isinstance(err, RateLimitedError) else None
                delay = retry_after if retry_after is not None else self._backoff(max(entry.attempts, 1))
                self._save(
                    entry.with_changes(
                        state="unknown",
                        reason=f"Could not check yet whether it was sent: {err.user_message()}",
                        next_attempt_at=now + delay,
                    )
                )
            elif isinstance(entry.send, NewChatSend):  # the new chat dialog waits for sent or failed
                self._save(
                    entry.with_changes(
                        state="failed",
                        reason=f"Could not check whether this was sent: {err.user_message()} Retry checks again.",
                        next_attempt_at=None,
                    )
                )
            else:
                self._save(
                    entry.with_changes(
                        state="unsure",
                        reason=f"{NOT_SURE} The check was refused: {err.user_message()}",
                        next_attempt_at=None,
                    )
                )
            return None
        return found or _NOT_FOUND

    async def _find_since_baseline(
        self, entry: OutboxEntry, send: MessageSend, baseline: Baseline
    ) -> _Found | _NotFound | _Unclear:
        """Our copies among the messages above the baseline (newest first); proof either way, or unclear."""
        known = set(baseline.ids)
        claimed = self._outbox.claimed_message_ids()
        candidates: list[Message] = []
        cursor: str | None = None
        for _ in range(self.policy.reconcile_max_pages):
            page = await self._client.list_messages(send.chat_id, cursor=cursor, limit=self.policy.reconcile_page_size)
            reached_baseline = False
            for message in page.items:
                if message.id in known:
                    reached_baseline = True
                    continue
                stamp = epoch_seconds(message.timestamp)
                if reached_baseline and (baseline.oldest is None or stamp is None or stamp < baseline.oldest):
                    continue  # older than the whole baseline page: there before the attempt
                if message.id not in claimed and _same_content(send, message):
                    candidates.append(message)
            if reached_baseline or page.cursor is None:
                if not reached_baseline and baseline.ids:
                    # The whole chat was read and none of the baseline is left (deleted?): the count still holds.
                    log.info("Outbox: baseline of %s no longer listed", entry.local_id)
                break
            cursor = page.cursor
        else:
            return _Unclear("So many messages arrived in this chat since that the check could not see them all.")
        if not candidates:
            return _NOT_FOUND
        if self._rivals(entry):
            return _Unclear(
                "An identical message sent around the same time is not confirmed yet, and their copies cannot be "
                "told apart. Look at the chat, then choose."
            )
        if len(candidates) > 1:
            return _Unclear(
                f"This text appears {len(candidates)} times in the chat since you sent it: someone else on this "
                "account may have sent it too. Look at the chat, then choose."
            )
        return _Found(candidates[0].id, candidates[0].chat_id or send.chat_id)

    def _window(self, entry: OutboxEntry) -> tuple[float, float]:
        first = entry.first_attempt_at if entry.first_attempt_at is not None else entry.created_at
        return first - self.policy.skew, self._clock() + self.policy.skew

    async def _find_in_chat(
        self, entry: OutboxEntry, chat_id: str, *, max_pages: int | None = None, after: float | None = None
    ) -> _Found | None:
        """Our copy in a chat: newer than ``after`` (server time) when given, else within the time window."""
        start, end = self._window(entry)
        claimed = self._outbox.claimed_message_ids()
        cursor: str | None = None
        for _ in range(max_pages or self.policy.reconcile_max_pages):
            page = await self._client.list_messages(chat_id, cursor=cursor, limit=self.policy.reconcile_page_size)
            oldest: float | None = None
            for message in page.items:
                stamp = epoch_seconds(message.timestamp)
                if stamp is not None:
                    oldest = stamp if oldest is None else min(oldest, stamp)
                if message.id in claimed or not _same_content(entry.send, message):
                    continue
                if after is not None:
                    ours = stamp is not None and stamp > after  # strictly newer than the chat before the attempt
                else:
                    ours = stamp is None or start <= stamp <= end
                if ours:
                    return _Found(message.id, message.chat_id or chat_id)
            if page.cursor is None or (oldest is not None and oldest < (after if after is not None else start)):
                return None
            cursor = page.cursor
        return None

    async def _find_new_chat(self, entry: OutboxEntry, send: NewChatSend) -> _Found | None:
        """Our first message in a chat with these people that is newer than that chat's activity before the attempt.

        Without a baseline (an entry from an older version) a time window around the attempt stands in for it.
        """
        baseline = entry.baseline
        start, _ = self._window(entry)
        page = await self._client.list_chats(account_ids=[send.account_id], limit=self.policy.reconcile_page_size)
        candidates = 0
        for chat in page.items:
            activity = epoch_seconds(chat.timestamp)
            if baseline is None:
                floor: float | None = start
            else:
                before = baseline.activity_of(chat.id)
                floor = before if before is not None else baseline.oldest  # unlisted then: older than the page
            if activity is not None and floor is not None and activity <= floor:
                continue  # no activity since before the attempt: our message cannot be in it
            if chat.attendee_provider_id and chat.attendee_provider_id not in send.attendee_ids:
                continue
            candidates += 1
            if candidates > self.policy.reconcile_max_chats:
                break
            found = await self._find_in_chat(entry, chat.id, max_pages=1, after=floor if baseline is not None else None)
            if found is not None:
                return found
        return None

    # ------------------------------------------------------------------------------------------ helpers

    def _backoff(self, attempts: int) -> float:
        exponent = max(0, min(attempts - 1, 30))
        delay = min(self.policy.max_delay, self.policy.base_delay * self.policy.multiplier**exponent)
        return delay * (1.0 - self.policy.jitter * self._rng.random())

    def _save(self, entry: OutboxEntry) -> OutboxEntry:
        saved = self._outbox.save(entry)
        self._notify(saved)
        return saved

    def _require(self, local_id: str) -> OutboxEntry:
        entry = self._outbox.get(local_id)
        if entry is None:
            raise OutboxError("This message is no longer in the outbox.")
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


def _is_transient(err: UnipileError) -> bool:
    """Failures that go away by themselves: no connection, rate limits, a service that is briefly down."""
    return isinstance(err, NetworkError | RateLimitedError) or (isinstance(err, ServerError) and err.status != 501)


def _is_permanent(err: UnipileError) -> bool:
    return isinstance(err, ServerError) and err.status == 501  # feature_not_implemented: asking again won't help


def _normalize(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").strip()


def _same_send(a: Send, b: Send) -> bool:
    """Whether two sends would leave copies that reconcile cannot tell apart."""
    return _normalize(a.text) == _normalize(b.text) and sorted(map(os.path.basename, a.attachments)) == sorted(
        map(os.path.basename, b.attachments)
    )


def _same_content(send: Send, message: Message) -> bool:
    """Whether a listed message is plausibly this send (the time window and claims are checked by the caller)."""
    if not message.is_sender:
        return False
    if _normalize(message.text) != _normalize(send.text):
        return False
    wanted = len(send.attachments)
    got = len(message.attachments)
    # Some providers deliver a text with files as separate messages: then the text alone identifies ours.
    if got != wanted and not (got == 0 and _normalize(send.text)):
        return False
    names = {os.path.basename(path) for path in send.attachments}
    visible = {a.file_name for a in message.attachments if a.file_name}
    return visible <= names


async def _read_files(paths: Sequence[str]) -> list[OutgoingFile]:
    return [await asyncio.to_thread(OutgoingFile.from_path, path) for path in paths]
