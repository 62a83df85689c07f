"""The invitation part of the New chat dialog: who is invited and why, the optional note with its counter, results."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPlainTextEdit, QVBoxLayout, QWidget

from ...core.invitations import NOTE_LIMIT, InvitationOutcome, InvitationState
from ...core.new_chat import Recipient
from ...texts import QT_TRANSLATE_NOOP, translate
from ..format import plain_tip
from ..theme import colour_style, current_theme, no_style, set_themed_style

ModelIndex = QModelIndex | QPersistentModelIndex

NOTE_PLACEHOLDER = QT_TRANSLATE_NOOP(
    "InvitationPanel", "Optional: a note LinkedIn shows with the invitation ({limit} characters at most)"
)
MARKS = {
    None: "·",  # waiting for its turn
    InvitationState.SENDING: "…",
    InvitationState.SENT: "✓",
    InvitationState.FAILED: "✗",
    InvitationState.UNSURE: "?",
}
RESULT_ROWS_SHOWN = 4


def first_names(recipients: Sequence[Recipient]) -> str:
    """ "Ali", "Ali and Leila", "Ali, Leila and 2 more"."""
    labels = [r.name.split()[0] if r.name.split() else r.provider_id for r in recipients]
    if len(labels) <= 1:
        return "".join(labels)
    if len(labels) == 2:
        return translate("InvitationPanel", "{first} and {second}").format(first=labels[0], second=labels[1])
    more = translate("InvitationPanel", "{first}, {second} and %n more", n=len(labels) - 2)
    return more.format(first=labels[0], second=labels[1])


def limit_text() -> str:
    return QLocale().toString(NOTE_LIMIT)


def counter_text(note: str) -> str:
    return translate("InvitationPanel", "{count} / {limit}").format(
        count=QLocale().toString(len(note)), limit=limit_text()
    )


def explanation(invitees: Sequence[Recipient], alternatives: str | None = None) -> str:
    """The line above the note: what will happen, in words (``invitees`` is never empty here)."""
    if len(invitees) == 1:
        return translate(
            "InvitationPanel",
            "{names} is not a 1st-degree connection, so this sends an invitation to connect. "
            "To write a message instead, {alternatives}.",
        ).format(
            names=first_names(invitees), alternatives=alternatives or translate("InvitationPanel", "turn on InMail")
        )
    return translate(
        "InvitationPanel",
        "{names} are not 1st-degree connections, so each gets an invitation to connect (with the "
        "same note). They go one by one and each result is listed below as it comes.",
    ).format(names=first_names(invitees))


def exclusion(pending: Sequence[Recipient], connections: Sequence[Recipient]) -> str:
    """Why some chosen people get no invitation."""
    parts: list[str] = []
    if len(pending) == 1:
        sentence = translate(
            "InvitationPanel", "{names} already has an invitation pending and will not be invited again."
        )
        parts.append(sentence.format(names=first_names(pending)))
    elif pending:
        sentence = translate(
            "InvitationPanel", "{names} already have invitations pending and will not be invited again."
        )
        parts.append(sentence.format(names=first_names(pending)))
    if len(connections) == 1:
        sentence = translate(
            "InvitationPanel", "{names} is already a connection: no invitation needed (write to them separately)."
        )
        parts.append(sentence.format(names=first_names(connections)))
    elif connections:
        sentence = translate(
            "InvitationPanel", "{names} are already connections: no invitation needed (write to them separately)."
        )
        parts.append(sentence.format(names=first_names(connections)))
    return " ".join(parts)


def summary(outcomes: Sequence[InvitationOutcome]) -> str:
    """One sentence once every result is in."""
    if len(outcomes) == 1:
        return outcomes[0].sentence
    counts = {state: sum(1 for o in outcomes if o.state == state) for state in InvitationState}
    if counts[InvitationState.SENT] == len(outcomes):
        if len(outcomes) == 2:
            return translate("InvitationPanel", "Both invitations were sent.")
        return translate("InvitationPanel", "All %n invitations were sent.", n=len(outcomes))
    parts = []
    if counts[InvitationState.SENT]:
        parts.append(translate("InvitationPanel", "%n sent", n=counts[InvitationState.SENT]))
    if counts[InvitationState.FAILED]:
        parts.append(translate("InvitationPanel", "%n not sent", n=counts[InvitationState.FAILED]))
    if counts[InvitationState.UNSURE]:
        parts.append(
            translate("InvitationPanel", "%n not sure (see Sent invitations later)", n=counts[InvitationState.UNSURE])
        )
    if not parts:
        return ""
    return translate("InvitationPanel", "%n invitations: {results}.", n=len(outcomes)).format(results=", ".join(parts))


# ---------------------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class ResultRow:
    provider_id: str
    name: str
    state: InvitationState | None = None  # None: waiting for its turn
    sentence: str = ""

    @property
    def text(self) -> str:
        waiting = translate("InvitationPanel", "{name}: waiting…").format(name=self.name)
        return f"{MARKS[self.state]}  {self.sentence or waiting}"


class ResultRole(enum.IntEnum):
    PROVIDER_ID = Qt.ItemDataRole.UserRole + 1
    STATE = Qt.ItemDataRole.UserRole + 2


class InvitationResultModel(QAbstractListModel):
    """One row per invited person, in the order they are sent; the row changes as its outcome arrives."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []

    def rows(self) -> list[ResultRow]:
        return list(self._rows)

    def start(self, recipients: Sequence[Recipient]) -> None:
        self.beginResetModel()
        self._rows = [ResultRow(r.provider_id, r.label) for r in recipients]
        self.endResetModel()

    def clear(self) -> None:
        self.start([])

    def apply(self, outcome: InvitationOutcome) -> bool:
        """Update the person's row; False when the outcome is not about anyone listed here."""
        for row, current in enumerate(self._rows):
            if current.provider_id == outcome.provider_id:
                self._rows[row] = replace(current, state=outcome.state, sentence=outcome.sentence)
                self.dataChanged.emit(self.index(row), self.index(row))
                return True
        return False

    def finished(self) -> bool:
        done = (InvitationState.SENT, InvitationState.FAILED, InvitationState.UNSURE)
        return bool(self._rows) and all(r.state in done for r in self._rows)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return row.text  # a list view paints DisplayRole as plain text: names stay literal
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(row.sentence or row.name)
        if role == Qt.ItemDataRole.ForegroundRole and row.state == InvitationState.FAILED:
            return QBrush(current_theme().error_text)
        if role == ResultRole.PROVIDER_ID:
            return row.provider_id
        if role == ResultRole.STATE:
            return row.state
        return None


# ---------------------------------------------------------------------------------------------- panel


class InvitationPanel(QWidget):
    """Shown instead of the message box when the chosen people are not connections and InMail is off."""

    note_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("invitation_panel")
        self.explanation_label = QLabel(self)
        self.explanation_label.setObjectName("invitation_explanation")
        self.explanation_label.setTextFormat(Qt.TextFormat.PlainText)  # names come from the network
        self.explanation_label.setWordWrap(True)
        self.exclusion_label = QLabel(self)
        self.exclusion_label.setObjectName("invitation_exclusion")
        self.exclusion_label.setTextFormat(Qt.TextFormat.PlainText)
        self.exclusion_label.setWordWrap(True)
        self.exclusion_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.exclusion_label.hide()

        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("invitation_note")
        self.note_edit.setAccessibleName(translate("InvitationPanel", "Invitation note"))
        self.note_edit.setPlaceholderText(translate("InvitationPanel", NOTE_PLACEHOLDER).format(limit=limit_text()))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMinimumHeight(80)
        self.note_label = QLabel(translate("InvitationPanel", "Note:"), self)
        self.note_label.setBuddy(self.note_edit)
        self.counter_label = QLabel(counter_text(""), self)
        self.counter_label.setObjectName("invitation_counter")
        self.counter_label.setAccessibleName(translate("InvitationPanel", "Note length"))
        self.counter_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.result_model = InvitationResultModel(self)
        self.result_view = QListView(self)
        self.result_view.setObjectName("invitation_results")
        self.result_view.setAccessibleName(translate("InvitationPanel", "Invitation results"))
        self.result_view.setModel(self.result_model)
        self.result_view.setWordWrap(True)
        self.result_view.setUniformItemSizes(True)
        self.result_view.setSelectionMode(QListView.SelectionMode.NoSelection)
        self.result_view.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.result_view.hide()
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("invitation_summary")
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label.hide()

        note_row = QHBoxLayout()
        note_row.setContentsMargins(0, 0, 0, 0)
        note_row.addWidget(self.note_label)
        note_row.addStretch(1)
        note_row.addWidget(self.counter_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.explanation_label)
        layout.addWidget(self.exclusion_label)
        layout.addLayout(note_row)
        layout.addWidget(self.note_edit, 1)
        layout.addWidget(self.result_view)
        layout.addWidget(self.summary_label)

        self.note_edit.textChanged.connect(self.on_note_edit_text_changed)
        self.result_model.modelReset.connect(self._fit_results)
        self._refresh_counter()

    # ------------------------------------------------------------------------------------------ note

    def note(self) -> str:
        return self.note_edit.toPlainText()

    def note_too_long(self) -> bool:
        return len(self.note()) > NOTE_LIMIT

    def on_note_edit_text_changed(self) -> None:
        self._refresh_counter()
        self.note_changed.emit()

    def _refresh_counter(self) -> None:
        note = self.note()
        self.counter_label.setText(counter_text(note))
        over = len(note) > NOTE_LIMIT
        set_themed_style(self.counter_label, colour_style("error_text", "font-weight: bold;") if over else no_style)
        if not over:
            self.counter_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        if over:
            tip = translate(
                "InvitationPanel", "%n character(s) too many: LinkedIn takes {limit} at most.", n=len(note) - NOTE_LIMIT
            )
        else:
            tip = translate("InvitationPanel", "LinkedIn takes {limit} characters at most.")
        self.counter_label.setToolTip(tip.format(limit=limit_text()))

    # ------------------------------------------------------------------------------------------ who

    def set_people(
        self,
        invitees: Sequence[Recipient],
        pending: Sequence[Recipient],
        connections: Sequence[Recipient],
        alternatives: str | None = None,
    ) -> None:
        """Who gets an invitation and who is left out; ``alternatives`` says how to write a message instead."""
        excluded = exclusion(pending, connections)
        if not invitees and self.result_model.finished():
            # Right after the invitations went out everyone chosen is "pending": that is the result, not a refusal.
            self.explanation_label.setText(translate("InvitationPanel", "Each invitation's result is listed below."))
            excluded = exclusion((), connections)
        elif not invitees:  # only why nobody can be invited
            self.explanation_label.setText(excluded or translate("InvitationPanel", "Nobody here can be invited."))
            excluded = ""
        else:
            self.explanation_label.setText(explanation(invitees, alternatives))
        self.exclusion_label.setText(excluded)
        self.exclusion_label.setVisible(bool(excluded))

    # ------------------------------------------------------------------------------------------ results

    def start_results(self, invitees: Sequence[Recipient]) -> None:
        self.result_model.start(invitees)
        self.result_view.setVisible(bool(invitees))
        self.summary_label.hide()
        self.summary_label.clear()

    def apply(self, outcome: InvitationOutcome) -> bool:
        return self.result_model.apply(outcome)

    def show_summary(self, outcomes: Sequence[InvitationOutcome]) -> None:
        text = summary(outcomes)
        failed = any(o.state != InvitationState.SENT for o in outcomes)
        set_themed_style(self.summary_label, colour_style("error_text") if failed else no_style)
        self.summary_label.setText(text)
        self.summary_label.setVisible(bool(text))

    def clear_results(self) -> None:
        self.result_model.clear()
        self.result_view.hide()
        self.summary_label.clear()
        self.summary_label.hide()

    def _fit_results(self) -> None:
        """As tall as its rows (up to a few, then it scrolls), so one result does not take half the dialog."""
        rows = max(1, min(RESULT_ROWS_SHOWN, self.result_model.rowCount()))
        row_height = self.result_view.sizeHintForRow(0) if self.result_model.rowCount() else 0
        row_height = max(row_height, self.result_view.fontMetrics().height() + 6)
        frame = 2 * self.result_view.frameWidth()
        self.result_view.setFixedHeight(rows * row_height + frame + 2)
