"""``GET /users/{identifier}`` over real HTTP: the SDK's shape per provider, refusals in order, the views control,
and ``GET /chat_attendees/{id}/chats`` as the SDK's ``messaging.getAllChatsFromAttendee`` calls it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.sandbox.sandbox_shapes import assert_list, check_chat, check_error
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.sandbox.errors import ApiError
from unipile_desktop.sandbox.routes import ApiRequest, ApiRoutes
from unipile_desktop.sandbox.seed import seeded_state

DISTANCES = {"FIRST_DEGREE", "SECOND_DEGREE", "THIRD_DEGREE", "OUT_OF_NETWORK"}


def account(server: SandboxServer, name: str) -> str:
    value = server.landmarks["accounts"][name]
    assert isinstance(value, str)
    return value


def customers(api: httpx.Client, account_id: str) -> list[dict[str, Any]]:
    body = api.get("/chat_attendees", params={"account_id": account_id, "limit": 250}).json()
    return [person for person in body["items"] if person["is_self"] == 0]


def profile(api: httpx.Client, identifier: str, account_id: str, **params: str) -> httpx.Response:
    return api.get(f"/users/{identifier}", params={"account_id": account_id, **params})


def check_linkedin(body: dict[str, Any]) -> None:
    """The required fields of the SDK's LinkedinUserProfileSchema and the types of the optional ones used."""
    assert body["object"] == "UserProfile" and body["provider"] == "LINKEDIN"
    assert isinstance(body["provider_id"], str)
    for key in ("public_identifier", "first_name", "last_name"):
        assert body[key] is None or isinstance(body[key], str)
    assert isinstance(body["headline"], str) and isinstance(body["websites"], list)
    assert body.get("network_distance", "FIRST_DEGREE") in DISTANCES
    invitation = body.get("invitation")
    assert invitation is None or (invitation["type"] in {"SENT", "RECEIVED"} and invitation["status"] == "PENDING")


def test_every_demo_customer_has_a_profile_in_the_sdk_shape(
    shared_sandbox: SandboxServer, shared_api: httpx.Client
) -> None:
    served: dict[str, int] = {}
    for name in ("whatsapp", "linkedin_premium", "linkedin_classic", "instagram", "telegram"):
        account_id = account(shared_sandbox, name)
        for person in customers(shared_api, account_id):
            response = profile(shared_api, person["provider_id"], account_id)
            assert response.status_code == 200, (name, person["name"], response.text)
            assert response.headers["content-type"].startswith("application/json")
            body = response.json()
            assert body["object"] == "UserProfile"
            served[body["provider"]] = served.get(body["provider"], 0) + 1
            if body["provider"] == "LINKEDIN":
                check_linkedin(body)
                assert body["provider_id"] == person["provider_id"]
                if person.get("specifics"):  # a member, not the seed's sponsoring organization
                    assert body["headline"] and body["location"]  # a plausible card: occupation and place
                    assert body["network_distance"] in DISTANCES
                assert body["public_profile_url"] == person["profile_url"]
                assert body["first_name"] and person["name"].startswith(body["first_name"])
            elif body["provider"] == "WHATSAPP":
                assert body == {"object": "UserProfile", "provider": "WHATSAPP", "id": person["provider_id"]}
            elif body["provider"] == "INSTAGRAM":
                assert body["pk"] == int(person["provider_id"])
                assert body["full_name"] == person["name"] and body["username"]
                for key in ("profile_pic_url", "biography"):
                    assert isinstance(body[key], str)
                for key in ("follower_count", "following_count"):
                    assert type(body[key]) is int
                for key in ("is_verified", "is_business", "is_private"):
                    assert type(body[key]) is bool
            else:
                assert body["provider"] == "TELEGRAM" and body["provider_id"] == person["provider_id"]
                assert isinstance(body["profile_picture_url"], str)
                assert body["username"] or body["phone"], person["name"]
                assert body["username"] != "member"
    assert served["WHATSAPP"] >= 5 and served["LINKEDIN"] >= 20 and served["INSTAGRAM"] == 6 and served["TELEGRAM"] >= 5


def test_linkedin_pending_invitation_and_public_identifier(
    shared_sandbox: SandboxServer, shared_api: httpx.Client
) -> None:
    account_id = account(shared_sandbox, "linkedin_premium")
    invited = shared_sandbox.landmarks["recipients"]["linkedin_premium_invited"]
    body = profile(shared_api, invited, account_id).json()
    check_linkedin(body)
    assert body["invitation"] == {"type": "SENT", "status": "PENDING"}
    assert body["network_distance"] != "FIRST_DEGREE"
    by_public = profile(shared_api, body["public_identifier"], account_id).json()
    assert by_public["provider_id"] == invited
    not_invited = shared_sandbox.landmarks["recipients"]["linkedin_premium_prospect"]
    assert "invitation" not in profile(shared_api, not_invited, account_id).json()


def test_invitation_sent_and_withdrawn_shows_in_the_profile(sandbox: SandboxServer, api: httpx.Client) -> None:
    account_id = account(sandbox, "linkedin_premium")
    person = sandbox.landmarks["recipients"]["linkedin_premium_prospect"]
    sent = api.post("/users/invite", json={"account_id": account_id, "provider_id": person})
    assert sent.status_code == 201
    assert profile(api, person, account_id).json()["invitation"] == {"type": "SENT", "status": "PENDING"}
    invitation_id = sent.json()["invitation_id"]
    assert api.delete(f"/users/invite/sent/{invitation_id}", params={"account_id": account_id}).status_code == 200
    assert "invitation" not in profile(api, person, account_id).json()


def test_linkedin_sections_and_api(shared_sandbox: SandboxServer, shared_api: httpx.Client) -> None:
    premium = account(shared_sandbox, "linkedin_premium")
    person = customers(shared_api, premium)[0]["provider_id"]
    plain = profile(shared_api, person, premium).json()
    assert "work_experience" not in plain and "skills" not in plain
    every = profile(shared_api, person, premium, linkedin_sections="*").json()
    check_linkedin(every)
    assert every["work_experience"][0]["position"] and every["skills"] and every["summary"]
    assert {"education", "languages", "certifications"} <= every.keys()
    some = profile(shared_api, person, premium, linkedin_sections="skills,about", linkedin_api="recruiter").json()
    assert "skills" in some and "summary" in some and "work_experience" not in some
    assert profile(shared_api, person, premium, linkedin_api="sales_navigator", notify="false").status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"linkedin_api": "classic"},
        {"linkedin_api": "Recruiter"},
        {"linkedin_sections": "skills,hobbies"},
        {"linkedin_sections": ""},
        {"linkedin_sections": "*,skills"},
        {"notify": "maybe"},
    ],
)
def test_bad_linkedin_parameters_are_refused(
    shared_sandbox: SandboxServer, shared_api: httpx.Client, params: dict[str, str]
) -> None:
    premium = account(shared_sandbox, "linkedin_premium")
    person = customers(shared_api, premium)[0]["provider_id"]
    response = profile(shared_api, person, premium, **params)
    assert response.status_code == 400
    check_error(response.json(), 400, "errors/invalid_parameters")


def test_refusals(shared_sandbox: SandboxServer, shared_api: httpx.Client) -> None:
    whatsapp = account(shared_sandbox, "whatsapp")
    someone = customers(shared_api, whatsapp)[0]["provider_id"]
    missing = shared_api.get(f"/users/{someone}")
    check_error(missing.json(), 400, "errors/missing_parameters")
    check_error(profile(shared_api, someone, "no-such-account").json(), 404, "errors/resource_not_found")
    check_error(profile(shared_api, "33000000000@s.whatsapp.net", whatsapp).json(), 422, "errors/invalid_recipient")
    # Another account's person is not known to this one.
    telegram_person = customers(shared_api, account(shared_sandbox, "telegram"))[0]["provider_id"]
    check_error(profile(shared_api, telegram_person, whatsapp).json(), 422, "errors/invalid_recipient")
    messenger = account(shared_sandbox, "messenger")
    unsupported = profile(shared_api, customers(shared_api, messenger)[0]["provider_id"], messenger)
    assert unsupported.status_code == 501
    check_error(unsupported.json(), 501, "errors/feature_not_implemented")
    disconnected = account(shared_sandbox, "linkedin_disconnected")
    check_error(profile(shared_api, "ACoAAanyone", disconnected).json(), 401, "errors/disconnected_account")
    # linkedin_api naming a product the account lacks (the classic account has none).
    classic = account(shared_sandbox, "linkedin_classic")
    member = customers(shared_api, classic)[0]["provider_id"]
    lacking = profile(shared_api, member, classic, linkedin_api="recruiter")
    check_error(lacking.json(), 403, "errors/feature_not_subscribed")
    # linkedin_* parameters are ignored for other providers (the SDK sends them to any).
    assert profile(shared_api, someone, whatsapp, linkedin_api="recruiter").status_code == 200


def test_profile_views_are_counted_per_account_and_identifier(
    sandbox: SandboxServer, api: httpx.Client, controls: httpx.Client
) -> None:
    premium = account(sandbox, "linkedin_premium")
    whatsapp = account(sandbox, "whatsapp")
    member = customers(api, premium)[0]["provider_id"]
    phone = customers(api, whatsapp)[0]["provider_id"]
    assert controls.get("/profile_views").json() == {"accounts": {}, "identifiers": {}}
    for _ in range(3):
        assert profile(api, member, premium).status_code == 200
    assert profile(api, phone, whatsapp).status_code == 200
    assert profile(api, member, premium, linkedin_api="classic").status_code == 400  # refused before the provider
    assert profile(api, member, "no-such-account").status_code == 404
    views = controls.get("/profile_views").json()
    assert views["accounts"] == {premium: 3, whatsapp: 1}
    assert views["identifiers"] == {premium: {member: 3}, whatsapp: {phone: 1}}
    assert controls.delete("/profile_views").json() == {"deleted": 4}
    assert controls.get("/profile_views").json()["accounts"] == {}


def test_hostile_world_profiles_never_fail_on_the_server() -> None:
    state = seeded_state(1, world="hostile")
    routes = ApiRoutes(state)
    answered = 0
    for person in state.attendees.values():
        request = ApiRequest("GET", f"/users/{person.provider_id}", {"account_id": [person.account_id]}, {})
        try:
            response = routes.dispatch(request)
        except ApiError as error:  # a refusal in the API's words; any other exception fails the test
            assert error.status in (401, 422, 501), error.body()
        else:
            assert response.status == 200
            answered += 1
    assert answered > 0


# ---------------------------------------------------------------------------------- GET /chat_attendees/{id}/chats


def test_attendee_chats_by_id_and_by_provider_id(shared_sandbox: SandboxServer, shared_api: httpx.Client) -> None:
    whatsapp = account(shared_sandbox, "whatsapp")
    chats = shared_api.get("/chats", params={"account_id": whatsapp, "limit": 250}).json()["items"]
    single = next(chat for chat in chats if chat["type"] == 0)
    person = next(p for p in customers(shared_api, whatsapp) if p["provider_id"] == single["attendee_provider_id"])
    by_id = shared_api.get(f"/chat_attendees/{person['id']}/chats").json()
    for chat in assert_list(by_id, "ChatList"):
        check_chat(chat)
    assert [chat["id"] for chat in by_id["items"]] == [single["id"]]
    by_provider_id = shared_api.get(
        f"/chat_attendees/{person['provider_id']}/chats", params={"account_id": whatsapp}
    ).json()
    assert [chat["id"] for chat in by_provider_id["items"]] == [single["id"]]
    # Without account_id a provider id names the person in every account; another account's filter finds nobody.
    assert shared_api.get(f"/chat_attendees/{person['provider_id']}/chats").json()["items"] == by_id["items"]
    other = account(shared_sandbox, "telegram")
    answer = shared_api.get(f"/chat_attendees/{person['provider_id']}/chats", params={"account_id": other})
    check_error(answer.json(), 404, "errors/resource_not_found")


def test_attendee_chats_follow_the_cursor_newest_first(shared_sandbox: SandboxServer, shared_api: httpx.Client) -> None:
    whatsapp = account(shared_sandbox, "whatsapp")
    chats = shared_api.get("/chats", params={"account_id": whatsapp, "limit": 250}).json()["items"]
    singles = [chat for chat in chats if chat["type"] == 0][:3]
    ids = ",".join(chat["attendee_provider_id"] for chat in singles)
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, str | int] = {"limit": 1, "account_id": whatsapp}
        if cursor:
            params = {"cursor": cursor}  # the SDK sends the cursor alone or with the same filters
        body = shared_api.get(f"/chat_attendees/{ids}/chats", params=params).json()
        seen += [chat["id"] for chat in assert_list(body, "ChatList")]
        pages += 1
        cursor = body["cursor"]
        if cursor is None:
            break
    assert pages >= 3 and sorted(seen) == sorted(chat["id"] for chat in singles)
    assert seen == [chat["id"] for chat in singles]  # /chats lists newest first too
