"""The notifier against a real D-Bus: a private bus, desktop-notifier, and a recording notification server."""

from __future__ import annotations

import asyncio
import html
from pathlib import Path

import pytest

from tests.helpers.notification_bus import serve_notifications
from tests.helpers.plain_loop import on_asyncio, wait_for
from unipile_desktop.engine.notify import Notifier, Probe, RecordingBackend, notification_text
from unipile_desktop.engine.notify.service import NO_SERVICE, NO_SESSION_BUS, PROBE_FAILED

HOSTILE = '<b>x</b> <a href="http://evil">y</a> <img src=x> & co'
APP = "Unipile Desktop Tests"


def _texts(text: str, *, markup: bool) -> tuple[str, str]:
    return notification_text(
        sender="Alice Martin",
        chat_title="Alice Martin",
        account="WhatsApp Support",
        texts=[text],
        hide_text=False,
        markup=markup,
    )


# ------------------------------------------------------------------------------------------ through D-Bus


@on_asyncio
async def test_hostile_html_arrives_escaped_when_the_server_renders_body_markup(private_session_bus: str) -> None:
    async with serve_notifications(private_session_bus, capabilities=["actions", "body", "body-markup"]) as server:
        notifier = Notifier(APP)
        await notifier.start()
        assert notifier.available and notifier.markup
        summary, body = _texts(HOSTILE, markup=notifier.markup)
        assert await notifier.show("chat-1", summary, body, on_click=lambda: None)
        [received] = server.received
        assert received.app_name == APP
        assert received.summary == "Alice Martin — WhatsApp Support"
        assert (
            received.body == '&lt;b&gt;x&lt;/b&gt; &lt;a href="http://evil"&gt;y&lt;/a&gt; &lt;img src=x&gt; &amp; co'
        )
        assert "<" not in received.body and html.unescape(received.body) == HOSTILE  # shown exactly as typed
        await notifier.close()


@on_asyncio
async def test_hostile_html_arrives_unchanged_when_the_server_shows_plain_text(private_session_bus: str) -> None:
    async with serve_notifications(private_session_bus, capabilities=["actions", "body"]) as server:
        notifier = Notifier(APP)
        await notifier.start()
        assert notifier.available and not notifier.markup
        summary, body = _texts(HOSTILE, markup=notifier.markup)
        assert await notifier.show("chat-1", summary, body, on_click=lambda: None)
        [received] = server.received
        assert received.body == HOSTILE  # a plain-text server shows it literally; entities would show as "&lt;"
        await notifier.close()


@on_asyncio
async def test_a_second_notification_for_a_chat_replaces_the_first(private_session_bus: str) -> None:
    async with serve_notifications(private_session_bus) as server:
        notifier = Notifier(APP)
        assert await notifier.show("chat-1", "Alice", "Hello", on_click=lambda: None)
        assert await notifier.show("chat-2", "Bob", "Hi there", on_click=lambda: None)
        assert await notifier.show("chat-1", "Alice", "2 new messages — Are you there?", on_click=lambda: None)
        first = server.received[0]
        assert first.id in server.close_calls
        assert sorted(n.body for n in server.on_screen) == ["2 new messages — Are you there?", "Hi there"]
        await notifier.close()
        assert server.on_screen == []  # nothing left that a click could no longer open


@on_asyncio
async def test_clicking_a_notification_calls_back_with_its_chat(private_session_bus: str) -> None:
    async with serve_notifications(private_session_bus) as server:
        notifier = Notifier(APP)
        clicked: list[str] = []
        assert await notifier.show("chat-1", "Alice", "Hello", on_click=lambda: clicked.append("chat-1"))
        assert await notifier.show("chat-2", "Bob", "Hi", on_click=lambda: clicked.append("chat-2"))
        [alice] = [n for n in server.on_screen if n.summary == "Alice"]
        assert "default" in alice.actions  # clicking the body invokes the default action

        server.click(alice.id)
        await wait_for(lambda: clicked == ["chat-1"], "the click callback")
        assert not notifier.is_shown("chat-1") and notifier.is_shown("chat-2")

        # The clicked one is gone from the server: the next for that chat is a fresh one, nothing to close.
        assert await notifier.show("chat-1", "Alice", "Again", on_click=lambda: None)
        assert alice.id not in server.close_calls
        assert sorted(n.body for n in server.on_screen) == ["Again", "Hi"]
        await notifier.close()


@on_asyncio
async def test_a_notification_the_person_dismissed_is_not_closed_again(private_session_bus: str) -> None:
    async with serve_notifications(private_session_bus) as server:
        notifier = Notifier(APP)
        assert await notifier.show("chat-1", "Alice", "Hello", on_click=lambda: None)
        server.dismiss(server.received[0].id)
        assert await notifier.show("chat-1", "Alice", "Hello again", on_click=lambda: None)
        assert [n.body for n in server.on_screen] == ["Hello again"]
        await notifier.close()


@on_asyncio
async def test_withdraw_removes_the_notification_of_a_chat(private_session_bus: str) -> None:
    async with serve_notifications(private_session_bus) as server:
        notifier = Notifier(APP)
        assert await notifier.show("chat-1", "Alice", "Hello", on_click=lambda: None)
        await notifier.withdraw("chat-1")
        await notifier.withdraw("chat-unknown")
        assert server.on_screen == [] and server.close_calls == [server.received[0].id]
        await notifier.close()


@on_asyncio
async def test_without_a_notification_service_the_notifier_is_unavailable(private_session_bus: str) -> None:
    notifier = Notifier(APP)
    await notifier.start()  # must not raise
    assert not notifier.available
    assert notifier.unavailable_reason == NO_SERVICE
    assert not await notifier.show("chat-1", "Alice", "Hello", on_click=lambda: None)
    await notifier.withdraw("chat-1")
    await notifier.close()


@on_asyncio
async def test_without_a_session_bus_the_notifier_is_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus-here'}")
    notifier = Notifier(APP)
    assert not await notifier.show("chat-1", "Alice", "Hello", on_click=lambda: None)  # starts itself
    assert notifier.started and not notifier.available
    assert notifier.unavailable_reason == NO_SESSION_BUS
    await notifier.close()


# ------------------------------------------------------------------------------------------ any backend


class _BrokenBackend(RecordingBackend):
    def __init__(self, *, fail_probe: bool = False) -> None:
        super().__init__()
        self.fail_probe = fail_probe

    async def probe(self) -> Probe:
        if self.fail_probe:
            raise RuntimeError("probe exploded")
        return await super().probe()

    async def send(self, summary: str, body: str, on_click: object) -> str | None:
        raise RuntimeError("send exploded")

    async def close(self) -> None:
        raise RuntimeError("close exploded")


@on_asyncio
async def test_a_failing_backend_never_raises_into_the_app() -> None:
    broken_probe = Notifier(APP, backend=_BrokenBackend(fail_probe=True))
    await broken_probe.start()
    assert not broken_probe.available and broken_probe.unavailable_reason == PROBE_FAILED

    broken_send = Notifier(APP, backend=_BrokenBackend())
    assert not await broken_send.show("chat-1", "Alice", "Hello", on_click=lambda: None)
    await broken_send.close()


@on_asyncio
async def test_a_refused_notification_is_reported_as_not_shown() -> None:
    class Refusing(RecordingBackend):
        async def send(self, summary: str, body: str, on_click: object) -> str | None:
            return None

    notifier = Notifier(APP, backend=Refusing())
    assert not await notifier.show("chat-1", "Alice", "Hello", on_click=lambda: None)
    assert not notifier.is_shown("chat-1")


@on_asyncio
async def test_the_recording_backend_replaces_and_clicks_like_a_server() -> None:
    backend = RecordingBackend(markup=True)
    notifier = Notifier(APP, backend=backend)
    clicked: list[str] = []
    assert await notifier.show("chat-1", "Alice", "one", on_click=lambda: clicked.append("chat-1"))
    assert await notifier.show("chat-1", "Alice", "two", on_click=lambda: clicked.append("chat-1"))
    assert notifier.markup
    assert [n.body for n in backend.shown] == ["two"]
    backend.click(backend.shown[0].handle)
    assert clicked == ["chat-1"] and not notifier.is_shown("chat-1")
    await notifier.close()
    assert backend.closed


@on_asyncio
async def test_an_unavailable_backend_gives_its_reason() -> None:
    notifier = Notifier(APP, backend=RecordingBackend(available=False, reason="Notifications are off here."))
    await notifier.start()
    assert notifier.unavailable_reason == "Notifications are off here."
    assert not await notifier.show("chat-1", "Alice", "Hello", on_click=lambda: None)


@on_asyncio
async def test_notifications_that_start_the_notifier_together_probe_it_once() -> None:
    class Counting(RecordingBackend):
        probes = 0

        async def probe(self) -> Probe:
            self.probes += 1
            await asyncio.sleep(0)
            return await super().probe()

    backend = Counting()
    notifier = Notifier(APP, backend=backend)
    results = await asyncio.gather(
        notifier.show("chat-1", "Alice", "one", on_click=lambda: None),
        notifier.show("chat-2", "Bob", "two", on_click=lambda: None),
        notifier.show("chat-1", "Alice", "three", on_click=lambda: None),
    )
    assert results == [True, True, True] and backend.probes == 1
    assert sorted(n.body for n in backend.shown) == ["three", "two"]
