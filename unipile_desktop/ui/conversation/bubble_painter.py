"""Paints one row from its RowLayout: bubble, sender, quote, attachments, text, reactions, state words and buttons.

Every name, subject, quoted line and file name from the network is drawn as a bidi isolate (``isolate``, after
eliding), so a right-to-left override inside it cannot reorder the ellipsis or anything else drawn with it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QPixmap

from ...core.images import ImageCache
from ...core.message_list import AttachmentView, RowKind, SendState
from ...engine.display_text import isolate, short_line
from ...texts import translate
from ..format import human_size
from ..theme import BubbleColours, current_theme
from .bubble_layout import PRIMARY_ACTIONS, RowLayout, file_link_label, shows_picture, thread_column
from .bubble_style import BUBBLE_RADIUS, FILE_TEXT_INDENT, BubbleFonts

THUMBS_KEPT = 200  # scaled thumbnails kept for repainting


class BubblePainter:
    """Paints rows in their own coordinates (the item's top-left at 0, 0); keeps the scaled thumbnails it drew."""

    def __init__(self, images: ImageCache, colours: BubbleColours | None = None) -> None:
        self._images = images
        self._colours = colours  # fixed colours (tests), else the current theme's
        self._thumbs: OrderedDict[tuple[str, int, int], QPixmap] = OrderedDict()

    def paint_row(
        self,
        painter: QPainter,
        layout: RowLayout,
        fonts: BubbleFonts,
        *,
        selection: QColor | None,
        pixel_ratio: float,
        on_loading: Callable[[str], None],
    ) -> None:
        """``selection``: the highlight colour when the row is selected. ``pixel_ratio``: the screen's, for
        thumbnails. ``on_loading(key)``: called for each picture painted as "Loading image…"."""
        if layout.row.kind == RowKind.MESSAGE:
            self._paint_message(painter, layout, fonts, selection, pixel_ratio, on_loading)
        else:
            self._paint_centered(painter, layout, selection)

    def _paint_centered(self, painter: QPainter, layout: RowLayout, selection: QColor | None) -> None:
        assert layout.center_text is not None
        colours = self._colours or current_theme().bubbles  # None: the theme's, as it is now
        if layout.center_box is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.day)
            painter.drawRoundedRect(layout.center_box, layout.center_box.height() / 2, layout.center_box.height() / 2)
        elif selection is not None:
            painter.setPen(QPen(selection, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            column_left, column_right = thread_column(layout.width)
            painter.drawRoundedRect(QRectF(column_left, 2, column_right - column_left, layout.height - 4), 6, 6)
        painter.setPen(colours.muted)
        layout.center_text.layout.draw(painter, layout.center_text.origin)

    def _paint_message(
        self,
        painter: QPainter,
        layout: RowLayout,
        fonts: BubbleFonts,
        selection: QColor | None,
        pixel_ratio: float,
        on_loading: Callable[[str], None],
    ) -> None:
        row = layout.row
        colours = self._colours or current_theme().bubbles  # None: the theme's, as it is now
        small, bold_small = fonts.small, fonts.bold_small
        failed = row.state == SendState.FAILED
        unsure = row.state == SendState.UNSURE
        # Of the border, the state words and the buttons.
        accent = colours.failed_border if failed else colours.unsure_border
        if failed:
            background = colours.failed
        elif unsure:
            background = colours.unsure
        elif row.outgoing:
            background = colours.outgoing if row.state == SendState.SENT else colours.outgoing_pending
        else:
            background = colours.incoming
        path = QPainterPath()
        path.addRoundedRect(layout.bubble, BUBBLE_RADIUS, BUBBLE_RADIUS)
        painter.setPen(QPen(accent, 1.2) if failed or unsure else Qt.PenStyle.NoPen)
        painter.fillPath(path, background)
        if failed or unsure:
            painter.drawPath(path)
        if selection is not None:
            painter.setPen(QPen(selection, 2))
            painter.drawPath(path)

        if layout.sender is not None:
            rect, name = layout.sender
            painter.setFont(bold_small)
            painter.setPen(colours.sender(row.sender_key))
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _elide(painter, name, rect)
            )
        if layout.subject is not None:
            rect, subject = layout.subject
            painter.setFont(fonts.bold)
            painter.setPen(colours.text)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _elide(painter, subject, rect)
            )
        if layout.quote_box is not None:
            box = layout.quote_box
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.quote)
            painter.drawRoundedRect(box, 6, 6)
            painter.setBrush(colours.quote_bar_out if row.outgoing else colours.quote_bar_in)
            painter.drawRoundedRect(QRectF(box.left(), box.top(), 3, box.height()), 1.5, 1.5)
            if layout.quote_name is not None:
                rect, name = layout.quote_name
                painter.setFont(bold_small)
                painter.setPen(colours.muted)
                painter.drawText(
                    rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _elide(painter, name, rect)
                )
            painter.setFont(small)
            painter.setPen(colours.muted)
            for point, text in layout.quote_lines:
                painter.drawText(point, isolate(text))
        for rect, attachment in layout.attachments:
            self._paint_attachment(painter, rect, attachment, fonts, pixel_ratio, on_loading)
        if layout.file_links:
            painter.setFont(small)
            painter.setPen(colours.link)
            for rect, kind, _ in layout.file_links:
                painter.drawText(
                    rect,
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    file_link_label(kind),
                )
        if layout.text is not None:
            painter.setPen(colours.muted if row.deleted else colours.text)
            layout.text.layout.draw(painter, layout.text.origin)
        if layout.more is not None:
            rect, label = layout.more
            link_font = QFont(small)
            link_font.setUnderline(True)
            painter.setFont(link_font)
            painter.setPen(colours.link)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
        if layout.meta is not None:
            rect, text = layout.meta
            painter.setFont(small)
            in_accent = failed or unsure or (row.sent_twice and row.state == SendState.SENT)
            painter.setPen(accent if in_accent else colours.muted)
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        for rect, label, mine in layout.reactions:
            painter.setPen(QPen(colours.reaction_border, 1))
            painter.setBrush(colours.reaction_mine if mine else colours.reaction)
            painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
            painter.setFont(small)
            painter.setPen(colours.text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, isolate(label))
        if layout.error is not None:
            painter.setPen(accent)
            layout.error.layout.draw(painter, layout.error.origin)
        for rect, kind, label in layout.buttons:
            primary = kind in PRIMARY_ACTIONS
            painter.setPen(QPen(accent if primary else colours.reaction_border, 1))
            painter.setBrush(colours.button)
            painter.drawRoundedRect(rect, 5, 5)
            painter.setFont(bold_small if primary else small)
            painter.setPen(accent if primary else colours.text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)

    def _paint_attachment(
        self,
        painter: QPainter,
        rect: QRectF,
        attachment: AttachmentView,
        fonts: BubbleFonts,
        pixel_ratio: float,
        on_loading: Callable[[str], None],
    ) -> None:
        colours = self._colours or current_theme().bubbles  # None: the theme's, as it is now
        small = fonts.small
        if shows_picture(attachment):
            # With the size given, a picture over ImageCache's limit is not downloaded until "Load picture".
            image = self._images.attachment_image(attachment.message_id, attachment.id, attachment.size)
            clip = QPainterPath()
            clip.addRoundedRect(rect, 8, 8)
            if image is not None and not image.isNull():
                painter.save()
                painter.setClipPath(clip)
                painter.drawPixmap(rect.toRect(), self._thumb(attachment, image, rect.toRect().size(), pixel_ratio))
                painter.restore()
                return
            painter.fillPath(clip, colours.placeholder)
            painter.setFont(small)
            painter.setPen(colours.muted)
            if self._images.needs_click(attachment.message_id, attachment.id, attachment.size):
                painter.setPen(colours.link)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, load_picture_label(attachment))
                return
            failed = self._images.attachment_failed(attachment.message_id, attachment.id)
            if not failed:
                on_loading(ImageCache.attachment_key(attachment.message_id, attachment.id))
            if failed:
                label = translate("BubblePainter", "Image unavailable")
            else:
                label = translate("BubblePainter", "Loading image…")
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
            return
        # A file box: a document glyph with the extension, the name, then size and actions.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colours.file)
        painter.drawRoundedRect(rect, 8, 8)
        glyph = QRectF(rect.left() + 6, rect.top() + 7, 30, rect.height() - 14)
        painter.setBrush(colours.file_glyph if not attachment.unavailable else colours.placeholder)
        painter.drawRoundedRect(glyph, 4, 4)
        painter.setFont(fonts.badge)
        painter.setPen(colours.file_glyph_text)
        painter.drawText(glyph, Qt.AlignmentFlag.AlignCenter, _extension_label(attachment))
        fm = QFontMetricsF(small)
        text_w = rect.width() - (FILE_TEXT_INDENT + 6)
        name_rect = QRectF(rect.left() + FILE_TEXT_INDENT, rect.top() + 6, text_w, fm.height())
        painter.setFont(fonts.bold_small)
        painter.setPen(colours.text)
        painter.drawText(
            name_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            _elide(painter, short_line(attachment.name), name_rect),
        )
        detail_rect = QRectF(rect.left() + FILE_TEXT_INDENT, name_rect.bottom() + 2, text_w, fm.height())
        painter.setFont(small)
        painter.setPen(colours.muted)
        if attachment.unavailable:
            detail = translate("BubblePainter", "Unavailable")
        elif not attachment.message_id:
            detail = human_size(attachment.size) or translate("BubblePainter", "Attached file")
        else:
            detail = human_size(attachment.size)
        if detail:
            painter.drawText(detail_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)

    def _thumb(self, attachment: AttachmentView, image: QImage, size: QSize, ratio: float) -> QPixmap:
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
            while len(self._thumbs) > THUMBS_KEPT:
                self._thumbs.popitem(last=False)
        return pixmap


def load_picture_label(attachment: AttachmentView) -> str:
    """ "Load picture (25 MB)": the placeholder of an image too large to download just for a thumbnail."""
    size = human_size(attachment.size)
    if size:
        return translate("BubblePainter", "Load picture ({size})").format(size=size)
    return translate("BubblePainter", "Load picture")


def _extension_label(attachment: AttachmentView) -> str:
    if attachment.kind in ("video", "audio"):
        if attachment.kind == "video":
            return translate("BubblePainter", "VID")  # a video's badge: three letters at most
        return translate("BubblePainter", "AUD")  # a sound's badge
    name = attachment.name
    if "." in name:
        ext = name.rsplit(".", 1)[1]
        if 0 < len(ext) <= 4 and ext.isalnum():
            return ext.upper()
    return translate("BubblePainter", "FILE")  # the badge of a file without an extension


def _elide(painter: QPainter, text: str, rect: QRectF) -> str:
    """``text`` elided to ``rect``'s width, as a bidi isolate (nothing inside reorders the ellipsis)."""
    return isolate(painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width())))
