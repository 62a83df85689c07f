"""Where the sandbox must be no kinder than Unipile: recipient ids, what GET /chats?after= means, late stores."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.sandbox.sandbox_forms import send, start
from tests.sandbox.sandbox_shapes import check_error
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.sandbox.models import format_ts, now_ms
from unipile_desktop.sandbox.routes import ApiRequest

SEND_PATH = "^/chats/[^/]+/messages$"


def test_attendees_ids_take_provider_ids_not_attendee_ids(api: httpx.Client, sandbox: SandboxServer) -> None:
    whatsapp = str(sandbox.landmarks["accounts"]["whatsapp"])
    provider_id = str(sandbox.landmarks["recipients"]["whatsapp_contact_without_chat"])
    attendee = sandbox.state.attendee(provider_id, whatsapp)
    assert attendee.id != provider_id
    check_error(start(api, whatsapp, [attendee.id], "Hi").json(), 422, "errors/invalid_recipient")
    assert start(api, whatsapp, [provider_id], "Hi").status_code == 201


@pytest.mark.parametrize(("mode", "listed"), [("activity", True), ("created", False)])
def test_chat_filter_on_says_what_get_chats_after_compares_with(
    api: httpx.Client, sandbox: SandboxServer, mode: str, listed: bool
) -> None:
    sandbox.routes.chat_filter_on = mode
    chat = str(sandbox.landmarks["chats"]["showcase"])  # created long ago
    sandbox.inject_inbound(chat, "new activity in an old chat")
    after = format_ts(now_ms() - 60_000)
    ids = [c["id"] for c in api.get("/chats", params={"after": after, "limit": 250}).json()["items"]]
    assert (chat in ids) is listed
    # The cursor keeps the mode of its first page's filters (the whole list either way).
    assert api.get("/chats", params={"limit": 250}).json()["items"]
    with pytest.raises(ValueError):
        sandbox.routes.chat_filter_on = "updated"


def test_get_messages_lists_all_chats_newest_first_with_after_and_account_filters(
    api: httpx.Client, sandbox: SandboxServer
) -> None:
    whatsapp = str(sandbox.landmarks["accounts"]["whatsapp"])
    linkedin_chat = str(sandbox.landmarks["chats"]["linkedin_connection"])
    start_ms = now_ms()
    one = sandbox.inject_inbound(str(sandbox.landmarks["chats"]["showcase"]), "first")
    stamped, deadline = now_ms(), time.monotonic() + 5
    while now_ms() <= stamped:  # a later millisecond: the order is by timestamp
        assert time.monotonic() < deadline, "the clock stands still"
        time.sleep(0.001)
    two = sandbox.inject_inbound(linkedin_chat, "second")
    after = format_ts(start_ms - 1)
    everything = api.get("/messages", params={"after": after}).json()
    assert [m["id"] for m in everything["items"]] == [two["id"], one["id"]]
    only_whatsapp = api.get("/messages", params={"after": after, "account_id": whatsapp}).json()
    assert [m["id"] for m in only_whatsapp["items"]] == [one["id"]]


def test_store_later_answers_504_at_once_and_stores_the_message_afterwards(
    api: httpx.Client, sandbox: SandboxServer
) -> None:
    chat = str(sandbox.landmarks["chats"]["showcase"])
    rule = sandbox.faults.add({"path": SEND_PATH, "method": "POST", "action": "store_later", "store_after_ms": 300})
    assert rule.to_json()["store_after_ms"] == 300
    response = send(api, chat, "stored late")
    check_error(response.json(), 504, "errors/request_timeout")
    assert sandbox.message_counts(chat)["by_text"].get("stored late", 0) == 0  # not yet: the provider still works
    deadline = time.monotonic() + 5
    while sandbox.message_counts(chat)["by_text"].get("stored late", 0) == 0:
        assert time.monotonic() < deadline, "the late store never happened"
        time.sleep(0.02)
    assert sandbox.message_counts(chat)["by_text"]["stored late"] == 1
    assert sandbox.routes.pending_later == 0


def test_dispatch_later_runs_a_request_once_and_can_be_cancelled(sandbox: SandboxServer) -> None:
    chat = str(sandbox.landmarks["chats"]["showcase"])
    boundary = "b0undary"
    body = f'--{boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\nlate one\r\n--{boundary}--\r\n'
    headers = {"content-type": f"multipart/form-data; boundary={boundary}"}
    request = ApiRequest("POST", f"/chats/{chat}/messages", {}, headers, body.encode())
    sandbox.routes.dispatch_later(request, 0.05)
    cancelled = ApiRequest("POST", f"/chats/{chat}/messages", {}, headers, body.replace("one", "two").encode())
    sandbox.routes.dispatch_later(cancelled, 30)
    assert sandbox.routes.pending_later == 2
    deadline = datetime.now(UTC) + timedelta(seconds=5)
    while sandbox.message_counts(chat)["by_text"].get("late one", 0) == 0:
        assert datetime.now(UTC) < deadline
        time.sleep(0.01)
    assert sandbox.routes.cancel_later() == 1
    assert sandbox.message_counts(chat)["by_text"].get("late two", 0) == 0


def plain(message: dict[str, object], outbound: int) -> bool:
    return message["is_sender"] == outbound and not message.get("is_event") and "quoted" not in message


@pytest.mark.parametrize("account_type", ["LINKEDIN", "WHATSAPP", "TELEGRAM"])
def test_live_messages_have_the_shape_of_seeded_ones(
    api: httpx.Client, sandbox: SandboxServer, account_type: str
) -> None:
    def both_ways(chat_id: str) -> list[dict[str, object]] | None:
        items: list[dict[str, object]] = api.get(f"/chats/{chat_id}/messages", params={"limit": 250}).json()["items"]
        return items if any(plain(m, 0) for m in items) and any(plain(m, 1) for m in items) else None

    chat, seeded = next(
        (c.id, found)
        for c in sandbox.state.chats.values()
        if c.account_type == account_type and c.type == 0 and not c.read_only and (found := both_ways(c.id))
    )
    seeded_inbound = next(m for m in seeded if plain(m, 0))
    seeded_outbound = next(m for m in seeded if plain(m, 1))
    inbound = sandbox.inject_inbound(chat, "live inbound")
    assert send(api, chat, "live outbound").status_code == 201
    outbound = api.get(f"/chats/{chat}/messages", params={"limit": 1}).json()["items"][0]
    assert outbound["text"] == "live outbound"
    assert sorted(inbound) == sorted(seeded_inbound)
    assert sorted(outbound) == sorted(seeded_outbound)
