"""The client's key: a 401 that rejects the key is reported once per request, and the key can be swapped in place."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from unipile_desktop.api import AuthenticationError, UnipileClient

GOOD, OLD = "sk_new_key_1234", "sk_old_key_1234"

ACCOUNTS = {"object": "AccountList", "items": [], "cursor": None}


def answer_for(key: str | None, *, disconnected: bool = False) -> httpx.Response:
    if disconnected:
        body = {"status": 401, "type": "errors/disconnected_account", "title": "Disconnected account"}
        return httpx.Response(401, json=body)
    if key != GOOD:
        body = {"status": 401, "type": "errors/invalid_credentials", "title": "Invalid credentials"}
        return httpx.Response(401, json=body)
    return httpx.Response(200, json=ACCOUNTS)


@pytest.mark.asyncio
async def test_a_rejected_key_is_reported_and_a_new_key_is_used_from_the_next_request() -> None:
    seen_keys: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen_keys.append(request.headers.get("X-API-KEY"))
        return answer_for(request.headers.get("X-API-KEY"))

    rejected: list[AuthenticationError] = []
    client = UnipileClient("127.0.0.1:9", OLD, transport=httpx.MockTransport(handler), on_key_rejected=rejected.append)
    async with client:
        with pytest.raises(AuthenticationError):
            await client.list_accounts_page()
        assert [e.type for e in rejected] == ["errors/invalid_credentials"]
        client.set_api_key(GOOD)
        page = await client.list_accounts_page()
        assert list(page.items) == []
    assert seen_keys == [OLD, GOOD]
    assert len(rejected) == 1
    assert GOOD not in repr(client) and OLD not in repr(client)


@pytest.mark.asyncio
async def test_a_disconnected_account_is_not_a_rejected_key() -> None:
    rejected: list[AuthenticationError] = []
    transport = httpx.MockTransport(lambda request: answer_for(GOOD, disconnected=True))
    async with UnipileClient("127.0.0.1:9", GOOD, transport=transport, on_key_rejected=rejected.append) as client:
        with pytest.raises(AuthenticationError) as info:
            await client.list_accounts_page()
    assert info.value.is_account_disconnected
    assert rejected == []


@pytest.mark.asyncio
async def test_a_late_401_for_the_old_key_does_not_report_the_new_key_as_rejected() -> None:
    release = asyncio.Event()
    in_flight_with_the_old_key = asyncio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("X-API-KEY") == OLD:
            in_flight_with_the_old_key.set()
            await release.wait()  # still in flight when the key is replaced
        return answer_for(request.headers.get("X-API-KEY"))

    rejected: list[AuthenticationError] = []
    client = UnipileClient("127.0.0.1:9", OLD, transport=httpx.MockTransport(handler), on_key_rejected=rejected.append)
    async with client:
        in_flight = asyncio.ensure_future(client.list_accounts_page())
        await asyncio.wait_for(in_flight_with_the_old_key.wait(), 5)
        client.set_api_key(GOOD)
        release.set()
        with pytest.raises(AuthenticationError):
            await in_flight
        assert rejected == []  # the new key was never refused
        await client.list_accounts_page()


@pytest.mark.asyncio
async def test_a_broken_listener_does_not_hide_the_error(caplog: pytest.LogCaptureFixture) -> None:
    def listener(_error: AuthenticationError) -> None:
        raise RuntimeError("listener bug")

    transport = httpx.MockTransport(lambda request: answer_for(OLD))
    async with UnipileClient("127.0.0.1:9", OLD, transport=transport, on_key_rejected=listener) as client:
        with pytest.raises(AuthenticationError):
            await client.list_accounts_page()
    assert "the key-rejected listener failed" in caplog.text
    assert json.dumps(caplog.text).count(OLD) == 0
