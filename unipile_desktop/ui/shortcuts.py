"""One registry of keyboard shortcuts: menus, tooltips and the cheat sheet all read it, so they cannot disagree.

Keys are written the portable way (``QKeySequence`` standard keys or "Ctrl+…" strings): Qt shows and matches Ctrl
as Cmd on macOS.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence

from ..texts import QT_TRANSLATE_NOOP, translate

KeySpec = QKeySequence.StandardKey | str


@dataclass(frozen=True, slots=True)
class Shortcut:
    id: str
    title: str  # what the key does, as the cheat sheet lists it (the English source: see ``shown_title``)
    keys: tuple[KeySpec, ...]
    section: str  # the cheat sheet's heading (the English source: see ``shown_section``)

    @property
    def shown_title(self) -> str:
        """The title in the agent's language."""
        return translate("Shortcuts", self.title)

    @property
    def shown_section(self) -> str:
        return translate("Shortcuts", self.section)

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
        native = (s.toString(QKeySequence.SequenceFormat.NativeText) for s in shown if not s.isEmpty())
        names = list(dict.fromkeys(native))
        text = names[0] if names else ""
        for name in names[1:]:
            text = translate("Shortcuts", "{keys} or {key}").format(keys=text, key=name)  # "F1 or Ctrl+/"
        return text


CHATS = QT_TRANSLATE_NOOP("Shortcuts", "Chats")
CONVERSATION = QT_TRANSLATE_NOOP("Shortcuts", "Conversation")
FIND = QT_TRANSLATE_NOOP("Shortcuts", "Find")
APP = QT_TRANSLATE_NOOP("Shortcuts", "Application")

SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("new_chat", QT_TRANSLATE_NOOP("Shortcuts", "New chat"), (QKeySequence.StandardKey.New,), CHATS),
    Shortcut("quick_switcher", QT_TRANSLATE_NOOP("Shortcuts", "Go to a chat or command"), ("Ctrl+K",), CHATS),
    Shortcut("previous_chat", QT_TRANSLATE_NOOP("Shortcuts", "Previous chat in the list"), ("Alt+Up",), CHATS),
    Shortcut("next_chat", QT_TRANSLATE_NOOP("Shortcuts", "Next chat in the list"), ("Alt+Down",), CHATS),
    Shortcut(
        "next_waiting",
        QT_TRANSLATE_NOOP("Shortcuts", "Next waiting chat (longest wait first)"),
        ("Ctrl+Alt+Down",),
        CHATS,
    ),
    Shortcut("mark_done", QT_TRANSLATE_NOOP("Shortcuts", "Mark done"), ("Ctrl+E",), CHATS),
    Shortcut("mark_unread", QT_TRANSLATE_NOOP("Shortcuts", "Mark unread"), ("Ctrl+Shift+U",), CHATS),
    Shortcut("back_to_list", QT_TRANSLATE_NOOP("Shortcuts", "Back to the chat list"), ("Esc",), CHATS),
    Shortcut(
        "canned_reply",
        QT_TRANSLATE_NOOP("Shortcuts", "Insert a canned reply (or type / at the start of a line)"),
        ("Ctrl+Shift+R",),
        CONVERSATION,
    ),
    Shortcut(
        # Alt+R: no menu of the window has R as its Alt letter, and Ctrl+R is Refresh on some platforms.
        "reply",
        QT_TRANSLATE_NOOP("Shortcuts", "Reply to the selected message (or the newest from the customer)"),
        ("Alt+R",),
        CONVERSATION,
    ),
    Shortcut(
        "customer_card", QT_TRANSLATE_NOOP("Shortcuts", "Show or hide the customer's card"), ("Ctrl+I",), CONVERSATION
    ),
    Shortcut("send", QT_TRANSLATE_NOOP("Shortcuts", "Send"), ("Enter",), CONVERSATION),
    Shortcut("new_line", QT_TRANSLATE_NOOP("Shortcuts", "New line in the message"), ("Shift+Enter",), CONVERSATION),
    Shortcut(
        "filter_chats", QT_TRANSLATE_NOOP("Shortcuts", "Filter the chat list"), (QKeySequence.StandardKey.Find,), FIND
    ),
    Shortcut(
        "search_messages", QT_TRANSLATE_NOOP("Shortcuts", "Search messages on this computer"), ("Ctrl+Shift+F",), FIND
    ),
    Shortcut("refresh", QT_TRANSLATE_NOOP("Shortcuts", "Refresh"), (QKeySequence.StandardKey.Refresh,), APP),
    Shortcut("cheat_sheet", QT_TRANSLATE_NOOP("Shortcuts", "Keyboard shortcuts"), ("F1", "Ctrl+/"), APP),
    Shortcut("quit", QT_TRANSLATE_NOOP("Shortcuts", "Quit"), ("Ctrl+Q",), APP),
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
    own = action.toolTip()
    base = own if own and own != action.text().replace("&", "") else entry.shown_title
    action.setToolTip(_with_keys(base, entry.text()))
    return action


def _with_keys(text: str, keys: str) -> str:
    """ "Mark done (Ctrl+E)"; ``text`` alone when the platform has no key for it."""
    return translate("Shortcuts", "{action} ({keys})").format(action=text, keys=keys) if keys else text


def tooltip(shortcut_id: str, text: str | None = None) -> str:
    """A tooltip for a button that triggers the shortcut's action: "Mark done (Ctrl+E)"."""
    entry = _BY_ID[shortcut_id]
    return _with_keys(text or entry.shown_title, entry.text())


def cheat_sheet() -> list[tuple[str, list[tuple[str, str]]]]:
    """(section, [(keys, title)…]) in the registry's order and the agent's language, for the cheat sheet."""
    sections: dict[str, list[tuple[str, str]]] = {}
    for entry in SHORTCUTS:
        sections.setdefault(entry.shown_section, []).append((entry.text(), entry.shown_title))
    return list(sections.items())
