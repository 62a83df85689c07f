"""The no-keyring explanation with its session-only choice, and the "API key rejected" prompt."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import keyring.errors
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import wait_until
from tests.helpers.memory_keyring import FailingKeyring
from unipile_desktop.profiles import (
    ConnectionCheckError,
    ConnectionProblem,
    KeyringProblem,
    KeyringUnavailableError,
    KeyStore,
)
from unipile_desktop.ui.api_key_dialog import ApiKeyDialog
from unipile_desktop.ui.keyring_dialog import SESSION_ONLY_TEXT, KeyringUnavailableDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NEW_KEY = "sk_new_5678"


@pytest.fixture(autouse=True)
def app_stays_open_without_windows(qapp: QApplication) -> Iterator[None]:
    previous = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(previous)


def keyring_error(error: keyring.errors.KeyringError) -> KeyringUnavailableError:
    with pytest.raises(KeyringUnavailableError) as info:
        KeyStore(FailingKeyring(error)).set("Support", "secret")
    return info.value


# ------------------------------------------------------------------------------------------------ keyring dialog


def test_no_keyring_is_explained_in_plain_words_with_what_to_do(qtbot: QtBot) -> None:
    error = keyring_error(keyring.errors.NoKeyringError("none"))
    dialog = KeyringUnavailableDialog.for_error(error, backend_description="none (no keyring backend is available)")
    qtbot.addWidget(dialog)
    dialog.open()

    assert dialog.message_label.text() == str(error)
    assert "No system keyring is available" in dialog.message_label.text()
    assert "gnome-keyring" in dialog.message_label.text()
    assert "Windows and macOS" in dialog.advice_label.text() and dialog.advice_label.isVisible()
    assert dialog.backend_label.text() == "Keyring in use: none (no keyring backend is available)."
    assert "never written to a file" in dialog.session_label.text()
    assert dialog.session_button.text() == SESSION_ONLY_TEXT
    assert dialog.cancel_button.text() == "Cancel"
    for label in (dialog.message_label, dialog.advice_label, dialog.backend_label, dialog.session_label):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_a_locked_keyring_says_to_unlock_it(qtbot: QtBot) -> None:
    error = keyring_error(keyring.errors.KeyringLocked("locked"))
    assert error.problem is KeyringProblem.LOCKED
    dialog = KeyringUnavailableDialog.for_error(error)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "locked" in dialog.message_label.text()
    assert "Unlock it when asked" in dialog.message_label.text()
    assert not dialog.advice_label.isVisible()
    assert not dialog.backend_label.isVisible()


def test_session_only_emits_and_accepts(qtbot: QtBot) -> None:
    dialog = KeyringUnavailableDialog("No system keyring is available.")
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.waitSignal(dialog.session_only_chosen):
        qtbot.mouseClick(dialog.session_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == KeyringUnavailableDialog.DialogCode.Accepted


def test_cancel_rejects_without_choosing_the_session(qtbot: QtBot) -> None:
    dialog = KeyringUnavailableDialog("No system keyring is available.")
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.assertNotEmitted(dialog.session_only_chosen), qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)


# ------------------------------------------------------------------------------------------------ key prompt


def test_the_prompt_explains_and_masks_the_new_key(qtbot: QtBot) -> None:
    dialog = ApiKeyDialog("Support")
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.windowTitle() == "API key rejected"
    assert "rejected the API key of the profile “Support”" in dialog.message_label.text()
    assert "nothing you typed is lost" in dialog.message_label.text()
    assert dialog.key_field.line_edit.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.use_button.isEnabled()
    dialog.key_field.set_text(NEW_KEY)
    assert dialog.use_button.isEnabled()
    dialog.key_field.toggle_button.click()
    assert dialog.key_field.line_edit.displayText() == NEW_KEY


def test_use_this_key_emits_the_trimmed_key(qtbot: QtBot) -> None:
    dialog = ApiKeyDialog("Support")
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.key_field.set_text(f"  {NEW_KEY}\n")
    with qtbot.waitSignal(dialog.key_entered) as entered:
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert entered.args == [NEW_KEY]
    assert dialog.result() == ApiKeyDialog.DialogCode.Accepted
    assert dialog.key_field.text() == ""


def test_a_malformed_key_is_refused_in_place(qtbot: QtBot) -> None:
    dialog = ApiKeyDialog("Support")
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.key_field.set_text("two words")
    with qtbot.assertNotEmitted(dialog.key_entered):
        dialog.use_button.click()
    assert "spaces or line breaks" in dialog.key_error.text()
    assert dialog.isVisible()


def test_cancel_keeps_the_old_state(qtbot: QtBot) -> None:
    dialog = ApiKeyDialog("Support")
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.key_field.set_text(NEW_KEY)
    with qtbot.assertNotEmitted(dialog.key_entered), qtbot.waitSignal(dialog.rejected):
        dialog.cancel_button.click()


@pytest.mark.asyncio
async def test_with_a_tester_a_rejected_new_key_keeps_the_prompt_open(qtbot: QtBot) -> None:
    calls: list[tuple[str, str]] = []

    async def tester(dsn: str, key: str) -> object:
        calls.append((dsn, key))
        if key != NEW_KEY:
            raise ConnectionCheckError(ConnectionProblem.REJECTED_KEY, "The server rejected the API key.")
        return 2

    dialog = ApiKeyDialog("Support", dsn="api8.unipile.com:13851", tester=tester)
    qtbot.addWidget(dialog)
    dialog.open()
    entered: list[str] = []
    dialog.key_entered.connect(entered.append)

    dialog.key_field.set_text("wrong-key")
    dialog.use_button.click()
    assert dialog.check_task is not None
    assert await dialog.check_task is False
    assert dialog.key_error.text() == "The server rejected the API key."
    assert dialog.isVisible() and entered == []

    dialog.key_field.set_text(NEW_KEY)
    assert not dialog.key_error.isVisibleTo(dialog)
    dialog.use_button.click()
    assert await dialog.check_task is True
    assert entered == [NEW_KEY]
    assert calls == [("api8.unipile.com:13851", "wrong-key"), ("api8.unipile.com:13851", NEW_KEY)]
    assert dialog.result() == ApiKeyDialog.DialogCode.Accepted


@pytest.mark.asyncio
async def test_typing_during_a_check_cancels_it(qtbot: QtBot) -> None:
    gate = asyncio.Event()
    calls: list[str] = []

    async def slow(dsn: str, key: str) -> object:
        calls.append(key)
        await gate.wait()
        return None

    dialog = ApiKeyDialog("Support", dsn="api8.unipile.com:13851", tester=slow)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.key_field.set_text(NEW_KEY)
    dialog.use_button.click()
    await wait_until(lambda: calls == [NEW_KEY], what="the check to start")
    assert dialog.key_error.text() == "Checking the key…"
    task = dialog.check_task
    assert task is not None and not task.done()
    dialog.key_field.set_text(NEW_KEY + "x")
    await wait_until(task.done, what="the check to stop")
    assert task.cancelled()
    assert dialog.use_button.isEnabled()


def test_a_sentence_shown_later_does_not_cut_off_the_message_above_it(qtbot: QtBot) -> None:
    dialog = ApiKeyDialog("Support EU")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.key_field.set_text("abc def")
    dialog.use_button.click()  # a key with a space: refused in place, with a two-line sentence
    assert dialog.key_error.isVisible()
    for label in (dialog.message_label, dialog.key_error):
        assert label.height() >= label.heightForWidth(label.width()), label.text()
