"""Text a server sent, made fit for a label: capped in length and breakable anywhere, so it cannot widen a window.

A word-wrapped QLabel asks for the width of its longest unbreakable run: a 600-character token in an error's
``detail`` once made the window 5,734 px wide. ``breakable`` inserts zero-width spaces (U+200B, a line-break
opportunity that draws nothing) into long runs; ``capped`` shortens what is shown, the full text going to the log and
to a "Details" view.
"""

from __future__ import annotations

import logging
import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ..engine.display_text import JOINERS, break_long_runs

log = logging.getLogger(__name__)

MAX_SHOWN_CHARACTERS = 300
# A run longer than this gets a break opportunity every as many characters: short enough for a narrow banner.
BREAK_EVERY = 40
ZERO_WIDTH_SPACE = "\u200b"
ELLIPSIS = "…"


def capped(text: str, limit: int = MAX_SHOWN_CHARACTERS) -> str:
    """``text`` cut to at most ``limit`` characters, ending with "…" when something was cut."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    while cut and (unicodedata.combining(cut[-1]) or cut[-1] in JOINERS):
        cut = cut[:-1]  # do not leave an accent or a joiner without what it joins
    return cut.rstrip() + ELLIPSIS


def breakable(text: str, every: int = BREAK_EVERY) -> str:
    """``text`` with a zero-width space after every ``every`` characters of a run without white space."""
    return break_long_runs(text, every)


def shown(text: str, limit: int = MAX_SHOWN_CHARACTERS) -> str:
    """What a label shows of server text: capped, then breakable anywhere."""
    return breakable(capped(text, limit))


DETAILS_MAX_CHARACTERS = 20_000  # the Details window and the log: a server's 1 MB error must not freeze or flood either


def for_details(text: str) -> str:
    """``text`` for the Details window or the log: at most ``DETAILS_MAX_CHARACTERS``, long runs breakable."""
    kept = text if len(text) <= DETAILS_MAX_CHARACTERS else text[:DETAILS_MAX_CHARACTERS] + "…"
    return break_long_runs(kept)


def is_capped(text: str, limit: int = MAX_SHOWN_CHARACTERS) -> bool:
    """Whether ``shown`` leaves part of ``text`` out (then offer the full text as details)."""
    return len(text) > limit


def set_server_text(label: QLabel, text: str) -> bool:
    """Show ``text`` in ``label`` as plain text, capped and wrapping anywhere; returns whether it was cut.

    What was cut is written to the log whole, so support can read it; banners also offer it behind "Details…".
    """
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(shown(text))
    cut = is_capped(text)
    if cut:
        name = label.objectName() or "message"
        log.warning("%s (shown cut to %d characters): %s", name, MAX_SHOWN_CHARACTERS, for_details(text))
    return cut
