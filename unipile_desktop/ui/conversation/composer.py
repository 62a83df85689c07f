"""The composer: multi-line text (Enter sends, Shift+Enter breaks the line) and attachments as removable chips."""

from __future__ import annotations

import pathlib
import shutil
import tempfile
import uuid
import weakref
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...engine.canned import refusal
from ...engine.quotes import ReplyTo
from ...paths import private_file, private_folder
from ...store.canned import CannedReply
from ...texts import translate
from ..attachments import AttachmentChip, AttachmentChips, FileCheck, open_file_picker
from ..canned.completion import CannedCompletion
from ..format import plain_tip
from ..theme import colour_style, set_themed_style
from .reply_strip import ReplyStrip

__all__ = ["AttachmentChip", "Composer", "ComposerTextEdit", "FileCheck", "local_files"]


class ComposerTextEdit(QPlainTextEdit):
    """Plain text only. Enter asks to send; Shift+Enter inserts a line break; pasted or dropped files attach."""

    send_requested = Signal()
    files_received = Signal(list)  # list[pathlib.Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paste_dir: pathlib.Path | None = None
        # Without a profile folder (no store on disk) pastes go to a private temporary folder that goes with
        # this widget: nothing outlives the process that could still send them.
        self._temporary_paste_dir: pathlib.Path | None = None

    def set_paste_dir(self, folder: pathlib.Path | None) -> None:
        """Where pasted images are written: the profile's ``Store.pasted_dir``, which keeps each one until the
        message carrying it is sent or discarded (the store deletes it at the next start after that)."""
        self._paste_dir = folder

    @property
    def paste_dir(self) -> pathlib.Path:
        if self._paste_dir is not None:
            return self._paste_dir
        if self._temporary_paste_dir is None:
            self._temporary_paste_dir = pathlib.Path(tempfile.mkdtemp(prefix="unipile-paste-"))
            weakref.finalize(self, shutil.rmtree, self._temporary_paste_dir, ignore_errors=True)
        return self._temporary_paste_dir

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers == Qt.KeyboardModifier.NoModifier:
                event.accept()
                self.send_requested.emit()
                return
            if modifiers & Qt.KeyboardModifier.ShiftModifier:
                self.textCursor().insertText("\n")
                event.accept()
                return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return bool(local_files(source)) or source.hasImage() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        files = local_files(source)
        if files:
            self.files_received.emit(files)
            return
        if source.hasImage():
            path = self._save_pasted_image(source)
            if path is not None:
                self.files_received.emit([path])
                return
        if source.hasText():
            self.textCursor().insertText(source.text())  # never HTML, whatever the clipboard offers

    def _save_pasted_image(self, source: QMimeData) -> pathlib.Path | None:
        image = source.imageData()
        if not isinstance(image, QImage) or image.isNull():
            return None
        folder = self.paste_dir
        try:
            private_folder(folder)  # a pasted screenshot is as private as the conversation it goes into
        except OSError:
            return None
        # A unique name: earlier pastes (of this run or a previous one) may still wait in the outbox.
        path = folder / f"pasted-image-{uuid.uuid4().hex[:12]}.png"
        if not image.save(str(path)):  # the .png suffix picks the format
            return None
        private_file(path)
        return path


def local_files(source: QMimeData) -> list[pathlib.Path]:
    if not source.hasUrls():
        return []
    return [pathlib.Path(url.toLocalFile()) for url in source.urls() if url.isLocalFile()]


class Composer(QWidget):
    """Text, attachments, Attach and Send. The pane connects ``send_requested`` to the controller."""

    send_requested = Signal(str, list)  # text, list[pathlib.Path]
    files_changed = Signal()
    reply_changed = Signal()  # a reply was started or cancelled (the draft keeps the quote)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.setAcceptDrops(True)
        self._can_send_here = False
        self._read_only_reason = ""
        self._account_warning = ""  # the chat's account is not connected: stays under the box while typing

        self.notice = QLabel(self)
        self.notice.setObjectName("composer_notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.reply_strip = ReplyStrip(self)  # the message being answered, with ✕ (Esc) to cancel the reply
        self.reply_strip.cancel_requested.connect(self.cancel_reply)

        self.attachment_chips = AttachmentChips(self)
        self.attachment_chips.hide()
        self.attachment_chips.files_changed.connect(self.on_attachment_chips_files_changed)

        self.text_edit = ComposerTextEdit(self)
        self.text_edit.setObjectName("composer_text")
        self.text_edit.setPlaceholderText(
            translate("Composer", "Write a message… (Enter sends, Shift+Enter for a new line)")
        )
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.text_edit.setFixedHeight(self._text_height(1))
        self.text_edit.setAccessibleName(translate("Composer", "Message text"))
        self.text_edit.setAccessibleDescription(
            translate("Composer", "Enter sends; Shift+Enter starts a new line; / inserts a canned reply")
        )
        self.text_edit.textChanged.connect(self.on_text_edit_text_changed)
        self.text_edit.send_requested.connect(self.submit)
        self.text_edit.files_received.connect(self.add_files)
        # Canned replies: "/" at the start of a line or open_canned_replies(); the app sets the two sources.
        self.canned = CannedCompletion(self.text_edit)
        self.reply_strip.watch(self.text_edit)

        self.attach_button = QToolButton(self)
        self.attach_button.setObjectName("attach_button")
        self.attach_button.setText(translate("Composer", "Attach…"))
        self.attach_button.setToolTip(translate("Composer", "Attach files"))
        self.attach_button.setAccessibleName(translate("Composer", "Attach files"))
        self.attach_button.setAccessibleDescription(translate("Composer", "Choose files to send with the message"))
        self.attach_button.clicked.connect(self.choose_files)

        self.send_button = QPushButton(translate("Composer", "Send"), self)
        self.send_button.setObjectName("send_button")
        self.send_button.setDefault(False)
        self.send_button.setAutoDefault(False)
        self.send_button.setAccessibleName(translate("Composer", "Send message"))
        self.send_button.clicked.connect(self.submit)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.attach_button, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.text_edit, 1)
        row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.notice)
        layout.addWidget(self.reply_strip)
        layout.addWidget(self.attachment_chips)
        layout.addLayout(row)
        self._file_dialog: QFileDialog | None = None
        self.set_target(None)

    # ------------------------------------------------------------------------------------------ state

    def set_file_check(self, check: FileCheck) -> None:
        """The controller's size/readability check, so chips are refused with the same sentence as sends."""
        self.attachment_chips.set_file_check(check)

    def set_paste_dir(self, folder: pathlib.Path | None) -> None:
        """The profile's folder for pasted images (``Store.pasted_dir``); see ``ComposerTextEdit.set_paste_dir``."""
        self.text_edit.set_paste_dir(folder)

    def set_target(self, read_only_reason: str | None, *, has_chat: bool = True) -> None:
        """Enable for a writable chat; ``read_only_reason`` (or no chat) disables typing and sending."""
        self._can_send_here = has_chat and read_only_reason is None
        self._read_only_reason = read_only_reason or ""
        self._account_warning = ""  # belongs to the chat that was open; the window sets the new one's
        self.text_edit.setReadOnly(not self._can_send_here)
        self.canned.close()
        self.attach_button.setEnabled(self._can_send_here)
        if not has_chat:
            self.text_edit.setPlaceholderText(translate("Composer", "Select a conversation"))
        elif read_only_reason:
            self.text_edit.setPlaceholderText("")  # the notice above already says why; once is enough
        else:
            self.text_edit.setPlaceholderText(
                translate("Composer", "Write a message… (Enter sends, Shift+Enter for a new line)")
            )
        self.show_notice(read_only_reason or "")
        self._update_send_button()

    @property
    def files(self) -> list[pathlib.Path]:
        return self.attachment_chips.files

    @property
    def reply(self) -> ReplyTo | None:
        """The message the text answers (sent as its quote), None for a plain message."""
        return self.reply_strip.reply

    def set_reply(self, reply: ReplyTo | None) -> None:
        if reply == self.reply_strip.reply:
            return
        self.reply_strip.set_reply(reply)
        self.reply_changed.emit()

    def cancel_reply(self) -> None:
        """✕ or Esc: the text becomes a plain message again (nothing typed is lost)."""
        self.set_reply(None)
        self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self) -> str:
        return self.text_edit.toPlainText()

    def has_content(self) -> bool:
        return bool(self.text().strip()) or bool(self.attachment_chips.files)

    def show_notice(self, sentence: str) -> None:
        """A refusal in red; the read-only sentence is information, in grey; with nothing else to say, the account
        warning (in amber)."""
        if not sentence and self._account_warning:
            set_themed_style(self.notice, colour_style("warning_text"))
            self.notice.setText(self._account_warning)
            self.notice.show()
            return
        informational = bool(sentence) and sentence == self._read_only_reason
        set_themed_style(self.notice, colour_style("secondary_text" if informational else "error_text"))
        self.notice.setText(sentence)
        self.notice.setVisible(bool(sentence))

    def set_account_warning(self, sentence: str) -> None:
        """Say, before anything is typed, that messages from this chat's account will not go out ("" clears it)."""
        previous, self._account_warning = self._account_warning, sentence
        if self.notice.isHidden() or self.notice.text() == previous:  # a refusal or the read-only sentence stays
            self.show_notice("")

    def _update_send_button(self) -> None:
        self.send_button.setEnabled(self._can_send_here and self.has_content())
        if not self._can_send_here and self._read_only_reason:
            self.send_button.setToolTip(plain_tip(self._read_only_reason))
        elif not self.has_content():
            self.send_button.setToolTip(translate("Composer", "Type a message or attach a file"))
        else:
            self.send_button.setToolTip(translate("Composer", "Send (Enter)"))

    def on_text_edit_text_changed(self) -> None:
        # QPlainTextDocumentLayout measures its height in visual lines: grow with wrapped text up to six.
        visual_lines = int(self.text_edit.document().documentLayout().documentSize().height())
        lines = max(1, min(6, visual_lines))
        self.text_edit.setFixedHeight(self._text_height(lines))
        if self.notice.isVisible() and not self._read_only_reason and self.notice.text() != self._account_warning:
            self.show_notice("")
        self._update_send_button()

    def _text_height(self, lines: int) -> int:
        metrics = self.text_edit.fontMetrics()
        margins = self.text_edit.contentsMargins()
        frame = 2 * self.text_edit.frameWidth()
        document_margin = int(2 * self.text_edit.document().documentMargin())
        return lines * metrics.lineSpacing() + margins.top() + margins.bottom() + frame + document_margin + 2

    # ------------------------------------------------------------------------------------------ canned replies

    @property
    def canned_replies(self) -> Callable[[], Sequence[CannedReply]] | None:
        """Where the popup's replies come from (the app sets ``store.canned.list``); None: no popup."""
        return self.canned.replies

    @canned_replies.setter
    def canned_replies(self, source: Callable[[], Sequence[CannedReply]] | None) -> None:
        self.canned.replies = source

    @property
    def canned_values(self) -> Callable[[], Mapping[str, str | None]] | None:
        """The open chat's values for the variables (first_name, name, account_name, agent_name; date is today)."""
        return self.canned.values

    @canned_values.setter
    def canned_values(self, source: Callable[[], Mapping[str, str | None]] | None) -> None:
        self.canned.values = source

    def set_canned_today(self, today: Callable[[], date]) -> None:
        """The clock {date} reads (tests pass a fixed day)."""
        self.canned.today = today

    def open_canned_replies(self) -> bool:
        """Ctrl+Shift+R: the canned replies popup at the cursor, filtered by what is typed next."""
        if not self._can_send_here:
            self.show_notice(self._read_only_reason or translate("Composer", "Select a conversation first."))
            return False
        self.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.canned.is_open():
            return True
        if not self.canned.open():
            self.show_notice(
                translate("Composer", "There are no canned replies yet: add them in the Canned replies window.")
            )
            return False
        return True

    def unfilled_variables(self) -> list[str]:
        """The variables of inserted replies still left blank (``first_name``…), in text order."""
        return self.canned.unfilled()

    # ------------------------------------------------------------------------------------------ files

    def add_files(self, paths: Sequence[pathlib.Path]) -> list[pathlib.Path]:
        """Attach files; ones that cannot be sent (missing, too large) are refused with a sentence. Returns added."""
        if not self._can_send_here:
            self.show_notice(self._read_only_reason or translate("Composer", "Select a conversation first."))
            return []
        result = self.attachment_chips.add_files(paths)
        self.show_notice(result.notice)
        return result.added

    def remove_file(self, path: pathlib.Path) -> None:
        self.attachment_chips.remove_file(path)

    def chips(self) -> list[AttachmentChip]:
        return self.attachment_chips.chips()

    def clear_files(self) -> None:
        self.attachment_chips.clear()

    def on_attachment_chips_files_changed(self) -> None:
        self.attachment_chips.setVisible(bool(self.attachment_chips.files))
        self._update_send_button()
        self.files_changed.emit()

    def choose_files(self) -> QFileDialog:
        """A non-blocking file dialog: chosen files become chips."""
        self._file_dialog = open_file_picker(self, "attach_dialog", self.add_files)
        return self._file_dialog

    # ------------------------------------------------------------------------------------------ drafts

    def take_draft(self) -> tuple[str, list[pathlib.Path]]:
        """The current text and files, then empty the composer (for switching chats)."""
        draft = (self.text(), self.files)
        self.text_edit.clear()
        self.clear_files()
        self.set_reply(None)  # the pane read it first: a reply belongs to its chat
        self.show_notice("")
        return draft

    def restore_draft(self, text: str, files: Sequence[pathlib.Path], *, prepend: bool = False) -> None:
        """Put text and files back; with ``prepend`` the text goes before what is typed already."""
        current = self.text()
        if prepend and current.strip():
            self.text_edit.setPlainText(f"{text}\n{current}" if text else current)
        else:
            self.text_edit.setPlainText(text)
        cursor = self.text_edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.text_edit.setTextCursor(cursor)
        self.canned.mark_known_variables()  # a blank {first_name} in a restored draft is still refused
        self.add_files(list(files))

    # ------------------------------------------------------------------------------------------ sending

    def submit(self) -> None:
        if not self.send_button.isEnabled():
            if self._can_send_here and not self.has_content():
                return  # Enter on an empty composer: nothing to say
            if not self._can_send_here:
                self.show_notice(self._read_only_reason or translate("Composer", "Select a conversation first."))
            return
        blanks = self.unfilled_variables()
        if blanks:
            self.show_notice(refusal(blanks))  # never send a canned reply with a silent blank
            self.canned.select_first_unfilled()
            return
        self.send_requested.emit(self.text(), self.files)

    def clear_sent(self, sent_text: str) -> None:
        """Clear what was handed over: the text only if it is still exactly what was sent, and the chips."""
        if self.text().strip() == sent_text.strip():
            self.text_edit.clear()
        self.clear_files()
        self.set_reply(None)  # the quote went with the message
        self.show_notice("")

    # ------------------------------------------------------------------------------------------ drops

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._can_send_here and (local_files(event.mimeData()) or event.mimeData().hasImage()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if files:
            self.add_files(files)
            event.acceptProposedAction()
        elif event.mimeData().hasImage():
            self.text_edit.insertFromMimeData(event.mimeData())
            event.acceptProposedAction()
