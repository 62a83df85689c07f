"""Finds visible text that escaped translation, under the pseudo-translation (ui/i18n.py's ``PseudoTranslator``).

Under it every string that went through ``translate()`` (or Qt's own translated texts) reads ``⟦…⟧``. Whatever text
with letters is left outside the brackets, once key names, brand names and the server's own data are set aside, is a
sentence that did not go through the translation system: it would stay English in French and German.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from unipile_desktop.ui.i18n import LANGUAGES, PSEUDO_CLOSE, PSEUDO_OPEN

# Innermost first: a translated pattern may hold translated parts ("⟦⟦F1⟧ or ⟦Ctrl+/⟧⟧").
_WRAPPED = re.compile(re.escape(PSEUDO_OPEN) + r"[^" + PSEUDO_OPEN + PSEUDO_CLOSE + r"]*" + re.escape(PSEUDO_CLOSE))
_TAGS = re.compile(r"<[^>]*>|&[a-z]+;")  # rich-text labels: the markup is not text
# Key names in shortcuts shown beside translated words ("⟦New chat⟧ (Ctrl+N)"): QKeySequence prints them itself.
_KEYS = re.compile(
    r"\b(Ctrl|Shift|Alt|Meta|Cmd|Esc|Enter|Return|Tab|Del|Delete|Backspace|Home|End|PgUp|PgDown|Up|Down|Left|Right|"
    r"Space|Ins|F\d{1,2})\b"
)
# Names that are the same in every language: the product, the networks, each language's own name.
UNTRANSLATABLE = {
    "Unipile",
    "Unipile Desktop",
    "LinkedIn",
    "WhatsApp",
    "Instagram",
    "Messenger",
    "Telegram",
    "InMail",
    "Recruiter",
    "Sales Navigator",
    *LANGUAGES.values(),
}


_HOSTS = re.compile(r"\b[\w-]+(\.[\w-]+)+\.[a-z]{2,}(:\d+)?\b")  # example addresses: not words of a language
_ELIDED = re.compile(r"[^\s·⟦⟧—,:][^·⟦⟧—]*…")


def _drop_elided(text: str, data: set[str]) -> str:
    """Names the app cut to fit ("Zoë …", "Acme Sup…") are the server's data too."""

    def replace(match: re.Match[str]) -> str:
        stem = match.group(0).rstrip("…").strip()
        return " " if stem and any(value.startswith(stem) for value in data) else match.group(0)

    return _ELIDED.sub(replace, text)


def leftover(text: str, data: set[str]) -> str:
    """What of ``text`` is neither wrapped, markup, keys, names, digits and punctuation, nor the server's data."""
    rest = _HOSTS.sub(" ", _drop_elided(_TAGS.sub(" ", text), data))
    while True:
        unwrapped = _WRAPPED.sub(" ", rest)
        if unwrapped == rest:
            break
        rest = unwrapped
    for value in sorted(data | UNTRANSLATABLE, key=len, reverse=True):
        if value and value in rest:
            rest = rest.replace(value, " ")
    rest = _KEYS.sub(" ", rest)
    letters = "".join(ch for ch in rest if ch.isalpha())
    return rest.strip() if len(letters) >= 2 else ""


def _widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    if widget.isWindow():
        yield "window title", widget.windowTitle()
    yield "tool tip", widget.toolTip()
    yield "status tip", widget.statusTip()
    yield "what's this", widget.whatsThis()
    yield "accessible name", widget.accessibleName()
    yield "accessible description", widget.accessibleDescription()
    if isinstance(widget, QAbstractButton | QLabel):
        yield "text", widget.text()
    if isinstance(widget, QGroupBox):
        yield "title", widget.title()
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        yield "placeholder", widget.placeholderText()
    if isinstance(widget, QComboBox):
        for index in range(widget.count()):
            yield f"item {index}", widget.itemText(index)
    if isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            yield f"tab {index}", widget.tabText(index)
    if isinstance(widget, QMenu):
        yield "menu title", widget.title()


def _action_texts(action: QAction) -> Iterator[tuple[str, str]]:
    yield "action", action.text()
    yield "action tool tip", action.toolTip()
    yield "action status tip", action.statusTip()


def _actions(widget: QWidget) -> Iterator[tuple[str, QAction]]:
    seen: set[int] = set()

    def visit(owner: str, actions: Iterable[QAction]) -> Iterator[tuple[str, QAction]]:
        for action in actions:
            if id(action) in seen or action.isSeparator():
                continue
            seen.add(id(action))
            yield owner, action
            menu = action.menu()
            if isinstance(menu, QMenu):
                yield from visit(f"{owner} › {menu.title()}", menu.actions())

    yield from visit(type(widget).__name__, widget.actions())
    for child in widget.findChildren(QWidget):
        yield from visit(type(child).__name__, child.actions())


def escaped_texts(root: QWidget, data: set[str], *, visible_only: bool = True) -> list[str]:
    """Each text of ``root``, its children, their actions and menus, that escaped translation, with where it is."""
    found: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if visible_only and not widget.isVisibleTo(root) and widget is not root and not isinstance(widget, QMenu):
            continue
        for kind, text in _widget_texts(widget):
            rest = leftover(text, data) if text else ""
            if rest:
                name = widget.objectName() or type(widget).__name__
                found.append(f"{type(root).__name__} › {name} {kind}: {text!r} (unwrapped: {rest!r})")
    for owner, action in _actions(root):
        if not action.isVisible():
            continue
        for kind, text in _action_texts(action):
            # Qt copies an action's text into its tool tip when none is set: the same text, reported once.
            if kind != "action" and text == action.text().replace("&", ""):
                continue
            rest = leftover(text, data) if text else ""
            if rest:
                found.append(f"{type(root).__name__} › {owner} {kind}: {text!r} (unwrapped: {rest!r})")
    return found
