"""The running app and a profile's local data: the database follows the profile's id, removal warns about unsent
messages and deletes the data, pasted images go to the profile's folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.helpers.app_support import make_credentials, running, wait_for, window_with_chats
from tests.helpers.conversation_support import wait_until
from tests.helpers.memory_keyring import MemoryKeyring
from unipile_desktop.app.profile_flows import remove_profile_question
from unipile_desktop.profiles import Credentials
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.store import MessageSend, Store

pytestmark = [
    pytest.mark.qt_log_ignore("propagateSizeHints"),
    pytest.mark.usefixtures("no_environment_connection", "window_settings"),
]

KEY = "test-key"  # the `sandbox` fixture's key


@pytest.fixture
def credentials(config_dir: Path) -> Credentials:
    return make_credentials(config_dir)


def test_the_remove_question_says_first_what_would_be_lost() -> None:
    assert remove_profile_question("Sales", 0) == "Remove the profile “Sales”?"
    assert "This profile has 1 unsent message." in remove_profile_question("Sales", 1)
    assert "This profile has 3 unsent messages." in remove_profile_question("Sales", 3)
    assert "could not be checked" in remove_profile_question("Sales", None)


@pytest.mark.asyncio
async def test_the_profile_database_is_named_by_its_id_so_a_rename_keeps_it(
    sandbox: SandboxServer, credentials: Credentials, memory_keyring: MemoryKeyring
) -> None:
    credentials.add_profile("Support", sandbox.url, KEY)
    async with running(credentials=credentials) as (app, _run):
        await window_with_chats(app)
        session = app.session
        assert session is not None
        assert session.store is not None and session.store.path == credentials.database_path("Support")
        opened = session.store.path
        # Pasted images wait in the profile's own folder, not in a temporary one.
        assert session.window is not None
        assert session.window.conversation_pane.composer.text_edit.paste_dir == session.store.pasted_dir
    credentials.edit_profile("Support", "Support EU", sandbox.url)
    assert credentials.database_path("Support EU") == opened


@pytest.mark.asyncio
async def test_removing_a_profile_with_unsent_messages_says_so_and_deletes_its_data(
    sandbox: SandboxServer, credentials: Credentials, memory_keyring: MemoryKeyring
) -> None:
    credentials.add_profile("Support", sandbox.url, KEY)
    credentials.add_profile("Sales", sandbox.url, KEY)
    credentials.store.set_last_used("Support")
    sales_db = credentials.database_path("Sales")
    sales_db.parent.mkdir(parents=True, exist_ok=True)
    store = Store.open(sales_db)
    store.outbox.add(MessageSend(chat_id="chat-1", text="still waiting"))
    store.close()
    async with running(credentials=credentials) as (app, _run):
        window = await window_with_chats(app)
        window.profiles_menu.remove_menu.actions()[1].trigger()  # "Sales"
        box = await wait_for(QMessageBox, "the confirmation")
        assert box.text().startswith("Remove the profile “Sales”?")
        assert "This profile has 1 unsent message." in box.text()
        assert "is deleted too" in box.informativeText()
        next(b for b in box.buttons() if b.text() == "Remove").click()
        await wait_until(lambda: credentials.store.find("Sales") is None, what="the removal")
        assert not sales_db.exists()
