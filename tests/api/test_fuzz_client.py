"""Property-based fuzzing of the real UnipileClient against a loopback server that answers random valid JSON with
random statuses: every outcome is a parsed result or a typed ``UnipileError`` with a sentence, never another exception.

Examples: ``UNIPILE_FUZZ_EXAMPLES`` (default 200, derandomized); a nightly-size run:
``UNIPILE_FUZZ_EXAMPLES=10000 .venv/bin/python -m pytest -q -p no:randomly tests/api/test_fuzz_client.py``.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.api.test_fuzz_models import FUZZ, FUZZ_EXAMPLES, anything, shaped_objects
from unipile_desktop.api import UnipileClient, UnipileError

pytestmark = pytest.mark.timeout(max(60, FUZZ_EXAMPLES // 10))


@dataclass
class Plan:
    """What the loopback server answers next (every request gets it, until changed)."""

    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=dict)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature of the base class
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        plan: Plan = self.server.plan  # type: ignore[attr-defined]
        self.send_response(plan.status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(plan.body)))
        self.send_header("Connection", "close")
        for name, value in plan.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(plan.body)
        self.close_connection = True

    do_GET = do_POST = do_PATCH = do_DELETE = _answer


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.plan = Plan()  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    event_loop = asyncio.new_event_loop()
    yield event_loop
    event_loop.close()


@pytest.fixture(scope="module")
def client(server: ThreadingHTTPServer, loop: asyncio.AbstractEventLoop) -> Iterator[UnipileClient]:
    unipile = UnipileClient(f"http://127.0.0.1:{server.server_address[1]}", "fuzz-key")
    yield unipile
    loop.run_until_complete(unipile.aclose())


CALLS: dict[str, Callable[[UnipileClient], Awaitable[object]]] = {
    "list_accounts_page": lambda c: c.list_accounts_page(),
    "get_account": lambda c: c.get_account("acc"),
    "get_own_profile": lambda c: c.get_own_profile("acc"),
    "get_inmail_balance": lambda c: c.get_inmail_balance("acc"),
    "list_chats": lambda c: c.list_chats(limit=40),
    "get_chat": lambda c: c.get_chat("chat"),
    "list_messages": lambda c: c.list_messages("chat"),
    "list_chat_attendees": lambda c: c.list_chat_attendees("chat"),
    "get_attachment": lambda c: c.get_attachment("msg", "att"),
    "send_message": lambda c: c.send_message("chat", text="hello"),
    "send_invitation": lambda c: c.send_invitation("acc", "ACoAA"),
}
STATUSES = st.sampled_from(
    [200, 201, 204, 301, 302, 304, 400, 401, 403, 404, 409, 415, 422, 429, 500, 502, 503, 504]
) | st.integers(min_value=200, max_value=599)
ENVELOPES = st.fixed_dictionaries(
    {},
    optional={
        "object": st.text(max_size=10),
        "items": st.lists(anything, max_size=4),
        "cursor": st.none() | st.text(max_size=10) | st.integers(),
        "type": st.sampled_from(["errors/invalid_credentials", "errors/disconnected_account", "errors/nope", ""]),
        "title": st.text(max_size=30),
        "detail": st.text(max_size=30) | st.just("A" * 600),
        "status": st.integers(),
    },
)
HEADER_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30)


@FUZZ
@given(
    call=st.sampled_from(sorted(CALLS)),
    status=STATUSES,
    payload=anything | shaped_objects | ENVELOPES,
    retry_after=st.none() | HEADER_TEXT | st.sampled_from(["0", "-5", "1e309", "nan", "Wed, 21 Oct 2015 07:28:00 GMT"]),
)
def test_every_answer_is_a_result_or_a_typed_error_with_a_sentence(
    server: ThreadingHTTPServer,
    loop: asyncio.AbstractEventLoop,
    client: UnipileClient,
    call: str,
    status: int,
    payload: object,
    retry_after: str | None,
) -> None:
    body = json.dumps(payload).encode("utf-8")  # NaN and Infinity as json.dumps writes them: json.loads reads them
    server.plan = Plan(status, body, {"Retry-After": retry_after} if retry_after is not None else {})  # type: ignore[attr-defined]
    try:
        result = loop.run_until_complete(asyncio.wait_for(CALLS[call](client), timeout=30))
    except UnipileError as error:
        sentence = error.user_message()
        assert isinstance(sentence, str) and sentence.strip(), repr(error)
    else:
        assert status < 400 and result is not None or call == "get_attachment"
