"""Helpers for tests of the composition root: run Application.run() in the test's loop and answer its dialogs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TypeVar

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QWidget

from tests.helpers.conversation_support import wait_until
from unipile_desktop.app.application import Application
from unipile_desktop.app.connection import ENV_API_KEY, ENV_DSN, Options
from unipile_desktop.paths import window_settings_file
from unipile_desktop.profiles import Credentials, KeyStore, ProfileStore
from unipile_desktop.ui.connection_dialog import ConnectionTester
from unipile_desktop.ui.main_window import MainWindow

W = TypeVar("W", bound=QWidget)


def qt_app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)  # as in main(): closing a window or dialog must not stop the test's loop
    return app


def isolate_qsettings(folder: Path) -> Path:
    """Qt's own per-user settings go to ``folder``: Qt reads that location once per process, so set it explicitly."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


# ---------------------------------------------------------------------------------------------- fixtures
# Re-exported by tests/ui/conftest.py; a test module of the whole app turns the first two on with
# ``pytestmark = pytest.mark.usefixtures("no_environment_connection", "window_settings")``.


@pytest.fixture
def no_environment_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app must not pick up a UNIPILE_DSN / UNIPILE_API_KEY from the shell running the tests."""
    monkeypatch.delenv(ENV_DSN, raising=False)
    monkeypatch.delenv(ENV_API_KEY, raising=False)


@pytest.fixture
def window_settings(tmp_path: Path, user_dirs_isolation: Path) -> Path:
    """The folder of the window's settings (window.ini beside settings.json, in this test's own config folder).

    Qt's own per-user settings location is pointed at the test's folder as well, should anything use it.
    """
    isolate_qsettings(tmp_path / "qsettings")
    return window_settings_file().parent


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    """Where this test's settings.json (the profiles) goes."""
    return tmp_path / "config"


# ---------------------------------------------------------------------------------------------- helpers


def make_credentials(config_dir: Path, keys: KeyStore | None = None) -> Credentials:
    return Credentials(ProfileStore(config_dir), keys if keys is not None else KeyStore())


def visible(kind: type[W]) -> W | None:
    """The visible window or dialog of that type (the newest, if several)."""
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


async def wait_for(kind: type[W], what: str, timeout: float = 5.0) -> W:
    await wait_until(lambda: visible(kind) is not None, timeout=timeout, what=what)
    widget = visible(kind)
    assert widget is not None
    return widget


def click_text(parent: QWidget, text: str) -> None:
    """Click the button labelled ``text`` (ignoring & shortcuts) inside ``parent``."""
    buttons = [b for b in parent.findChildren(QAbstractButton) if b.text().replace("&", "") == text]
    assert buttons, f"no button “{text}” in {type(parent).__name__}"
    buttons[0].click()


async def wait_closed(dialog: QDialog, what: str = "the dialog to close") -> None:
    """Until the dialog is hidden or already deleted (the app deletes dialogs once answered)."""
    await wait_until(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), what=what)


async def window_with_chats(app: Application, timeout: float = 10.0) -> MainWindow:
    await wait_until(
        lambda: app.session is not None and app.session.window.chat_proxy.rowCount() > 0, timeout=timeout, what="chats"
    )
    assert app.session is not None
    return app.session.window


@asynccontextmanager
async def running(
    options: Options | None = None, *, credentials: Credentials, tester: ConnectionTester | None = None
) -> AsyncIterator[tuple[Application, asyncio.Future[int]]]:
    """Application.run() as a task; afterwards the app is asked to quit and the task awaited."""
    app = Application(qt_app(), options or Options(), credentials=credentials, tester=tester)
    run = asyncio.ensure_future(app.run())
    try:
        yield app, run
    finally:
        if not run.done():
            app.request_quit()
            await asyncio.wait_for(run, 10)
