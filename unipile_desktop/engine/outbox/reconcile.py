"""Deciding from the server's messages whether a send arrived: baselines, twins and rivals, late and extra copies.

Unipile sends carry no idempotency key, so a send whose outcome is unknown is judged by what the server lists (the
rules are in the package docstring). The pure functions here say what counts as a copy of a send and which other
entries could own one; ``Reconciler`` makes the listing requests and reads the outbox table for claims and
identical entries. Nothing here changes an entry: the engine turns the findings into states.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from ...api.errors import UnipileError
from ...api.models import Message, epoch_seconds, message_order
from ...api.protocols import SendingClient
from ...store.outbox import Baseline, MessageSend, NewChatSend, OutboxEntry, OutboxTable, Send
from ...texts import QT_TRANSLATE_NOOP, translate
from .policy import RetryPolicy

log = logging.getLogger(__name__)


class NotFound:
    """Reconcile looked and the message is not there."""


NOT_FOUND = NotFound()


@dataclass(frozen=True, slots=True)
class Found:
    """Reconcile found the send's message (proof of presence)."""

    message_id: str
    chat_id: str
    extra_ids: tuple[str, ...] = ()  # further new copies, when the entry was sent more than once


@dataclass(frozen=True, slots=True)
class Unclear:
    """Reconcile looked and cannot tell; ``reason`` says why, for the person who decides."""

    reason: str


Outcome: TypeAlias = Found | NotFound | Unclear

RIVAL_UNCLEAR = QT_TRANSLATE_NOOP(
    "Outbox",
    "An identical message sent around the same time is not confirmed yet, and their copies cannot be told apart. "
    "Look at the chat, then choose.",
)
TOO_MANY_NEW = QT_TRANSLATE_NOOP(
    "Outbox", "So many messages arrived in this chat since it was sent that the check could not see them all."
)


# ---------------------------------------------------------------------------------------------- pure rules


def normalize(text: str | None) -> str:
    """Text as compared between a send and a listed message: line ends unified, outer blanks stripped."""
    return (text or "").replace("\r\n", "\n").strip()


def same_send(a: Send, b: Send) -> bool:
    """Whether two sends would leave copies that reconcile cannot tell apart."""
    return normalize(a.text) == normalize(b.text) and sorted(map(os.path.basename, a.attachments)) == sorted(
        map(os.path.basename, b.attachments)
    )


def same_content(send: Send, message: Message) -> bool:
    """Whether a listed message is plausibly this send (the time window and claims are checked by the caller)."""
    if not message.is_sender:
        return False
    if normalize(message.text) != normalize(send.text):
        return False
    wanted = len(send.attachments)
    got = len(message.attachments)
    # Some providers deliver a text with files as separate messages: then the text alone identifies ours.
    if got != wanted and not (got == 0 and normalize(send.text)):
        return False
    names = {os.path.basename(path) for path in send.attachments}
    visible = {a.file_name for a in message.attachments if a.file_name}
    return visible <= names


def twins_among(entry: OutboxEntry, entries: Iterable[OutboxEntry]) -> list[OutboxEntry]:
    """The other entries with the same content (``entries``: those of the entry's chat, in every state)."""
    return [other for other in entries if other.local_id != entry.local_id and same_send(other.send, entry.send)]


def is_rival(other: OutboxEntry, entry: OutboxEntry, *, now: float, settle_window: float, later_too: bool) -> bool:
    """Whether the twin ``other`` has a copy that could be mistaken for ``entry``'s.

    It is still unresolved (sending, being checked, not sure), or was accepted without an id and its copy is not
    claimed yet, or (with ``later_too``) it went out after ``entry``.
    """
    if other.attempts == 0:
        return False
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
                and other.last_attempt_at >= entry.last_attempt_at - settle_window
            )
        )
    )
    later = (
        later_too
        and other.last_attempt_at is not None
        and entry.last_attempt_at is not None
        and other.last_attempt_at > entry.last_attempt_at
    )
    return unresolved or unclaimed_copy or later


def unsettled_until(twins: Iterable[OutboxEntry], now: float) -> float | None:
    """The end of the window of a twin whose copy may still land unclaimed, if there is one.

    That is an ``unsure`` entry, or one sent without a message id whose copy has not been seen yet.
    """
    ends = [
        other.settle_until
        for other in twins
        if (other.state == "unsure" or (other.state == "sent" and other.message_id is None))
        and other.settle_until is not None
        and other.settle_until > now
    ]
    return max(ends) if ends else None


def candidates_in_page(
    messages: Iterable[Message], send: MessageSend, baseline: Baseline, claimed: set[str]
) -> tuple[list[Message], bool]:
    """Possible copies of ``send`` in one page (newest first) above the baseline, and whether the page reached it."""
    known = set(baseline.ids)
    candidates: list[Message] = []
    reached_baseline = False
    for message in messages:
        if message.id in known:
            reached_baseline = True
            continue
        stamp = epoch_seconds(message.timestamp)
        if reached_baseline and (baseline.oldest is None or stamp is None or stamp < baseline.oldest):
            continue  # older than the whole baseline page: there before the attempt
        if message.id not in claimed and same_content(send, message):
            candidates.append(message)
    return candidates, reached_baseline


def judge_candidates(candidates: Sequence[Message], *, has_rivals: bool, chat_id: str) -> Outcome:
    """Proof from the new copies above a baseline: none is absence, exactly one (and no rival) is presence."""
    if not candidates:
        return NOT_FOUND
    if has_rivals:
        return Unclear(translate("Outbox", RIVAL_UNCLEAR))
    if len(candidates) > 1:
        return Unclear(
            translate(
                "Outbox",
                "This text appears %n time(s) in the chat since you sent it: someone else on this account may have "
                "sent it too. Look at the chat, then choose.",
                n=len(candidates),
            )
        )
    return Found(candidates[0].id, candidates[0].chat_id or chat_id)


def late_copies(
    entry: OutboxEntry, send: MessageSend, messages: Iterable[Message], claimed: set[str], floor: float
) -> list[str]:
    """Ids of unclaimed copies of ``send`` among messages the sync saw, new since the baseline, oldest first."""
    return [
        m.id
        for m in sorted(messages, key=message_order)
        if m.id not in claimed
        and (entry.baseline is None or m.id not in entry.baseline.ids)
        and (m.timestamp is None or m.timestamp.timestamp() >= floor)
        and same_content(send, m)
    ]


# ---------------------------------------------------------------------------------------------- looking


class Reconciler:
    """Looks on the server for an entry's copy; judges against the outbox's claims and the entry's twins."""

    def __init__(
        self, outbox: OutboxTable, client: SendingClient, policy: RetryPolicy, clock: Callable[[], float]
    ) -> None:
        self._outbox = outbox
        self._client = client
        self._policy = policy
        self._clock = clock

    async def take_baseline(self, send: Send) -> Baseline:
        """What the server holds right before an attempt: anything newer later is new since the attempt began."""
        policy = self._policy
        if isinstance(send, MessageSend):
            page = await self._client.list_messages(send.chat_id, limit=policy.baseline_size)
            stamps = [m.timestamp.timestamp() for m in page.items if m.timestamp is not None]
            return Baseline(tuple(m.id for m in page.items), min(stamps) if stamps else None)
        chats = await self._client.list_chats(account_ids=[send.account_id], limit=policy.reconcile_page_size)
        activity = tuple((c.id, epoch_seconds(c.timestamp)) for c in chats.items)
        stamps = [at for _, at in activity if at is not None]
        return Baseline((), min(stamps) if stamps else None, activity)

    async def look(self, entry: OutboxEntry) -> Outcome:
        """Look for the copy of an entry that went out; the client's errors are the caller's to handle."""
        if isinstance(entry.send, MessageSend):
            if entry.baseline is not None:
                return await self.find_since_baseline(entry, entry.send, entry.baseline)
            found = await self.find_in_chat(entry, entry.send.chat_id)
        else:
            found = await self.find_new_chat(entry, entry.send)
        return found or NOT_FOUND

    async def own_copy(self, entry: OutboxEntry, send: MessageSend, baseline: Baseline) -> str | None:
        """The id of a send's copy right after it was accepted without one; None when not listed (yet)."""
        try:
            found = await self.find_since_baseline(entry, send, baseline)
        except UnipileError as err:
            log.info("Outbox: could not look up the copy of %s yet: %r", entry.local_id, err)
            return None
        return found.message_id if isinstance(found, Found) else None

    async def find_since_baseline(self, entry: OutboxEntry, send: MessageSend, baseline: Baseline) -> Outcome:
        """Our copies among the messages above the baseline (newest first); proof either way, or unclear."""
        claimed = self._outbox.claimed_message_ids()
        candidates: list[Message] = []
        cursor: str | None = None
        for _ in range(self._policy.reconcile_max_pages):
            page = await self._client.list_messages(send.chat_id, cursor=cursor, limit=self._policy.reconcile_page_size)
            found, reached_baseline = candidates_in_page(page.items, send, baseline, claimed)
            candidates.extend(found)
            if reached_baseline or page.cursor is None:
                if not reached_baseline and baseline.ids:
                    # The whole chat was read and none of the baseline is left (deleted?): the count still holds.
                    log.info("Outbox: baseline of %s no longer listed", entry.local_id)
                break
            cursor = page.cursor
        else:
            return Unclear(translate("Outbox", TOO_MANY_NEW))
        has_rivals = bool(candidates) and bool(self.rivals(entry))
        return judge_candidates(candidates, has_rivals=has_rivals, chat_id=send.chat_id)

    async def find_in_chat(
        self, entry: OutboxEntry, chat_id: str, *, max_pages: int | None = None, after: float | None = None
    ) -> Found | None:
        """Our copy in a chat: newer than ``after`` (server time) when given, else within the time window."""
        start, end = self._policy.time_window(entry, self._clock())
        claimed = self._outbox.claimed_message_ids()
        cursor: str | None = None
        for _ in range(max_pages or self._policy.reconcile_max_pages):
            page = await self._client.list_messages(chat_id, cursor=cursor, limit=self._policy.reconcile_page_size)
            oldest: float | None = None
            for message in page.items:
                stamp = epoch_seconds(message.timestamp)
                if stamp is not None:
                    oldest = stamp if oldest is None else min(oldest, stamp)
                if message.id in claimed or not same_content(entry.send, message):
                    continue
                if after is not None:
                    ours = stamp is not None and stamp > after  # strictly newer than the chat before the attempt
                else:
                    ours = stamp is None or start <= stamp <= end
                if ours:
                    return Found(message.id, message.chat_id or chat_id)
            if page.cursor is None or (oldest is not None and oldest < (after if after is not None else start)):
                return None
            cursor = page.cursor
        return None

    async def find_new_chat(self, entry: OutboxEntry, send: NewChatSend) -> Found | None:
        """Our first message in a chat with these people that is newer than that chat's activity before the attempt.

        Without a baseline (an entry from an older version) a time window around the attempt stands in for it.
        """
        baseline = entry.baseline
        start, _ = self._policy.time_window(entry, self._clock())
        page = await self._client.list_chats(account_ids=[send.account_id], limit=self._policy.reconcile_page_size)
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
            if candidates > self._policy.reconcile_max_chats:
                break
            found = await self.find_in_chat(entry, chat.id, max_pages=1, after=floor if baseline is not None else None)
            if found is not None:
                return found
        return None

    # ------------------------------------------------------------------------------------------ twins

    def twins(self, entry: OutboxEntry) -> list[OutboxEntry]:
        """The other entries of the same chat with the same content: reconcile cannot tell their copies apart."""
        send = entry.send
        if not isinstance(send, MessageSend):
            return []
        return twins_among(entry, self._outbox.entries(chat_id=send.chat_id))  # every state

    def rivals(self, entry: OutboxEntry, *, later_too: bool = False) -> list[OutboxEntry]:
        """Identical messages in the same chat whose copy could be mistaken for this entry's (see ``is_rival``)."""
        now = self._clock()
        settle_window = self._policy.settle_window
        return [
            other
            for other in self.twins(entry)
            if is_rival(other, entry, now=now, settle_window=settle_window, later_too=later_too)
        ]

    def unsettled_twin(self, entry: OutboxEntry) -> float | None:
        """The end of the window of an identical message whose copy may still land unclaimed, if there is one."""
        return unsettled_until(self.twins(entry), self._clock())
