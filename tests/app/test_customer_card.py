"""The customer card in the running app against the sandbox: shown beside the conversation for every provider of the
demo, labels as chips, in the filter box and the quick switcher, notes found by the message search, Ctrl+I
remembered, the profile asked once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from tests.helpers.conversation_support import wait_until
from tests.helpers.window_support import running_app, wait_for_chats
from unipile_desktop.app.customer_card import SETTING_CARD_VISIBLE
from unipile_desktop.app.session import Session
from unipile_desktop.core.card import chat_person_key
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.sandbox.profiles import profile_views
from unipile_desktop.ui.chat_list import ChatRole

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


def _views(sandbox: SandboxServer) -> int:
    return sum(int(n) for n in profile_views(sandbox.state)["accounts"].values())


def _one_to_one(app: Session, provider: str) -> str | None:
    for entry in app.window.chats.entries():
        chat = entry.chat
        if chat.account_type.upper() == provider and chat_person_key(chat) is not None and not chat.read_only:
            return chat.id
    return None


async def _open(app: Session, chat_id: str) -> None:
    card = app.workbench.card
    if not card.visible:
        QTest.mouseClick(app.window.conversation_pane.header.card_button, Qt.MouseButton.LeftButton)
    assert card.visible
    assert app.workbench.open_chat(chat_id)
    await wait_until(lambda: card.panel.person is not None, 10, "the person on the card")
    key = card.panel.person.key if card.panel.person is not None else ""
    await wait_until(lambda: not card.controller.profile_state(key).loading, 10, "the profile")


@pytest.mark.asyncio
async def test_the_card_shows_each_provider_of_the_demo_without_a_banner(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path, demo=True) as app:
        window = app.window
        await wait_for_chats(window, minimum=3)
        await wait_until(lambda: window.chats.pending_lookups == 0, 20, "the listed chats' details")
        card = app.workbench.card
        panel = card.panel
        assert not card.visible and not panel.isVisible()  # hidden until asked for
        seen = set()
        for provider in ("LINKEDIN", "WHATSAPP", "TELEGRAM", "INSTAGRAM", "MESSENGER"):
            chat_id = _one_to_one(app, provider)
            if chat_id is None:
                continue
            await _open(app, chat_id)
            seen.add(provider)
            person = panel.person
            assert person is not None and panel.name_label.text()
            state = card.controller.profile_state(person.key)
            if provider == "MESSENGER":  # no profile from the API: what the chat knows, a quiet line, no banner
                assert state.profile is None and panel.note_label.isVisibleTo(panel)
                assert panel.name_label.text() == person.name
            else:
                assert state.profile is not None and panel.age_label.text() == "updated just now"
            if provider == "LINKEDIN":
                assert panel.headline_label.text() and panel.distance_label.text()
                assert panel.profile_link.isVisibleTo(panel)
            if provider == "WHATSAPP":
                assert panel.handle_label.text().startswith("+")
            assert not window.error_banner.isVisible()
        assert seen == {"LINKEDIN", "WHATSAPP", "TELEGRAM", "INSTAGRAM", "MESSENGER"}  # none skipped unnoticed


@pytest.mark.asyncio
async def test_labels_show_as_chips_filter_the_list_and_match_in_the_switcher(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path, demo=True) as app:
        window = app.window
        await wait_for_chats(window, minimum=3)
        showcase = sandbox.landmarks["chats"]["showcase"]
        await _open(app, showcase)
        panel = app.workbench.card.panel
        panel.label_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        QTest.keyClicks(panel.label_edit, "VIP")
        QTest.keyClick(panel.label_edit, Qt.Key.Key_Return)
        row = window.chat_model.row_of(showcase)
        assert row is not None
        assert window.chat_model.index(row, 0).data(ChatRole.LABELS) == ("vip",)
        assert panel.chips.isVisibleTo(panel)

        window.filter_edit.setText("label:vip")
        await wait_until(lambda: window.chat_proxy.rowCount() == 1, 5, "the filtered list")
        assert window.chat_proxy.index(0, 0).data(ChatRole.CHAT_ID) == showcase
        window.filter_edit.clear()

        matches = [item.chat_id for item in app.workbench.switcher_items() if "label:vip" in item.handles]
        assert matches == [showcase]
        # Removing the chip removes the label everywhere.
        chip = panel.chips_layout.itemAt(0).widget()
        assert chip is not None
        QTest.mouseClick(chip, Qt.MouseButton.LeftButton)
        assert window.chat_model.index(row, 0).data(ChatRole.LABELS) == ()
        assert app.store.people.all_labels() == {}


@pytest.mark.asyncio
async def test_a_private_note_is_marked_private_and_found_by_the_message_search(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with running_app(sandbox, tmp_path, demo=True) as app:
        window = app.window
        await wait_for_chats(window, minimum=3)
        showcase = sandbox.landmarks["chats"]["showcase"]
        await _open(app, showcase)
        notes = app.workbench.card.panel.notes
        assert "never sent" in notes.private_label.text()
        notes.editor.setPlainText("Wants the refund on the Visa card ending 4242")
        QTest.mouseClick(notes.save_button, Qt.MouseButton.LeftButton)
        assert notes.model.rowCount() == 1
        sent = [m.text for m in sandbox.state.messages.values() if m.text and "Visa card" in m.text]
        assert sent == []  # never sent

        other = next(entry.id for entry in window.chats.entries() if entry.id != showcase)
        assert app.workbench.open_chat(other)
        dialog = app.workbench.open_search()
        dialog.query_edit.setText("visa refund")
        dialog.run_search()
        hits = dialog.model.hits()
        assert hits and hits[0].kind == "note"
        assert dialog.model.index(0, 0).data(Qt.ItemDataRole.DisplayRole) == "Private note"
        assert dialog.choose_current()
        await wait_until(lambda: window.conversation.chat is not None and window.conversation.chat.id == showcase)

        # Edited and deleted from the card, the search follows.
        notes.view.setCurrentIndex(notes.model.index(0, 0))
        notes.edit_selected()
        notes.editor.setPlainText("Refund done")
        notes.save()
        assert app.store.people.search_notes("visa") == [] and len(app.store.people.search_notes("done")) == 1
        notes.view.setCurrentIndex(notes.model.index(0, 0))
        notes.delete_selected()
        assert notes.model.rowCount() == 0 and app.store.people.search_notes("done") == []


@pytest.mark.asyncio
async def test_the_card_toggles_is_remembered_and_a_hidden_card_asks_nothing(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    async with running_app(sandbox, tmp_path, demo=True, settings=settings) as app:
        window = app.window
        await wait_for_chats(window, minimum=3)
        window.activateWindow()
        card = app.workbench.card
        assert not card.visible
        window.customer_card_action.trigger()  # what Ctrl+I and the header's button do
        assert card.panel.isVisible() and settings.value(SETTING_CARD_VISIBLE) in (True, "true")
        sizes = window.splitter.sizes()
        assert sizes[2] >= card.panel.minimumWidth() and sizes[0] >= 260  # taken from the conversation
        window.customer_card_action.trigger()
        assert not card.panel.isVisible()
        assert settings.value(SETTING_CARD_VISIBLE) in (False, "false")
        before = _views(sandbox)
        chat_id = _one_to_one(app, "LINKEDIN")
        assert chat_id is not None and app.workbench.open_chat(chat_id)
        await wait_until(lambda: app.workbench.card.controller.current is not None, 5, "the chat's person")
        person = app.workbench.card.controller.current
        assert person is not None
        # Hidden: no lookup was even started (a shown card marks the person loading before its request goes out).
        assert not app.workbench.card.controller.profile_state(person.key).loading
        assert app.workbench.card.controller.lookups == 0 and _views(sandbox) == before
    settings.setValue(SETTING_CARD_VISIBLE, True)
    async with running_app(sandbox, tmp_path, demo=True, settings=settings) as app:
        await wait_until(app.workbench.card.panel.isVisible, 5, "the card, remembered as shown")
        assert app.window.conversation_pane.header.card_button.defaultAction() is app.window.customer_card_action
