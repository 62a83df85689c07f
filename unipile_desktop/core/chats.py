"""Chat list paging and the lazily resolved details each row shows (name, picture, last message)."""

from __future__ import annotations

import asyncio
import enum
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from ..api import Chat, ChatAttendee, Message, UnipileClient, UnipileError
from ..engine.display_text import isolate_if_needed
from ..store import Store
from ..texts import QT_TRANSLATE_NOOP, translate
from .accounts import is_disconnection, task_name
from .drafts import DraftKeeper
from .message_list import event_text
from .tasks import TaskRunner, describe_error

log = logging.getLogger(__name__)

PAGE_SIZE = 40
DETAIL_WORKERS = 4  # concurrent detail fetches: enough to fill a screen quickly, gentle on rate limits
# The queue reads the last message of at most this many unpainted chats (the newest), active in the last N days.
QUEUE_LOOKUP_LIMIT = 150
QUEUE_LOOKUP_DAYS = 14
DETAIL_QUEUE_LIMIT = 60  # rows scrolled past long ago are dropped from the queue and asked for again when seen
PREVIEW_LIMIT = 160


class DetailsState(enum.Enum):
    MISSING = "missing"
    QUEUED = "queued"
    LOADED = "loaded"
    FAILED = "failed"


@dataclass
class ChatEntry:
    """One chat list row: the chat as listed plus what was resolved about it later."""

    chat: Chat
    title: str
    avatar_id: str | None  # attendee id (1:1) or chat id (group picture); None until resolved
    preview: str | None = None  # one line of the last message; None until resolved
    participants: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()  # the other people's provider ids (phone number, handle): the filter searches them
    details: DetailsState = DetailsState.MISSING
    read_override: bool | None = None  # set when this app marked the chat read/unread since listing
    draft: str | None = None  # one line of an unsent draft typed in this chat ("Draft: …" in the list)

    @property
    def id(self) -> str:
        return self.chat.id

    @property
    def activity(self) -> datetime | None:
        last = self.chat.last_message
        if last is not None and last.timestamp is not None:
            if self.chat.timestamp is None or last.timestamp > self.chat.timestamp:
                return last.timestamp
        return self.chat.timestamp

    @property
    def unread_count(self) -> int:
        if self.read_override is True:
            return 0
        if self.read_override is False:
            return max(1, self.chat.unread_count)
        return self.chat.unread_count

    @property
    def title_known(self) -> bool:
        return bool(self.title)


@dataclass
class _Details:
    attendees: tuple[ChatAttendee, ...]
    chat: Chat | None  # the chat re-read with its lastMessage, when the list did not carry one
    names: dict[str, str] = field(default_factory=dict)  # attendee id and provider id -> name

    def sender_of(self, message: Message) -> str | None:
        return self.names.get(message.sender_attendee_id or "") or self.names.get(message.sender_id)


def preview_text(message: Message | None, sender_name: str | None, *, is_group: bool) -> str:
    """One plain-text line for the list: "You: …", "Alice: …" in groups, attachments named, deletions said."""
    if message is None:
        return ""
    if message.deleted:
        body = translate("Chats", "Message deleted")
    elif message.is_event:  # "You left", "Alice added Bob": the event says who; a "You: " in front would say it twice
        return _clipped(event_text(message))
    else:
        body = " ".join((message.text or "").lstrip()[: PREVIEW_LIMIT * 4].split())  # bounded: a 10 MB text costs µs
        if not body and message.attachments:
            first = message.attachments[0]
            kinds = {"img": QT_TRANSLATE_NOOP("Chats", "Photo"), "video": QT_TRANSLATE_NOOP("Chats", "Video")}
            kind = kinds.get(first.type) or (QT_TRANSLATE_NOOP("Chats", "Audio") if first.type == "audio" else None)
            label = translate("Chats", kind) if kind is not None else first.file_name or translate("Chats", "File")
            count = len(message.attachments)
            body = f"📎 {label}" if count == 1 else translate("Chats", "📎 %n attachment(s)", n=count)
    if message.is_sender:
        return _clipped(translate("Chats", "You: {text}").format(text=body))
    if is_group and sender_name:
        name = isolate_if_needed((sender_name[:PREVIEW_LIMIT].split() or [""])[0])  # cannot reorder the text
        return _clipped(translate("Chats", "{name}: {text}").format(name=name, text=body))
    return _clipped(body)


def _clipped(text: str) -> str:
    text = " ".join(text.lstrip()[: PREVIEW_LIMIT * 4].split())
    return text if len(text) <= PREVIEW_LIMIT else text[: PREVIEW_LIMIT - 1] + "…"


def chat_title(chat: Chat, attendees: Sequence[ChatAttendee]) -> str:
    """The group's name, else the other people's names, else the chat's subject; "" when nothing is known."""
    if chat.name:
        return chat.name
    others = [a.name for a in attendees if not a.is_self and a.name]
    if others:
        if not chat.is_group:
            return others[0]
        shown = ", ".join(others[:3])
        return shown if len(others) <= 3 else f"{shown} +{len(others) - 3}"
    return chat.subject or ""


def counterpart(chat: Chat, attendees: Sequence[ChatAttendee]) -> ChatAttendee | None:
    """The other person in a 1:1 chat (matched on attendee_provider_id when several are listed)."""
    others = [a for a in attendees if not a.is_self]
    if chat.attendee_provider_id:
        for attendee in others:
            if attendee.provider_id == chat.attendee_provider_id:
                return attendee
    return others[0] if others else None


class ChatListController(QObject):
    """Pages through ``GET /chats`` for the chosen accounts and resolves row details on demand.

    The list model asks for more pages (``load_more``) and for the details of rows it paints
    (``request_details``); results come back as signals. Details are cached by chat id, so switching
    accounts back and forth does not fetch them again. With a ``store``, a (re)load first shows the cached
    chats with their cached names and previews, before any network answer, and what the network returns is
    written back; ``apply_live`` takes the chats the polling sync found changed (they move to the top).
    """

    chats_reset = Signal()  # the scope changed: the list starts over
    chats_loaded = Signal(list)  # list[ChatEntry]: the next page, in server order
    chats_load_failed = Signal(str)  # sentence
    chat_updated = Signal(str)  # chat id: title, picture, preview, unread or activity changed
    account_disconnected = Signal(str)  # account id (a detail fetch answered 401 disconnected_account)
    name_lookups_changed = Signal(int)  # rows whose name is still being looked up for the filter

    def __init__(
        self,
        client: UnipileClient,
        tasks: TaskRunner,
        *,
        page_size: int = PAGE_SIZE,
        store: Store | None = None,
        drafts: DraftKeeper | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._tasks = tasks
        self._page_size = page_size
        self._store = store
        self._drafts = drafts
        if drafts is not None:
            drafts.draft_changed.connect(self.on_drafts_draft_changed)
        self._scope: tuple[str, ...] | None = None
        self._generation = 0
        self._cursor: str | None = None
        self._has_more = False
        self._loading = False
        self._failed = False
        self._started = False
        self._page_task: asyncio.Task[None] | None = None
        self._entries: dict[str, ChatEntry] = {}  # chats in the current list
        self._details: dict[str, _Details] = {}  # survives scope changes
        self._read_overrides: dict[str, bool] = {}
        self._queue: list[str] = []  # rows being painted, most recent last
        self._lookup_queue: list[str] = []  # rows never painted but looked up all the same, newest chat first
        self._lookup_active = False  # the filter needs every row's name
        self._queue_lookup_active = False  # the queue needs the rows' last messages
        self._queue_lookups: set[str] = set()  # rows looked up for the queue since the last reload (capped)
        self._workers = 0

    # ------------------------------------------------------------------------------------------ paging

    @property
    def scope(self) -> tuple[str, ...] | None:
        """The account ids listed, or None for all accounts."""
        return self._scope

    @property
    def is_loading(self) -> bool:
        return self._loading

    @property
    def has_more(self) -> bool:
        return self._has_more

    @property
    def can_load_more(self) -> bool:
        """A next page exists and no fetch is running or has just failed (a reload clears the failure)."""
        return self._started and self._has_more and not self._loading and not self._failed

    def set_scope(self, account_ids: Sequence[str] | None) -> None:
        """List the chats of these accounts (None: all) from the newest, dropping the current list."""
        self._scope = tuple(account_ids) if account_ids else None
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        if self._page_task is not None and not self._page_task.done():
            self._page_task.cancel()
        self._page_task = None
        self._cursor = None
        self._has_more = True
        self._loading = False
        self._failed = False
        self._started = True
        self._entries.clear()
        self._queue.clear()  # rows of the old list are no longer on screen
        self._lookup_queue.clear()
        self._queue_lookups.clear()
        self.chats_reset.emit()
        self._show_cached()
        self.load_more()

    def _show_cached(self) -> None:
        """The cached first page of this scope, at once (the network page replaces it when it lands)."""
        if self._store is None:
            return
        cached = self._store.cache.chats(self._scope, limit=self._page_size)
        entries = []
        for chat in cached:
            entry = self._make_entry(chat)
            self._entries[chat.id] = entry
            entries.append(entry)
        if entries:
            log.debug("chat list: %d chats from the cache", len(entries))
            self.chats_loaded.emit(entries)
            self._look_up(entries)

    def _remember(self, chats: Sequence[Chat]) -> None:
        """Write listed chats to the cache, keeping a cached last message the list answer does not carry."""
        if self._store is None or not chats:
            return
        cache = self._store.cache
        merged: list[Chat] = []
        for chat in chats:
            if chat.last_message is None:
                cached = cache.chat(chat.id)
                last = cached.last_message if cached is not None else None
                if last is not None and last.timestamp is not None:
                    if chat.timestamp is None or last.timestamp >= chat.timestamp:
                        chat = replace(chat, last_message=last)
            merged.append(chat)
        try:
            cache.put_chats(merged)
        except Exception:  # the cache is a comfort; the list on screen is what matters now
            log.exception("could not cache the chat list")

    def resume(self) -> None:
        """Try the failed page again (the server is reachable again); rows already shown stay."""
        if self._started and self._failed:
            self._failed = False
            self.load_more()

    def load_more(self) -> None:
        if not self.can_load_more:
            return
        account = self._scope[0] if self._scope and len(self._scope) == 1 else None
        try:
            self._page_task = self._tasks.start(task_name("chats:page", account), self._load_page(self._generation))
        except RuntimeError:  # shutting down: a view asking for more while the window closes
            return
        self._loading = True

    async def _load_page(self, generation: int) -> None:
        try:
            page = await self._client.list_chats(account_ids=self._scope, limit=self._page_size, cursor=self._cursor)
        except Exception as exc:
            if generation == self._generation:
                self._loading = False
                self._failed = True
                self.chats_load_failed.emit(describe_error(exc))
            raise  # the TaskRunner reports it once, as a sentence
        if generation != self._generation:
            return
        self._remember(page.items)
        self._cursor = page.cursor
        self._has_more = page.cursor is not None
        self._loading = False
        fresh: list[ChatEntry] = []
        touched: list[ChatEntry] = []
        for chat in page.items:
            known = self._entries.get(chat.id)
            if known is not None:  # shown from the cache, or moved between pages: update the row it has
                touched.append(known)
                if chat.last_message is None and known.chat.last_message is not None:
                    if _newer(known.chat, chat):
                        chat = replace(chat, last_message=known.chat.last_message)
                    else:  # activity since the cached copy: its preview is old, resolve the row again
                        self._details.pop(chat.id, None)
                        known.preview = None
                        if known.details is DetailsState.LOADED:
                            known.details = DetailsState.MISSING
                known.chat = chat
                self.chat_updated.emit(chat.id)
                continue
            entry = self._make_entry(chat)
            self._entries[chat.id] = entry
            fresh.append(entry)
        log.debug("chat page: %d new, more=%s", len(fresh), self._has_more)
        self.chats_loaded.emit(fresh)
        self._look_up(fresh + touched)

    # ------------------------------------------------------------------------------------------ entries

    def entry(self, chat_id: str) -> ChatEntry | None:
        return self._entries.get(chat_id)

    def entries(self) -> list[ChatEntry]:
        """The chats listed now (the current scope's loaded pages)."""
        return list(self._entries.values())

    def _make_entry(self, chat: Chat) -> ChatEntry:
        entry = ChatEntry(chat=chat, title=chat.name or "", avatar_id=chat.id if chat.is_group else None)
        entry.read_override = self._read_overrides.get(chat.id)
        entry.draft = self._drafts.chat_preview(chat.id) if self._drafts is not None else None
        details = self._details.get(chat.id)
        if details is not None and _outdated(details, chat):
            # The list shows activity after these details were read: keep the names, read the rest again.
            del self._details[chat.id]
            self._apply_details(entry, replace(details, chat=None))
            entry.details = DetailsState.MISSING
            if chat.last_message is None:
                entry.preview = None
            return entry
        if details is not None:
            self._apply_details(entry, details)
            return entry
        cached = self._cached_details(chat)
        if cached is not None:
            # Names and preview from the cache at once; still fetched again when the row is painted.
            self._apply_details(entry, cached)
            entry.details = DetailsState.MISSING
            if chat.last_message is None:
                entry.preview = None  # "Loading…", not an empty line, until the last message is read
        elif chat.last_message is not None:
            entry.preview = preview_text(chat.last_message, None, is_group=chat.is_group)
        return entry

    def _cached_details(self, chat: Chat) -> _Details | None:
        if self._store is None:
            return None
        attendees = tuple(self._store.cache.attendees(chat.id))
        if not attendees:
            return None
        return _Details(attendees=attendees, chat=None, names=_names(attendees))

    def _apply_details(self, entry: ChatEntry, details: _Details) -> None:
        chat = entry.chat
        # Only the last message comes from the re-read chat: the listed copy's unread count and time are the
        # server's latest word (details may be minutes old when a reload lists the chat again).
        read_back = details.chat
        if read_back is not None and read_back.last_message is not None and _newer(read_back, chat):
            if chat.last_message is None or _newer_message(read_back.last_message, chat.last_message):
                chat = replace(chat, last_message=read_back.last_message)
                entry.chat = chat
        entry.title = chat_title(chat, details.attendees)
        others = [a for a in details.attendees if not a.is_self]
        entry.participants = tuple(a.name for a in others if a.name)
        entry.handles = tuple(dict.fromkeys(a.provider_id for a in others if a.provider_id))
        if chat.is_group:
            entry.avatar_id = chat.id
        else:
            other = counterpart(chat, details.attendees)
            entry.avatar_id = other.id if other is not None else None
            if not entry.title and other is None and chat.last_message is not None:
                entry.title = details.names.get(chat.last_message.sender_id, "")
        last = chat.last_message
        sender = details.sender_of(last) if last is not None else None
        entry.preview = preview_text(last, sender, is_group=chat.is_group)
        entry.details = DetailsState.LOADED

    # ------------------------------------------------------------------------------------------ details

    def request_details(self, chat_id: str) -> None:
        """Resolve a row's name, picture and last message; called for rows being painted, so only visible ones."""
        entry = self._entries.get(chat_id)
        if entry is None:
            return
        if entry.details is DetailsState.QUEUED and chat_id in self._lookup_queue:
            self._lookup_queue.remove(chat_id)  # on screen now: ahead of the rows looked up for the filter
        elif entry.details is not DetailsState.MISSING:
            return
        entry.details = DetailsState.QUEUED
        self._queue.append(chat_id)
        if len(self._queue) > DETAIL_QUEUE_LIMIT:
            self._forget_queued(self._queue.pop(0))
        self._start_workers()

    # ------------------------------------------------------------------------------------------ filter lookups

    def set_name_lookup(self, active: bool) -> None:
        """While the filter box has text, resolve the names of every listed row, not only the painted ones.

        Rows hidden by the filter are never painted, so without this a 1:1 chat (which the API lists without a
        name) could never match the name typed. The lookups share the detail workers, after the visible rows.
        """
        if active == self._lookup_active:
            return
        self._lookup_active = active
        if active:
            self._look_up(list(self._entries.values()))
            return
        self._drop_unneeded_lookups()
        self.name_lookups_changed.emit(0)

    def set_queue_lookup(self, active: bool) -> None:
        """While the queue counts and sorts chats, read the last message of every listed row that lacks one.

        The chat list answer carries no last message, and who wrote last is what makes a chat Waiting: without
        this, a customer who waits longest stays uncounted, and at the bottom, until their row happens to be painted.
        """
        if active == self._queue_lookup_active:
            return
        self._queue_lookup_active = active
        if active:
            self._look_up(list(self._entries.values()))
        else:
            self._drop_unneeded_lookups()

    @property
    def pending_name_lookups(self) -> int:
        """Nameless rows whose details are still to come while the filter looks names up (0 otherwise)."""
        if not self._lookup_active:
            return 0
        return sum(1 for e in self._entries.values() if not e.title_known and e.details is DetailsState.QUEUED)

    @property
    def pending_lookups(self) -> int:
        """Rows whose details are asked for and still to come (painted, or looked up for the filter or the queue)."""
        return sum(1 for e in self._entries.values() if e.details is DetailsState.QUEUED)

    def _needs_lookup(self, entry: ChatEntry) -> bool:
        return (self._lookup_active and not entry.title_known) or self._queue_wants(entry)

    def _queue_wants(self, entry: ChatEntry) -> bool:
        """The queue's lookups stop at the newest QUEUE_LOOKUP_LIMIT chats active in the last QUEUE_LOOKUP_DAYS:
        each costs two requests, and a big account must not spend thousands on chats nobody waits in (older rows
        are still resolved when painted)."""
        if not self._queue_lookup_active or entry.chat.last_message is not None:
            return False
        if entry.id in self._queue_lookups:
            return True
        activity = entry.activity
        recent = activity is not None and time.time() - activity.timestamp() <= QUEUE_LOOKUP_DAYS * 86400
        return recent and len(self._queue_lookups) < QUEUE_LOOKUP_LIMIT

    def _look_up(self, entries: Sequence[ChatEntry]) -> None:
        wanted = {e.id: e for e in entries if e.details is DetailsState.MISSING and self._needs_lookup(e)}
        if not wanted:
            return
        ordered = sorted(
            wanted.values(), key=lambda e: e.activity.timestamp() if e.activity is not None else 0.0, reverse=True
        )
        for entry in ordered:
            if not (self._lookup_active and not entry.title_known) and not self._queue_wants(entry):
                continue  # the queue's share ran out while queueing (the list is newest first)
            if self._queue_lookup_active and entry.chat.last_message is None:
                self._queue_lookups.add(entry.id)
            entry.details = DetailsState.QUEUED
            self._lookup_queue.append(entry.id)
        self._start_workers()
        if self._lookup_active:
            self.name_lookups_changed.emit(self.pending_name_lookups)

    def _drop_unneeded_lookups(self) -> None:
        kept: list[str] = []
        for chat_id in self._lookup_queue:
            entry = self._entries.get(chat_id)
            if entry is None or entry.details is not DetailsState.QUEUED:
                continue
            if self._needs_lookup(entry):
                kept.append(chat_id)
            else:
                entry.details = DetailsState.MISSING  # painted later, it is asked for again
        self._lookup_queue = kept

    async def look_up_people(self, chat_id: str) -> None:
        """Read and cache who is in a chat now (a notification names the sender); its row, if listed, shows them."""
        attendees = tuple(await self._client.list_chat_attendees(chat_id))
        if self._store is not None:
            self._store.cache.put_attendees(attendees, chat_id=chat_id)
        entry = self._entries.get(chat_id)
        if entry is not None and not entry.title_known:
            state = entry.details  # only the names are new: a row still to be resolved is resolved as planned
            self._apply_details(entry, _Details(attendees=attendees, chat=None, names=_names(attendees)))
            entry.details = state
            self.chat_updated.emit(chat_id)

    def _start_workers(self) -> None:
        while self._workers < DETAIL_WORKERS and (self._queue or self._lookup_queue):
            self._workers += 1
            try:
                self._tasks.start("chats:details", self._details_worker(), preempt=False)
            except RuntimeError:  # shutting down
                self._workers -= 1
                return

    def refresh_chat(self, chat_id: str) -> None:
        """Re-read one chat (after sending in it) so its preview and activity are current."""
        self._details.pop(chat_id, None)
        entry = self._entries.get(chat_id)
        if entry is None:
            return
        account = entry.chat.account_id
        try:
            self._tasks.start(task_name(f"chats:refresh:{chat_id}", account), self._refresh(chat_id))
        except RuntimeError:  # shutting down
            pass

    async def _refresh(self, chat_id: str) -> None:
        chat = await self._client.get_chat(chat_id)
        entry = self._entries.get(chat_id)
        if entry is None:
            return
        entry.chat = chat
        entry.details = DetailsState.MISSING
        self.chat_updated.emit(chat_id)
        self.request_details(chat_id)

    def show_chat(self, chat: Chat) -> ChatEntry | None:
        """Put a chat this app just started (or wrote to) in the list now; None when its account is not listed."""
        if self._scope is not None and chat.account_id not in self._scope:
            return None
        self._details.pop(chat.id, None)
        known = self._entries.get(chat.id)
        if known is not None:
            known.chat = chat
            known.details = DetailsState.MISSING
            self.chat_updated.emit(chat.id)
            self.request_details(chat.id)
            return known
        entry = self._make_entry(chat)
        self._entries[chat.id] = entry
        self.chats_loaded.emit([entry])
        self._look_up([entry])
        return entry

    def note_read(self, chat_id: str, read: bool) -> None:
        """The chat was marked read/unread on the server: show it without re-listing."""
        self._read_overrides[chat_id] = read
        entry = self._entries.get(chat_id)
        if entry is not None:
            entry.read_override = read
            self.chat_updated.emit(chat_id)

    def apply_live(self, chats: Sequence[Chat]) -> None:
        """Chats the polling sync found changed: update their rows (the list re-sorts them to the top, with the
        new unread badge and preview) and add the ones in scope this list does not show yet."""
        fresh: list[ChatEntry] = []
        for chat in chats:
            if self._scope is not None and chat.account_id not in self._scope:
                continue
            known = self._entries.get(chat.id)
            if known is None:
                if not self._started:
                    continue
                entry = self._make_entry(chat)
                self._entries[chat.id] = entry
                fresh.append(entry)
                continue
            previous = known.chat
            if chat.last_message is None and previous.last_message is not None and not _newer(chat, previous):
                chat = replace(chat, last_message=previous.last_message)
            known.chat = chat
            if _newer(chat, previous) and chat.timestamp != previous.timestamp:
                # New activity on the server is newer than a read/unread this app set earlier.
                self._read_overrides.pop(chat.id, None)
                known.read_override = None
            if chat.last_message is not None and chat.last_message is not previous.last_message:
                details = self._details.get(chat.id)
                sender = details.sender_of(chat.last_message) if details is not None else None
                known.preview = preview_text(chat.last_message, sender, is_group=chat.is_group)
            self.chat_updated.emit(chat.id)
        if fresh:
            self.chats_loaded.emit(fresh)
            self._look_up(fresh)

    def on_drafts_draft_changed(self, key: str) -> None:
        if not key.startswith("chat:") or self._drafts is None:
            return
        chat_id = key.removeprefix("chat:")
        entry = self._entries.get(chat_id)
        if entry is None:
            return
        draft = self._drafts.chat_preview(chat_id)
        if draft != entry.draft:
            entry.draft = draft
            self.chat_updated.emit(chat_id)

    def _forget_queued(self, chat_id: str) -> None:
        entry = self._entries.get(chat_id)
        if entry is None or entry.details is not DetailsState.QUEUED:
            return
        if self._needs_lookup(entry):
            self._lookup_queue.append(chat_id)  # scrolled past, but the filter or the queue still needs it
        else:
            entry.details = DetailsState.MISSING

    async def _details_worker(self) -> None:
        try:
            while self._queue or self._lookup_queue:
                if self._queue:
                    chat_id = self._queue.pop()  # the most recently painted row first: that is what is on screen
                else:
                    chat_id = self._lookup_queue.pop(0)
                await self._load_details(chat_id)
                if self._lookup_active:
                    self.name_lookups_changed.emit(self.pending_name_lookups)
        finally:
            self._workers -= 1

    async def _load_details(self, chat_id: str) -> None:
        entry = self._entries.get(chat_id)
        if entry is None:
            return
        chat = entry.chat
        try:
            attendees = tuple(await self._client.list_chat_attendees(chat_id))
            full = await self._client.get_chat(chat_id) if chat.last_message is None else None
        except UnipileError as exc:
            log.info("could not resolve chat %s: %r", chat_id, exc)
            if is_disconnection(exc):
                self.account_disconnected.emit(chat.account_id)
            current = self._entries.get(chat_id)
            if current is not None:
                current.details = DetailsState.FAILED
                self.chat_updated.emit(chat_id)
            return
        if self._store is not None:
            try:
                self._store.cache.put_attendees(attendees, chat_id=chat_id)
            except Exception:
                log.exception("could not cache the attendees of %s", chat_id)
        if full is not None:
            self._remember([full])
        details = _Details(attendees=attendees, chat=full, names=_names(attendees))
        self._details[chat_id] = details
        current = self._entries.get(chat_id)
        if current is None:
            return
        self._apply_details(current, details)
        self.chat_updated.emit(chat_id)


def _names(attendees: Sequence[ChatAttendee]) -> dict[str, str]:
    names: dict[str, str] = {}
    for attendee in attendees:
        if attendee.name:
            names[attendee.id] = attendee.name
            names[attendee.provider_id] = attendee.name
    return names


def _newer(candidate: Chat, listed: Chat) -> bool:
    if candidate.timestamp is None:
        return False
    return listed.timestamp is None or candidate.timestamp >= listed.timestamp


def _newer_message(candidate: Message, current: Message) -> bool:
    if candidate.timestamp is None:
        return candidate.id == current.id
    return current.timestamp is None or candidate.timestamp >= current.timestamp


def _outdated(details: _Details, listed: Chat) -> bool:
    """``details`` cannot give this listing its preview: the list shows activity after they re-read the chat (its
    last message is old), or they were read without the last message and the listing has none either."""
    read_back = details.chat
    if read_back is None:
        return listed.last_message is None
    if listed.timestamp is None:
        return False
    return read_back.timestamp is None or listed.timestamp > read_back.timestamp
