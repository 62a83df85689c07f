"""The card's private notes: free text the agent keeps about a person, timestamped, never sent to anyone."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.card import CardController
from ...texts import translate
from ..theme import set_themed_style

MAX_LIST_HEIGHT = 220
NoteIdRole = Qt.ItemDataRole.UserRole + 1
NoteTextRole = Qt.ItemDataRole.UserRole + 2


def note_time(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class NotesSection(QFrame):
    """A list of the person's notes (newest first), an editor to add one, and Edit / Delete for the selected one."""

    def __init__(self, controller: CardController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card_notes")
        self.controller = controller
        self._key: str | None = None
        self._editing: str | None = None  # the note being edited, None when adding

        heading = QLabel(translate("CustomerCard", "Private notes"), self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.private_label = QLabel(translate("CustomerCard", "Private — never sent to the customer"), self)
        self.private_label.setObjectName("card_notes_private")
        self.private_label.setTextFormat(Qt.TextFormat.PlainText)
        set_themed_style(
            self.private_label,
            lambda t: (
                f"QLabel {{ color: {t.css(t.read_only_text)}; background: {t.css(t.read_only_background)};"
                " border-radius: 6px; padding: 2px 6px; }"
            ),
        )
        self.model = QStandardItemModel(self)
        self.view = QListView(self)
        self.view.setObjectName("card_notes_list")
        self.view.setAccessibleName(translate("CustomerCard", "Private notes about this person"))
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long notes wrap
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.view.selectionModel().currentChanged.connect(self._update_buttons)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("card_note_editor")
        self.editor.setPlaceholderText(translate("CustomerCard", "Write a private note about this person…"))
        self.editor.setAccessibleName(translate("CustomerCard", "Private note"))
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(64)
        self.editor.textChanged.connect(self._update_buttons)
        self.save_button = QPushButton(translate("CustomerCard", "Add note"), self)
        self.save_button.setObjectName("card_note_save")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(translate("CustomerCard", "Cancel"), self)
        self.cancel_button.setObjectName("card_note_cancel")
        self.cancel_button.clicked.connect(self.cancel_edit)
        self.edit_button = QPushButton(translate("CustomerCard", "Edit"), self)
        self.edit_button.setObjectName("card_note_edit")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(translate("CustomerCard", "Delete"), self)
        self.delete_button.setObjectName("card_note_delete")
        self.delete_button.clicked.connect(self.delete_selected)

        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(heading)
        layout.addWidget(self.private_label, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.view)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)
        controller.notes_changed.connect(self.on_controller_notes_changed)
        self._update_buttons()

    def set_person(self, key: str | None) -> None:
        if key != self._key:
            self._key = key
            self.cancel_edit()
        self.reload()

    def on_controller_notes_changed(self, key: str) -> None:
        if key == self._key:
            self.reload()

    def reload(self) -> None:
        self.model.clear()
        notes = self.controller.notes(self._key) if self._key is not None else []
        for note in notes:
            stamp = note_time(note.created_at)
            if note.updated_at - note.created_at >= 1:
                stamp = translate("CustomerCard", "{created} (edited {updated})").format(
                    created=stamp, updated=note_time(note.updated_at)
                )
            item = QStandardItem(f"{stamp}\n{note.text}")  # plain text in a list item: never markup
            item.setData(note.id, NoteIdRole)
            item.setData(note.text, NoteTextRole)
            item.setToolTip(translate("CustomerCard", "Private note, never sent"))
            self.model.appendRow(item)
        self.view.setVisible(bool(notes))
        self._fit_height()
        self._update_buttons()

    def _fit_height(self) -> None:
        """As tall as the notes (wrapped to the width), up to MAX_LIST_HEIGHT, then it scrolls."""
        metrics = QFontMetrics(self.view.font())
        width = max(80, self.view.viewport().width() - 10)
        height = 0
        for row in range(self.model.rowCount()):
            text = str(self.model.index(row, 0).data(Qt.ItemDataRole.DisplayRole) or "")
            height += metrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text).height() + 6
        self.view.setFixedHeight(min(MAX_LIST_HEIGHT, max(24, height + 2 * self.view.frameWidth())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _selected(self) -> QModelIndex | None:
        index = self.view.currentIndex()
        return index if index.isValid() else None

    def _update_buttons(self, *_: object) -> None:
        has_text = bool(self.editor.toPlainText().strip())
        selected = self._selected() is not None
        self.save_button.setText(
            translate("CustomerCard", "Save note") if self._editing else translate("CustomerCard", "Add note")
        )
        self.save_button.setEnabled(has_text)
        self.cancel_button.setVisible(self._editing is not None)
        self.edit_button.setEnabled(selected and self._editing is None)
        self.delete_button.setEnabled(selected)

    def save(self) -> None:
        if self._key is None:
            return
        text = self.editor.toPlainText()
        if self._editing is not None:
            self.controller.update_note(self._key, self._editing, text)
        else:
            self.controller.add_note(self._key, text)
        self._editing = None
        self.editor.clear()
        self._update_buttons()

    def edit_selected(self) -> None:
        index = self._selected()
        if index is None:
            return
        self._editing = str(index.data(NoteIdRole))
        self.editor.setPlainText(str(index.data(NoteTextRole)))
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_buttons()

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.view.setCurrentIndex(index)
        self.edit_selected()

    def cancel_edit(self) -> None:
        self._editing = None
        self.editor.clear()
        self._update_buttons()

    def delete_selected(self) -> None:
        index = self._selected()
        if index is None or self._key is None:
            return
        note_id = str(index.data(NoteIdRole))
        if note_id == self._editing:
            self.cancel_edit()
        self.controller.delete_note(self._key, note_id)
