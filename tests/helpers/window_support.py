"""Helpers for main-window tests: the real session (app/session.py) wired to a sandbox, with throwaway settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from tests.helpers.conversation_support import wait_until
from unipile_desktop.app.connection import Connection
from unipile_desktop.app.session import Session
from unipile_desktop.profiles import Credentials, KeyStore, ProfileStore
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.main_window import MainWindow

API_KEY = "test-key"


def make_settings(folder: Path) -> QSettings:
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


@asynccontextmanager
async def running_app(
    sandbox: SandboxServer,
    folder: Path,
    *,
    demo: bool = False,
    settings: QSettings | None = None,
    show: bool = True,
    live: bool = False,
) -> AsyncIterator[Session]:
    """A session built against ``sandbox`` whose window is shown and started; closed afterwards.

    ``live`` also starts the polling sync and the inbox (queue, notifications kept in memory where the machine has no
    notification service), as ``Session.start()`` does; without it nothing polls behind the test's back.
    """
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    qt_app.setQuitOnLastWindowClosed(False)  # as in main(): closing the window must not stop the test's loop
    connection = Connection(dsn=sandbox.url, api_key=API_KEY, label="Test server", demo=demo)
    credentials = Credentials(ProfileStore(), KeyStore())
    session = await Session.open(connection, credentials, settings=settings or make_settings(folder), headless=True)
    window = session.window
    if show:
        window.show()
    window.start()
    if live:
        session.live.start()
        session.inbox.start()
    try:
        yield session
    finally:
        await session.close(save_window_state=False)
        qt_app.setQuitOnLastWindowClosed(True)


def window_of(app: Session) -> MainWindow:
    return app.window


async def wait_for_chats(window: MainWindow, minimum: int = 1) -> None:
    await wait_until(lambda: window.accounts.loaded, what="accounts")
    await wait_until(lambda: window.chat_proxy.rowCount() >= minimum, what="chat rows")


def requests(sandbox: SandboxServer, method: str, path_part: str) -> list[dict[str, Any]]:
    return [
        entry
        for entry in sandbox.requests_log()
        if entry.get("method") == method and path_part in str(entry.get("path", ""))
    ]
