"""What a message, a name or a preview becomes on screen: a bounded prefix, long runs broken, each piece a bidi isolate.

Qt-free on purpose. Qt's line breaking costs the square of an unbroken word's length (a 262,144-character word took
seconds, a 10 MB one minutes), and even ordinary words cost time and memory in proportion to the text. So a bubble
lays out at most ``SHOWN_CHARS`` characters on ``SHOWN_LINES`` lines, with a break opportunity (U+200B) at least
every ``RUN_CHARS`` characters of a run without one, and the whole text goes to a viewer that lays out line by line
(``viewer_text`` cuts it into lines of at most ``VIEWER_LINE_CHARS``). The stored text is never shortened.

A bidi control (U+202E RIGHT-TO-LEFT OVERRIDE…) in a customer's text can make a link read backwards and reorder what
is drawn after it. ``isolate`` makes a piece of text a bidi isolate that nothing inside can escape, and the bubble's
links show hidden characters as visible markers (``hidden_chars.reveal``).

Every function here scans its input with regular expressions or slices, never a Python loop per character, and never
a pattern that backtracks over a long run: a 10 MB message costs milliseconds.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from .hidden_chars import contains_hidden, reveal

# About 57 lines of a bubble at its widest (70 characters a line), two screens of reading: more belongs in the viewer.
# Laid out in under 10 ms even as one unbroken word; 80 lines keep a message of many short lines as bounded.
SHOWN_CHARS = 4000
SHOWN_LINES = 80
CUT_BACK_CHARS = 80  # a cut moves back to the last space when one is this close, so no word is cut in half
# A break opportunity at least this often in a run without one: Qt's cost is then linear in the text (a 1 MB word
# lays out in 0.7 s instead of minutes), and a line rarely ends short (one short line per 500 characters).
RUN_CHARS = 500
VIEWER_LINE_CHARS = 2000  # the viewer's longest line (one QTextBlock): laid out in about a millisecond
NAME_CHARS = 200  # a name, subject or file name: more than a line can show, elided after

FSI = "\u2068"  # FIRST STRONG ISOLATE: the text's own direction, whatever surrounds it
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE
ZWSP = "\u200b"  # ZERO WIDTH SPACE: a line may break here; nothing is drawn
ELLIPSIS = "…"

_EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF
_PDF = "\u202c"
_ISOLATES = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI
_EXPLICIT = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Characters that can change the order of what is around them: explicit controls and right-to-left letters.
_NEEDS_ISOLATION = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200f\u061c"
    "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_BREAKS = "\\s\u200b"  # what already lets a line break: whitespace and U+200B
# Characters no break may precede: they belong to the character before them (emoji sequences, variation selectors).
JOINERS = frozenset("\u200d\ufe0e\ufe0f")
_SPACE = re.compile(r"\s")


@dataclass(frozen=True, slots=True)
class ShownText:
    """What a bubble lays out for a message: ``text`` with ``links`` (start, end, real url) at its offsets."""

    text: str
    links: tuple[tuple[int, int, str], ...]
    cut: bool  # only the start is shown: the bubble offers the whole message


def bounded_prefix(text: str, max_chars: int = SHOWN_CHARS, max_lines: int = SHOWN_LINES) -> tuple[str, bool]:
    """The start of ``text`` that is shown: at most ``max_chars`` characters on ``max_lines`` lines, cut after a
    line or, near the limit, after a word. True when something was left out. Costs O(max_chars), whatever ``text``."""
    head = text[:max_chars]
    end = -1
    for _ in range(max_lines):
        end = head.find("\n", end + 1)
        if end < 0:
            break
    else:
        return head[:end].rstrip(), True
    if len(head) == len(text):
        return text, False
    space = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
    if space > 0 and len(head) - space <= CUT_BACK_CHARS:
        head = head[:space]
    return head.rstrip(), True


def short_line(text: str, limit: int = NAME_CHARS) -> str:
    """A name or a subject on one line, at most ``limit`` characters (the painter elides it to its room after)."""
    head = text[:limit]
    return head if head.isprintable() else " ".join(head.split())


@lru_cache(maxsize=8)
def _long_run(limit: int) -> re.Pattern[str]:
    # Only tried where a run starts (the look-behind), so a text of short words is scanned once, not word² times.
    return re.compile(f"(?<![^{_BREAKS}])[^{_BREAKS}]{{{limit + 1},}}")


def _run_breaks(text: str, limit: int) -> list[int]:
    """Where U+200B goes (before the character at each offset) so no run is longer than ``limit``; never before a
    combining mark or a joiner, which belong to the character before them (a break moves on past them)."""
    at: list[int] = []
    for match in _long_run(limit).finditer(text):
        offset = match.start() + limit
        while offset < match.end():
            while offset < match.end() and _clings(text[offset]):
                offset += 1
            if offset < match.end():
                at.append(offset)
            offset += limit
    return at


def _clings(char: str) -> bool:
    return char in JOINERS or unicodedata.combining(char) != 0


def _insert_breaks(text: str, at: list[int]) -> str:
    if not at:
        return text
    pieces = [text[: at[0]]]
    pieces.extend(text[a:b] for a, b in zip(at, [*at[1:], len(text)], strict=True))
    return ZWSP.join(pieces)


def break_long_runs(text: str, limit: int = RUN_CHARS) -> str:
    """``text`` with U+200B after every ``limit`` characters of a run with no break opportunity (whitespace or
    U+200B): the line breaker never searches more than ``limit`` characters back. Short words are unchanged."""
    return _insert_breaks(text, _run_breaks(text, limit))


def balance_bidi(text: str) -> str:
    """``text`` whose explicit bidi controls are all matched: a PDI or PDF that closes nothing opened in ``text`` is
    replaced by U+200B (it could close an isolate around it; a replacement, not a removal, so that every offset
    after it — a link's clickable span — still points at the same characters), and what stays open is closed at the
    end, innermost first."""
    if _EXPLICIT.search(text) is None:
        return text
    pieces: list[str] = []
    stack: list[str] = []  # the closers owed, innermost last
    last = 0
    for match in _EXPLICIT.finditer(text):
        char = match.group()
        keep = True
        if char in _EMBEDDINGS:
            stack.append(_PDF)
        elif char in _ISOLATES:
            stack.append(PDI)
        elif char == _PDF:
            keep = bool(stack) and stack[-1] == _PDF  # a PDF never closes across an isolate
            if keep:
                stack.pop()
        elif PDI in stack:  # a PDI closes its isolate and every embedding opened inside it
            while stack.pop() != PDI:
                pass
        else:
            keep = False
        if not keep:
            pieces.append(text[last : match.start()] + ZWSP)
            last = match.end()
    pieces.append(text[last:])
    pieces.extend(reversed(stack))
    return "".join(pieces)


def isolate(text: str) -> str:
    """``text`` as a bidi isolate (FSI … PDI): it takes its own direction and cannot reorder what is drawn after it,
    even with stray or unbalanced controls inside (``balance_bidi``)."""
    return FSI + balance_bidi(text) + PDI


def needs_isolation(text: str) -> bool:
    """Whether ``text`` holds a bidi control or a right-to-left letter: only such text can reorder its surroundings."""
    return _NEEDS_ISOLATION.search(text) is not None


def isolate_if_needed(text: str) -> str:
    """``isolate(text)`` when it could reorder its surroundings, else ``text`` as it is (plain left-to-right text is
    its own isolate already, and stays comparable and searchable)."""
    return isolate(text) if needs_isolation(text) else text


def reveal_links(text: str, links: Iterable[tuple[int, int, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    """``text`` with each link's hidden characters made visible ("⟨U+202E⟩"), and the links at their new offsets
    (the url stays the real one: opening it is the link handler's decision)."""
    pieces: list[str] = []
    moved: list[tuple[int, int, str]] = []
    last = 0
    length = 0
    for start, end, url in links:
        plain = text[last:start]
        label = text[start:end]
        label = reveal(label) if contains_hidden(label) else label
        pieces.extend((plain, label))
        length += len(plain)
        moved.append((length, length + len(label), url))
        length += len(label)
        last = end
    pieces.append(text[last:])
    return "".join(pieces), moved


def bubble_text(
    text: str,
    find_links: Callable[[str], Iterable[tuple[int, int, str]]],
    *,
    max_chars: int = SHOWN_CHARS,
    max_lines: int = SHOWN_LINES,
    run: int = RUN_CHARS,
) -> ShownText:
    """What a bubble lays out for a message's ``text``: its bounded prefix (an ellipsis when cut), links with hidden
    characters made visible, each line that could reorder others a balanced bidi isolate, and long runs broken.

    ``find_links`` gives (start, end, url) of the links in a text. A link the cut may have shortened is left out.
    """
    shown, cut = bounded_prefix(text, max_chars, max_lines)
    links = [
        (start, end, url)
        for start, end, url in find_links(shown)
        if not (cut and _SPACE.search(text, end, len(shown) + 1) is None)
    ]
    pieces: list[str] = []
    spans: list[tuple[int, int, str]] = []
    length = 0
    line_start = 0
    for line in shown.split("\n"):
        line_end = line_start + len(line)
        here = [(s - line_start, e - line_start, u) for s, e, u in links if line_start <= s < line_end]
        body, moved = reveal_links(line, here)
        # A line of plain left-to-right text is left as it is; one that could reorder its neighbours is isolated.
        # (QTextLayout sees the whole message as one paragraph, so an override would otherwise run on to its end.)
        isolated = needs_isolation(body)
        if isolated:
            body = isolate(body)
        offset = length + (1 if isolated else 0)
        spans.extend((offset + s, offset + e, u) for s, e, u in moved)
        pieces.append(body)
        length += len(body) + 1
        line_start = line_end + 1
    joined = "\n".join(pieces) + (ELLIPSIS if cut else "")
    at = _run_breaks(joined, run)
    final = tuple(
        (s + bisect.bisect_right(at, s), e + bisect.bisect_left(at, e), url) for s, e, url in spans
    )  # each U+200B before an offset moves it on by one
    return ShownText(_insert_breaks(joined, at), final, cut)


@lru_cache(maxsize=4)
def _long_line(limit: int) -> re.Pattern[str]:
    return re.compile(f"(?m)^[^\\n]{{{limit + 1},}}")


def viewer_text(text: str, limit: int = VIEWER_LINE_CHARS) -> str:
    """``text`` with every line longer than ``limit`` cut into lines of at most ``limit`` characters, after a space
    when there is one: a plain-text viewer then lays out one short block at a time. Shorter lines are unchanged."""
    pieces: list[str] = []
    last = 0
    for match in _long_line(limit).finditer(text):
        pieces.append(text[last : match.start()])
        start, end = match.span()
        while end - start > limit:
            space = text.rfind(" ", start, start + limit)
            cut = space + 1 if space > start else start + limit
            pieces.append(text[start:cut])
            pieces.append("\n")
            start = cut
        pieces.append(text[start:end])
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)
