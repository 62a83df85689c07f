"""A person's profile as ``GET /users/{identifier}`` gives it (SDK ``users.getProfile``), one shape per provider.

The SDK's union (``users/user-profile.types``): LinkedIn (``provider_id``, names, ``headline``, ``location``,
``network_distance``, ``invitation``, ``public_profile_url`` …), WhatsApp (``id`` only), Instagram (``pk``,
``username``, ``full_name``, ``biography`` …), Telegram (``provider_id``, names, ``username``, ``phone``) and
Twitter. They are read into one flat ``UserProfile`` the card can show whatever the provider; the JSON is kept
in ``raw`` so a cache can store it and parse it again later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .errors import ResponseFormatError
from .models import _Obj

# The profile's degrees; an attendee's ``specifics`` spell them DISTANCE_n, read here too.
NETWORK_DISTANCES = ("FIRST_DEGREE", "SECOND_DEGREE", "THIRD_DEGREE", "OUT_OF_NETWORK")
_ATTENDEE_DISTANCES = {
    "DISTANCE_1": "FIRST_DEGREE",
    "DISTANCE_2": "SECOND_DEGREE",
    "DISTANCE_3": "THIRD_DEGREE",
}
WHATSAPP_USER_SUFFIX = "@s.whatsapp.net"


@dataclass(frozen=True, slots=True)
class UserProfile:
    """What the card shows about a person; fields a provider's shape lacks are None."""

    provider: str  # LINKEDIN, WHATSAPP, TELEGRAM, INSTAGRAM, TWITTER, …
    provider_id: str  # as asked, or the shape's provider_id / id / pk
    name: str | None  # first + last, full_name or username: whatever the shape has
    headline: str | None = None
    location: str | None = None
    picture_url: str | None = None
    public_profile_url: str | None = None
    public_identifier: str | None = None
    network_distance: str | None = None  # FIRST_DEGREE | SECOND_DEGREE | THIRD_DEGREE | OUT_OF_NETWORK
    pending_invitation: bool = False  # LinkedIn: this account invited the person and they have not answered
    username: str | None = None
    phone: str | None = None
    biography: str | None = None
    # The JSON as received (a plain dict, for json.dumps into a cache); not compared or hashed.
    raw: Mapping[str, object] = field(default_factory=dict, repr=False, compare=False)


def parse_user_profile(data: object, path: str = "UserProfile", *, asked: str | None = None) -> UserProfile:
    """One ``UserProfile`` answer; ``asked`` (the identifier requested) stands in for a shape without an id.

    Raises ``ResponseFormatError`` when the answer is not an object, names no provider, or a field has the
    wrong type; unknown fields and providers are accepted.
    """
    o = _Obj(data, path)
    provider = o.req_str("provider").upper()
    raw = {str(key): value for key, value in o.data.items()}
    reader = _READERS.get(provider, _read_other)
    profile = reader(o, provider, raw)
    if asked and provider == "INSTAGRAM":
        # Instagram's pk is a JSON number: past 2**53 some servers and parsers round it; the id asked is exact.
        profile = replace(profile, provider_id=asked)
    if not profile.provider_id:
        if not asked:
            raise ResponseFormatError(f"{path} has no provider_id, id or pk")
        profile = replace(profile, provider_id=asked)
    return profile


def _full_name(o: _Obj) -> str | None:
    first, last = o.opt_str("first_name") or "", o.opt_str("last_name") or ""
    return " ".join(part for part in (first.strip(), last.strip()) if part) or None


def _distance(o: _Obj) -> str | None:
    value = o.opt_str("network_distance")
    if value is None:
        return None
    value = value.strip().upper()
    value = _ATTENDEE_DISTANCES.get(value, value)
    return value if value in NETWORK_DISTANCES else None


def _pending(o: _Obj) -> bool:
    invitation = o.obj("invitation")
    if invitation is None:
        return False
    kind, status = invitation.opt_str("type"), invitation.opt_str("status")
    return (kind or "").upper() == "SENT" and (status or "").upper() == "PENDING"


def _first_phone(o: _Obj) -> str | None:
    contact = o.obj("contact_info")
    if contact is None:
        return None
    phones = contact.str_list("phones")
    return phones[0] if phones else None


def _read_linkedin(o: _Obj, provider: str, raw: dict[str, object]) -> UserProfile:
    return UserProfile(
        provider=provider,
        provider_id=o.opt_str("provider_id") or "",
        name=_full_name(o),
        headline=o.opt_str("headline") or None,
        location=o.opt_str("location") or None,
        picture_url=o.opt_str("profile_picture_url"),
        public_profile_url=o.opt_str("public_profile_url"),
        public_identifier=o.opt_str("public_identifier"),
        network_distance=_distance(o),
        pending_invitation=_pending(o),
        phone=_first_phone(o),
        biography=o.opt_str("summary") or None,
        raw=raw,
    )


def whatsapp_phone(provider_id: str) -> str | None:
    """``33600000000@s.whatsapp.net`` → ``+33600000000``; None for any other id (a group, a LID)."""
    number = provider_id.removesuffix(WHATSAPP_USER_SUFFIX)
    if number == provider_id or not number.isdigit():
        return None
    return f"+{number}"


def _read_whatsapp(o: _Obj, provider: str, raw: dict[str, object]) -> UserProfile:
    provider_id = o.opt_str("id") or o.opt_str("provider_id") or ""
    return UserProfile(
        provider=provider,
        provider_id=provider_id,
        name=o.opt_str("name") or None,  # not in the SDK's shape (id only); taken if a server adds it
        phone=whatsapp_phone(provider_id),
        raw=raw,
    )


def _read_instagram(o: _Obj, provider: str, raw: dict[str, object]) -> UserProfile:
    username = o.opt_str("username") or None
    return UserProfile(
        provider=provider,
        provider_id=o.opt_str("provider_id") or o.opt_str("pk") or "",
        name=o.opt_str("full_name") or username,
        picture_url=o.opt_str("profile_pic_url") or None,
        username=username,
        biography=o.opt_str("biography") or None,
        raw=raw,
    )


def _read_telegram(o: _Obj, provider: str, raw: dict[str, object]) -> UserProfile:
    username = o.opt_str("username") or None
    return UserProfile(
        provider=provider,
        provider_id=o.opt_str("provider_id") or "",
        name=_full_name(o) or username,
        picture_url=o.opt_str("profile_picture_url") or None,
        username=username,
        phone=o.opt_str("phone") or None,
        raw=raw,
    )


def _read_other(o: _Obj, provider: str, raw: dict[str, object]) -> UserProfile:
    username = o.opt_str("username") or None
    return UserProfile(
        provider=provider,
        provider_id=o.opt_str("provider_id") or o.opt_str("id") or "",
        name=o.opt_str("name") or _full_name(o) or username,
        picture_url=o.opt_str("profile_picture_url") or None,
        username=username,
        raw=raw,
    )


_READERS = {
    "LINKEDIN": _read_linkedin,
    "WHATSAPP": _read_whatsapp,
    "INSTAGRAM": _read_instagram,
    "TELEGRAM": _read_telegram,
}
