"""Read routes of the sandbox: shapes, cursors, filters, validation, binary downloads, seeded data."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from tests.sandbox.sandbox_shapes import (
    assert_list,
    check_account,
    check_attendee,
    check_chat,
    check_error,
    check_message,
)
from unipile_desktop.sandbox import SandboxServer, seeded_state
from unipile_desktop.sandbox.images import image_size


def collect(client: httpx.Client, path: str, limit: int, **params: Any) -> tuple[list[dict[str, Any]], int]:
    """Every item of a cursor-paged list, and how many pages it took."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    pages = 0
    while True:
        query = {"cursor": cursor} if cursor else {"limit": limit, **params}
        body = client.get(path, params=query).json()
        pages += 1
        items.extend(body["items"])
        cursor = body["cursor"]
        if cursor is None:
            return items, pages
        assert len(body["items"]) == limit


def test_accounts_list_and_get(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    items = assert_list(shared_api.get("/accounts").json(), "AccountList")
    assert len(items) == 7
    for account in items:
        check_account(account)
        assert shared_api.get(f"/accounts/{account['id']}").json() == account
    by_role = shared_sandbox.landmarks["accounts"]
    types = {account["id"]: account["type"] for account in items}
    assert types[by_role["whatsapp"]] == "WHATSAPP"
    assert types[by_role["telegram"]] == "TELEGRAM"
    assert types[by_role["instagram"]] == "INSTAGRAM"
    assert types[by_role["messenger"]] == "MESSENGER"
    statuses = {account["id"]: account["sources"][0]["status"] for account in items}
    assert statuses[by_role["linkedin_disconnected"]] == "CREDENTIALS"
    assert sorted(statuses.values()).count("OK") == 6
    premium = next(account for account in items if account["id"] == by_role["linkedin_premium"])
    assert set(premium["connection_params"]["im"]["premiumFeatures"]) == {"premium", "recruiter", "sales_navigator"}
    classic = next(account for account in items if account["id"] == by_role["linkedin_classic"])
    assert classic["connection_params"]["im"]["premiumFeatures"] == []
    assert classic["connection_params"]["im"]["premiumContractId"] is None


def test_accounts_pagination(shared_api: httpx.Client) -> None:
    items, pages = collect(shared_api, "/accounts", 2)
    assert pages == 4
    assert len({account["id"] for account in items}) == 7
    check_error(shared_api.get("/accounts/unknown").json(), 404, "errors/resource_not_found")


def test_users_me_linkedin_shapes(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    accounts = shared_sandbox.landmarks["accounts"]
    premium = shared_api.get("/users/me", params={"account_id": accounts["linkedin_premium"]}).json()
    assert premium["object"] == "AccountOwnerProfile" and premium["provider"] == "LINKEDIN"
    assert premium["premium"] is True and premium["open_profile"] is False
    assert set(premium["recruiter"]) == {"owner_seat_id", "contract_id"}
    assert set(premium["sales_navigator"]) == {"owner_seat_id", "contract_id"}
    for key in ("provider_id", "entity_urn", "object_urn", "first_name", "last_name", "email"):
        assert isinstance(premium[key], str)
    classic = shared_api.get("/users/me", params={"account_id": accounts["linkedin_classic"]}).json()
    assert classic["premium"] is False and classic["recruiter"] is None and classic["sales_navigator"] is None


def test_users_me_other_providers(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    accounts = shared_sandbox.landmarks["accounts"]
    telegram = shared_api.get("/users/me", params={"account_id": accounts["telegram"]}).json()
    assert telegram["provider"] == "TELEGRAM" and isinstance(telegram["profile_picture_url"], str)
    for role in ("whatsapp", "instagram", "messenger"):
        profile = shared_api.get("/users/me", params={"account_id": accounts[role]}).json()
        assert profile["object"] == "AccountOwnerProfile"
        assert profile["provider"] == role.upper()
        assert isinstance(profile["provider_id"], str)
    check_error(shared_api.get("/users/me").json(), 400, "errors/missing_parameters")
    check_error(shared_api.get("/users/me", params={"account_id": "x"}).json(), 404, "errors/resource_not_found")
    disconnected = shared_api.get("/users/me", params={"account_id": accounts["linkedin_disconnected"]})
    check_error(disconnected.json(), 401, "errors/disconnected_account")


def test_inmail_balance(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    accounts = shared_sandbox.landmarks["accounts"]
    premium = shared_api.get("/linkedin/inmail_balance", params={"account_id": accounts["linkedin_premium"]}).json()
    assert premium == {"object": "LinkedinInmailBalance", "premium": 5, "recruiter": 30, "sales_navigator": 12}
    classic = shared_api.get("/linkedin/inmail_balance", params={"account_id": accounts["linkedin_classic"]}).json()
    assert classic == {"object": "LinkedinInmailBalance", "premium": 0, "recruiter": None, "sales_navigator": None}
    whatsapp = shared_api.get("/linkedin/inmail_balance", params={"account_id": accounts["whatsapp"]})
    check_error(whatsapp.json(), 422, "errors/invalid_account")


def test_chat_list_pages_cover_everything_once(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    items, pages = collect(shared_api, "/chats", 25)
    assert len(items) == len(shared_sandbox.state.chats) >= 60
    assert pages == -(-len(items) // 25)
    assert len({chat["id"] for chat in items}) == len(items)
    keys = [(chat["timestamp"] or "", chat["id"]) for chat in items if chat["timestamp"]]
    assert keys == sorted(keys, reverse=True)
    for chat in items:
        check_chat(chat)
        assert "lastMessage" not in chat


def test_one_account_needs_two_pages_of_25(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    account_id = shared_sandbox.landmarks["accounts"]["linkedin_premium"]
    items, pages = collect(shared_api, "/chats", 25, account_id=account_id)
    assert pages == 2 and len(items) > 25
    assert {chat["account_id"] for chat in items} == {account_id}


def test_cursor_is_padded_base64_json_with_filters(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    account_id = shared_sandbox.landmarks["accounts"]["linkedin_premium"]
    cursor = shared_api.get("/chats", params={"limit": 3, "account_id": account_id}).json()["cursor"]
    decoded = json.loads(base64.b64decode(cursor, validate=True))
    assert decoded["limit"] == 3 and decoded["account_id"] == [account_id]
    assert set(decoded["cursor"]) == {"last_id", "last_date"}
    # Other parameters are ignored when a cursor is given.
    page = shared_api.get("/chats", params={"cursor": cursor, "limit": 1, "account_type": "TELEGRAM"}).json()
    assert len(page["items"]) == 3 and {chat["account_id"] for chat in page["items"]} == {account_id}


def test_cursor_with_plus_sent_unencoded_still_works(shared_api: httpx.Client) -> None:
    first = shared_api.get("/chats", params={"limit": 4}).json()
    cursor = first["cursor"].replace("+", " ")  # what a `+` becomes when a client forgets to URL-encode it
    second = shared_api.get("/chats", params={"cursor": cursor}).json()
    assert len(second["items"]) == 4
    assert not {chat["id"] for chat in second["items"]} & {chat["id"] for chat in first["items"]}


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "251"},
        {"limit": "ten"},
        {"limit": "2.5"},
        {"before": "2024-01-01"},
        {"after": "2024-01-01T00:00:00Z"},
        {"after": "2024-13-01T00:00:00.000Z"},
        {"unread": "maybe"},
        {"account_type": "FAX"},
        {"cursor": "not base64!"},
        {"cursor": base64.b64encode(b'{"limit": 5}').decode()},
        {"cursor": base64.b64encode(b"[1, 2]").decode()},
    ],
)
def test_invalid_list_parameters_are_400(shared_api: httpx.Client, params: dict[str, str]) -> None:
    response = shared_api.get("/chats", params=params)
    assert response.status_code == 400
    check_error(response.json(), 400, "errors/invalid_parameters")


def test_limit_bounds_are_accepted(shared_api: httpx.Client) -> None:
    assert len(shared_api.get("/chats", params={"limit": 1}).json()["items"]) == 1
    assert shared_api.get("/chats", params={"limit": 250}).json()["cursor"] is None
    assert len(shared_api.get("/chats").json()["items"]) == 78  # default limit 100


def test_chat_filters(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    accounts = shared_sandbox.landmarks["accounts"]
    unread = shared_api.get("/chats", params={"unread": "true", "limit": 250}).json()["items"]
    read = shared_api.get("/chats", params={"unread": "false", "limit": 250}).json()["items"]
    assert unread and all(chat["unread_count"] > 0 for chat in unread)
    assert read and all(chat["unread_count"] == 0 for chat in read)
    assert len(unread) + len(read) == len(shared_sandbox.state.chats)
    both = f"{accounts['telegram']},{accounts['instagram']}"
    mixed = shared_api.get("/chats", params={"account_id": both, "limit": 250}).json()["items"]
    assert {chat["account_type"] for chat in mixed} == {"TELEGRAM", "INSTAGRAM"}
    whatsapp = shared_api.get("/chats", params={"account_type": "WHATSAPP", "limit": 250}).json()["items"]
    assert whatsapp and {chat["account_id"] for chat in whatsapp} == {accounts["whatsapp"]}
    everything = shared_api.get("/chats", params={"limit": 250}).json()["items"]
    pivot = everything[10]["timestamp"]
    newer = shared_api.get("/chats", params={"after": pivot, "limit": 250}).json()["items"]
    older = shared_api.get("/chats", params={"before": pivot, "limit": 250}).json()["items"]
    assert [chat["id"] for chat in newer] == [chat["id"] for chat in everything[:10]]
    assert all(chat["timestamp"] is None or chat["timestamp"] < pivot for chat in older)
    assert len(older) == len(everything) - 11


def test_seeded_chats_have_the_promised_variety(shared_api: httpx.Client) -> None:
    chats = shared_api.get("/chats", params={"limit": 250}).json()["items"]
    assert any(chat["type"] == 1 and chat["name"] for chat in chats)
    assert any(chat["type"] == 2 and chat["read_only"] == 1 for chat in chats)
    assert any(chat["type"] == 0 and chat["name"] is None for chat in chats)
    assert any(chat["timestamp"] is None for chat in chats)
    assert any(chat["archived"] == 1 for chat in chats)
    assert any(chat["muted_until"] == -1 for chat in chats)
    assert any(chat.get("content_type") == "sponsored" and chat["read_only"] == 1 for chat in chats)
    folders = {folder for chat in chats if chat.get("content_type") == "inmail" for folder in chat["folder"]}
    assert {"INBOX_LINKEDIN_RECRUITER", "INBOX_LINKEDIN_SALES_NAVIGATOR", "INBOX_LINKEDIN_CLASSIC"} <= folders
    names = {chat["name"] for chat in chats if chat["name"]}
    assert "Équipe Logistique 🚚" in names


def test_get_chat_with_last_message_and_by_provider_id(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    marks = shared_sandbox.landmarks
    chat = shared_api.get(f"/chats/{marks['chats']['showcase']}").json()
    check_chat(chat)
    check_message(chat["lastMessage"])
    assert chat["lastMessage"]["chat_id"] == chat["id"]
    by_provider = shared_api.get(f"/chats/{chat['provider_id']}", params={"account_id": chat["account_id"]}).json()
    assert by_provider["id"] == chat["id"]
    assert shared_api.get(f"/chats/{chat['provider_id']}").status_code == 404
    empty = shared_api.get(f"/chats/{marks['chats']['empty']}").json()
    assert empty["lastMessage"] is None and empty["timestamp"] is None
    check_error(shared_api.get("/chats/unknown").json(), 404, "errors/resource_not_found")


def test_long_chat_message_pages(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    chat_id = shared_sandbox.landmarks["chats"]["long_history"]
    items, pages = collect(shared_api, f"/chats/{chat_id}/messages", 50)
    assert len(items) >= 150 and pages == -(-len(items) // 50)
    assert len({message["id"] for message in items}) == len(items)
    keys = [(message["timestamp"], message["id"]) for message in items]
    assert keys == sorted(keys, reverse=True)
    for message in items:
        check_message(message)
        assert message["chat_id"] == chat_id
    default = shared_api.get(f"/chats/{chat_id}/messages").json()
    assert len(default["items"]) == 100 and default["cursor"] is not None


def test_message_filters(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    marks = shared_sandbox.landmarks
    chat_id = marks["chats"]["long_history"]
    everything = shared_api.get(f"/chats/{chat_id}/messages", params={"limit": 250}).json()["items"]
    customer = next(message["sender_id"] for message in everything if message["is_sender"] == 0)
    theirs = shared_api.get(f"/chats/{chat_id}/messages", params={"sender_id": customer, "limit": 250}).json()
    assert theirs["items"] and all(message["sender_id"] == customer for message in theirs["items"])
    assert len(theirs["items"]) == sum(1 for message in everything if message["sender_id"] == customer)
    pivot = everything[20]["timestamp"]
    before = shared_api.get(f"/chats/{chat_id}/messages", params={"before": pivot, "limit": 250}).json()["items"]
    assert all(message["timestamp"] < pivot for message in before) and len(before) >= len(everything) - 21
    other_chat = marks["chats"]["showcase"]
    cursor = shared_api.get(f"/chats/{chat_id}/messages", params={"limit": 5}).json()["cursor"]
    misused = shared_api.get(f"/chats/{other_chat}/messages", params={"cursor": cursor})
    check_error(misused.json(), 400, "errors/invalid_parameters")
    check_error(shared_api.get("/chats/nope/messages").json(), 404, "errors/resource_not_found")


def test_showcase_chat_messages(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    marks = shared_sandbox.landmarks
    messages = shared_api.get(f"/chats/{marks['chats']['showcase']}/messages").json()["items"]
    by_id = {message["id"]: message for message in messages}
    texts = [message["text"] for message in messages]
    assert "<img src=x onerror=alert(1)><b>hi</b>" in texts
    image_only = by_id[marks["messages"]["image_only"]]
    assert image_only["text"] is None and image_only["attachments"][0]["type"] == "img"
    file_message = by_id[marks["messages"]["file"]]
    attachment = file_message["attachments"][0]
    assert attachment["type"] == "file" and attachment["file_name"].endswith(".pdf")
    assert attachment["mimetype"] == "application/pdf"
    assert file_message["reactions"] == [
        {"value": "👍", "sender_id": file_message["reactions"][0]["sender_id"], "is_sender": False}
    ]
    assert by_id[marks["messages"]["hidden_reaction_event"]]["hidden"] == 1
    assert by_id[marks["messages"]["edited"]]["edited"] == 1
    assert by_id[marks["messages"]["deleted"]]["deleted"] == 1
    quoting = by_id[marks["messages"]["quoting"]]
    assert quoting["quoted"]["text"] == by_id[marks["messages"]["edited"]]["text"]
    assert {message["is_sender"] for message in messages} == {0, 1}
    assert messages[0]["seen"] == 0 and messages[0]["is_sender"] == 0


def test_non_ascii_and_rtl_content(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    names = {attendee["name"] for attendee in collect(shared_api, "/chat_attendees", 250)[0]}
    assert {"Zoë Müller", "José Álvarez", "李小龙", "محمد العلي", "נועה כהן"} <= names
    arabic = shared_sandbox.landmarks["chats"]["rtl_arabic"]
    texts = [message["text"] for message in shared_api.get(f"/chats/{arabic}/messages").json()["items"]]
    assert any(text and any("\u0600" <= char <= "\u06ff" for char in text) for text in texts)


def test_get_message(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    message_id = shared_sandbox.landmarks["messages"]["html_like_text"]
    message = shared_api.get(f"/messages/{message_id}").json()
    check_message(message)
    assert message["text"] == "<img src=x onerror=alert(1)><b>hi</b>"
    check_error(shared_api.get("/messages/unknown").json(), 404, "errors/resource_not_found")


def test_all_messages_and_attendee_routes(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    marks = shared_sandbox.landmarks
    items, _ = collect(shared_api, "/messages", 200, account_id=marks["accounts"]["telegram"])
    assert items and {message["account_id"] for message in items} == {marks["accounts"]["telegram"]}
    zoe = marks["attendees"]["zoe"]
    chats = shared_api.get(f"/chat_attendees/{zoe}/chats").json()
    assert [chat["id"] for chat in assert_list(chats, "ChatList")] == [marks["chats"]["showcase"]]
    messages = shared_api.get(f"/chat_attendees/{zoe}/messages", params={"limit": 250}).json()["items"]
    assert {message["chat_id"] for message in messages} == {marks["chats"]["showcase"]}


def test_chat_attendees_of_a_chat_have_no_cursor(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    group = shared_sandbox.landmarks["chats"]["group"]
    body = shared_api.get(f"/chats/{group}/attendees").json()
    items = assert_list(body, "ChatAttendeeList", with_cursor=False)
    assert len(items) == 5
    assert [attendee["is_self"] for attendee in items].count(1) == 1
    for attendee in items:
        check_attendee(attendee)
    check_error(shared_api.get("/chats/nope/attendees").json(), 404, "errors/resource_not_found")


def test_all_attendees_paginate_and_filter(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    items, pages = collect(shared_api, "/chat_attendees", 30)
    assert len(items) == len(shared_sandbox.state.attendees) and pages > 1
    assert len({attendee["id"] for attendee in items}) == len(items)
    for attendee in items:
        check_attendee(attendee)
    assert any("picture_url" in attendee for attendee in items)
    assert any("picture_url" not in attendee for attendee in items)
    account_id = shared_sandbox.landmarks["accounts"]["linkedin_premium"]
    linkedin, _ = collect(shared_api, "/chat_attendees", 20, account_id=account_id)
    assert {attendee["account_id"] for attendee in linkedin} == {account_id}
    distances = {attendee["specifics"]["network_distance"] for attendee in linkedin if "specifics" in attendee}
    assert {"DISTANCE_1", "DISTANCE_2", "DISTANCE_3", "OUT_OF_NETWORK"} <= distances


def test_get_attendee_by_id_and_provider_id(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    zoe = shared_api.get(f"/chat_attendees/{shared_sandbox.landmarks['attendees']['zoe']}").json()
    check_attendee(zoe)
    assert zoe["name"] == "Zoë Müller"
    same = shared_api.get(f"/chat_attendees/{zoe['provider_id']}", params={"account_id": zoe["account_id"]}).json()
    assert same["id"] == zoe["id"]
    check_error(shared_api.get("/chat_attendees/unknown").json(), 404, "errors/resource_not_found")


def test_pictures(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    items, _ = collect(shared_api, "/chat_attendees", 250)
    with_picture = next(attendee for attendee in items if "picture_url" in attendee)
    without = next(attendee for attendee in items if "picture_url" not in attendee)
    response = shared_api.get(f"/chat_attendees/{with_picture['id']}/picture")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    assert image_size(response.content) == (120, 120)
    public = httpx.get(with_picture["picture_url"])  # CDN-like URL, no key
    assert public.status_code == 200 and public.content == response.content
    check_error(shared_api.get(f"/chat_attendees/{without['id']}/picture").json(), 404, "errors/resource_not_found")
    group = shared_api.get(f"/chat_attendees/{shared_sandbox.landmarks['chats']['group']}/picture")
    assert group.status_code == 200 and group.content.startswith(b"\x89PNG")
    no_group_picture = shared_api.get(f"/chat_attendees/{shared_sandbox.landmarks['chats']['showcase']}/picture")
    assert no_group_picture.status_code == 404


def test_seeded_attachment_downloads(shared_api: httpx.Client, shared_sandbox: SandboxServer) -> None:
    marks = shared_sandbox.landmarks["messages"]
    image_message = shared_api.get(f"/messages/{marks['image_only']}").json()
    image = image_message["attachments"][0]
    download = shared_api.get(f"/messages/{image_message['id']}/attachments/{image['id']}")
    assert download.headers["content-type"] == image["mimetype"] == "image/png"
    assert len(download.content) == image["file_size"]
    assert image_size(download.content) == (image["size"]["width"], image["size"]["height"])
    expired = shared_api.get(f"/messages/{marks['unavailable_attachment']}").json()
    gone = next(attachment for attachment in expired["attachments"] if attachment["unavailable"])
    check_error(
        shared_api.get(f"/messages/{expired['id']}/attachments/{gone['id']}").json(), 404, "errors/resource_not_found"
    )
    wrong = shared_api.get(f"/messages/{marks['file']}/attachments/{image['id']}")
    check_error(wrong.json(), 404, "errors/resource_not_found")


def test_seed_is_deterministic_and_seeds_differ() -> None:
    first, second, other = seeded_state(seed=1), seeded_state(seed=1), seeded_state(seed=2)
    assert list(first.chats) == list(second.chats)
    assert list(first.messages) == list(second.messages)
    assert [message.text for message in first.messages.values()] == [
        message.text for message in second.messages.values()
    ]
    assert first.landmarks == second.landmarks
    assert set(first.chats).isdisjoint(other.chats)
    assert all(len(chat_id) == 22 for chat_id in first.chats)
