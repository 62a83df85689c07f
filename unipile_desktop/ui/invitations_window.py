"""The Sent invitations window of one LinkedIn account: who was invited, when, with which note; withdraw one."""

from __future__ import annotations

import enum
from collections.abc import MutableMapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..api import Account, SentInvitation
from ..core.invitations import InvitationController
from ..texts import QT_TRANSLATE_NOOP, translate
from .accounts import account_label
from .banner import ERROR_COLOURS, Banner
from .format import clock_time, days_ago, one_line, plain_tip, relative_time
from .row_paint import paint_row_background, row_colours

ModelIndex = QModelIndex | QPersistentModelIndex

ROW_HEIGHT = 68
# Shown through translate("SentInvitations", …).
EMPTY_TEXT = QT_TRANSLATE_NOOP("SentInvitations", "No invitations are waiting for an answer on this account.")
LOADING_TEXT = QT_TRANSLATE_NOOP("SentInvitations", "Loading the invitations this account sent…")
FAILED_TEXT = QT_TRANSLATE_NOOP("SentInvitations", "The sent invitations could not be loaded.")


class InvitationRole(enum.IntEnum):
    INVITATION = Qt.ItemDataRole.UserRole + 1
    INVITATION_ID = Qt.ItemDataRole.UserRole + 2
    NAME = Qt.ItemDataRole.UserRole + 3
    WHEN = Qt.ItemDataRole.UserRole + 4  # "Sent today, 14:02", "Sent 12 Mar" or the API's own words
    NOTE = Qt.ItemDataRole.UserRole + 5  # the note on one line, or "" without one
    WITHDRAWING = Qt.ItemDataRole.UserRole + 6


def invited_name(invitation: SentInvitation) -> str:
    return (
        invitation.invited_user
        or invitation.invited_user_public_id
        or invitation.invited_user_id
        or translate("SentInvitations", "Someone")
    )


def sent_when(invitation: SentInvitation) -> str:
    moment = invitation.parsed_datetime
    if moment is None:
        return invitation.date  # the API's own words
    days = days_ago(moment)
    if days <= 0:
        return translate("SentInvitations", "Sent today, {time}").format(time=clock_time(moment))
    if days == 1:
        return translate("SentInvitations", "Sent yesterday")
    return translate("SentInvitations", "Sent {date}").format(date=relative_time(moment))


class SentInvitationModel(QAbstractListModel):
    """The account's sent invitations as the controller has them, newest first; more pages on demand.

    ``canFetchMore``/``fetchMore`` let the list view ask for the next page when it is scrolled to the end.
    """

    loading_changed = Signal(bool)

    def __init__(self, controller: InvitationController, account_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.account_id = account_id
        self._rows: list[SentInvitation] = controller.sent_invitations(account_id)
        self._withdrawing: set[str] = set()
        self._loading = False
        self.loaded = False  # a first answer came (rows or none)
        self.load_error = ""
        controller.sent_loaded.connect(self.on_controller_sent_loaded)
        controller.sent_failed.connect(self.on_controller_sent_failed)
        controller.withdrawn.connect(self.on_controller_withdrawn)
        controller.withdraw_failed.connect(self.on_controller_withdraw_failed)

    # ------------------------------------------------------------------------------------------ loading

    @property
    def loading(self) -> bool:
        return self._loading

    def has_more(self) -> bool:
        return self._controller.has_more_sent(self.account_id)

    def load(self, *, more: bool = False) -> None:
        """The first page again (``more=False``) or the next one; ignored while a page is on its way."""
        if self._loading or (more and not self.has_more()):
            return  # the controller would not answer a "more" without a cursor
        self._set_loading(True)
        self._controller.load_sent(self.account_id, more=more)

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's own default
        return not parent.isValid() and self.loaded and not self._loading and not self.load_error and self.has_more()

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008 - Qt's own default
        if self.canFetchMore(parent):
            self.load(more=True)

    def on_controller_sent_loaded(self, account_id: str) -> None:
        if account_id != self.account_id:
            return
        self.loaded = True
        self.load_error = ""
        self._sync(self._controller.sent_invitations(account_id))
        self._set_loading(False)

    def on_controller_sent_failed(self, account_id: str, sentence: str) -> None:
        if account_id != self.account_id:
            return
        self.load_error = sentence
        self._set_loading(False)

    def _sync(self, invitations: Sequence[SentInvitation]) -> None:
        """A next page appends rows and a withdrawal removes its row (the selection stays); anything else resets."""
        new = list(invitations)
        old_ids = [i.id for i in self._rows]
        new_ids = {i.id for i in new}
        if len(new) < len(self._rows) and [i for i in old_ids if i in new_ids] == [i.id for i in new]:
            for row in reversed(range(len(self._rows))):
                if self._rows[row].id not in new_ids:
                    self.beginRemoveRows(QModelIndex(), row, row)
                    self._withdrawing.discard(self._rows[row].id)
                    del self._rows[row]
                    self.endRemoveRows()
            return
        if [i.id for i in new[: len(self._rows)]] == old_ids:
            self._rows[:] = new[: len(self._rows)]  # same people; their details may have been re-read
            if self._rows:
                self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))
            if len(new) > len(self._rows):
                self.beginInsertRows(QModelIndex(), len(self._rows), len(new) - 1)
                self._rows = new
                self.endInsertRows()
            return
        self.beginResetModel()
        self._rows = new
        self._withdrawing &= {i.id for i in new}
        self.endResetModel()

    # ------------------------------------------------------------------------------------------ withdrawing

    def withdraw(self, invitation_id: str) -> None:
        if invitation_id in self._withdrawing or self.row_of(invitation_id) is None:
            return
        self._withdrawing.add(invitation_id)
        self._changed(invitation_id)
        self._controller.withdraw(self.account_id, invitation_id)

    def is_withdrawing(self, invitation_id: str) -> bool:
        return invitation_id in self._withdrawing

    def on_controller_withdrawn(self, account_id: str, invitation_id: str) -> None:
        if account_id != self.account_id:
            return
        self._withdrawing.discard(invitation_id)
        row = self.row_of(invitation_id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def on_controller_withdraw_failed(self, account_id: str, invitation_id: str, _sentence: str) -> None:
        if account_id == self.account_id:
            self._withdrawing.discard(invitation_id)
            self._changed(invitation_id)

    def _changed(self, invitation_id: str) -> None:
        row = self.row_of(invitation_id)
        if row is not None:
            self.dataChanged.emit(self.index(row), self.index(row))

    # ------------------------------------------------------------------------------------------ model

    def invitations(self) -> list[SentInvitation]:
        return list(self._rows)

    def row_of(self, invitation_id: str) -> int | None:
        return next((row for row, i in enumerate(self._rows) if i.id == invitation_id), None)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._rows):
            return None
        invitation = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, InvitationRole.NAME):
            return invited_name(invitation)
        if role == InvitationRole.WHEN:
            return sent_when(invitation)
        if role == InvitationRole.NOTE:
            return one_line(invitation.invitation_text)
        if role == Qt.ItemDataRole.ToolTipRole:  # names, headlines and notes come from the network
            lines = [invited_name(invitation)]
            if invitation.invited_user_description:
                lines.append(invitation.invited_user_description)
            lines.append(sent_when(invitation))
            lines.append(
                translate("SentInvitations", "Note: {note}").format(note=invitation.invitation_text)
                if invitation.invitation_text
                else translate("SentInvitations", "No note")
            )
            return plain_tip("\n".join(lines))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            note = (
                translate("SentInvitations", "note: {note}").format(note=one_line(invitation.invitation_text))
                if invitation.invitation_text
                else translate("SentInvitations", "no note")
            )
            spoken = (
                translate("SentInvitations", "{name}, {when}, {note}, withdrawing")
                if invitation.id in self._withdrawing
                else translate("SentInvitations", "{name}, {when}, {note}")
            )
            return spoken.format(name=invited_name(invitation), when=sent_when(invitation), note=note)
        if role == InvitationRole.INVITATION:
            return invitation
        if role == InvitationRole.INVITATION_ID:
            return invitation.id
        if role == InvitationRole.WITHDRAWING:
            return invitation.id in self._withdrawing
        return None


class SentInvitationDelegate(QStyledItemDelegate):
    """A row: the name in bold with the date on the right, the headline, then the note in italics (plain text)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return QSize(max(240, option.rect.width()), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        invitation = index.data(InvitationRole.INVITATION)
        if not isinstance(invitation, SentInvitation):
            super().paint(painter, option, index)
            return
        painter.save()
        paint_row_background(self, painter, option, index)
        text_colour, muted = row_colours(option)
        withdrawing = bool(index.data(InvitationRole.WITHDRAWING))
        if withdrawing:
            text_colour = muted
        rect: QRect = option.rect.adjusted(10, 6, -10, -6)
        bold = QFont(option.font)
        bold.setBold(True)
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.9)
        italic = QFont(small)
        italic.setItalic(True)
        line = QFontMetrics(option.font).height()
        small_line = QFontMetrics(small).height()
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        # drawText never interprets markup: everything here is plain text from the network.
        when = (
            translate("SentInvitations", "Withdrawing…") if withdrawing else str(index.data(InvitationRole.WHEN) or "")
        )
        painter.setFont(small)
        painter.setPen(muted)
        when_width = QFontMetrics(small).horizontalAdvance(when)
        painter.drawText(QRect(rect.right() - when_width, rect.top(), when_width, line), right, when)
        painter.setFont(bold)
        painter.setPen(text_colour)
        name_width = max(0, rect.width() - when_width - 12)
        name = QFontMetrics(bold).elidedText(invited_name(invitation), Qt.TextElideMode.ElideRight, name_width)
        painter.drawText(QRect(rect.left(), rect.top(), name_width, line), left, name)
        top = rect.top() + line + 1
        painter.setFont(small)
        painter.setPen(muted)
        headline = one_line(invitation.invited_user_description) or (invitation.invited_user_public_id or "")
        painter.drawText(
            QRect(rect.left(), top, rect.width(), small_line),
            left,
            QFontMetrics(small).elidedText(headline, Qt.TextElideMode.ElideRight, rect.width()),
        )
        top += small_line + 1
        note = str(index.data(InvitationRole.NOTE) or "")
        painter.setFont(italic)
        painter.setPen(text_colour if note else muted)
        note_text = (
            translate("SentInvitations", "“{note}”").format(note=note)
            if note
            else translate("SentInvitations", "No note")
        )
        painter.drawText(
            QRect(rect.left(), top, rect.width(), small_line),
            left,
            QFontMetrics(italic).elidedText(note_text, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()


class LoadErrorBanner(Banner):
    """Why the list could not be loaded or an invitation withdrawn, in words; Retry or dismiss."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("invitations_banner", ERROR_COLOURS, parent)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_button = QToolButton(self)
        self.dismiss_button.setText("✕")
        self.dismiss_button.setToolTip(translate("SentInvitations", "Dismiss"))
        self.dismiss_button.setAccessibleName(translate("SentInvitations", "Dismiss error"))
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.clicked.connect(self.hide)
        self.set_action(self.dismiss_button, Qt.AlignmentFlag.AlignTop)

    @property
    def sentence(self) -> str:
        return "" if self.isHidden() else self.full_text

    def show_error(self, sentence: str) -> None:
        self.set_text(sentence)  # capped and breakable anywhere; the whole of it behind Details…
        self.show()


class InvitationsWindow(QDialog):
    """Non-modal, one per LinkedIn account: the invitations it sent that wait for an answer, newest first.

    Talks only to the ``InvitationController``: it asks for pages and withdrawals and shows what comes back.
    """

    def __init__(self, controller: InvitationController, account: Account, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("invitations_window")
        self.setModal(False)
        self.setWindowTitle(  # window titles are never markup
            translate("SentInvitations", "Sent invitations — {account}").format(account=account_label(account))
        )
        self.controller = controller
        self.account = account
        self.confirm_box: QMessageBox | None = None

        self.intro_label = QLabel(
            translate(
                "SentInvitations",
                "Invitations to connect sent from this account that wait for an answer, newest first.",
            ),
            self,
        )
        self.intro_label.setWordWrap(True)
        self.intro_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.banner = LoadErrorBanner(self)

        self.model = SentInvitationModel(controller, account.id, self)
        self.view = QListView(self)
        self.view.setObjectName("invitations_list")
        self.view.setAccessibleName(translate("SentInvitations", "Sent invitations"))
        self.view.setModel(self.model)
        self.view.setItemDelegate(SentInvitationDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setAlternatingRowColors(True)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("invitations_state")
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setWordWrap(True)
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.state_label)

        self.refresh_button = QPushButton(translate("SentInvitations", "Refresh"), self)
        self.refresh_button.setObjectName("invitations_refresh")
        self.refresh_button.setToolTip(translate("SentInvitations", "Load the list again from the server"))
        self.more_button = QPushButton(translate("SentInvitations", "Load more"), self)
        self.more_button.setObjectName("invitations_more")
        self.more_button.setToolTip(translate("SentInvitations", "Load older invitations"))
        self.withdraw_button = QPushButton(translate("SentInvitations", "Withdraw…"), self)
        self.withdraw_button.setObjectName("invitations_withdraw")
        self.close_button = QPushButton(translate("SentInvitations", "Close"), self)
        for button in (self.refresh_button, self.more_button, self.withdraw_button, self.close_button):
            button.setAutoDefault(False)
        self.withdraw_action = QAction(translate("SentInvitations", "Withdraw invitation"), self)
        self.withdraw_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.withdraw_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.view.addAction(self.withdraw_action)

        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.more_button)
        buttons.addStretch(1)
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.resize(560, 480)

        self.refresh_button.clicked.connect(self.refresh)
        self.more_button.clicked.connect(self.load_more)
        self.withdraw_button.clicked.connect(self.confirm_withdraw)
        self.withdraw_action.triggered.connect(self.confirm_withdraw)
        self.close_button.clicked.connect(self.close)
        self.model.loading_changed.connect(self.on_model_loading_changed)
        self.model.rowsInserted.connect(self._update_state)
        self.model.rowsRemoved.connect(self._update_state)
        self.model.modelReset.connect(self._update_state)
        self.model.dataChanged.connect(self._update_state)
        self.view.selectionModel().selectionChanged.connect(self._update_state)
        controller.sent_failed.connect(self.on_controller_sent_failed)
        controller.withdraw_failed.connect(self.on_controller_withdraw_failed)
        self.refresh()

    # ------------------------------------------------------------------------------------------ loading

    def refresh(self) -> None:
        """The first page again (the window was opened, or Refresh was pressed)."""
        self.banner.hide()
        self.model.load()
        self._update_state()

    def load_more(self) -> None:
        self.banner.hide()
        self.model.load(more=True)
        self._update_state()

    def on_model_loading_changed(self, _loading: bool) -> None:
        self._update_state()
        if not self.model.loading and self.model.canFetchMore():
            # Everything shown fits without a scroll bar: the view will not ask for the next page by itself.
            self.view.doItemsLayout()  # the scroll range must count the rows that just arrived
            bar = self.view.verticalScrollBar()
            if bar.maximum() == 0 and self.view.isVisible():
                self.model.fetchMore()

    def on_controller_sent_failed(self, account_id: str, sentence: str) -> None:
        if account_id == self.account.id:
            self.banner.show_error(sentence)
            self._update_state()

    # ------------------------------------------------------------------------------------------ withdrawing

    def selected_invitation(self) -> SentInvitation | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        invitation = index.data(InvitationRole.INVITATION)
        return invitation if isinstance(invitation, SentInvitation) else None

    def confirm_withdraw(self) -> QMessageBox | None:
        """Ask before withdrawing the selected invitation (open(), not exec(): no nested event loop)."""
        invitation = self.selected_invitation()
        if invitation is None or self.model.is_withdrawing(invitation.id):
            return None
        name = invited_name(invitation)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            translate("SentInvitations", "Withdraw invitation"),
            translate("SentInvitations", "Withdraw the invitation to {name}?").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("invitations_confirm")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the name comes from the network
        box.setInformativeText(
            translate("SentInvitations", "LinkedIn may not let you invite them again for up to three weeks.")
        )
        box.button(QMessageBox.StandardButton.Yes).setText(translate("SentInvitations", "Withdraw"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        invitation_id = invitation.id
        box.finished.connect(lambda result: self.on_confirm_box_finished(invitation_id, result))
        self.confirm_box = box
        box.open()
        return box

    def on_confirm_box_finished(self, invitation_id: str, result: int) -> None:
        self.confirm_box = None
        if result == QMessageBox.StandardButton.Yes:
            self.banner.hide()
            self.model.withdraw(invitation_id)
        self._update_state()

    def on_controller_withdraw_failed(self, account_id: str, _invitation_id: str, sentence: str) -> None:
        if account_id == self.account.id:
            self.banner.show_error(sentence)

    # ------------------------------------------------------------------------------------------ state

    def _update_state(self, *_args: object) -> None:
        model = self.model
        empty = model.rowCount() == 0
        if empty:
            if model.loading or not model.loaded and not model.load_error:
                self.state_label.setText(translate("SentInvitations", LOADING_TEXT))
            elif model.load_error and not model.loaded:
                self.state_label.setText(translate("SentInvitations", FAILED_TEXT))
            else:
                self.state_label.setText(translate("SentInvitations", EMPTY_TEXT))
        self.stack.setCurrentWidget(self.state_label if empty else self.view)
        self.more_button.setVisible(model.has_more() and (model.loaded or bool(model.load_error)))
        self.more_button.setEnabled(not model.loading)
        self.more_button.setText(
            translate("SentInvitations", "Loading…")
            if model.loading and model.loaded
            else translate("SentInvitations", "Load more")
        )
        self.refresh_button.setEnabled(not model.loading)
        invitation = self.selected_invitation()
        can_withdraw = invitation is not None and not model.is_withdrawing(invitation.id)
        self.withdraw_button.setEnabled(can_withdraw)
        self.withdraw_action.setEnabled(can_withdraw)
        self.withdraw_button.setToolTip(
            plain_tip(
                translate("SentInvitations", "Withdraw the invitation to {name}").format(name=invited_name(invitation))
            )
            if invitation is not None
            else translate("SentInvitations", "Select an invitation first")
        )


def show_invitations_window(
    windows: MutableMapping[str, InvitationsWindow],
    controller: InvitationController,
    account: Account,
    parent: QWidget | None = None,
) -> InvitationsWindow:
    """Show the account's window (one per account, kept in ``windows``), refreshed if it was open already."""
    window = windows.get(account.id)
    if window is None:
        window = InvitationsWindow(controller, account, parent)
        windows[account.id] = window
    else:
        window.refresh()
    window.show()
    window.raise_()
    window.activateWindow()
    return window
