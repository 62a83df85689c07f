"""The message list view: painted rows, clicks on links/buttons/attachments, copying, and a steady scroll position."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QGuiApplication,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QDialog, QListView, QMenu, QToolButton, QToolTip, QWidget

from ...core.images import ImageCache
from ...core.message_list import (
    WINDOW_ROWS,
    WINDOW_STEP,
    AttachmentView,
    MessageListModel,
    MessageRow,
    RowKind,
    SendState,
)
from ...engine.display_text import bounded_prefix, isolate
from ...engine.hidden_chars import reveal
from ...texts import translate
from ..format import clock_time, plain_tip
from ..theme import set_themed_style
from .bubble_layout import FAILED_ACTIONS, UNSURE_ACTIONS, Hit, state_actions
from .delegate import BubbleDelegate
from .hover_reply import HoverReply
from .whole_message import open_whole_message

TOP_THRESHOLD_PX = 60  # start loading older messages this close to the top
BOTTOM_THRESHOLD_PX = 60  # opened in the middle: start loading newer messages this close to the bottom
HIGHLIGHT_MS = 1500  # how long a found message stays highlighted
NEW_MESSAGES_MARGIN_PX = 12  # the "New messages" button's distance from the view's bottom-right corner
FAILED_KINDS = (*(kind for kind, _ in FAILED_ACTIONS), "without_quote")  # retry, edit, discard; a vanished quote
UNSURE_KINDS = tuple(kind for kind, _ in UNSURE_ACTIONS)  # "check_again", "send_again", "confirm_sent"
CLICKABLE = {"link", "image", "load_picture", "save", "open", "show_whole", *FAILED_KINDS, *UNSURE_KINDS}
TIP_CHARS, TIP_LINES = 1000, 20  # a tooltip shows at most this much of a name, a link or an error


class MessageView(QListView):
    """Rows painted by BubbleDelegate. Emits what the person asked for; the pane turns it into controller calls."""

    link_activated = Signal(str)  # url
    attachment_requested = Signal(str, object)  # "save" | "open", AttachmentView
    failed_action_requested = Signal(str, str)  # "retry" | "edit" | "discard", local id
    unsure_action_requested = Signal(str, str)  # "check_again" | "send_again" | "confirm_sent", local id
    top_reached = Signal()
    bottom_reached = Signal()  # near the end of rows that do not reach the newest message (``set_follows_newest``)
    newest_requested = Signal()  # "New messages" clicked while the rows do not reach the newest message
    reply_requested = Signal(object)  # MessageRow: Reply (context menu, the hover button or the shortcut)

    def __init__(self, images: ImageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_view")
        self.bubble_delegate = BubbleDelegate(self, images)
        self.setItemDelegate(self.bubble_delegate)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always reserved: a scroll bar that appears once the list outgrows the view would narrow the viewport and
        # make the delegate lay out every row again at the new width (and the rows' heights stale until then).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMouseTracking(True)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(translate("MessageView", "Messages"))
        self.setAccessibleDescription(translate("MessageView", "The open chat's messages, oldest first"))
        self._press_hit: Hit | None = None
        self._anchor: tuple[str, QPersistentModelIndex, int] | None = None  # key, row, its top in the viewport
        self._restoring = False  # the view is putting the anchor back: scroll bar moves are not the person's
        self._changing = False  # rows are changing: the scroll bar may be clamped before the anchor is put back
        self._batch = False  # between the model's ``changing`` and ``changed``: the anchor waits for the end
        self._at_bottom = True
        self._follows_newest = True  # the last row is the newest message: the view stays at the end
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.setInterval(HIGHLIGHT_MS)
        self._flash_timer.timeout.connect(self.on_flash_timer_timeout)
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self.on_scrollbar_value_changed)
        bar.rangeChanged.connect(self.on_scrollbar_range_changed)
        # Messages that arrive while the person reads older ones do not move the view; this says they are there.
        self.new_messages_button = QToolButton(self)
        self.new_messages_button.setObjectName("new_messages_button")
        self.new_messages_button.setText(translate("MessageView", "New messages ↓"))
        self.new_messages_button.setToolTip(translate("MessageView", "Go to the newest message"))
        self.new_messages_button.setCursor(Qt.CursorShape.PointingHandCursor)
        set_themed_style(
            self.new_messages_button,
            lambda t: (
                f"QToolButton {{ background: {t.css(t.accent)}; color: {t.css(t.on_accent)}; border: none;"
                " border-radius: 13px; padding: 4px 12px; font-weight: 600; }"
            ),
        )
        self.new_messages_button.clicked.connect(self.on_new_messages_button_clicked)
        self.new_messages_button.hide()
        # Rows far from the screen leave the model's window once the view is idle (see MessageListModel.window).
        self._trim_timer = QTimer(self)
        self._trim_timer.setSingleShot(True)
        self._trim_timer.setInterval(0)
        self._trim_timer.timeout.connect(self.on_trim_timer_timeout)
        self.hover_reply = HoverReply(self, self.bubble_delegate, self.reply_requested.emit)

    # ------------------------------------------------------------------------------------------ model

    def setModel(self, model: QAbstractItemModel | None) -> None:
        previous = self.model()
        if previous is not None:
            for signal, slot in self._model_connections(previous):
                signal.disconnect(slot)
        if isinstance(previous, MessageListModel):
            previous.hidden_arrivals.disconnect(self._note_hidden_arrivals)
            previous.changing.disconnect(self._begin_change)
            previous.changed.disconnect(self._end_change)
        super().setModel(model)
        if model is not None:
            for signal, slot in self._model_connections(model):
                signal.connect(slot)
        if isinstance(model, MessageListModel):
            model.hidden_arrivals.connect(self._note_hidden_arrivals)
            model.changing.connect(self._begin_change)
            model.changed.connect(self._end_change)

    def _window(self) -> MessageListModel | None:
        model = self.model()
        return model if isinstance(model, MessageListModel) else None

    def _near_top(self) -> None:
        """At the top of the rows: the model's older rows first, else the page before from the server."""
        window = self._window()
        if window is not None and window.can_show_older:
            window.show_older()
        else:
            self.top_reached.emit()

    def _near_bottom(self) -> None:
        """At the end of the rows: the model's newer rows first, else (opened in the middle) the page after."""
        window = self._window()
        if window is not None and window.can_show_newer:
            window.show_newer()
        elif not self._follows_newest:
            self.bottom_reached.emit()

    def on_trim_timer_timeout(self) -> None:
        window = self._window()
        if window is None or window.rowCount() == 0:
            return
        first = self.top_visible_index()
        last = self.indexAt(QPoint(self.viewport().width() // 2, self.viewport().height() - 1))
        top = first.row() if first.isValid() else 0
        window.trim_window(top, last.row() if last.isValid() else top)

    def _model_connections(self, model: QAbstractItemModel) -> list[tuple[SignalInstance, Callable[..., None]]]:
        return [
            (model.rowsAboutToBeInserted, self._remember_step),
            (model.rowsInserted, self._restore_step),
            (model.rowsInserted, self._note_arrivals),
            (model.rowsAboutToBeRemoved, self._remember_step),
            (model.rowsRemoved, self._restore_step),
            (model.dataChanged, self._on_data_changed),
            (model.modelReset, self._on_model_reset),
        ]

    # ------------------------------------------------------------------------------------------ scrolling

    def set_follows_newest(self, follows: bool) -> None:
        """Whether the rows end with the newest message. When not (a chat opened at a found message), new rows at
        the end are a newer page the person scrolled to: the view keeps their place instead of following the end.
        """
        self._follows_newest = follows
        if follows and self.is_at_bottom():
            self.new_messages_button.hide()

    @property
    def follows_newest(self) -> bool:
        return self._follows_newest

    def reveal(self, row: int) -> None:
        """Scroll ``row`` to the middle of the view, select it and highlight it for ``HIGHLIGHT_MS``."""
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        index = model.index(row, 0)
        self.executeDelayedItemsLayout()
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._at_bottom = self.is_at_bottom()
        self.bubble_delegate.highlighted_key = str(index.data(MessageListModel.KeyRole) or "")
        self.viewport().update()
        self._flash_timer.start()

    @property
    def highlighted_key(self) -> str:
        return self.bubble_delegate.highlighted_key

    def on_flash_timer_timeout(self) -> None:
        self.bubble_delegate.highlighted_key = ""
        self.viewport().update()

    def ask_for_edges(self) -> None:
        """Ask for the page before or after when the rows do not fill the view or it sits at their edge."""
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        bar = self.verticalScrollBar()
        if bar.value() <= TOP_THRESHOLD_PX:
            self._near_top()
        if bar.value() >= bar.maximum() - BOTTOM_THRESHOLD_PX:
            self._near_bottom()

    def show_new_messages_button(self) -> None:
        self._place_new_messages_button()
        self.new_messages_button.show()
        self.new_messages_button.raise_()

    def is_at_bottom(self) -> bool:
        """At the end of the rows, and the rows the model shows reach its last one."""
        bar = self.verticalScrollBar()
        window = self._window()
        return bar.value() >= bar.maximum() - 4 and not (window is not None and window.can_show_newer)

    def top_visible_index(self) -> QModelIndex:
        x = self.viewport().width() // 2
        for y in range(0, max(1, self.viewport().height()), 4):
            index = self.indexAt(QPoint(x, y))
            if index.isValid():
                return index
        return QModelIndex()

    def reading_index(self) -> QModelIndex:
        """The first message or event row from the top of the viewport down: what the person is reading.

        Never a day separator: when an older page of the same day lands, the separator stays the first row (it keeps
        its key) while the page goes in under it, so holding the separator still would push the thread down.
        """
        index = self.top_visible_index()
        model = self.model()
        if not index.isValid() or model is None:
            return index
        for row in range(index.row(), model.rowCount()):
            candidate = model.index(row, 0)
            if candidate.data(MessageListModel.KindRole) != RowKind.DAY:
                return candidate
        return index

    def _begin_change(self) -> None:
        """The model's rows are about to change, in one or more steps: what the agent reads is noted once, while
        the view still knows where each row is, and put back once, after the last step (one layout, not one per
        step: a QListView lays every row out again after each insert or remove)."""
        self._remember_anchor()
        self._batch = True

    def _end_change(self) -> None:
        self._batch = False
        self._restore_anchor()

    def _remember_step(self, *_: object) -> None:
        if not self._batch:
            self._remember_anchor()

    def _restore_step(self, *_: object) -> None:
        if not self._batch:
            self._restore_anchor()

    def _reading_anchor(self) -> tuple[str, QPersistentModelIndex, int] | None:
        index = self.reading_index()
        if not index.isValid():
            return None
        key = str(index.data(MessageListModel.KeyRole) or "")
        return key, QPersistentModelIndex(index), self.visualRect(index).top()

    def _remember_anchor(self, *_: object) -> None:
        self._at_bottom = self.is_at_bottom()
        self._changing = True  # until _restore_anchor: scroll bar moves (a clamp) are the change's, not the person's
        self._anchor = self._reading_anchor()

    def _restore_anchor(self, *_: object) -> None:
        """Keep the row being read exactly where it was (older pages land above it), or stay at the end.

        Moving the scroll bar here is the view's doing, not the person's: it never asks for another page.
        """
        self._restoring = True
        try:
            self.executeDelayedItemsLayout()
            bar = self.verticalScrollBar()
            if self._at_bottom and self._follows_newest:
                bar.setValue(bar.maximum())
            elif self._anchor is not None:
                key, anchor, old_top = self._anchor
                index = self.model().index(anchor.row(), 0) if anchor.isValid() else self._index_of_key(key)
                if index.isValid():
                    bar.setValue(bar.value() + (self.visualRect(index).top() - old_top))
        finally:
            self._restoring = False
            self._changing = False
        self._anchor = None
        self._at_bottom = self.is_at_bottom()
        if self._at_bottom and self._follows_newest:
            self.new_messages_button.hide()
        window = self._window()
        if window is not None and window.rowCount() > WINDOW_ROWS + WINDOW_STEP:
            self._trim_timer.start()

    def _index_of_key(self, key: str) -> QModelIndex:
        """The row with ``key`` (when its persistent index was lost to a remove and insert), else invalid."""
        model = self.model()
        if not key or model is None:
            return QModelIndex()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(MessageListModel.KeyRole) == key:
                return index
        return QModelIndex()

    def _on_data_changed(self, *_: object) -> None:
        # Heights may change (pending -> sent, names arriving): lay out again without moving what is on screen.
        if self._batch:  # the end of the change puts the anchor back
            self.scheduleDelayedItemsLayout()
            return
        self._remember_anchor()
        self.scheduleDelayedItemsLayout()
        self._restore_anchor()

    def _on_model_reset(self) -> None:
        self.hover_reply.hide_button()
        self.bubble_delegate.forget_layouts()
        self.bubble_delegate.highlighted_key = ""
        self._flash_timer.stop()
        self._trim_timer.stop()
        self._anchor = None
        self._batch = False
        self._changing = False
        self._at_bottom = True
        self.new_messages_button.hide()

    def _note_arrivals(self, _parent: QModelIndex, first: int, last: int) -> None:
        """Rows from others added at the end while the view is scrolled up: show the "New messages" button."""
        model = self.model()
        if model is None or last != model.rowCount() - 1 or self.is_at_bottom() or not self._follows_newest:
            return  # rows that do not reach the newest message: a newer page the person scrolled to
        for row in range(first, last + 1):
            index = model.index(row, 0)
            if index.data(MessageListModel.KindRole) == RowKind.MESSAGE and not index.data(
                MessageListModel.OutgoingRole
            ):
                self.show_new_messages_button()
                return

    def _note_hidden_arrivals(self) -> None:
        """Messages from others beyond the rows the model shows (the agent reads far above): the same button."""
        if self._follows_newest:
            self.show_new_messages_button()

    def on_new_messages_button_clicked(self) -> None:
        self.new_messages_button.hide()
        if self._follows_newest:
            window = self._window()
            if window is not None:
                window.show_newest()
            self._at_bottom = True
            self.scrollToBottom()
        else:
            self.newest_requested.emit()

    def _place_new_messages_button(self) -> None:
        button = self.new_messages_button
        button.adjustSize()
        area = self.viewport().geometry()
        button.move(
            area.right() - button.width() - NEW_MESSAGES_MARGIN_PX,
            area.bottom() - button.height() - NEW_MESSAGES_MARGIN_PX,
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_new_messages_button()

    def on_scrollbar_value_changed(self, value: int) -> None:
        self.hover_reply.hide_button()  # it points at the row that was under the mouse before the scroll
        if self._changing:
            return
        self._at_bottom = self.is_at_bottom()
        if self._at_bottom and self._follows_newest:
            self.new_messages_button.hide()
        model = self.model()
        if self._restoring or model is None or model.rowCount() == 0:
            return
        if value <= TOP_THRESHOLD_PX:
            self._near_top()
        if value >= self.verticalScrollBar().maximum() - BOTTOM_THRESHOLD_PX:
            self._near_bottom()

    def wheelEvent(self, event: QWheelEvent) -> None:
        super().wheelEvent(event)
        # Wheeling up at the very top moves no scroll bar: the person still asks for the page before (a page whose
        # messages are all hidden leaves the view at the top).
        bar = self.verticalScrollBar()
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        if event.angleDelta().y() > 0 and bar.value() <= bar.minimum():
            self._near_top()
        elif event.angleDelta().y() < 0 and bar.value() >= bar.maximum():
            self._near_bottom()

    def on_scrollbar_range_changed(self, _minimum: int, maximum: int) -> None:
        if self._at_bottom and not self._changing and self._follows_newest:
            self.verticalScrollBar().setValue(maximum)  # an image or a new message grew the list: stay at the end

    # ------------------------------------------------------------------------------------------ mouse

    def hit_at(self, pos: QPoint) -> tuple[QModelIndex, Hit | None]:
        index = self.indexAt(pos)
        if not index.isValid():
            return index, None
        return index, self.bubble_delegate.hit_test(index, self.visualRect(index), pos)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        _, hit = self.hit_at(event.position().toPoint())
        self._press_hit = hit if hit is not None and hit.kind in CLICKABLE else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self._press_hit is None:
            return
        index, hit = self.hit_at(event.position().toPoint())
        pressed, self._press_hit = self._press_hit, None
        if hit is None or hit != pressed:
            return
        self._activate(index, hit)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index, hit = self.hit_at(event.position().toPoint())
        self.hover_reply.hover(index)
        if hit is not None and hit.kind in CLICKABLE:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.viewport().unsetCursor()
        super().mouseMoveEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index, hit = self.hit_at(event.position().toPoint())
        if hit is not None and hit.kind == "bubble":
            self.show_text_popup(index)
            return
        super().mouseDoubleClickEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self.hover_reply.left_viewport()
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, pos: QPoint) -> str:
        """The tooltip markup for a viewport point: the link, the attachment's name or the row's error, escaped.

        QToolTip interprets anything that looks like HTML, and all three come from the network.
        """
        index, hit = self.hit_at(pos)
        tip = ""
        if hit is not None and hit.kind == "link":
            tip = reveal(hit.url)  # the address as it really is: hidden characters as "⟨U+202E⟩"
        elif hit is not None and hit.attachment is not None:
            tip = hit.attachment.name
        elif index.isValid():
            tip = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        shown, cut = bounded_prefix(tip, TIP_CHARS, TIP_LINES)  # a tooltip lays out all it holds, at once
        return plain_tip(shown + "…" if cut else shown)

    def _activate(self, index: QModelIndex, hit: Hit) -> None:
        row = index.data(MessageListModel.RowRole)
        if hit.kind == "link":
            self.link_activated.emit(hit.url)
        elif hit.kind == "image" and hit.attachment is not None:
            self.attachment_requested.emit("open", hit.attachment)
        elif hit.kind == "load_picture" and hit.attachment is not None:
            self.bubble_delegate.load_picture(index, hit.attachment)
        elif hit.kind in ("save", "open") and hit.attachment is not None:
            self.attachment_requested.emit(hit.kind, hit.attachment)
        elif hit.kind == "show_whole":
            self.show_whole_message(index)
        elif hit.kind in FAILED_KINDS and isinstance(row, MessageRow) and row.local_id:
            self.failed_action_requested.emit(hit.kind, row.local_id)
        elif hit.kind in UNSURE_KINDS and isinstance(row, MessageRow) and row.local_id:
            self.unsure_action_requested.emit(hit.kind, row.local_id)

    # ------------------------------------------------------------------------------------------ copying

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def selected_rows(self) -> list[MessageRow]:
        rows = []
        for index in sorted(self.selectionModel().selectedIndexes(), key=lambda i: i.row()):
            row = index.data(MessageListModel.RowRole)
            if isinstance(row, MessageRow) and row.kind != RowKind.DAY:
                rows.append(row)
        return rows

    def copy_selection(self) -> str:
        """Put the selected messages' text on the clipboard; one message is copied exactly as written."""
        rows = self.selected_rows()
        if not rows:
            return ""
        if len(rows) == 1:
            text = copy_text(rows[0])
        else:
            text = "\n".join(_transcript_line(r) for r in rows)
        QGuiApplication.clipboard().setText(text)
        return text

    def show_text_popup(self, index: QModelIndex) -> QDialog | None:
        """A read-only, selectable copy of the message text, all selected (for copying a part of it)."""
        row = index.data(MessageListModel.RowRole)
        if not isinstance(row, MessageRow) or not row.text:
            return None
        return open_whole_message(row, self, select_all=True)

    def show_whole_message(self, index: QModelIndex) -> QDialog | None:
        """The whole text of a message whose bubble shows only its start, in a viewer that lays out lazily."""
        row = index.data(MessageListModel.RowRole)
        if not isinstance(row, MessageRow) or not row.text:
            return None
        return open_whole_message(row, self)

    # ------------------------------------------------------------------------------------------ context menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.build_context_menu(event.pos())
        if menu is not None:
            menu.popup(event.globalPos())

    def build_context_menu(self, pos: QPoint) -> QMenu | None:
        index, hit = self.hit_at(pos)
        if not index.isValid():
            return None
        row = index.data(MessageListModel.RowRole)
        if not isinstance(row, MessageRow) or row.kind == RowKind.DAY:
            return None
        if not self.selectionModel().isSelected(index):
            self.selectionModel().select(index, self.selectionModel().SelectionFlag.ClearAndSelect)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        selected = self.selected_rows()
        if len(selected) <= 1 and self.hover_reply.can_reply_to(row):
            reply = menu.addAction(translate("Reply", "Reply"), partial(self.reply_requested.emit, row))
            reply.setObjectName("replyMenuAction")
            menu.addSeparator()
        if len(selected) > 1:
            menu.addAction(translate("MessageView", "Copy %n message(s)", n=len(selected)), self.copy_selection)
        elif row.text:
            copy = translate("MessageView", "Copy text")
            menu.addAction(copy, lambda: QGuiApplication.clipboard().setText(copy_text(row)))
            if self.bubble_delegate.shows_part(index):
                menu.addAction(translate("MessageView", "Show whole message"), lambda: self.show_whole_message(index))
            menu.addAction(translate("MessageView", "Select text…"), lambda: self.show_text_popup(index))
        links = self.bubble_delegate.links_in(index)
        if hit is not None and hit.kind == "link":
            links = [hit.url] + [u for u in links if u != hit.url]
        for url in links[:5]:
            label = _short(reveal(url))  # hidden characters shown, as in the bubble
            open_link = translate("MessageView", "Open link {link}").format(link=label)
            menu.addAction(open_link, partial(self.link_activated.emit, url))
            copy_link = translate("MessageView", "Copy link {link}").format(link=label)
            menu.addAction(copy_link, partial(QGuiApplication.clipboard().setText, url))
        attachments: list[AttachmentView] = [a for a in row.attachments if a.downloadable]
        if hit is not None and hit.attachment is not None and hit.attachment.downloadable:
            attachments = [hit.attachment]
        if attachments:
            menu.addSeparator()
        for attachment in attachments[:6]:
            if len(attachments) > 1:  # which file each entry is about
                name = isolate(_short(attachment.name, 32))
                save = translate("MessageView", "Save “{name}” as…").format(name=name)
                open_file = translate("MessageView", "Open “{name}”").format(name=name)
            else:
                save, open_file = translate("MessageView", "Save as…"), translate("MessageView", "Open")
            menu.addAction(save, partial(self.attachment_requested.emit, "save", attachment))
            if attachment.openable:  # programs, scripts, HTML…: Save as… only
                menu.addAction(open_file, partial(self.attachment_requested.emit, "open", attachment))
        if row.state == SendState.FAILED and row.local_id:
            menu.addSeparator()
            for kind, label in state_actions(row):
                menu.addAction(label, partial(self.failed_action_requested.emit, kind, row.local_id))
        elif row.state == SendState.UNSURE and row.local_id:
            menu.addSeparator()
            for kind, label in state_actions(row):  # the labels in the agent's language
                menu.addAction(label, partial(self.unsure_action_requested.emit, kind, row.local_id))
        return menu if menu.actions() else None


def copy_text(row: MessageRow) -> str:
    """The message's own text; an attachment-only message copies its file names."""
    if row.text:
        return row.text
    return "\n".join(a.name for a in row.attachments)


def _transcript_line(row: MessageRow) -> str:
    if row.kind == RowKind.EVENT:
        return f"[{clock_time(row.timestamp)}] {row.text}"
    who = translate("MessageView", "You") if row.outgoing else (row.sender_name or translate("MessageView", "They"))
    body = copy_text(row)
    return f"[{clock_time(row.timestamp)}] {who}: {body}"


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
