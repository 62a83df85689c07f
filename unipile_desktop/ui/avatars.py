"""Paints round avatars: the picture when it is loaded, else initials on a colour that is stable per person."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath

from .format import initials
from .theme import current_theme


def avatar_colour(key: str) -> QColor:
    """The same colour for the same person in every run, from the theme's hues (deep in light, pale in dark)."""
    return current_theme().avatar_colour(key)


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
        theme = current_theme()
        painter.setBrush(theme.avatar_colour(key or name or "") if (name or key) else theme.avatar_pending)
        painter.drawPath(circle)
        if name:
            font = QFont(painter.font())
            font.setBold(True)
            font.setPixelSize(max(8, int(rect.height() * 0.38)))
            painter.setFont(font)
            painter.setPen(theme.avatar_text)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.restore()
