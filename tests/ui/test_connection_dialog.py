"""Connection dialog: validation sentences, show/hide of the key, async test results from a fake tester, signals."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.helpers.conversation_support import wait_until
from unipile_desktop.api import AuthenticationError
from unipile_desktop.profiles import ConnectionCheckError, ConnectionProblem, Profile
from unipile_desktop.ui.connection_dialog import ConnectionDialog

KEY = "sk_dialog_1234"

# The offscreen platform warns about size hints whenever a dialog is shown; that says nothing about the dialog.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def app_stays_open_without_windows(qapp: QApplication) -> Iterator[None]:
    """Closing the last dialog must not quit the app (and stop the qasync loop a test is running on)."""
    previous = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(previous)


class FakeTester:
    """Records calls; answers with ``result`` or raises ``error``; can be held open with ``gate``."""

    def __init__(self, result: object = None, error: Exception | None = None) -> None:
        self.result, self.error = result, error
        self.calls: list[tuple[str, str]] = []
        self.gate: asyncio.Event | None = None

    async def __call__(self, dsn: str, key: str) -> object:
        self.calls.append((dsn, key))
        if self.gate is not None:
            await self.gate.wait()
        if self.error is not None:
            raise self.error
        return self.result


def make_dialog(qtbot: QtBot, tester: FakeTester | None = None, **kwargs: object) -> ConnectionDialog:
    dialog = ConnectionDialog(tester=tester or FakeTester(), **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def fill(dialog: ConnectionDialog, name: str = "Support", dsn: str = "api8.unipile.com:13851", key: str = KEY) -> None:
    dialog.name_edit.setText(name)
    dialog.dsn_edit.setText(dsn)
    dialog.key_field.set_text(key)


def test_the_key_is_masked_until_shown(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    fill(dialog)
    field = dialog.key_field
    assert field.line_edit.echoMode() == QLineEdit.EchoMode.Password
    assert field.toggle_button.text() == "Show"
    qtbot.mouseClick(field.toggle_button, Qt.MouseButton.LeftButton)
    assert field.line_edit.echoMode() == QLineEdit.EchoMode.Normal
    assert field.toggle_button.text() == "Hide"
    assert field.line_edit.displayText() == KEY
    qtbot.mouseClick(field.toggle_button, Qt.MouseButton.LeftButton)
    assert field.line_edit.echoMode() == QLineEdit.EchoMode.Password
    assert KEY not in field.line_edit.displayText()


def test_save_emits_the_cleaned_profile_and_closes(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.open()
    fill(dialog, name="  Support ", dsn=" https://api8.unipile.com:13851 ", key=f" {KEY} ")
    with qtbot.waitSignal(dialog.profile_saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == ["Support", "https://api8.unipile.com:13851", KEY]
    assert dialog.result() == ConnectionDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    assert dialog.key_field.text() == ""  # the key does not linger in the closed widget


@pytest.mark.parametrize(
    ("name", "dsn", "key", "widget", "sentence"),
    [
        ("", "api8.unipile.com:13851", KEY, "name_error", "The profile name is empty."),
        ("a\tb", "api8.unipile.com:13851", KEY, "name_error", "control characters"),
        ("Support", "", KEY, "dsn_error", "The server address is empty."),
        ("Support", "http://api8.unipile.com:13851", KEY, "dsn_error", "Plain http is only allowed"),
        ("Support", "api8.unipile.com:13851", "", "key_error", "The API key is empty."),
        ("Support", "api8.unipile.com:13851", "two words", "key_error", "spaces or line breaks"),
        ("Taken", "api8.unipile.com:13851", KEY, "name_error", "A profile named “Taken” already exists."),
    ],
)
def test_save_shows_what_is_wrong_and_stays_open(
    qtbot: QtBot, name: str, dsn: str, key: str, widget: str, sentence: str
) -> None:
    dialog = make_dialog(qtbot, existing_names=["Taken"])
    dialog.open()
    fill(dialog, name=name, dsn=dsn, key=key)
    with qtbot.assertNotEmitted(dialog.profile_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    label = getattr(dialog, widget)
    assert sentence in label.text()
    assert label.isVisibleTo(dialog)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.isVisible()


def test_plain_http_to_loopback_is_accepted(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    fill(dialog, dsn="http://127.0.0.1:8999")
    with qtbot.waitSignal(dialog.profile_saved) as saved:
        dialog.save_button.click()
    assert saved.args[1] == "http://127.0.0.1:8999"


def test_editing_prefills_and_allows_keeping_the_same_name(qtbot: QtBot) -> None:
    dialog = make_dialog(
        qtbot, profile=Profile("Support", "api8.unipile.com:13851"), api_key=KEY, existing_names=["Support", "Sales"]
    )
    assert dialog.windowTitle() == "Edit connection"
    assert dialog.name_edit.text() == "Support" and dialog.key_field.text() == KEY
    assert dialog.original_name == "Support"
    with qtbot.waitSignal(dialog.profile_saved) as saved:
        dialog.save_button.click()
    assert saved.args == ["Support", "api8.unipile.com:13851", KEY]


def test_try_the_demo_emits_and_closes_with_the_demo_result(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.open()
    with qtbot.waitSignal(dialog.demo_requested), qtbot.assertNotEmitted(dialog.profile_saved):
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ConnectionDialog.DEMO_RESULT
    assert not dialog.isVisible()


def test_the_demo_button_can_be_left_out(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, offer_demo=False)
    dialog.show()
    assert not dialog.demo_button.isVisible()


def test_error_labels_are_cleared_when_the_user_types(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.save_button.click()
    assert dialog.dsn_error.isVisibleTo(dialog)
    dialog.dsn_edit.setText("a")
    assert not dialog.dsn_error.isVisibleTo(dialog)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            ConnectionCheckError(ConnectionProblem.REJECTED_KEY, "The server at h rejected the API key."),
            "The server at h rejected the API key.",
        ),
        (
            AuthenticationError("Unauthorized", status=401, type="errors/invalid_credentials"),
            "The server at api8.unipile.com:13851 rejected the API key.",
        ),
        (ConnectionCheckError(ConnectionProblem.UNREACHABLE, "Could not reach h."), "Could not reach h."),
        (ConnectionCheckError(ConnectionProblem.TLS, "Certificate sentence."), "Certificate sentence."),
        (TimeoutError(), "did not answer in time"),
        (RuntimeError("<b>boom</b>"), "The connection test failed unexpectedly (RuntimeError)."),
    ],
)
async def test_test_connection_shows_the_failure_as_a_sentence(qtbot: QtBot, error: Exception, expected: str) -> None:
    tester = FakeTester(error=error)
    dialog = make_dialog(qtbot, tester)
    fill(dialog)
    finished: list[tuple[bool, str]] = []
    dialog.test_finished.connect(lambda worked, sentence: finished.append((worked, sentence)))

    assert await dialog.test_connection() is False

    assert tester.calls == [("api8.unipile.com:13851", KEY)]
    assert expected in dialog.status_label.text()
    assert dialog.status_label.isVisibleTo(dialog)
    assert "b3261e" in dialog.status_label.styleSheet()
    assert finished == [(False, dialog.status_label.text())]
    assert KEY not in dialog.status_label.text()


@pytest.mark.asyncio
async def test_a_working_connection_says_so_with_the_account_count(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, FakeTester(result=3))
    fill(dialog)
    assert await dialog.test_connection() is True
    assert dialog.status_label.text() == "Connection works: the server accepted the key and lists 3 accounts."
    assert "1b6e2a" in dialog.status_label.styleSheet()


@pytest.mark.asyncio
async def test_the_test_button_runs_the_tester_without_blocking(qtbot: QtBot) -> None:
    tester = FakeTester(result=None)
    tester.gate = asyncio.Event()
    dialog = make_dialog(qtbot, tester)
    fill(dialog)
    dialog.open()

    dialog.test_button.click()
    await wait_until(lambda: bool(tester.calls), what="the tester to be called")
    assert dialog.status_label.text() == "Testing the connection…"
    assert not dialog.test_button.isEnabled()
    assert dialog.isVisible()  # the dialog's own loop is the app's: no exec(), nothing blocked

    tester.gate.set()
    assert dialog.test_task is not None
    assert await dialog.test_task is True
    assert dialog.status_label.text() == "Connection works: the server accepted the key."
    assert dialog.test_button.isEnabled()


@pytest.mark.asyncio
async def test_changing_the_dsn_cancels_a_running_test_and_clears_its_result(qtbot: QtBot) -> None:
    tester = FakeTester()
    tester.gate = asyncio.Event()
    dialog = make_dialog(qtbot, tester)
    fill(dialog)
    dialog.test_button.click()
    await wait_until(lambda: bool(tester.calls), what="the tester to be called")
    task = dialog.test_task
    assert task is not None and not task.done()

    dialog.dsn_edit.setText("api9.unipile.com:1")
    await wait_until(task.done, what="the test to stop")

    assert task.cancelled()
    assert not dialog.status_label.isVisibleTo(dialog)
    assert dialog.test_button.isEnabled()


@pytest.mark.asyncio
async def test_closing_the_dialog_cancels_a_running_test(qtbot: QtBot) -> None:
    tester = FakeTester()
    tester.gate = asyncio.Event()
    dialog = make_dialog(qtbot, tester)
    fill(dialog)
    dialog.open()
    dialog.test_button.click()
    await wait_until(lambda: bool(tester.calls), what="the tester to be called")
    task = dialog.test_task
    assert task is not None and not task.done()
    dialog.cancel_button.click()
    await wait_until(task.done, what="the test to stop")
    assert dialog.test_task is task and task.cancelled()
    assert dialog.result() == ConnectionDialog.DialogCode.Rejected


@pytest.mark.asyncio
async def test_an_invalid_dsn_is_reported_without_calling_the_tester(qtbot: QtBot) -> None:
    tester = FakeTester()
    dialog = make_dialog(qtbot, tester)
    fill(dialog, dsn="http://example.com")
    assert await dialog.test_connection() is False
    assert tester.calls == []
    assert "Plain http is only allowed" in dialog.dsn_error.text()


@pytest.mark.asyncio
async def test_the_default_tester_reports_an_unreachable_host(qtbot: QtBot) -> None:
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    fill(dialog, dsn="http://127.0.0.1:9")
    assert await dialog.test_connection() is False
    assert dialog.status_label.text().startswith("Could not reach 127.0.0.1:9.")


# ------------------------------------------------------------------------------------------------ editing


def test_editing_with_an_empty_key_field_keeps_the_saved_key(qtbot: QtBot) -> None:
    profile = Profile("Support", "api8.unipile.com:13851")
    dialog = make_dialog(qtbot, profile=profile, saved_key=KEY, offer_demo=False)
    saved: list[tuple[str, str, str]] = []
    dialog.profile_saved.connect(lambda *args: saved.append(args))
    dialog.open()
    assert dialog.key_field.text() == ""  # the saved key is never put on screen
    assert dialog.key_field.line_edit.placeholderText() == "Leave empty to keep the saved key"
    dialog.save_button.click()
    assert saved == [("Support", "api8.unipile.com:13851", "")]


def test_editing_with_a_typed_key_replaces_it(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, profile=Profile("Support", "api8.unipile.com:13851"), saved_key=KEY)
    saved: list[tuple[str, str, str]] = []
    dialog.profile_saved.connect(lambda *args: saved.append(args))
    dialog.open()
    dialog.key_field.set_text("  sk_new_9876 ")
    dialog.save_button.click()
    assert saved == [("Support", "api8.unipile.com:13851", "sk_new_9876")]


@pytest.mark.asyncio
async def test_testing_an_edited_profile_with_an_empty_key_uses_the_saved_key(qtbot: QtBot) -> None:
    tester = FakeTester(result=2)
    dialog = make_dialog(qtbot, tester, profile=Profile("Support", "api8.unipile.com:13851"), saved_key=KEY)
    dialog.open()
    assert await dialog.test_connection()
    assert tester.calls == [("api8.unipile.com:13851", KEY)]


def test_without_a_saved_key_an_empty_key_is_still_an_error(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, profile=Profile("Support", "api8.unipile.com:13851"))
    dialog.open()
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.key_error.text().startswith("The API key is empty.")
