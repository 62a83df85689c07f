"""Application.run: connecting from the environment, the "how to connect" message, the demo, one shutdown path."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conversation_support import wait_until
from unipile_desktop.app import ENV_API_KEY, ENV_DSN, Application, Options
from unipile_desktop.sandbox import SandboxServer

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def qt_app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    return app


def message_box() -> QMessageBox | None:
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    return boxes[0] if boxes else None


def click(box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if b.text() == text)
    button.click()


@pytest.fixture
def no_connection_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DSN, raising=False)
    monkeypatch.delenv(ENV_API_KEY, raising=False)


@pytest.fixture
def isolated_settings(tmp_path: Path) -> Path:
    """Real (non-demo) settings go to a temporary folder, never the developer's own.

    Qt reads the settings location once per process, so the path is set explicitly rather than through HOME; it is
    left pointing at this test's folder afterwards, which is safer than pointing back at a real home.
    """
    config = tmp_path / "config"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(config))
    return config


@pytest.mark.asyncio
async def test_the_environment_connects_and_closing_the_window_ends_run_cleanly(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch, isolated_settings: Path
) -> None:
    monkeypatch.setenv(ENV_DSN, sandbox.url)
    monkeypatch.setenv(ENV_API_KEY, "test-key")
    app = Application(qt_app(), Options())
    run = asyncio.ensure_future(app.run())
    await wait_until(lambda: app.window is not None and app.window.chat_proxy.rowCount() > 0, what="chats")
    window = app.window
    assert window is not None
    assert window.windowTitle() == "Unipile Desktop"
    assert window.connection_label.text() == "Connected to 127.0.0.1:" + str(sandbox.port)
    assert "test-key" not in window.connection_label.text()
    tasks = app.tasks
    assert tasks is not None and app.settings is not None
    assert Path(app.settings.fileName()).is_relative_to(isolated_settings)
    window.close()
    assert await asyncio.wait_for(run, 5) == 0
    assert app.client is None and app.window is None
    with pytest.raises(RuntimeError):  # every background task was cancelled and no new one can start
        tasks.start("late", asyncio.sleep(0))


@pytest.mark.asyncio
async def test_without_a_connection_a_message_says_how_to_connect_and_quit_ends(
    no_connection_env: None, isolated_settings: Path
) -> None:
    app = Application(qt_app(), Options())
    run = asyncio.ensure_future(app.run())
    await wait_until(lambda: message_box() is not None, what="the message")
    box = message_box()
    assert box is not None
    assert box.text() == f"Not connected: {ENV_DSN} and {ENV_API_KEY} are not set."
    assert ENV_DSN in box.informativeText() and "demo" in box.informativeText()
    click(box, "Quit")
    assert await asyncio.wait_for(run, 5) == 0
    assert app.window is None and app.client is None


@pytest.mark.asyncio
async def test_the_message_offers_the_demo_which_keeps_its_settings_apart(
    no_connection_env: None, isolated_settings: Path
) -> None:
    app = Application(qt_app(), Options())
    run = asyncio.ensure_future(app.run())
    await wait_until(lambda: message_box() is not None, what="the message")
    box = message_box()
    assert box is not None
    click(box, "Open the demo")
    await wait_until(lambda: app.window is not None and app.window.chat_proxy.rowCount() > 0, what="demo chats")
    window = app.window
    assert window is not None and app.settings is not None and app.sandbox is not None
    assert window.windowTitle() == "Unipile Desktop — Demo"
    settings_file = Path(app.settings.fileName())
    assert "unipile-desktop-demo-" in str(settings_file.parent)
    demo_dir = settings_file.parent
    window.close()
    assert await asyncio.wait_for(run, 5) == 0
    assert app.sandbox is None  # stopped
    assert not demo_dir.exists()  # nothing of the demo is left behind
    assert not isolated_settings.exists()  # and the real settings were never written


@pytest.mark.asyncio
async def test_a_smoke_test_without_a_connection_reports_json_instead_of_asking(
    no_connection_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    app = Application(qt_app(), Options(smoke_test=True))
    assert await asyncio.wait_for(app.run(), 5) == 1
    assert message_box() is None
    out = capsys.readouterr().out.strip()
    assert out.startswith('{"ok": false, "error": "UNIPILE_DSN and UNIPILE_API_KEY are not set.')
