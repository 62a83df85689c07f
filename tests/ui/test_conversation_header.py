"""The conversation header: which team account the chat is on, the one read action that applies, escaped tips."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from unipile_desktop.api import Account, Chat, ChatType
from unipile_desktop.ui.conversation.header import ConversationHeader


def make_chat(chat_id: str = "c1", *, account_id: str = "wa2", unread: int = 0) -> Chat:
    return Chat(
        id=chat_id,
        account_id=account_id,
        account_type="WHATSAPP",
        provider_id=f"p-{chat_id}",
        name=None,
        type=ChatType.SINGLE,
        timestamp=datetime(2024, 3, 14, 12, 0, tzinfo=UTC),
        unread_count=unread,
    )


def account(account_id: str, name: str, username: str | None = None) -> Account:
    return Account(id=account_id, name=name, type="WHATSAPP", created_at=None, sources=(), username=username)


def test_the_badge_names_the_account_the_chat_is_on(qtbot: QtBot) -> None:
    header = ConversationHeader()
    qtbot.addWidget(header)
    header.set_chat(make_chat(), "Zoë Müller", ["Zoë Müller"])
    assert header.provider_badge.text() == "WhatsApp"  # the account is not known yet
    header.set_account(account("wa2", "Support FR", "+33 6 12 34 56 78"))
    assert header.provider_badge.text() == "WhatsApp · Support FR"
    tip = header.provider_badge.toolTip()
    assert "Support FR" in tip and "+33 6 12 34 56 78" in tip
    header.set_chat(make_chat(), "Zoë Müller", ["Zoë Müller"])  # attendees arrived: the same chat again
    assert header.provider_badge.text() == "WhatsApp · Support FR"
    header.set_account(account("wa1", "Sales"))  # another account's: not this chat's
    assert header.provider_badge.text() == "WhatsApp · Support FR"
    header.set_chat(make_chat("c2", account_id="wa1"), "Ana", ["Ana"])
    assert header.provider_badge.text() == "WhatsApp"


def test_only_the_read_action_that_applies_is_offered(qtbot: QtBot) -> None:
    header = ConversationHeader()
    qtbot.addWidget(header)
    header.show()
    header.set_chat(make_chat(unread=3), "Zoë", [])
    assert header.mark_read_button.isVisible() and not header.mark_unread_button.isVisible()
    header.set_unread(False)  # marked read
    assert header.mark_unread_button.isVisible() and not header.mark_read_button.isVisible()
    header.set_chat(make_chat(unread=3), "Zoë", [])  # the same chat redrawn keeps what it was told
    assert header.mark_unread_button.isVisible() and not header.mark_read_button.isVisible()
    header.set_chat(None, "", [])
    assert not header.mark_read_button.isVisible() and not header.mark_unread_button.isVisible()


def test_names_in_tooltips_are_escaped(qtbot: QtBot) -> None:
    header = ConversationHeader()
    qtbot.addWidget(header)
    header.set_chat(make_chat(), "<b>x</b> <img src='file:///etc/hosts'>", [])
    header.set_account(account("wa2", "<h1>Support</h1>"))
    assert "&lt;b&gt;x&lt;/b&gt;" in header.name_label.toolTip()
    assert "<img" not in header.name_label.toolTip()
    assert "&lt;h1&gt;" in header.provider_badge.toolTip() and "<h1>" not in header.provider_badge.toolTip()
    assert header.provider_badge.text() == "WhatsApp · <h1>Support</h1>"  # a plain-text label: shown as typed


def test_in_a_narrow_window_the_account_name_shortens_before_the_provider(qtbot: QtBot) -> None:
    header = ConversationHeader()
    qtbot.addWidget(header)
    header.set_chat(make_chat(), "Zoë Müller", [])
    header.set_account(account("wa2", "Customer Support France — second line"))
    header.resize(330, 60)
    header.show()
    qtbot.waitExposed(header)
    badge = header.provider_badge
    assert badge.full_text() == "WhatsApp · Customer Support France — secon…"  # capped at 32 characters
    assert badge.text().startswith("WhatsApp") and badge.text().endswith("…")
    assert len(badge.text()) < len(badge.full_text())
    assert "Customer Support France — second line" in badge.toolTip()  # all of it on hover
