"""The quick switcher (Ctrl+K): a frameless popup over the window to open any chat, or run a command, by typing.

Typing filters, Up/Down (and Page Up/Page Down) move, Enter opens the chat or triggers the command, Esc closes. The
chats come from a callable given by the composition root (``items() -> list[SwitcherItem]``), read each time the
popup opens; the matching is ``engine.switcher``. Rows are painted by a delegate with ``drawText``, which never
interprets markup, so names from the network show literally.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeyEvent, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..engine.switcher import DEFAULT_LIMIT, SwitcherIndex, SwitcherItem, detail_text, score
from ..texts import translate
from . import shortcuts
from .format import one_line
from .row_paint import paint_row_background, row_colours

ModelIndex = QModelIndex | QPersistentModelIndex
ItemsSource = Callable[[], Sequence[SwitcherItem]]
Command = tuple[str, QAction]  # (title as listed and matched, the action it triggers)

ROW_HEIGHT = 50
PADDING = 10
POPUP_WIDTH = 600
POPUP_HEIGHT = 440


class RowKind(enum.Enum):
    CHAT = "chat"
    COMMAND = "command"


@dataclass(frozen=True, slots=True)
class SwitcherRow:
    kind: RowKind
    title: str
    detail: str  # second line: account and the matched name or handle; "Command" for commands
    badge: str = ""  # at the right of the first line: a command's keys, or "Waiting"
    chat_id: str = ""
    action: QAction | None = None


class SwitcherRole(enum.IntEnum):
    ROW = Qt.ItemDataRole.UserRole + 1
    DETAIL = Qt.ItemDataRole.UserRole + 2
    BADGE = Qt.ItemDataRole.UserRole + 3
    CHAT_ID = Qt.ItemDataRole.UserRole + 4


class SwitcherModel(QAbstractListModel):
    """The rows the popup shows; replaced as a whole on each keystroke (at most ``limit`` chats plus commands)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SwitcherRow] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(part for part in (row.title, row.detail, row.badge) if part)
        if role == SwitcherRole.ROW:
            return row
        if role == SwitcherRole.DETAIL:
            return row.detail
        if role == SwitcherRole.BADGE:
            return row.badge
        if role == SwitcherRole.CHAT_ID:
            return row.chat_id
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def set_rows(self, rows: Sequence[SwitcherRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> SwitcherRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None


class SwitcherDelegate(QStyledItemDelegate):
    """Paints a row: the title, the keys or "Waiting" at its right, and the second line, muted."""

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return QSize(max(240, option.rect.width()), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        row = index.data(SwitcherRole.ROW)
        if not isinstance(row, SwitcherRow):
            super().paint(painter, option, index)
            return
        rect: QRect = option.rect
        painter.save()
        paint_row_background(self, painter, option, index)
        text_colour, muted = row_colours(option)

        base_font = QFont(option.font)
        title_font = QFont(base_font)
        title_font.setBold(row.kind is RowKind.CHAT)
        small_font = QFont(base_font)
        small_font.setPointSizeF(base_font.pointSizeF() * 0.88)
        title_metrics = QFontMetrics(title_font)
        small_metrics = QFontMetrics(small_font)
        left = rect.left() + PADDING
        right = rect.right() - PADDING
        top = rect.top() + 6
        line_height = title_metrics.height()

        badge_width = small_metrics.horizontalAdvance(row.badge) if row.badge else 0
        if badge_width:
            painter.setFont(small_font)
            painter.setPen(muted)
            painter.drawText(
                QRect(right - badge_width, top, badge_width, line_height),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                row.badge,
            )
        title_room = max(0, right - left - (badge_width + 12 if badge_width else 0))
        painter.setFont(title_font)
        painter.setPen(text_colour)
        painter.drawText(
            QRect(left, top, title_room, line_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            title_metrics.elidedText(row.title, Qt.TextElideMode.ElideRight, title_room),
        )
        if row.detail:
            painter.setFont(small_font)
            painter.setPen(muted)
            detail_top = top + line_height + 2
            painter.drawText(
                QRect(left, detail_top, right - left, small_metrics.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                small_metrics.elidedText(row.detail, Qt.TextElideMode.ElideRight, right - left),
            )
        painter.restore()


def shortcut_text(action: QAction) -> str:
    """The action's keys as the shortcut registry writes them ("F1 or Ctrl+/"); the action's own shortcut text for
    an action the registry does not know; "" for none."""
    keys = action.shortcuts()
    if not keys:
        return ""
    for entry in shortcuts.SHORTCUTS:
        if entry.sequences() == keys:
            return entry.text()
    return keys[0].toString(QKeySequence.SequenceFormat.NativeText)


class QuickSwitcher(QDialog):
    """Go to a chat or run a command by typing a few letters; show it with ``popup()``."""

    chat_chosen = Signal(str)  # chat id

    def __init__(
        self,
        items: ItemsSource,
        commands: Sequence[Command] = (),
        parent: QWidget | None = None,
        limit: int = DEFAULT_LIMIT,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self._items = items
        self._commands: list[Command] = list(commands)
        self._limit = limit
        self._index = SwitcherIndex(())
        self._indexed: list[SwitcherItem] = []  # what the index was built from
        self.setObjectName("quickSwitcher")
        self.setAccessibleName(translate("QuickSwitcher", "Go to a chat or command"))

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(translate("QuickSwitcher", "Go to a chat or command…"))
        self.search.setAccessibleName(translate("QuickSwitcher", "Chat or command to go to"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)

        self.model = SwitcherModel(self)
        self.delegate = SwitcherDelegate(self)
        self.view = QListView(self)
        self.view.setAccessibleName(translate("QuickSwitcher", "Matching chats and commands"))
        self.view.setModel(self.model)
        self.view.setItemDelegate(self.delegate)
        self.view.setUniformItemSizes(True)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys go to the line edit, which moves the selection
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.activated.connect(lambda index: self._choose(index.row()))
        self.view.clicked.connect(lambda index: self._choose(index.row()))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.view)
        self.resize(POPUP_WIDTH, POPUP_HEIGHT)
        self.search.textChanged.connect(self.refresh)

    # ------------------------------------------------------------------------------------------ public

    @property
    def index(self) -> SwitcherIndex:
        """The chats read at the last opening, prepared for matching."""
        return self._index

    def set_commands(self, commands: Sequence[Command]) -> None:
        self._commands = list(commands)
        if self.isVisible():
            self.refresh()

    def popup(self) -> None:
        """Read the chats afresh, clear the query and show the popup over the top of the window, focused.

        The index is rebuilt only when the chats changed since the last opening (comparing is much cheaper)."""
        items = list(self._items())
        if items != self._indexed:
            self._index = SwitcherIndex(items)
            self._indexed = items
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.refresh()
        self._place()
        self.show()
        self.activateWindow()
        self.search.setFocus(Qt.FocusReason.PopupFocusReason)

    def refresh(self) -> None:
        """Match the query and show the rows, the first selected (what each keystroke runs)."""
        self.model.set_rows(self.rows_for(self.search.text()))
        if self.model.rowCount() > 0:
            self.view.setCurrentIndex(self.model.index(0, 0))
            self.view.scrollToTop()

    def rows_for(self, query: str) -> list[SwitcherRow]:
        """Chats and enabled commands for ``query``: by score, a command before a chat of the same score; an empty
        query lists the chats (waiting, then recent) and then every command."""
        found_chats = self._index.match(query, self._limit)
        unnamed, waiting = translate("QuickSwitcher", "(unnamed chat)"), translate("QuickSwitcher", "Waiting")
        chats = [
            SwitcherRow(
                RowKind.CHAT,
                one_line(found.item.title) or unnamed,
                one_line(detail_text(found)),
                waiting if found.item.waiting else "",
                chat_id=found.item.chat_id,
            )
            for found in found_chats
        ]
        commands = [
            (score(query, title) if query.strip() else 0, self._command_row(title, action))
            for title, action in self._commands
            if action.isEnabled() and action.isVisible()
        ]
        if not query.strip():
            return chats + [row for _score, row in commands]
        merged: list[tuple[int, int, SwitcherRow]] = [(-found, 0, row) for found, row in commands if found > 0]
        merged.extend((-found.score, 1, row) for found, row in zip(found_chats, chats, strict=True))
        merged.sort(key=lambda entry: (entry[0], entry[1]))  # stable: each kind keeps its own order
        return [row for _score, _kind, row in merged]

    def current_row(self) -> SwitcherRow | None:
        return self.model.row_at(self.view.currentIndex().row())

    # ------------------------------------------------------------------------------------------ keys and focus

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowDeactivate and self.isVisible():
            self.reject()  # like a popup: clicking elsewhere closes it
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._move(key)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose(self.view.currentIndex().row())
                return True
            if key == Qt.Key.Key_Escape:
                self.reject()
                return True
        return super().eventFilter(watched, event)

    def _move(self, key: int) -> None:
        count = self.model.rowCount()
        if count == 0:
            return
        current = self.view.currentIndex().row()
        page = max(1, self.view.viewport().height() // ROW_HEIGHT - 1)
        steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: page, Qt.Key.Key_PageUp: -page}
        step = next(value for known, value in steps.items() if known == key)
        target = min(count - 1, max(0, current + step if current >= 0 else 0))
        index = self.model.index(target, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def _choose(self, row_number: int) -> None:
        row = self.model.row_at(row_number)
        if row is None or not self.isVisible():
            return  # closed already: a click that is also an activation (single-click styles) chooses once
        self.accept()  # close first, so what the command opens is not under the popup
        parent = self.parentWidget()
        if parent is not None:
            # The keyboard goes back to the window (not every window manager, nor the offscreen platform, hands
            # activation back to the parent of a frameless popup that closes).
            # Deferred: the popup's own deactivation, posted by hiding it, must not undo this.
            QTimer.singleShot(0, parent.window().activateWindow)
        if row.kind is RowKind.CHAT:
            self.chat_chosen.emit(row.chat_id)
        elif row.action is not None and row.action.isEnabled():
            row.action.trigger()

    # ------------------------------------------------------------------------------------------ helpers

    def _command_row(self, title: str, action: QAction) -> SwitcherRow:
        return SwitcherRow(
            RowKind.COMMAND, title, translate("QuickSwitcher", "Command"), shortcut_text(action), action=action
        )

    def _place(self) -> None:
        host = self.parentWidget()
        if host is None:
            return
        window = host.window()
        width = min(POPUP_WIDTH, max(320, window.width() - 40))
        height = min(POPUP_HEIGHT, max(200, window.height() - 80))
        self.resize(width, height)
        origin = window.mapToGlobal(QPoint(0, 0))
        self.move(origin.x() + (window.width() - width) // 2, origin.y() + min(80, window.height() // 8))
