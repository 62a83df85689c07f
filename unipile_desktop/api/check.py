"""The connection check: one ``GET /accounts`` with a DSN and key, every failure turned into a sentence."""

from __future__ import annotations

from enum import Enum
from typing import Final

import httpx

from ..texts import translate
from .client import InvalidDsnError, UnipileClient, host_of
from .errors import AuthenticationError, NetworkError, UnipileError

# The connection check should answer quickly in a dialog or a provisioning script.
CHECK_TIMEOUT: Final = httpx.Timeout(10.0)


class ConnectionProblem(Enum):
    REJECTED_KEY = "rejected_key"
    UNREACHABLE = "unreachable"
    TLS = "tls"
    TIMEOUT = "timeout"
    INVALID_DSN = "invalid_dsn"
    OTHER = "other"


class ConnectionCheckError(Exception):
    """Why ``GET /accounts`` failed, as a sentence (``str()``) and a ``problem`` the UI can branch on."""

    def __init__(self, problem: ConnectionProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


async def check_connection(
    dsn: str,
    api_key: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    timeout: httpx.Timeout = CHECK_TIMEOUT,
    proxy: str | None = None,
) -> int:
    """Call ``GET /accounts`` with this key; return how many accounts the first page lists.

    Raises ConnectionCheckError with a sentence for a rejected key, an unreachable host, a TLS failure or a
    timeout (and the server's own sentence for anything else). ``proxy``: the OS proxy setting, as for the client.
    """
    try:
        client = UnipileClient(dsn, api_key, transport=transport, timeout=timeout, proxy=proxy)
    except InvalidDsnError as exc:
        raise ConnectionCheckError(ConnectionProblem.INVALID_DSN, str(exc)) from None
    try:
        async with client:
            page = await client.list_accounts_page(limit=10)
    except UnipileError as exc:
        raise connection_error_from(exc, dsn) from None
    return len(page.items)


def connection_error_from(exc: UnipileError, dsn: str) -> ConnectionCheckError:
    """Turn a client error from a connection check into the sentence a person needs."""
    host = host_of(dsn)
    if isinstance(exc, AuthenticationError):
        return ConnectionCheckError(
            ConnectionProblem.REJECTED_KEY,
            translate(
                "ConnectionCheck",
                "The server at {host} rejected the API key. Copy the key again from the Unipile dashboard and check "
                "that it belongs to this DSN.",
            ).format(host=host),
        )
    if isinstance(exc, NetworkError):
        if exc.kind in ("timeout", "connect_timeout"):
            return ConnectionCheckError(
                ConnectionProblem.TIMEOUT,
                translate(
                    "ConnectionCheck",
                    "The server at {host} did not answer in time. Check the DSN and your network, then try again.",
                ).format(host=host),
            )
        if exc.kind == "tls":
            return ConnectionCheckError(
                ConnectionProblem.TLS,
                translate(
                    "ConnectionCheck",
                    "The secure connection to {host} failed: {reason} Check the DSN; on a company network, ask IT "
                    "whether HTTPS traffic is intercepted.",
                ).format(host=host, reason=_lower_first(exc.user_message())),
            )
        return ConnectionCheckError(
            ConnectionProblem.UNREACHABLE,
            translate(
                "ConnectionCheck", "Could not reach {host}. Check the DSN (host and port) and your network connection."
            ).format(host=host),
        )
    return ConnectionCheckError(ConnectionProblem.OTHER, exc.user_message())


def describe_connection_failure(exc: BaseException, dsn: str) -> str:
    """One sentence for anything a connection tester raised.

    ``profiles.describe_connection_failure`` wraps this to give a profile's validation error its own sentence
    too: the api layer knows nothing of profiles.
    """
    if isinstance(exc, ConnectionCheckError):
        return str(exc)
    if isinstance(exc, UnipileError):
        return str(connection_error_from(exc, dsn))
    if isinstance(exc, InvalidDsnError):
        return str(exc)
    if isinstance(exc, TimeoutError):
        return str(connection_error_from(NetworkError("The server did not answer in time.", kind="timeout"), dsn))
    return translate("ConnectionCheck", "The connection test failed unexpectedly ({error}).").format(
        error=type(exc).__name__
    )


def _lower_first(sentence: str) -> str:
    return sentence[:1].lower() + sentence[1:] if sentence.startswith("The ") else sentence
