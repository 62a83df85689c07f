"""A 429 from the server: the whole app pauses for its Retry-After, and the status bar says so while it lasts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.conversation_support import wait_until
from tests.helpers.window_support import running_app, wait_for_chats
from unipile_desktop.app.session import SLOWDOWN_PREFIX
from unipile_desktop.sandbox import SandboxServer

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.mark.asyncio
async def test_a_429_pauses_every_request_and_the_status_bar_counts_it_down(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path, live=True) as app:
        window = app.window
        await wait_for_chats(window, minimum=3)
        sandbox.add_fault(r"^/messages$", method="GET", status=429, retry_after=2, times=1)
        app.live.refresh_now()
        bar = window.statusBar()
        await wait_until(lambda: bar.currentMessage().startswith(SLOWDOWN_PREFIX), 15, "the slow-down sentence")
        closed_at = len(sandbox.requests_log())
        await wait_until(lambda: bar.currentMessage() == "", 10, "the pause to end")
        after = sandbox.requests_log()[closed_at:]
        assert after, "requests go out again once the pause is over"
        assert any(rule.get("fired") for rule in sandbox.list_faults())  # the 429 was really answered
