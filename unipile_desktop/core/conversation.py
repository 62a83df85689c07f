"""The open conversation: cached then fresh message pages, sends through the durable outbox, read state."""

from __future__ import annotations

import asyncio
import logging
import pathlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QAbstractListModel, QObject, Signal, SignalInstance

from ..api import (
    Account,
    Chat,
    ChatAttendee,
    Message,
    NetworkError,
    UnipileClient,
    UnipileError,
)
from ..engine.file_names import is_safe_to_open, safe_file_name
from ..engine.outbox import OutboxEngine, OutboxError
from ..paths import downloads_dir, private_folder
from ..store import MessageSend, OutboxEntry, Store, chat_draft_key
from .drafts import DraftKeeper
from .foreign_replies import find_foreign_reply
from .images import ImageCache
from .message_list import MessageListModel, OutgoingMessage, SendState, build_rows
from .outgoing import (
    MAX_FILE_SIZE,
    ROW_STATES,
    SendRefusedError,
    check_files,
    outgoing_from_entry,
    row_error,
    sent_twice_ids,
)
from .tasks import TaskRunner

log = logging.getLogger(__name__)

PAGE_SIZE = 50
LAST_CHAT_KEY = "ui:last_chat"  # sync_state key: the chat to reopen from the cache at the next start
# A server message counts as the copy of a send whose 201 carried no id when it is this close in time.
NULL_ID_MATCH_WINDOW = timedelta(minutes=5)


class ConversationController(QObject):
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
    """

    chat_opened = Signal(object)  # Chat
    error_occurred = Signal(str, object)  # sentence, exception (loading pages, read state, attachments)
    send_confirmed = Signal(str, str)  # local_id, server message_id ("" if the server gave null)
    send_failed = Signal(str, str)  # local_id, sentence
    send_unsure = Signal(str, str)  # local_id, sentence: the outbox could not tell whether it arrived
    chat_read_changed = Signal(str, bool)  # chat_id, read
    history_loaded = Signal(str)  # chat_id: the newest page and the attendees have landed
    older_loaded = Signal(str, int)  # chat_id, number of messages in the page
    loading_changed = Signal(bool)  # the newest page of the open chat is loading
    attendees_changed = Signal()  # names for the header and the bubbles
    attachment_saved = Signal(str)  # path
    attachment_ready = Signal(str)  # path of the downloaded copy to open with the desktop's application
    foreign_reply = Signal(str, object)  # chat id, datetime: a reply from this account, not sent by this app

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
        super().__init__(parent)
        self._client = client
        self._store = store
        self.drafts = drafts
        self._own_store: Store | None = None
        if outbox is None:  # tests and tools without a profile: the same rules, kept in memory
            self._own_store = Store.open(None, exclusive=False)
            outbox = OutboxEngine(self._own_store, client)
        self.outbox = outbox
        self._tasks = tasks
        self.images = images
        self.max_file_size = max_file_size
        self.page_size = page_size
        self._model = MessageListModel(self)
        self._chat: Chat | None = None
        self._account: Account | None = None
        self._generation = 0  # bumps on every open: results of older generations are dropped
        self._messages: dict[str, Message] = {}
        self._attendees: list[ChatAttendee] = []
        self._by_attendee_id: dict[str, ChatAttendee] = {}
        self._by_provider_id: dict[str, ChatAttendee] = {}
        self._older_cursor: str | None = None
        self._history_complete = False
        self._loading = False
        self._outgoing: dict[str, dict[str, OutgoingMessage]] = {}  # chat id -> local id -> message
        self._sent_twice: dict[str, set[str]] = {}  # chat id -> server ids of copies of sends stored more than once
        self._attachments_dir = attachments_dir if attachments_dir is not None else downloads_dir()
        for entry in outbox.entries():  # unsent and failed messages of earlier runs show in their chats
            self._on_outbox_entry_changed(entry)
        self._remove_outbox_listener: Callable[[], None] | None = outbox.add_listener(
            self._on_outbox_entry_changed, self._on_outbox_entry_discarded
        )

    async def aclose(self) -> None:
        """Stop following the outbox; a private outbox is closed (the app closes a shared one itself)."""
        if self._remove_outbox_listener is not None:
            self._remove_outbox_listener()
            self._remove_outbox_listener = None
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
        return "" if self._loading else "Conversation"

    def participant_names(self) -> list[str]:
        return [a.name for a in self._attendees if not a.is_self and not a.hidden and a.name]

    def sender_name(self, attendee_id: str | None, provider_id: str) -> str:
        attendee = (self._by_attendee_id.get(attendee_id) if attendee_id else None) or self._by_provider_id.get(
            provider_id
        )
        if attendee is not None:
            return "You" if attendee.is_self else (attendee.name or provider_id)
        return provider_id

    def outgoing(self, local_id: str) -> OutgoingMessage | None:
        for per_chat in self._outgoing.values():
            if local_id in per_chat:
                return per_chat[local_id]
        return None

    # ------------------------------------------------------------------------------------------ opening

    def open_chat(self, chat: Chat, account: Account | None, *, mark_read: bool) -> None:
        """Show ``chat``: its local messages at once, then the newest page and the attendees."""
        self._generation += 1
        self._tasks.cancel("conversation:older")
        self._tasks.cancel("conversation:refresh")
        self._chat = chat
        self._account = account
        self._messages = {}
        self._set_attendees([])
        self._older_cursor = None
        self._history_complete = False
        self._model.clear()
        self._note_sent_twice_of(chat.id)
        self._show_cached(chat.id)
        self._rebuild()
        self._set_loading(True)
        self.chat_opened.emit(chat)
        self._tasks.start("conversation:open", self._load_newest(chat.id, self._generation))
        if mark_read:
            self.set_read(True)

    def _note_sent_twice_of(self, chat_id: str) -> None:
        """Copies found twice by earlier runs (sent entries are still kept a while): read once per opened chat."""
        ids: set[str] = set()
        try:
            entries = self.outbox.entries(chat_id, include_sent=True)
        except Exception:  # a comfort label: never worth failing to open the chat
            log.exception("could not read the outbox entries of %s", chat_id)
            return
        for entry in entries:
            ids |= sent_twice_ids(entry)
        if ids:
            self._sent_twice.setdefault(chat_id, set()).update(ids)

    def _show_cached(self, chat_id: str) -> None:
        """What the cache knows of the chat, before any network answer (also when the server is unreachable)."""
        if self._store is None:
            return
        cache = self._store.cache
        self._messages = {m.id: m for m in cache.messages(chat_id, limit=self.page_size)}
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
                self.error_occurred.emit(f"Could not load the messages. {page_or_error.user_message()}", page_or_error)
                return
            if isinstance(attendees_or_error, BaseException):
                if not isinstance(attendees_or_error, UnipileError):
                    raise attendees_or_error
                # The thread is usable without names (sender ids show instead): log it, no banner.
                log.warning("could not load attendees of the open chat: %r", attendees_or_error)
                attendees_or_error = self._attendees  # the cached names, if any
            elif self._store is not None:
                self._store.cache.put_attendees(attendees_or_error, chat_id=chat_id)
            self._cache_messages(page_or_error.items)
            self._merge(page_or_error.items)
            self._older_cursor = page_or_error.cursor
            self._history_complete = page_or_error.cursor is None
            self._set_attendees(attendees_or_error)
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
                self.error_occurred.emit(f"Could not load older messages. {exc.user_message()}", exc)
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
        if generation != self._generation:
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
        self._by_attendee_id = {a.id: a for a in attendees}
        self._by_provider_id = {a.provider_id: a for a in attendees}
        self.attendees_changed.emit()

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _rebuild(self) -> None:
        chat = self._chat
        if chat is None:
            return
        rows = build_rows(
            self._messages.values(),
            self._outgoing.get(chat.id, {}).values(),
            self.sender_name,
            is_group=chat.is_group,
            sent_twice=self._sent_twice.get(chat.id, frozenset()),
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
            what = "read" if read else "unread"
            self.error_occurred.emit(f"Could not mark the conversation as {what}. {exc.user_message()}", exc)
            return
        self.chat_read_changed.emit(chat_id, read)

    # ------------------------------------------------------------------------------------------ sending

    def check_send(self, text: str, files: Sequence[pathlib.Path]) -> str | None:
        """Why ``send(text, files)`` would be refused, as a sentence; None when it would be accepted."""
        chat = self._chat
        if chat is None:
            return "Open a conversation first."
        if chat.read_only:
            return "This conversation is read-only."
        if not text.strip() and not files:
            return "There is nothing to send."
        return check_files(files, self.max_file_size)

    def send(self, text: str, files: list[pathlib.Path]) -> str:
        """Queue the message in the outbox (stored before any request) and show it at once; returns its local id.

        Raises ``SendRefusedError`` (with a sentence) before anything is stored when the message cannot be sent.
        """
        problem = self.check_send(text, files)
        if problem is not None:
            raise SendRefusedError(problem)
        chat = self._chat
        assert chat is not None
        draft_key = chat_draft_key(chat.id)
        if self.drafts is not None:
            # The draft on disk must be what is sent and older than the entry: the engine deletes it once the
            # send is confirmed, and not a draft typed after it.
            self.drafts.flush(draft_key)
        entry = self.outbox.send_message(
            chat.id,
            text.strip() or None,
            [str(p) for p in files],
            account_id=chat.account_id,
            draft_key=draft_key,
        )
        if self.drafts is not None:
            self.drafts.hold_after_send(draft_key)
        self.outbox.start()  # a no-op when the app started it; a private outbox starts with its first send
        return entry.local_id

    def retry(self, local_id: str) -> None:
        """Send a failed message again, after what is queued. Does nothing unless it failed (a double click is one)."""
        local = self.outgoing(local_id)
        if local is None or local.state != SendState.FAILED:
            return
        try:
            self.outbox.retry(local_id)
        except OutboxError as exc:
            log.info("retry refused: %s", exc)
        self.outbox.start()

    def check_again(self, local_id: str) -> None:
        """Check again, on a message the outbox is not sure about: look for it on the server once more, now."""
        self._answer_unsure(local_id, "check again", lambda: self.outbox.check_again(local_id))

    def send_again(self, local_id: str) -> None:
        """Send again: the agent decided it did not arrive; it is sent after what is queued, without looking."""
        self._answer_unsure(local_id, "send again", lambda: self.outbox.send_again(local_id))

    def confirm_sent(self, local_id: str) -> None:
        """It was sent: the agent saw it arrive; mark the message sent without sending anything."""
        self._answer_unsure(local_id, "mark as sent", lambda: self.outbox.confirm_sent(local_id))

    def _answer_unsure(self, local_id: str, what: str, command: Callable[[], object]) -> None:
        """Run the agent's answer about an unsure message; only while it is unsure (a double click is one)."""
        local = self.outgoing(local_id)
        if local is None or local.state != SendState.UNSURE:
            return
        try:
            command()
        except OutboxError as exc:
            log.info("%s refused: %s", what, exc)
            self.error_occurred.emit(str(exc), exc)
            return
        self.outbox.start()

    def discard(self, local_id: str) -> None:
        """Remove a failed message from the conversation and the outbox."""
        local = self.outgoing(local_id)
        if local is None or local.state != SendState.FAILED:
            return
        self._discard_entry(local_id)

    def edit(self, local_id: str) -> tuple[str, list[pathlib.Path]] | None:
        """Remove a failed message and hand back its text and files for the composer."""
        local = self.outgoing(local_id)
        if local is None or local.state != SendState.FAILED:
            return None
        if not self._discard_entry(local_id):
            return None
        return local.text, list(local.files)

    def _discard_entry(self, local_id: str) -> bool:
        try:
            self.outbox.discard(local_id)
        except OutboxError as exc:
            if self.outbox.get(local_id) is not None:
                log.info("discard refused: %s", exc)
                return False
        self._forget_outgoing(local_id)  # also when the entry was already gone
        return True

    # ------------------------------------------------------------------------------------------ outbox

    def _on_outbox_entry_changed(self, entry: OutboxEntry) -> None:
        send = entry.send
        if not isinstance(send, MessageSend):
            return  # new chats are the new chat dialog's
        twice = self._note_sent_twice(send.chat_id, entry)
        per_chat = self._outgoing.setdefault(send.chat_id, {})
        local = per_chat.get(entry.local_id)
        if local is None:
            if entry.state == "sent":
                if twice:  # an extra copy found by the sync: the server's copies say "Sent twice"
                    self._rebuild_if_open(send.chat_id)
                return  # settled before this controller existed: the server's copy shows it
            local = outgoing_from_entry(entry, send)
            per_chat[entry.local_id] = local
            self._rebuild_if_open(send.chat_id)
            if entry.state == "failed":
                self.send_failed.emit(entry.local_id, local.error)
            elif entry.state == "unsure":
                self.send_unsure.emit(entry.local_id, local.error)
            return
        previous = local.state
        local.state = ROW_STATES[entry.state]
        local.error = row_error(entry, failed_fallback="Not sent.")
        if entry.state == "sent" and entry.message_id:
            local.server_id = entry.message_id
        self._rebuild_if_open(send.chat_id)
        if entry.state == "sent" and previous != SendState.SENT:
            self.send_confirmed.emit(entry.local_id, entry.message_id or "")
            self._refresh_if_open(send.chat_id)  # the server's copy replaces the bubble in place
        elif entry.state == "failed" and previous != SendState.FAILED:
            self.send_failed.emit(entry.local_id, local.error)
        elif entry.state == "unsure" and previous != SendState.UNSURE:
            self.send_unsure.emit(entry.local_id, local.error)

    def _note_sent_twice(self, chat_id: str, entry: OutboxEntry) -> bool:
        """Remember the copies of a send the server holds more than once; True when that added something."""
        ids = sent_twice_ids(entry)
        if not ids:
            return False
        known = self._sent_twice.setdefault(chat_id, set())
        if ids <= known:
            return False
        known |= ids
        return True

    def _on_outbox_entry_discarded(self, entry: OutboxEntry) -> None:
        self._forget_outgoing(entry.local_id)

    def _forget_outgoing(self, local_id: str) -> None:
        for chat_id, per_chat in self._outgoing.items():
            if per_chat.pop(local_id, None) is not None:
                self._rebuild_if_open(chat_id)
                return

    def _rebuild_if_open(self, chat_id: str) -> None:
        if self._chat is not None and self._chat.id == chat_id:
            self._rebuild()

    def _refresh_if_open(self, chat_id: str) -> None:
        if self._chat is not None and self._chat.id == chat_id:
            self.refresh()

    # ------------------------------------------------------------------------------------------ attachments

    def save_attachment(self, message_id: str, attachment_id: str, path: pathlib.Path) -> None:
        """Download an attachment to ``path`` (chosen by the person); ``attachment_saved`` when written."""
        self._tasks.start(
            f"conversation:save:{message_id}:{attachment_id}:{path}",
            self._download(message_id, attachment_id, path, self.attachment_saved),
            preempt=False,
        )

    def open_attachment(self, message_id: str, attachment_id: str, file_name: str) -> None:
        """Download an attachment to the per-user attachments folder; ``attachment_ready`` gives the path to open.

        Refused (``error_occurred``) unless the name that will be written is of a type that is safe to open: the
        check runs on the final on-disk name, so "invoice.exe." cannot pass as something else.
        """
        final_name = safe_file_name(file_name)
        if not is_safe_to_open(final_name):
            self.error_occurred.emit(
                f"“{final_name}” could be a program, so it is not opened directly. Use Save as… and check it first.",
                None,
            )
            return
        try:
            folder = private_folder(self._attachments_dir) / safe_file_name(f"{message_id}-{attachment_id}")
        except OSError as exc:
            self.error_occurred.emit(f"Could not prepare the downloads folder: {exc.strerror or exc}.", exc)
            return
        path = folder / final_name
        self._tasks.start(
            f"conversation:open-file:{message_id}:{attachment_id}",
            self._download(message_id, attachment_id, path, self.attachment_ready),
        )

    async def _download(self, message_id: str, attachment_id: str, path: pathlib.Path, done: SignalInstance) -> None:
        try:
            data = await self._client.get_attachment(message_id, attachment_id)
        except UnipileError as exc:
            self.error_occurred.emit(f"Could not download the attachment. {exc.user_message()}", exc)
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as exc:
            self.error_occurred.emit(f"Could not write “{path.name}”: {exc.strerror or exc}.", exc)
            return
        done.emit(str(path))
