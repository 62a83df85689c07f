"""The "API key rejected" prompt: enter a new key without leaving the window (drafts stay where they are)."""

from __future__ import annotations

import asyncio
import contextlib

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..profiles import InvalidProfileError, validate_api_key
from ..texts import translate
from .connection_dialog import (
    ERROR_STYLE,
    ConnectionTester,
    current_task_or_none,
    error_label,
    plain_label,
    run_connection_test,
    show_message,
)
from .secret_field import SecretField
from .theme import no_style


class ApiKeyDialog(QDialog):
    """Asks for a new API key for one profile.

    With a ``tester`` (and the profile's ``dsn``), "Use this key" first checks the key and stays open with a
    sentence if the server refuses it too. Emits ``key_entered(key)`` and accepts; Cancel rejects. Open it with
    ``open()``.
    """

    key_entered = Signal(str)

    def __init__(
        self,
        profile_name: str,
        parent: QWidget | None = None,
        *,
        message: str | None = None,
        dsn: str | None = None,
        tester: ConnectionTester | None = None,
        title: str | None = None,  # default: "API key rejected"
    ) -> None:
        super().__init__(parent)
        self.profile_name = profile_name
        self._dsn = dsn
        self._tester = tester if dsn is not None else None
        self.check_task: asyncio.Task[bool] | None = None

        self.setWindowTitle(title if title is not None else translate("ApiKeyDialog", "API key rejected"))
        self.setModal(True)
        self.setMinimumWidth(440)

        self.message_label = plain_label(
            message
            or translate(
                "ApiKeyDialog",
                "Unipile rejected the API key of the profile “{profile}”. It may have been revoked or "
                "replaced. Enter the current key from the Unipile dashboard; nothing you typed is lost.",
            ).format(profile=profile_name),
            self,
        )
        self.key_field = SecretField(self, placeholder=translate("ApiKeyDialog", "Paste the new API key"))
        self.key_error = error_label(self)

        self.use_button = QPushButton(translate("ApiKeyDialog", "&Use this key"), self)
        self.use_button.setDefault(True)
        self.use_button.setEnabled(False)
        self.cancel_button = QPushButton(translate("ApiKeyDialog", "Cancel"), self)
        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.use_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(self.key_field)
        layout.addWidget(self.key_error)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.key_field.text_changed.connect(self.on_key_field_text_changed)
        self.use_button.clicked.connect(self.on_use_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

    def on_key_field_text_changed(self, text: str) -> None:
        self._cancel_check()
        self.use_button.setEnabled(bool(text.strip()))
        show_message(self.key_error, "")

    def on_use_button_clicked(self) -> None:
        if self._tester is None:
            self.submit()
            return
        self._cancel_check()
        self.check_task = asyncio.ensure_future(self.check_and_submit())

    def _checked_key(self) -> str | None:
        try:
            return validate_api_key(self.key_field.text())
        except InvalidProfileError as exc:
            show_message(self.key_error, str(exc))
            return None

    def submit(self) -> bool:
        """Emit the key and close, without a check."""
        key = self._checked_key()
        if key is None:
            return False
        self.key_entered.emit(key)
        self.accept()
        return True

    async def check_and_submit(self) -> bool:
        """Check the key with the tester first; stay open with the sentence when it fails."""
        key = self._checked_key()
        if key is None or self._tester is None or self._dsn is None:
            return self.submit() if key is not None else False
        self.use_button.setEnabled(False)
        show_message(self.key_error, translate("ApiKeyDialog", "Checking the key…"), style=no_style)

        try:
            worked, sentence = await run_connection_test(self._tester, self._dsn, key)
        finally:
            self.use_button.setEnabled(bool(self.key_field.text().strip()))
        if not worked:
            show_message(self.key_error, sentence, style=ERROR_STYLE)
            return False
        show_message(self.key_error, "")
        self.key_entered.emit(key)
        self.accept()
        return True

    def _cancel_check(self) -> None:
        # A task never cancels itself here: it is the one finishing (e.g. accepting the dialog).
        if self.check_task is not None and not self.check_task.done() and self.check_task is not current_task_or_none():
            self.check_task.cancel()

    def done(self, result: int) -> None:
        self._cancel_check()
        with contextlib.suppress(RuntimeError):
            self.key_field.set_text("")
        super().done(result)
