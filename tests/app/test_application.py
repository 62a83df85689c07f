"""Application.run: connecting from the environment, the first-run dialog, the demo, one shutdown path."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.helpers.app_support import visible, wait_for
from tests.helpers.conversation_support import wait_until
from unipile_desktop.app.application import Application
from unipile_desktop.app.connection import ENV_API_KEY, ENV_DSN, Options
from unipile_desktop.paths import downloads_dir, window_settings_file
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.connection_dialog import ConnectionDialog

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def qt_app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    return app


@pytest.fixture
def no_connection_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DSN, raising=False)
    monkeypatch.delenv(ENV_API_KEY, raising=False)


@pytest.fixture
def isolated_settings(user_dirs_isolation: Path) -> Path:
    """Real (non-demo) window settings go beside settings.json, in this test's own config folder (tests/helpers/
    user_dirs.py), never the developer's own."""
    return window_settings_file().parent


@pytest.mark.asyncio
async def test_the_environment_connects_and_closing_the_window_ends_run_cleanly(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch, isolated_settings: Path
) -> None:
    monkeypatch.setenv(ENV_DSN, sandbox.url)
    monkeypatch.setenv(ENV_API_KEY, "test-key")
    app = Application(qt_app(), Options())
    assert ENV_API_KEY not in os.environ  # taken out at once: programs the app opens must not inherit it
    run = asyncio.ensure_future(app.run())
    await wait_until(lambda: app.session is not None and app.session.window.chat_proxy.rowCount() > 0, what="chats")
    assert app.session is not None
    window = app.session.window
    assert window is not None
    assert window.windowTitle() == "Unipile Desktop"
    assert window.connection_label.text() == "Connected to 127.0.0.1:" + str(sandbox.port)
    assert "test-key" not in window.connection_label.text()
    tasks = app.session.tasks
    assert tasks is not None and app.session.settings is not None
    assert Path(app.session.settings.fileName()).is_relative_to(isolated_settings)
    window.close()
    assert await asyncio.wait_for(run, 5) == 0
    assert app.session is None  # no client, no window
    with pytest.raises(RuntimeError):  # every background task was cancelled and no new one can start
        tasks.start("late", asyncio.sleep(0))


@pytest.mark.asyncio
async def test_the_first_run_asks_for_a_connection_and_closing_the_dialog_quits_with_0(
    no_connection_env: None, isolated_settings: Path, user_dirs_isolation: Path
) -> None:
    # Attachments opened on earlier runs: yesterday's copy goes at start-up, a recent one may still be in use.
    downloads = downloads_dir()
    old_copy, recent_copy = downloads / "m1-a1" / "id-card.jpg", downloads / "m2-a2" / "invoice.pdf"
    for path in (old_copy, recent_copy):
        path.parent.mkdir(parents=True)
        path.write_bytes(b"customer data")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old_copy, (two_days_ago, two_days_ago))
    app = Application(qt_app(), Options())
    run = asyncio.ensure_future(app.run())
    dialog = await wait_for(ConnectionDialog, "the connection dialog")
    assert not old_copy.exists() and recent_copy.exists()
    assert dialog.windowTitle() == "Connect to Unipile"
    assert dialog.demo_button.isVisible()
    dialog.reject()  # the window's close button does the same
    assert await asyncio.wait_for(run, 5) == 0
    assert app.session is None  # no window, no client
    assert not (user_dirs_isolation / "config" / "unipile-desktop" / "settings.json").exists()


@pytest.mark.asyncio
async def test_the_first_run_dialog_offers_the_demo_which_keeps_its_settings_apart(
    no_connection_env: None, isolated_settings: Path, user_dirs_isolation: Path
) -> None:
    app = Application(qt_app(), Options())
    run = asyncio.ensure_future(app.run())
    dialog = await wait_for(ConnectionDialog, "the connection dialog")
    dialog.demo_button.click()
    await wait_until(
        lambda: app.session is not None and app.session.window.chat_proxy.rowCount() > 0, what="demo chats"
    )
    assert app.session is not None
    window, sandbox = app.session.window, app.session.sandbox
    assert window is not None and app.session.settings is not None and sandbox is not None
    assert window.windowTitle() == "Unipile Desktop — Demo"
    assert window.profiles_menu.demo_action.isChecked()
    settings_file = Path(app.session.settings.fileName())
    assert "unipile-desktop-demo-" in str(settings_file.parent)
    demo_dir = settings_file.parent
    window.close()
    assert await asyncio.wait_for(run, 5) == 0
    assert app.session is None  # the demo's session ended with its sandbox ...
    with pytest.raises(RuntimeError):
        sandbox.port  # ... stopped  # noqa: B018
    assert not demo_dir.exists()  # nothing of the demo is left behind
    assert not isolated_settings.exists()  # and the real settings were never written
    assert not (user_dirs_isolation / "config" / "unipile-desktop").exists()


@pytest.mark.asyncio
async def test_a_smoke_test_without_a_connection_reports_json_instead_of_asking(
    no_connection_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    app = Application(qt_app(), Options(smoke_test=True))
    assert await asyncio.wait_for(app.run(), 5) == 1
    assert visible(ConnectionDialog) is None
    report = json.loads(capsys.readouterr().out.strip())
    assert report["ok"] is False
    assert report["error"].startswith("No connection profile is saved yet.")
    assert "unipile-desktop profile add NAME --dsn DSN" in report["error"]
    assert ENV_DSN in report["error"] and "--demo" in report["error"]


@pytest.mark.asyncio
async def test_only_one_of_the_environment_variables_is_an_error_not_a_guess(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV_DSN, "api1.unipile.com:13111")
    monkeypatch.delenv(ENV_API_KEY, raising=False)
    app = Application(qt_app(), Options(smoke_test=True))
    assert await asyncio.wait_for(app.run(), 5) == 1
    report = json.loads(capsys.readouterr().out.strip())
    assert report["error"] == f"{ENV_DSN} is set but {ENV_API_KEY} is not. Set both, or neither to use a saved profile."
