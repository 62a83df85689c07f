"""Error grouping, readable sentences and the retry hint."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from unipile_desktop.api import (
    AuthenticationError,
    ForbiddenError,
    InvalidRequestError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    UnipileError,
)
from unipile_desktop.api.errors import error_from_response, parse_retry_after


@pytest.mark.parametrize(
    ("status", "kind", "may_have_reached"),
    [
        (400, InvalidRequestError, False),
        (401, AuthenticationError, False),
        (403, ForbiddenError, False),
        (404, NotFoundError, False),
        (415, InvalidRequestError, False),
        (422, InvalidRequestError, False),
        (429, RateLimitedError, False),
        (500, ServerError, True),
        (503, ServerError, False),
        (504, ServerError, True),
    ],
)
def test_status_groups(status: int, kind: type[UnipileError], may_have_reached: bool) -> None:
    body = {"status": status, "type": "errors/x", "title": "Title", "detail": "Detail"}
    err = error_from_response(status, body, request="POST /chats")
    assert type(err) is kind
    assert (err.status, err.type, err.title, err.detail) == (status, "errors/x", "Title", "Detail")
    assert err.may_have_reached_server is may_have_reached


def test_known_type_gets_a_sentence_for_people() -> None:
    err = error_from_response(
        422,
        {"status": 422, "type": "errors/no_connection_with_recipient", "title": "Recipient cannot be reached"},
        request="POST /chats",
    )
    assert err.user_message() == (
        "You can only message your LinkedIn connections without InMail. Turn on InMail or invite this person first."
    )


def test_unknown_type_falls_back_to_server_words_and_non_json_body_to_status() -> None:
    err = error_from_response(
        400, {"type": "errors/new_thing", "title": "bad thing", "detail": "because"}, request="GET /chats"
    )
    assert err.user_message() == "Bad thing. Because."
    assert error_from_response(502, b"<html>", request="GET /chats").user_message() == "HTTP 502."


def test_disconnected_account_is_told_apart_from_a_rejected_key() -> None:
    disconnected = error_from_response(401, {"type": "errors/disconnected_account", "title": "x"}, request="r")
    rejected = error_from_response(401, {"type": "errors/invalid_credentials", "title": "x"}, request="r")
    assert isinstance(disconnected, AuthenticationError) and isinstance(rejected, AuthenticationError)
    assert disconnected.is_account_disconnected and not disconnected.is_key_rejected
    assert rejected.is_key_rejected


def test_retry_after_seconds_and_date() -> None:
    now = datetime(2024, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Mon, 01 Jan 2024 12:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None and parse_retry_after("nan") is None
    err = error_from_response(
        429, {"type": "errors/too_many_requests", "title": "t"}, request="r", retry_after_header="3"
    )
    assert isinstance(err, RateLimitedError) and err.retry_after == 3.0


@pytest.mark.parametrize(
    "err_type", ["errors/checkpoint_error", "errors/expired_credentials", "errors/multiple_sessions"]
)
def test_account_level_401_types_do_not_blame_the_api_key(err_type: str) -> None:
    err = error_from_response(401, {"status": 401, "type": err_type, "title": "x"}, request="POST /chats")
    assert isinstance(err, AuthenticationError)
    assert err.is_account_disconnected and not err.is_key_rejected
    assert "API key" not in err.user_message()


def test_a_bare_401_without_a_body_is_taken_as_a_rejected_key() -> None:
    err = error_from_response(401, None, request="GET /accounts")
    assert isinstance(err, AuthenticationError) and err.is_key_rejected


def test_a_generic_refusal_adds_the_servers_reason() -> None:
    err = error_from_response(
        400,
        {
            "status": 400,
            "type": "errors/invalid_parameters",
            "title": "Invalid parameters",
            "detail": "the message is too long for this provider",
        },
        request="POST /chats/c/messages",
    )
    assert err.user_message() == (
        "The server refused the request as invalid. The message is too long for this provider."
    )
    specific = error_from_response(
        422, {"type": "errors/insufficient_credits", "title": "t", "detail": "balance is 0"}, request="r"
    )
    assert "balance is 0" not in specific.user_message()
