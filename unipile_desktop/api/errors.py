"""One exception family for everything that can go wrong talking to Unipile, grouped so callers can decide."""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime
from typing import Any

from ..texts import QT_TRANSLATE_NOOP, translate

# Sentences for error types a support agent actually meets; the server's own title/detail fill the gaps.
_READABLE_TYPES: dict[str, str] = {
    "errors/missing_credentials": QT_TRANSLATE_NOOP(
        "ApiErrors", "The API key is missing. Enter your Unipile API key in the connection settings."
    ),
    "errors/invalid_credentials": QT_TRANSLATE_NOOP(
        "ApiErrors", "The API key was rejected. Check the key in the connection settings."
    ),
    "errors/expired_credentials": QT_TRANSLATE_NOOP(
        "ApiErrors", "This account's sign-in with the provider has expired. Reconnect it in the Unipile dashboard."
    ),
    "errors/checkpoint_error": QT_TRANSLATE_NOOP(
        "ApiErrors", "The provider asks this account to confirm its identity. Reconnect it in the Unipile dashboard."
    ),
    "errors/disconnected_account": QT_TRANSLATE_NOOP(
        "ApiErrors", "This account is disconnected from Unipile. Reconnect it in the Unipile dashboard, then try again."
    ),
    "errors/multiple_sessions": QT_TRANSLATE_NOOP(
        "ApiErrors", "LinkedIn Recruiter is open in another session. Close the other session, then try again."
    ),
    "errors/insufficient_permissions": QT_TRANSLATE_NOOP("ApiErrors", "This account is not allowed to do that."),
    "errors/account_restricted": QT_TRANSLATE_NOOP(
        "ApiErrors", "The provider has restricted this account. Check it in the provider's app."
    ),
    "errors/feature_not_subscribed": QT_TRANSLATE_NOOP(
        "ApiErrors", "This account does not have that LinkedIn product (Recruiter or Sales Navigator)."
    ),
    "errors/subscription_required": QT_TRANSLATE_NOOP("ApiErrors", "This needs a paid subscription on the provider."),
    "errors/resource_not_found": QT_TRANSLATE_NOOP(
        "ApiErrors", "It no longer exists on the server (it may have been deleted)."
    ),
    "errors/invalid_resource_identifier": QT_TRANSLATE_NOOP(
        "ApiErrors", "The server did not recognise that identifier."
    ),
    "errors/unsupported_media_type": QT_TRANSLATE_NOOP(
        "ApiErrors", "The server refused the format of the request. This is a bug in the app."
    ),
    "errors/content_too_large": QT_TRANSLATE_NOOP(
        "ApiErrors", "The message or attachment is too large for this provider."
    ),
    "errors/too_many_characters": QT_TRANSLATE_NOOP(
        "ApiErrors", "The message is too long for this provider. Shorten it and send again."
    ),
    "errors/invalid_parameters": QT_TRANSLATE_NOOP("ApiErrors", "The server refused the request as invalid."),
    "errors/missing_parameters": QT_TRANSLATE_NOOP(
        "ApiErrors", "Something required was missing: a message needs text or an attachment."
    ),
    "errors/invalid_recipient": QT_TRANSLATE_NOOP("ApiErrors", "That recipient cannot be found on this account."),
    "errors/no_connection_with_recipient": QT_TRANSLATE_NOOP(
        "ApiErrors",
        "You can only message your LinkedIn connections without InMail. Turn on InMail or invite this person first.",
    ),
    "errors/blocked_recipient": QT_TRANSLATE_NOOP("ApiErrors", "This person has blocked messages from this account."),
    "errors/user_unreachable": QT_TRANSLATE_NOOP(
        "ApiErrors", "This person cannot be reached on this provider right now."
    ),
    "errors/not_allowed_inmail": QT_TRANSLATE_NOOP(
        "ApiErrors", "This LinkedIn account cannot send InMail. It needs a Premium subscription."
    ),
    "errors/insufficient_credits": QT_TRANSLATE_NOOP(
        "ApiErrors", "No InMail credits left for this LinkedIn product. Wait for credits to renew or pick another API."
    ),
    "errors/cannot_resend_yet": QT_TRANSLATE_NOOP(
        "ApiErrors", "The provider does not allow sending this again yet. Try again later."
    ),
    "errors/cannot_resend_within_24hrs": QT_TRANSLATE_NOOP(
        "ApiErrors", "The provider does not allow sending this again within 24 hours."
    ),
    "errors/limit_exceeded": QT_TRANSLATE_NOOP(
        "ApiErrors", "The provider's sending limit for this account is reached. Try again later."
    ),
    "errors/cant_send_message": QT_TRANSLATE_NOOP(
        "ApiErrors", "The provider does not allow sending messages in this conversation."
    ),
    "errors/invalid_message": QT_TRANSLATE_NOOP("ApiErrors", "The provider refused this message."),
    "errors/invalid_thread": QT_TRANSLATE_NOOP(
        "ApiErrors", "This conversation cannot be used on the provider any more."
    ),
    "errors/provider_unreachable": QT_TRANSLATE_NOOP(
        "ApiErrors", "The provider (LinkedIn, WhatsApp, …) could not be reached. Try again shortly."
    ),
    "errors/too_many_requests": QT_TRANSLATE_NOOP(
        "ApiErrors", "The provider is refusing more requests for now. The app will try again shortly."
    ),
    "errors/feature_not_implemented": QT_TRANSLATE_NOOP("ApiErrors", "This provider does not support that action."),
    "errors/request_timeout": QT_TRANSLATE_NOOP("ApiErrors", "The provider took too long to answer."),
    # The remaining 422 types of the reference (POST /chats and sends can meet any of them).
    "errors/invalid_account": QT_TRANSLATE_NOOP(
        "ApiErrors", "This account cannot do that (for example, it is not a LinkedIn account)."
    ),
    "errors/unprocessable_entity": QT_TRANSLATE_NOOP(
        "ApiErrors", "The provider could not process this request as it is."
    ),
    "errors/action_already_performed": QT_TRANSLATE_NOOP("ApiErrors", "That was already done on the provider."),
    "errors/invalid_post": QT_TRANSLATE_NOOP("ApiErrors", "The provider refused this post."),
    "errors/already_invited_recently": QT_TRANSLATE_NOOP(
        "ApiErrors",
        "This person already has an invitation from this account, or was invited recently. Wait before inviting "
        "them again.",
    ),
    "errors/cannot_invite_attendee": QT_TRANSLATE_NOOP(
        "ApiErrors", "LinkedIn does not allow inviting this person (they may already be a connection)."
    ),
    "errors/limit_too_high": QT_TRANSLATE_NOOP("ApiErrors", "The request asked for too many items at once."),
    "errors/unauthorized": QT_TRANSLATE_NOOP("ApiErrors", "The provider did not allow this action for this account."),
    "errors/account_configuration_error": QT_TRANSLATE_NOOP(
        "ApiErrors", "This account's configuration on Unipile is incomplete. Check it in the Unipile dashboard."
    ),
    "errors/realtime_client_not_initialized": QT_TRANSLATE_NOOP(
        "ApiErrors", "The account's connection to the provider is still starting. Try again in a moment."
    ),
    "errors/parent_mail_not_found": QT_TRANSLATE_NOOP("ApiErrors", "The email being replied to no longer exists."),
    "errors/invalid_reply_subject": QT_TRANSLATE_NOOP(
        "ApiErrors", "The reply's subject is not valid for this email thread."
    ),
    "errors/invalid_headers": QT_TRANSLATE_NOOP("ApiErrors", "The email headers were refused."),
    "errors/send_as_denied": QT_TRANSLATE_NOOP("ApiErrors", "This mailbox may not send as that address."),
    "errors/invalid_folder": QT_TRANSLATE_NOOP("ApiErrors", "That mail folder does not exist."),
    "errors/sender_rejected": QT_TRANSLATE_NOOP("ApiErrors", "The mail server refused the sender address."),
    "errors/recipient_rejected": QT_TRANSLATE_NOOP("ApiErrors", "The mail server refused a recipient address."),
    "errors/ip_rejected_by_server": QT_TRANSLATE_NOOP(
        "ApiErrors", "The mail server refused the connection from Unipile."
    ),
}

# Sentences for one route where the type alone would mislead: on ``POST /users/invite`` the "message" is the
# invitation's note and the sending limit is LinkedIn's invitation cap.
_INVITE_REQUEST = "POST /users/invite"
_READABLE_INVITE_TYPES: dict[str, str] = {
    "errors/too_many_characters": QT_TRANSLATE_NOOP(
        "ApiErrors",
        "The invitation note is too long: LinkedIn allows at most 300 characters. Shorten it and send again.",
    ),
    "errors/limit_exceeded": QT_TRANSLATE_NOOP(
        "ApiErrors",
        "LinkedIn's invitation limit for this account is reached (it counts invitations per week). Try again later.",
    ),
}

# Types whose stock sentence says only "refused"; the server's own detail says why, so it is added.
_GENERIC_TYPES = frozenset(
    {
        "errors/invalid_parameters",
        "errors/invalid_request",
        "errors/malformed_request",
        "errors/unprocessable_entity",
        "errors/invalid_message",
        "errors/insufficient_permissions",
    }
)


class UnipileError(Exception):
    """Base of every error the client raises.

    ``may_have_reached_server`` answers the question a sender must ask before retrying: could this request
    have had its effect? Sends carry no idempotency key, so an ambiguous failure must be reconciled, not retried.
    """

    default_sentence = QT_TRANSLATE_NOOP("ApiErrors", "Something went wrong talking to Unipile.")

    def __init__(
        self,
        title: str,
        *,
        status: int | None = None,
        type: str | None = None,
        detail: str | None = None,
        may_have_reached_server: bool = True,
        request: str | None = None,
    ) -> None:
        super().__init__(title)
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.may_have_reached_server = may_have_reached_server
        self.request = request  # "METHOD /path", never headers or query values that could hold secrets

    def __str__(self) -> str:
        parts = [f"{self.status}" if self.status is not None else None, self.type, self.title, self.detail]
        text = " ".join(p for p in parts if p)
        return f"{text} ({self.request})" if self.request else text

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, type={self.type!r}, title={self.title!r})"

    def user_message(self) -> str:
        """A sentence a person understands: the known type's sentence, else the server's words, else a default."""
        if self.type and self.request == _INVITE_REQUEST and self.type in _READABLE_INVITE_TYPES:
            return translate("ApiErrors", _READABLE_INVITE_TYPES[self.type])
        if self.type and self.type in _READABLE_TYPES:
            sentence = translate("ApiErrors", _READABLE_TYPES[self.type])
            if self.type in _GENERIC_TYPES and self.detail and _sentence(self.detail) not in sentence:
                return f"{sentence} {_sentence(self.detail)}"
            return sentence
        if self.detail and self.title and self.detail != self.title:
            return f"{_sentence(self.title)} {_sentence(self.detail)}"
        if self.detail or self.title:
            return _sentence(self.detail or self.title)
        return translate("ApiErrors", self.default_sentence)


# The 401 types that speak of the API key itself; every other 401 type (checkpoint, expired provider session,
# disconnected account, Recruiter in another session…) is about one connected account.
KEY_REJECTED_TYPES = frozenset({"errors/missing_credentials", "errors/invalid_credentials"})


class AuthenticationError(UnipileError):
    """401: the API key was refused, or the account behind the request needs attention."""

    default_sentence = QT_TRANSLATE_NOOP("ApiErrors", "Unipile refused the API key.")

    @property
    def is_key_rejected(self) -> bool:
        return self.type is None or self.type in KEY_REJECTED_TYPES

    @property
    def is_account_disconnected(self) -> bool:
        return not self.is_key_rejected


class ForbiddenError(UnipileError):
    """403: the account may not do this (missing product, restriction)."""

    default_sentence = QT_TRANSLATE_NOOP("ApiErrors", "This account is not allowed to do that.")


class NotFoundError(UnipileError):
    """404: unknown account, chat, message or attendee."""

    default_sentence = QT_TRANSLATE_NOOP("ApiErrors", "It no longer exists on the server.")


class InvalidRequestError(UnipileError):
    """400, 415 and 422: the server refused the request as it is; sending it again unchanged will not help."""

    default_sentence = QT_TRANSLATE_NOOP("ApiErrors", "The server refused the request.")


class RateLimitedError(UnipileError):
    """429: too many requests; ``retry_after`` is the server's hint in seconds when it gave one."""

    default_sentence = QT_TRANSLATE_NOOP("ApiErrors", "Too many requests for now. The app will try again shortly.")

    def __init__(self, title: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(title, **kwargs)
        self.retry_after = retry_after


class ServerError(UnipileError):
    """5xx: Unipile or the provider behind it failed or is unavailable."""

    default_sentence = QT_TRANSLATE_NOOP("ApiErrors", "Unipile had a problem. Try again in a moment.")


class NetworkError(UnipileError):
    """No HTTP answer at all: the host could not be reached, the connection dropped or timed out.

    ``kind`` says which: ``connect``, ``tls``, ``connect_timeout``, ``timeout`` (a read timed out, or the whole
    exchange outlived its deadline), ``dropped``, ``busy``, ``address``, ``closed``, ``insecure`` (a plain http
    address that is not this computer: refused before anything is sent).
    """

    default_sentence = QT_TRANSLATE_NOOP("ApiErrors", "Could not reach the server. Check the connection.")

    def __init__(self, title: str, *, kind: str = "dropped", **kwargs: Any) -> None:
        super().__init__(title, **kwargs)
        self.kind = kind

    def user_message(self) -> str:
        return self.title


class ResponseFormatError(UnipileError):
    """The server answered, but not in a shape this client understands."""

    default_sentence = QT_TRANSLATE_NOOP("ApiErrors", "The server answered something the app could not read.")

    def user_message(self) -> str:
        sentence = translate("ApiErrors", self.default_sentence)
        return f"{sentence} ({self.title})"


class ResponseTooLargeError(ResponseFormatError):
    """The server's answer was larger than the client accepts for its kind; it was not read to the end.

    The title is the whole sentence ("The server's answer was larger than 16 MB; it was not read."). The server
    did answer, so a send that meets it may have had its effect (``may_have_reached_server`` stays True).
    """

    default_sentence = QT_TRANSLATE_NOOP("ApiErrors", "The server's answer was too large; it was not read.")

    def __init__(self, title: str, *, limit: int, **kwargs: Any) -> None:
        super().__init__(title, **kwargs)
        self.limit = limit

    def user_message(self) -> str:
        return self.title


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if seconds != seconds or seconds in (float("inf"), float("-inf")):  # NaN or infinite
        return None
    return max(0.0, seconds)


def error_from_response(
    status: int, body: object, *, request: str, retry_after_header: str | None = None
) -> UnipileError:
    """Build the right error for an HTTP error status from the (possibly non-JSON) body."""
    err_type: str | None = None
    title = ""
    detail: str | None = None
    if isinstance(body, dict):
        raw_type, raw_title, raw_detail = body.get("type"), body.get("title"), body.get("detail")
        err_type = raw_type if isinstance(raw_type, str) else None
        title = raw_title if isinstance(raw_title, str) else ""
        detail = raw_detail if isinstance(raw_detail, str) else None
        if not title and isinstance(body.get("message"), str):  # framework-style errors {"message": ...}
            title = str(body["message"])
    if not title:
        title = f"HTTP {status}"
    common: dict[str, Any] = {"status": status, "type": err_type, "detail": detail, "request": request}
    if status == 401:
        return AuthenticationError(title, may_have_reached_server=False, **common)
    if status == 403:
        return ForbiddenError(title, may_have_reached_server=False, **common)
    if status == 404:
        return NotFoundError(title, may_have_reached_server=False, **common)
    if status == 429:
        return RateLimitedError(
            title, retry_after=parse_retry_after(retry_after_header), may_have_reached_server=False, **common
        )
    if 400 <= status < 500:
        return InvalidRequestError(title, may_have_reached_server=False, **common)
    # 503 means the service refused to take the request on; 500/502/504 may come after the work was done.
    return ServerError(title, may_have_reached_server=status != 503, **common)
