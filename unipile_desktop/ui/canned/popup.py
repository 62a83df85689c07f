"""The canned replies popup under the composer's cursor: a list that never takes the keyboard focus.

The composer keeps the focus and the typed "/word"; ``CannedCompletion`` forwards Up, Down, Enter and Esc here.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QListView, QVBoxLayout, QWidget

from ...store.canned import CannedReply
from ...texts import translate
from ..theme import colour_style, set_themed_style
from .model import CannedReplyDelegate, CannedReplyModel

VISIBLE_ROWS = 6
POPUP_WIDTH = 380


class CannedPopup(QFrame):
    """Replies filtered by what follows the "/"; ``chosen`` on a click (the keys go through the completion)."""

    chosen = Signal(object)  # CannedReply

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setObjectName("canned_popup")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(translate("CannedReplies", "Canned replies"))

        self.model = CannedReplyModel(self)
        self.view = QListView(self)
        self.view.setObjectName("canned_popup_list")
        self.view.setModel(self.model)
        self.view.setItemDelegate(CannedReplyDelegate(self.view))
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.clicked.connect(self.on_view_clicked)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("canned_popup_empty")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setWordWrap(True)
        set_themed_style(self.empty_label, colour_style("secondary_text", "padding: 6px;"))
        self.empty_label.hide()

        self.hint = QLabel(translate("CannedReplies", "Enter inserts · Esc keeps the text as typed"), self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        set_themed_style(self.hint, colour_style("secondary_text", "padding: 2px 6px;"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        layout.addWidget(self.view)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.hint)

    def set_replies(self, replies: Sequence[CannedReply], query: str) -> None:
        """Show ``replies`` (already ranked) with the first selected; none: a sentence naming the query."""
        self.model.set_replies(replies)
        has_rows = bool(replies)
        self.view.setVisible(has_rows)
        self.empty_label.setVisible(not has_rows)
        if not has_rows:
            self.empty_label.setText(
                translate("CannedReplies", "No canned reply matches “{query}”.").format(query=query)
                if query
                else translate("CannedReplies", "No canned replies yet.")
            )

        else:
            self.view.setCurrentIndex(self.model.index(0, 0))
        row_height = self.view.sizeHintForRow(0) if has_rows else 0
        rows = min(VISIBLE_ROWS, len(replies))
        list_height = rows * row_height + 2 * self.view.frameWidth()
        self.view.setFixedHeight(max(list_height, 0))
        self.adjustSize()
        self.resize(POPUP_WIDTH, self.sizeHint().height())

    def current(self) -> CannedReply | None:
        index = self.view.currentIndex()
        return self.model.reply(index.row()) if index.isValid() and self.view.isVisible() else None

    def move_selection(self, delta: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        row = self.view.currentIndex().row()
        row = max(0, min(count - 1, (row if row >= 0 else 0) + delta))
        self.view.setCurrentIndex(self.model.index(row, 0))

    def show_below(self, anchor: QRect) -> None:
        """Show under ``anchor`` (global coordinates of the cursor), or above it when the screen ends first."""
        screen = QGuiApplication.screenAt(anchor.center()) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else QRect(0, 0, 10_000, 10_000)
        position = QPoint(anchor.left(), anchor.bottom() + 2)
        if position.y() + self.height() > area.bottom() and anchor.top() - self.height() - 2 >= area.top():
            position.setY(anchor.top() - self.height() - 2)
        position.setX(max(area.left(), min(position.x(), area.right() - self.width())))
        self.move(position)
        self.show()

    def on_view_clicked(self, index: QModelIndex) -> None:
        reply = self.model.reply(index.row())
        if reply is not None:
            self.chosen.emit(reply)
