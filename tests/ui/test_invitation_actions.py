"""Where the Sent invitations windows open from: the account picker's menu button and File → Sent invitations."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.conversation_support import wait_until
from tests.helpers.window_support import running_app
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.ui.accounts import account_label

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise", "does not support grabbing")


@pytest.mark.asyncio
async def test_the_picker_menu_lists_the_linkedin_accounts_the_picked_one_first_and_opens_its_window(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path) as app:
        window = app.window
        actions = window.invitation_actions
        await wait_until(lambda: bool(window.accounts.accounts), what="the accounts")
        linkedin = [a for a in window.accounts.accounts if a.type.upper() == "LINKEDIN"]
        connected = [a for a in linkedin if window.accounts.status(a.id) == "OK"]
        assert len(connected) >= 2 and len(connected) < len(linkedin)  # the seed has a disconnected one too
        second = connected[1]
        assert window.account_picker.select_account(second.id)

        actions.fill_picker_menu()
        labels = [action.text() for action in actions.picker_menu.actions()]
        assert labels[0] == f"Sent invitations — {account_label(second)}…"  # the account being worked in first
        assert len(labels) == len(connected)  # connected LinkedIn accounts only: no WhatsApp, no disconnected one
        actions.fill_file_menu()
        assert [a.data() for a in actions.file_menu.actions()] == [a.data() for a in actions.picker_menu.actions()]

        actions.picker_menu.actions()[0].trigger()
        opened = actions.windows.get(second.id)
        assert opened is not None and opened.isVisible()
        server_side = {item["id"] for item in sandbox.sent_invitations(second.id)}
        assert server_side  # the seed invited someone from each connected LinkedIn account
        await wait_until(
            lambda: {i.id for i in opened.model.invitations()} == server_side, what="the sent invitations listed"
        )
        assert actions.open_window(second.id) is opened  # one window per account, raised again
        whatsapp = next(a for a in window.accounts.accounts if a.type.upper() == "WHATSAPP")
        assert actions.open_window(whatsapp.id) is None
        opened.close()
