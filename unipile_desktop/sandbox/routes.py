"""The /api/v1 routes: query validation, filters, cursor pages and JSON envelopes over SandboxState."""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from . import invitations, profiles, sending
from .errors import ApiError, invalid_parameters, missing_parameters, not_found
from .models import Attendee, Chat, JsonDict, Message, format_ts, parse_ts
from .multipart import FormData, media_type, parse_multipart
from .paging import (
    decode_cursor,
    encode_cursor,
    last_value,
    parse_bool_param,
    parse_datetime_param,
    parse_limit,
    take_page,
)
from .responses import JSON_CONTENT_TYPE, ApiResponse, error_response, json_response
from .state import SandboxState

__all__ = [
    "JSON_CONTENT_TYPE",
    "ApiRequest",
    "ApiResponse",
    "ApiRoutes",
    "error_response",
    "json_response",
]

logger = logging.getLogger(__name__)
MESSAGING_ACCOUNT_TYPES = ("WHATSAPP", "LINKEDIN", "SLACK", "TWITTER", "MESSENGER", "INSTAGRAM", "TELEGRAM")


@dataclass
class ApiRequest:
    """An HTTP request to the API, with the path relative to /api/v1."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: Mapping[str, str]
    body: bytes = b""
    _form: FormData | None = field(default=None, repr=False)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def form(self) -> FormData:
        """The multipart form; 415 `errors/unsupported_media_type` for any other body."""
        if self._form is None:
            if media_type(self.content_type) != "multipart/form-data":
                raise ApiError(
                    415,
                    "errors/unsupported_media_type",
                    "This route expects a multipart/form-data body.",
                )
            self._form = parse_multipart(self.content_type, self.body)
        return self._form


Handler = Callable[[ApiRequest, list[str]], ApiResponse]


def _split_ids(values: Iterable[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _window(query: Mapping[str, list[str]]) -> JsonDict:
    """`before`/`after` filters present in the query, validated."""
    filters: JsonDict = {}
    for name in ("after", "before"):
        value = parse_datetime_param(query, name)
        if value is not None:
            filters[name] = value
    return filters


def _in_window(epoch_ms: int, filters: Mapping[str, Any]) -> bool:
    if "after" in filters and not epoch_ms > parse_ts(filters["after"]):
        return False
    return not ("before" in filters and not epoch_ms < parse_ts(filters["before"]))


def _resume_dated(cursor: str) -> tuple[JsonDict, int, tuple[int, str]]:
    """Filters, limit and position of a cursor over items ordered by (date, id), newest first."""
    payload = decode_cursor(cursor, ["last_id", "last_date"])
    position = payload.pop("cursor")
    limit = int(payload.pop("limit"))
    return payload, limit, (parse_ts(position["last_date"]), position["last_id"])


CHAT_FILTER_MODES = ("activity", "created")


class ApiRoutes:
    """Dispatches ApiRequests to route handlers; handlers raise ApiError for Unipile-shaped failures.

    ``chat_filter_on`` says what ``before``/``after`` of ``GET /chats`` compare with: the chat's last activity
    ("activity", the default) or its creation ("created"). The reference leaves this open, so clients are tested
    under both.
    """

    def __init__(
        self,
        state: SandboxState,
        on_outbound: Callable[[str], None] | None = None,
        *,
        chat_filter_on: str = "activity",
    ) -> None:
        self.state = state
        self.on_outbound = on_outbound
        self.chat_filter_on = chat_filter_on
        self._later_lock = threading.Lock()
        self._later: set[threading.Timer] = set()
        seg = r"([^/]+)"
        self.table: list[tuple[str, re.Pattern[str], Handler]] = [
            ("GET", re.compile(r"^/accounts$"), self.list_accounts),
            ("GET", re.compile(rf"^/accounts/{seg}$"), self.get_account),
            ("GET", re.compile(r"^/users/me$"), self.get_me),
            ("GET", re.compile(rf"^/users/{seg}$"), self.get_user_profile),
            ("GET", re.compile(r"^/linkedin/inmail_balance$"), self.get_inmail_balance),
            ("GET", re.compile(r"^/chats$"), self.list_chats),
            ("POST", re.compile(r"^/chats$"), self.start_chat),
            ("GET", re.compile(rf"^/chats/{seg}$"), self.get_chat),
            ("PATCH", re.compile(rf"^/chats/{seg}$"), self.patch_chat),
            ("GET", re.compile(rf"^/chats/{seg}/messages$"), self.list_chat_messages),
            ("POST", re.compile(rf"^/chats/{seg}/messages$"), self.send_message),
            ("GET", re.compile(rf"^/chats/{seg}/attendees$"), self.list_chat_attendees),
            ("GET", re.compile(r"^/chat_attendees$"), self.list_attendees),
            ("GET", re.compile(rf"^/chat_attendees/{seg}$"), self.get_attendee),
            ("GET", re.compile(rf"^/chat_attendees/{seg}/picture$"), self.get_picture),
            ("GET", re.compile(rf"^/chat_attendees/{seg}/chats$"), self.list_attendee_chats),
            ("GET", re.compile(rf"^/chat_attendees/{seg}/messages$"), self.list_attendee_messages),
            ("GET", re.compile(r"^/messages$"), self.list_all_messages),
            ("GET", re.compile(rf"^/messages/{seg}$"), self.get_message),
            ("GET", re.compile(rf"^/messages/{seg}/attachments/{seg}$"), self.get_attachment),
            ("POST", re.compile(r"^/users/invite$"), self.send_invitation),
            ("GET", re.compile(r"^/users/invite/sent$"), self.list_sent_invitations),
            ("DELETE", re.compile(rf"^/users/invite/sent/{seg}$"), self.cancel_invitation),
        ]

    @property
    def chat_filter_on(self) -> str:
        return self._chat_filter_on

    @chat_filter_on.setter
    def chat_filter_on(self, mode: str) -> None:
        if mode not in CHAT_FILTER_MODES:
            raise ValueError(f"chat_filter_on must be one of {', '.join(CHAT_FILTER_MODES)}")
        self._chat_filter_on = mode

    def route_name(self, method: str, path: str) -> str:
        """The route a request goes to, ids left out: "POST /chats/{id}/messages" (or "METHOD ?" when none)."""
        for route_method, pattern, _ in self.table:
            if route_method == method and pattern.match(path):
                return f"{method} " + pattern.pattern.strip("^$").replace("([^/]+)", "{id}")
        return f"{method} ?"

    def dispatch_later(
        self, request: ApiRequest, delay_s: float, on_done: Callable[[ApiResponse], None] | None = None
    ) -> None:
        """Handle `request` after `delay_s` seconds, answering nobody (the `store_later` fault: the client was
        already told 504 while the provider kept working); `on_done` gets the response it would have had."""

        def run() -> None:
            with self._later_lock:
                self._later.discard(timer)
            try:
                response = self.dispatch(request)
            except ApiError as error:
                logger.info("late %s %s refused: %s", request.method, request.path, error.body())
                response = error_response(error)
            except Exception:  # a timer thread must not die loudly; the sandbox keeps serving
                logger.exception("late %s %s failed", request.method, request.path)
                return
            else:
                logger.info("late %s %s done: %s", request.method, request.path, response.status)
            if on_done is not None:
                try:
                    on_done(response)
                except Exception:
                    logger.exception("late %s %s: bookkeeping failed", request.method, request.path)

        timer = threading.Timer(max(0.0, delay_s), run)
        timer.daemon = True
        with self._later_lock:
            self._later.add(timer)
        timer.start()

    @property
    def pending_later(self) -> int:
        """Requests of `store_later` faults not handled yet."""
        with self._later_lock:
            return len(self._later)

    def cancel_later(self) -> int:
        """Forget requests still waiting to be handled late (e.g. when the server stops); returns how many."""
        with self._later_lock:
            timers, self._later = list(self._later), set()
        for timer in timers:
            timer.cancel()
        return len(timers)

    def dispatch(self, request: ApiRequest) -> ApiResponse:
        for method, pattern, handler in self.table:
            match = pattern.match(request.path)
            if match and method == request.method:
                return handler(request, [unquote(group) for group in match.groups()])
        raise not_found(f"Cannot {request.method} /api/v1{request.path}")

    # ------------------------------------------------------------------ accounts and owners

    def list_accounts(self, request: ApiRequest, _: list[str]) -> ApiResponse:
        with self.state.lock:
            cursor = last_value(request.query, "cursor")
            after_key: tuple[int, str] | None = None
            if cursor:
                payload = decode_cursor(cursor, ["last_id"])
                limit = int(payload["limit"])
                anchor = self.state.accounts.get(payload["cursor"]["last_id"])
                if anchor is None:
                    raise invalid_parameters("The cursor is invalid.")
                after_key = (anchor.created_at_ms, anchor.id)
            else:
                limit = parse_limit(request.query)
            page, last = take_page(
                self.state.accounts.values(), lambda account: (account.created_at_ms, account.id), after_key, limit
            )
            next_cursor = encode_cursor({"limit": limit, "cursor": {"last_id": last.id}}) if last else None
            return json_response(
                200, {"object": "AccountList", "items": [account.to_json() for account in page], "cursor": next_cursor}
            )

    def get_account(self, _: ApiRequest, params: list[str]) -> ApiResponse:
        with self.state.lock:
            return json_response(200, self.state.account(params[0]).to_json())

    def _required_account_id(self, request: ApiRequest) -> str:
        account_id = last_value(request.query, "account_id")
        if not account_id:
            raise missing_parameters("account_id is required.")
        return account_id

    def get_me(self, request: ApiRequest, _: list[str]) -> ApiResponse:
        return json_response(200, self.state.owner_profile(self._required_account_id(request)))

    def get_user_profile(self, request: ApiRequest, params: list[str]) -> ApiResponse:
        account_id = self._required_account_id(request)
        return json_response(200, profiles.get_profile(self.state, params[0], account_id, request.query))

    def get_inmail_balance(self, request: ApiRequest, _: list[str]) -> ApiResponse:
        return json_response(200, self.state.inmail_balance(self._required_account_id(request)))

    # ------------------------------------------------------------------ chats

    def _chat_filters(self, request: ApiRequest) -> tuple[JsonDict, int, tuple[int, str] | None]:
        """Filters, limit and position from a cursor, or validated from the query when there is none."""
        cursor = last_value(request.query, "cursor")
        if cursor:
            return _resume_dated(cursor)
        filters = _window(request.query)
        limit = parse_limit(request.query)
        unread = parse_bool_param(request.query, "unread")
        if unread is not None:
            filters["unread"] = unread
        account_type = last_value(request.query, "account_type")
        if account_type is not None:
            if account_type not in MESSAGING_ACCOUNT_TYPES:
                raise invalid_parameters(f"account_type must be one of {', '.join(MESSAGING_ACCOUNT_TYPES)}.")
            filters["account_type"] = account_type
        account_ids = _split_ids(request.query.get("account_id", []))
        if account_ids:
            filters["account_id"] = account_ids
        return filters, limit, None

    def _chat_page(
        self, chats: Iterable[Chat], filters: JsonDict, limit: int, after_key: tuple[int, str] | None
    ) -> ApiResponse:
        def keep(chat: Chat) -> bool:
            if "account_id" in filters and chat.account_id not in filters["account_id"]:
                return False
            if "account_type" in filters and chat.account_type != filters["account_type"]:
                return False
            if "unread" in filters and (chat.unread_count > 0) != filters["unread"]:
                return False
            return _in_window(chat.created_at_ms if self.chat_filter_on == "created" else chat.activity_ms, filters)

        page, last = take_page(
            [chat for chat in chats if keep(chat)], lambda chat: (chat.activity_ms, chat.id), after_key, limit
        )
        next_cursor = None
        if last is not None:
            position = {"last_id": last.id, "last_date": format_ts(last.activity_ms)}
            next_cursor = encode_cursor({**filters, "limit": limit, "cursor": position})
        return json_response(
            200, {"object": "ChatList", "items": [chat.to_json() for chat in page], "cursor": next_cursor}
        )

    def list_chats(self, request: ApiRequest, _: list[str]) -> ApiResponse:
        with self.state.lock:
            filters, limit, after_key = self._chat_filters(request)
            return self._chat_page(self.state.chats.values(), filters, limit, after_key)

    def get_chat(self, request: ApiRequest, params: list[str]) -> ApiResponse:
        with self.state.lock:
            chat = self.state.chat(params[0], last_value(request.query, "account_id"))
            body = chat.to_json()
            last = self.state.last_message(chat.id)
            body["lastMessage"] = last.to_json() if last is not None else None
            return json_response(200, body)

    def patch_chat(self, request: ApiRequest, params: list[str]) -> ApiResponse:
        if media_type(request.content_type) != "application/json":
            raise ApiError(415, "errors/unsupported_media_type", "This route expects an application/json body.")
        try:
            payload = json.loads(request.body.decode("utf-8") or "null")
        except (UnicodeDecodeError, ValueError):
            raise ApiError(400, "errors/malformed_request", "The JSON body could not be parsed.") from None
        if not isinstance(payload, dict) or "action" not in payload:
            raise missing_parameters("The body needs an action.")
        self.state.patch_chat(params[0], payload["action"], payload.get("value"))
        return json_response(200, {"object": "ChatPatched"})

    def start_chat(self, request: ApiRequest, _: list[str]) -> ApiResponse:
        chat, message = sending.start_chat(self.state, request.form())
        if self.on_outbound is not None:
            self.on_outbound(chat.id)
        return json_response(201, {"object": "ChatStarted", "chat_id": chat.id, "message_id": message.id})

    # ------------------------------------------------------------------ messages

    def _message_filters(self, request: ApiRequest, scope: str) -> tuple[JsonDict, int, tuple[int, str] | None]:
        cursor = last_value(request.query, "cursor")
        if cursor:
            filters, limit, after_key = _resume_dated(cursor)
            if filters.get("scope") != scope:
                raise invalid_parameters("The cursor is invalid.")
            return filters, limit, after_key
        filters = _window(request.query)
        filters["scope"] = scope
        limit = parse_limit(request.query)
        sender = last_value(request.query, "sender_id")
        if sender:
            filters["sender_id"] = sender
        account_id = last_value(request.query, "account_id")
        if account_id:
            filters["account_id"] = account_id
        return filters, limit, None

    def _message_page(
        self, messages: Iterable[Message], filters: JsonDict, limit: int, after_key: tuple[int, str] | None
    ) -> ApiResponse:
        def keep(message: Message) -> bool:
            if "sender_id" in filters and filters["sender_id"] not in (message.sender_id, message.sender_attendee_id):
                return False
            if "account_id" in filters and message.account_id != filters["account_id"]:
                return False
            return _in_window(message.timestamp_ms, filters)

        page, last = take_page(
            [message for message in messages if keep(message)],
            lambda message: (message.timestamp_ms, message.id),
            after_key,
            limit,
        )
        next_cursor = None
        if last is not None:
            position = {"last_id": last.id, "last_date": format_ts(last.timestamp_ms)}
            next_cursor = encode_cursor({**filters, "limit": limit, "cursor": position})
        items = [message.to_json() for message in page]
        return json_response(200, {"object": "MessageList", "items": items, "cursor": next_cursor})

    def list_chat_messages(self, request: ApiRequest, params: list[str]) -> ApiResponse:
        hostile = self.state.misbehaviour.answer(request.method, params[0])  # built without the lock
        if hostile is not None:
            return hostile
        with self.state.lock:
            chat = self.state.chat(params[0])
            filters, limit, after_key = self._message_filters(request, f"chat:{chat.id}")
            return self._message_page(self.state.messages_of(chat.id), filters, limit, after_key)

    def list_all_messages(self, request: ApiRequest, _: list[str]) -> ApiResponse:
        with self.state.lock:
            filters, limit, after_key = self._message_filters(request, "all")
            return self._message_page(self.state.messages.values(), filters, limit, after_key)

    def get_message(self, _: ApiRequest, params: list[str]) -> ApiResponse:
        with self.state.lock:
            return json_response(200, self.state.message(params[0]).to_json())

    def get_attachment(self, _: ApiRequest, params: list[str]) -> ApiResponse:
        attachment = self.state.attachment(params[0], params[1])
        return ApiResponse(200, attachment.data, content_type=attachment.mimetype)

    def send_message(self, request: ApiRequest, params: list[str]) -> ApiResponse:
        hostile = self.state.misbehaviour.answer(request.method, params[0])
        if hostile is not None:
            return hostile
        form = request.form()
        message = sending.send_message(self.state, params[0], form)
        if self.on_outbound is not None:
            self.on_outbound(message.chat_id)
        return json_response(201, {"object": "MessageSent", "message_id": message.id})

    # ------------------------------------------------------------------ attendees

    def _attendee_json(self, attendee: Attendee) -> JsonDict:
        return attendee.to_json(self.state.media_base)

    def list_chat_attendees(self, _: ApiRequest, params: list[str]) -> ApiResponse:
        with self.state.lock:
            chat = self.state.chat(params[0])
            items = [self._attendee_json(attendee) for attendee in self.state.chat_attendees(chat)]
            # No cursor key: the SDK's validator for this route omits it.
            return json_response(200, {"object": "ChatAttendeeList", "items": items})

    def list_attendees(self, request: ApiRequest, _: list[str]) -> ApiResponse:
        with self.state.lock:
            cursor = last_value(request.query, "cursor")
            after_key: tuple[str] | None = None
            filters: JsonDict = {}
            if cursor:
                payload = decode_cursor(cursor, ["last_id"])
                limit = int(payload["limit"])
                after_key = (payload["cursor"]["last_id"],)
                if isinstance(payload.get("account_id"), str):
                    filters["account_id"] = payload["account_id"]
            else:
                limit = parse_limit(request.query)
                account_id = last_value(request.query, "account_id")
                if account_id:
                    filters["account_id"] = account_id
            candidates = [
                attendee
                for attendee in self.state.attendees.values()
                if "account_id" not in filters or attendee.account_id == filters["account_id"]
            ]
            page, last = take_page(candidates, lambda attendee: (attendee.id,), after_key, limit, descending=False)
            next_cursor = encode_cursor({**filters, "limit": limit, "cursor": {"last_id": last.id}}) if last else None
            items = [self._attendee_json(attendee) for attendee in page]
            return json_response(200, {"object": "ChatAttendeeList", "items": items, "cursor": next_cursor})

    def get_attendee(self, request: ApiRequest, params: list[str]) -> ApiResponse:
        with self.state.lock:
            attendee = self.state.attendee(params[0], last_value(request.query, "account_id"))
            return json_response(200, self._attendee_json(attendee))

    def get_picture(self, _: ApiRequest, params: list[str]) -> ApiResponse:
        return ApiResponse(200, self.state.picture(params[0]), content_type="image/png")

    def _attendees_named(self, raw_ids: str, account_id: str | None) -> list[Attendee]:
        found = []
        for attendee_id in _split_ids([raw_ids]):
            person = self.state.attendee(attendee_id, account_id)  # 404 when nobody has that id
            found.append(person)
            if account_id is None:  # a provider id names the person in every account that knows them
                found.extend(
                    other
                    for other in self.state.attendees.values()
                    if other.provider_id == attendee_id and other is not person
                )
        return found

    def list_attendee_chats(self, request: ApiRequest, params: list[str]) -> ApiResponse:
        with self.state.lock:
            filters, limit, after_key = self._chat_filters(request)
            if "attendees" not in filters:
                account_ids = filters.get("account_id") or [None]
                people = [p for account in account_ids for p in self._attendees_named(params[0], account)]
                filters["attendees"] = sorted({person.id for person in people})
            wanted = set(filters["attendees"])
            chats = [chat for chat in self.state.chats.values() if chat.type == 0 and wanted & set(chat.attendee_ids)]
            return self._chat_page(chats, filters, limit, after_key)

    def list_attendee_messages(self, request: ApiRequest, params: list[str]) -> ApiResponse:
        with self.state.lock:
            attendee = self.state.attendee(params[0])
            filters, limit, after_key = self._message_filters(request, f"attendee:{attendee.id}")
            chats = [
                chat.id for chat in self.state.chats.values() if chat.type == 0 and attendee.id in chat.attendee_ids
            ]
            messages = [message for chat_id in chats for message in self.state.messages_of(chat_id)]
            return self._message_page(messages, filters, limit, after_key)

    # ------------------------------------------------------------------ LinkedIn invitations (rules: invitations.py)

    def send_invitation(self, request: ApiRequest, _: list[str]) -> ApiResponse:
        payload = invitations.json_body(request.content_type, request.body)
        invitation = invitations.send_invitation(self.state, payload)
        return json_response(201, {"object": "UserInvitationSent", "invitation_id": invitation.id})

    def list_sent_invitations(self, request: ApiRequest, _: list[str]) -> ApiResponse:
        account_id = self._required_account_id(request)
        cursor = last_value(request.query, "cursor")
        limit = invitations.list_limit(request.query)
        items, next_cursor = invitations.list_invitations(self.state, account_id, cursor, limit)
        return json_response(200, {"object": "InvitationList", "items": items, "cursor": next_cursor})

    def cancel_invitation(self, request: ApiRequest, params: list[str]) -> ApiResponse:
        invitations.cancel_invitation(self.state, self._required_account_id(request), params[0])
        return json_response(200, {"object": "InvitationCanceled"})
