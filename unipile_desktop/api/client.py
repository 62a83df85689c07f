"""Async client for the Unipile REST API v1: one method per route the desktop app uses."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

import httpx

from .errors import (
    AuthenticationError,
    NetworkError,
    NotFoundError,
    RateLimitedError,
    ResponseFormatError,
    UnipileError,
    error_from_response,
)
from .models import (
    Account,
    Chat,
    ChatAttendee,
    ChatStarted,
    InmailBalance,
    LinkedinOptions,
    Message,
    MessageSent,
    OutgoingFile,
    OwnerProfile,
    Page,
    SentInvitation,
    format_timestamp,
    parse_account,
    parse_attendee,
    parse_chat,
    parse_chat_started,
    parse_inmail_balance,
    parse_invitation_sent_answer,
    parse_message,
    parse_message_sent,
    parse_owner_profile,
    parse_page,
    parse_sent_invitation,
)

log = logging.getLogger(__name__)

T = TypeVar("T")
MultipartPart = tuple[str, tuple[str | None, bytes, str | None]]

API_PREFIX = "/api/v1"
# Reads are quick; uploads may carry 15 MB over a slow uplink, so writes get longer.
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=120.0, pool=10.0)
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


class InvalidDsnError(ValueError):
    """The DSN typed by the user cannot be turned into a server address."""


def base_url_from_dsn(dsn: str) -> str:
    """``api1.unipile.com:13111`` or a full URL to ``https://…/api/v1``; plain http only for loopback."""
    text = dsn.strip().rstrip("/")
    if not text:
        raise InvalidDsnError("The server address is empty.")
    if "://" not in text:
        host_part = text.split("/", 1)[0].rsplit(":", 1)[0].strip("[]")
        scheme = "http" if _is_loopback(host_part) else "https"
        text = f"{scheme}://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidDsnError(f"“{dsn.strip()}” is not a server address like api1.unipile.com:13111.")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise InvalidDsnError("Plain http is only allowed for this computer (127.0.0.1); use https.")
    try:
        parts.port  # noqa: B018 - raises for a port out of range
    except ValueError as exc:
        raise InvalidDsnError(f"“{dsn.strip()}” has an invalid port.") from exc
    path = parts.path.rstrip("/")
    if not path.endswith(API_PREFIX):
        path += API_PREFIX
    return f"{parts.scheme}://{parts.netloc}{path}"


def host_of(dsn: str) -> str:
    """host[:port] of a DSN, for labels and sentences (never part of the key); the DSN as typed when it is invalid."""
    try:
        netloc = urlsplit(base_url_from_dsn(dsn)).netloc
    except InvalidDsnError:
        return dsn.strip()
    return netloc or dsn.strip()


def _is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")


class _ApiKeyAuth(httpx.Auth):
    """Adds the key at send time so it is never part of the client's headers, repr or logs."""

    def __init__(self, api_key: str) -> None:
        self._api_key = api_key

    def __repr__(self) -> str:
        return "_ApiKeyAuth(<redacted>)"

    def auth_flow(self, request: httpx.Request) -> Any:
        request.headers["X-API-KEY"] = self._api_key
        yield request


KeyRejectedListener = Callable[[AuthenticationError], None]
SlowedDownListener = Callable[[float], None]

DEFAULT_RATE_LIMIT_PAUSE = 5.0  # a 429 without Retry-After still closes the gate this long
MAX_GATE_WAIT = 60.0  # a request waits this long at most for the gate; beyond, it fails at once (not sent)


class RequestGate:
    """One shared pause for every caller of a client: after a 429, no request goes out before the server's time.

    ``close_for(seconds)`` (the client calls it on each 429 with the Retry-After hint) moves the reopening time
    later, never earlier. ``wait()`` returns at once while the gate is open; while it is closed it sleeps until
    the reopening time, or, when that is more than ``max_wait`` away, raises a ``RateLimitedError`` without
    sending anything. Listeners hear ``seconds`` (until the gate reopens) each time it closes; ``remaining()``
    says what is left (0 when open), for a status line that counts down. Clock and sleep are injectable.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        max_wait: float = MAX_GATE_WAIT,
        default_pause: float = DEFAULT_RATE_LIMIT_PAUSE,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self.max_wait = max_wait
        self.default_pause = default_pause
        self._open_at = 0.0
        self._listeners: list[SlowedDownListener] = []
        self.waits = 0  # requests that had to wait for the gate, for tests and diagnostics

    def remaining(self) -> float:
        """Seconds until requests may go out again; 0 while the gate is open."""
        return max(0.0, self._open_at - self._clock())

    @property
    def closed(self) -> bool:
        return self.remaining() > 0

    def close_for(self, seconds: float | None) -> None:
        pause = self.default_pause if seconds is None else max(0.0, seconds)
        open_at = self._clock() + pause
        if open_at <= self._open_at:
            return
        self._open_at = open_at
        log.info("the server asked to slow down: no request for %.1f s", pause)
        for listener in list(self._listeners):
            try:
                listener(pause)
            except Exception:  # a broken listener must not stop the requests
                log.exception("a slowed-down listener failed")

    async def wait(self, label: str) -> None:
        """Return when a request may go out (at once while open); raise when the wait would be too long."""
        counted = False
        while (left := self.remaining()) > 0:
            if left > self.max_wait:
                raise RateLimitedError(
                    "The server asked to slow down.",
                    status=429,
                    retry_after=left,
                    may_have_reached_server=False,
                    request=label,
                )
            if not counted:
                self.waits += 1
                counted = True
            await self._sleep(left)

    def add_listener(self, listener: SlowedDownListener) -> Callable[[], None]:
        """Call ``listener(seconds)`` whenever a 429 closes the gate; returns a function that removes it."""
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove


class UnipileClient:
    """Typed access to Unipile API v1 over one ``httpx.AsyncClient``.

    Every failure surfaces as a ``UnipileError`` subclass; nothing from httpx leaks out. ``on_key_rejected`` is
    told (before the error is raised) when the server refuses the current key, whichever caller made the request;
    ``set_api_key`` swaps the key in place so controllers holding this client carry on with the new one.

    Rate limits are honoured globally when the client has a ``gate`` (a ``RequestGate``; the app passes one): a
    429 closes it for the server's Retry-After, and until then no request of any caller goes out (each waits).
    ``add_slowed_down_listener`` hears each closing, so the window can say "The server asked to slow down;
    retrying in 12 s". Without a gate (tests whose engines run on a fake clock) each caller handles its 429 alone.
    """

    def __init__(
        self,
        dsn: str,
        api_key: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        on_key_rejected: KeyRejectedListener | None = None,
        gate: RequestGate | None = None,
    ) -> None:
        self.base_url = base_url_from_dsn(dsn)
        self.on_key_rejected = on_key_rejected
        self.gate = gate
        self._auth = _ApiKeyAuth(api_key)
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            auth=self._auth,
            headers={"accept": "application/json", "user-agent": "unipile-desktop"},
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"UnipileClient({self.base_url!r})"

    async def aclose(self) -> None:
        await self._http.aclose()

    def set_api_key(self, api_key: str) -> None:
        """Use ``api_key`` from the next request on; a 401 for a request sent with the old key is not reported."""
        self._auth = _ApiKeyAuth(api_key)
        self._http.auth = self._auth

    def add_slowed_down_listener(self, listener: SlowedDownListener) -> Callable[[], None]:
        """``listener(seconds)`` when a 429 pauses every request for that long; returns a function to remove it.

        A client without a gate never pauses: the listener is never called.
        """
        if self.gate is None:
            return lambda: None
        return self.gate.add_listener(listener)

    async def __aenter__(self) -> UnipileClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    # ------------------------------------------------------------------------------------------ transport

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        json_body: object = None,
        multipart: Sequence[MultipartPart] | None = None,
    ) -> httpx.Response:
        label = f"{method} {path}"
        kwargs: dict[str, Any] = {"params": params}
        if json_body is not None:
            kwargs["json"] = json_body
        if multipart is not None:
            # Everything goes as parts (text fields without a filename) so the body is multipart even with no
            # attachment; httpx writes the boundary.
            kwargs["files"] = list(multipart)
        if self.gate is not None:
            await self.gate.wait(label)  # after a 429: nothing goes out before the server's time has passed
        auth = self._auth  # the key this request is sent with, to tell a stale 401 from a fresh one
        try:
            response = await self._http.request(method, path, auth=auth, **kwargs)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise _network_error(exc, label) from None
        except UnicodeError:  # e.g. a lone surrogate pasted into a search or id
            raise NetworkError(
                "The request contained characters that cannot be sent.",
                kind="address",
                may_have_reached_server=False,
                request=label,
            ) from None
        except RuntimeError:
            if self._http.is_closed:  # a late task of a session that has ended
                raise NetworkError(
                    "The connection was closed.", kind="closed", may_have_reached_server=False, request=label
                ) from None
            raise
        log.debug("%s -> %s", label, response.status_code)
        if response.status_code >= 400:
            error = error_from_response(
                response.status_code,
                _json_or_none(response),
                request=label,
                retry_after_header=response.headers.get("retry-after"),
            )
            if isinstance(error, AuthenticationError) and error.is_key_rejected and auth is self._auth:
                self._report_key_rejected(error)
            if isinstance(error, RateLimitedError) and self.gate is not None:
                self.gate.close_for(error.retry_after)
            raise error
        return response

    def _report_key_rejected(self, error: AuthenticationError) -> None:
        listener = self.on_key_rejected
        if listener is None:
            return
        try:
            listener(error)
        except Exception:  # a broken listener must not hide the request's own error
            log.exception("the key-rejected listener failed")

    async def _get_json(self, path: str, params: Mapping[str, str | int] | None = None) -> object:
        response = await self._request("GET", path, params=params)
        return _decode_json(response, f"GET {path}")

    async def _get_bytes(self, path: str) -> bytes:
        response = await self._request("GET", path)
        return response.content

    async def _get_page(
        self, path: str, params: Mapping[str, str | int], parse_item: Callable[[object, str], T], name: str
    ) -> Page[T]:
        return parse_page(await self._get_json(path, params), parse_item, name)

    # ------------------------------------------------------------------------------------------ accounts

    async def list_accounts_page(self, *, cursor: str | None = None, limit: int | None = None) -> Page[Account]:
        return await self._get_page("/accounts", _params(cursor=cursor, limit=limit), parse_account, "AccountList")

    async def list_accounts(self) -> list[Account]:
        """Every account, following the cursor to the end."""
        accounts: list[Account] = []
        cursor: str | None = None
        seen_cursors: set[str] = set()
        while True:
            page = await self.list_accounts_page(cursor=cursor, limit=250)
            accounts.extend(page.items)
            if page.cursor is None or page.cursor in seen_cursors:  # a repeating cursor would loop forever
                return accounts
            seen_cursors.add(page.cursor)
            cursor = page.cursor

    async def get_account(self, account_id: str) -> Account:
        return parse_account(await self._get_json(f"/accounts/{_seg(account_id)}"))

    async def get_own_profile(self, account_id: str) -> OwnerProfile:
        return parse_owner_profile(await self._get_json("/users/me", {"account_id": account_id}))

    async def get_inmail_balance(self, account_id: str) -> InmailBalance:
        return parse_inmail_balance(await self._get_json("/linkedin/inmail_balance", {"account_id": account_id}))

    # ------------------------------------------------------------------------------------------ chats

    async def list_chats(
        self,
        *,
        account_ids: Sequence[str] | None = None,
        account_type: str | None = None,
        unread: bool | None = None,
        before: datetime | None = None,
        after: datetime | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[Chat]:
        params = _params(
            cursor=cursor,
            limit=limit,
            before=before,
            after=after,
            account_type=account_type,
            account_id=",".join(account_ids) if account_ids else None,
            unread=None if unread is None else ("true" if unread else "false"),
        )
        return await self._get_page("/chats", params, parse_chat, "ChatList")

    async def get_chat(self, chat_id: str, *, account_id: str | None = None) -> Chat:
        return parse_chat(await self._get_json(f"/chats/{_seg(chat_id)}", _params(account_id=account_id)))

    async def set_chat_read(self, chat_id: str, read: bool) -> None:
        response = await self._request(
            "PATCH", f"/chats/{_seg(chat_id)}", json_body={"action": "setReadStatus", "value": read}
        )
        _expect_object(_decode_json(response, "PATCH /chats"), "ChatPatched")

    # ------------------------------------------------------------------------------------------ messages

    async def list_messages(
        self,
        chat_id: str,
        *,
        cursor: str | None = None,
        before: datetime | None = None,
        after: datetime | None = None,
        limit: int | None = None,
        sender_id: str | None = None,
    ) -> Page[Message]:
        params = _params(cursor=cursor, before=before, after=after, limit=limit, sender_id=sender_id)
        return await self._get_page(f"/chats/{_seg(chat_id)}/messages", params, parse_message, "MessageList")

    async def list_all_messages(
        self,
        *,
        account_id: str | None = None,
        after: datetime | None = None,
        before: datetime | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Page[Message]:
        """``GET /messages``: messages of every chat (of one account if given), newest first.

        The reference documents this route, polled with ``after`` over overlapping windows, as the way to learn
        about new messages without a webhook.
        """
        params = _params(cursor=cursor, before=before, after=after, limit=limit, account_id=account_id)
        return await self._get_page("/messages", params, parse_message, "MessageList")

    async def get_attachment(self, message_id: str, attachment_id: str) -> bytes:
        return await self._get_bytes(f"/messages/{_seg(message_id)}/attachments/{_seg(attachment_id)}")

    async def send_message(
        self,
        chat_id: str,
        *,
        text: str | None = None,
        attachments: Sequence[OutgoingFile] = (),
        quote_id: str | None = None,
        account_id: str | None = None,
    ) -> MessageSent:
        fields: dict[str, str | list[str]] = {}
        if text:
            fields["text"] = text
        if quote_id:
            fields["quote_id"] = quote_id
        if account_id:
            fields["account_id"] = account_id
        response = await self._request(
            "POST", f"/chats/{_seg(chat_id)}/messages", multipart=_multipart(fields, attachments)
        )
        return parse_message_sent(_decode_json(response, "POST /chats/{id}/messages"))

    # ------------------------------------------------------------------------------------------ new chats

    async def start_chat(
        self,
        account_id: str,
        attendee_ids: Sequence[str],
        *,
        text: str | None = None,
        subject: str | None = None,
        attachments: Sequence[OutgoingFile] = (),
        linkedin: LinkedinOptions | None = None,
    ) -> ChatStarted:
        fields: dict[str, str | list[str]] = {"account_id": account_id, "attendees_ids": list(attendee_ids)}
        if text:
            fields["text"] = text
        if subject:
            fields["subject"] = subject
            if len(attendee_ids) > 1:  # the send guide's group example (and older servers) name a group "title"
                fields["title"] = subject
        if linkedin is not None:
            fields["linkedin[api]"] = linkedin.api
            if linkedin.inmail:
                fields["linkedin[inmail]"] = "true"
        response = await self._request("POST", "/chats", multipart=_multipart(fields, attachments))
        return parse_chat_started(_decode_json(response, "POST /chats"))

    # ------------------------------------------------------------------------------------------ attendees

    async def list_chat_attendees(self, chat_id: str) -> list[ChatAttendee]:
        page = await self._get_page(f"/chats/{_seg(chat_id)}/attendees", {}, parse_attendee, "ChatAttendeeList")
        return list(page.items)

    async def list_attendees(
        self, *, account_id: str | None = None, cursor: str | None = None, limit: int | None = None
    ) -> Page[ChatAttendee]:
        params = _params(account_id=account_id, cursor=cursor, limit=limit)
        return await self._get_page("/chat_attendees", params, parse_attendee, "ChatAttendeeList")

    async def get_attendee_picture(self, attendee_or_chat_id: str) -> bytes | None:
        """The avatar (or a group's picture for a chat id); None when there is none."""
        try:
            data = await self._get_bytes(f"/chat_attendees/{_seg(attendee_or_chat_id)}/picture")
        except NotFoundError:
            return None
        return data or None

    # ------------------------------------------------------------------------------------------ invitations

    async def send_invitation(self, account_id: str, provider_id: str, note: str | None = None) -> str:
        """``POST /users/invite`` (JSON, unlike the multipart sends): invite a LinkedIn member to connect.

        Returns the ``invitation_id``. Like sends it carries no idempotency key: when the error says it
        ``may_have_reached_server``, look for the person in ``list_sent_invitations`` before sending again.
        """
        body: dict[str, str] = {"provider_id": provider_id, "account_id": account_id}
        if note:
            body["message"] = note
        response = await self._request("POST", "/users/invite", json_body=body)
        return parse_invitation_sent_answer(_decode_json(response, "POST /users/invite"))

    async def list_sent_invitations(
        self, account_id: str, *, cursor: str | None = None, limit: int | None = None
    ) -> Page[SentInvitation]:
        """``GET /users/invite/sent``: the account's invitations still waiting for an answer, newest first."""
        params = _params(account_id=account_id, cursor=cursor, limit=limit)
        return await self._get_page("/users/invite/sent", params, parse_sent_invitation, "InvitationList")

    async def cancel_invitation(self, account_id: str, invitation_id: str) -> None:
        """``DELETE /users/invite/sent/{id}``: withdraw an invitation that is still waiting."""
        response = await self._request(
            "DELETE", f"/users/invite/sent/{_seg(invitation_id)}", params={"account_id": account_id}
        )
        _expect_object(_decode_json(response, "DELETE /users/invite/sent"), "InvitationCanceled")


# ---------------------------------------------------------------------------------------------- helpers


def _seg(value: str) -> str:
    """A path segment, escaped so an id can never change the route."""
    return quote(value, safe="")


def _params(**values: str | int | datetime | None) -> dict[str, str | int]:
    out: dict[str, str | int] = {}
    for key, value in values.items():
        if value is None:
            continue
        out[key] = format_timestamp(value) if isinstance(value, datetime) else value
    return out


def _multipart(fields: Mapping[str, str | list[str]], files: Sequence[OutgoingFile]) -> list[MultipartPart]:
    parts: list[MultipartPart] = []
    for key, value in fields.items():
        for item in [value] if isinstance(value, str) else value:  # repeated keys, e.g. attendees_ids
            parts.append((key, (None, item.encode("utf-8"), None)))
    for f in files:
        parts.append(("attachments", (f.name, f.data, f.mimetype or "application/octet-stream")))
    return parts


def _json_or_none(response: httpx.Response) -> object:
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None


def _decode_json(response: httpx.Response, label: str) -> object:
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ResponseFormatError(f"{label} did not answer JSON", status=response.status_code) from exc


def _expect_object(data: object, name: str) -> None:
    if not isinstance(data, dict) or data.get("object") != name:
        raise ResponseFormatError(f"expected a {name} object")


def _network_error(exc: httpx.HTTPError | httpx.InvalidURL, label: str) -> UnipileError:
    """Map an httpx failure to a NetworkError that says whether the request may have been processed."""

    def error(kind: str, title: str, *, reached: bool) -> NetworkError:
        return NetworkError(title, kind=kind, may_have_reached_server=reached, request=label)

    if isinstance(exc, httpx.ConnectTimeout):
        return error("connect_timeout", "The server did not answer in time (connecting).", reached=False)
    if isinstance(exc, httpx.ConnectError):
        message = str(exc).upper()
        if "CERTIFICATE" in message or "SSL" in message or "TLS" in message:
            return error("tls", "The server's security certificate could not be verified.", reached=False)
        return error(
            "connect", "Could not connect to the server. Check the address and your connection.", reached=False
        )
    if isinstance(exc, httpx.PoolTimeout):
        return error("busy", "Too many requests are waiting; the app is busy.", reached=False)
    if isinstance(exc, httpx.TimeoutException):
        return error("timeout", "The server did not answer in time.", reached=True)
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return error("address", "The server address is not valid.", reached=False)
    # Dropped connections (RemoteProtocolError, ReadError, WriteError): the body may have been processed.
    return error("dropped", "The connection to the server was lost.", reached=True)
