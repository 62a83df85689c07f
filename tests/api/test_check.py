"""The connection check: GET /accounts with the key, and a sentence for every way it can fail."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from unipile_desktop.api import ConnectionCheckError, ConnectionProblem, check_connection, describe_connection_failure

KEY = "sk_live_Q9x7-secret-key-value"
DSN = "api8.unipile.com:13851"


def _accounts_transport(status: int = 200, seen: list[httpx.Request] | None = None) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        if status != 200:
            return httpx.Response(status, json={"status": status, "type": "errors/invalid_credentials", "title": "x"})
        return httpx.Response(
            200,
            json={
                "object": "AccountList",
                "items": [
                    {"object": "Account", "id": "a1", "name": "Ann", "type": "LINKEDIN", "sources": []},
                    {"object": "Account", "id": "a2", "name": "Bob", "type": "WHATSAPP", "sources": []},
                ],
                "cursor": None,
            },
        )

    return httpx.MockTransport(handler)


def test_check_connection_calls_get_accounts_with_the_key() -> None:
    seen: list[httpx.Request] = []
    count = asyncio.run(check_connection(DSN, KEY, transport=_accounts_transport(seen=seen)))
    assert count == 2
    assert seen[0].method == "GET" and seen[0].url.path == "/api/v1/accounts"
    assert seen[0].headers["X-API-KEY"] == KEY


def _raising_transport(exc: Exception) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    ("transport", "problem", "words"),
    [
        (_accounts_transport(401), ConnectionProblem.REJECTED_KEY, "rejected the API key"),
        (_raising_transport(httpx.ConnectError("Name or service not known")), ConnectionProblem.UNREACHABLE, "reach"),
        (
            _raising_transport(httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")),
            ConnectionProblem.TLS,
            "certificate could not be verified",
        ),
        (_raising_transport(httpx.ConnectTimeout("timed out")), ConnectionProblem.TIMEOUT, "did not answer in time"),
        (_raising_transport(httpx.ReadTimeout("timed out")), ConnectionProblem.TIMEOUT, "did not answer in time"),
        (_accounts_transport(503), ConnectionProblem.OTHER, ""),
    ],
)
def test_check_connection_explains_failures(
    transport: httpx.MockTransport, problem: ConnectionProblem, words: str
) -> None:
    with pytest.raises(ConnectionCheckError) as info:
        asyncio.run(check_connection(DSN, KEY, transport=transport))
    assert info.value.problem is problem
    assert words in str(info.value)
    if problem is not ConnectionProblem.OTHER:
        assert "api8.unipile.com:13851" in str(info.value)
    assert KEY not in str(info.value)


def test_check_connection_refuses_a_bad_dsn_before_any_request() -> None:
    with pytest.raises(ConnectionCheckError) as info:
        asyncio.run(check_connection("http://example.com", KEY, transport=_raising_transport(AssertionError())))
    assert info.value.problem is ConnectionProblem.INVALID_DSN
    assert "Plain http" in str(info.value)


def test_any_tester_failure_gets_a_sentence() -> None:
    assert "did not answer in time" in describe_connection_failure(TimeoutError(), DSN)
    assert describe_connection_failure(ValueError("boom"), DSN) == (
        "The connection test failed unexpectedly (ValueError)."
    )
    error = ConnectionCheckError(ConnectionProblem.TLS, "TLS sentence.")
    assert describe_connection_failure(error, DSN) == "TLS sentence."
