"""Walk the QAccessible tree of a window, as a screen reader sees it, and list the controls it cannot name."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

MAX_NODES = 5000  # a list of 10,000 rows is not walked row by row: the first rows tell the same story


@dataclass(frozen=True, slots=True)
class Node:
    path: str  # "mainWindow/chatPanel/QLineEdit(chatFilter)"
    role: QAccessible.Role
    name: str
    description: str
    focusable: bool
    invisible: bool

    def __str__(self) -> str:
        return f"{self.path} [{self.role.name}]"


def _label(interface: QAccessibleInterface) -> str:
    target = interface.object()
    if target is None:
        return interface.role().name
    name = target.objectName()
    kind = type(target).__name__
    return f"{kind}({name})" if name else kind


def walk(widget: QWidget) -> Iterator[Node]:
    """Every node of ``widget``'s accessible tree, depth first, hidden ones flagged (at most MAX_NODES)."""
    root = QAccessible.queryAccessibleInterface(widget)
    assert root is not None and root.isValid(), f"no accessible interface for {widget!r}"
    stack: list[tuple[QAccessibleInterface, str]] = [(root, _label(root))]
    seen = 0
    while stack and seen < MAX_NODES:
        interface, path = stack.pop()
        seen += 1
        state = interface.state()
        yield Node(
            path,
            interface.role(),
            interface.text(QAccessible.Text.Name) or "",
            interface.text(QAccessible.Text.Description) or "",
            bool(state.focusable),
            bool(state.invisible),
        )
        children = []
        for i in range(interface.childCount()):
            child = interface.child(i)
            if child is not None and child.isValid():
                children.append((child, f"{path}/{_label(child)}"))
        stack.extend(reversed(children))


# Roles a screen reader reads the content of (the text a row holds, a cell's value) rather than a label.
_CONTENT_ROLES = {QAccessible.Role.ScrollBar, QAccessible.Role.Slider}


def says_something(name: str) -> bool:
    """A name a screen reader can say: "Account actions", not "", "⋯" or "✕" (a symbol is read as its Unicode name,
    when at all)."""
    return any(character.isalnum() for character in name)


def unnamed_controls(widget: QWidget) -> list[Node]:
    """The visible focusable controls of ``widget`` (and of everything in it) without a name that says something."""
    return [
        node
        for node in walk(widget)
        if node.focusable and not node.invisible and not says_something(node.name) and node.role not in _CONTENT_ROLES
    ]


def report(title: str, nodes: list[Node]) -> str:
    lines = "\n".join(f"  - {node}" for node in nodes)
    return f"{title}: {len(nodes)} focusable control(s) without an accessible name:\n{lines}"


INPUTS = (QAbstractSpinBox, QComboBox, QLineEdit, QTextEdit, QPlainTextEdit, QAbstractItemView)


def inputs_without_own_name(widget: QWidget) -> list[str]:
    """Input controls (fields, lists, boxes: no text of their own) under ``widget`` with no setAccessibleName: their
    name would otherwise be guessed from a label beside them, or be nothing."""
    found = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not isinstance(child, INPUTS) or not child.isVisibleTo(widget) or child.accessibleName().strip():
            continue
        if child.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(child.parent(), QComboBox | QAbstractSpinBox):
            continue  # a combo box's popup list, a spin box's own field: the box has the name
        found.append(f"{type(child).__name__}({child.objectName()}) in {type(child.window()).__name__}")
    return found
