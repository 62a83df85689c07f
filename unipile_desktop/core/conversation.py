"""The open conversation: cached then fresh message pages, sends through the durable outbox, read state."""

from __future__ import annotations

import asyncio
import logging
import pathlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QAbstractListModel, QObject, Signal

from ..api import (
    Account,
    Chat,
    ChatAttendee,
    Message,
    NetworkError,
    UnipileClient,
    UnipileError,
)
from ..engine.file_names import safe_file_name  # noqa: F401 - part of this module's interface
from ..engine.outbox import OutboxEngine
from ..paths import downloads_dir
from ..store import Store
from ..texts import QT_TRANSLATE_NOOP, translate
from .attachment_downloads import AttachmentDownloads
from .conversation_sends import ConversationSends
from .drafts import DraftKeeper
from .foreign_replies import find_foreign_reply
from .images import ImageCache
from .message_list import MessageListModel, OutgoingMessage, RowCache, SendState, build_rows
from .outgoing import (
    MAX_FILE_SIZE,
)
from .paging import ONE_MS, around, newer_page, newest_moment, span_hint
from .tasks import TaskRunner

log = logging.getLogger(__name__)

PAGE_SIZE = 50
LAST_CHAT_KEY = "ui:last_chat"  # sync_state key: the chat to reopen from the cache at the next start
# A server message counts as the copy of a send whose 201 carried no id when it is this close in time.
NULL_ID_MATCH_WINDOW = timedelta(minutes=5)
MISSING_MESSAGE = QT_TRANSLATE_NOOP("Conversation", "That message is no longer in this chat.")


class ConversationController(ConversationSends):
    """State of the conversation on the right: its rows (``messages_model``), attendees, sends and read state.

    Opening a chat shows its cached messages at once (with a ``store``), then the newest page from the server,
    which is written back to the cache. Loads run as named TaskRunner tasks (latest wins), so switching chats
    cancels a stale load. Sends go through the outbox (``outbox``; without one, a private in-memory outbox): each
    is stored before its request, retried only when safe, reconciled when unsure, and its bubble follows the
    entry's state (queued, sending, checking, not sure, sent, failed). Failures of loads and read-state changes
    are reported once through ``error_occurred``; send failures through ``send_failed``, sends whose arrival the
    outbox could not establish through ``send_unsure`` (the agent answers with ``check_again``, ``send_again`` or
    ``confirm_sent``), and both on the bubble itself. Server copies of a send that arrived more than once say
    "Sent twice" (``MessageRow.sent_twice``). A new message in the open chat sent from this account but not by
    this app (the agent's phone, a colleague) emits ``foreign_reply``, for the collision guard above the composer.
    ``open_at`` opens a chat at one message (a search result): the pages around it (``paging``), newer pages as the
    person scrolls down (``load_newer``) until ``at_newest``; the sending half lives in ``ConversationSends``.
    """

    chat_opened = Signal(object)  # Chat
    chat_read_changed = Signal(str, bool)  # chat_id, read
    history_loaded = Signal(str)  # chat_id: the first pages (newest, or around a found message) and the names landed
    older_loaded = Signal(str, int)  # chat_id, number of messages in the page
    loading_changed = Signal(bool)  # the newest page of the open chat is loading
    attendees_changed = Signal()  # names for the header and the bubbles
    attachment_saved = Signal(str)  # path
    attachment_ready = Signal(str)  # path of the downloaded copy to open with the desktop's application
    foreign_reply = Signal(str, object)  # chat id, datetime: a reply from this account, not sent by this app
    # Opened at a message (open_at): the rows end before the newest message until newer pages reach it.
    message_located = Signal(str, str)  # chat id, message id: scroll to its row and flash it
    message_missing = Signal(str, str)  # chat id, sentence: the message is gone, the chat opened at its newest
    newer_loaded = Signal(str, int)  # chat id, number of messages in the page
    at_newest_changed = Signal(bool)  # whether the rows reach the newest message (live messages show)
    newer_waiting = Signal(str)  # chat id: live messages arrived beyond the loaded pages

    def __init__(
        self,
        client: UnipileClient,
        tasks: TaskRunner,
        images: ImageCache,
        parent: QObject | None = None,
        *,
        max_file_size: int = MAX_FILE_SIZE,
        page_size: int = PAGE_SIZE,
        outbox: OutboxEngine | None = None,
        store: Store | None = None,
        drafts: DraftKeeper | None = None,
        attachments_dir: pathlib.Path | None = None,
    ) -> None:
        own_store: Store | None = None
        if outbox is None:  # tests and tools without a profile: the same rules, kept in memory
            own_store = Store.open(None, exclusive=False)
            outbox = OutboxEngine(own_store, client)
        super().__init__(outbox, drafts, max_file_size, parent)
        self._own_store = own_store
        self._client = client
        self._store = store
        self._tasks = tasks
        self.images = images
        self.page_size = page_size
        self._model = MessageListModel(self)
        self._row_cache = RowCache()  # rows of unchanged messages are reused between rebuilds
        self._account: Account | None = None
        self._generation = 0  # bumps on every open: results of older generations are dropped
        self._messages: dict[str, Message] = {}
        self._attendees: list[ChatAttendee] = []
        self._by_attendee_id: dict[str, ChatAttendee] = {}
        self._by_provider_id: dict[str, ChatAttendee] = {}
        self._older_cursor: str | None = None
        self._history_complete = False
        self._at_newest = True
        self._live_waiting: dict[str, Message] = {}  # live messages held while opened in the middle
        self._loading = False
        self._downloads = AttachmentDownloads(
            client, tasks, attachments_dir if attachments_dir is not None else downloads_dir(), self.error_occurred
        )
        self._follow_outbox()

    async def aclose(self) -> None:
        """Stop following the outbox; a private outbox is closed (the app closes a shared one itself)."""
        self._stop_following_outbox()
        if self._own_store is not None:
            await self.outbox.close()
            self._own_store.close()
            self._own_store = None

    # ------------------------------------------------------------------------------------------ state

    @property
    def messages_model(self) -> QAbstractListModel:
        return self._model

    @property
    def message_list(self) -> MessageListModel:
        """``messages_model`` with its concrete type, for the view and tests."""
        return self._model

    @property
    def chat(self) -> Chat | None:
        return self._chat

    @property
    def account(self) -> Account | None:
        return self._account

    @property
    def attendees(self) -> list[ChatAttendee]:
        return list(self._attendees)

    @property
    def is_loading(self) -> bool:
        return self._loading

    @property
    def can_load_older(self) -> bool:
        return self._chat is not None and self._older_cursor is not None and not self._loading

    @property
    def is_loading_older(self) -> bool:
        return self._tasks.is_running("conversation:older")

    @property
    def at_newest(self) -> bool:
        """False while a conversation opened at a message (``open_at``) has not loaded up to its newest message."""
        return self._at_newest

    @property
    def is_loading_newer(self) -> bool:
        return self._tasks.is_running("conversation:newer")

    @property
    def history_complete(self) -> bool:
        """True once the oldest page has been loaded."""
        return self._history_complete

    def display_name(self) -> str:
        """The chat's name, else the other people's names; "" while they load, then "Conversation"."""
        chat = self._chat
        if chat is None:
            return ""
        if chat.name and chat.name.strip():
            return chat.name.strip()
        others = self.participant_names()
        if others:
            return ", ".join(others)
        return "" if self._loading else translate("Conversation", "Conversation")

    def participant_names(self) -> list[str]:
        return [a.name for a in self._attendees if not a.is_self and not a.hidden and a.name]

    def sender_name(self, attendee_id: str | None, provider_id: str) -> str:
        attendee = (self._by_attendee_id.get(attendee_id) if attendee_id else None) or self._by_provider_id.get(
            provider_id
        )
        if attendee is not None:
            return translate("Conversation", "You") if attendee.is_self else (attendee.name or provider_id)
        return provider_id

    # ------------------------------------------------------------------------------------------ opening

    def open_chat(self, chat: Chat, account: Account | None, *, mark_read: bool) -> None:
        """Show ``chat``: its local messages at once, then the newest page and the attendees."""
        self._reset(chat, account)
        self._show_cached(chat.id)
        self._rebuild()
        self._set_loading(True)
        self.chat_opened.emit(chat)
        self._tasks.start("conversation:open", self._load_newest(chat.id, self._generation))
        if mark_read:
            self.set_read(True)

    def open_at(self, chat: Chat, message_id: str, *, account: Account | None = None) -> None:
        """Show ``chat`` at ``message_id``: the pages around it, then ``message_located`` (scroll to it, flash it).

        The cached messages up to it show at once when the cache has it; the server's pages around it follow.
        Scrolling down then loads newer pages (``load_newer``) until the newest, where live messages show again;
        sending jumps to the newest first. A message the chat no longer holds: ``message_missing`` with a sentence,
        and the chat opens at its newest messages. Nothing is marked read.
        """
        if account is None and self._chat is not None and self._chat.id == chat.id:
            account = self._account
        self._reset(chat, account)
        self._set_at_newest(False)
        cached = self._store.cache.message(message_id) if self._store is not None else None
        if cached is not None and (cached.chat_id != chat.id or cached.timestamp is None):
            cached = None
        if cached is not None and cached.timestamp is not None and self._store is not None:
            self._show_cached(chat.id, before=cached.timestamp + ONE_MS)
        elif self._store is not None:
            self._set_attendees(self._store.cache.attendees(chat.id))
        self._rebuild()
        self._set_loading(True)
        self.chat_opened.emit(chat)
        if message_id in self._messages:
            self.message_located.emit(chat.id, message_id)
        self._tasks.start("conversation:open", self._load_around(chat.id, message_id, cached, self._generation))

    def jump_to_newest(self) -> None:
        """Leave a conversation opened in the middle for its newest messages (cached at once, then the server's)."""
        chat = self._chat
        if chat is None or self._at_newest:
            return
        attendees = self._attendees
        seen = newest_moment(self._messages.values())
        self._reset(chat, self._account)
        self._set_attendees(attendees)
        self._show_cached(chat.id)
        if seen is not None:  # the pages around the found message are cached: the newest are what is after them
            self._messages = {k: m for k, m in self._messages.items() if m.timestamp is not None and m.timestamp > seen}
        self._rebuild()
        self._set_loading(True)
        self._tasks.start("conversation:open", self._load_newest(chat.id, self._generation))

    def _reset(self, chat: Chat, account: Account | None) -> None:
        self._generation += 1
        for name in ("older", "newer", "refresh"):
            self._tasks.cancel(f"conversation:{name}")
        self._chat = chat
        self._account = account
        self._messages = {}
        self._live_waiting = {}
        self._set_attendees([])
        self._older_cursor = None
        self._history_complete = False
        self._set_at_newest(True)
        self._model.clear()
        self._note_sent_twice_of(chat.id)

    def _show_cached(self, chat_id: str, *, before: datetime | None = None) -> None:
        """What the cache knows of the chat, before any network answer (also when the server is unreachable)."""
        if self._store is None:
            return
        cache = self._store.cache
        self._messages = {m.id: m for m in cache.messages(chat_id, limit=self.page_size, before=before)}
        self._set_attendees(cache.attendees(chat_id))
        self._match_null_ids()
        try:
            cache.set_sync_value(LAST_CHAT_KEY, chat_id)
        except Exception:  # remembering the last chat is a comfort, not worth a failure
            log.exception("could not remember the open chat")

    def _cache_messages(self, messages: Sequence[Message]) -> None:
        if self._store is not None and messages:
            self._store.cache.put_messages(list(messages))

    def refresh(self) -> None:
        """Fetch the newest page again and merge it (after a send, or when a poller saw activity)."""
        if self._chat is not None:
            self._tasks.start("conversation:refresh", self._refresh(self._chat.id, self._generation))

    def load_older(self) -> None:
        """Fetch the page before the oldest loaded message; no-op while loading or at the start of history."""
        chat = self._chat
        if chat is None or self._older_cursor is None or self._loading or self.is_loading_older:
            return
        self._tasks.start("conversation:older", self._load_older(chat.id, self._generation, self._older_cursor))

    def load_newer(self) -> None:
        """Fetch the page after the newest loaded message (opened in the middle); no-op at the newest or loading."""
        chat = self._chat
        if chat is None or self._at_newest or self._loading or self.is_loading_newer:
            return
        self._tasks.start("conversation:newer", self._load_newer(chat.id, self._generation))

    async def _load_around(self, chat_id: str, message_id: str, cached: Message | None, generation: int) -> None:
        located = False
        try:
            found_or_error, attendees_or_error = await asyncio.gather(
                around(self._client, chat_id, message_id, cached, self.page_size),
                self._client.list_chat_attendees(chat_id),
                return_exceptions=True,
            )
            if generation != self._generation:
                return
            self._take_attendees(chat_id, attendees_or_error)
            if isinstance(found_or_error, BaseException):
                if not isinstance(found_or_error, UnipileError):
                    raise found_or_error
                if not (isinstance(found_or_error, NetworkError) and message_id in self._messages):
                    self.error_occurred.emit(
                        translate("Conversation", "Could not load the messages. {reason}").format(
                            reason=found_or_error.user_message()
                        ),
                        found_or_error,
                    )
                return
            if found_or_error is None:
                self._messages = {}
                self._set_at_newest(True)
                self._show_cached(chat_id)
                self._rebuild()
                await self._load_newest(chat_id, generation)  # says loading is over and history_loaded
                if generation == self._generation:  # after the names landed: the header shows it
                    self.message_missing.emit(chat_id, translate("Conversation", MISSING_MESSAGE))
                return
            older = found_or_error.older
            self._cache_messages(older)
            self._merge(older)
            self._older_cursor = found_or_error.older_cursor
            self._history_complete = found_or_error.older_cursor is None
            try:  # the page after it too, so the message is not left at the bottom edge
                newer = await newer_page(
                    self._client,
                    chat_id,
                    newest_moment(older) or datetime.now(UTC),
                    limit=self.page_size,
                    span=span_hint(older, self.page_size),
                )
            except UnipileError as exc:
                log.info("the messages after %s did not load: %r", message_id, exc)  # scrolling down asks again
                if generation != self._generation:
                    return  # another chat (or this one again) opened meanwhile: not this jump's to scroll
            else:
                if generation != self._generation:
                    return
                self._cache_messages(newer.items)
                self._merge(newer.items)
                self._rebuild()
                self._set_at_newest(newer.at_newest)
            self._rebuild()
            located = True
        finally:
            if generation == self._generation:
                self._set_loading(False)
        if located:
            self.message_located.emit(chat_id, message_id)
            self.history_loaded.emit(chat_id)

    async def _load_newer(self, chat_id: str, generation: int) -> None:
        after = newest_moment(self._messages.values()) or datetime.now(UTC)
        try:
            page = await newer_page(
                self._client,
                chat_id,
                after,
                limit=self.page_size,
                span=span_hint(self._messages.values(), self.page_size),
            )
        except UnipileError as exc:
            if generation == self._generation:
                self.error_occurred.emit(
                    translate("Conversation", "Could not load newer messages. {reason}").format(
                        reason=exc.user_message()
                    ),
                    exc,
                )
            return
        if generation != self._generation:
            return
        self._cache_messages(page.items)
        self._merge(page.items)
        self._rebuild()  # below what is read, which stays put: the view follows the end only from the newest on
        if page.at_newest:
            self._set_at_newest(True)
            self._rebuild()  # live messages held meanwhile, messages being sent
        self.newer_loaded.emit(chat_id, len(page.items))

    def _take_attendees(self, chat_id: str, attendees_or_error: list[ChatAttendee] | BaseException) -> None:
        if isinstance(attendees_or_error, BaseException):
            if not isinstance(attendees_or_error, UnipileError):
                raise attendees_or_error
            # The thread is usable without names (sender ids show instead): log it, no banner.
            log.warning("could not load attendees of the open chat: %r", attendees_or_error)
            return  # the cached names, if any
        if self._store is not None:
            self._store.cache.put_attendees(attendees_or_error, chat_id=chat_id)
        self._set_attendees(attendees_or_error)

    async def _load_newest(self, chat_id: str, generation: int) -> None:
        try:
            # Both at once; the rows are built when both have landed, so names never flash as raw ids.
            page_or_error, attendees_or_error = await asyncio.gather(
                self._client.list_messages(chat_id, limit=self.page_size),
                self._client.list_chat_attendees(chat_id),
                return_exceptions=True,
            )
            if generation != self._generation:
                return
            if isinstance(page_or_error, BaseException):
                if not isinstance(page_or_error, UnipileError):
                    raise page_or_error
                if isinstance(page_or_error, NetworkError) and self._messages:
                    # Offline with the cached thread on screen: the status bar says offline; no banner.
                    log.info("showing the cached messages of %s: %r", chat_id, page_or_error)
                    return
                self.error_occurred.emit(
                    translate("Conversation", "Could not load the messages. {reason}").format(
                        reason=page_or_error.user_message()
                    ),
                    page_or_error,
                )
                return
            self._cache_messages(page_or_error.items)
            self._keep_contiguous_with(page_or_error.items, complete=page_or_error.cursor is None)
            self._merge(page_or_error.items)
            self._older_cursor = page_or_error.cursor
            self._history_complete = page_or_error.cursor is None
            self._take_attendees(chat_id, attendees_or_error)
            self._rebuild()
        finally:
            if generation == self._generation:
                self._set_loading(False)
        self.history_loaded.emit(chat_id)

    async def _load_older(self, chat_id: str, generation: int, cursor: str) -> None:
        try:
            page = await self._client.list_messages(chat_id, cursor=cursor, limit=self.page_size)
        except UnipileError as exc:
            if generation == self._generation:
                self.error_occurred.emit(
                    translate("Conversation", "Could not load older messages. {reason}").format(
                        reason=exc.user_message()
                    ),
                    exc,
                )
            return
        if generation != self._generation:
            return
        self._older_cursor = page.cursor
        self._history_complete = page.cursor is None
        self._cache_messages(page.items)
        self._merge(page.items)
        self._rebuild()
        self.older_loaded.emit(chat_id, len(page.items))

    async def _refresh(self, chat_id: str, generation: int) -> None:
        try:
            page = await self._client.list_messages(chat_id, limit=self.page_size)
        except UnipileError as exc:
            log.info("refreshing the open chat failed: %r", exc)  # the next refresh or reopen catches up
            return
        self._cache_messages(page.items)
        if generation != self._generation or not self._at_newest:
            return
        # Cached now, so the sync will not report them: the collision guard looks at what is new here too.
        new = [m for m in page.items if m.id not in self._messages]
        self._merge(page.items)
        self._rebuild()
        self._check_foreign_reply(chat_id, new)

    def on_live_messages_arrived(self, chat_id: str, messages: list[Message]) -> None:
        """New messages found by polling (already cached): shown if the chat is open; the view keeps its place.

        One of them sent from this account but not by this app (``foreign_replies``) emits ``foreign_reply``;
        so does one that a ``refresh`` finds first.
        """
        if self._chat is None or self._chat.id != chat_id or not messages:
            return
        if not self._at_newest:  # opened in the middle: they show once newer pages reach the newest
            self._live_waiting.update((m.id, m) for m in messages)
            self.newer_waiting.emit(chat_id)
            self._check_foreign_reply(chat_id, messages)
            return
        self._merge(messages)  # first: a send accepted without an id may be matched to its copy here
        self._rebuild()
        self._check_foreign_reply(chat_id, messages)

    def _check_foreign_reply(self, chat_id: str, messages: Sequence[Message]) -> None:
        if not messages:
            return
        try:
            entries = self.outbox.entries(chat_id, include_sent=True)
        except Exception:  # a warning is a comfort: never worth failing to show the messages
            log.exception("could not read the outbox entries of %s", chat_id)
            return
        own_ids = [m.server_id for m in self._outgoing.get(chat_id, {}).values() if m.server_id]
        found = find_foreign_reply(messages, entries, own_ids)
        if found is not None:
            self.foreign_reply.emit(chat_id, found.timestamp or datetime.now(UTC))

    def _keep_contiguous_with(self, newest: Sequence[Message], *, complete: bool) -> None:
        """Drop cached rows older than the newest page that the page does not hold: the cache may have a hole there
        (pages seen around a found message, a message since deleted); the older pages load them again in order."""
        oldest = min((m.timestamp for m in newest if m.timestamp is not None), default=None)
        if complete or oldest is None:
            return
        ids = {m.id for m in newest}
        self._messages = {
            k: m for k, m in self._messages.items() if k in ids or (m.timestamp is not None and m.timestamp >= oldest)
        }

    def _merge(self, messages: Sequence[Message]) -> None:
        for message in messages:
            self._messages[message.id] = message
        self._match_null_ids()

    def _match_null_ids(self) -> None:
        """Give a server id to sent messages whose 201 carried none, by matching text, files and time."""
        if self._chat is None:
            return
        locals_ = self._outgoing.get(self._chat.id, {})
        waiting = [m for m in locals_.values() if m.state == SendState.SENT and m.server_id is None]
        if not waiting:
            return
        taken = {m.server_id for m in locals_.values() if m.server_id}
        candidates = sorted(
            (m for m in self._messages.values() if m.is_sender and m.id not in taken and m.timestamp is not None),
            key=lambda m: m.timestamp or datetime.min.replace(tzinfo=UTC),
        )
        for local in sorted(waiting, key=lambda m: m.created_at):
            for message in candidates:
                assert message.timestamp is not None
                if (
                    message.id not in taken
                    and (message.text or "").strip() == local.text.strip()
                    and len(message.attachments) == len(local.files)
                    and abs(message.timestamp - local.created_at) <= NULL_ID_MATCH_WINDOW
                ):
                    local.server_id = message.id
                    taken.add(message.id)
                    break

    def _set_attendees(self, attendees: Sequence[ChatAttendee]) -> None:
        self._attendees = list(attendees)
        self._row_cache.clear()  # the rows carry sender names
        self._by_attendee_id = {a.id: a for a in attendees}
        self._by_provider_id = {a.provider_id: a for a in attendees}
        self.attendees_changed.emit()

    def _set_at_newest(self, at_newest: bool) -> None:
        if at_newest and self._live_waiting:  # a live message the last newer page may have just missed
            self._merge(list(self._live_waiting.values()))
            self._live_waiting = {}
        if at_newest != self._at_newest:
            self._at_newest = at_newest
            self.at_newest_changed.emit(at_newest)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _rebuild(self) -> None:
        chat = self._chat
        if chat is None:
            return
        outgoing: Sequence[OutgoingMessage] = list(self._outgoing.get(chat.id, {}).values())
        if not self._at_newest:  # unsent messages go after the newest message, which is not loaded
            outgoing = [m for m in outgoing if m.absorbed_by is not None and m.absorbed_by in self._messages]
        rows = build_rows(
            self._messages.values(),
            outgoing,
            self.sender_name,
            is_group=chat.is_group,
            sent_twice=self._sent_twice.get(chat.id, frozenset()),
            cache=self._row_cache,
        )
        self._model.set_rows(rows)

    # ------------------------------------------------------------------------------------------ read state

    def set_read(self, read: bool) -> None:
        """Mark the open chat read or unread on the provider (PATCH setReadStatus)."""
        if self._chat is None:
            return
        chat_id = self._chat.id
        self._tasks.start(f"conversation:read:{chat_id}", self._set_read(chat_id, read))

    async def _set_read(self, chat_id: str, read: bool) -> None:
        try:
            await self._client.set_chat_read(chat_id, read)
        except UnipileError as exc:
            sentence = (
                translate("Conversation", "Could not mark the conversation as read. {reason}")
                if read
                else translate("Conversation", "Could not mark the conversation as unread. {reason}")
            )
            self.error_occurred.emit(sentence.format(reason=exc.user_message()), exc)
            return
        self.chat_read_changed.emit(chat_id, read)

    # ------------------------------------------------------------------------------------------ attachments

    def save_attachment(self, message_id: str, attachment_id: str, path: pathlib.Path) -> None:
        """Download an attachment to ``path`` (chosen by the person); ``attachment_saved`` when written."""
        self._downloads.save(message_id, attachment_id, path, self.attachment_saved)

    def open_attachment(self, message_id: str, attachment_id: str, file_name: str) -> None:
        """Download an attachment to the per-user attachments folder; ``attachment_ready`` gives the path to open.

        Refused (``error_occurred``) unless the name that will be written is of a type that is safe to open: the
        check runs on the final on-disk name, so "invoice.exe." cannot pass as something else.
        """
        self._downloads.open(message_id, attachment_id, file_name, self.attachment_ready)
