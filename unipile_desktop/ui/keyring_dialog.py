"""Explains that no usable keyring is available and offers to keep the key in memory for this run only."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..profiles import KeyringProblem, KeyringUnavailableError
from ..texts import QT_TRANSLATE_NOOP, translate
from .connection_dialog import plain_label

SESSION_ONLY_TEXT = QT_TRANSLATE_NOOP("KeyringDialog", "Use the key for this session only")  # translate when shown

# The error's own sentence already says what to do on Linux; this adds what it leaves out (translate when shown).
_MORE_ADVICE: dict[KeyringProblem, str] = {
    KeyringProblem.NO_BACKEND: QT_TRANSLATE_NOOP(
        "KeyringDialog",
        "On Windows and macOS the system keyring is built in; if it is missing there, ask your IT department.",
    ),
}


class KeyringUnavailableDialog(QDialog):
    """Plain words about the keyring problem; "Use the key for this session only" or "Cancel".

    Open it with ``open()``. Choosing the session emits ``session_only_chosen`` and accepts; Cancel rejects.
    """

    session_only_chosen = Signal()

    def __init__(
        self,
        message: str,
        parent: QWidget | None = None,
        *,
        problem: KeyringProblem | None = None,
        backend_description: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("KeyringDialog", "Keyring not available"))
        self.setModal(True)
        self.setMinimumWidth(460)

        heading = QLabel(translate("KeyringDialog", "Your system keyring cannot be used right now"), self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)

        self.message_label = plain_label(message, self)
        advice = _MORE_ADVICE.get(problem, "") if problem is not None else ""
        self.advice_label = plain_label(translate("KeyringDialog", advice) if advice else "", self)
        self.advice_label.setVisible(bool(self.advice_label.text()))
        backend_text = (
            translate("KeyringDialog", "Keyring in use: {backend}.").format(backend=backend_description)
            if backend_description
            else ""
        )
        self.backend_label = plain_label(backend_text, self)
        self.backend_label.setVisible(bool(backend_text))
        self.session_label = plain_label(
            translate(
                "KeyringDialog",
                "You can still work now: the key is then held in memory until you quit Unipile Desktop. It is never "
                "written to a file, so you will be asked for it again next time.",
            ),
            self,
        )

        self.session_button = QPushButton(translate("KeyringDialog", SESSION_ONLY_TEXT), self)
        self.session_button.setDefault(True)
        self.cancel_button = QPushButton(translate("KeyringDialog", "Cancel"), self)

        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.session_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.message_label)
        layout.addWidget(self.advice_label)
        layout.addWidget(self.backend_label)
        layout.addWidget(self.session_label)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.session_button.clicked.connect(self.on_session_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

    @classmethod
    def for_error(
        cls, error: KeyringUnavailableError, parent: QWidget | None = None, *, backend_description: str | None = None
    ) -> KeyringUnavailableDialog:
        return cls(str(error), parent, problem=error.problem, backend_description=backend_description)

    def on_session_button_clicked(self) -> None:
        self.session_only_chosen.emit()
        self.accept()
