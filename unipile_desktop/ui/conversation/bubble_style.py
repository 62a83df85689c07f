"""The message bubbles' look in one place: sizes and margins, fonts, colours."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont

# ------------------------------------------------------------------------------------------------ sizes (pixels)

SIDE_MARGIN = 14
ROW_PAD = 3
SENDER_ROW_EXTRA = 4  # a bubble that names its sender sits a little lower, apart from the bubble above
BUBBLE_PAD_X = 11
BUBBLE_PAD_Y = 7
BUBBLE_RADIUS = 12
MIN_BUBBLE_WIDTH = 160
MAX_BUBBLE_WIDTH = 520  # about 70 characters of text a line: longer lines are hard to follow
BUBBLE_WIDTH_SHARE = 0.70
MIN_INNER_WIDTH = 40.0  # the narrowest a bubble's content gets, however short its text
THREAD_MAX_WIDTH = 960  # on wide windows the thread is a centred column, not two far-apart edges
THUMB_MAX_W = 260
THUMB_MAX_H = 240
THUMB_MIN_SIDE = 56
FILE_BOX_W = 280.0
FILE_BOX_H = 46
FILE_TEXT_INDENT = 44  # the file's name, size and links start right of its document glyph
FILE_LINK_SPACING = 12
GAP = 6
META_SPACING = 10  # between the last line of text and the time written on the same line
QUOTE_MAX_LINES = 3
QUOTE_INDENT = 10  # the quoted text starts right of the quote's bar
QUOTE_INSET = 14  # the quoted text's width is the bubble's less this
REACTION_PAD = 16  # a reaction pill's width beyond its label
REACTION_SPACING = 4
BUTTON_PAD = 20  # a button's width beyond its label
BUTTON_SPACING = 6
CENTERED_MAX_WIDTH = 480  # day separators and event lines
CENTERED_PAD = 24  # a day separator's pill is this much wider than its text

# ------------------------------------------------------------------------------------------------ fonts


@dataclass(frozen=True, slots=True)
class BubbleFonts:
    """The fonts of a row, all derived from the view's font."""

    base: QFont  # message text
    small: QFont  # time, quotes, reactions, state words, buttons, day separators
    bold: QFont  # subject
    bold_small: QFont  # sender, quoted sender, file name, primary buttons
    badge: QFont  # the extension on a file's glyph


def bubble_fonts(view_font: QFont) -> BubbleFonts:
    base = QFont(view_font)
    small = QFont(base)
    small.setPointSizeF(max(7.0, base.pointSizeF() * 0.86))
    bold = QFont(base)
    bold.setWeight(QFont.Weight.DemiBold)
    bold_small = QFont(small)
    bold_small.setWeight(QFont.Weight.DemiBold)
    badge = QFont(small)
    badge.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
    badge.setWeight(QFont.Weight.Bold)
    return BubbleFonts(base=base, small=small, bold=bold, bold_small=bold_small, badge=badge)


# ------------------------------------------------------------------------------------------------ colours

# The bubbles' colours are the theme's (ui/theme.py: current_theme().bubbles), one set per colour scheme.
