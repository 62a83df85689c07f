"""Characters that change how text reads without being seen (bidi controls, zero-width marks), and how to show them.

Qt-free on purpose: the bubble painter, the chat list, notifications and the link handler all ask the same question.
"""

from __future__ import annotations

# Bidirectional embeddings, overrides and isolates, and the marks that steer the bidi algorithm.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
    "\u200e\u200f\u061c"  # LRM RLM ALM
)
# Characters with no glyph of their own: harmless in prose (ZWJ builds emoji), deceptive in an address.
INVISIBLE = frozenset(
    "\u200b\u200c\u200d"  # zero width space, non-joiner, joiner
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\ufeff\u00ad\u180e\u034f"  # BOM, soft hyphen, Mongolian vowel separator, combining grapheme joiner
)
HIDDEN = BIDI_CONTROLS | INVISIBLE


def contains_hidden(text: str) -> bool:
    """True when ``text`` holds a bidi control or an invisible character."""
    return not HIDDEN.isdisjoint(text)


def reveal(text: str) -> str:
    """``text`` with each hidden character replaced by a visible code point marker such as "⟨U+202E⟩"."""
    if not contains_hidden(text):
        return text
    return "".join(f"⟨U+{ord(char):04X}⟩" if char in HIDDEN else char for char in text)
