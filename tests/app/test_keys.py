"""The key at runtime: a rejected key is replaced without losing the composer, no keyring at all, About, no leaks."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.helpers.app_support import (
    make_credentials,
    qt_app,
    running,
    wait_closed,
    wait_for,
    window_with_chats,
)
from tests.helpers.conversation_support import wait_until
from tests.helpers.memory_keyring import MemoryKeyring
from unipile_desktop.__main__ import main
from unipile_desktop.app.application import Application
from unipile_desktop.app.connection import KeySource, Options
from unipile_desktop.logs import LOG_FILE_NAME
from unipile_desktop.paths import log_dir
from unipile_desktop.profiles import KEYRING_SERVICE, Credentials, KeyStore, Profile
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.about_dialog import AboutDialog
from unipile_desktop.ui.api_key_dialog import ApiKeyDialog
from unipile_desktop.ui.chat_list import ChatRole
from unipile_desktop.ui.connection_dialog import ConnectionDialog
from unipile_desktop.ui.keyring_dialog import KeyringUnavailableDialog
from unipile_desktop.ui.main_window import MainWindow

# The offscreen platform notes window-manager features it lacks (size hints; raise and grabs in the smoke test).
pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "grabbing the keyboard"),
    pytest.mark.usefixtures("no_environment_connection", "window_settings"),
]

KEY = "test-key"  # the `sandbox` fixture's key
NO_BACKEND = "none (no keyring backend is available)"


class Secrets:
    """Records what the app registers with the log redactor."""

    def __init__(self) -> None:
        self.registered: list[str] = []

    def add_secret(self, secret: str) -> None:
        self.registered.append(secret)


async def open_writable_chat(window: MainWindow) -> str:
    for row in range(window.chat_proxy.rowCount()):
        index = window.chat_proxy.index(row, 0)
        if not index.data(ChatRole.READ_ONLY):
            chat_id = str(index.data(ChatRole.CHAT_ID))
            window.chat_view.setCurrentIndex(index)
            await wait_until(lambda: window.conversation.chat is not None, what="the conversation")
            text_edit = window.conversation_pane.composer.text_edit
            await wait_until(lambda: not text_edit.isReadOnly(), what="the composer")  # noqa: B023 - awaited here
            return chat_id
    raise AssertionError("no writable chat")


def chat_pages_after(sandbox: SandboxServer, count_before: int) -> list[dict[str, object]]:
    return [e for e in sandbox.requests_log()[count_before:] if e["method"] == "GET" and e["path"] == "/api/v1/chats"]


# ------------------------------------------------------------------------------------------------ key rejected


@pytest.mark.asyncio
async def test_a_rejected_key_is_replaced_while_the_composer_keeps_what_was_typed(
    sandbox: SandboxServer, config_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    credentials = make_credentials(config_dir)
    credentials.add_profile("Support", sandbox.url, KEY)
    async with running(credentials=credentials) as (app, _run):
        window = await window_with_chats(app)
        chat_id = await open_writable_chat(window)
        composer = window.conversation_pane.composer
        QTest.keyClicks(composer.text_edit, "Half-written reply")

        # The key is revoked on the server: every request now answers 401 invalid_credentials.
        sandbox.add_fault(".", status=401, type="errors/invalid_credentials", times=None)
        window.refresh()
        await wait_until(window.key_banner.isVisible, what="the key banner")
        assert window.key_banner.label.text().startswith("API key rejected: Unipile refused the key of the profile")
        assert window.error_banner.isHidden()  # one message, the one with the button
        QTest.keyClicks(composer.text_edit, ", still typing")  # the window stays usable meanwhile

        window.key_banner.enter_key_button.click()
        dialog = await wait_for(ApiKeyDialog, "the key dialog")
        assert dialog.parent() is window and dialog.isModal()
        dialog.key_field.set_text(KEY)
        dialog.use_button.click()  # checked against the server first: still refused, so the dialog stays
        await wait_until(lambda: "rejected the API key" in dialog.key_error.text(), what="the refusal")
        assert dialog.isVisible() and window.key_banner.isVisible()

        sandbox.clear_faults()  # the new key is active on the server
        requests_before = len(sandbox.requests_log())
        dialog.use_button.click()
        await wait_closed(dialog)
        await wait_until(window.key_banner.isHidden, what="the banner to go")
        await wait_until(lambda: window.chat_proxy.rowCount() > 0, what="chats again")  # the cached rows at once
        await wait_until(
            lambda: 200 in [e["status"] for e in chat_pages_after(sandbox, requests_before)], what="loading resumed"
        )
        assert app.session is not None and app.session.window is window  # nothing was rebuilt ...
        assert composer.text_edit.toPlainText() == "Half-written reply, still typing"  # ... and nothing was lost
        assert window.conversation.chat is not None and window.conversation.chat.id == chat_id
        assert memory_keyring.passwords[(KEYRING_SERVICE, "Support")] == KEY


@pytest.mark.asyncio
async def test_a_stale_saved_key_shows_the_banner_and_the_new_key_goes_to_the_keyring(
    sandbox: SandboxServer, config_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    credentials = make_credentials(config_dir)
    credentials.add_profile("Support", sandbox.url, "stale-key")
    redactor = Secrets()
    app = Application(qt_app(), Options(), credentials=credentials, redactor=redactor)
    run = asyncio.ensure_future(app.run())
    try:
        await wait_until(
            lambda: app.session is not None and app.session.window.key_banner.isVisible(), what="the banner"
        )
        assert app.session is not None
        window = app.session.window
        assert window is not None and window.chat_proxy.rowCount() == 0
        client = app.session.client
        window.key_banner.enter_key_button.click()
        dialog = await wait_for(ApiKeyDialog, "the key dialog")
        assert dialog.windowTitle() == "API key rejected"
        assert "nothing you typed is lost" in dialog.message_label.text()
        dialog.key_field.set_text(KEY)
        dialog.use_button.click()
        await window_with_chats(app)
        assert window.key_banner.isHidden()
        assert app.session is not None and app.session.client is client  # the same client, with the new key
        assert memory_keyring.passwords == {(KEYRING_SERVICE, "Support"): KEY}
        assert {"stale-key", KEY} <= set(redactor.registered)
        assert sandbox.requests_log()[-1]["auth"] == "ok"
    finally:
        app.request_quit()
        assert await asyncio.wait_for(run, 5) == 0


@pytest.mark.asyncio
async def test_a_disconnected_account_is_not_a_rejected_key(sandbox: SandboxServer, config_dir: Path) -> None:
    credentials = make_credentials(config_dir)
    credentials.add_profile("Support", sandbox.url, KEY)
    async with running(credentials=credentials) as (app, _run):
        window = await window_with_chats(app)
        sandbox.add_fault("^/chats$", status=401, type="errors/disconnected_account", times=1)
        window.chats.reload()
        await wait_until(window.error_banner.isVisible, what="the error banner")
        assert "disconnected" in window.error_banner.sentence
        assert window.key_banner.isHidden()


# ------------------------------------------------------------------------------------------------ no keyring


@pytest.mark.asyncio
async def test_with_no_keyring_at_all_the_app_explains_and_works_for_the_session(
    sandbox: SandboxServer, config_dir: Path, tmp_path: Path
) -> None:
    credentials = Credentials(make_credentials(config_dir).store, KeyStore(fail.Keyring()))
    credentials.store.add(Profile("Support", sandbox.url))
    async with running(credentials=credentials) as (app, _run):
        explanation = await wait_for(KeyringUnavailableDialog, "the keyring explanation")
        assert "No system keyring is available" in explanation.message_label.text()
        assert explanation.backend_label.text() == f"Keyring in use: {NO_BACKEND}."
        explanation.session_button.click()
        dialog = await wait_for(ApiKeyDialog, "the key prompt")
        assert dialog.windowTitle() == "Enter the API key"
        assert "kept in memory until you quit" in dialog.message_label.text()
        dialog.key_field.set_text(KEY)
        dialog.use_button.click()
        window = await window_with_chats(app)
        assert app.session is not None
        assert app.session.connection is not None and app.session.connection.key_source is KeySource.SESSION
        assert window.connection_label.text().endswith("· key for this session only")
        assert credentials.session.get("Support") == KEY

        about = window.show_about()
        assert isinstance(about, AboutDialog) and about.isVisible()
        assert about.rows["Connection"].text() == "Profile “Support”"
        assert about.rows["API key"].text() == "in memory for this session only; never written to disk"
        assert about.rows["Keyring"].text() == f"{NO_BACKEND} — not a system keyring, so keys cannot be saved"
        for label in about.rows.values():
            assert label.textFormat() == Qt.TextFormat.PlainText
        about.close()
    assert files_containing(tmp_path, KEY.encode()) == []


@pytest.mark.asyncio
async def test_first_run_without_a_keyring_keeps_the_key_for_the_session_only(
    sandbox: SandboxServer, config_dir: Path, tmp_path: Path
) -> None:
    credentials = Credentials(make_credentials(config_dir).store, KeyStore(fail.Keyring()))
    async with running(credentials=credentials) as (app, _run):
        dialog = await wait_for(ConnectionDialog, "the first-run dialog")
        dialog.name_edit.setText("Support")
        dialog.dsn_edit.setText(sandbox.url)
        dialog.key_field.set_text(KEY)
        dialog.save_button.click()
        explanation = await wait_for(KeyringUnavailableDialog, "the keyring explanation")
        explanation.cancel_button.click()  # back to the connection dialog, with what was typed except the key
        dialog = await wait_for(ConnectionDialog, "the connection dialog again")
        assert (dialog.name_edit.text(), dialog.dsn_edit.text(), dialog.key_field.text()) == (
            "Support",
            sandbox.url,
            "",
        )
        dialog.key_field.set_text(KEY)
        dialog.save_button.click()
        explanation = await wait_for(KeyringUnavailableDialog, "the keyring explanation")
        explanation.session_button.click()
        await window_with_chats(app)
        assert app.session is not None
        assert app.session.connection is not None and app.session.connection.key_source is KeySource.SESSION
    # The profile is saved (name and DSN), the key is not: next time the app asks again.
    assert [p.name for p in make_credentials(config_dir).store.profiles()] == ["Support"]
    assert files_containing(tmp_path, KEY.encode()) == []


# ------------------------------------------------------------------------------------------------ no leaks


@contextlib.contextmanager
def logging_restored() -> Iterator[None]:
    """main() reconfigures the root logger (stderr and the log file); put the test runner's back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    noisy = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    try:
        yield
    finally:
        for handler in root.handlers:
            if handler not in handlers:
                handler.close()
        root.handlers[:] = handlers
        root.setLevel(level)
        for name, noisy_level in noisy.items():
            logging.getLogger(name).setLevel(noisy_level)


def test_after_a_whole_session_no_file_and_no_log_line_holds_the_key(
    qapp: QApplication,
    user_dirs_isolation: Path,
    window_settings: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 4, item 7, in this process (the memory keyring): the real main() for `profile add` with a piped key,
    then `--profile Support --smoke-test --debug`; the subprocess flavour runs under a real Secret Service in
    tests/test_credentials_real_keyring.py."""
    api_key = "sk_live_" + secrets.token_urlsafe(24)
    with SandboxServer(api_key=api_key, seed=1, simulate_replies=False) as server, logging_restored():
        monkeypatch.setattr(sys, "stdin", io.StringIO(api_key + "\n"))
        assert main(["profile", "add", "Support", "--dsn", server.url, "--test"]) == 0
        assert memory_keyring.passwords == {(KEYRING_SERVICE, "Support"): api_key}

        exit_code = main(["--profile", "Support", "--smoke-test", "--debug"])
        logging.getLogger("tests").warning("a careless line with %s in it", api_key)

    captured = capsys.readouterr()
    report = json.loads(captured.out.strip().splitlines()[-1])
    assert report["ok"] is True and exit_code == 0, captured.err[-2000:]
    assert "/accounts -> 200" in captured.err  # debug logging was on
    assert "a careless line with <redacted> in it" in captured.err  # the key the app loaded is registered
    assert api_key not in captured.out + captured.err
    log_file = log_dir() / LOG_FILE_NAME
    assert log_file.is_relative_to(user_dirs_isolation)
    assert "a careless line with <redacted> in it" in log_file.read_text("utf-8")
    settings = user_dirs_isolation / "config" / "unipile-desktop" / "settings.json"
    assert json.loads(settings.read_text("utf-8"))["last_profile"] == "Support"
    for folder in (user_dirs_isolation, window_settings):  # config, data, cache, state (the log) and Qt's settings
        assert files_containing(folder, api_key.encode()) == []


def files_containing(root: Path, needle: bytes) -> list[Path]:
    found: list[Path] = []
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            if path.is_file() and needle in path.read_bytes():
                found.append(path)
    return found
