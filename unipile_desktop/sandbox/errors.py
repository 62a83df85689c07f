"""Unipile-shaped API errors: an exception carrying status, type, title and detail."""

from __future__ import annotations

from typing import Any

# Titles follow the reference's wording where it has one; the rest are plain restatements of the type.
_TITLES: dict[str, str] = {
    "errors/invalid_parameters": "Invalid parameters",
    "errors/missing_parameters": "Missing parameters",
    "errors/malformed_request": "Malformed request",
    "errors/content_too_large": "Content too large",
    "errors/too_many_characters": "Too many characters",
    "errors/missing_credentials": "Missing credentials",
    "errors/invalid_credentials": "Invalid credentials",
    "errors/disconnected_account": "Disconnected account",
    "errors/insufficient_permissions": "Insufficient permissions",
    "errors/account_mismatch": "Account mismatch",
    "errors/feature_not_subscribed": "Feature not subscribed",
    "errors/resource_not_found": "Resource not found",
    "errors/unsupported_media_type": "Unsupported media type",
    "errors/invalid_account": "Invalid account",
    "errors/invalid_recipient": "Invalid recipient",
    "errors/no_connection_with_recipient": "Recipient cannot be reached",
    "errors/not_allowed_inmail": "InMail not allowed",
    "errors/insufficient_credits": "Insufficient credits",
    "errors/cant_send_message": "Cannot send message",
    "errors/unprocessable_entity": "Unprocessable entity",
    "errors/too_many_requests": "Too many requests",
    "errors/unexpected_error": "Unexpected error",
    "errors/feature_not_implemented": "Feature not implemented",
    "errors/service_unavailable": "Service unavailable",
    "errors/request_timeout": "Request timeout",
}

_DEFAULT_TYPE_BY_STATUS: dict[int, str] = {
    400: "errors/invalid_parameters",
    401: "errors/disconnected_account",
    403: "errors/insufficient_permissions",
    404: "errors/resource_not_found",
    415: "errors/unsupported_media_type",
    422: "errors/unprocessable_entity",
    429: "errors/too_many_requests",
    500: "errors/unexpected_error",
    501: "errors/feature_not_implemented",
    503: "errors/service_unavailable",
    504: "errors/request_timeout",
}


def default_type_for_status(status: int) -> str:
    """The most generic Unipile error type the reference lists for an HTTP status."""
    if status in _DEFAULT_TYPE_BY_STATUS:
        return _DEFAULT_TYPE_BY_STATUS[status]
    return "errors/unexpected_error" if status >= 500 else "errors/invalid_request"


def title_for_type(error_type: str) -> str:
    """A human title for an error type, derived from the type when none is catalogued."""
    if error_type in _TITLES:
        return _TITLES[error_type]
    return error_type.removeprefix("errors/").replace("_", " ").capitalize()


class ApiError(Exception):
    """An error answered as `{status, type, title, detail}` with the given HTTP status."""

    def __init__(self, status: int, error_type: str, detail: str, title: str | None = None) -> None:
        super().__init__(f"{status} {error_type}: {detail}")
        self.status = status
        self.error_type = error_type
        self.detail = detail
        self.title = title if title is not None else title_for_type(error_type)
        self.headers: dict[str, str] = {}

    def body(self) -> dict[str, Any]:
        """The JSON body Unipile sends for this error."""
        return {"status": self.status, "type": self.error_type, "title": self.title, "detail": self.detail}


def not_found(detail: str) -> ApiError:
    """404 `errors/resource_not_found`."""
    return ApiError(404, "errors/resource_not_found", detail)


def invalid_parameters(detail: str) -> ApiError:
    """400 `errors/invalid_parameters`."""
    return ApiError(400, "errors/invalid_parameters", detail)


def missing_parameters(detail: str) -> ApiError:
    """400 `errors/missing_parameters`."""
    return ApiError(400, "errors/missing_parameters", detail)
