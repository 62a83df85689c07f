"""One registry of keyboard shortcuts: menus, tooltips and the cheat sheet all read it, so they cannot disagree.

Keys are written the portable way (``QKeySequence`` standard keys or "Ctrl+…" strings): Qt shows and matches Ctrl
as Cmd on macOS.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence

KeySpec = QKeySequence.StandardKey | str


@dataclass(frozen=True, slots=True)
class Shortcut:
    id: str
    title: str  # what the key does, as the cheat sheet lists it
    keys: tuple[KeySpec, ...]
    section: str  # the cheat sheet's heading

    def sequences(self) -> list[QKeySequence]:
        found: list[QKeySequence] = []
        for key in self.keys:
            if isinstance(key, QKeySequence.StandardKey):
                found.extend(QKeySequence.keyBindings(key))
            else:
                found.append(QKeySequence(key))
        return [sequence for sequence in found if not sequence.isEmpty()]

    def text(self) -> str:
        """The keys as this platform writes them ("Ctrl+K", "⌘K"), alternatives joined by " or " (of a standard key,
        only its main binding: "Ctrl+N", not also the dedicated New key some keyboards have)."""
        shown: list[QKeySequence] = []
        for key in self.keys:
            if isinstance(key, QKeySequence.StandardKey):
                bindings = QKeySequence.keyBindings(key)
                shown.extend(bindings[:1])
            else:
                shown.append(QKeySequence(key))
        names = (s.toString(QKeySequence.SequenceFormat.NativeText) for s in shown if not s.isEmpty())
        return " or ".join(dict.fromkeys(names))


CHATS = "Chats"
CONVERSATION = "Conversation"
FIND = "Find"
APP = "Application"

SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("new_chat", "New chat", (QKeySequence.StandardKey.New,), CHATS),
    Shortcut("quick_switcher", "Go to a chat or command", ("Ctrl+K",), CHATS),
    Shortcut("previous_chat", "Previous chat in the list", ("Alt+Up",), CHATS),
    Shortcut("next_chat", "Next chat in the list", ("Alt+Down",), CHATS),
    Shortcut("next_waiting", "Next waiting chat (longest wait first)", ("Ctrl+Alt+Down",), CHATS),
    Shortcut("mark_done", "Mark done", ("Ctrl+E",), CHATS),
    Shortcut("mark_unread", "Mark unread", ("Ctrl+Shift+U",), CHATS),
    Shortcut("back_to_list", "Back to the chat list", ("Esc",), CHATS),
    Shortcut(
        "canned_reply", "Insert a canned reply (or type / at the start of a line)", ("Ctrl+Shift+R",), CONVERSATION
    ),
    Shortcut("send", "Send", ("Enter",), CONVERSATION),
    Shortcut("new_line", "New line in the message", ("Shift+Enter",), CONVERSATION),
    Shortcut("filter_chats", "Filter the chat list", (QKeySequence.StandardKey.Find,), FIND),
    Shortcut("search_messages", "Search messages on this computer", ("Ctrl+Shift+F",), FIND),
    Shortcut("refresh", "Refresh", (QKeySequence.StandardKey.Refresh,), APP),
    Shortcut("cheat_sheet", "Keyboard shortcuts", ("F1", "Ctrl+/"), APP),
    Shortcut("quit", "Quit", ("Ctrl+Q",), APP),
)
ACTION_PROPERTY = "shortcutId"
_BY_ID = {shortcut.id: shortcut for shortcut in SHORTCUTS}


def shortcut(shortcut_id: str) -> Shortcut:
    return _BY_ID[shortcut_id]


def apply(action: QAction, shortcut_id: str) -> QAction:
    """Give ``action`` the registry's keys and a tooltip that names them; returns it."""
    entry = _BY_ID[shortcut_id]
    action.setShortcuts(entry.sequences())
    action.setProperty(ACTION_PROPERTY, shortcut_id)  # which entry it shows, for the test that walks the menus
    base = action.toolTip() if action.toolTip() and action.toolTip() != action.text().replace("&", "") else entry.title
    keys = entry.text()
    action.setToolTip(f"{base} ({keys})" if keys else base)
    return action


def tooltip(shortcut_id: str, text: str | None = None) -> str:
    """A tooltip for a button that triggers the shortcut's action: "Mark done (Ctrl+E)"."""
    entry = _BY_ID[shortcut_id]
    keys = entry.text()
    base = text or entry.title
    return f"{base} ({keys})" if keys else base


def cheat_sheet() -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(keys, title)…]) in the registry's order, for the cheat sheet."""
    sections: dict[str, list[tuple[str, str]]] = {}
    for entry in SHORTCUTS:
        sections.setdefault(entry.section, []).append((entry.text(), entry.title))
    return list(sections.items())
