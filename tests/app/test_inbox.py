"""The inbox wired into a real session: a customer's message notifies once per chat, a click opens the chat whatever
the list shows, closing the window can keep the app in the tray, and nothing of a closed session is left listening."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.helpers.conversation_support import wait_until
from tests.helpers.window_support import running_app, wait_for_chats
from unipile_desktop.engine.notify import RecordingBackend
from unipile_desktop.engine.queue import QueueView
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.chat_list import ChatRole

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "grabbing the keyboard"),
    pytest.mark.usefixtures("no_environment_connection", "window_settings"),
]


@pytest.fixture(autouse=True)
def no_session_bus(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No notification service can answer: the headless session keeps its notifications in memory."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")


@pytest.mark.asyncio
async def test_customer_messages_notify_once_per_chat_and_a_click_opens_the_chat_from_any_view(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path, live=True) as app:
        window = app.window
        await wait_for_chats(window, minimum=3)
        await wait_until(lambda: app.inbox.notifier_kind == "recording", what="the notifier to start")
        chat_id = str(window.chat_proxy.index(2, 0).data(ChatRole.CHAT_ID))
        assert app.conversation.chat is None or app.conversation.chat.id != chat_id
        posted: list[tuple[str, str, str]] = []
        app.notifications.posted.connect(lambda chat, summary, body: posted.append((chat, summary, body)))

        sandbox.inject_inbound(chat_id, "<b>Is my order</b> on its way? & when")
        # Noticed by the next poll: at most 6 s away while the window is active (issue 15's request budget).
        await wait_until(lambda: len(posted) == 1, what="the first notification", timeout=10)
        sandbox.inject_inbound(chat_id, "Hello?")
        await wait_until(lambda: len(posted) == 2, what="the replacing notification", timeout=10)
        backend = app.notifications.notifier.backend
        assert isinstance(backend, RecordingBackend)
        assert [shown.body for shown in backend.shown] == [posted[1][2]], "one notification per chat, replaced"
        assert posted[1][2].startswith("2 new messages")
        assert "<b>Is my order</b> on its way? & when" in posted[0][2], "no markup server: the text as written"

        # The agent meanwhile looks at done chats, filtered to something else: the click still opens the chat.
        window.filter_edit.setText("zzz nobody")
        app.queue.set_view(QueueView.DONE)
        await wait_until(lambda: window.chat_proxy.rowCount() == 0, what="an empty list")
        backend.click(backend.shown[0].handle)
        await wait_until(
            lambda: app.conversation.chat is not None and app.conversation.chat.id == chat_id, what="the chat to open"
        )
        assert window.chat_view.currentIndex().data(ChatRole.CHAT_ID) == chat_id
        assert not backend.shown, "the notification of the chat now in front is withdrawn"


@pytest.mark.asyncio
async def test_closing_the_window_keeps_the_app_in_the_tray_and_quit_ends_it(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = app.window
        closed: list[bool] = []
        hidden: list[bool] = []
        window.closed.connect(lambda: closed.append(True))
        window.hidden_to_tray.connect(lambda: hidden.append(True))
        window.keep_running_in_tray = lambda: True  # what the inbox answers where a tray exists
        window.close()
        assert hidden == [True] and closed == [] and not window.isVisible()
        window.show()
        window.quit()  # File → Quit and the tray's Quit end the app even so
        assert closed == [True] and hidden == [True]


@pytest.mark.asyncio
async def test_without_a_tray_closing_the_window_quits(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = app.window
        closed: list[bool] = []
        window.closed.connect(lambda: closed.append(True))
        assert window.keep_running_in_tray is None or not window.keep_running_in_tray()
        window.close()
        assert closed == [True]


@pytest.mark.asyncio
async def test_a_closed_session_no_longer_follows_the_application_state(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with running_app(sandbox, tmp_path, live=True) as app:
        focused: list[bool] = []
        app.notifications.set_window_focused = focused.append  # type: ignore[method-assign]
        app_state = QGuiApplication.instance()
        assert isinstance(app_state, QGuiApplication)
        app_state.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
        assert focused == [False], "positive control: the inbox follows the state while the session runs"
    # The window is gone with the session: a state change now must reach nothing of it (it raised before).
    app_state.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert focused == [False]
