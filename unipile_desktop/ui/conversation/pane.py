"""The right-hand side of the main window: conversation header, message view and composer."""

from __future__ import annotations

import pathlib
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QResizeEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QListView, QStackedWidget, QVBoxLayout, QWidget

from ...api import Chat
from ...core.conversation import ConversationController
from ...core.drafts import missing_attachment_note
from ...core.images import ImageCache
from ...core.message_list import AttachmentView, MessageRow
from ...core.outgoing import SendRefusedError, check_files
from ...engine.file_names import safe_file_name, visible_file_name
from ...engine.quotes import DRAFT_FIELD, ReplyTo, can_quote
from ...store import chat_draft_key
from ...texts import translate
from ..links import open_link
from ..theme import colour_style, set_themed_style
from .composer import Composer, local_files
from .foreign_reply_notice import ForeignReplyNotice
from .header import ConversationHeader
from .replying import reply_of_entry, reply_of_row, reply_target
from .view import MessageView

STATUS_SECONDS = 6


class ConversationPane(QWidget):
    """Shows the controller's open chat. Holds no network code: every action is a controller call."""

    def __init__(self, controller: ConversationController, images: ImageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversation_pane")
        self.controller = controller
        self.images = images
        self.setAcceptDrops(True)
        self._drafts: dict[str, tuple[str, list[pathlib.Path]]] = {}  # without a draft keeper: in memory only
        self._chat_id: str | None = None
        self._replies: dict[str, ReplyTo] = {}  # without a draft keeper: the quote of each chat's draft
        self._draft_notes_paused = False  # the composer is being filled or emptied by the app, not by typing

        self.placeholder = QLabel(translate("ConversationPane", "Select a conversation"), self)
        self.placeholder.setObjectName("conversation_placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_themed_style(self.placeholder, colour_style("secondary_text", "font-size: 15px;"))

        self.header = ConversationHeader(self)
        self.message_view: QListView = MessageView(images, self)
        self.message_view.setModel(controller.messages_model)
        self.empty_label = QLabel(self.message_view.viewport())
        self.empty_label.setObjectName("conversation_empty")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_themed_style(self.empty_label, colour_style("secondary_text"))
        self.composer = Composer(self)
        self.composer.set_file_check(self.check_files)
        set_themed_style(self.composer, lambda t: f"#composer {{ border-top: 1px solid {t.css(t.border)}; }}")
        self.foreign_reply_notice = ForeignReplyNotice(self)

        page = QWidget(self)
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        page_layout.addWidget(self.header)
        page_layout.addWidget(self.message_view, 1)
        page_layout.addWidget(self.foreign_reply_notice)
        page_layout.addWidget(self.composer)
        self.conversation_page = page

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.timeout.connect(self.on_status_timer_timeout)

        view = self.message_view
        assert isinstance(view, MessageView)
        view.top_reached.connect(self.on_message_view_top_reached)
        view.bottom_reached.connect(self.on_message_view_bottom_reached)
        view.newest_requested.connect(self.on_message_view_newest_requested)
        view.link_activated.connect(self.on_message_view_link_activated)
        view.attachment_requested.connect(self.on_message_view_attachment_requested)
        view.failed_action_requested.connect(self.on_message_view_failed_action_requested)
        view.unsure_action_requested.connect(self.on_message_view_unsure_action_requested)
        view.reply_requested.connect(self.start_reply)
        self.header.mark_read_requested.connect(self.on_header_mark_read_requested)
        self.header.mark_unread_requested.connect(self.on_header_mark_unread_requested)
        self.composer.send_requested.connect(self.on_composer_send_requested)
        self.composer.text_edit.textChanged.connect(self._note_draft)
        self.composer.text_edit.textChanged.connect(self._update_foreign_reply_notice)
        self.composer.files_changed.connect(self._note_draft)
        self.composer.reply_changed.connect(self._note_draft)  # the quote is part of the draft
        self.composer.files_changed.connect(self._update_foreign_reply_notice)
        controller.chat_opened.connect(self.on_controller_chat_opened)
        controller.attendees_changed.connect(self.on_controller_attendees_changed)
        controller.loading_changed.connect(self._update_empty_label)
        controller.history_loaded.connect(self.on_controller_history_loaded)
        controller.older_loaded.connect(self.on_controller_older_loaded)
        controller.newer_loaded.connect(self.on_controller_newer_loaded)
        controller.at_newest_changed.connect(self.on_controller_at_newest_changed)
        controller.message_located.connect(self.on_controller_message_located)
        controller.message_missing.connect(self.on_controller_message_missing)
        controller.newer_waiting.connect(self.on_controller_newer_waiting)
        controller.chat_read_changed.connect(self.on_controller_chat_read_changed)
        controller.attachment_ready.connect(self.on_controller_attachment_ready)
        controller.attachment_saved.connect(self.on_controller_attachment_saved)
        controller.foreign_reply.connect(self.on_controller_foreign_reply)
        controller.messages_model.rowsInserted.connect(self._update_empty_label)
        controller.messages_model.rowsRemoved.connect(self._update_empty_label)
        controller.messages_model.modelReset.connect(self._update_empty_label)
        self.show_placeholder()

    @property
    def view(self) -> MessageView:
        view = self.message_view
        assert isinstance(view, MessageView)
        return view

    def show_placeholder(self) -> None:
        """No conversation selected: a quiet "Select a conversation" instead of an empty thread."""
        self.stack.setCurrentWidget(self.placeholder)
        self.composer.set_target(None, has_chat=False)

    # ------------------------------------------------------------------------------------------ chat

    def on_controller_chat_opened(self, chat: Chat) -> None:
        keeper = self.controller.drafts
        if self._chat_id is not None and self._chat_id != chat.id:
            if keeper is not None:
                keeper.flush(chat_draft_key(self._chat_id))  # what was typed there is on disk before it leaves
            self._draft_notes_paused = True
            try:
                reply = self.composer.reply
                text, files = self.composer.take_draft()
            finally:
                self._draft_notes_paused = False
            if keeper is None:
                if text.strip() or files:
                    self._drafts[self._chat_id] = (text, files)
                else:
                    self._drafts.pop(self._chat_id, None)
                if reply is not None:
                    self._replies[self._chat_id] = reply
        previous = self._chat_id
        self._chat_id = chat.id
        if previous != chat.id:
            self.foreign_reply_notice.clear()  # it was about the chat that was open
        self.composer.set_target(
            translate("ConversationPane", "This conversation is read-only.") if chat.read_only else None
        )
        if previous != chat.id:
            if keeper is not None:
                self._restore_stored_draft(chat.id)
            elif chat.id in self._drafts:
                text, files = self._drafts.pop(chat.id)
                self.composer.restore_draft(text, files)
            if keeper is None and chat.id in self._replies and can_quote(chat):
                self._draft_notes_paused = True
                self.composer.set_reply(self._replies.pop(chat.id))
                self._draft_notes_paused = False
        self.view.hover_reply.set_enabled(can_quote(chat))  # Reply is not offered where the chat cannot quote
        if not can_quote(chat):
            self.composer.set_reply(None)
        self._update_header()
        self.stack.setCurrentWidget(self.conversation_page)
        self._update_empty_label()
        if not chat.read_only:
            self.composer.text_edit.setFocus()

    def on_controller_foreign_reply(self, chat_id: str, at: datetime) -> None:
        """Someone answered from this account elsewhere: say so above the composer while the agent writes."""
        if chat_id == self._chat_id:
            self.foreign_reply_notice.note_reply(at)
            self._update_foreign_reply_notice()

    def _update_foreign_reply_notice(self) -> None:
        self.foreign_reply_notice.set_composing(self.composer.has_content())  # text, or files about to go

    def draft_for(self, chat_id: str) -> tuple[str, list[pathlib.Path]] | None:
        """The kept draft of a chat that is not open (stored on disk when the controller has a draft keeper)."""
        keeper = self.controller.drafts
        if keeper is None:
            return self._drafts.get(chat_id)
        draft = keeper.effective(chat_draft_key(chat_id))
        if draft is None:
            return None
        return draft.text, [pathlib.Path(p) for p in draft.attachments]

    def _restore_stored_draft(self, chat_id: str) -> None:
        """Put the chat's stored draft back in the composer; files that are gone are named in the notice."""
        keeper = self.controller.drafts
        draft = keeper.effective(chat_draft_key(chat_id)) if keeper is not None else None
        if draft is None:
            return
        missing = draft.missing_attachments()
        present = [pathlib.Path(p) for p in draft.attachments if p not in missing]
        self._draft_notes_paused = True  # restoring is not typing: nothing to write back
        try:
            self.composer.restore_draft(draft.text, present)
            reply = ReplyTo.from_draft_fields(draft.fields)
            if reply is not None and can_quote(self.controller.chat):
                self.composer.set_reply(reply)  # the strip comes back too, after a restart or a crash
        finally:
            self._draft_notes_paused = False
        if missing:
            self.composer.show_notice(missing_attachment_note(missing))

    def _note_draft(self) -> None:
        keeper = self.controller.drafts
        if keeper is None or self._draft_notes_paused or self._chat_id is None:
            return
        reply = self.composer.reply
        fields = {DRAFT_FIELD: reply.to_field()} if reply is not None else None
        keeper.note(chat_draft_key(self._chat_id), self.composer.text(), self.composer.files, fields)

    def on_controller_attendees_changed(self) -> None:
        self._update_header()

    def _update_header(self) -> None:
        controller = self.controller
        self.header.set_chat(
            controller.chat, controller.display_name(), controller.participant_names(), account=controller.account
        )

    def _update_empty_label(self, *_: object) -> None:
        empty = self.controller.messages_model.rowCount() == 0
        if empty:
            loading = self.controller.is_loading
            self.empty_label.setText(
                translate("ConversationPane", "Loading messages…")
                if loading
                else translate("ConversationPane", "No messages yet")
            )
            self.empty_label.resize(self.message_view.viewport().size())
        self.empty_label.setVisible(empty and self.controller.chat is not None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.empty_label.resize(self.message_view.viewport().size())

    def on_controller_chat_read_changed(self, chat_id: str, read: bool) -> None:
        if self.controller.chat is not None and self.controller.chat.id == chat_id:
            self._show_status(
                translate("ConversationPane", "Marked as read")
                if read
                else translate("ConversationPane", "Marked as unread")
            )

    def on_header_mark_read_requested(self) -> None:
        self.controller.set_read(True)

    def on_header_mark_unread_requested(self) -> None:
        self.controller.set_read(False)

    def check_files(self, files: Sequence[pathlib.Path]) -> str | None:
        return check_files(files, self.controller.max_file_size)

    def on_status_timer_timeout(self) -> None:
        self.header.show_status("")

    def _show_status(self, text: str) -> None:
        self.header.show_status(text)
        self._status_timer.start(STATUS_SECONDS * 1000)

    # ------------------------------------------------------------------------------------------ history

    def on_message_view_top_reached(self) -> None:
        self.controller.load_older()

    def on_controller_history_loaded(self, _chat_id: str) -> None:
        if not self.controller.at_newest:  # opened at a message: the pages on either side, if it is at an edge
            QTimer.singleShot(0, self.view.ask_for_edges)
            return
        bar = self.message_view.verticalScrollBar()
        if bar.maximum() == 0 or bar.value() <= 0:
            self._fill_viewport()

    def on_message_view_bottom_reached(self) -> None:
        self.controller.load_newer()

    def on_message_view_newest_requested(self) -> None:
        self.controller.jump_to_newest()

    def on_controller_newer_loaded(self, _chat_id: str, _count: int) -> None:
        if self.message_view.verticalScrollBar().maximum() == 0:  # still no scroll bar to scroll down with
            QTimer.singleShot(0, self.controller.load_newer)

    def on_controller_at_newest_changed(self, at_newest: bool) -> None:
        self.view.set_follows_newest(at_newest)

    def on_controller_message_located(self, chat_id: str, message_id: str) -> None:
        if chat_id == self._chat_id:
            self.view.reveal(self.controller.message_list.find_message(message_id))

    def on_controller_message_missing(self, chat_id: str, sentence: str) -> None:
        if chat_id == self._chat_id:
            self._show_status(sentence)

    def on_controller_newer_waiting(self, chat_id: str) -> None:
        if chat_id == self._chat_id:
            self.view.show_new_messages_button()  # it jumps to the newest messages

    def on_controller_older_loaded(self, _chat_id: str, _count: int) -> None:
        # One page per scroll to the top: the page went in above the message being read, which stays where it was,
        # so the person scrolls up again for the next one. Only a list that still does not fill the view goes on.
        if self.message_view.verticalScrollBar().maximum() == 0:
            self._fill_viewport()

    def _fill_viewport(self) -> None:
        # With no scroll bar the person cannot scroll up to ask for more: keep loading until the view is full.
        QTimer.singleShot(0, self.controller.load_older)

    # ------------------------------------------------------------------------------------------ sending

    def on_composer_send_requested(self, text: str, files: list[pathlib.Path]) -> None:
        try:
            self.controller.send(text, files, self.composer.reply)
        except SendRefusedError as exc:
            self.composer.show_notice(exc.sentence)
            return
        self.foreign_reply_notice.clear()  # the agent has seen it and sent anyway
        self.composer.clear_sent(text)
        self.view.scrollToBottom()

    def start_reply(self, row: object) -> bool:
        """Reply (menu, hover button, Alt+R): the composer quotes ``row`` and gets the focus; the text stays."""
        if not isinstance(row, MessageRow) or not self.view.hover_reply.can_reply_to(row):
            return False
        self.composer.set_reply(reply_of_row(row))
        self.composer.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def reply_to_selected(self) -> bool:
        """Alt+R: the selected message, else the customer's newest one; False when there is none to answer."""
        row = reply_target(self.view, self.controller.message_list.rows())
        if row is None:
            self._show_status(translate("Reply", "Select a message to reply to."))
            return False
        return self.start_reply(row)

    def on_message_view_failed_action_requested(self, kind: str, local_id: str) -> None:
        if kind == "retry":
            self.controller.retry(local_id)
        elif kind == "discard":
            self.controller.discard(local_id)
        elif kind == "without_quote":
            self.controller.send_without_quote(local_id)
        elif kind == "edit":
            reply = reply_of_entry(self.controller.outbox.get(local_id))
            recovered = self.controller.edit(local_id)
            if recovered is not None and reply is not None and self.composer.reply is None:
                self.composer.set_reply(reply)  # a reply comes back as a reply (unless its quote is gone)
            if recovered is not None:
                text, files = recovered
                self.composer.restore_draft(text, files, prepend=True)
                self.composer.text_edit.setFocus()

    def on_message_view_unsure_action_requested(self, kind: str, local_id: str) -> None:
        """The agent's answer on a "Not sure this was sent" bubble."""
        if kind == "check_again":
            self.controller.check_again(local_id)
        elif kind == "send_again":
            self.controller.send_again(local_id)
        elif kind == "confirm_sent":
            self.controller.confirm_sent(local_id)

    # ------------------------------------------------------------------------------------------ links and files

    def on_message_view_link_activated(self, url: str) -> None:
        open_link(url, self)

    def on_message_view_attachment_requested(self, kind: str, attachment: AttachmentView) -> None:
        if kind == "save":
            self.ask_where_to_save(attachment)
        elif kind == "open":
            self.open_attachment(attachment)

    def ask_where_to_save(self, attachment: AttachmentView) -> QFileDialog | None:
        """A non-blocking Save dialog (open(), not exec()); the download starts once a path is chosen."""
        if not attachment.downloadable:
            return None
        dialog = QFileDialog(self, translate("ConversationPane", "Save attachment"))
        dialog.setObjectName("save_attachment_dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.selectFile(safe_file_name(attachment.name))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        message_id, attachment_id = attachment.message_id, attachment.id
        dialog.fileSelected.connect(
            lambda path: self.controller.save_attachment(message_id, attachment_id, pathlib.Path(path))
        )
        dialog.open()
        return dialog

    def open_attachment(self, attachment: AttachmentView) -> None:
        # Only documents and media are opened with the desktop's application; the check is on the name that is
        # (or will be) on disk, not on the name the network sent.
        if not attachment.openable:
            shown = visible_file_name(attachment.name)
            self._show_status(
                translate(
                    "ConversationPane", "“{name}” could be a program. Use Save as… and check it before opening."
                ).format(name=shown)
            )
            return
        if attachment.local_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(attachment.local_path))
        elif attachment.downloadable:
            self._show_status(translate("ConversationPane", "Opening “{name}”…").format(name=attachment.name))
            self.controller.open_attachment(attachment.message_id, attachment.id, attachment.name)

    def on_controller_attachment_ready(self, path: str) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        self._show_status("")

    def on_controller_attachment_saved(self, path: str) -> None:
        self._show_status(translate("ConversationPane", "Saved “{name}”").format(name=pathlib.Path(path).name))

    # ------------------------------------------------------------------------------------------ drops

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.composer.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if local_files(event.mimeData()) or event.mimeData().hasImage():
            self.composer.dropEvent(event)
