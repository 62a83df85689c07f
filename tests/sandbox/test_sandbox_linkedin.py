"""LinkedIn product rules of POST /chats: APIs, InMail, connections, credits, folders."""

from __future__ import annotations

import httpx
import pytest

from tests.sandbox.sandbox_forms import start
from tests.sandbox.sandbox_shapes import check_error
from unipile_desktop.sandbox import SandboxServer


def balance(api: httpx.Client, account_id: str) -> dict[str, int | None]:
    body = api.get("/linkedin/inmail_balance", params={"account_id": account_id}).json()
    return {product: body[product] for product in ("premium", "recruiter", "sales_navigator")}


@pytest.fixture
def premium(sandbox: SandboxServer) -> str:
    return str(sandbox.landmarks["accounts"]["linkedin_premium"])


@pytest.fixture
def classic(sandbox: SandboxServer) -> str:
    return str(sandbox.landmarks["accounts"]["linkedin_classic"])


def test_classic_message_to_a_connection_is_free(api: httpx.Client, sandbox: SandboxServer, premium: str) -> None:
    before = balance(api, premium)
    recipient = sandbox.landmarks["recipients"]["linkedin_premium_connection"]
    response = start(api, premium, [recipient], "Hi Emma", [("linkedin[api]", "classic")])
    assert response.status_code == 201
    chat = api.get(f"/chats/{response.json()['chat_id']}").json()
    assert chat["folder"] == ["INBOX", "INBOX_LINKEDIN_CLASSIC"] and "content_type" not in chat
    assert balance(api, premium) == before


def test_default_api_is_classic(api: httpx.Client, sandbox: SandboxServer, classic: str) -> None:
    recipient = sandbox.landmarks["recipients"]["linkedin_classic_connection"]
    assert start(api, classic, [recipient], "Hi Clara").status_code == 201
    stranger = sandbox.landmarks["recipients"]["linkedin_classic_prospect"]
    check_error(start(api, classic, [stranger], "Hi").json(), 422, "errors/no_connection_with_recipient")


def test_unknown_api_is_400(api: httpx.Client, sandbox: SandboxServer, premium: str) -> None:
    recipient = sandbox.landmarks["recipients"]["linkedin_premium_connection"]
    response = start(api, premium, [recipient], "Hi", [("linkedin[api]", "premium_plus")])
    check_error(response.json(), 400, "errors/invalid_parameters")
    bad_flag = start(api, premium, [recipient], "Hi", [("linkedin[inmail]", "yes")])
    check_error(bad_flag.json(), 400, "errors/invalid_parameters")


@pytest.mark.parametrize("product", ["recruiter", "sales_navigator"])
def test_product_not_subscribed_is_403(api: httpx.Client, sandbox: SandboxServer, classic: str, product: str) -> None:
    recipient = sandbox.landmarks["recipients"]["linkedin_classic_connection"]
    response = start(api, classic, [recipient], "Hi", [("linkedin[api]", product)])
    check_error(response.json(), 403, "errors/feature_not_subscribed")


def test_classic_to_a_stranger_without_inmail_is_422(api: httpx.Client, sandbox: SandboxServer, premium: str) -> None:
    chats_before = len(sandbox.state.chats)
    recipient = sandbox.landmarks["recipients"]["linkedin_premium_prospect"]
    response = start(api, premium, [recipient], "Hi", [("linkedin[api]", "classic"), ("linkedin[inmail]", "false")])
    check_error(response.json(), 422, "errors/no_connection_with_recipient")
    assert len(sandbox.state.chats) == chats_before


def test_inmail_without_premium_is_422(api: httpx.Client, sandbox: SandboxServer, classic: str) -> None:
    recipient = sandbox.landmarks["recipients"]["linkedin_classic_prospect"]
    response = start(api, classic, [recipient], "Hi", [("linkedin[api]", "classic"), ("linkedin[inmail]", "true")])
    check_error(response.json(), 422, "errors/not_allowed_inmail")


def test_inmail_spends_premium_credits_until_none_left(api: httpx.Client, sandbox: SandboxServer, premium: str) -> None:
    recipients = sandbox.landmarks["recipients"]
    strangers = [recipients[f"linkedin_premium_prospect{suffix}"] for suffix in ("", "_2", "_3", "_4")]
    strangers.append(recipients["linkedin_premium_out_of_network"])
    inmail = [("linkedin[api]", "classic"), ("linkedin[inmail]", "true"), ("subject", "Quick question")]
    for spent, recipient in enumerate(strangers, start=1):
        response = start(api, premium, [recipient], "Hello!", inmail)
        assert response.status_code == 201
        assert balance(api, premium)["premium"] == 5 - spent
    chat = api.get(f"/chats/{response.json()['chat_id']}").json()
    assert chat["content_type"] == "inmail" and chat["folder"] == ["INBOX", "INBOX_LINKEDIN_CLASSIC"]
    assert chat["subject"] == "Quick question"
    first = chat["lastMessage"]
    assert first["message_type"] == "INMAIL" and first["subject"] == "Quick question"
    extra = start(api, premium, [recipients["linkedin_premium_connection"]], "Hi", inmail)
    check_error(extra.json(), 422, "errors/insufficient_credits")
    assert balance(api, premium)["premium"] == 0


@pytest.mark.parametrize(
    ("product", "folder", "credits"),
    [("recruiter", "INBOX_LINKEDIN_RECRUITER", 30), ("sales_navigator", "INBOX_LINKEDIN_SALES_NAVIGATOR", 12)],
)
def test_recruiter_and_sales_navigator_spend_their_own_credits(
    api: httpx.Client, sandbox: SandboxServer, premium: str, product: str, folder: str, credits: int
) -> None:
    recipients = sandbox.landmarks["recipients"]
    response = start(api, premium, [recipients["linkedin_premium_prospect"]], "Hi", [("linkedin[api]", product)])
    assert response.status_code == 201
    chat = api.get(f"/chats/{response.json()['chat_id']}").json()
    assert chat["folder"] == [folder] and chat["content_type"] == "inmail"
    after = balance(api, premium)
    assert after[product] == credits - 1 and after["premium"] == 5
    connection = start(api, premium, [recipients["linkedin_premium_connection"]], "Hi", [("linkedin[api]", product)])
    assert connection.status_code == 201
    assert balance(api, premium)[product] == credits - 1  # 1st-degree connections cost nothing
    no_inmail_chat = api.get(f"/chats/{connection.json()['chat_id']}").json()
    assert "content_type" not in no_inmail_chat and no_inmail_chat["folder"] == [folder]


def test_zero_product_balance_is_insufficient_credits(api: httpx.Client, sandbox: SandboxServer, premium: str) -> None:
    sandbox.state.accounts[premium].inmail_balance["sales_navigator"] = 0
    recipient = sandbox.landmarks["recipients"]["linkedin_premium_prospect"]
    response = start(api, premium, [recipient], "Hi", [("linkedin[api]", "sales_navigator")])
    check_error(response.json(), 422, "errors/insufficient_credits")


def test_unknown_attendee_is_invalid_recipient(api: httpx.Client, premium: str) -> None:
    response = start(api, premium, ["ACoAAUnknownUnknownUnknownUnknownUnknown"], "Hi")
    check_error(response.json(), 422, "errors/invalid_recipient")


def test_existing_thread_with_a_stranger_is_reused_for_free(
    api: httpx.Client, sandbox: SandboxServer, premium: str
) -> None:
    marks = sandbox.landmarks
    sender = api.get(f"/chat_attendees/{marks['attendees']['inmail_sender']}").json()
    assert sender["specifics"]["network_distance"] == "OUT_OF_NETWORK"
    before = balance(api, premium)
    response = start(api, premium, [sender["provider_id"]], "Thanks, not interested.")
    assert response.status_code == 201 and response.json()["chat_id"] == marks["chats"]["inmail_inbound"]
    assert balance(api, premium) == before


def test_linkedin_options_are_ignored_on_other_providers(api: httpx.Client, sandbox: SandboxServer) -> None:
    marks = sandbox.landmarks
    recipient = marks["recipients"]["whatsapp_contact_without_chat"]
    response = start(api, marks["accounts"]["whatsapp"], [recipient], "Hi", [("linkedin[api]", "recruiter")])
    assert response.status_code == 201
