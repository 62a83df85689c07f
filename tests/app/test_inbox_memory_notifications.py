"""UNIPILE_NOTIFICATIONS=memory (the build workflow's smoke test on runners that grant no notification permission):
a headless session keeps its notifications in memory even where a notification service answers; without the switch
it uses that service."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.conversation_support import wait_until
from tests.helpers.notification_bus import private_session_bus, serve_notifications
from tests.helpers.window_support import running_app, wait_for_chats
from unipile_desktop.sandbox import SandboxServer

__all__ = ["private_session_bus"]

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "grabbing the keyboard"),
    pytest.mark.usefixtures("no_environment_connection", "window_settings"),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(("switch", "expected"), [("memory", "recording"), ("", "dbus")])
async def test_the_switch_keeps_notifications_in_memory_where_a_service_answers(
    sandbox: SandboxServer,
    tmp_path: Path,
    private_session_bus: str,
    monkeypatch: pytest.MonkeyPatch,
    switch: str,
    expected: str,
) -> None:
    monkeypatch.setenv("UNIPILE_NOTIFICATIONS", switch)
    async with serve_notifications(private_session_bus):
        async with running_app(sandbox, tmp_path, live=True) as app:
            await wait_for_chats(app.window, minimum=3)
            await wait_until(lambda: app.inbox.notifier_kind != "", what="the notifier to start")
            assert app.inbox.notifier_kind == expected
