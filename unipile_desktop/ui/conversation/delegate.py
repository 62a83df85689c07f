"""The message view's item delegate: shapes each row's text with Qt, lays the row out once, paints it, hit-tests it.

The geometry is bubble_layout's (pure), the painting bubble_painter's, the look bubble_style's; this module is the
Qt glue between them and the view: fonts from the view, QTextLayout for the text, a layout cache, pictures arriving.
"""

from __future__ import annotations

import unicodedata
from collections import OrderedDict
from functools import partial

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontMetricsF,
    QPainter,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...core.images import ImageCache
from ...core.message_list import AttachmentView, MessageListModel, MessageRow, QuoteView, RowKind
from ...engine.display_text import ELLIPSIS, bounded_prefix, bubble_text
from ...texts import QT_TRANSLATE_NOOP, translate
from ..links import find_links
from ..theme import Theme, current_theme, theme_manager
from .bubble_layout import (
    BubbleMetrics,
    FontMeasure,
    Hit,
    RowLayout,
    TextBlock,
    TextSize,
    bubble_max_width,
    bubble_text_width,
    centered_layout,
    centered_text_width,
    hit_at,
    message_layout,
    quote_text_width,
    state_sentence,
)
from .bubble_painter import BubblePainter
from .bubble_style import QUOTE_MAX_LINES, BubbleFonts, bubble_fonts

ModelIndex = QModelIndex | QPersistentModelIndex
LAYOUT_CACHE_MIN = 3000  # layouts kept at least; more when the model has more rows (see layout_for)
LAYOUT_CACHE_SLACK = 256  # room above the row count, so rows just removed or paged out leave first
SHOW_WHOLE = QT_TRANSLATE_NOOP(
    "BubbleDelegate", "Show whole message"
)  # under a bubble that shows only the start of its message
# Shown at most (the text is the network's or the server's): an event line, a failed send's sentence, a quote.
EVENT_CHARS, EVENT_LINES = 600, 6
STATE_CHARS, STATE_LINES = 600, 6
QUOTE_CHARS = 600  # three lines of a quote at most are shown


class BubbleDelegate(QStyledItemDelegate):
    """Draws every row of a MessageListModel; never a widget per message."""

    def __init__(self, view: QAbstractItemView, images: ImageCache, parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self._view = view
        self._images = images
        self._painter = BubblePainter(images)
        self._cache: OrderedDict[str, RowLayout] = OrderedDict()
        self._waiting: dict[str, QPersistentModelIndex] = {}  # image key -> row waiting for it
        self._seen_sizes: dict[str, tuple[int, int]] = {}  # image key -> size, for attachments without one
        self.highlighted_key = ""  # the row painted with the found_flash behind it ("" for none); the view times it
        images.image_loaded.connect(self.on_images_image_loaded)
        theme_manager().theme_changed.connect(self.on_theme_changed)

    def _fonts(self) -> BubbleFonts:
        return bubble_fonts(self._view.font())

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

        def wait_for_picture(key: str) -> None:
            self._waiting[key] = QPersistentModelIndex(index)

        painter.save()
        if self.highlighted_key and layout.row.key == self.highlighted_key:
            painter.fillRect(option.rect, current_theme().found_flash)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.translate(option.rect.topLeft())
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        self._painter.paint_row(
            painter,
            layout,
            self._fonts(),
            selection=self._view.palette().highlight().color() if selected else None,
            pixel_ratio=self._view.devicePixelRatioF(),
            on_loading=wait_for_picture,
        )
        painter.restore()

    # ------------------------------------------------------------------------------------------ layout

    def layout_for(self, index: ModelIndex, width: int | None = None) -> RowLayout | None:
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

    def on_theme_changed(self, _theme: Theme) -> None:
        """Cached layouts hold the old theme's link colour: lay them out again."""
        self._cache.clear()
        self._view.viewport().update()

    def _build(self, row: MessageRow, width: int) -> RowLayout:
        fonts = self._fonts()
        if row.kind == RowKind.MESSAGE:
            return self._build_message(row, width, fonts)
        return self._build_centered(row, width, fonts.small, pill=row.kind == RowKind.DAY)

    def _build_centered(self, row: MessageRow, width: int, font: QFont, *, pill: bool) -> RowLayout:
        text_layout, size = shape_text(
            _bounded(row.text, EVENT_CHARS, EVENT_LINES), font, centered_text_width(width), centered=True
        )
        layout = centered_layout(row, width, size, pill=pill)
        assert layout.center_area is not None
        layout.center_text = TextBlock(text_layout, layout.center_area.topLeft(), [], size.rtl)
        return layout

    def _build_message(self, row: MessageRow, width: int, fonts: BubbleFonts) -> RowLayout:
        metrics = BubbleMetrics(
            small=font_measure(fonts.small), bold_small=font_measure(fonts.bold_small), bold=font_measure(fonts.bold)
        )
        quote_lines = _quote_lines(row.quote, fonts.small, quote_text_width(width)) if row.quote is not None else []
        text: tuple[QTextLayout, TextSize, list[tuple[int, int, str]]] | None = None
        cut = False
        if row.text:
            # A bounded prefix, long runs broken, links' hidden characters shown: bounded layout whatever arrived.
            shown = bubble_text(row.text, (lambda _: ()) if row.deleted else find_links)
            cut = shown.cut
            links = list(shown.links)
            font = QFont(fonts.base)
            if row.deleted:
                font.setItalic(True)
            text = (*shape_text(shown.text, font, bubble_text_width(width), links), links)
        sentence = state_sentence(row)
        if sentence is not None:
            sentence = _bounded(sentence, STATE_CHARS, STATE_LINES)
        state = shape_text(sentence, fonts.small, bubble_max_width(width)) if sentence is not None else None
        layout = message_layout(
            row,
            width,
            metrics,
            text=text[1] if text is not None else None,
            quote_lines=quote_lines,
            state_text=state[1] if state is not None else None,
            seen_size=self._seen_size,
            more_label=translate("BubbleDelegate", SHOW_WHOLE) if cut else None,
        )
        if text is not None and layout.text_area is not None:
            text_layout, size, links = text
            # Lay out again at the bubble's width so right-aligned (RTL) lines align with the bubble's edge.
            _wrap(text_layout, layout.text_area.width())
            layout.text = TextBlock(text_layout, layout.text_area.topLeft(), links, size.rtl)
        if state is not None and layout.error_area is not None:
            state_layout, size = state
            _wrap(state_layout, layout.error_area.width())  # as narrow as its widest line, on the bubble's side
            layout.error = TextBlock(state_layout, layout.error_area.topLeft(), [], size.rtl)
        return layout

    def _seen_size(self, attachment: AttachmentView) -> tuple[int, int] | None:
        # Only sizes already seen: asking the cache here would fetch every image of the page, not the visible.
        return self._seen_sizes.get(ImageCache.attachment_key(attachment.message_id, attachment.id))

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
        if layout is None:
            return None
        return hit_at(
            layout,
            QPointF(pos - item_rect.topLeft()),
            needs_click=lambda a: self._images.needs_click(a.message_id, a.id, a.size),
            link_at=partial(_link_at, layout.text),
        )

    def shows_part(self, index: ModelIndex) -> bool:
        """Whether the row's bubble shows only the start of its message (and offers "Show whole message")."""
        layout = self.layout_for(index)
        return layout is not None and layout.more is not None

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


# ------------------------------------------------------------------------------------------------ text shaping


def font_measure(font: QFont) -> FontMeasure:
    metrics = QFontMetricsF(font)
    return FontMeasure(height=metrics.height(), ascent=metrics.ascent(), advance=metrics.horizontalAdvance)


SCAN_DIRECTION = 4096  # a text whose first strong character comes later is laid out left to right


def is_rtl(text: str) -> bool:
    """Direction of the first strong character (Unicode bidi rule P2)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def shape_text(
    text: str, font: QFont, width: float, links: list[tuple[int, int, str]] | None = None, centered: bool = False
) -> tuple[QTextLayout, TextSize]:
    """Plain text laid out in lines of at most ``width``, and how big it came out.

    QTextLayout never interprets markup, so ``<b>`` in a message stays the characters ``<b>``.
    """
    rtl = is_rtl(text[:SCAN_DIRECTION])
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
        link_format.setForeground(QBrush(current_theme().bubbles.link))  # laid out again when the theme changes
        link_format.setFontUnderline(True)
        ranges = []
        for start, end, _ in links:
            fr = QTextLayout.FormatRange()
            fr.start, fr.length, fr.format = start, end - start, link_format
            ranges.append(fr)
        layout.setFormats(ranges)
    height, natural = _wrap(layout, width)
    last_line = layout.lineAt(layout.lineCount() - 1).naturalTextWidth() if layout.lineCount() else 0.0
    return layout, TextSize(height=height, natural_width=natural, last_line_width=last_line, rtl=rtl)


def _wrap(layout: QTextLayout, width: float) -> tuple[float, float]:
    """Lay ``layout`` out in lines of ``width``: (height, widest line's natural width)."""
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


def _quote_lines(quote: QuoteView, font: QFont, width: int) -> list[str]:
    """The quoted message on one paragraph, its first QUOTE_MAX_LINES lines of ``width``, the last one elided."""
    flat = " ".join(quote.text[:QUOTE_CHARS].split())
    layout, _ = shape_text(flat, font, width)
    lines = []
    for i in range(min(layout.lineCount(), QUOTE_MAX_LINES)):
        line = layout.lineAt(i)
        lines.append(flat[line.textStart() : line.textStart() + line.textLength()].strip())
    if layout.lineCount() > QUOTE_MAX_LINES:
        rest = flat[layout.lineAt(QUOTE_MAX_LINES - 1).textStart() :]
        lines[-1] = QFontMetricsF(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return lines


def _bounded(text: str, max_chars: int, max_lines: int) -> str:
    shown, cut = bounded_prefix(text, max_chars, max_lines)
    return shown + ELLIPSIS if cut else shown


def _link_at(block: TextBlock | None, p: QPointF) -> str | None:
    if block is None or not block.links:
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
