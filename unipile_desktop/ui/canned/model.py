"""The list of canned replies as a model, and its painted rows (plain text only: titles are never HTML)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...store.canned import CannedReply
from ...texts import translate
from ..format import one_line, plain_tip
from ..row_paint import paint_row_background, row_colours
from ..theme import current_theme

ReplyRole = Qt.ItemDataRole.UserRole + 1  # the CannedReply
ShortcutRole = Qt.ItemDataRole.UserRole + 2  # "/ship", or ""
PreviewRole = Qt.ItemDataRole.UserRole + 3  # the text on one line

_Index = QModelIndex | QPersistentModelIndex


class CannedReplyModel(QAbstractListModel):
    """Replies in the order given (the table's, or the popup's ranking)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._replies: list[CannedReply] = []

    def set_replies(self, replies: Sequence[CannedReply]) -> None:
        self.beginResetModel()
        self._replies = list(replies)
        self.endResetModel()

    def replies(self) -> list[CannedReply]:
        return list(self._replies)

    def reply(self, row: int) -> CannedReply | None:
        return self._replies[row] if 0 <= row < len(self._replies) else None

    def row_of(self, reply_id: str) -> int:
        return next((row for row, reply in enumerate(self._replies) if reply.id == reply_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._replies)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        reply = self.reply(index.row())
        if reply is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return reply.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(reply.body)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if not reply.shortcut:
                return reply.title
            return translate("CannedReplies", "{title}, shortcut /{shortcut}").format(
                title=reply.title, shortcut=reply.shortcut
            )

        if role == ReplyRole:
            return reply
        if role == ShortcutRole:
            return f"/{reply.shortcut}" if reply.shortcut else ""
        if role == PreviewRole:
            return one_line(reply.body, 160)
        return None


class CannedReplyDelegate(QStyledItemDelegate):
    """Two lines: "/shortcut  Title" and the text's start in grey, drawn with drawText (never rich text)."""

    def __init__(self, parent: Any = None, *, preview: bool = True) -> None:
        super().__init__(parent)
        self._preview = preview

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        metrics = QFontMetrics(option.font)
        lines = 2 if self._preview else 1
        return QSize(280, lines * metrics.lineSpacing() + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        paint_row_background(self, painter, option, index)  # selection and hover from the style
        text_color, muted = row_colours(option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect: QRect = option.rect.adjusted(8, 4, -8, -4)
        font = QFont(option.font)
        metrics = QFontMetrics(font)
        line = QRect(rect.left(), rect.top(), rect.width(), metrics.lineSpacing())
        shortcut = str(index.data(ShortcutRole) or "")
        x = line.left()
        if shortcut:
            bold = QFont(font)
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(text_color if selected else current_theme().link)
            shown = QFontMetrics(bold).elidedText(shortcut, Qt.TextElideMode.ElideRight, line.width() // 2)
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
            x += QFontMetrics(bold).horizontalAdvance(shown) + 10
        painter.setFont(font)
        painter.setPen(text_color)
        title_rect = QRect(x, line.top(), max(0, line.right() - x), line.height())
        title = metrics.elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""), Qt.TextElideMode.ElideRight, title_rect.width()
        )
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        if self._preview:
            painter.setPen(muted)
            preview_rect = line.translated(0, metrics.lineSpacing())
            preview = metrics.elidedText(
                str(index.data(PreviewRole) or ""), Qt.TextElideMode.ElideRight, preview_rect.width()
            )
            painter.drawText(preview_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, preview)
        painter.restore()
