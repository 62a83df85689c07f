"""Sends of the open conversation: through the durable outbox, their bubbles' states, and the agent's answers."""

from __future__ import annotations

import logging
import pathlib
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from ..api import Chat
from ..engine.outbox import OutboxEngine, OutboxError
from ..engine.quotes import ReplyTo
from ..store import MessageSend, OutboxEntry, chat_draft_key
from ..texts import translate
from .drafts import DraftKeeper
from .message_list import OutgoingMessage, SendState
from .outgoing import (
    ROW_STATES,
    SendRefusedError,
    check_files,
    outgoing_from_entry,
    quote_gone,
    row_error,
    sent_twice_ids,
)

log = logging.getLogger(__name__)


class ConversationSends(QObject):
    """The sending half of ``ConversationController`` (its base class): outbox entries as bubbles, and commands.

    The controller provides what shows them: ``_rebuild`` (the open chat's rows), ``refresh`` (the newest page)
    and ``jump_to_newest`` (a conversation opened in the middle shows what is sent after its newest message).
    """

    error_occurred = Signal(str, object)  # sentence, exception (loading pages, read state, attachments)
    send_confirmed = Signal(str, str)  # local_id, server message_id ("" if the server gave null)
    send_failed = Signal(str, str)  # local_id, sentence
    send_unsure = Signal(str, str)  # local_id, sentence: the outbox could not tell whether it arrived

    def __init__(
        self, outbox: OutboxEngine, drafts: DraftKeeper | None, max_file_size: int, parent: QObject | None
    ) -> None:
        super().__init__(parent)
        self.outbox = outbox
        self.drafts = drafts
        self.max_file_size = max_file_size
        self._chat: Chat | None = None
        self._outgoing: dict[str, dict[str, OutgoingMessage]] = {}  # chat id -> local id -> message
        self._sent_twice: dict[str, set[str]] = {}  # chat id -> server ids of copies of sends stored more than once
        self._remove_outbox_listener: Callable[[], None] | None = None

    def _follow_outbox(self) -> None:
        """Show the outbox's entries (unsent and failed messages of earlier runs too) and follow its changes."""
        for entry in self.outbox.entries():
            self._on_outbox_entry_changed(entry)
        self._remove_outbox_listener = self.outbox.add_listener(
            self._on_outbox_entry_changed, self._on_outbox_entry_discarded
        )

    def _stop_following_outbox(self) -> None:
        if self._remove_outbox_listener is not None:
            self._remove_outbox_listener()
            self._remove_outbox_listener = None

    def _rebuild(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        raise NotImplementedError

    def jump_to_newest(self) -> None:
        raise NotImplementedError

    def outgoing(self, local_id: str) -> OutgoingMessage | None:
        for per_chat in self._outgoing.values():
            if local_id in per_chat:
                return per_chat[local_id]
        return None

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

    # ------------------------------------------------------------------------------------------ sending

    def check_send(self, text: str, files: Sequence[pathlib.Path]) -> str | None:
        """Why ``send(text, files)`` would be refused, as a sentence; None when it would be accepted."""
        chat = self._chat
        if chat is None:
            return translate("ConversationSends", "Open a conversation first.")
        if chat.read_only:
            return translate("ConversationSends", "This conversation is read-only.")
        if not text.strip() and not files:
            return translate("ConversationSends", "There is nothing to send.")
        return check_files(files, self.max_file_size)

    def send(self, text: str, files: list[pathlib.Path], reply: ReplyTo | None = None) -> str:
        """Queue the message in the outbox (stored before any request) and show it at once; returns its local id.
        ``reply``: the message it answers, sent as ``quote_id`` (kept with the entry through retries and restarts).

        Raises ``SendRefusedError`` (with a sentence) before anything is stored when the message cannot be sent.
        """
        problem = self.check_send(text, files)
        if problem is not None:
            raise SendRefusedError(problem)
        chat = self._chat
        assert chat is not None
        self.jump_to_newest()  # opened in the middle: what is sent shows after the newest message
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
            quote_id=reply.message_id if reply is not None else None,
            quote_sender=reply.sender_name if reply is not None else None,
            quote_text=reply.text if reply is not None else None,
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

    def send_without_quote(self, local_id: str) -> str | None:
        """A reply whose quoted message no longer exists: send its text and files again, without the quote.

        The failed entry is replaced by a new one at the end of the chat's queue; returns the new local id.
        """
        local = self.outgoing(local_id)
        entry = self.outbox.get(local_id)
        if local is None or local.state != SendState.FAILED or entry is None:
            return None
        send = entry.send
        if not isinstance(send, MessageSend):
            return None
        # No draft key: the failed entry's draft went with it, and a confirmed send deletes the draft it names when
        # that draft is not newer than the send: what the agent typed since the failure would go with it.
        again = self.outbox.send_message(send.chat_id, send.text, send.attachments, account_id=send.account_id)
        self._discard_entry(local_id)
        self.outbox.start()
        return again.local_id

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
        local.error = row_error(entry, failed_fallback=translate("ConversationSends", "Not sent."))
        local.quote_gone = quote_gone(entry)
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
