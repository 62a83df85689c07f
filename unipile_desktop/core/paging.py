"""Paging a conversation away from its newest end: the pages around one message, and newer pages from there.

The API lists a chat's messages newest first only (``cursor``, ``before``, ``after``, ``limit``). The page just
older than a moment is one request (``before``). The page just newer than a moment is not: ``after`` alone gives
the newest messages after it, skipping whatever lies between. So newer pages are asked for over a bounded time
window (``after`` and ``before``) that is widened when empty and narrowed when it holds more than a page, and a
window is only used once it was read to its end: every message after the moment up to the page's newest is there,
none skipped. A window open at its end (no ``before``) that fits in one page reaches the newest message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ..api import Message, Page, UnipileClient

ONE_MS = timedelta(milliseconds=1)
MIN_SPAN = timedelta(seconds=1)
MAX_SPAN = timedelta(days=365)
DEFAULT_SPAN = timedelta(days=1)
NEWER_TRIES = 64  # window resizes at most (each halves the doubt); then a window is read to its end
FIND_PAGE_LIMIT = 250  # the API's largest page, when paging back through a chat to find a message
FIND_MAX_PAGES = 40  # 10,000 messages: past that a message not found is treated as gone


@dataclass(frozen=True, slots=True)
class NewerPage:
    """Every message after the asked moment up to its newest (oldest first); ``at_newest`` when none is newer."""

    items: list[Message]
    at_newest: bool


@dataclass(frozen=True, slots=True)
class Around:
    """A message found on the server, the page of messages up to it (it included) and the cursor to older ones."""

    target: Message
    older: list[Message]
    older_cursor: str | None


def _moment(message: Message) -> datetime:
    return message.timestamp or datetime.min.replace(tzinfo=UTC)


def newest_moment(messages: Iterable[Message]) -> datetime | None:
    stamps = [m.timestamp for m in messages if m.timestamp is not None]
    return max(stamps) if stamps else None


def span_hint(messages: Iterable[Message], page_size: int) -> timedelta:
    """How much time a page of this chat probably covers, from the messages loaded (clamped; a day when unknown)."""
    stamps = sorted(m.timestamp for m in messages if m.timestamp is not None)
    if len(stamps) < 2:
        return DEFAULT_SPAN
    per_message = (stamps[-1] - stamps[0]) / (len(stamps) - 1)
    return min(MAX_SPAN, max(MIN_SPAN, per_message * page_size))


async def older_page(client: UnipileClient, chat_id: str, moment: datetime, limit: int) -> Page[Message]:
    """The ``limit`` messages up to ``moment`` included, newest first, with the cursor to the ones before."""
    return await client.list_messages(chat_id, before=moment + ONE_MS, limit=limit)


async def find_message(client: UnipileClient, chat_id: str, message_id: str, cached: Message | None) -> Message | None:
    """The server's copy of ``message_id`` in ``chat_id``, or None when the chat no longer has it.

    With a cached copy, one request around its time settles it; without one, the chat is paged back from its newest
    message (large pages, up to ``FIND_MAX_PAGES``).
    """
    if cached is not None and cached.timestamp is not None:
        page = await client.list_messages(
            chat_id, after=cached.timestamp - ONE_MS, before=cached.timestamp + ONE_MS, limit=FIND_PAGE_LIMIT
        )
        return next((m for m in page.items if m.id == message_id), None)
    cursor: str | None = None
    for _ in range(FIND_MAX_PAGES):
        page = await client.list_messages(chat_id, cursor=cursor, limit=FIND_PAGE_LIMIT)
        found = next((m for m in page.items if m.id == message_id), None)
        if found is not None or page.cursor is None:
            return found
        cursor = page.cursor
    return None


async def around(
    client: UnipileClient, chat_id: str, message_id: str, cached: Message | None, limit: int
) -> Around | None:
    """The message and the page up to it from the server; None when the chat no longer holds it."""
    target = await find_message(client, chat_id, message_id, cached)
    if target is None or target.chat_id not in ("", chat_id):
        return None
    page = await older_page(client, chat_id, _moment(target), limit)
    items = list(page.items)
    if all(m.id != target.id for m in items):  # more than a page of messages share its millisecond
        items.append(target)
    return Around(target=target, older=items, older_cursor=page.cursor)


async def newer_page(
    client: UnipileClient,
    chat_id: str,
    after: datetime,
    *,
    limit: int,
    span: timedelta,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> NewerPage:
    """The messages just newer than ``after`` (strictly), about a page of them, oldest first; none skipped."""
    span = min(MAX_SPAN, max(MIN_SPAN, span))
    empty: timedelta | None = None  # the widest span known to hold no message
    full: timedelta | None = None  # the narrowest span known to hold more than a page
    until: datetime | None = None
    page: Page[Message] | None = None
    for _ in range(NEWER_TRIES):
        until = after + span
        if until >= now():
            until = None
        page = await client.list_messages(chat_id, after=after, before=until, limit=limit)
        if page.cursor is None:
            if until is None:
                return NewerPage(_oldest_first(page.items), at_newest=True)
            if page.items:
                return NewerPage(_oldest_first(page.items), at_newest=False)
            empty = span  # nothing yet: look further
            span = span * 8 if full is None else (empty + full) / 2
            continue
        full = span if until is not None else now() - after  # more than a page: a narrower window
        if full <= MIN_SPAN or (empty is not None and full - empty <= MIN_SPAN):
            break
        span = max(MIN_SPAN, full / 3 if empty is None else (empty + full) / 2)
    assert page is not None
    if page.cursor is None and not page.items:  # out of tries on an empty window: everything after, to the end
        page = await client.list_messages(chat_id, after=after, limit=limit)
        until = None
    # More than a page in a window that cannot usefully be narrowed (a burst): read that window to its end.
    items = list(page.items)
    cursor = page.cursor
    while cursor is not None:
        more = await client.list_messages(chat_id, cursor=cursor, limit=limit)
        items.extend(more.items)
        cursor = more.cursor
    return NewerPage(_oldest_first(items), at_newest=until is None)


def _oldest_first(messages: Iterable[Message]) -> list[Message]:
    return sorted(messages, key=lambda m: (_moment(m), m.id))
