"""Canned replies wired into the window: the demo's replies, the chat's values, and what reaches the server."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.helpers.conversation_support import wait_until
from tests.helpers.window_support import running_app, wait_for_chats
from unipile_desktop.app.session import DEMO_AGENT_NAME
from unipile_desktop.sandbox import SandboxServer

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.mark.asyncio
async def test_a_demo_canned_reply_reaches_the_server_with_the_customers_name_and_the_agents_filled_in(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path, demo=True) as app:
        window = app.window
        assert len(app.store.canned.list()) == 5  # the demo's replies, installed once
        await wait_for_chats(window, minimum=3)
        showcase = sandbox.landmarks["chats"]["showcase"]  # a 1:1 WhatsApp chat with Zoë Müller
        assert window.select_chat(showcase)
        await wait_until(lambda: window.conversation.chat is not None and not window.conversation.is_loading)
        values = app.workbench.canned_values()
        assert values["first_name"] == "Zoë" and values["agent_name"] == DEMO_AGENT_NAME
        assert values["account_name"]

        composer = window.conversation_pane.composer
        composer.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        QTest.keyClicks(composer.text_edit, "/hours")
        QTest.keyClick(composer.text_edit, Qt.Key.Key_Return)  # inserts the reply
        text = composer.text_edit.toPlainText()
        assert text.startswith("Hi Zoë,") and "{" not in text
        QTest.keyClick(composer.text_edit, Qt.Key.Key_Return)  # sends

        def on_server() -> list[str]:
            with sandbox.state.lock:
                return [m.text or "" for m in sandbox.state.messages.values() if m.chat_id == showcase]

        def replies() -> list[str]:
            return [t for t in on_server() if t.startswith("Hi Zoë, our support team")]

        await wait_until(lambda: bool(replies()), 10, "the reply on the server")
        (reply,) = replies()  # once, with every variable filled
        assert reply.endswith(f"Thanks for contacting {values['account_name']}!") and "{" not in reply


@pytest.mark.asyncio
async def test_ctrl_k_finds_a_chat_of_another_account_by_a_name_typed_without_accents_and_opens_it(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path, demo=True) as app:
        window = app.window
        await wait_for_chats(window, minimum=3)
        showcase = sandbox.landmarks["chats"]["showcase"]  # Zoë Müller, on a WhatsApp account
        await wait_until(lambda: bool(window.accounts.accounts), what="the accounts")
        # Every listed chat's people are read in the background (and cached): then a chat of another account is
        # still found by its person's name.
        await wait_until(lambda: window.chats.pending_lookups == 0, 20, "the listed chats' details")
        other = next(a for a in window.accounts.accounts if a.type.upper() == "TELEGRAM")
        assert window.account_picker.select_account(other.id)  # the list now shows another account only
        await wait_until(lambda: window.chats.entry(showcase) is None and not window.chats.is_loading)

        window.chat_view.setFocus(Qt.FocusReason.OtherFocusReason)
        QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        switcher = app.workbench.switcher
        await wait_until(switcher.isVisible, what="the quick switcher")
        QTest.keyClicks(switcher.search, "zoe mul")
        await wait_until(lambda: switcher.model.rowCount() > 0, what="a match")
        QTest.keyClick(switcher.search, Qt.Key.Key_Return)
        await wait_until(lambda: window.conversation.chat is not None and window.conversation.chat.id == showcase)
        assert not switcher.isVisible()


@pytest.mark.asyncio
async def test_ctrl_k_reads_the_cached_chats_again_only_when_they_changed(
    sandbox: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading and parsing every cached chat takes about a second at 10,000: not on each Ctrl+K."""
    async with running_app(sandbox, tmp_path, demo=True) as app:
        await wait_for_chats(app.window, minimum=3)
        cache = app.store.cache
        reads: list[int] = []
        real_chats = cache.chats
        monkeypatch.setattr(cache, "chats", lambda *a, **k: reads.append(1) or real_chats(*a, **k))
        first = app.workbench.switcher_items()
        second = app.workbench.switcher_items()
        assert second == first and len(reads) == 1  # two calls, one read (nothing awaited between them)
        reads.clear()
        chat = first[0]
        cached = cache.chat(chat.chat_id)
        assert cached is not None
        cache.put_chats([cached])  # written again (a sync): read again
        app.workbench.switcher_items()
        assert len(reads) == 1
