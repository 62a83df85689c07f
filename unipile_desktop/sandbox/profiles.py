"""``GET /users/{identifier}``: a person's profile in the SDK 1.9.3 shape of its provider (``users.getProfile``).

Behaviour chosen where the reference is silent (the shapes follow ``users/ressource.types`` exactly):

- Checks run in this order: 400 ``errors/missing_parameters`` without ``account_id``; 400
  ``errors/invalid_parameters`` for ``linkedin_api`` other than ``recruiter``/``sales_navigator``, for
  ``linkedin_sections`` other than ``*`` or a comma list of the SDK's section names, for ``notify`` other than
  true/false; 404 unknown account; 401 ``errors/disconnected_account``; 501 ``errors/feature_not_implemented`` for a
  provider the SDK has no profile shape for (Messenger, and every provider but LinkedIn, WhatsApp, Instagram and
  Telegram); 403 ``errors/feature_not_subscribed`` for a ``linkedin_api`` the LinkedIn account lacks (as ``POST
  /chats`` answers); 422 ``errors/invalid_recipient`` for a person the account does not know (as ``POST
  /users/invite`` answers). ``linkedin_*`` parameters are ignored for the other providers, as the SDK sends them to
  any.
- The identifier is the person's provider id in that account; for LinkedIn also their public identifier (the end of
  their ``/in/`` profile URL).
- Each lookup that reaches the provider (after the checks above up to the 401) is counted per account and
  identifier: LinkedIn counts profile views against the account's limits, so a client should cache. The test
  control ``GET /_sandbox/profile_views`` reports the counts.
- The profile is built from what the sandbox knows of the person (name, picture, LinkedIn ``specifics``: occupation,
  location, distance, pending invitation) plus details derived from a stable hash of their provider id (biography,
  follower counts, a Telegram phone), so seeded worlds stay as they were.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from .errors import ApiError, invalid_parameters
from .invitations import _public_id
from .models import Account, Attendee, JsonDict
from .paging import last_value, parse_bool_param
from .state import SandboxState

PROFILE_LINKEDIN_APIS = ("recruiter", "sales_navigator")
LINKEDIN_SECTIONS = ("experience", "education", "languages", "skills", "certifications", "about")
PROFILE_PROVIDERS = ("LINKEDIN", "WHATSAPP", "INSTAGRAM", "TELEGRAM")
LINKEDIN_DISTANCES = {
    "DISTANCE_1": "FIRST_DEGREE",
    "DISTANCE_2": "SECOND_DEGREE",
    "DISTANCE_3": "THIRD_DEGREE",
    "OUT_OF_NETWORK": "OUT_OF_NETWORK",
}
BIOGRAPHIES = (
    "Coffee, books and long walks ☕📚",
    "Small business owner. Handmade with love.",
    "Photographer | Traveller | Dog person 🐶",
    "Living one order at a time.",
    "Designer based in Lisbon.",
    "",
)
SKILLS = ("Customer Success", "Python", "Negotiation", "Project Management", "SQL", "Public Speaking", "Recruiting")
SCHOOLS = ("Université de Lyon", "Technische Universität Berlin", "Universidad Complutense", "University of Leeds")
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "de": "German", "zh": "Chinese", "ru": "Russian"}


def _stable(text: str, modulo: int) -> int:
    """A number in [0, modulo) that depends only on `text`: the same person gets the same details every run."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:8], "big") % modulo


def profile_query(query: Mapping[str, list[str]]) -> tuple[str | None, list[str]]:
    """The validated ``linkedin_api`` and ``linkedin_sections`` (400 ``errors/invalid_parameters`` when bad)."""
    api = last_value(query, "linkedin_api")
    if api is not None and api not in PROFILE_LINKEDIN_APIS:
        raise invalid_parameters(f"linkedin_api must be one of {', '.join(PROFILE_LINKEDIN_APIS)}.")
    sections: list[str] = []
    raw = last_value(query, "linkedin_sections")
    if raw is not None:
        parts = [part.strip() for part in raw.split(",")]
        if parts == ["*"]:
            sections = list(LINKEDIN_SECTIONS)
        elif not all(part in LINKEDIN_SECTIONS for part in parts):
            raise invalid_parameters(f"linkedin_sections must be * or a comma list of {', '.join(LINKEDIN_SECTIONS)}.")
        else:
            sections = parts
    parse_bool_param(query, "notify")
    return api, sections


def count_view(state: SandboxState, account_id: str, identifier: str) -> None:
    with state.lock:
        per_account = state.profile_views.setdefault(account_id, {})
        per_account[identifier] = per_account.get(identifier, 0) + 1


def profile_views(state: SandboxState) -> JsonDict:
    """The control's report: lookups per account (``accounts``) and per account and identifier."""
    with state.lock:
        return {
            "accounts": {account: sum(counts.values()) for account, counts in state.profile_views.items()},
            "identifiers": {account: dict(counts) for account, counts in state.profile_views.items()},
        }


def clear_profile_views(state: SandboxState) -> int:
    with state.lock:
        total = sum(sum(counts.values()) for counts in state.profile_views.values())
        state.profile_views.clear()
        return total


def get_profile(state: SandboxState, identifier: str, account_id: str, query: Mapping[str, list[str]]) -> JsonDict:
    """The ``UserProfile`` answer of ``GET /users/{identifier}`` (see the module's docstring for the errors)."""
    api, sections = profile_query(query)
    with state.lock:
        account = state.account(account_id)
        state.require_connected(account)
        count_view(state, account.id, identifier)
        if account.type not in PROFILE_PROVIDERS:
            raise ApiError(
                501, "errors/feature_not_implemented", f"User profiles are not available for {account.type}."
            )
        if account.is_linkedin and api is not None and api not in account.premium_features:
            raise ApiError(403, "errors/feature_not_subscribed", f"The account does not subscribe to LinkedIn {api}.")
        person = _person(state, account, identifier)
        if person is None:
            raise ApiError(422, "errors/invalid_recipient", f"User {identifier} cannot be found from this account.")
        picture = person.picture_url
        if picture is None and person.has_picture:
            picture = f"{state.media_base}/attendees/{person.id}.png"
        lang = state.attendee_langs.get(person.id, "en")
        builders = {"LINKEDIN": _linkedin, "WHATSAPP": _whatsapp, "INSTAGRAM": _instagram, "TELEGRAM": _telegram}
        profile = builders[account.type](person, picture, sections, lang)
        profile["object"] = "UserProfile"
        return profile


def _person(state: SandboxState, account: Account, identifier: str) -> Attendee | None:
    people = [attendee for attendee in state.attendees.values() if attendee.account_id == account.id]
    for attendee in people:
        if attendee.provider_id == identifier:
            return attendee
    if account.is_linkedin:
        for attendee in people:
            if _public_id(attendee) == identifier:
                return attendee
    return None


def _names(person: Attendee) -> tuple[str | None, str | None]:
    first, _, last = person.name.strip().partition(" ")
    return (first or None), (last.strip() or None)


def _linkedin(person: Attendee, picture: str | None, sections: list[str], lang: str) -> JsonDict:
    specifics = person.specifics or {}
    first, last = _names(person)
    headline = specifics.get("headline") or specifics.get("occupation")
    profile: JsonDict = {
        "provider": "LINKEDIN",
        "provider_id": person.provider_id,
        "public_identifier": _public_id(person),
        "first_name": first,
        "last_name": last,
        "headline": headline if isinstance(headline, str) else "",
        "websites": [],
        "is_self": person.is_self,
    }
    location = specifics.get("location")
    if isinstance(location, str):
        profile["location"] = location
    if picture is not None:
        profile["profile_picture_url"] = picture
    if person.profile_url is not None:
        profile["public_profile_url"] = person.profile_url
    distance = LINKEDIN_DISTANCES.get(str(specifics.get("network_distance")))
    if distance is not None and not person.is_self:
        profile["network_distance"] = distance
        profile["is_relationship"] = distance == "FIRST_DEGREE"
        profile["can_send_inmail"] = distance != "FIRST_DEGREE"
    if specifics.get("pending_invitation") is True:
        profile["invitation"] = {"type": "SENT", "status": "PENDING"}
    seed = person.provider_id
    profile["follower_count"] = 50 + _stable(seed + ":followers", 4000)
    profile["connections_count"] = 30 + _stable(seed + ":connections", 500)
    profile["shared_connections_count"] = _stable(seed + ":shared", 40)
    profile.update(_linkedin_sections(person, sections, lang, profile["headline"]))
    return profile


def _linkedin_sections(person: Attendee, sections: list[str], lang: str, headline: str) -> JsonDict:
    seed = person.provider_id
    out: JsonDict = {}
    if "about" in sections:
        out["summary"] = f"{headline or 'Professional'}. Happy to connect about customer experience and teamwork."
    if "experience" in sections:
        position, _, company = headline.partition(" at ")
        out["work_experience"] = [
            {
                "position": position or "Consultant",
                "company": company or "Independent",
                "current": True,
                "start": f"{2015 + _stable(seed + ':start', 8)}-01-01",
                "end": None,
            }
        ]
    if "education" in sections:
        out["education"] = [
            {"school": SCHOOLS[_stable(seed + ":school", len(SCHOOLS))], "degree": "Master", "start": None, "end": None}
        ]
    if "skills" in sections:
        first = _stable(seed + ":skills", len(SKILLS))
        picked = [SKILLS[(first + step) % len(SKILLS)] for step in (0, 3)]
        out["skills"] = [{"name": name, "endorsement_count": _stable(seed + name, 60)} for name in picked]
    if "languages" in sections:
        names = {"English", LANGUAGE_NAMES.get(lang, "English")}
        out["languages"] = [{"name": name} for name in sorted(names)]
    if "certifications" in sections:
        out["certifications"] = []
    return out


def _whatsapp(person: Attendee, picture: str | None, sections: list[str], lang: str) -> JsonDict:
    return {"provider": "WHATSAPP", "id": person.provider_id}


def _instagram(person: Attendee, picture: str | None, sections: list[str], lang: str) -> JsonDict:
    seed = person.provider_id
    username = ""
    if person.profile_url and "instagram.com/" in person.profile_url:
        username = person.profile_url.rstrip("/").rsplit("/", 1)[1]
    if not username or username == "member":
        username = "".join(ch for ch in person.name.lower() if ch.isascii() and ch.isalnum()) or f"user{seed[-6:]}"
    try:
        pk = int(person.provider_id)
    except ValueError:
        pk = _stable(seed, 10**15)
    return {
        "provider": "INSTAGRAM",
        "pk": pk,
        "username": username,
        "full_name": person.name,
        "profile_pic_url": picture or "",
        "biography": BIOGRAPHIES[_stable(seed + ":bio", len(BIOGRAPHIES))],
        "follower_count": 20 + _stable(seed + ":followers", 3000),
        "following_count": 10 + _stable(seed + ":following", 800),
        "is_verified": False,
        "is_business": _stable(seed + ":business", 4) == 0,
        "is_private": _stable(seed + ":private", 5) == 0,
    }


def _telegram(person: Attendee, picture: str | None, sections: list[str], lang: str) -> JsonDict:
    seed = person.provider_id
    first, last = _names(person)
    username = None
    if person.profile_url and "t.me/" in person.profile_url:
        username = person.profile_url.rstrip("/").rsplit("/", 1)[1] or None
    if username == "member":  # the seed's slug of a name without ASCII letters: no username, a phone instead
        username = None
    phone = None
    if username is None or _stable(seed + ":phone", 2) == 0:  # everyone has a username or a phone number
        phone = "+" + str(33600000000 + _stable(seed + ":number", 99999999))
    return {
        "provider": "TELEGRAM",
        "provider_id": person.provider_id,
        "first_name": first,
        "last_name": last,
        "username": username,
        "phone": phone,
        "profile_picture_url": picture or "",
        "self": person.is_self,
        "contact": phone is not None,
        "bot": False,
        "verified": False,
        "status": {"name": "UserStatusRecently"},
        "lang_code": lang,
    }
