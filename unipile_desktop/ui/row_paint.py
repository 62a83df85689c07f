"""What every custom list row paints first: the style's own background (selection, hover, focus) and the two text
colours of the theme for the row's state, so each delegate only draws its own text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .theme import current_theme


def paint_row_background(
    delegate: QStyledItemDelegate,
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
) -> None:
    """The style's item background for the row, without its text, so themes and focus rectangles stay native."""
    style = option.widget.style() if option.widget is not None else None
    if style is None:
        return
    background = QStyleOptionViewItem(option)
    delegate.initStyleOption(background, index)
    background.text = ""
    background.palette.setColor(QPalette.ColorRole.Highlight, current_theme().selection)  # readable under its text
    style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, background, painter, option.widget)


def row_colours(option: QStyleOptionViewItem) -> tuple[QColor, QColor]:
    """(text, muted text) for the row: the theme's selected-row colours when selected, else its row colours."""
    theme = current_theme()
    if option.state & QStyle.StateFlag.State_Selected:
        return theme.selection_text, theme.selection_secondary_text
    return theme.text, theme.row_secondary_text
