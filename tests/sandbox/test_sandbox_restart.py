"""SandboxServer.stop() then start() again: same port, same data, requests and demo replies work again."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.sandbox.sandbox_forms import send
from unipile_desktop.sandbox import SandboxServer

REPLY_DELAY_S = (0.05, 0.1)


def _wait_for_total(server: SandboxServer, chat_id: str, total: int, timeout_s: float = 3.0) -> int:
    deadline = time.monotonic() + timeout_s
    while server.message_counts(chat_id)["total"] < total and time.monotonic() < deadline:
        time.sleep(0.02)
    return int(server.message_counts(chat_id)["total"])


def test_start_stop_start_serves_again_on_the_same_port_with_replies() -> None:
    server = SandboxServer(api_key="k", simulate_replies=True, reply_delay_s=REPLY_DELAY_S)
    try:
        server.start()
        port = server.port
        chat_id = server.landmarks["chats"]["long_history"]
        before = server.message_counts(chat_id)["total"]
        with httpx.Client(base_url=server.api_url, headers={"X-API-KEY": "k"}, timeout=5) as api:
            send(api, chat_id, "before the outage")
        assert _wait_for_total(server, chat_id, before + 2) == before + 2  # the send and its reply

        server.stop()
        with pytest.raises(httpx.TransportError):
            httpx.get(f"http://127.0.0.1:{port}/api/v1/chats", headers={"X-API-KEY": "k"}, timeout=2)

        server.start()
        assert server.port == port  # the app keeps its saved address, so the server must come back at it
        with httpx.Client(base_url=server.api_url, headers={"X-API-KEY": "k"}, timeout=5) as api:
            listed = api.get(f"/chats/{chat_id}/messages", params={"limit": 2}).json()["items"]
            assert [m["text"] for m in listed][1] == "before the outage"  # same state as before the stop
            send(api, chat_id, "after the outage")
            assert _wait_for_total(server, chat_id, before + 4) == before + 4
            newest = api.get(f"/chats/{chat_id}/messages", params={"limit": 2}).json()["items"]
        assert [m["is_sender"] for m in newest] == [0, 1]
        assert newest[1]["text"] == "after the outage" and newest[0]["text"]
    finally:
        server.stop()


def test_a_second_start_while_running_is_refused_and_stop_twice_is_harmless() -> None:
    server = SandboxServer(api_key="k", simulate_replies=True, reply_delay_s=REPLY_DELAY_S)
    with server:
        with pytest.raises(RuntimeError, match="already started"):
            server.start()
    server.stop()
    with server:  # and once more after two stops
        assert httpx.get(server.api_url + "/chats", headers={"X-API-KEY": "k"}).status_code == 200
