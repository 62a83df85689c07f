"""The smoke test's customer card: open a LinkedIn customer's chat (else any 1:1 chat), show the card with its
header button like a person would, and wait until the profile is on screen. Against the sandbox, the server's count
of profile lookups must have gone up by exactly one (the card asked once, not on every repaint)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ..core.card import chat_person_key
from .new_chat_driver import DriverFailure, Wait
from .smoke_checks import SANDBOX_INBOUND_PATH, inbound_control_url

if TYPE_CHECKING:
    from ..app.session import Session

CARD_TIMEOUT_S = 20
PROFILE_PROVIDERS = ("LINKEDIN", "WHATSAPP", "TELEGRAM", "INSTAGRAM")


@dataclass(frozen=True)
class CardCheck:
    elapsed_ms: int  # the chat opened with the card shown -> the profile on screen
    provider: str
    lookups: int | None  # profile lookups the sandbox counted during the check (None: not the sandbox)


async def _profile_views(session: Session, account_id: str, identifier: str) -> int | None:
    """How many times the sandbox was asked for this person's profile by this account (None: not a sandbox).

    Per person, not in all: showing the card starts a lookup for the chat already open, which may still be on its
    way while this one is counted."""
    control = inbound_control_url(session.client.base_url)
    if control is None:
        return None
    url = control.removesuffix(SANDBOX_INBOUND_PATH) + "/_sandbox/profile_views"
    async with httpx.AsyncClient(timeout=10) as http:
        try:
            response = await http.get(url)
        except httpx.HTTPError:
            return None
    if response.status_code != 200:
        return None
    identifiers = response.json().get("identifiers", {})
    if not isinstance(identifiers, dict):
        return None
    per_account = identifiers.get(account_id, {})
    return int(per_account.get(identifier, 0)) if isinstance(per_account, dict) else None


async def smoke_card(session: Session, wait: Wait) -> CardCheck | None:
    """None when no listed 1:1 chat is with a person whose provider serves profiles."""
    window = session.window
    card = session.workbench.card
    open_chat = window.conversation.chat
    candidates = []
    for entry in window.chats.entries():
        chat = entry.chat
        key = chat_person_key(chat)
        if key is None or chat.account_type.upper() not in PROFILE_PROVIDERS:
            continue
        if card.controller.profile_state(key).profile is not None or (open_chat and open_chat.id == chat.id):
            continue  # already on screen or cached: it would not show a lookup
        candidates.append(chat)
    candidates.sort(key=lambda chat: chat.account_type.upper() != "LINKEDIN")
    if not candidates:
        return None
    chat = candidates[0]
    button = window.conversation_pane.header.card_button
    if not card.visible:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        await wait("the customer card to show", card.panel.isVisible, 5)
    identifier = chat.attendee_provider_id or ""
    before = await _profile_views(session, chat.account_id, identifier)
    started = time.perf_counter()
    if not session.workbench.open_chat(chat.id):
        raise DriverFailure("the chat for the customer card could not be opened")
    key = chat_person_key(chat) or ""

    def shown() -> bool:
        state = card.controller.profile_state(key)
        person = card.panel.person
        return (
            person is not None
            and person.key == key
            and state.profile is not None
            and not state.loading
            and state.fetched_at is not None
            and bool(card.panel.age_label.text())  # the panel painted the age it read (in any language)
        )

    await wait("the customer's profile on the card", shown, CARD_TIMEOUT_S)
    elapsed = round((time.perf_counter() - started) * 1000)
    after = await _profile_views(session, chat.account_id, identifier)
    lookups = after - before if after is not None and before is not None else None
    if lookups is not None and lookups != 1:
        raise DriverFailure(f"the card asked the server for the profile {lookups} times, expected once")
    if not card.panel.name_label.text():
        raise DriverFailure("the card shows no name")
    return CardCheck(elapsed, chat.account_type.upper(), lookups)
