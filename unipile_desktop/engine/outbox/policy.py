"""The outbox's retry policy: its timings, the delays and settle window derived from them, and what comes next.

``RetryPolicy`` holds the timings; its methods do the arithmetic (backoff, looks, time windows). The functions
below decide, from an entry and what just happened to it, the entry's next state: which failures are retried,
which are looked into, which fail. They change nothing themselves: the engine saves what they return.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass

from ...api.errors import NetworkError, NotFoundError, RateLimitedError, ServerError, UnipileError
from ...store.outbox import MessageSend, NewChatSend, OutboxEntry, Send
from ...texts import QT_TRANSLATE_NOOP, translate
from ..backoff import backoff_delay

log = logging.getLogger(__name__)

NEW_CHAT_UNCONFIRMED = QT_TRANSLATE_NOOP(
    "Outbox",
    "The server did not confirm this new chat, and it has not appeared since. It may have been sent — check the "
    "chat list (or LinkedIn) before sending again.",
)
# How every "unsure" reason starts in English; each such reason is translated as one whole sentence.
NOT_SURE = "Not sure this was sent."


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

    def retry_delay(self, failures: int, rng: random.Random) -> float:
        """The wait after ``failures`` tries in a row that went wrong: the engine's shared backoff."""
        return backoff_delay(
            failures,
            base=self.base_delay,
            cap=self.max_delay,
            multiplier=self.multiplier,
            jitter=self.jitter,
            rng=rng,
        )

    @staticmethod
    def rate_limited_delay(retry_after: float, rng: random.Random) -> float:
        """The wait after a 429 that said how long: at least what the server asked, up to a tenth more."""
        return retry_after * (1.0 + 0.1 * rng.random())

    def first_look(self, send: Send) -> float:
        """Seconds from an ambiguous outcome to the first look; a new chat is first looked for at its first check."""
        first_look = self.settle_delay
        if isinstance(send, NewChatSend) and self.new_chat_checks:
            first_look = max(first_look, self.new_chat_checks[0])
        return first_look

    def next_look(self, now: float, settle_until: float) -> float:
        """When to look again for a send not found yet while its window runs: a check later, or when it ends."""
        return min(now + self.check_interval, settle_until)

    def next_new_chat_look(self, entry: OutboxEntry, now: float) -> float | None:
        """The next of ``new_chat_checks`` after the entry's attempt that is still ahead; None once all have passed."""
        attempted_at = entry.last_attempt_at if entry.last_attempt_at is not None else entry.created_at
        later = [attempted_at + after for after in self.new_chat_checks if attempted_at + after > now]
        return later[0] if later else None

    def time_window(self, entry: OutboxEntry, now: float) -> tuple[float, float]:
        """Server times a copy of the entry can have, where no baseline says it: around its attempts, with skew."""
        first = entry.first_attempt_at if entry.first_attempt_at is not None else entry.created_at
        return first - self.skew, now + self.skew

    def copy_floor(self, entry: OutboxEntry) -> float:
        """The oldest timestamp a copy of this entry can have."""
        if entry.baseline is not None and entry.baseline.oldest is not None:
            return entry.baseline.oldest
        first = entry.first_attempt_at if entry.first_attempt_at is not None else entry.created_at
        return first - self.skew


# ---------------------------------------------------------------------------------------------- what comes next


def is_transient(err: UnipileError) -> bool:
    """Failures that go away by themselves: no connection, rate limits, a service that is briefly down."""
    return isinstance(err, NetworkError | RateLimitedError) or (isinstance(err, ServerError) and err.status != 501)


def is_permanent(err: UnipileError) -> bool:
    """Failures that asking again will not mend, even when the request may have reached the server."""
    return isinstance(err, ServerError) and err.status == 501  # feature_not_implemented: asking again won't help


def in_doubt(entry: OutboxEntry, reason: str, now: float, policy: RetryPolicy) -> OutboxEntry:
    """``unknown`` from ``now`` on: first look after the settle delay, no re-send before the window ends."""
    return entry.with_changes(
        state="unknown",
        reason=reason,
        next_attempt_at=now + policy.first_look(entry.send),
        settle_until=now + policy.settle_window,
    )


def after_ambiguous_attempt(entry: OutboxEntry, reason: str, now: float, policy: RetryPolicy) -> OutboxEntry:
    """An attempt whose outcome is unknown (it may have reached the server): one more ambiguous attempt, in doubt."""
    return in_doubt(entry.with_changes(ambiguous_attempts=entry.ambiguous_attempts + 1), reason, now, policy)


def after_absence(entry: OutboxEntry, now: float, policy: RetryPolicy) -> OutboxEntry | None:
    """An entry whose copy is proven absent: what to save instead of sending it again, or None to send it now.

    A new chat is looked for at the next of ``new_chat_checks`` and then fails, never started twice without the
    user saying so; a message is looked for again until its settle window has passed, and fails after
    ``max_ambiguous_attempts``.
    """
    if isinstance(entry.send, NewChatSend) and entry.ambiguous_attempts > 0:
        next_look = policy.next_new_chat_look(entry, now)
        if next_look is not None:
            return entry.with_changes(state="unknown", next_attempt_at=next_look)
        log.info("Outbox: new chat %s not found after %d checks; not sending it again", entry.local_id, entry.attempts)
        return entry.with_changes(
            state="failed", reason=translate("Outbox", NEW_CHAT_UNCONFIRMED), next_attempt_at=None
        )
    if entry.settle_until is not None and now < entry.settle_until and entry.attempts > 0:
        # Not there yet, but the server may still store it: look again, re-send only after the window.
        return entry.with_changes(next_attempt_at=policy.next_look(now, entry.settle_until))
    if entry.ambiguous_attempts >= policy.max_ambiguous_attempts:
        if entry.reason:
            reason = translate("Outbox", "Not sent after %n tries. {reason}", n=entry.attempts).format(
                reason=entry.reason
            )
        else:
            reason = translate("Outbox", "Not sent after %n tries.", n=entry.attempts)
        return entry.with_changes(state="failed", reason=reason.strip(), next_attempt_at=None)
    return None


def after_check_error(
    entry: OutboxEntry, err: UnipileError, now: float, policy: RetryPolicy, rng: random.Random
) -> OutboxEntry:
    """The entry after a look for its copy failed: it cannot be sent again on a guess, nor marked sent."""
    if isinstance(err, NotFoundError) and isinstance(entry.send, MessageSend):
        return entry.with_changes(state="failed", reason=err.user_message(), next_attempt_at=None)
    if is_transient(err) or isinstance(err, RateLimitedError):
        retry_after = err.retry_after if isinstance(err, RateLimitedError) else None
        delay = retry_after if retry_after is not None else policy.retry_delay(max(entry.attempts, 1), rng)
        return entry.with_changes(
            state="unknown",
            reason=translate("Outbox", "Could not check yet whether it was sent: {reason}").format(
                reason=err.user_message()
            ),
            next_attempt_at=now + delay,
        )
    if isinstance(entry.send, NewChatSend):  # the new chat dialog waits for sent or failed
        return entry.with_changes(
            state="failed",
            reason=translate("Outbox", "Could not check whether this was sent: {reason} Retry checks again.").format(
                reason=err.user_message()
            ),
            next_attempt_at=None,
        )
    return entry.with_changes(
        state="unsure",
        reason=translate("Outbox", "Not sure this was sent. The check was refused: {reason}").format(
            reason=err.user_message()
        ),
        next_attempt_at=None,
    )
