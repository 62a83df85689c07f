"""The whole text of one message in a plain-text viewer: read-only, selectable, laid out only where it is shown.

A bubble shows at most the start of a message (engine.display_text); this window shows all of it, however long. A
QPlainTextEdit lays out one block (line) at a time as it scrolls, so a 10 MB message opens in a fraction of a second
once no single line is huge: lines longer than VIEWER_LINE_CHARS are shown cut into several (``viewer_text``).
"Copy all" copies the message exactly as it was written, cuts or not. Plain text only, never rich text.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication, QTextOption
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...core.message_list import MessageRow
from ...engine.display_text import VIEWER_LINE_CHARS, short_line, viewer_text
from ...engine.hidden_chars import BIDI_CONTROLS
from ...texts import QT_TRANSLATE_NOOP, translate
from ..format import clock_time

CUT_NOTE = QT_TRANSLATE_NOOP(
    "WholeMessage",
    "Lines longer than {count} characters are shown on several lines. Copy all copies the message exactly as written.",
)


class WholeMessageDialog(QDialog):
    """A modeless window with one message's whole text (``open_whole_message`` builds and shows it)."""

    def __init__(self, row: MessageRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_text_popup")
        self._text = row.text
        # A window title is drawn by the desktop, outside any isolate: bidi controls in a name are left out of it.
        name = "".join(char for char in short_line(row.sender_name, 80) if char not in BIDI_CONTROLS)
        who = translate("WholeMessage", "You") if row.outgoing else (name or translate("WholeMessage", "Message"))
        self.setWindowTitle(f"{who} · {clock_time(row.timestamp)}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("whole_message_text")
        self.editor.setAccessibleName(translate("WholeMessage", "Message text"))
        self.editor.setUndoRedoEnabled(False)  # a 10 MB undo step is memory for nothing
        self.editor.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        shown = viewer_text(row.text)
        self.editor.setPlainText(shown)
        self.editor.setReadOnly(True)
        self.editor.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        layout.addWidget(self.editor)
        self.note: QLabel | None = None
        if shown is not row.text:
            cut_note = translate("WholeMessage", CUT_NOTE).format(count=QLocale().toString(VIEWER_LINE_CHARS))
            self.note = QLabel(cut_note, self)
            self.note.setObjectName("whole_message_note")
            self.note.setTextFormat(Qt.TextFormat.PlainText)
            self.note.setWordWrap(True)
            layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton(translate("WholeMessage", "Copy all"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.setObjectName("whole_message_copy")
        copy.clicked.connect(self.copy_all)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(560, 420)

    @property
    def text(self) -> str:
        return self._text

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self._text)


def open_whole_message(row: MessageRow, parent: QWidget | None, *, select_all: bool = False) -> WholeMessageDialog:
    """Show ``row``'s whole text in a new viewer (modeless: never a nested event loop); ``select_all`` selects it."""
    dialog = WholeMessageDialog(row, parent)
    if select_all:
        dialog.editor.selectAll()
    dialog.show()
    return dialog
