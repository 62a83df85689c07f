"""LinkedIn invitations: ``POST /users/invite``, ``GET /users/invite/sent``, ``DELETE /users/invite/sent/{id}``.

Behaviour chosen where the reference is silent (the SDK 1.9.3 shapes are followed exactly):

- ``POST /users/invite`` takes JSON only (415 otherwise; 400 ``errors/malformed_request`` for unreadable JSON). Checks
  run in this order: 400 ``errors/missing_parameters`` (``provider_id``/``account_id``), 404 unknown account, 422
  ``errors/invalid_account`` for an account that is not LinkedIn (the 422 type the reference has for "this account
  cannot do that"; the sandbox already answers it for the InMail balance of such an account), 401
  ``errors/disconnected_account``, 400 ``errors/too_many_characters`` for a note over 300 characters, 422
  ``errors/invalid_recipient`` for a person the account does not know (as ``POST /chats`` answers), 422
  ``errors/cannot_invite_attendee`` for a 1st-degree connection, the owner or an organization, 422
  ``errors/already_invited_recently`` while an invitation to the person is pending, then 422
  ``errors/limit_exceeded`` past the weekly cap (``SandboxState.invitation_weekly_cap`` invitations per account over
  a rolling 7 days; withdrawing one does not give it back, as on LinkedIn; the seed's invitations are not counted,
  so a test that sets the cap to N can send exactly N). Success answers 201 and sets the
  person's ``specifics.pending_invitation`` to true.
- The list and the withdrawal ask the provider, so a disconnected account answers 401 there (like ``/users/me``).
  Withdrawing an id the account does not have answers 404 ``errors/resource_not_found``; a withdrawn person can be
  invited again at once (LinkedIn's three-week wait after a withdrawal is not modelled).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from .errors import ApiError, invalid_parameters, missing_parameters, not_found
from .models import Account, Attendee, Invitation, JsonDict, format_ts, now_ms, parse_ts
from .multipart import media_type
from .paging import decode_cursor, encode_cursor, last_value, take_page
from .state import SandboxState

NOTE_LIMIT = 300
WEEK_MS = 7 * 24 * 3600 * 1000
DAY_MS = 24 * 3600 * 1000
MAX_LIST_LIMIT = 100
DEFAULT_LIST_LIMIT = 100
SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def sent_when(sent_at_ms: int, now: int) -> str:
    """LinkedIn's wording of a sent date ("Sent today", "Sent 3 days ago", "Sent 2 weeks ago")."""
    days = max(0, (now - sent_at_ms) // DAY_MS)
    if days == 0:
        return "Sent today"
    if days == 1:
        return "Sent yesterday"
    if days < 7:
        return f"Sent {days} days ago"
    weeks = days // 7
    if weeks < 5:
        return f"Sent {weeks} week{'s' if weeks > 1 else ''} ago"
    months = max(1, days // 30)
    return f"Sent {months} month{'s' if months > 1 else ''} ago"


def _public_id(person: Attendee) -> str | None:
    if person.profile_url and "/in/" in person.profile_url:
        return person.profile_url.rstrip("/").rsplit("/in/", 1)[1] or None
    return None


def invitation_json(invitation: Invitation, person: Attendee | None, now: int) -> JsonDict:
    """An ``InvitationSent`` item as the SDK's validator expects it."""
    specifics = person.specifics if person is not None else None
    headline = None
    if specifics is not None:
        raw = specifics.get("headline") or specifics.get("occupation")
        headline = raw if isinstance(raw, str) else None
    return {
        "object": "InvitationSent",
        "id": invitation.id,
        "invited_user": person.name if person is not None else None,
        "invited_user_id": invitation.provider_id,
        "invited_user_public_id": _public_id(person) if person is not None else None,
        "invited_user_description": headline,
        "date": sent_when(invitation.sent_at_ms, now),
        "parsed_datetime": format_ts(invitation.sent_at_ms),
        "invitation_text": invitation.note,
        "specifics": {"provider": "LINKEDIN", "shared_secret": invitation.shared_secret},
    }


# ----------------------------------------------------------------------------------------------- rules


def _linkedin_account(state: SandboxState, account_id: str) -> Account:
    account = state.account(account_id)
    if not account.is_linkedin:
        raise ApiError(422, "errors/invalid_account", f"Account {account_id} is not a LinkedIn account.")
    state.require_connected(account)
    return account


def _people(state: SandboxState, account_id: str, provider_id: str) -> list[Attendee]:
    return [
        attendee
        for attendee in state.attendees.values()
        if attendee.account_id == account_id and attendee.provider_id == provider_id
    ]


def _set_pending(state: SandboxState, account_id: str, provider_id: str, pending: bool) -> None:
    for person in _people(state, account_id, provider_id):
        if person.specifics is not None:
            person.specifics["pending_invitation"] = pending


def _pending_for(state: SandboxState, account_id: str, provider_id: str) -> Invitation | None:
    for invitation in state.invitations.values():
        if invitation.account_id == account_id and invitation.provider_id == provider_id:
            return invitation
    return None


def record_invitation(
    state: SandboxState, account: Account, person: Attendee, note: str | None, sent_at_ms: int
) -> Invitation:
    """Store an invitation (the seed's and the route's one builder) and mark the person pending."""
    rng = state.provider_ids.rng
    invitation = Invitation(
        id=state.provider_ids.digits(19),
        account_id=account.id,
        provider_id=person.provider_id,
        sent_at_ms=sent_at_ms,
        note=note,
        shared_secret="".join(rng.choices(SECRET_ALPHABET, k=8)),
    )
    state.invitations[invitation.id] = invitation
    _set_pending(state, account.id, person.provider_id, True)
    return invitation


def send_invitation(state: SandboxState, payload: Mapping[str, object]) -> Invitation:
    """POST /users/invite: the checks of the module docs, in order, then the invitation."""
    with state.lock:
        provider_id, account_id, note = payload.get("provider_id"), payload.get("account_id"), payload.get("message")
        for name, value in (("provider_id", provider_id), ("account_id", account_id)):
            if value is None or value == "":
                raise missing_parameters(f"{name} is required.")
            if not isinstance(value, str):
                raise invalid_parameters(f"{name} must be a string.")
        if note is not None and not isinstance(note, str):
            raise invalid_parameters("message must be a string.")
        assert isinstance(provider_id, str) and isinstance(account_id, str)
        account = _linkedin_account(state, account_id)
        if note is not None and len(note) > NOTE_LIMIT:
            raise ApiError(400, "errors/too_many_characters", f"The invitation note exceeds {NOTE_LIMIT} characters.")
        people = [person for person in _people(state, account.id, provider_id) if not person.is_self]
        if not people:
            if any(p.is_self for p in _people(state, account.id, provider_id)):
                raise ApiError(422, "errors/cannot_invite_attendee", "An account cannot invite itself.")
            raise ApiError(422, "errors/invalid_recipient", f"Recipient {provider_id} cannot be found on this account.")
        person = people[0]
        if person.specifics is None:
            raise ApiError(422, "errors/cannot_invite_attendee", f"{person.name} is not a member who can be invited.")
        if person.network_distance == "DISTANCE_1":
            raise ApiError(422, "errors/cannot_invite_attendee", f"{person.name} is already a 1st-degree connection.")
        if _pending_for(state, account.id, provider_id) is not None:
            raise ApiError(
                422, "errors/already_invited_recently", f"An invitation to {person.name} is already pending."
            )
        now = now_ms()
        recent = [stamp for stamp in state.invitations_sent_ms.get(account.id, []) if now - stamp < WEEK_MS]
        state.invitations_sent_ms[account.id] = recent
        if len(recent) >= state.invitation_weekly_cap:
            raise ApiError(
                422,
                "errors/limit_exceeded",
                f"The weekly invitation limit is reached: at most {state.invitation_weekly_cap} invitations per "
                "account over 7 days.",
            )
        recent.append(now)
        return record_invitation(state, account, person, note or None, now)


def list_invitations(
    state: SandboxState, account_id: str, cursor: str | None, limit: int
) -> tuple[list[JsonDict], str | None]:
    """A page of the account's pending invitations, newest first, and the cursor of the next one."""
    with state.lock:
        account = _linkedin_account(state, account_id)
        after_key: tuple[int, str] | None = None
        if cursor:
            payload = decode_cursor(cursor, ["last_id", "last_date"])
            if payload.get("account_id") != account.id:
                raise invalid_parameters("The cursor is invalid.")
            limit = int(payload["limit"])
            after_key = (parse_ts(payload["cursor"]["last_date"]), payload["cursor"]["last_id"])
        mine = [invitation for invitation in state.invitations.values() if invitation.account_id == account.id]
        page, last = take_page(mine, lambda invitation: (invitation.sent_at_ms, invitation.id), after_key, limit)
        next_cursor = None
        if last is not None:
            position = {"last_id": last.id, "last_date": format_ts(last.sent_at_ms)}
            next_cursor = encode_cursor({"account_id": account.id, "limit": limit, "cursor": position})
        now = now_ms()
        items = []
        for invitation in page:
            people = _people(state, account.id, invitation.provider_id)
            items.append(invitation_json(invitation, people[0] if people else None, now))
        return items, next_cursor


def cancel_invitation(state: SandboxState, account_id: str, invitation_id: str) -> None:
    """DELETE /users/invite/sent/{id}: withdraw it; the person is no longer pending."""
    with state.lock:
        account = _linkedin_account(state, account_id)
        invitation = state.invitations.get(invitation_id)
        if invitation is None or invitation.account_id != account.id:
            raise not_found(f"Invitation {invitation_id} not found.")
        del state.invitations[invitation_id]
        _set_pending(state, account.id, invitation.provider_id, False)


# ----------------------------------------------------------------------------------------------- requests


def json_body(content_type: str, body: bytes) -> Mapping[str, object]:
    """The JSON object of a request body: 415 for another media type, 400 when it cannot be read as an object."""
    if media_type(content_type) != "application/json":
        raise ApiError(415, "errors/unsupported_media_type", "This route expects an application/json body.")
    try:
        payload = json.loads(body.decode("utf-8") or "null")
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "errors/malformed_request", "The JSON body could not be parsed.") from None
    if not isinstance(payload, dict):
        raise ApiError(400, "errors/malformed_request", "The JSON body must be an object.")
    return payload


def list_limit(query: Mapping[str, list[str]]) -> int:
    """The `limit` of the sent-invitations list: an integer from 1 to 100."""
    raw = last_value(query, "limit")
    if raw is None:
        return DEFAULT_LIST_LIMIT
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_LIST_LIMIT:
        raise invalid_parameters(f"limit must be an integer between 1 and {MAX_LIST_LIMIT}.")
    return int(raw)
