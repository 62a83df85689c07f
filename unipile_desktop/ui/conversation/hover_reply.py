"""The Reply button that appears beside the bubble under the mouse, and which rows may be answered with a quote."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QListView, QToolButton

from ...core.message_list import MessageListModel, MessageRow, RowKind, SendState
from ...texts import translate
from ..shortcuts import tooltip
from .delegate import BubbleDelegate

GAP_PX = 6  # between the bubble and the button


class HoverReply(QObject):
    """Owns the hover button of a message view; the view says where the mouse is, the button says Reply."""

    def __init__(self, view: QListView, delegate: BubbleDelegate, on_reply: Callable[[MessageRow], None]) -> None:
        super().__init__(view)
        self._view = view
        self._delegate = delegate
        self._on_reply = on_reply
        self._enabled = False  # the open chat takes quotes (``engine.quotes.can_quote``)
        self._index = QPersistentModelIndex()
        self.button = QToolButton(view.viewport())
        self.button.setObjectName("hover_reply_button")
        self.button.setText(translate("Reply", "↩ Reply"))
        self.button.setToolTip(tooltip("reply", translate("Reply", "Reply to this message")))
        self.button.setAccessibleName(translate("Reply", "Reply to this message"))
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard has the shortcut and the context menu
        self.button.setAutoRaise(True)
        self.button.clicked.connect(self.on_button_clicked)
        self.button.hide()

    def set_enabled(self, enabled: bool) -> None:
        """Whether the open chat offers Reply at all (hidden where its provider or the chat cannot quote)."""
        self._enabled = enabled
        if not enabled:
            self.hide_button()

    @property
    def enabled(self) -> bool:
        return self._enabled

    def can_reply_to(self, row: object) -> bool:
        """A message on the server (not an event, not deleted, not still being sent) in a chat that takes quotes."""
        return (
            self._enabled
            and isinstance(row, MessageRow)
            and row.kind == RowKind.MESSAGE
            and bool(row.message_id)
            and not row.deleted
            and row.state == SendState.SENT
        )

    def hover(self, index: QModelIndex) -> None:
        """The mouse is over ``index`` (invalid: over no row): show the button beside that row's bubble."""
        row = index.data(MessageListModel.RowRole) if index.isValid() else None
        if not self.can_reply_to(row):
            if not self.button.underMouse():
                self.hide_button()
            return
        if self._index.isValid() and self._index == index and self.button.isVisible():
            return
        layout = self._delegate.layout_for(index)
        if layout is None:
            self.hide_button()
            return
        item = self._view.visualRect(index)
        bubble = layout.bubble.translated(item.left(), item.top())
        self.button.adjustSize()
        size = self.button.size()
        assert isinstance(row, MessageRow)
        if row.outgoing:  # right-hand bubbles: the button on their left
            x = bubble.left() - size.width() - GAP_PX
        else:
            x = bubble.right() + GAP_PX
        width = self._view.viewport().width()
        x = max(0.0, min(x, width - size.width()))
        y = max(0.0, bubble.top() + (min(bubble.height(), 40) - size.height()) / 2)
        self.button.move(round(x), round(y))
        self._index = QPersistentModelIndex(index)
        self.button.show()
        self.button.raise_()

    def left_viewport(self) -> None:
        """The mouse left the rows: hide, unless it went onto the button itself."""
        if not self.button.geometry().contains(self._view.viewport().mapFromGlobal(QCursor.pos())):
            self.hide_button()

    def hide_button(self) -> None:
        self.button.hide()
        self._index = QPersistentModelIndex()

    def hovered_row(self) -> MessageRow | None:
        if not self._index.isValid() or not self.button.isVisible():
            return None
        row = self._index.data(MessageListModel.RowRole)
        return row if isinstance(row, MessageRow) else None

    def on_button_clicked(self) -> None:
        row = self.hovered_row()
        self.hide_button()
        if row is not None and self.can_reply_to(row):
            self._on_reply(row)
