"""The connection dialog: profile name, DSN and API key, an async "Test connection", Save and "Try the demo"."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Collection

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..profiles import (
    InvalidProfileError,
    Profile,
    check_connection,
    describe_connection_failure,
    validate_api_key,
    validate_dsn,
    validate_profile_name,
)
from ..texts import translate
from .secret_field import SecretField
from .server_text import set_server_text
from .theme import Theme, colour_style, no_style, set_themed_style

log = logging.getLogger(__name__)

# Checks a DSN and key (normally ``api.check_connection``: GET /accounts); raises on failure.
ConnectionTester = Callable[[str, str], Awaitable[object]]

ERROR_STYLE = colour_style("error_text")
SUCCESS_STYLE = colour_style("success_text")
DSN_PLACEHOLDER = "api1.unipile.com:13111"


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A wrapping label that never interprets its text as HTML (DSNs and server sentences are user data)."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def error_label(parent: QWidget | None = None) -> QLabel:
    label = plain_label("", parent)
    set_themed_style(label, ERROR_STYLE)
    label.hide()
    return label


def show_message(label: QLabel, text: str, *, style: Callable[[Theme], str] = ERROR_STYLE) -> None:
    """Show a sentence (it may carry a server's text) capped and wrapping anywhere: it cannot widen the dialog."""
    set_server_text(label, text)
    set_themed_style(label, style)
    label.setVisible(bool(text))
    fit_height(label.window())


def fit_height(window: QWidget) -> None:
    """Give a shown window the height its word-wrapped labels need at its current width.

    Qt sizes a window from its layout's size hint, which does not use height-for-width: a sentence that appears
    later would squeeze the other wrapped labels and cut off their last line.
    """
    layout = window.layout()
    if not window.isVisible() or layout is None or not layout.hasHeightForWidth():
        return
    layout.activate()
    needed = layout.totalHeightForWidth(window.width())
    window.setMinimumHeight(needed)
    if needed > window.height():
        window.resize(window.width(), needed)


async def run_connection_test(tester: ConnectionTester, dsn: str, api_key: str) -> tuple[bool, str]:
    """Await the tester and turn the outcome into (worked, sentence); cancellation passes through."""
    try:
        result = await tester(dsn, api_key)
    except asyncio.CancelledError:
        raise
    except Exception as exc:
        log.info("connection test failed: %s", type(exc).__name__)
        return False, describe_connection_failure(exc, dsn)
    if isinstance(result, int) and not isinstance(result, bool):
        return True, translate(
            "ConnectionDialog", "Connection works: the server accepted the key and lists %n account(s).", n=result
        )
    return True, translate("ConnectionDialog", "Connection works: the server accepted the key.")


class ConnectionDialog(QDialog):
    """Set up (or edit) a connection profile.

    Open it with ``open()``, never ``exec()``: the test runs on the asyncio loop. Save validates and emits
    ``profile_saved(name, dsn, api_key)``; storing the profile and its key is the caller's job. "Try the demo"
    emits ``demo_requested`` and closes the dialog with ``DEMO_RESULT``.

    When editing, pass the profile's ``saved_key``: the key field may then stay empty, which means "keep the
    saved key" (``profile_saved`` carries "" for it), and Test connection uses the saved key. The saved key is
    never put into the field.
    """

    profile_saved = Signal(str, str, str)  # name, dsn, api key
    demo_requested = Signal()
    test_finished = Signal(bool, str)  # worked, sentence shown

    DEMO_RESULT = 2

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        tester: ConnectionTester | None = None,
        profile: Profile | None = None,
        api_key: str = "",
        existing_names: Collection[str] = (),
        offer_demo: bool = True,
        saved_key: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._saved_key = saved_key or None
        self._tester: ConnectionTester = tester if tester is not None else check_connection
        self.original_name = profile.name if profile is not None else None
        self._existing_names = {name for name in existing_names if name != self.original_name}
        self.test_task: asyncio.Task[bool] | None = None

        self.setWindowTitle(
            translate("ConnectionDialog", "Edit connection")
            if profile is not None
            else translate("ConnectionDialog", "Connect to Unipile")
        )
        self.setModal(True)
        self.setMinimumWidth(480)

        intro = plain_label(
            translate(
                "ConnectionDialog",
                "Enter your Unipile DSN and an API key from the Unipile dashboard. The key is kept only in your "
                "system keyring, never in a file.",
            ),
            self,
        )

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(translate("ConnectionDialog", "Support", "an example profile name"))
        self.name_edit.setAccessibleName(translate("ConnectionDialog", "Profile name"))
        self.name_error = error_label(self)

        self.dsn_edit = QLineEdit(self)
        self.dsn_edit.setPlaceholderText(DSN_PLACEHOLDER)
        self.dsn_edit.setAccessibleName(translate("ConnectionDialog", "DSN"))
        self.dsn_edit.setToolTip(
            translate("ConnectionDialog", "host:port from the Unipile dashboard, or a full https:// address")
        )
        self.dsn_error = error_label(self)

        self.key_field = SecretField(self, placeholder=translate("ConnectionDialog", "Paste the API key"))
        self.key_error = error_label(self)

        form = QFormLayout()
        form.addRow(translate("ConnectionDialog", "Profile &name:"), self.name_edit)
        form.addRow("", self.name_error)
        form.addRow(translate("ConnectionDialog", "&DSN:"), self.dsn_edit)
        form.addRow("", self.dsn_error)
        form.addRow(translate("ConnectionDialog", "API &key:"), self.key_field)
        form.addRow("", self.key_error)

        self.status_label = plain_label("", self)
        self.status_label.setAccessibleName(translate("ConnectionDialog", "Connection test result"))
        self.status_label.hide()

        self.test_button = QPushButton(translate("ConnectionDialog", "&Test connection"), self)
        self.test_button.setAutoDefault(False)
        self.demo_button = QPushButton(translate("ConnectionDialog", "Try the &demo"), self)
        self.demo_button.setAutoDefault(False)
        self.demo_button.setToolTip(
            translate("ConnectionDialog", "Open the app on built-in sample data; no Unipile account needed")
        )
        self.demo_button.setVisible(offer_demo)
        self.cancel_button = QPushButton(translate("ConnectionDialog", "Cancel"), self)
        self.cancel_button.setAutoDefault(False)
        self.save_button = QPushButton(translate("ConnectionDialog", "&Save"), self)
        self.save_button.setDefault(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addLayout(buttons)

        if profile is not None:
            self.name_edit.setText(profile.name)
            self.dsn_edit.setText(profile.dsn)
        self.key_field.set_text(api_key)
        if self._saved_key is not None:
            self.key_field.line_edit.setPlaceholderText(
                translate("ConnectionDialog", "Leave empty to keep the saved key")
            )

        self.test_button.clicked.connect(self.on_test_button_clicked)
        self.demo_button.clicked.connect(self.on_demo_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.on_save_button_clicked)
        self.name_edit.textChanged.connect(lambda _text: show_message(self.name_error, ""))
        self.dsn_edit.textChanged.connect(self.on_connection_input_changed)
        self.key_field.text_changed.connect(self.on_connection_input_changed)

    # ------------------------------------------------------------------ validation

    def _checked_name(self) -> str | None:
        try:
            name = validate_profile_name(self.name_edit.text())
        except InvalidProfileError as exc:
            show_message(self.name_error, str(exc))
            return None
        if name in self._existing_names:
            show_message(
                self.name_error,
                translate("ConnectionDialog", "A profile named “{name}” already exists. Choose another name.").format(
                    name=name
                ),
            )
            return None
        show_message(self.name_error, "")
        return name

    def _checked_connection(self) -> tuple[str, str] | None:
        dsn = key = None
        try:
            dsn = validate_dsn(self.dsn_edit.text())
            show_message(self.dsn_error, "")
        except InvalidProfileError as exc:
            show_message(self.dsn_error, str(exc))
        try:
            if self._saved_key is not None and not self.key_field.text().strip():
                key = self._saved_key
            else:
                key = validate_api_key(self.key_field.text())
            show_message(self.key_error, "")
        except InvalidProfileError as exc:
            show_message(self.key_error, str(exc))
        if dsn is None or key is None:
            return None
        return dsn, key

    # ------------------------------------------------------------------ test connection

    def on_test_button_clicked(self) -> None:
        self._cancel_test()
        self.test_task = asyncio.ensure_future(self.test_connection())

    async def test_connection(self) -> bool:
        """Validate the DSN and key, run the tester, show the outcome as a sentence; True when it worked."""
        checked = self._checked_connection()
        if checked is None:
            show_message(self.status_label, "")
            return False
        dsn, key = checked
        show_message(self.status_label, translate("ConnectionDialog", "Testing the connection…"), style=no_style)

        self.test_button.setEnabled(False)
        try:
            worked, sentence = await run_connection_test(self._tester, dsn, key)
        finally:
            self.test_button.setEnabled(True)
        show_message(self.status_label, sentence, style=SUCCESS_STYLE if worked else ERROR_STYLE)
        self.test_finished.emit(worked, sentence)
        return worked

    def on_connection_input_changed(self, _text: str) -> None:
        # A result for yesterday's DSN or key would mislead: drop it and stop a test still running.
        self._cancel_test()
        show_message(self.status_label, "")
        show_message(self.dsn_error, "")
        show_message(self.key_error, "")

    def _cancel_test(self) -> None:
        # A task never cancels itself here: it is the one finishing (e.g. accepting the dialog).
        if self.test_task is not None and not self.test_task.done() and self.test_task is not current_task_or_none():
            self.test_task.cancel()
            self.test_button.setEnabled(True)

    # ------------------------------------------------------------------ save, demo, close

    def on_save_button_clicked(self) -> None:
        name = self._checked_name()
        checked = self._checked_connection()
        if name is None or checked is None:
            (self.name_edit if name is None else self.dsn_edit).setFocus()
            return
        dsn, key = checked
        if self._saved_key is not None and not self.key_field.text().strip():
            key = ""  # keep the saved key
        self._cancel_test()
        self.profile_saved.emit(name, dsn, key)
        self.accept()

    def on_demo_button_clicked(self) -> None:
        self._cancel_test()
        self.demo_requested.emit()
        self.done(self.DEMO_RESULT)

    def done(self, result: int) -> None:
        self._cancel_test()
        # Drop the key from the widget once the dialog closes; the caller got it through the signal.
        with contextlib.suppress(RuntimeError):
            self.key_field.set_text("")
        super().done(result)


def current_task_or_none() -> asyncio.Task[object] | None:
    try:
        return asyncio.current_task()
    except RuntimeError:  # no running loop: called from plain Qt code
        return None
