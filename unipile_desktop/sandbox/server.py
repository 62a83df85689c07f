"""Loopback HTTP server speaking Unipile API v1, with test controls under /_sandbox/ and an embedding API.

Its parts: `transport` (HTTP/1.1), `api_exchange` (one API request: key, log, faults), `routes` (/api/v1),
`sending` (the rules of sends), `controls` (/_sandbox/), `state` (the data, empty at first) and `seed` (the demo world).

Behaviour chosen where the real API is undocumented (see also the docstrings of the modules it cites):

- Auth: a missing or empty `X-API-KEY` answers 401 `errors/missing_credentials`; a wrong one 401
  `errors/invalid_credentials`. Unipile documents neither case; both types exist in its 401 enum.
- Unknown route or wrong method: 404 `errors/resource_not_found` (NestJS answers unmatched routes with 404).
- Sends (`POST /chats/{id}/messages`, `POST /chats`): a non-multipart body is 415, checks then run in this order:
  404 unknown chat/account, 403 `errors/account_mismatch` for an `account_id` of another account, 401
  `errors/disconnected_account` when the account's source status is not OK, 400 `errors/missing_parameters`
  (no text and no attachment), 400 `errors/too_many_characters` (provider limits), 400 `errors/content_too_large`
  (a file over 15 MiB), 422 `errors/cant_send_message` for a read-only chat, then the LinkedIn rules of
  `sending.start_chat`. Sending marks the chat read (`unread_count` 0).
- `POST /chats` to a single attendee who already has a 1:1 chat on that account reuses that chat, without any
  LinkedIn connection or credit check (replying in an existing thread is free).
- `/users/me` and `/linkedin/inmail_balance` ask the provider, so a disconnected account answers 401 there;
  lists and downloads keep serving cached data. InMail balance of a non-LinkedIn account: 422 `errors/invalid_account`.
- Hidden messages (`hidden` 1, e.g. reaction events) are listed; clients are expected to filter them.
- Attendee `picture_url` points at keyless media under /_sandbox/media/ (like a CDN URL); the API route
  `/chat_attendees/{id}/picture` serves the same PNG with the key.
- LinkedIn invitations (`/users/invite…`): see invitations.py; the weekly cap is `invitation_weekly_cap`.
- `/chat_attendees` also lists known people without a chat (with LinkedIn `network_distance`), so a client can
  start chats with them; an unavailable (expired) attachment answers 404.
"""

from __future__ import annotations

import hmac
import threading
import time
from typing import Any

from . import invitations
from .api_exchange import API_PREFIX, message_id_of
from .controls import CONTROL_PREFIX
from .faults import FaultBook, FaultLog, InFlight, RequestLog
from .models import JsonDict
from .replies import ReplySimulator
from .routes import ApiResponse, ApiRoutes
from .seed import seeded_state
from .transport import SandboxHttpServer

DEFAULT_API_KEY = "sandbox-demo-key"


class SandboxServer:
    """A Unipile-compatible server on loopback: `start()` in the background, `stop()`, or use `with`.

    With `simulate_replies`, customers answer sends after `reply_delay_s` seconds and one writes unasked every
    `customer_interval` seconds (None: never; see replies.py). Without it the data changes only when asked.
    `world` "hostile" serves the hostile corpus (seed/hostile.py) instead of the demo world.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        api_key: str = DEFAULT_API_KEY,
        seed: int = 1,
        simulate_replies: bool = False,
        reply_delay_s: tuple[float, float] = (2.0, 6.0),
        customer_interval: tuple[float, float] | None = (40.0, 120.0),
        world: str = "demo",
    ) -> None:
        self._host = host
        self._requested_port = port
        self._api_key = api_key.encode("utf-8")
        self.seed = seed
        self.world = world
        self.state = seeded_state(seed, world=world)
        self.faults = FaultBook(seed)
        self.log = RequestLog()
        self.fault_records = FaultLog()
        self.in_flight_requests = InFlight()
        self._replies = ReplySimulator(self.state, seed, reply_delay_s, customer_interval) if simulate_replies else None
        self.routes = ApiRoutes(self.state, self._replies.schedule if self._replies is not None else None)
        self._httpd: SandboxHttpServer | None = None
        self._thread: threading.Thread | None = None
        self._bound_port: int | None = None  # kept across stop() so a restart comes back at the same address

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> SandboxServer:
        """Bind, then serve from a daemon thread; returns once the socket is listening.

        After stop(), start() serves again on the port of the first start (even when that was picked by the OS),
        with the same state: a server that went away and came back.
        """
        if self._httpd is not None:
            raise RuntimeError("SandboxServer already started")
        port = self._bound_port if self._bound_port is not None else self._requested_port
        self._httpd = SandboxHttpServer((self._host, port), self)
        self._bound_port = int(self._httpd.server_address[1])
        self.state.media_base = self.url + CONTROL_PREFIX + "/media"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="sandbox-http", daemon=True
        )
        self._thread.start()
        if self._replies is not None:
            self._replies.start()
        return self

    def stop(self) -> None:
        """Stop serving, close every connection and the listening socket, and join the threads."""
        if self._replies is not None:
            self._replies.stop()
        self.routes.cancel_later()  # a `store_later` request must not land in a stopped sandbox
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.close_connections()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("SandboxServer is not started")
        return int(self._httpd.server_address[1])

    @property
    def host(self) -> str:
        return self._host

    @property
    def url(self) -> str:
        """`http://127.0.0.1:PORT` (IPv6 hosts in brackets)."""
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"http://{host}:{self.port}"

    @property
    def api_url(self) -> str:
        """The base URL a Unipile client uses: `url` + `/api/v1`."""
        return self.url + API_PREFIX

    def key_matches(self, supplied: str) -> bool:
        """Constant-time comparison with the configured API key."""
        return hmac.compare_digest(supplied.encode("utf-8"), self._api_key)

    # ------------------------------------------------------------------ test controls (same as /_sandbox/)

    def add_fault(
        self,
        path: str,
        action: str = "error",
        *,
        method: str | None = None,
        status: int | None = None,
        type: str | None = None,  # noqa: A002 - the JSON field is called `type`
        title: str | None = None,
        detail: str | None = None,
        delay_ms: int = 0,
        times: int | None = 1,
        probability: float = 1.0,
        retry_after: int | None = None,
        store_after_ms: int | None = None,
        store_after_max_ms: int | None = None,
        delay_max_ms: int | None = None,
    ) -> str:
        """Add a fault rule (see POST /_sandbox/faults) and return its id."""
        spec: dict[str, Any] = {
            "path": path,
            "action": action,
            "method": method,
            "status": status,
            "type": type,
            "title": title,
            "detail": detail,
            "delay_ms": delay_ms,
            "times": times,
            "probability": probability,
            "retry_after": retry_after,
            "store_after_ms": store_after_ms,
            "store_after_max_ms": store_after_max_ms,
            "delay_max_ms": delay_max_ms,
        }
        return self.faults.add(spec).id

    def list_faults(self) -> list[JsonDict]:
        return self.faults.list()

    def clear_faults(self) -> int:
        return self.faults.clear()

    def inject_inbound(
        self,
        chat_id: str,
        text: str | None = None,
        sender_attendee_id: str | None = None,
        attachments: list[tuple[str, str, bytes]] | None = None,
    ) -> JsonDict:
        """Store a message from a participant (default: the first one who is not the owner); returns it as JSON."""
        with self.state.lock:
            message = self.state.inject_inbound(chat_id, text, sender_attendee_id, attachments)
            return message.to_json()

    def send_from_other_device(self, chat_id: str, text: str) -> JsonDict:
        """The account owner sends `text` into the chat from another device (phone, a colleague on the same account).

        Stored exactly like an API send (`is_sender` 1, from the owner); `message_counts` tells it apart. Returns it.
        """
        message = self.state.store_from_other_device(chat_id, text)
        if self._replies is not None:
            self._replies.schedule(message.chat_id)
        return message.to_json()

    def requests_log(self) -> list[JsonDict]:
        return self.log.entries()

    def fault_log(self) -> list[JsonDict]:
        """Every faulted API request (see FaultLog): what fired, whether it was ambiguous, what it stored."""
        return self.fault_records.entries()

    def fault_summary(self) -> JsonDict:
        """Per-route tallies: {"requests": {route: n}, "faulted": {…}, "ambiguous": {…}}."""
        return self.fault_records.summary()

    def in_flight(self) -> list[JsonDict]:
        """API requests received and not answered yet, oldest first (see InFlight)."""
        return self.in_flight_requests.items(time.monotonic())

    def note_late_result(self, request_id: int, response: ApiResponse) -> None:
        """A `store_later` request ran: note its result (and the message it stored) in the fault log."""
        message_id = message_id_of(response)
        if message_id is not None:
            self.state.note_request(message_id, request_id)
        self.fault_records.update(request_id, result_status=response.status, message_id=message_id)

    def message_counts(self, chat_id: str) -> JsonDict:
        return self.state.message_counts(chat_id)

    def set_account_status(self, account_id: str, status: str) -> JsonDict:
        return self.state.set_account_status(account_id, status).to_json()

    @property
    def invitation_weekly_cap(self) -> int:
        """How many LinkedIn invitations an account may send over a rolling 7 days (100, LinkedIn's usual cap)."""
        return self.state.invitation_weekly_cap

    @invitation_weekly_cap.setter
    def invitation_weekly_cap(self, cap: int) -> None:
        with self.state.lock:
            self.state.invitation_weekly_cap = cap

    def sent_invitations(self, account_id: str) -> list[JsonDict]:
        """The account's pending invitations as ``GET /users/invite/sent`` lists them, newest first (all pages)."""
        items, _ = invitations.list_invitations(self.state, account_id, None, len(self.state.invitations) + 1)
        return items

    @property
    def landmarks(self) -> JsonDict:
        """Ids of notable seeded records (accounts, chats, messages, attendees) by role."""
        return self.state.landmarks.to_json()
