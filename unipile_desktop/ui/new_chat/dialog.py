"""The New chat dialog: account, recipients, group name, LinkedIn options, message and attachments (or invitations)."""

from __future__ import annotations

import pathlib
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...api import Account
from ...core.drafts import missing_attachment_note
from ...core.images import ImageCache
from ...core.invitations import InvitationController, InvitationOutcome, InvitationState
from ...core.new_chat import (
    NewChatController,
    NewChatDraft,
    Recipient,
    StartedChat,
    is_linkedin,
    preliminary_info,
    title_applies,
)
from ...core.outgoing import check_files
from ...texts import QT_TRANSLATE_NOOP, translate
from ..attachments import AttachmentChip, AttachmentChips, open_file_picker
from ..conversation.composer import local_files
from ..server_text import set_server_text
from ..theme import colour_style, set_themed_style
from .account_choice import AccountChoiceModel, AccountChoiceRole
from .invitation import InvitationPanel
from .linkedin import LinkedinSection
from .recipients import RecipientField
from .wording import invitation_problem, message_problem, title_field_words

__all__ = ["AccountChoiceModel", "AccountChoiceRole", "NewChatDialog"]  # the From box's model moved; old imports work

ERROR_STYLE = colour_style("error_text")
NOTE_STYLE = colour_style("secondary_text")
MESSAGE_PLACEHOLDER = QT_TRANSLATE_NOOP("NewChatDialog", "Write the first message… (Ctrl+Enter sends)")


class NewChatDialog(QDialog):
    """Builds a ``NewChatDraft`` from its widgets and hands it to the controller; holds no network code.

    Shown with ``open()`` (never ``exec()``: no nested event loop under qasync). Every edit is kept in the
    controller's draft, so closing by mistake loses nothing; the dialog closes itself after a successful send.

    With an ``InvitationController``, LinkedIn people who are not 1st-degree connections (InMail off) get an
    invitation to connect instead of a message: the message box gives way to the invitation panel, results are
    listed one by one, and the dialog stays open on the summary so the agent can read it.
    """

    def __init__(
        self,
        controller: NewChatController,
        images: ImageCache,
        *,
        account_id: str | None = None,
        invitations: InvitationController | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("new_chat_dialog")
        self.setWindowTitle(translate("NewChatDialog", "New chat"))
        self.setAcceptDrops(True)
        self.controller = controller
        self.images = images
        self._account_id: str | None = None
        self._wanted_account_id: str | None = account_id  # kept until the accounts are listed
        self._recipients_by_account: dict[str, list[Recipient]] = {}
        self._sending: NewChatDraft | None = None
        self._succeeded = False
        self._restoring = False
        self._file_dialog: QFileDialog | None = None
        self.invitations = invitations
        self._inviting: tuple[str, tuple[str, ...]] | None = None  # (account id, provider ids) of the running batch
        self._outcomes: dict[str, InvitationOutcome] = {}  # provider id -> final outcome of the running batch
        self._invitation_mode = False

        # Account.
        self.account_model = AccountChoiceModel(controller.accounts, self)
        self.account_combo = QComboBox(self)
        self.account_combo.setObjectName("new_chat_account")
        self.account_combo.setAccessibleName(translate("NewChatDialog", "From account"))
        self.account_combo.setModel(self.account_model)
        self.account_notice = QLabel(self)
        self.account_notice.setObjectName("new_chat_account_notice")
        self.account_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.account_notice.setWordWrap(True)
        set_themed_style(self.account_notice, ERROR_STYLE)

        # Recipients.
        self.recipient_field = RecipientField(images, self)
        self.recipient_hint = QLabel(self)
        self.recipient_hint.setObjectName("new_chat_recipient_hint")
        self.recipient_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.recipient_hint.setWordWrap(True)
        set_themed_style(self.recipient_hint, NOTE_STYLE)

        # Group name / InMail subject.
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("new_chat_title")
        self.title_edit.setAccessibleName(translate("NewChatDialog", "Group name"))
        self.title_label = QLabel(translate("NewChatDialog", "Group name:"), self)

        self.linkedin_section = LinkedinSection(self)
        self.linkedin_section.set_invitations_offered(invitations is not None)
        self.invitation_panel = InvitationPanel(self)

        # Message and attachments.
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("new_chat_text")
        self.text_edit.setAccessibleName(translate("NewChatDialog", "Message"))
        self.text_edit.setPlaceholderText(translate("NewChatDialog", MESSAGE_PLACEHOLDER))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(110)
        self.files_row = AttachmentChips(self, check=self.check_files)
        self.files_row.files_changed.connect(self.on_files_row_files_changed)

        self.notice = QLabel(self)
        self.notice.setObjectName("new_chat_notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # server sentences are never markup
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()

        self.attach_button = QPushButton(translate("NewChatDialog", "Attach…"), self)
        self.attach_button.setObjectName("new_chat_attach")
        self.discard_button = QPushButton(translate("NewChatDialog", "Clear"), self)
        self.discard_button.setObjectName("new_chat_clear")
        self.discard_button.setToolTip(translate("NewChatDialog", "Empty every field and forget this draft"))
        self.close_button = QPushButton(translate("NewChatDialog", "Close"), self)
        self.close_button.setToolTip(translate("NewChatDialog", "Close; what you typed is kept for next time (Esc)"))
        self.send_button = QPushButton(translate("NewChatDialog", "Send"), self)
        self.send_button.setObjectName("new_chat_send")
        for button in (self.attach_button, self.discard_button, self.close_button, self.send_button):
            button.setAutoDefault(False)  # Enter in the search box adds a recipient; it must never send
            button.setDefault(False)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(6)
        form.addRow(translate("NewChatDialog", "From:"), self.account_combo)
        form.addRow("", self.account_notice)
        form.addRow(translate("NewChatDialog", "To:"), self.recipient_field)
        form.addRow("", self.recipient_hint)
        form.addRow(self.title_label, self.title_edit)
        form.addRow(self.linkedin_section)
        form.addRow(self.invitation_panel)
        form.addRow(translate("NewChatDialog", "Message:"), self.text_edit)
        form.addRow("", self.files_row)
        self.form_layout = form
        self.form_widget = QWidget(self)
        self.form_widget.setLayout(form)
        for hidden_row in (self.account_notice, self.recipient_hint, self.files_row, self.invitation_panel):
            form.setRowVisible(hidden_row, False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(self.form_widget, 1)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.resize(600, 560)

        # Ctrl+Enter sends from anywhere in the dialog; the message box would otherwise take it as a line break.
        self.text_edit.installEventFilter(self)
        self.invitation_panel.note_edit.installEventFilter(self)

        self.account_combo.currentIndexChanged.connect(self.on_account_combo_current_index_changed)
        self.recipient_field.recipients_changed.connect(self.on_recipient_field_recipients_changed)
        self.recipient_field.hint_changed.connect(self.on_recipient_field_hint_changed)
        self.title_edit.textEdited.connect(self._on_edited)
        self.text_edit.textChanged.connect(self._on_edited)
        self.linkedin_section.options_changed.connect(self._on_edited)
        self.attach_button.clicked.connect(self.choose_files)
        self.discard_button.clicked.connect(self.clear)
        self.close_button.clicked.connect(self.reject)
        self.send_button.clicked.connect(self.submit)
        controller.attendees_loaded.connect(self.on_controller_attendees_changed)
        controller.attendees_load_failed.connect(self.on_controller_attendees_changed)
        controller.linkedin_info_loaded.connect(self.on_controller_linkedin_info_loaded)
        controller.busy_changed.connect(self.on_controller_busy_changed)
        controller.chat_started.connect(self.on_controller_chat_started)
        controller.start_failed.connect(self.on_controller_start_failed)
        self.account_model.modelReset.connect(self.on_account_model_reset)
        self.invitation_panel.note_changed.connect(self._update_state)
        if invitations is not None:
            invitations.outcome.connect(self.on_invitations_outcome)
            invitations.batch_finished.connect(self.on_invitations_batch_finished)
            invitations.busy_changed.connect(self.on_invitations_busy_changed)
            invitations.pending_changed.connect(self.on_invitations_pending_changed)

        draft = controller.draft
        if draft is not None:
            self.restore(draft)
            missing = [p for p in draft.attachments if not pathlib.Path(p).is_file()]
            note = translate("NewChatDialog", "This is what you wrote before. Clear empties the form.")
            if missing:  # moved or deleted since the draft was saved (maybe before a restart)
                note = translate("NewChatDialog", "This is what you wrote before. Clear empties the form. {missing}")
                note = note.format(missing=missing_attachment_note(missing))
            self.show_notice(note, error=bool(missing))
        else:
            self._select_account(account_id)
        self._update_state()

    # ------------------------------------------------------------------------------------------ draft

    def current_account(self) -> Account | None:
        account = self.account_combo.currentData(AccountChoiceRole.ACCOUNT)
        return account if isinstance(account, Account) else None

    def current_draft(self) -> NewChatDraft:
        """What the widgets hold, as the controller sends it and the store will save it."""
        account = self.current_account()
        linkedin = is_linkedin(account)
        return NewChatDraft(
            account_id=account.id if account is not None else self._account_id,
            recipients=tuple(self.recipient_field.recipients()),
            text=self.text_edit.toPlainText(),
            title=self.title_edit.text(),
            linkedin_api=self.linkedin_section.api() if linkedin else None,
            inmail=self.linkedin_section.inmail_check.isChecked() if linkedin else False,
            attachments=tuple(str(p) for p in self.files_row.files),
        )

    def restore(self, draft: NewChatDraft) -> None:
        """Put a draft back into the widgets (the dialog reopened after being closed)."""
        self._restoring = True
        self._wanted_account_id = draft.account_id or self._wanted_account_id
        try:
            self._select_account(draft.account_id)
            self.recipient_field.set_recipients(draft.recipients)
            self.title_edit.setText(draft.title)
            self.text_edit.setPlainText(draft.text)
            if is_linkedin(self.current_account()):
                self.linkedin_section.set_choice(draft.linkedin_api, draft.inmail)
            self._clear_files()
            self.add_files([pathlib.Path(p) for p in draft.attachments])
        finally:
            self._restoring = False
        self._on_edited()

    def clear(self) -> None:
        """Empty every field (the account stays) and forget the draft."""
        self._restoring = True
        try:
            self.recipient_field.set_recipients([])
            self._recipients_by_account.clear()
            self.title_edit.clear()
            self.text_edit.clear()
            self._clear_files()
            self.invitation_panel.note_edit.clear()
            if self._inviting is None:
                self.invitation_panel.clear_results()
            self.linkedin_section.reset()
            account = self.current_account()
            if is_linkedin(account) and account is not None:
                self._show_linkedin(account)
        finally:
            self._restoring = False
        self.show_notice("")
        self.controller.clear_draft()
        self._update_state()

    def _on_edited(self, *_args: object) -> None:
        if self._restoring:
            return
        self._succeeded = False  # something changed after invitations went out: keep it as the draft again
        if self.notice.isVisible() and self._sending is None:
            self.show_notice("")  # the refusal was about what has just changed
        self.controller.keep_draft(self.current_draft())
        self._update_state()

    # ------------------------------------------------------------------------------------------ account

    def _select_account(self, account_id: str | None) -> None:
        row = self.account_model.row_of(account_id)
        if row is None or not self.account_model.index(row).data(AccountChoiceRole.USABLE):
            if row is not None:
                reason = self.account_model.index(row).data(AccountChoiceRole.REASON)
                self.show_account_notice(
                    translate(
                        "NewChatDialog", "The current account cannot send right now ({reason}); choose another one."
                    ).format(reason=reason)
                )
            row = self.account_model.first_usable_row()
        if row is None:
            row = 0 if self.account_model.rowCount() else -1
        if row == self.account_combo.currentIndex():
            self.on_account_combo_current_index_changed(row)
        else:
            self.account_combo.setCurrentIndex(row)

    def show_account_notice(self, sentence: str) -> None:
        set_server_text(self.account_notice, sentence)  # capped, wraps anywhere: cannot widen the dialog
        self.form_layout.setRowVisible(self.account_notice, bool(sentence))

    def on_account_model_reset(self) -> None:
        self._account_id = None  # the rows are new: select again and reload what the account needs
        self._select_account(self._wanted_account_id)

    def on_account_combo_current_index_changed(self, _row: int) -> None:
        account = self.current_account()
        previous = self._account_id
        if previous is not None and account is not None and previous != account.id:
            # People belong to an account: keep the old list for when the agent switches back.
            self._recipients_by_account[previous] = self.recipient_field.recipients()
            self.recipient_field.set_recipients(self._recipients_by_account.pop(account.id, []))
            self.show_account_notice("")
        self._account_id = account.id if account is not None else None
        self._watch_pending(account)
        if account is None:
            self._update_state()
            return
        self._wanted_account_id = account.id
        reason = self.account_model.reason(account)
        if reason:
            self.show_account_notice(
                translate(
                    "NewChatDialog", "This account cannot send right now ({reason}). Reconnect it in the dashboard."
                ).format(reason=reason)
            )
        self.controller.load_attendees(account.id)
        self._show_attendees()
        if is_linkedin(account):
            if previous is not None and previous != account.id:
                self.linkedin_section.reset()  # another LinkedIn account: its own products and default
            self._show_linkedin(account)
        self._on_edited()

    def _show_linkedin(self, account: Account) -> None:
        info = self.controller.linkedin_info(account.id)
        self.linkedin_section.set_info(info or preliminary_info(account), loading=True)
        self.controller.load_linkedin_info(account)

    def _show_attendees(self) -> None:
        account_id = self._account_id
        if account_id is None:
            return
        attendees = self.controller.attendees(account_id)
        error = self.controller.attendees_error(account_id)
        if attendees is not None and self.invitations is not None and is_linkedin(self.current_account()):
            self.invitations.note_attendees(account_id, attendees)  # their pending flags
        self.recipient_field.set_attendees(attendees, loading=attendees is None and not error, error=error)

    def on_controller_attendees_changed(self, account_id: str, *_sentence: str) -> None:
        if account_id == self._account_id:
            self._show_attendees()

    def on_controller_linkedin_info_loaded(self, account_id: str) -> None:
        if account_id == self._account_id:
            self.linkedin_section.set_info(self.controller.linkedin_info(account_id), loading=False)
            self._on_edited()

    # ------------------------------------------------------------------------------------------ recipients

    def on_recipient_field_recipients_changed(self) -> None:
        self.linkedin_section.set_recipients(self.recipient_field.recipients())
        self._on_edited()

    def on_recipient_field_hint_changed(self, hint: str) -> None:
        self.recipient_hint.setText(hint)
        self.form_layout.setRowVisible(self.recipient_hint, bool(hint))

    # ------------------------------------------------------------------------------------------ files

    @property
    def files(self) -> list[pathlib.Path]:
        return self.files_row.files

    def file_chips(self) -> list[AttachmentChip]:
        return self.files_row.chips()

    def check_files(self, paths: Sequence[pathlib.Path]) -> str | None:
        """The composer's check (missing, unreadable, too large), so refusals read the same in both places."""
        return check_files(paths, self.controller.max_file_size)

    def add_files(self, paths: Sequence[pathlib.Path]) -> list[pathlib.Path]:
        """Attach files as chips; ones that cannot be sent are refused with the same sentence as in the composer."""
        result = self.files_row.add_files(paths)
        if result.problems:
            self.show_notice(result.notice)
        return result.added

    def remove_file(self, path: pathlib.Path) -> None:
        self.files_row.remove_file(path)

    def _clear_files(self) -> None:
        self.files_row.clear()

    def on_files_row_files_changed(self) -> None:
        self.form_layout.setRowVisible(self.files_row, bool(self.files_row.files) and not self._invitation_mode)
        self._on_edited()

    def choose_files(self) -> QFileDialog:
        """A non-blocking file dialog: chosen files become chips."""
        self._file_dialog = open_file_picker(self, "new_chat_attach_dialog", self.add_files)
        return self._file_dialog

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event.mimeData()) and self._sending is None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if files:
            self.add_files(files)
            event.acceptProposedAction()

    # ------------------------------------------------------------------------------------------ state

    def show_notice(self, sentence: str, *, error: bool = True) -> None:
        set_themed_style(self.notice, ERROR_STYLE if error else NOTE_STYLE)
        set_server_text(self.notice, sentence)  # capped, wraps anywhere: cannot widen the dialog
        self.notice.setVisible(bool(sentence))

    @property
    def is_sending(self) -> bool:
        return self._sending is not None

    def _update_state(self) -> None:
        draft = self.current_draft()
        account = self.current_account()
        applies = title_applies(draft, account)
        label, placeholder, accessible_name = title_field_words(draft.is_group)
        self.title_label.setText(label)
        self.title_edit.setPlaceholderText(placeholder)
        self.title_edit.setAccessibleName(accessible_name)
        inviting = self._inviting is not None or self.invitation_mode()
        self._show_mode(inviting)
        self.form_layout.setRowVisible(self.title_edit, applies and not inviting)
        self.form_layout.setRowVisible(self.linkedin_section, is_linkedin(account))
        if inviting:
            self._update_invitation_state()
            return
        if self._sending is not None:
            self.send_button.setEnabled(False)
            self.send_button.setText(translate("NewChatDialog", "Sending…"))
            self.send_button.setToolTip(translate("NewChatDialog", "The chat is being started"))
            return
        self.send_button.setText(
            translate("NewChatDialog", "Send") if not draft.is_group else translate("NewChatDialog", "Create group")
        )
        problem = self._problem(draft)
        self.send_button.setEnabled(problem is None)
        self.send_button.setToolTip(
            problem or translate("NewChatDialog", "Start the chat and send the message (Ctrl+Enter)")
        )

    def _show_mode(self, inviting: bool) -> None:
        """The invitation panel replaces the message box and the attachments (an invitation carries neither)."""
        if inviting == self._invitation_mode:
            return
        self._invitation_mode = inviting
        self.form_layout.setRowVisible(self.invitation_panel, inviting)
        self.form_layout.setRowVisible(self.text_edit, not inviting)
        self.form_layout.setRowVisible(self.files_row, not inviting and bool(self.files_row.files))
        self.attach_button.setVisible(not inviting)

    def _problem(self, draft: NewChatDraft) -> str | None:
        account = self.current_account()
        reason = self.account_model.reason(account) if account is not None else ""
        return message_problem(draft, account, busy=self.controller.busy, account_reason=reason)

    # ------------------------------------------------------------------------------------------ sending

    def submit(self) -> bool:
        """Send (the Send button and Ctrl+Enter). Ignored while a start runs, so a double press sends once."""
        if self._invitation_mode:
            return self.submit_invitations()
        if self._sending is not None or self.controller.busy or not self.send_button.isEnabled():
            return False
        draft = self.current_draft()
        self._sending = draft
        self.show_notice("")
        if not self.controller.start(draft):
            if self._sending is draft:  # refused before any request; start_failed has shown why
                self._sending = None
            self._update_state()
            return False
        return True

    def on_controller_busy_changed(self, busy: bool) -> None:
        self.form_widget.setEnabled(not busy)
        self.attach_button.setEnabled(not busy)
        self.discard_button.setEnabled(not busy)
        if busy and self._sending is not None:
            self.show_notice(translate("NewChatDialog", "Starting the chat…"), error=False)
        self._update_state()

    def on_controller_chat_started(self, started: StartedChat) -> None:
        if self._sending is None or started.draft != self._sending:
            return
        self._sending = None
        self._succeeded = True
        self.accept()

    def on_controller_start_failed(self, sentence: str, _exc: object) -> None:
        if self._sending is None:
            return
        self._sending = None
        self.show_notice(sentence)  # every input stays as it was
        self._update_state()

    @staticmethod
    def is_send_key(event: QKeyEvent) -> bool:
        return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and bool(
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        typing = watched is self.text_edit or watched is self.invitation_panel.note_edit
        if typing and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self.is_send_key(event):
                self.submit()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.is_send_key(event):
            self.submit()
            event.accept()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------------------------------ invitations

    def invitation_mode(self) -> bool:
        """Invitations instead of a message: LinkedIn, classic API without InMail, someone is not a connection."""
        if self.invitations is None or not is_linkedin(self.current_account()):
            return False
        if self.linkedin_section.api() != "classic" or self.linkedin_section.inmail():
            return False  # InMail (or Recruiter / Sales Navigator) reaches them with a message
        return any(r.is_connection is False for r in self.recipient_field.recipients())

    @property
    def is_inviting(self) -> bool:
        return self._inviting is not None

    def invitation_groups(self) -> tuple[list[Recipient], list[Recipient], list[Recipient]]:
        """(to invite, left out because an invitation is pending, left out because already connected)."""
        invitees: list[Recipient] = []
        pending: list[Recipient] = []
        connections: list[Recipient] = []
        for recipient in self.recipient_field.recipients():
            if recipient.is_connection:
                connections.append(recipient)
            elif self.recipient_field.is_pending(recipient):
                pending.append(recipient)
            else:
                invitees.append(recipient)  # a pasted id too: the server says whether it can be invited
        return invitees, pending, connections

    def _update_invitation_state(self) -> None:
        panel = self.invitation_panel
        if self._inviting is not None:
            self.send_button.setEnabled(False)
            self.send_button.setText(translate("NewChatDialog", "Sending invitations…"))
            self.send_button.setToolTip(translate("NewChatDialog", "The invitations are being sent one by one"))
            return
        invitees, pending, connections = self.invitation_groups()
        panel.set_people(invitees, pending, connections, self.linkedin_section.message_alternatives())
        self.send_button.setText(
            translate("NewChatDialog", "Send invitation")
            if len(invitees) <= 1
            else translate("NewChatDialog", "Send %n invitation(s)", n=len(invitees))
        )
        problem = self._invitation_problem(invitees, pending)
        self.send_button.setEnabled(problem is None)
        self.send_button.setToolTip(
            problem or translate("NewChatDialog", "Send the invitation to connect (Ctrl+Enter)")
        )

    def _invitation_problem(self, invitees: Sequence[Recipient], pending: Sequence[Recipient]) -> str | None:
        invitations = self.invitations
        assert invitations is not None
        account = self.current_account()
        reason = self.account_model.reason(account) if account is not None else ""
        note_problem = invitations.check_note(self.invitation_panel.note())
        return invitation_problem(
            invitees, pending, account, busy=invitations.busy, account_reason=reason, note_problem=note_problem
        )

    def submit_invitations(self) -> bool:
        """Invite every chosen non-connection without a pending invitation, one by one, with the note."""
        invitations = self.invitations
        account = self.current_account()
        if (
            invitations is None
            or account is None
            or self._inviting is not None
            or invitations.busy
            or not self.send_button.isEnabled()
        ):
            return False
        invitees, _pending, _connections = self.invitation_groups()
        self._inviting = (account.id, tuple(r.provider_id for r in invitees))
        self._outcomes = {}
        self.show_notice("")
        self.invitation_panel.start_results(invitees)
        self._lock_inputs(True)
        self._update_state()
        if not invitations.invite(account.id, invitees, self.invitation_panel.note().strip()):
            self._inviting = None
            self.invitation_panel.clear_results()
            self._lock_inputs(False)
            self.show_notice(
                translate("NewChatDialog", "Invitations are already being sent; try again when they are done.")
            )
            self._update_state()
            return False
        return True

    def _lock_inputs(self, locked: bool) -> None:
        """While invitations go out nothing they were made from may change; the results list stays readable."""
        for widget in (
            self.account_combo,
            self.recipient_field,
            self.title_edit,
            self.linkedin_section,
            self.invitation_panel.note_edit,
            self.discard_button,
        ):
            widget.setEnabled(not locked)

    def on_invitations_outcome(self, outcome: InvitationOutcome) -> None:
        batch = self._inviting
        if batch is None or outcome.account_id != batch[0] or outcome.provider_id not in batch[1]:
            return  # another batch (another window) or a resumed one
        if self.invitation_panel.apply(outcome) and outcome.state != InvitationState.SENDING:
            self._outcomes[outcome.provider_id] = outcome

    def on_invitations_batch_finished(self, account_id: str) -> None:
        batch = self._inviting
        if batch is None or account_id != batch[0]:
            return
        self._inviting = None
        outcomes = [self._outcomes[p] for p in batch[1] if p in self._outcomes]
        self.invitation_panel.show_summary(outcomes)
        self._lock_inputs(False)
        if outcomes and all(o.state == InvitationState.SENT for o in outcomes):
            # Done: the dialog stays open on the results, but reopening it should not offer the same people again.
            self.controller.clear_draft()
            self._succeeded = True
        self.recipient_field.refresh_pending()
        self._update_state()

    def on_invitations_busy_changed(self, _busy: bool) -> None:
        self._update_state()

    def on_invitations_pending_changed(self, account_id: str) -> None:
        if account_id == self._account_id:
            self.recipient_field.refresh_pending()
            self._update_state()

    def _watch_pending(self, account: Account | None) -> None:
        invitations = self.invitations
        if invitations is None or account is None or not is_linkedin(account):
            self.recipient_field.set_pending_check(None)
            return
        account_id = account.id
        self.recipient_field.set_pending_check(lambda provider_id: invitations.is_pending(account_id, provider_id))

    def done(self, result: int) -> None:
        if not self._succeeded:
            self.controller.keep_draft(self.current_draft())
        self.recipient_field.popup.hide()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._succeeded:
            self.controller.keep_draft(self.current_draft())
        super().closeEvent(event)
