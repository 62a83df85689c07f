"""The client's profile and attendee-chat methods against the sandbox, and ``parse_user_profile`` on its own."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from tests.conftest import SANDBOX_API_KEY
from unipile_desktop.api import (
    AuthenticationError,
    InvalidRequestError,
    NotFoundError,
    ResponseFormatError,
    ServerError,
    UnipileClient,
    UserProfile,
    parse_user_profile,
)
from unipile_desktop.sandbox import SandboxServer


@pytest_asyncio.fixture
async def client(sandbox: SandboxServer) -> AsyncIterator[UnipileClient]:
    async with UnipileClient(sandbox.url, SANDBOX_API_KEY) as c:
        yield c


def mark(sandbox: SandboxServer, group: str, name: str) -> str:
    value = sandbox.landmarks[group][name]
    assert isinstance(value, str)
    return value


async def first_customer(client: UnipileClient, account_id: str) -> tuple[str, str, str]:
    """(attendee id, provider id, name) of the account's first person in a 1:1 chat."""
    chats = await client.list_chats(account_ids=[account_id], limit=250)
    single = next(chat for chat in chats.items if not chat.is_group and chat.attendee_provider_id)
    people = await client.list_attendees(account_id=account_id, limit=250)
    person = next(p for p in people.items if p.provider_id == single.attendee_provider_id)
    return person.id, person.provider_id, person.name


def views(sandbox: SandboxServer) -> dict[str, int]:
    answer = httpx.get(f"{sandbox.url}/_sandbox/profile_views", timeout=10).json()
    accounts = answer["accounts"]
    assert isinstance(accounts, dict)
    return accounts


@pytest.mark.asyncio
async def test_linkedin_profile_with_pending_invitation(client: UnipileClient, sandbox: SandboxServer) -> None:
    account_id = mark(sandbox, "accounts", "linkedin_premium")
    invited = mark(sandbox, "recipients", "linkedin_premium_invited")
    profile = await client.get_user_profile(invited, account_id=account_id)
    assert profile.provider == "LINKEDIN" and profile.provider_id == invited
    assert profile.pending_invitation
    assert profile.name and profile.headline and profile.location
    assert profile.network_distance in {"SECOND_DEGREE", "THIRD_DEGREE"}
    assert profile.public_identifier and profile.public_profile_url
    assert profile.public_profile_url.endswith("/in/" + profile.public_identifier)
    assert profile.picture_url is None or profile.picture_url.startswith("http")
    assert profile.raw["object"] == "UserProfile" and profile.raw["provider_id"] == invited
    # By public identifier, through the recruiter product: the same member.
    again = await client.get_user_profile(profile.public_identifier, account_id=account_id, linkedin_api="recruiter")
    assert again == profile
    prospect = mark(sandbox, "recipients", "linkedin_premium_prospect")
    assert not (await client.get_user_profile(prospect, account_id=account_id)).pending_invitation


@pytest.mark.asyncio
async def test_profiles_of_the_other_providers(client: UnipileClient, sandbox: SandboxServer) -> None:
    whatsapp = mark(sandbox, "accounts", "whatsapp")
    _, phone_id, _ = await first_customer(client, whatsapp)
    profile = await client.get_user_profile(phone_id, account_id=whatsapp)
    assert profile.provider == "WHATSAPP" and profile.provider_id == phone_id
    assert profile.phone == "+" + phone_id.removesuffix("@s.whatsapp.net") and profile.name is None

    instagram = mark(sandbox, "accounts", "instagram")
    _, insta_id, insta_name = await first_customer(client, instagram)
    profile = await client.get_user_profile(insta_id, account_id=instagram)
    assert profile.provider == "INSTAGRAM" and profile.provider_id == insta_id
    assert profile.name == insta_name and profile.username and profile.headline is None
    assert isinstance(profile.raw["pk"], int) and str(profile.raw["pk"]) == insta_id

    telegram = mark(sandbox, "accounts", "telegram")
    _, telegram_id, telegram_name = await first_customer(client, telegram)
    profile = await client.get_user_profile(telegram_id, account_id=telegram)
    assert profile.provider == "TELEGRAM" and profile.provider_id == telegram_id
    assert profile.name == telegram_name and (profile.username or profile.phone)


@pytest.mark.asyncio
async def test_refusals_surface_as_typed_errors(client: UnipileClient, sandbox: SandboxServer) -> None:
    messenger = mark(sandbox, "accounts", "messenger")
    _, someone, _ = await first_customer(client, messenger)
    with pytest.raises(ServerError) as unsupported:
        await client.get_user_profile(someone, account_id=messenger)
    assert unsupported.value.status == 501 and unsupported.value.type == "errors/feature_not_implemented"
    assert unsupported.value.user_message() == "This provider does not support that action."
    whatsapp = mark(sandbox, "accounts", "whatsapp")
    with pytest.raises(InvalidRequestError) as unknown:
        await client.get_user_profile("33000000000@s.whatsapp.net", account_id=whatsapp)
    assert unknown.value.type == "errors/invalid_recipient"
    with pytest.raises(NotFoundError):
        await client.get_user_profile(someone, account_id="no-such-account")
    with pytest.raises(AuthenticationError) as disconnected:
        await client.get_user_profile("ACoAAanyone", account_id=mark(sandbox, "accounts", "linkedin_disconnected"))
    assert disconnected.value.is_account_disconnected
    before = views(sandbox)
    with pytest.raises(ValueError):  # refused before any request: "classic" is the default, not a parameter
        await client.get_user_profile(someone, account_id=whatsapp, linkedin_api="classic")
    assert views(sandbox) == before


@pytest.mark.asyncio
async def test_each_lookup_is_a_view_the_sandbox_counts(client: UnipileClient, sandbox: SandboxServer) -> None:
    account_id = mark(sandbox, "accounts", "linkedin_classic")
    _, member, _ = await first_customer(client, account_id)
    assert views(sandbox) == {}
    await client.get_user_profile(member, account_id=account_id)
    await client.get_user_profile(member, account_id=account_id)
    assert views(sandbox) == {account_id: 2}


@pytest.mark.asyncio
async def test_list_attendee_chats(client: UnipileClient, sandbox: SandboxServer) -> None:
    whatsapp = mark(sandbox, "accounts", "whatsapp")
    attendee_id, provider_id, _ = await first_customer(client, whatsapp)
    by_id = await client.list_attendee_chats(attendee_id)
    assert len(by_id.items) == 1 and by_id.cursor is None
    chat = by_id.items[0]
    assert chat.account_id == whatsapp and not chat.is_group and chat.attendee_provider_id == provider_id
    by_provider_id = await client.list_attendee_chats(provider_id, account_id=whatsapp)
    assert [c.id for c in by_provider_id.items] == [chat.id]
    with pytest.raises(NotFoundError):  # nobody with that id in the Telegram account
        await client.list_attendee_chats(provider_id, account_id=mark(sandbox, "accounts", "telegram"))


@pytest.mark.asyncio
async def test_list_attendee_chats_follows_the_cursor(client: UnipileClient, sandbox: SandboxServer) -> None:
    whatsapp = mark(sandbox, "accounts", "whatsapp")
    chats = await client.list_chats(account_ids=[whatsapp], limit=250)
    singles = [chat for chat in chats.items if not chat.is_group and chat.attendee_provider_id][:3]
    ids = ",".join(chat.attendee_provider_id or "" for chat in singles)
    seen: list[str] = []
    cursor: str | None = None
    while True:
        page = await client.list_attendee_chats(ids, account_id=whatsapp, cursor=cursor, limit=1)
        assert len(page.items) == 1
        seen.append(page.items[0].id)
        if page.cursor is None:
            break
        cursor = page.cursor
    assert seen == [chat.id for chat in singles]


# ------------------------------------------------------------------------------------------ parse_user_profile


def test_parse_round_trips_through_its_raw_json() -> None:
    data: dict[str, object] = {
        "object": "UserProfile",
        "provider": "LINKEDIN",
        "provider_id": "ACoAAB",
        "public_identifier": "ana-b",
        "first_name": "Ana",
        "last_name": None,
        "headline": "CTO at Hooli",
        "websites": [],
        "location": "Lyon",
        "network_distance": "SECOND_DEGREE",
        "invitation": {"type": "SENT", "status": "PENDING"},
        "contact_info": {"phones": ["+33 6 00 00 00 00"]},
        "future_field": {"anything": [1, 2]},
    }
    profile = parse_user_profile(data)
    assert profile == UserProfile(
        provider="LINKEDIN",
        provider_id="ACoAAB",
        name="Ana",
        headline="CTO at Hooli",
        location="Lyon",
        public_identifier="ana-b",
        network_distance="SECOND_DEGREE",
        pending_invitation=True,
        phone="+33 6 00 00 00 00",
    )
    again = parse_user_profile(json.loads(json.dumps(profile.raw)))
    assert again == profile and again.raw == data
    hash(profile)  # frozen and hashable although raw is a dict


@pytest.mark.parametrize(
    ("extra", "distance", "pending"),
    [
        ({"network_distance": "DISTANCE_1"}, "FIRST_DEGREE", False),  # the attendee spelling
        ({"network_distance": "SOMETHING_NEW"}, None, False),
        ({"invitation": {"type": "RECEIVED", "status": "PENDING"}}, None, False),
        ({"invitation": {"type": "SENT", "status": "WITHDRAWN"}}, None, False),
    ],
)
def test_linkedin_distance_and_invitation(extra: dict[str, object], distance: str | None, pending: bool) -> None:
    profile = parse_user_profile({"provider": "LINKEDIN", "provider_id": "x", "headline": "", **extra})
    assert profile.network_distance == distance and profile.pending_invitation is pending
    assert profile.headline is None


def test_other_shapes() -> None:
    whatsapp = parse_user_profile({"provider": "WHATSAPP", "id": "123-456@g.us"})
    assert whatsapp.provider_id == "123-456@g.us" and whatsapp.phone is None
    instagram = parse_user_profile(
        {"provider": "INSTAGRAM", "pk": 1.7846551359031916e16, "username": "ana", "full_name": "", "biography": "hi"},
        asked="17846551359031917",
    )
    assert instagram.provider_id == "17846551359031917" and instagram.name == "ana" and instagram.biography == "hi"
    telegram = parse_user_profile({"provider": "TELEGRAM", "provider_id": "42", "username": "ana_b", "phone": None})
    assert telegram.name == "ana_b" and telegram.phone is None
    twitter = parse_user_profile({"provider": "TWITTER", "id": "99", "name": "Ana", "username": "ana"})
    assert (twitter.provider, twitter.provider_id, twitter.name) == ("TWITTER", "99", "Ana")
    assert parse_user_profile({"provider": "whatsapp"}, asked="1@s.whatsapp.net").provider_id == "1@s.whatsapp.net"


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "UserProfile",
        {"object": "UserProfile"},  # no provider
        {"provider": 3},
        {"provider": "LINKEDIN", "provider_id": "x", "headline": ["not", "a", "string"]},
        {"provider": "LINKEDIN", "provider_id": "x", "invitation": "SENT"},
        {"provider": "TELEGRAM", "provider_id": {"id": 1}},
        {"provider": "WHATSAPP"},  # no id and none asked
    ],
)
def test_bad_shapes_raise_response_format_error(data: object) -> None:
    with pytest.raises(ResponseFormatError):
        parse_user_profile(data)


@pytest.mark.asyncio
async def test_a_bad_shape_from_the_server_is_a_format_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.raw_path.split(b"?")[0] == b"/api/v1/users/ACo%2Fx"  # an id cannot change the route
        assert request.url.params["account_id"] == "acc"
        return httpx.Response(200, json={"object": "UserProfile", "provider": "LINKEDIN", "headline": [7]})

    async with UnipileClient("http://127.0.0.1:9", "k", transport=httpx.MockTransport(handler)) as c:
        with pytest.raises(ResponseFormatError):
            await c.get_user_profile("ACo/x", account_id="acc")
