"""Paints message bubbles, day separators and event lines; one layout per row serves painting and hit tests."""

from __future__ import annotations

import math
import unicodedata
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Literal

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...core.images import ImageCache
from ...core.message_list import AttachmentView, MessageListModel, MessageRow, RowKind, SendState
from ..format import clock_time, human_size
from ..links import find_links

ModelIndex = QModelIndex | QPersistentModelIndex
HitKind = Literal[
    "link",
    "image",
    "load_picture",
    "save",
    "open",
    "retry",
    "edit",
    "discard",
    "check_again",
    "send_again",
    "confirm_sent",
    "bubble",
]
# The buttons under a bubble, by state: a failed send, and one the outbox could not tell had arrived.
FAILED_ACTIONS: tuple[tuple[HitKind, str], ...] = (("retry", "Retry"), ("edit", "Edit"), ("discard", "Discard"))
UNSURE_ACTIONS: tuple[tuple[HitKind, str], ...] = (
    ("check_again", "Check again"),
    ("send_again", "Send again"),
    ("confirm_sent", "It was sent"),
)
PRIMARY_ACTIONS = ("retry", "check_again")  # drawn bold, in the state's colour
UNSURE_TEXT = "Not sure this was sent"
SENT_TWICE_TEXT = "Sent twice"

SIDE_MARGIN = 14
ROW_PAD = 3
BUBBLE_PAD_X = 11
BUBBLE_PAD_Y = 7
BUBBLE_RADIUS = 12
MAX_BUBBLE_WIDTH = 520  # about 70 characters of text a line: longer lines are hard to follow
BUBBLE_WIDTH_SHARE = 0.70
THREAD_MAX_WIDTH = 960  # on wide windows the thread is a centred column, not two far-apart edges
THUMB_MAX_W = 260
THUMB_MAX_H = 240
THUMB_MIN_SIDE = 56
FILE_BOX_H = 46
GAP = 6
QUOTE_MAX_LINES = 3
LAYOUT_CACHE_MIN = 3000  # layouts kept at least; more when the model has more rows (see layout_for)
LAYOUT_CACHE_SLACK = 256  # room above the row count, so rows just removed or paged out leave first

OUTGOING_BG = QColor("#d6e8fd")
OUTGOING_PENDING_BG = QColor("#e6f0fc")
INCOMING_BG = QColor("#eff0f2")
FAILED_BG = QColor("#fdeeee")
FAILED_BORDER = QColor("#c5221f")
UNSURE_BG = QColor("#fdf4e3")
UNSURE_BORDER = QColor("#a15c00")  # amber, dark enough for text on white and on UNSURE_BG
TEXT = QColor("#1b1e23")
MUTED = QColor("#5f6672")
LINK = QColor("#0b57d0")
QUOTE_BG = QColor(0, 0, 0, 16)
QUOTE_BAR_IN = QColor("#8a9099")
QUOTE_BAR_OUT = QColor("#4f86e0")
DAY_BG = QColor("#e6e8eb")
PLACEHOLDER_BG = QColor("#dcdfe3")
FILE_BG = QColor(255, 255, 255, 170)
REACTION_BG = QColor("#ffffff")
REACTION_BORDER = QColor("#d3d6db")
REACTION_MINE_BG = QColor("#e3eefc")
SENDER_COLOURS = [QColor(c) for c in ("#b3261e", "#1a73e8", "#188038", "#a142f4", "#e37400", "#007b83", "#c5186b")]


@dataclass(frozen=True, slots=True)
class Hit:
    kind: HitKind
    url: str = ""
    attachment: AttachmentView | None = None


@dataclass
class _TextBlock:
    layout: QTextLayout
    origin: QPointF
    links: list[tuple[int, int, str]]
    rtl: bool


@dataclass
class _Layout:
    """Geometry of one row relative to its item's top-left; built once per (row, width)."""

    row: MessageRow
    width: int
    height: int
    bubble: QRectF = field(default_factory=QRectF)
    sender: tuple[QRectF, str] | None = None
    subject: tuple[QRectF, str] | None = None
    quote_box: QRectF | None = None
    quote_name: tuple[QRectF, str] | None = None
    quote_lines: list[tuple[QPointF, str]] = field(default_factory=list)
    attachments: list[tuple[QRectF, AttachmentView]] = field(default_factory=list)
    file_links: list[tuple[QRectF, HitKind, AttachmentView]] = field(default_factory=list)
    text: _TextBlock | None = None
    meta: tuple[QRectF, str] | None = None
    reactions: list[tuple[QRectF, str, bool]] = field(default_factory=list)
    error: _TextBlock | None = None
    buttons: list[tuple[QRectF, HitKind, str]] = field(default_factory=list)
    center_text: _TextBlock | None = None  # day separators and events
    center_box: QRectF | None = None


def is_rtl(text: str) -> bool:
    """Direction of the first strong character (Unicode bidi rule P2)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def layout_text(
    text: str, font: QFont, width: float, links: list[tuple[int, int, str]] | None = None, centered: bool = False
) -> tuple[QTextLayout, float, float, bool]:
    """Plain text laid out in lines of at most ``width``: (layout, height, natural width, rtl).

    QTextLayout never interprets markup, so ``<b>`` in a message stays the characters ``<b>``.
    """
    rtl = is_rtl(text)
    # QTextLayout breaks lines on U+2028, not "\n"; same length, so link offsets stay valid.
    layout = QTextLayout(text.replace("\r\n", " \u2028").replace("\n", "\u2028").replace("\r", "\u2028"), font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    if centered:
        option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    else:
        side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        option.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
    layout.setTextOption(option)
    if links:
        link_format = QTextCharFormat()
        link_format.setForeground(QBrush(LINK))
        link_format.setFontUnderline(True)
        ranges = []
        for start, end, _ in links:
            fr = QTextLayout.FormatRange()
            fr.start, fr.length, fr.format = start, end - start, link_format
            ranges.append(fr)
        layout.setFormats(ranges)
    height, natural = _do_layout(layout, width)
    return layout, height, natural, rtl


def thread_column(width: int) -> tuple[float, float]:
    """Left and right edge of the bubbles' column in a row ``width`` wide (margins included)."""
    column = min(width, THREAD_MAX_WIDTH)
    left = (width - column) / 2
    return left + SIDE_MARGIN, left + column - SIDE_MARGIN


def _do_layout(layout: QTextLayout, width: float) -> tuple[float, float]:
    layout.beginLayout()
    y = 0.0
    natural = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
        natural = max(natural, line.naturalTextWidth())
    layout.endLayout()
    return y, natural


class BubbleDelegate(QStyledItemDelegate):
    """Draws every row of a MessageListModel; never a widget per message."""

    def __init__(self, view: QAbstractItemView, images: ImageCache, parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self._view = view
        self._images = images
        self._cache: OrderedDict[str, _Layout] = OrderedDict()
        self._thumbs: OrderedDict[tuple[str, int, int], QPixmap] = OrderedDict()
        self._waiting: dict[str, QPersistentModelIndex] = {}  # image key -> row waiting for it
        self._seen_sizes: dict[str, tuple[int, int]] = {}  # image key -> size, for attachments without one
        images.image_loaded.connect(self.on_images_image_loaded)

    # ------------------------------------------------------------------------------------------ fonts

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        base = QFont(self._view.font())
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() * 0.86))
        bold = QFont(base)
        bold.setWeight(QFont.Weight.DemiBold)
        return base, small, bold

    def _content_width(self) -> int:
        return max(200, self._view.viewport().width())

    # ------------------------------------------------------------------------------------------ Qt API

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        layout = self.layout_for(index)
        if layout is None:
            return QSize(0, 0)
        return QSize(layout.width, layout.height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        layout = self.layout_for(index, option.rect.width())
        if layout is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.translate(option.rect.topLeft())
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        row = layout.row
        if row.kind == RowKind.MESSAGE:
            self._paint_message(painter, layout, selected, index)
        else:
            self._paint_centered(painter, layout, selected)
        painter.restore()

    # ------------------------------------------------------------------------------------------ layout

    def layout_for(self, index: ModelIndex, width: int | None = None) -> _Layout | None:
        row = index.data(MessageListModel.RowRole)
        if not isinstance(row, MessageRow):
            return None
        width = width or self._content_width()
        cached = self._cache.get(row.key)
        if cached is not None and cached.row is row and cached.width == width:
            self._cache.move_to_end(row.key)
            return cached
        layout = self._build(row, width)
        self._cache[row.key] = layout
        # A full relayout asks for every row in order: a cache smaller than the model would evict each layout just
        # before it is needed again, so it always holds every row plus a little (the oldest, stale keys go first).
        model = self._view.model()
        limit = max(LAYOUT_CACHE_MIN, (model.rowCount() if model is not None else 0) + LAYOUT_CACHE_SLACK)
        while len(self._cache) > limit:
            self._cache.popitem(last=False)
        return layout

    def forget_layouts(self) -> None:
        """Drop every cached layout (the model was reset: its rows are new objects, the old layouts are dead)."""
        self._cache.clear()

    def _build(self, row: MessageRow, width: int) -> _Layout:
        base, small, bold = self._fonts()
        if row.kind == RowKind.DAY:
            return self._build_centered(row, width, small, pill=True)
        if row.kind == RowKind.EVENT:
            return self._build_centered(row, width, small, pill=False)
        return self._build_message(row, width, base, small, bold)

    def _build_centered(self, row: MessageRow, width: int, font: QFont, *, pill: bool) -> _Layout:
        max_w = min(width - 2 * SIDE_MARGIN, 480)  # centred in the row, so also in the thread column
        text_layout, text_h, natural, rtl = layout_text(row.text, font, max_w - 24, centered=True)
        box_w = min(max_w, natural + 24)
        box = QRectF((width - box_w) / 2, ROW_PAD + 6, box_w, text_h + 8)
        origin = QPointF((width - (max_w - 24)) / 2, box.top() + 4)
        block = _TextBlock(text_layout, origin, [], rtl)
        height = math.ceil(box.bottom() + 6 + ROW_PAD)
        return _Layout(row=row, width=width, height=height, center_text=block, center_box=box if pill else None)

    def _build_message(self, row: MessageRow, width: int, base: QFont, small: QFont, bold: QFont) -> _Layout:
        fm_small = QFontMetricsF(small)
        fm_bold_small = QFontMetricsF(_bolder(small))
        column_left, column_right = thread_column(width)
        bubble_max = max(160, min(MAX_BUBBLE_WIDTH, int((column_right - column_left) * BUBBLE_WIDTH_SHARE)))
        inner_max = bubble_max - 2 * BUBBLE_PAD_X
        out = _Layout(row=row, width=width, height=0)

        # Measure every piece at the widest allowed width, then shrink the bubble to the widest piece.
        widths: list[float] = []
        sender_w = fm_bold_small.horizontalAdvance(row.sender_name) if row.show_sender and row.sender_name else 0.0
        widths.append(min(sender_w, inner_max))
        subject_w = QFontMetricsF(bold).horizontalAdvance(row.subject) if row.subject else 0.0
        widths.append(min(subject_w, inner_max))

        quote_lines: list[str] = []
        if row.quote is not None:
            flat = " ".join(row.quote.text.split())
            q_layout, _, q_natural, _ = layout_text(flat, small, inner_max - 14)
            for i in range(min(q_layout.lineCount(), QUOTE_MAX_LINES)):
                line = q_layout.lineAt(i)
                quote_lines.append(flat[line.textStart() : line.textStart() + line.textLength()].strip())
            if q_layout.lineCount() > QUOTE_MAX_LINES:
                rest = flat[q_layout.lineAt(QUOTE_MAX_LINES - 1).textStart() :]
                quote_lines[-1] = fm_small.elidedText(rest, Qt.TextElideMode.ElideRight, inner_max - 14)
            name_w = fm_bold_small.horizontalAdvance(row.quote.sender_name)
            line_ws = [fm_small.horizontalAdvance(t) for t in quote_lines]
            widths.append(min(inner_max, max([name_w, *line_ws, 40.0]) + 14))

        attachment_sizes: list[tuple[float, float]] = []
        for attachment in row.attachments:
            if attachment.is_image and attachment.message_id and not attachment.unavailable:
                size = self._thumb_size(attachment, inner_max)
            else:
                size = (min(inner_max, 280.0), float(FILE_BOX_H))
            attachment_sizes.append(size)
            widths.append(size[0])

        meta_text = self._meta_text(row)
        meta_w = fm_small.horizontalAdvance(meta_text)

        text_block: _TextBlock | None = None
        text_h = 0.0
        inline_meta = False
        if row.text:
            links = [] if row.deleted else list(find_links(row.text))
            font = QFont(base)
            if row.deleted:
                font.setItalic(True)
            t_layout, text_h, natural, rtl = layout_text(row.text, font, inner_max, links)
            last = t_layout.lineAt(t_layout.lineCount() - 1) if t_layout.lineCount() else None
            last_w = last.naturalTextWidth() if last is not None else 0.0
            inline_meta = not rtl and last_w + 10 + meta_w <= inner_max
            text_w = max(natural, last_w + 10 + meta_w) if inline_meta else natural
            widths.append(text_w)
            text_block = _TextBlock(t_layout, QPointF(), links, rtl)
        if not inline_meta:
            widths.append(meta_w)

        inner_w = math.ceil(min(inner_max, max(widths + [40.0])))
        bubble_w = inner_w + 2 * BUBBLE_PAD_X
        left = column_right - bubble_w if row.outgoing else column_left
        x = float(left + BUBBLE_PAD_X)
        y = float(ROW_PAD + (4 if row.show_sender else 0) + BUBBLE_PAD_Y)

        if row.show_sender and row.sender_name:
            h = fm_bold_small.height()
            out.sender = (QRectF(x, y, inner_w, h), row.sender_name)
            y += h + 2
        if row.subject:
            h = QFontMetricsF(bold).height()
            out.subject = (QRectF(x, y, inner_w, h), row.subject)
            y += h + 2
        if row.quote is not None:
            top = y
            qy = y + 4
            if row.quote.sender_name:
                h = fm_bold_small.height()
                out.quote_name = (QRectF(x + 10, qy, inner_w - 14, h), row.quote.sender_name)
                qy += h
            for text in quote_lines:
                out.quote_lines.append((QPointF(x + 10, qy + fm_small.ascent()), text))
                qy += fm_small.height()
            out.quote_box = QRectF(x, top, inner_w, qy - top + 4)
            y = out.quote_box.bottom() + GAP
        for attachment, (w, h) in zip(row.attachments, attachment_sizes, strict=True):
            rect = QRectF(x, y, w, h)
            out.attachments.append((rect, attachment))
            if not (attachment.is_image and attachment.message_id) and attachment.downloadable:
                link_y = rect.top() + 6 + fm_small.height() + 2
                size_text = human_size(attachment.size)
                lx = rect.left() + 44 + (fm_small.horizontalAdvance(size_text + "   ") if size_text else 0)
                offered = (("save", "Save as…"), ("open", "Open")) if attachment.openable else (("save", "Save as…"),)
                for kind, label in offered:
                    lw = fm_small.horizontalAdvance(label)
                    out.file_links.append((QRectF(lx, link_y, lw, fm_small.height()), kind, attachment))  # type: ignore[arg-type]
                    lx += lw + 12
            y += h + GAP
        if text_block is not None:
            # Lay out again at the bubble's width so right-aligned (RTL) lines align with the bubble's edge.
            _do_layout(text_block.layout, inner_w)
            text_block.origin = QPointF(x, y)
            out.text = text_block
            y += text_h
        meta_h = fm_small.height()
        if text_block is not None and inline_meta:
            out.meta = (QRectF(x + inner_w - meta_w, y - meta_h, meta_w, meta_h), meta_text)
        else:
            if text_block is not None or not row.attachments:
                y += 2
            else:
                y -= GAP - 2
            out.meta = (QRectF(x + inner_w - meta_w, y, meta_w, meta_h), meta_text)
            y += meta_h
        y += BUBBLE_PAD_Y
        out.bubble = QRectF(
            left, ROW_PAD + (4 if row.show_sender else 0), bubble_w, y - ROW_PAD - (4 if row.show_sender else 0)
        )
        y = out.bubble.bottom()

        if row.reactions:
            y += 3
            pill_h = fm_small.height() + 6
            pills: list[tuple[float, str, bool]] = []
            for reaction in row.reactions:
                label = reaction.value if reaction.count == 1 else f"{reaction.value} {reaction.count}"
                pills.append((fm_small.horizontalAdvance(label) + 16, label, reaction.mine))
            total = sum(p[0] for p in pills) + 4 * (len(pills) - 1)
            px = (out.bubble.right() - total) if row.outgoing else out.bubble.left() + 8
            for w, label, mine in pills:
                out.reactions.append((QRectF(px, y, w, pill_h), label, mine))
                px += w + 4
            y += pill_h

        if row.state in (SendState.FAILED, SendState.UNSURE):
            y += 4
            if row.state == SendState.FAILED:
                error_text = f"Not sent. {row.error}" if row.error else "Not sent."
                labels = FAILED_ACTIONS
            else:  # the engine's sentence (plain text, laid out by QTextLayout) says what the checks found
                error_text = row.error if row.error.startswith(UNSURE_TEXT) else f"{UNSURE_TEXT}. {row.error}".strip()
                labels = UNSURE_ACTIONS
            e_layout, e_h, e_natural, e_rtl = layout_text(error_text, small, bubble_max)
            e_w = math.ceil(e_natural) + 1
            _do_layout(e_layout, e_w)
            ex = column_right - e_w if row.outgoing else column_left
            out.error = _TextBlock(e_layout, QPointF(ex, y), [], e_rtl)
            y += e_h + 4
            button_h = fm_small.height() + 8
            widths_b = [fm_small.horizontalAdvance(label) + 20 for _, label in labels]
            total = sum(widths_b) + 6 * (len(labels) - 1)
            bx = (column_right - total) if row.outgoing else column_left
            for (kind, label), w in zip(labels, widths_b, strict=True):
                out.buttons.append((QRectF(bx, y, w, button_h), kind, label))
                bx += w + 6
            y += button_h
        out.height = math.ceil(y + ROW_PAD + 1)
        return out

    @staticmethod
    def _meta_text(row: MessageRow) -> str:
        parts = []
        if row.edited:
            parts.append("edited")
        parts.append(clock_time(row.timestamp))
        if row.outgoing:
            if row.state == SendState.PENDING:
                parts.append("Sending…")
            elif row.state == SendState.QUEUED:
                parts.append("Waiting to send")
            elif row.state == SendState.UNKNOWN:
                parts.append("Checking whether it arrived…")
            elif row.state == SendState.UNSURE:
                parts.append(UNSURE_TEXT)
            elif row.state == SendState.FAILED:
                parts.append("Not sent")
            elif row.sent_twice:
                parts.append(SENT_TWICE_TEXT)  # words, not only a colour: the agent may delete one copy
            elif row.seen:
                parts.append("Seen")
            elif row.delivered:
                parts.append("✓✓")
            else:
                parts.append("✓")
        return " · ".join(p for p in parts if p)

    def _thumb_size(self, attachment: AttachmentView, inner_max: float) -> tuple[float, float]:
        """The thumbnail box (also the placeholder's before the picture is in): scaled down to fit, never up."""
        # The picture's own size, once seen, beats the size the server announced.
        # Only sizes already seen: asking the cache here would fetch every image of the page, not the visible.
        seen = self._seen_sizes.get(ImageCache.attachment_key(attachment.message_id, attachment.id))
        w, h = seen if seen is not None else (attachment.width or 0, attachment.height or 0)
        max_w = min(float(THUMB_MAX_W), inner_max)
        if not w or not h:
            return max_w, round(max_w * 3 / 4)  # size unknown: a 4:3 box until the picture says otherwise
        return thumbnail_size(w, h, max_w, float(THUMB_MAX_H))

    # ------------------------------------------------------------------------------------------ painting

    def _paint_centered(self, painter: QPainter, layout: _Layout, selected: bool) -> None:
        assert layout.center_text is not None
        _, small, _ = self._fonts()
        if layout.center_box is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(DAY_BG)
            painter.drawRoundedRect(layout.center_box, layout.center_box.height() / 2, layout.center_box.height() / 2)
        elif selected:
            painter.setPen(QPen(self._view.palette().highlight().color(), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            column_left, column_right = thread_column(layout.width)
            painter.drawRoundedRect(QRectF(column_left, 2, column_right - column_left, layout.height - 4), 6, 6)
        painter.setPen(MUTED)
        layout.center_text.layout.draw(painter, layout.center_text.origin)

    def _paint_message(self, painter: QPainter, layout: _Layout, selected: bool, index: ModelIndex) -> None:
        row = layout.row
        _, small, bold = self._fonts()
        bold_small = _bolder(small)
        failed = row.state == SendState.FAILED
        unsure = row.state == SendState.UNSURE
        accent = FAILED_BORDER if failed else UNSURE_BORDER  # of the border, the state words and the buttons
        if failed:
            background = FAILED_BG
        elif unsure:
            background = UNSURE_BG
        elif row.outgoing:
            background = OUTGOING_BG if row.state == SendState.SENT else OUTGOING_PENDING_BG
        else:
            background = INCOMING_BG
        path = QPainterPath()
        path.addRoundedRect(layout.bubble, BUBBLE_RADIUS, BUBBLE_RADIUS)
        painter.setPen(QPen(accent, 1.2) if failed or unsure else Qt.PenStyle.NoPen)
        painter.fillPath(path, background)
        if failed or unsure:
            painter.drawPath(path)
        if selected:
            painter.setPen(QPen(self._view.palette().highlight().color(), 2))
            painter.drawPath(path)

        if layout.sender is not None:
            rect, name = layout.sender
            painter.setFont(bold_small)
            painter.setPen(sender_colour(row.sender_key))
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _elide(painter, name, rect)
            )
        if layout.subject is not None:
            rect, subject = layout.subject
            painter.setFont(bold)
            painter.setPen(TEXT)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _elide(painter, subject, rect)
            )
        if layout.quote_box is not None:
            box = layout.quote_box
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QUOTE_BG)
            painter.drawRoundedRect(box, 6, 6)
            painter.setBrush(QUOTE_BAR_OUT if row.outgoing else QUOTE_BAR_IN)
            painter.drawRoundedRect(QRectF(box.left(), box.top(), 3, box.height()), 1.5, 1.5)
            if layout.quote_name is not None:
                rect, name = layout.quote_name
                painter.setFont(bold_small)
                painter.setPen(MUTED)
                painter.drawText(
                    rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _elide(painter, name, rect)
                )
            painter.setFont(small)
            painter.setPen(MUTED)
            for point, text in layout.quote_lines:
                painter.drawText(point, text)
        for rect, attachment in layout.attachments:
            self._paint_attachment(painter, rect, attachment, index, small, bold_small)
        if layout.file_links:
            painter.setFont(small)
            painter.setPen(LINK)
            for rect, kind, _ in layout.file_links:
                painter.drawText(
                    rect,
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    "Save as…" if kind == "save" else "Open",
                )
        if layout.text is not None:
            painter.setPen(MUTED if row.deleted else TEXT)
            layout.text.layout.draw(painter, layout.text.origin)
        if layout.meta is not None:
            rect, text = layout.meta
            painter.setFont(small)
            painter.setPen(accent if failed or unsure or (row.sent_twice and row.state == SendState.SENT) else MUTED)
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        for rect, label, mine in layout.reactions:
            painter.setPen(QPen(REACTION_BORDER, 1))
            painter.setBrush(REACTION_MINE_BG if mine else REACTION_BG)
            painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
            painter.setFont(small)
            painter.setPen(TEXT)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        if layout.error is not None:
            painter.setPen(accent)
            layout.error.layout.draw(painter, layout.error.origin)
        for rect, kind, label in layout.buttons:
            primary = kind in PRIMARY_ACTIONS
            painter.setPen(QPen(accent if primary else REACTION_BORDER, 1))
            painter.setBrush(QColor("#ffffff"))
            painter.drawRoundedRect(rect, 5, 5)
            painter.setFont(bold_small if primary else small)
            painter.setPen(accent if primary else TEXT)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)

    def _paint_attachment(
        self,
        painter: QPainter,
        rect: QRectF,
        attachment: AttachmentView,
        index: ModelIndex,
        small: QFont,
        bold_small: QFont,
    ) -> None:
        if attachment.is_image and attachment.message_id and not attachment.unavailable:
            # With the size given, a picture over ImageCache's limit is not downloaded until "Load picture".
            image = self._images.attachment_image(attachment.message_id, attachment.id, attachment.size)
            clip = QPainterPath()
            clip.addRoundedRect(rect, 8, 8)
            if image is not None and not image.isNull():
                painter.save()
                painter.setClipPath(clip)
                painter.drawPixmap(rect.toRect(), self._thumb(attachment, image, rect.toRect().size()))
                painter.restore()
                return
            painter.fillPath(clip, PLACEHOLDER_BG)
            painter.setFont(small)
            painter.setPen(MUTED)
            if self._images.needs_click(attachment.message_id, attachment.id, attachment.size):
                painter.setPen(LINK)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, load_picture_label(attachment))
                return
            key = ImageCache.attachment_key(attachment.message_id, attachment.id)
            failed = self._images.attachment_failed(attachment.message_id, attachment.id)
            if not failed:
                self._waiting[key] = QPersistentModelIndex(index)
            label = "Image unavailable" if failed else "Loading image…"
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
            return
        # A file box: a document glyph with the extension, the name, then size and actions.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(FILE_BG)
        painter.drawRoundedRect(rect, 8, 8)
        glyph = QRectF(rect.left() + 6, rect.top() + 7, 30, rect.height() - 14)
        painter.setBrush(QColor("#7a8594") if not attachment.unavailable else PLACEHOLDER_BG)
        painter.drawRoundedRect(glyph, 4, 4)
        ext = _extension_label(attachment)
        font = QFont(small)
        font.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
        font.setWeight(QFont.Weight.Bold)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(glyph, Qt.AlignmentFlag.AlignCenter, ext)
        fm = QFontMetricsF(small)
        name_rect = QRectF(rect.left() + 44, rect.top() + 6, rect.width() - 50, fm.height())
        painter.setFont(bold_small)
        painter.setPen(TEXT)
        painter.drawText(
            name_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            _elide(painter, attachment.name, name_rect),
        )
        detail_rect = QRectF(rect.left() + 44, name_rect.bottom() + 2, rect.width() - 50, fm.height())
        painter.setFont(small)
        painter.setPen(MUTED)
        if attachment.unavailable:
            detail = "Unavailable"
        elif not attachment.message_id:
            detail = human_size(attachment.size) or "Attached file"
        else:
            detail = human_size(attachment.size)
        if detail:
            painter.drawText(detail_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)

    def _thumb(self, attachment: AttachmentView, image: QImage, size: QSize) -> QPixmap:
        ratio = self._view.devicePixelRatioF()
        key = (ImageCache.attachment_key(attachment.message_id, attachment.id), size.width(), size.height())
        pixmap = self._thumbs.get(key)
        if pixmap is None:
            target = QSize(round(size.width() * ratio), round(size.height() * ratio))
            scaled = image.scaled(
                target, Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation
            )
            x = (scaled.width() - target.width()) // 2
            y = (scaled.height() - target.height()) // 2
            pixmap = QPixmap.fromImage(scaled.copy(x, y, target.width(), target.height()))
            pixmap.setDevicePixelRatio(ratio)
            self._thumbs[key] = pixmap
            while len(self._thumbs) > 200:
                self._thumbs.popitem(last=False)
        return pixmap

    # ------------------------------------------------------------------------------------------ images

    def load_picture(self, index: ModelIndex, attachment: AttachmentView) -> None:
        """The agent clicked "Load picture" on a large image: fetch it and repaint the row when it is in."""
        key = ImageCache.attachment_key(attachment.message_id, attachment.id)
        self._waiting[key] = QPersistentModelIndex(index)
        self._images.load_picture(attachment.message_id, attachment.id)
        self._view.update(index)  # "Loading image…" replaces the button at once

    def on_images_image_loaded(self, key: str) -> None:
        index = self._waiting.pop(key, None)
        if index is None or not index.isValid():
            return
        model_index = self._view.model().index(index.row(), 0)
        row = model_index.data(MessageListModel.RowRole)
        if isinstance(row, MessageRow):
            for attachment in row.attachments:
                if ImageCache.attachment_key(attachment.message_id, attachment.id) == key:
                    image = self._images.attachment_image(attachment.message_id, attachment.id)  # cached by now
                    if image is not None and not image.isNull():
                        self._seen_sizes[key] = (image.width(), image.height())
            self._cache.pop(row.key, None)  # the real size may differ from the placeholder's
        self.sizeHintChanged.emit(model_index)
        self._view.update(model_index)

    # ------------------------------------------------------------------------------------------ hit tests

    def hit_test(self, index: ModelIndex, item_rect: QRect, pos: QPoint) -> Hit | None:
        """What is under ``pos`` (view-port coordinates) in the row at ``index``."""
        layout = self.layout_for(index, item_rect.width())
        if layout is None or layout.row.kind != RowKind.MESSAGE:
            return None
        p = QPointF(pos - item_rect.topLeft())
        for rect, kind, _ in layout.buttons:
            if rect.contains(p):
                return Hit(kind)
        for rect, kind, attachment in layout.file_links:
            if rect.adjusted(-3, -3, 3, 3).contains(p):
                return Hit(kind, attachment=attachment)
        for rect, attachment in layout.attachments:
            if rect.contains(p) and attachment.is_image and attachment.downloadable:
                if self._images.needs_click(attachment.message_id, attachment.id, attachment.size):
                    return Hit("load_picture", attachment=attachment)
                return Hit("image", attachment=attachment)
        if layout.text is not None:
            url = _link_at(layout.text, p)
            if url:
                return Hit("link", url=url)
        if layout.bubble.contains(p):
            under = next((a for r, a in layout.attachments if r.contains(p)), None)
            return Hit("bubble", attachment=under)
        return None

    def links_in(self, index: ModelIndex) -> list[str]:
        layout = self.layout_for(index)
        if layout is None or layout.text is None:
            return []
        return [url for _, _, url in layout.text.links]

    def text_layout_text(self, index: ModelIndex) -> str:
        """The exact characters laid out for painting (for tests: proves no markup was interpreted)."""
        layout = self.layout_for(index)
        if layout is None:
            return ""
        block = layout.text or layout.center_text
        return block.layout.text() if block is not None else ""


def thumbnail_size(width: int, height: int, max_width: float, max_height: float) -> tuple[float, float]:
    """A ``width``×``height`` picture fitted in max_width×max_height: scaled down when larger, never enlarged
    (stretching a small picture only blurs it). A very thin picture keeps a clickable side of THUMB_MIN_SIDE, cropped
    rather than stretched, so that side never exceeds the picture's own."""
    scale = min(1.0, max_width / width, max_height / height)
    thumb_w = max(min(THUMB_MIN_SIDE, width), round(width * scale))
    thumb_h = max(min(THUMB_MIN_SIDE, height), round(height * scale))
    return float(min(thumb_w, max_width)), float(min(thumb_h, max_height))


def _link_at(block: _TextBlock, p: QPointF) -> str | None:
    if not block.links:
        return None
    local = p - block.origin
    layout = block.layout
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        if line.y() <= local.y() < line.y() + line.height():
            if not (line.x() <= local.x() <= line.x() + line.width()):
                return None
            position = line.xToCursor(local.x(), QTextLine.CursorPosition.CursorOnCharacter)
            left = line.cursorToX(position)
            right = line.cursorToX(position + 1)
            lx, rx = _as_float(left), _as_float(right)
            if not (min(lx, rx) - 1 <= local.x() <= max(lx, rx) + 1):
                return None
            for start, end, url in block.links:
                if start <= position < end:
                    return url
            return None
    return None


def _as_float(value: object) -> float:
    if isinstance(value, tuple):
        return float(value[0])
    return float(value)  # type: ignore[arg-type]


def _bolder(font: QFont) -> QFont:
    out = QFont(font)
    out.setWeight(QFont.Weight.DemiBold)
    return out


def _elide(painter: QPainter, text: str, rect: QRectF) -> str:
    return painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width()))


def load_picture_label(attachment: AttachmentView) -> str:
    """ "Load picture (25 MB)": the placeholder of an image too large to download just for a thumbnail."""
    size = human_size(attachment.size)
    return f"Load picture ({size})" if size else "Load picture"


def _extension_label(attachment: AttachmentView) -> str:
    if attachment.kind in ("video", "audio"):
        return {"video": "VID", "audio": "AUD"}[attachment.kind]
    name = attachment.name
    if "." in name:
        ext = name.rsplit(".", 1)[1]
        if 0 < len(ext) <= 4 and ext.isalnum():
            return ext.upper()
    return "FILE"


def sender_colour(sender_key: str) -> QColor:
    return SENDER_COLOURS[zlib.crc32(sender_key.encode("utf-8")) % len(SENDER_COLOURS)]
