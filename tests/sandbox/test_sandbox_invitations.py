"""LinkedIn invitations in the sandbox: shapes, each refusal, JSON only, paging, the pending flag, the weekly cap."""

from __future__ import annotations

import signal
import subprocess
import sys
from typing import Any

import httpx
import pytest

from tests.sandbox.sandbox_shapes import ISO_MS, assert_cursor, assert_list
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.sandbox.server import DEFAULT_API_KEY


def mark(sandbox: SandboxServer, group: str, name: str) -> str:
    value = sandbox.landmarks[group][name]
    assert isinstance(value, str)
    return value


def premium(sandbox: SandboxServer) -> str:
    return mark(sandbox, "accounts", "linkedin_premium")


def invite(api: httpx.Client, account_id: str, provider_id: str, message: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {"account_id": account_id, "provider_id": provider_id}
    if message is not None:
        body["message"] = message
    return api.post("/users/invite", json=body)


def assert_error(response: httpx.Response, status: int, error_type: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == status and body["type"] == error_type and body["title"]
    return dict(body)


def pending_flag(api: httpx.Client, account_id: str, provider_id: str) -> bool:
    listed = api.get("/chat_attendees", params={"account_id": account_id, "limit": 250}).json()["items"]
    person = next(item for item in listed if item["provider_id"] == provider_id)
    return bool(person["specifics"]["pending_invitation"])


def check_invitation(item: dict[str, Any]) -> None:
    """The SDK 1.9.3 validator's InvitationSent."""
    assert item["object"] == "InvitationSent"
    assert isinstance(item["id"], str) and item["id"]
    for key in ("invited_user", "invited_user_id", "invited_user_public_id", "invited_user_description"):
        assert item[key] is None or isinstance(item[key], str), key
    assert isinstance(item["date"], str) and item["date"]
    assert item["parsed_datetime"] is None or ISO_MS.match(item["parsed_datetime"])
    assert item["invitation_text"] is None or isinstance(item["invitation_text"], str)
    assert item["specifics"]["provider"] == "LINKEDIN" and isinstance(item["specifics"]["shared_secret"], str)


def test_seeded_invitations_are_listed_newest_first_and_their_people_pending(
    api: httpx.Client, sandbox: SandboxServer
) -> None:
    for account in ("linkedin_premium", "linkedin_classic"):
        account_id = mark(sandbox, "accounts", account)
        body = api.get("/users/invite/sent", params={"account_id": account_id}).json()
        items = assert_list(body, "InvitationList")
        assert 1 <= len(items) <= 3 and body["cursor"] is None
        for item in items:
            check_invitation(item)
            assert pending_flag(api, account_id, item["invited_user_id"])
        dates = [item["parsed_datetime"] for item in items]
        assert dates == sorted(dates, reverse=True)
        invited = mark(sandbox, "recipients", f"{account}_invited")
        assert invited in {item["invited_user_id"] for item in items}
        for prospect in ("prospect", "prospect_2"):  # left un-invited for demos and smoke tests
            assert not pending_flag(api, account_id, mark(sandbox, "recipients", f"{account}_{prospect}"))


def test_invite_lists_the_invitation_and_flags_the_person_until_it_is_withdrawn(
    api: httpx.Client, sandbox: SandboxServer
) -> None:
    account_id, person = premium(sandbox), mark(sandbox, "recipients", "linkedin_premium_prospect")
    assert not pending_flag(api, account_id, person)

    sent = invite(api, account_id, person, "Hello Ali, let's connect.")
    assert sent.status_code == 201 and sent.headers["content-type"].startswith("application/json")
    body = sent.json()
    assert body["object"] == "UserInvitationSent" and isinstance(body["invitation_id"], str)
    assert pending_flag(api, account_id, person)

    first = api.get("/users/invite/sent", params={"account_id": account_id}).json()["items"][0]
    check_invitation(first)
    assert first["id"] == body["invitation_id"] and first["invited_user_id"] == person
    assert first["invited_user"] == "Ali Hassan" and first["invitation_text"] == "Hello Ali, let's connect."
    assert first["date"] == "Sent today"

    cancel = api.delete(f"/users/invite/sent/{body['invitation_id']}", params={"account_id": account_id})
    assert cancel.status_code == 200 and cancel.json() == {"object": "InvitationCanceled"}
    assert not pending_flag(api, account_id, person)
    listed = api.get("/users/invite/sent", params={"account_id": account_id}).json()["items"]
    assert body["invitation_id"] not in {item["id"] for item in listed}
    assert_error(
        api.delete(f"/users/invite/sent/{body['invitation_id']}", params={"account_id": account_id}),
        404,
        "errors/resource_not_found",
    )


def test_pending_flag_shows_in_a_chats_attendee_list(api: httpx.Client, sandbox: SandboxServer) -> None:
    account_id, person = premium(sandbox), mark(sandbox, "recipients", "linkedin_premium_prospect_2")
    started = api.post(
        "/chats",
        files=[("account_id", (None, account_id)), ("attendees_ids", (None, person)), ("text", (None, "Hi"))],
        data={"linkedin[api]": "recruiter"},
    )
    assert started.status_code == 201, started.text
    chat_id = started.json()["chat_id"]

    def flag_in_chat() -> bool:
        items = api.get(f"/chats/{chat_id}/attendees").json()["items"]
        return bool(next(i for i in items if i["provider_id"] == person)["specifics"]["pending_invitation"])

    assert not flag_in_chat()
    assert invite(api, account_id, person).status_code == 201
    assert flag_in_chat()


def test_refusals_in_words(api: httpx.Client, sandbox: SandboxServer) -> None:
    account_id = premium(sandbox)
    prospect = mark(sandbox, "recipients", "linkedin_premium_prospect")
    whatsapp = mark(sandbox, "accounts", "whatsapp")
    assert_error(api.post("/users/invite", json={"account_id": account_id}), 400, "errors/missing_parameters")
    assert_error(api.post("/users/invite", json={"provider_id": prospect}), 400, "errors/missing_parameters")
    assert_error(invite(api, "no-such-account", prospect), 404, "errors/resource_not_found")
    assert_error(invite(api, whatsapp, prospect), 422, "errors/invalid_account")
    assert_error(invite(api, account_id, "ACoAAnobody"), 422, "errors/invalid_recipient")
    connection = mark(sandbox, "recipients", "linkedin_premium_connection")
    assert_error(invite(api, account_id, connection), 422, "errors/cannot_invite_attendee")
    assert_error(invite(api, account_id, prospect, "x" * 301), 400, "errors/too_many_characters")
    assert invite(api, account_id, prospect, "x" * 300).status_code == 201  # exactly the limit is fine
    refused = assert_error(invite(api, account_id, prospect), 422, "errors/already_invited_recently")
    assert "Ali Hassan" in refused["detail"]
    disconnected = mark(sandbox, "accounts", "linkedin_disconnected")
    assert_error(invite(api, disconnected, prospect), 401, "errors/disconnected_account")
    assert_error(api.get("/users/invite/sent", params={"account_id": disconnected}), 401, "errors/disconnected_account")
    assert_error(api.get("/users/invite/sent"), 400, "errors/missing_parameters")
    assert_error(
        api.delete("/users/invite/sent/123", params={"account_id": account_id}), 404, "errors/resource_not_found"
    )
    assert_error(api.delete("/users/invite/sent/123"), 400, "errors/missing_parameters")


def test_invitation_of_another_account_cannot_be_withdrawn_through_this_one(
    api: httpx.Client, sandbox: SandboxServer
) -> None:
    classic = mark(sandbox, "accounts", "linkedin_classic")
    theirs = api.get("/users/invite/sent", params={"account_id": classic}).json()["items"][0]["id"]
    withdraw = api.delete(f"/users/invite/sent/{theirs}", params={"account_id": premium(sandbox)})
    assert_error(withdraw, 404, "errors/resource_not_found")
    assert theirs in {item["id"] for item in sandbox.sent_invitations(classic)}


def test_invite_takes_json_only(api: httpx.Client, sandbox: SandboxServer) -> None:
    account_id, person = premium(sandbox), mark(sandbox, "recipients", "linkedin_premium_prospect")
    multipart = api.post("/users/invite", files=[("account_id", (None, account_id)), ("provider_id", (None, person))])
    assert_error(multipart, 415, "errors/unsupported_media_type")
    form = api.post("/users/invite", data={"account_id": account_id, "provider_id": person})
    assert_error(form, 415, "errors/unsupported_media_type")
    broken = api.post("/users/invite", content=b"{not json", headers={"content-type": "application/json"})
    assert_error(broken, 400, "errors/malformed_request")
    listed = api.post("/users/invite", json=[account_id, person])
    assert_error(listed, 400, "errors/malformed_request")
    assert not pending_flag(api, account_id, person)


def test_sent_list_pages_with_a_cursor_and_validates_limit(api: httpx.Client, sandbox: SandboxServer) -> None:
    account_id = premium(sandbox)
    for name in ("prospect", "prospect_2", "prospect_3"):
        assert invite(api, account_id, mark(sandbox, "recipients", f"linkedin_premium_{name}")).status_code == 201
    everything = [item["id"] for item in sandbox.sent_invitations(account_id)]
    assert len(everything) == 6
    seen: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"account_id": account_id, "limit": 4}
        if cursor is not None:
            params = {"account_id": account_id, "cursor": cursor}
        body = api.get("/users/invite/sent", params=params).json()
        assert_cursor(body["cursor"])
        seen += [item["id"] for item in body["items"]]
        cursor = body["cursor"]
        if cursor is None:
            break
    assert seen == everything
    for bad in ("0", "101", "ten"):
        answer = api.get("/users/invite/sent", params={"account_id": account_id, "limit": bad})
        assert_error(answer, 400, "errors/invalid_parameters")
    assert api.get("/users/invite/sent", params={"account_id": account_id, "limit": "100"}).status_code == 200
    first_page = api.get("/users/invite/sent", params={"account_id": account_id, "limit": 1}).json()
    other = mark(sandbox, "accounts", "linkedin_classic")
    reused = api.get("/users/invite/sent", params={"account_id": other, "cursor": first_page["cursor"]})
    assert_error(reused, 400, "errors/invalid_parameters")


def test_weekly_cap_refuses_in_words_and_withdrawing_does_not_give_it_back(
    api: httpx.Client, sandbox: SandboxServer
) -> None:
    sandbox.invitation_weekly_cap = 2
    account_id = premium(sandbox)
    people = [mark(sandbox, "recipients", f"linkedin_premium_{name}") for name in ("prospect", "prospect_2")]
    sent = [invite(api, account_id, person).json()["invitation_id"] for person in people]
    third = mark(sandbox, "recipients", "linkedin_premium_prospect_3")
    refused = assert_error(invite(api, account_id, third), 422, "errors/limit_exceeded")
    assert "weekly invitation limit" in refused["detail"].lower()
    assert api.delete(f"/users/invite/sent/{sent[0]}", params={"account_id": account_id}).status_code == 200
    assert_error(invite(api, account_id, third), 422, "errors/limit_exceeded")
    classic = mark(sandbox, "accounts", "linkedin_classic")  # the cap is per account
    assert invite(api, classic, mark(sandbox, "recipients", "linkedin_classic_prospect")).status_code == 201
    assert not pending_flag(api, account_id, third)


@pytest.mark.parametrize("action", ["store_then_drop", "store_then_error"])
def test_a_storing_fault_leaves_exactly_one_invitation(api: httpx.Client, sandbox: SandboxServer, action: str) -> None:
    account_id, person = premium(sandbox), mark(sandbox, "recipients", "linkedin_premium_prospect")
    sandbox.add_fault(r"^/users/invite$", action, method="POST")
    if action == "store_then_drop":
        with pytest.raises(httpx.TransportError):
            invite(api, account_id, person)
    else:
        assert invite(api, account_id, person).status_code == 504
    mine = [item for item in sandbox.sent_invitations(account_id) if item["invited_user_id"] == person]
    assert len(mine) == 1
    assert_error(invite(api, account_id, person), 422, "errors/already_invited_recently")  # a blind retry
    assert len([item for item in sandbox.sent_invitations(account_id) if item["invited_user_id"] == person]) == 1
    logged = [entry for entry in sandbox.fault_log() if entry.get("action") == action]
    assert len(logged) == 1


def test_error_fault_on_the_list_route(api: httpx.Client, sandbox: SandboxServer) -> None:
    sandbox.add_fault(r"^/users/invite/sent$", "error", status=503, type="errors/service_unavailable")
    answer = api.get("/users/invite/sent", params={"account_id": premium(sandbox)})
    assert_error(answer, 503, "errors/service_unavailable")
    assert api.get("/users/invite/sent", params={"account_id": premium(sandbox)}).status_code == 200


def test_cli_sets_the_weekly_cap() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "unipile_desktop.sandbox", "--port", "0", "--no-replies", "--invitation-cap", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        base = process.stdout.readline().strip().removeprefix("listening on ")
        with httpx.Client(base_url=base + "/api/v1", headers={"X-API-KEY": DEFAULT_API_KEY}, timeout=10) as api:
            landmarks = httpx.get(base + "/_sandbox/landmarks", timeout=10).json()
            account_id = landmarks["accounts"]["linkedin_classic"]
            person = landmarks["recipients"]["linkedin_classic_prospect"]
            assert_error(invite(api, account_id, person), 422, "errors/limit_exceeded")
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)
    assert process.returncode == 0
