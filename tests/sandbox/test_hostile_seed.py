"""The hostile seed over real HTTP: every hostile case is present and served as the docs of seed/hostile.py say."""

from __future__ import annotations

import json
import re
import threading
import time
import zlib
from collections.abc import Iterator

import httpx
import pytest

from tests.helpers.polling import wait_for_condition
from tests.sandbox.sandbox_forms import SHARED_SSL_CONTEXT, send
from unipile_desktop.sandbox import SandboxServer
from unipile_desktop.sandbox.__main__ import parse_args, world_and_seed
from unipile_desktop.sandbox.hostile import HTML_ERROR_DETAIL, LONG_TOKEN
from unipile_desktop.sandbox.seed import hostile as hostile_seed
from unipile_desktop.sandbox.seed import seeded_state

KEY = "hostile-key"
DRIP_S = 0.25
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    """One hostile sandbox for the module (the tests only read), dripping a byte every DRIP_S seconds."""
    with SandboxServer(api_key=KEY, world="hostile") as sandbox:
        sandbox.state.misbehaviour.drip_interval_s = DRIP_S
        yield sandbox


@pytest.fixture
def api(server: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=server.api_url, headers={"X-API-KEY": KEY}, timeout=60, verify=SHARED_SSL_CONTEXT
    ) as client:
        yield client


def chat_id(server: SandboxServer, name: str) -> str:
    value = server.landmarks["chats"][name]
    assert isinstance(value, str)
    return value


def messages(api: httpx.Client, server: SandboxServer, name: str) -> list[dict[str, object]]:
    response = api.get(f"/chats/{chat_id(server, name)}/messages", params={"limit": 100})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert isinstance(items, list)
    return items


def test_every_hostile_chat_is_listed_and_named_in_the_seed_docs(api: httpx.Client, server: SandboxServer) -> None:
    chats = server.landmarks["chats"]
    assert set(chats) == {
        "html",
        "bidi",
        "zero_width",
        "file_names",
        "huge_message",
        "long_word",
        "urls",
        "huge_page",
        "nested_json",
        "slow_drip",
        "gzip_bomb",
        "long_error",
        "linkedin_html",
    }
    listed = {item["id"] for item in api.get("/chats", params={"limit": 100}).json()["items"]}
    assert set(chats.values()) <= listed
    docs = hostile_seed.__doc__ or ""
    for name, identifier in chats.items():  # the lead's UI test opens them by these ids
        assert f"``{name}`` ({identifier})" in docs
    for name in chats:  # every chat opens at the chat level (GET /chats/{id}) whatever its messages route does
        assert api.get(f"/chats/{chats[name]}").status_code == 200


def test_normal_seeds_keep_their_world() -> None:
    demo = seeded_state(1, now=1_700_000_000_000)
    assert "html" not in demo.landmarks.chats and not demo.misbehaviour.chats
    assert demo.landmarks.to_json() == seeded_state(1, now=1_700_000_000_000, world="demo").landmarks.to_json()
    with pytest.raises(ValueError, match="world"):
        seeded_state(1, world="nope")


def test_html_and_script_in_names_texts_file_names_and_urls(api: httpx.Client, server: SandboxServer) -> None:
    chat = api.get(f"/chats/{chat_id(server, 'html')}").json()
    assert "<script>alert(1)</script>" in chat["name"]
    texts = [item["text"] for item in messages(api, server, "html")]
    assert f"{IMG}<b>hi</b>" in texts
    assert any("javascript:alert(1)" in str(text) for text in texts)
    people = api.get(f"/chats/{chat_id(server, 'html')}/attendees").json()["items"]
    assert any(IMG in person["name"] for person in people)
    assert any('href="javascript:' in person["name"] for person in people)
    holder = api.get(f"/messages/{server.landmarks['messages']['html_attachment']}").json()
    attachment = holder["attachments"][0]
    assert attachment["file_name"] == f"{IMG}.pdf" and attachment["url"].startswith("javascript:")
    accounts = api.get("/accounts").json()["items"]
    assert any("<script>" in account["name"] for account in accounts)


def test_bidi_controls_and_zero_width_characters(api: httpx.Client, server: SandboxServer) -> None:
    bidi = messages(api, server, "bidi")
    assert "Your invoice: https://evil.example/\u202efdp.exe" in [item["text"] for item in bidi]
    assert any(attachment["file_name"] == "invoice\u202egnp.exe" for item in bidi for attachment in item["attachments"])
    people = api.get(f"/chats/{chat_id(server, 'bidi')}/attendees").json()["items"]
    assert any("\u202e" in person["name"] for person in people)
    zero = [item["text"] for item in messages(api, server, "zero_width")]
    assert "Log in at https://pay\u200bpal.example/login to confirm" in zero
    assert any(text and not text.strip("\u200b\u200c\u200d\u2060\ufeff") for text in zero)  # only invisible


def test_hostile_file_names_are_served_and_downloadable(api: httpx.Client, server: SandboxServer) -> None:
    holder = api.get(f"/messages/{server.landmarks['messages']['file_names']}").json()
    names = [attachment["file_name"] for attachment in holder["attachments"]]
    expected = [name or "file" for name in hostile_seed.HOSTILE_FILE_NAMES]
    assert names == expected
    chinese = hostile_seed.CHINESE_NAME
    assert len(chinese) == 200 and len(chinese.encode("utf-8")) > 255 and chinese in names
    assert {"CON", "CONIN$", "CONOUT$", "../../etc/passwd", "launcher.desktop", "budget.docm"} <= set(names)
    first = holder["attachments"][0]
    download = api.get(f"/messages/{holder['id']}/attachments/{first['id']}")
    assert download.status_code == 200 and download.content == b"hostile file\n"


def test_file_and_javascript_urls_in_every_url_field(api: httpx.Client, server: SandboxServer) -> None:
    hostile = ("javascript:", "file:", "data:", "vbscript:", " javascript:")
    people = api.get(f"/chats/{chat_id(server, 'urls')}/attendees").json()["items"]
    sender = next(person for person in people if not person["is_self"])
    assert sender["picture_url"] == "file:///etc/passwd"
    assert sender["profile_url"].startswith("javascript:")
    items = messages(api, server, "urls")
    urls = [attachment["url"] for item in items for attachment in item["attachments"]]
    assert urls and all(url.lower().startswith(hostile) for url in urls)
    assert any("file:///etc/passwd" in str(item["text"]) for item in items)
    for account in ("linkedin", "telegram"):
        me = api.get("/users/me", params={"account_id": server.landmarks["accounts"][account]}).json()
        assert me["profile_picture_url"].startswith(("javascript:", "file:"))
    linkedin = api.get(f"/chats/{chat_id(server, 'huge_page')}/attendees").json()["items"]
    assert any(str(person.get("profile_url", "")).startswith("javascript:") for person in linkedin)


def test_ten_megabyte_message_and_hundred_thousand_character_word(api: httpx.Client, server: SandboxServer) -> None:
    huge = api.get(f"/messages/{server.landmarks['messages']['ten_mb']}").json()
    assert len(huge["text"]) == hostile_seed.TEN_MB and huge["text"].count(" ") > 1_000_000
    last = api.get(f"/chats/{chat_id(server, 'huge_message')}").json()["lastMessage"]
    assert last["id"] == huge["id"]  # it is the chat's last message: the chat list preview meets it too
    word = messages(api, server, "long_word")[0]["text"]  # newest first
    assert isinstance(word, str) and len(word) == hostile_seed.LONG_WORD_CHARS and not re.search(r"\s", word)


def test_huge_page_ignores_the_limit(api: httpx.Client, server: SandboxServer) -> None:
    response = api.get(f"/chats/{chat_id(server, 'huge_page')}/messages", params={"limit": 5})
    page = response.json()
    assert response.status_code == 200 and len(page["items"]) == 100_000 and page["cursor"] is None
    assert page["object"] == "MessageList" and page["items"][-1]["chat_id"] == chat_id(server, "huge_page")


def test_nested_json_is_deep(api: httpx.Client, server: SandboxServer) -> None:
    body = api.get(f"/chats/{chat_id(server, 'nested_json')}/messages").text
    assert body.startswith('{"object":"MessageList","items":[{') and body.endswith('}],"cursor":null}')
    assert "[" * 100_000 in body and "]" * 100_000 in body
    with pytest.raises(RecursionError):
        json.loads(body)


def test_slow_drip_drips_while_other_requests_are_answered(api: httpx.Client, server: SandboxServer) -> None:
    with api.stream("GET", f"/chats/{chat_id(server, 'slow_drip')}/messages") as response:
        assert response.status_code == 200
        length = int(response.headers["content-length"])
        chunks = response.iter_raw(1)
        first = next(chunks)
        started = time.monotonic()
        second = next(chunks)
        gap = time.monotonic() - started
        other = httpx.get(server.api_url + "/accounts", headers={"X-API-KEY": KEY}, timeout=10)
        assert other.status_code == 200  # the drip holds its own connection's thread only
    assert first + second == b'{"' and gap >= DRIP_S * 0.8
    assert length > 200  # at DRIP_S a byte, the whole answer would take a minute


def test_stopping_the_server_cuts_a_drip_short() -> None:
    sandbox = SandboxServer(api_key=KEY, world="hostile").start()
    reached: list[bytes] = []

    def read() -> None:
        url = f"{sandbox.api_url}/chats/{sandbox.landmarks['chats']['slow_drip']}/messages"
        try:
            with httpx.stream("GET", url, headers={"X-API-KEY": KEY}, timeout=30) as response:
                for chunk in response.iter_raw(1):
                    reached.append(chunk)
        except httpx.HTTPError:
            reached.append(b"closed")

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    wait_for_condition(lambda: reached, "the drip's first byte")
    started = time.monotonic()
    sandbox.stop()
    reader.join(timeout=10)
    assert time.monotonic() - started < 4  # at one byte every 5 s the answer would take 20 minutes
    assert not reader.is_alive() and reached[0] == b"{"


def test_gzip_bomb_is_small_on_the_wire_and_inflates_to_a_gibibyte(server: SandboxServer) -> None:
    url = f"{server.api_url}/chats/{chat_id(server, 'gzip_bomb')}/messages"
    with httpx.stream("GET", url, headers={"X-API-KEY": KEY}, timeout=60) as response:
        assert response.headers["content-encoding"] == "gzip"
        raw = b"".join(response.iter_raw())
    assert len(raw) < 2 * 1024 * 1024 and int(response.headers["content-length"]) == len(raw)
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    total, head, pending = 0, b"", raw
    while pending and not inflater.eof:  # bounded output per step: never the whole GiB in memory
        out = inflater.decompress(pending, 1 << 24)
        head = head or out[:40]
        total += len(out)
        pending = inflater.unconsumed_tail
    assert inflater.eof and total >= 1 << 30
    assert head.startswith(b'{"object":"MessageList","items":[')


def test_long_error_detail_and_html_error_on_send(api: httpx.Client, server: SandboxServer) -> None:
    response = api.get(f"/chats/{chat_id(server, 'long_error')}/messages")
    body = response.json()
    assert response.status_code == 400 and body["type"] == "errors/invalid_parameters"
    assert body["detail"] == LONG_TOKEN and len(LONG_TOKEN) == 600 and not re.search(r"[\s\-]", LONG_TOKEN)
    sent = send(api, chat_id(server, "long_error"), "hello")
    assert sent.status_code == 422 and sent.json()["detail"] == HTML_ERROR_DETAIL
    assert "<img" in HTML_ERROR_DETAIL and "\u202e" in HTML_ERROR_DETAIL
    assert send(api, chat_id(server, "html"), "a normal send still works").status_code == 201


def test_command_line_and_demo_environment_name_the_hostile_world(monkeypatch: pytest.MonkeyPatch) -> None:
    assert world_and_seed(parse_args(["--seed", "hostile"]).seed) == ("hostile", 1)
    assert world_and_seed(parse_args(["--seed", "7"]).seed) == ("demo", 7)
    with pytest.raises(SystemExit):
        parse_args(["--seed", "evil"])
    from unipile_desktop.app import session
    from unipile_desktop.app.connection import MissingConnectionError

    monkeypatch.setenv("UNIPILE_DEMO_SEED", "hostile")
    assert session._demo_world() == ("hostile", 1)
    monkeypatch.setenv("UNIPILE_DEMO_SEED", "3")
    assert session._demo_world() == ("demo", 3)
    monkeypatch.delenv("UNIPILE_DEMO_SEED")
    assert session._demo_world() == ("demo", 1)
    monkeypatch.setenv("UNIPILE_DEMO_SEED", "evil")
    with pytest.raises(MissingConnectionError, match="UNIPILE_DEMO_SEED"):
        session._demo_world()
