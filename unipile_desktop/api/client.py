"""Async client for the Unipile REST API v1: one method per route the desktop app uses."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx

from ..texts import translate
from .errors import (
    AuthenticationError,
    NetworkError,
    RateLimitedError,
    ResponseFormatError,
    ResponseTooLargeError,
    UnipileError,
    error_from_response,
)
from .gate import DEFAULT_RATE_LIMIT_PAUSE, MAX_GATE_WAIT, RequestGate, SlowedDownListener
from .limits import ACCEPT_ENCODING, DEFAULT_LIMITS, Limits, is_loopback, read_body
from .models import (
    Account,
    Chat,
    ChatStarted,
    InmailBalance,
    LinkedinOptions,
    Message,
    MessageSent,
    OutgoingFile,
    OwnerProfile,
    Page,
    parse_account,
    parse_chat,
    parse_chat_started,
    parse_inmail_balance,
    parse_message,
    parse_message_sent,
    parse_owner_profile,
    parse_page,
)
from .people import PeopleRoutes
from .tls import (
    certificate_issuer,
    certificate_sentence,
    environment_proxy_set,
    proxy_for,
    ssl_context,
    verification_failure,
)
from .wire import Answer as _Answer
from .wire import decode_json as _decode_json
from .wire import expect_object as _expect_object
from .wire import query_params as _params
from .wire import seg as _seg

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_RATE_LIMIT_PAUSE", "MAX_GATE_WAIT", "InvalidDsnError", "RequestGate", "UnipileClient"]

T = TypeVar("T")
MultipartPart = tuple[str, tuple[str | None, bytes, str | None]]

API_PREFIX = "/api/v1"
# Reads are quick; uploads may carry 15 MB over a slow uplink, so writes get longer.
DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=120.0, pool=10.0)
ERROR_BODY_MAX_BYTES = 1024 * 1024  # an error's JSON is a few lines; a larger one is read as no body at all


def _raw_body(response: httpx.Response) -> tuple[AsyncIterator[bytes], str]:
    """The body as it comes from the network and its Content-Encoding; an answer built in memory (a test's
    MockTransport) is already decoded, so it comes as one chunk without an encoding."""
    try:
        content = response.content
    except httpx.ResponseNotRead:
        return response.aiter_raw(), response.headers.get("content-encoding", "")

    async def once() -> AsyncIterator[bytes]:
        yield content

    return once(), ""


def _proxy_label(url: str) -> str:
    """A proxy URL for the log, without any user name or password it carries."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}:{parts.port}" if parts.port else f"{parts.scheme}://{parts.hostname}"


class InvalidDsnError(ValueError):
    """The DSN typed by the user cannot be turned into a server address."""


def base_url_from_dsn(dsn: str) -> str:
    """``api1.unipile.com:13111`` or a full URL to ``https://…/api/v1``; plain http only for loopback."""
    text = dsn.strip().rstrip("/")
    if not text:
        raise InvalidDsnError(translate("ApiClient", "The server address is empty."))
    if "://" not in text:
        host_part = text.split("/", 1)[0].rsplit(":", 1)[0].strip("[]")
        scheme = "http" if is_loopback(host_part) else "https"
        text = f"{scheme}://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        sentence = translate("ApiClient", "“{dsn}” is not a server address like api1.unipile.com:13111.")
        raise InvalidDsnError(sentence.format(dsn=dsn.strip()))
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise InvalidDsnError(
            translate(
                "ApiClient",
                "Plain http is only allowed for this computer (localhost, 127.0.0.1): elsewhere it would send the "
                "API key unencrypted. Use https.",
            )
        )
    try:
        parts.port  # noqa: B018 - raises for a port out of range
    except ValueError as exc:
        raise InvalidDsnError(translate("ApiClient", "“{dsn}” has an invalid port.").format(dsn=dsn.strip())) from exc
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


class UnipileClient(PeopleRoutes):
    """Typed access to Unipile API v1 over one ``httpx.AsyncClient``.

    Every failure surfaces as a ``UnipileError`` subclass; nothing from httpx leaks out. ``on_key_rejected`` is
    told (before the error is raised) when the server refuses the current key, whichever caller made the request;
    ``set_api_key`` swaps the key in place so controllers holding this client carry on with the new one.

    Rate limits are honoured globally when the client has a ``gate`` (a ``RequestGate``; the app passes one): a
    429 closes it for the server's Retry-After, and until then no request of any caller goes out (each waits).
    ``add_slowed_down_listener`` hears each closing, so the window can say "The server asked to slow down;
    retrying in 12 s". Without a gate (tests whose engines run on a fake clock) each caller handles its 429 alone.

    What a server sends is bounded by ``limits`` (see ``limits.Limits``): answers are read as a stream and refused
    past their size, each exchange has a deadline, a page keeps at most the items asked for.

    Networks: certificates are verified with the operating system's trust store. A loopback address (the sandbox)
    is always reached directly, never through a proxy. Otherwise the environment's proxy variables apply as in any
    httpx program, and when they name none, ``proxy`` (an ``http://host:port`` URL, e.g. the OS setting the Qt
    side reads) is used.
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
        limits: Limits = DEFAULT_LIMITS,
        proxy: str | None = None,
    ) -> None:
        self.base_url = base_url_from_dsn(dsn)
        self.on_key_rejected = on_key_rejected
        self.gate = gate
        self.limits = limits
        self._auth = _ApiKeyAuth(api_key)
        parts = urlsplit(self.base_url)
        self._host, self._port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)
        loopback = is_loopback(self._host)
        # Loopback never goes through a proxy: with trust_env off, HTTP_PROXY cannot capture the sandbox's
        # plain-http requests (and the key in them). Elsewhere the environment's variables come first.
        explicit_proxy = None if loopback or environment_proxy_set(self.base_url) else proxy
        self._probe_proxy = None if loopback else proxy_for(self.base_url, proxy)
        self._tls_issuer: str | None = None
        if explicit_proxy:
            log.info("using the system proxy %s", _proxy_label(explicit_proxy))
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            auth=self._auth,
            headers={
                "accept": "application/json",
                "accept-encoding": ACCEPT_ENCODING,
                "user-agent": "unipile-desktop",
            },
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
            # Always the OS trust store, also for loopback http (which never uses TLS): httpx's default would load
            # certifi's bundle at construction, 50 ms of every start; truststore loads certificates at handshake.
            verify=ssl_context(),
            trust_env=not loopback,
            proxy=explicit_proxy,
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
        max_bytes: int | None = None,
        download: bool = False,
    ) -> _Answer:
        """One exchange, bounded: the answer's body read up to ``max_bytes`` (JSON's limit by default), the whole
        of it within the deadline (a download's grows as bytes arrive); every failure a ``UnipileError``."""
        label = f"{method} {path}"
        kwargs: dict[str, Any] = {"params": params}
        upload_bytes = 0
        if json_body is not None:
            kwargs["json"] = json_body
        if multipart is not None:
            # Everything goes as parts (text fields without a filename) so the body is multipart even with no
            # attachment; httpx writes the boundary.
            kwargs["files"] = list(multipart)
            upload_bytes = sum(len(content) for _, (_, content, _) in multipart)
        if self.gate is not None:
            await self.gate.wait(label)  # after a 429: nothing goes out before the server's time has passed
        auth = self._auth  # the key this request is sent with, to tell a stale 401 from a fresh one
        limits = self.limits
        limit = limits.json_max_bytes if max_bytes is None else max_bytes
        # Uploads get time for their bytes at a slow uplink's rate; downloads earn time as their bytes arrive.
        allowed = limits.deadline + upload_bytes / limits.min_upload_rate
        loop = asyncio.get_running_loop()
        started = loop.time()
        failure: httpx.HTTPError | httpx.InvalidURL | None = None
        try:
            async with asyncio.timeout(allowed) as scope:

                def progress(received: int) -> None:
                    if download:
                        scope.reschedule(started + allowed + received / limits.min_download_rate)

                try:
                    answer = await self._exchange(method, path, auth, kwargs, limit, label, download, progress)
                except (httpx.HTTPError, httpx.InvalidURL) as exc:
                    failure = exc
        except TimeoutError:
            if not scope.expired():
                raise
            when = scope.when()
            raise self._deadline_error(method, label, (when if when is not None else loop.time()) - started) from None
        if failure is not None:
            raise await self._network_failure(failure, label)
        log.debug("%s -> %s", label, answer.status_code)
        if answer.status_code >= 400:
            error = error_from_response(
                answer.status_code,
                _json_or_none(answer),
                request=label,
                retry_after_header=answer.headers.get("retry-after"),
            )
            if isinstance(error, AuthenticationError) and error.is_key_rejected and auth is self._auth:
                self._report_key_rejected(error)
            if isinstance(error, RateLimitedError) and self.gate is not None:
                self.gate.close_for(error.retry_after)
            raise error
        return answer

    async def _exchange(
        self,
        method: str,
        path: str,
        auth: httpx.Auth,
        kwargs: dict[str, Any],
        limit: int,
        label: str,
        download: bool,
        progress: Callable[[int], None],
    ) -> _Answer:
        try:
            request = self._http.build_request(method, path, **kwargs)
            response = await self._http.send(request, auth=auth, stream=True)
        except UnicodeError:  # e.g. a lone surrogate pasted into a search or id
            raise NetworkError(
                translate("ApiClient", "The request contained characters that cannot be sent."),
                kind="address",
                may_have_reached_server=False,
                request=label,
            ) from None
        except RuntimeError:
            if self._http.is_closed:  # a late task of a session that has ended
                raise NetworkError(
                    translate("ApiClient", "The connection was closed."),
                    kind="closed",
                    may_have_reached_server=False,
                    request=label,
                ) from None
            raise
        chunks: AsyncIterator[bytes] | None = None
        try:
            status = response.status_code
            chunks, encoding = _raw_body(response)
            try:
                body = await read_body(
                    chunks,
                    content_encoding=encoding,
                    content_length=response.headers.get("content-length"),
                    limit=min(limit, ERROR_BODY_MAX_BYTES) if status >= 400 else limit,
                    label=label,
                    download=download and status < 400,
                    on_progress=progress,
                )
            except ResponseTooLargeError as exc:
                if status < 400:
                    exc.status = status
                    raise
                body = b""  # an error told at length: its status says enough
            except ResponseFormatError:
                if status < 400:
                    raise
                body = b""
        finally:
            # A body left unread (too large, past the deadline) is closed here, on the loop: left to the garbage
            # collector, httpx's generator would be closed outside any loop and fail ("NoEventLoopError").
            if chunks is not None and hasattr(chunks, "aclose"):
                await chunks.aclose()
            await response.aclose()
        return _Answer(status, body, response.headers)

    def _deadline_error(self, method: str, label: str, allowed: float) -> NetworkError:
        changed = method in ("GET", "HEAD")
        seconds = f"{allowed:.0f}" if allowed >= 10 else f"{round(allowed, 1):g}"
        if changed:
            sentence = translate(
                "ApiClient",
                "The server took longer than {seconds} s to answer, so the app stopped waiting. Nothing was changed.",
            )
        else:
            sentence = translate(
                "ApiClient",
                "The server took longer than {seconds} s to answer, so the app stopped waiting. It may still have "
                "done it.",
            )
        sentence = sentence.format(seconds=seconds)
        log.info("%s: gave up after %.1f s (deadline)", label, allowed)
        return NetworkError(sentence, kind="timeout", may_have_reached_server=not changed, request=label)

    async def _network_failure(self, exc: httpx.HTTPError | httpx.InvalidURL, label: str) -> UnipileError:
        error = _network_error(exc, label)
        failure = verification_failure(exc)
        if not isinstance(error, NetworkError) or error.kind != "tls" or failure is None:
            return error
        if self._tls_issuer is None:  # read once per client: the probe costs a connection
            self._tls_issuer = await certificate_issuer(self._host, self._port, self._probe_proxy) or ""
        log.warning("certificate of %s refused: %s", self._host, failure.verify_message)
        sentence = certificate_sentence(failure, self._tls_issuer or None)
        return NetworkError(sentence, kind="tls", may_have_reached_server=False, request=label)

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

    async def _get_bytes(self, path: str, max_bytes: int) -> bytes:
        response = await self._request("GET", path, max_bytes=max_bytes, download=True)
        return response.content

    async def _get_page(
        self, path: str, params: Mapping[str, str | int], parse_item: Callable[[object, str], T], name: str
    ) -> Page[T]:
        data = await self._get_json(path, params)
        asked, keep = params.get("limit"), self.limits.max_page_items
        items = data.get("items") if isinstance(data, dict) else None
        # Counted before any item is parsed. More than was asked is refused, not cut: the items past the cut (and
        # those the cursor skips) would never be read, and a sync would move past them for good.
        if isinstance(items, list) and isinstance(asked, int) and 0 < asked < len(items):
            raise ResponseFormatError(f"GET {path} answered {len(items)} items for a page of {asked}")
        if isinstance(items, list) and len(items) > keep:  # no limit asked (a group's members): the most a page holds
            log.warning("GET %s: the server sent %d items; keeping the first %d", path, len(items), keep)
            data = {**data, "items": items[:keep]}  # type: ignore[dict-item]
        try:
            return parse_page(data, parse_item, name)
        except RecursionError:
            raise ResponseFormatError(f"GET {path} answered JSON nested too deeply") from None

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
        path = f"/messages/{_seg(message_id)}/attachments/{_seg(attachment_id)}"
        return await self._get_bytes(path, self.limits.download_max_bytes)

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


# ---------------------------------------------------------------------------------------------- helpers


def _multipart(fields: Mapping[str, str | list[str]], files: Sequence[OutgoingFile]) -> list[MultipartPart]:
    parts: list[MultipartPart] = []
    for key, value in fields.items():
        for item in [value] if isinstance(value, str) else value:  # repeated keys, e.g. attendees_ids
            parts.append((key, (None, item.encode("utf-8"), None)))
    for f in files:
        parts.append(("attachments", (f.name, f.data, f.mimetype or "application/octet-stream")))
    return parts


def _json_or_none(response: _Answer) -> object:
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None


def _network_error(exc: httpx.HTTPError | httpx.InvalidURL, label: str) -> UnipileError:
    """Map an httpx failure to a NetworkError that says whether the request may have been processed."""

    def error(kind: str, title: str, *, reached: bool) -> NetworkError:
        return NetworkError(title, kind=kind, may_have_reached_server=reached, request=label)

    if isinstance(exc, httpx.ConnectTimeout):
        return error(
            "connect_timeout", translate("ApiClient", "The server did not answer in time (connecting)."), reached=False
        )
    if isinstance(exc, httpx.ConnectError):
        message = str(exc).upper()
        if "CERTIFICATE" in message or "SSL" in message or "TLS" in message:
            return error(
                "tls", translate("ApiClient", "The server's security certificate could not be verified."), reached=False
            )
        return error(
            "connect",
            translate("ApiClient", "Could not connect to the server. Check the address and your connection."),
            reached=False,
        )
    if isinstance(exc, httpx.PoolTimeout):
        return error("busy", translate("ApiClient", "Too many requests are waiting; the app is busy."), reached=False)
    if isinstance(exc, httpx.TimeoutException):
        return error("timeout", translate("ApiClient", "The server did not answer in time."), reached=True)
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return error("address", translate("ApiClient", "The server address is not valid."), reached=False)
    # Dropped connections (RemoteProtocolError, ReadError, WriteError): the body may have been processed.
    return error("dropped", translate("ApiClient", "The connection to the server was lost."), reached=True)
