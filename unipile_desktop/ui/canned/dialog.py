"""The Canned replies window: the list in the agent's order, an editor, import/export and the agent's name."""

from __future__ import annotations

import pathlib

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...engine.canned import VARIABLE_HELP
from ...store.canned import (
    AGENT_NAME_KEY,
    MAX_SHORTCUT_CHARS,
    MAX_TITLE_CHARS,
    CannedReplyError,
    CannedReplyTable,
)
from ...store.marks import PreferenceTable
from ...texts import translate
from ..theme import colour_style, set_themed_style
from .model import CannedReplyDelegate, CannedReplyModel

MAX_IMPORT_BYTES = 2 * 1024 * 1024


def _variable_meanings() -> dict[str, str]:
    """VARIABLE_HELP in the agent's language (the engine's table is English; a variable missing here keeps it)."""
    return {
        "first_name": translate("CannedReplies", "the customer's first name (in a one-to-one chat)"),
        "name": translate("CannedReplies", "the customer's full name (in a one-to-one chat)"),
        "account_name": translate("CannedReplies", "the name of the account the chat belongs to"),
        "agent_name": translate("CannedReplies", "your name, as set in the canned replies window"),
        "date": translate("CannedReplies", "today's date, written the short way for your language"),
    }


def variables_help() -> str:
    meanings = _variable_meanings()
    lines = [
        translate("CannedReplies", "{{{variable}}}: {meaning}").format(
            variable=name, meaning=meanings.get(name, meaning)
        )
        for name, meaning in VARIABLE_HELP.items()
    ]
    lines.append(
        translate(
            "CannedReplies",
            "{{ and }} write a brace. A variable without a value stays marked in the message to fill in.",
        )
    )
    return "\n".join(lines)


class CannedRepliesDialog(QDialog):
    """Non-modal (``show()``); ``replies_changed`` after every stored change."""

    replies_changed = Signal()

    def __init__(self, table: CannedReplyTable, preferences: PreferenceTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canned_replies_dialog")
        self.setWindowTitle(translate("CannedReplies", "Canned replies"))
        self.table = table
        self.preferences = preferences
        self._editing_id: str | None = None  # None: a new reply not stored yet
        self._reverting = False
        self.confirm_box: QMessageBox | None = None
        self.file_dialog: QFileDialog | None = None

        self.model = CannedReplyModel(self)
        self.view = QListView(self)
        self.view.setObjectName("canned_list")
        self.view.setAccessibleName(translate("CannedReplies", "Canned replies"))
        self.view.setAccessibleDescription(translate("CannedReplies", "Select a reply to edit it"))
        self.view.setModel(self.model)
        self.view.setItemDelegate(CannedReplyDelegate(self.view))
        self.view.selectionModel().selectionChanged.connect(self.on_selection_changed)

        self.new_button = QPushButton(translate("CannedReplies", "New"), self)
        self.delete_button = QPushButton(translate("CannedReplies", "Delete…"), self)
        self.up_button = QPushButton(translate("CannedReplies", "Move up"), self)
        self.down_button = QPushButton(translate("CannedReplies", "Move down"), self)
        self.new_button.clicked.connect(self.new_reply)
        self.delete_button.clicked.connect(self.confirm_delete)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        list_buttons = QHBoxLayout()
        for button in (self.new_button, self.delete_button, self.up_button, self.down_button):
            list_buttons.addWidget(button)

        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("canned_title")
        self.title_edit.setMaxLength(MAX_TITLE_CHARS)
        self.title_edit.setAccessibleName(translate("CannedReplies", "Title"))
        self.shortcut_edit = QLineEdit(self)
        self.shortcut_edit.setObjectName("canned_shortcut")
        self.shortcut_edit.setMaxLength(MAX_SHORTCUT_CHARS + 1)
        self.shortcut_edit.setPlaceholderText(translate("CannedReplies", "one word, typed after / in a message"))
        self.shortcut_edit.setAccessibleName(translate("CannedReplies", "Shortcut word"))
        self.shortcut_edit.setAccessibleDescription(
            translate("CannedReplies", "One word; typing / and the word in a message inserts the reply")
        )
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setObjectName("canned_text")
        self.body_edit.setTabChangesFocus(True)
        # Shown as is (never .format()-ed): the braces are the variable's, a translation keeps {first_name}.
        self.body_edit.setPlaceholderText(translate("CannedReplies", "Hello {first_name}, …"))
        self.body_edit.setAccessibleName(translate("CannedReplies", "Text"))
        self.body_edit.setAccessibleDescription(
            translate("CannedReplies", "The reply; variables in braces are filled in when it is inserted")
        )
        self.save_button = QPushButton(translate("CannedReplies", "Save"), self)
        self.save_button.setObjectName("canned_save")
        self.save_button.clicked.connect(self.save_current)
        self.agent_name_edit = QLineEdit(self)
        self.agent_name_edit.setObjectName("canned_agent_name")
        self.agent_name_edit.setText(str(preferences.get(AGENT_NAME_KEY, "") or ""))
        self.agent_name_edit.setAccessibleName(translate("CannedReplies", "Your name"))
        self.agent_name_edit.setAccessibleDescription(
            translate("CannedReplies", "Fills the {agent_name} variable of every reply")  # literal braces: no format
        )
        self.agent_name_edit.editingFinished.connect(self.save_agent_name)

        form = QFormLayout()
        form.addRow(translate("CannedReplies", "&Title"), self.title_edit)
        form.addRow(translate("CannedReplies", "&Shortcut word"), self.shortcut_edit)
        form.addRow(translate("CannedReplies", "Te&xt"), self.body_edit)
        form.addRow("", self.save_button)
        form.addRow(translate("CannedReplies", "Your &name ({agent_name})"), self.agent_name_edit)
        self.help_label = QLabel(variables_help(), self)
        self.help_label.setTextFormat(Qt.TextFormat.PlainText)
        self.help_label.setWordWrap(True)
        set_themed_style(self.help_label, colour_style("secondary_text"))

        self.status_label = QLabel(self)
        self.status_label.setObjectName("canned_status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)

        self.import_button = QPushButton(translate("CannedReplies", "Import…"), self)
        self.export_button = QPushButton(translate("CannedReplies", "Export…"), self)
        self.close_button = QPushButton(translate("CannedReplies", "Close"), self)
        self.import_button.clicked.connect(self.choose_import_file)
        self.export_button.clicked.connect(self.choose_export_file)
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        left = QVBoxLayout()
        left.addWidget(self.view, 1)
        left.addLayout(list_buttons)
        right = QVBoxLayout()
        right.addLayout(form, 1)
        right.addWidget(self.help_label)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(bottom)
        self.resize(820, 480)
        self.reload()
        if self.model.rowCount():
            self.select_row(0)
        else:
            self.new_reply()

    # ------------------------------------------------------------------------------------------ list

    def reload(self, select_id: str | None = None) -> None:
        self._reverting = True
        try:
            self.model.set_replies(self.table.list())
            row = self.model.row_of(select_id) if select_id else -1
            if row >= 0:
                self.view.setCurrentIndex(self.model.index(row, 0))
        finally:
            self._reverting = False
        self._update_buttons()

    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))

    def on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._reverting:
            return
        reply = self.model.reply(self.view.currentIndex().row())
        if reply is not None and reply.id == self._editing_id:
            return
        if self.is_dirty() and not self.save_current():
            self._reverting = True  # keep the agent on the reply whose problem the sentence names
            row = self.model.row_of(self._editing_id) if self._editing_id else -1
            if row >= 0:
                self.view.setCurrentIndex(self.model.index(row, 0))
            else:
                self.view.clearSelection()
            self._reverting = False
            return
        if reply is not None:
            self._load(reply.id)

    def _load(self, reply_id: str | None) -> None:
        reply = self.table.get(reply_id) if reply_id else None
        self._editing_id = reply.id if reply else None
        self.title_edit.setText(reply.title if reply else "")
        self.shortcut_edit.setText(reply.shortcut if reply else "")
        self.body_edit.setPlainText(reply.body if reply else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.model.row_of(self._editing_id) if self._editing_id else -1
        self.delete_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)

    def is_dirty(self) -> bool:
        reply = self.table.get(self._editing_id) if self._editing_id else None
        fields = (self.title_edit.text(), self.shortcut_edit.text(), self.body_edit.toPlainText())
        if reply is None:
            return any(field.strip() for field in fields)
        return fields != (reply.title, reply.shortcut, reply.body)

    # ------------------------------------------------------------------------------------------ changes

    def new_reply(self) -> None:
        if self.is_dirty() and not self.save_current():
            return
        self._reverting = True
        self.view.clearSelection()
        self.view.setCurrentIndex(self.model.index(-1, 0))
        self._reverting = False
        self._load(None)
        self.title_edit.setFocus()

    def save_current(self) -> bool:
        """Store the editor's reply (new or changed); a problem is said in the status line and nothing changes."""
        title, shortcut, body = self.title_edit.text(), self.shortcut_edit.text(), self.body_edit.toPlainText()
        try:
            if self._editing_id is None:
                reply = self.table.add(title, shortcut, body)
            else:
                reply = self.table.update(self._editing_id, title=title, shortcut=shortcut, body=body)
        except CannedReplyError as exc:
            set_themed_style(self.status_label, colour_style("error_text"))
            self.status_label.setText(str(exc))
            return False
        self._editing_id = reply.id
        self.shortcut_edit.setText(reply.shortcut)
        self.show_status(translate("CannedReplies", "Saved “{title}”.").format(title=reply.title))
        self.reload(reply.id)
        self.replies_changed.emit()
        return True

    def confirm_delete(self) -> QMessageBox | None:
        reply = self.table.get(self._editing_id) if self._editing_id else None
        if reply is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            translate("CannedReplies", "Delete canned reply"),
            translate("CannedReplies", "Delete the canned reply “{title}”?").format(title=reply.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("canned_confirm_delete")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.button(QMessageBox.StandardButton.Yes).setText(translate("CannedReplies", "Delete"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        reply_id = reply.id
        box.finished.connect(lambda result: self.on_confirm_box_finished(reply_id, result))
        self.confirm_box = box
        box.open()  # not exec(): no nested event loop under qasync
        return box

    def on_confirm_box_finished(self, reply_id: str, result: int) -> None:
        self.confirm_box = None
        if result != QMessageBox.StandardButton.Yes:
            return
        row = self.model.row_of(reply_id)
        self.table.delete(reply_id)
        self._load(None)  # an empty editor: nothing left to save on the way to the next reply
        self.reload()
        self.replies_changed.emit()
        if self.model.rowCount():
            self.select_row(min(row, self.model.rowCount() - 1))
        else:
            self._load(None)

    def move_selected(self, delta: int) -> None:
        if self._editing_id is None:
            return
        if self.is_dirty() and not self.save_current():
            return
        row = self.model.row_of(self._editing_id)
        self.table.move(self._editing_id, max(0, row + delta))
        self.reload(self._editing_id)
        self.replies_changed.emit()

    def save_agent_name(self) -> None:
        name = self.agent_name_edit.text().strip()
        if name:
            self.preferences.set(AGENT_NAME_KEY, name)
        else:
            self.preferences.delete(AGENT_NAME_KEY)

    def show_status(self, sentence: str) -> None:
        set_themed_style(self.status_label, colour_style("secondary_text"))
        self.status_label.setText(sentence)

    # ------------------------------------------------------------------------------------------ files

    def choose_import_file(self) -> QFileDialog:
        dialog = QFileDialog(self, translate("CannedReplies", "Import canned replies"))
        dialog.setObjectName("canned_import_dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [
                translate("CannedReplies", "Canned replies") + " (*.json)",
                translate("CannedReplies", "All files") + " (*)",
            ]
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.import_file(pathlib.Path(name)))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def choose_export_file(self) -> QFileDialog:
        dialog = QFileDialog(self, translate("CannedReplies", "Export canned replies"))
        dialog.setObjectName("canned_export_dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([translate("CannedReplies", "Canned replies") + " (*.json)"])
        dialog.setDefaultSuffix("json")
        dialog.selectFile("canned-replies.json")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_file(pathlib.Path(name)))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def import_file(self, path: pathlib.Path) -> str:
        """Import ``path``; returns (and shows) the sentence saying what happened."""
        failed = True
        try:
            if path.stat().st_size > MAX_IMPORT_BYTES:
                sentence = translate("CannedReplies", "“{file}” is too large to be a canned replies file.").format(
                    file=path.name
                )
            else:
                result = self.table.import_json(path.read_text(encoding="utf-8"))
                sentence = result.summary()
                failed = bool(result.errors)  # the state, not the sentence's words (they may be translated)
                if not result.errors:
                    self.reload(self._editing_id)
                    self.replies_changed.emit()
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or translate("CannedReplies", "it is not UTF-8 text")
            sentence = translate("CannedReplies", "Could not read “{file}”: {reason}.").format(
                file=path.name, reason=reason
            )
        set_themed_style(self.status_label, colour_style("error_text" if failed else "secondary_text"))
        self.status_label.setText(sentence)
        return sentence

    def export_file(self, path: pathlib.Path) -> str:
        try:
            path.write_text(self.table.export_json() + "\n", encoding="utf-8")
        except OSError as exc:
            sentence = translate("CannedReplies", "Could not write “{file}”: {reason}.").format(
                file=path.name, reason=exc.strerror or exc
            )
            set_themed_style(self.status_label, colour_style("error_text"))
            self.status_label.setText(sentence)
            return sentence
        count = self.model.rowCount()
        sentence = translate("CannedReplies", "Exported canned replies to “{file}”: %n in all.", n=count).format(
            file=path.name
        )

        self.show_status(sentence)
        return sentence
