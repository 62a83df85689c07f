"""LiveUpdates, the Qt face of the sync: activation sets the interval, the status line, back-online signal."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.helpers.conversation_support import wait_until
from unipile_desktop.api import NetworkError, Page, RateLimitedError
from unipile_desktop.api.client import RequestGate
from unipile_desktop.api.models import Chat, Message
from unipile_desktop.core.live_updates import LiveUpdates, ServerSlowdown, offline_text, slowdown_text
from unipile_desktop.engine.sync import SyncEngine, SyncPolicy
from unipile_desktop.store import Store


class ScriptedClient:
    """Answers ``GET /chats`` with the scripted errors first, then with empty pages."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def list_chats(self, **_: Any) -> Page[Chat]:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return Page((), None)

    async def list_all_messages(self, **_: Any) -> Page[Message]:
        return Page((), None)

    async def get_chat(self, chat_id: str, **_: Any) -> Chat:
        raise AssertionError("no chat to look up: the scripted server lists none")


@pytest.fixture
def store() -> Iterator[Store]:
    opened = Store.open(None, exclusive=False)
    yield opened
    opened.close()


# Short real intervals: the request budget is raised to match (its own checks are in tests/engine/test_sync_budget.py).
FAST = SyncPolicy(
    active_interval=0.05,
    background_interval=30.0,
    error_base_delay=0.05,
    jitter=0.0,
    active_budget=6000.0,
    background_budget=6000.0,
)


def test_offline_text_counts_down_to_the_next_attempt() -> None:
    assert offline_text(None) == "Offline"
    assert offline_text(8.4) == "Offline — retrying in 8 s"
    assert offline_text(0.3) == "Offline — retrying…"


@pytest.mark.asyncio
async def test_application_activation_sets_the_poll_interval(store: Store) -> None:
    live = LiveUpdates(store, ScriptedClient(), policy=FAST)
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    assert live.engine.active is False
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert live.engine.active is True
    await live.close()


@pytest.mark.asyncio
async def test_offline_then_rate_limited_then_online_with_one_back_online_signal(store: Store) -> None:
    client = ScriptedClient(
        NetworkError("Could not connect to the server.", kind="connect", may_have_reached_server=False),
        RateLimitedError("Too many requests", status=429, retry_after=0.2, may_have_reached_server=False),
    )
    engine = SyncEngine(store, client, policy=FAST)
    live = LiveUpdates(store, client, engine=engine, follow_application_state=False)
    indicators: list[tuple[str, str]] = []
    back: list[bool] = []
    live.indicator_changed.connect(lambda text, tip: indicators.append((text, tip)))
    live.back_online.connect(lambda: back.append(True))
    started = time.monotonic()
    live.start()
    await wait_until(lambda: client.calls >= 3 and live.indicator == ("", ""), what="online again")
    # More polls succeed after that one: each could have said "back online" again.
    polls = client.calls
    await wait_until(lambda: client.calls >= polls + 2, what="two more polls")
    await live.close()
    texts = [text for text, _ in indicators]
    assert texts[0].startswith("Offline")
    assert "Could not connect" in indicators[0][1] and "F5" in indicators[0][1]
    assert "Updates paused: the server asked to slow down" in texts
    assert texts[-1] == ""
    assert back == [True]  # once, when the rate-limited poll showed the server answers again
    assert time.monotonic() - started >= 0.2  # the 429's hint was waited out


def test_slowdown_text_counts_down_and_clears() -> None:
    assert slowdown_text(12.2) == "The server asked to slow down; retrying in 12 s"
    assert slowdown_text(0.4) == "The server asked to slow down; retrying…"
    assert slowdown_text(0) == ""


@pytest.mark.asyncio
async def test_server_slowdown_says_when_the_shared_gate_closes_and_clears_when_it_opens() -> None:
    now = [100.0]
    gate = RequestGate(clock=lambda: now[0])
    slowdown = ServerSlowdown(gate)
    texts: list[str] = []
    slowdown.changed.connect(texts.append)
    gate.close_for(12)
    assert texts == ["The server asked to slow down; retrying in 12 s"]
    now[0] += 5
    await wait_until(lambda: texts[-1] == "The server asked to slow down; retrying in 7 s", what="the countdown")
    now[0] += 7
    await wait_until(lambda: texts[-1] == "", what="the line cleared")
    assert slowdown.text == ""
    slowdown.close()
    gate.close_for(3)
    assert texts[-1] == ""  # closed: no longer listening
