"""Checks on what a person types for a profile: its name, the DSN and the API key, each with a sentence if wrong."""

from __future__ import annotations

import unicodedata
from typing import Final

from ..api import InvalidDsnError, base_url_from_dsn
from ..texts import translate

MAX_PROFILE_NAME_LENGTH: Final = 64


class InvalidProfileError(ValueError):
    """A profile name or DSN that cannot be used; the message is a sentence for the user."""


def validate_profile_name(name: str) -> str:
    """The name with surrounding spaces removed, or InvalidProfileError saying what is wrong with it."""
    cleaned = name.strip()
    if not cleaned:
        raise InvalidProfileError(
            translate(
                "ProfileValidation", "The profile name is empty. Give the connection a short name, like “Support”."
            )
        )
    if len(cleaned) > MAX_PROFILE_NAME_LENGTH:
        raise InvalidProfileError(
            translate(
                "ProfileValidation", "The profile name is too long ({length} characters); use at most {limit}."
            ).format(length=len(cleaned), limit=MAX_PROFILE_NAME_LENGTH)
        )
    # Control, format and line/paragraph separator characters would break the settings file, the keyring
    # entry's label or a terminal listing.
    if any(unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} for char in cleaned):
        raise InvalidProfileError(
            translate(
                "ProfileValidation", "The profile name contains control characters (such as a line break or a tab)."
            )
        )
    return cleaned


def validate_dsn(dsn: str) -> str:
    """The DSN with surrounding spaces removed, or InvalidProfileError with the reason as a sentence."""
    cleaned = dsn.strip()
    try:
        base_url_from_dsn(cleaned)
    except InvalidDsnError as exc:
        raise InvalidProfileError(str(exc)) from None
    return cleaned


def validate_api_key(key: str) -> str:
    """The key without surrounding whitespace (a pasted key often has some), or InvalidProfileError."""
    cleaned = key.strip()
    if not cleaned:
        raise InvalidProfileError(
            translate("ProfileValidation", "The API key is empty. Paste the key from the Unipile dashboard.")
        )
    if any(char.isspace() or unicodedata.category(char) == "Cc" for char in cleaned):
        # Never echo the key back: the message only says what kind of character is wrong.
        raise InvalidProfileError(
            translate("ProfileValidation", "The API key contains spaces or line breaks. Paste only the key itself.")
        )
    return cleaned
