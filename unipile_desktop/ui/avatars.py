"""Paints round avatars: the picture when it is loaded, else initials on a colour that is stable per person."""

from __future__ import annotations

import zlib

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath

from .format import initials

# Mid-tone colours that keep white initials readable.
_PALETTE = (
    "#e57373",
    "#f06292",
    "#ba68c8",
    "#9575cd",
    "#7986cb",
    "#4f8fd6",
    "#3fa7c4",
    "#4db6ac",
    "#5fae63",
    "#9ab24a",
    "#e0a030",
    "#f08a50",
    "#a1887f",
    "#78909c",
)
PENDING_COLOUR = "#c9ced6"


def avatar_colour(key: str) -> QColor:
    """The same colour for the same person in every run (``hash()`` is salted per process, crc32 is not)."""
    return QColor(_PALETTE[zlib.crc32(key.encode("utf-8")) % len(_PALETTE)])


def paint_avatar(painter: QPainter, rect: QRect, image: QImage | None, name: str | None, key: str | None) -> None:
    """A circle: the picture cropped to fill it, or initials on the person's colour (grey while unknown)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    circle = QPainterPath()
    circle.addEllipse(QRectF(rect))
    if image is not None and not image.isNull():
        painter.setClipPath(circle)
        side = min(image.width(), image.height())
        source = QRect((image.width() - side) // 2, (image.height() - side) // 2, side, side)
        painter.drawImage(rect, image, source)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(avatar_colour(key or name or "") if (name or key) else QColor(PENDING_COLOUR))
        painter.drawPath(circle)
        if name:
            font = QFont(painter.font())
            font.setBold(True)
            font.setPixelSize(max(8, int(rect.height() * 0.38)))
            painter.setFont(font)
            painter.setPen(QColor("white"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.restore()
