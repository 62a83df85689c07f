"""Misbehaving answers of the hostile seed's chats: what a broken or malicious server sends instead of a page.

`Misbehaviour` (on `SandboxState.misbehaviour`) maps chat ids to a kind; `answer` gives the response for a request
to that chat's messages, or None to answer normally. The kinds (GET /chats/{id}/messages unless said otherwise):

- ``huge_page``: 100,000 well-formed messages in one page whatever the `limit` (and no cursor);
- ``nested_json``: a MessageList whose one message has a field nested 100,000 levels deep;
- ``slow_drip``: a small, valid MessageList written one byte every `drip_interval_s` seconds;
- ``gzip_bomb``: ``Content-Encoding: gzip``, about 1 MB on the wire that inflates to 1 GiB (a MessageList padded
  with spaces, so it is even valid JSON); built once, lazily, from one compressed block repeated: never 1 GiB in memory;
- ``long_error``: 400 `errors/invalid_parameters` whose `detail` is one unbroken 600-character token; a send there
  (POST) answers 422 `errors/invalid_message` with HTML, script and a bidi override in its `detail`.

Each answer is built without the state's lock and streamed by the connection's own thread, so a drip holds up
nobody else.
"""

from __future__ import annotations

import json
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .errors import ApiError
from .models import JsonDict
from .responses import ApiResponse, error_response

MISBEHAVIOUR_KINDS = ("huge_page", "nested_json", "slow_drip", "gzip_bomb", "long_error")
LONG_TOKEN = ("Aa0" * 200)[:600]  # 600 characters, no space, no hyphen: nothing to break a line at
HTML_ERROR_DETAIL = '<img src=x onerror=alert(1)><b>refused</b> <a href="javascript:alert(1)">why</a> \u202efdp.exe'
_BOMB_CHUNK = 1 << 20


@dataclass
class Misbehaviour:
    """Which chats misbehave and how much; the defaults are the hostile seed's (tests may shrink them)."""

    chats: dict[str, str] = field(default_factory=dict)  # chat id -> kind
    templates: dict[str, JsonDict] = field(default_factory=dict)  # chat id -> one of its ordinary messages
    drip_interval_s: float = 5.0
    huge_page_items: int = 100_000
    nesting_depth: int = 100_000
    bomb_inflated_bytes: int = 1 << 30
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _cache: dict[tuple[str, str], bytes] = field(default_factory=dict, repr=False)
    _bomb: tuple[bytes, bytes, int, bytes] | None = field(default=None, repr=False)

    def answer(self, method: str, chat_id: str) -> ApiResponse | None:
        """The misbehaving answer to `method` /chats/{chat_id}/messages, or None to answer normally."""
        kind = self.chats.get(chat_id)
        if kind is None:
            return None
        if method == "POST":
            if kind == "long_error":
                return error_response(ApiError(422, "errors/invalid_message", HTML_ERROR_DETAIL))
            return None
        if kind == "long_error":
            return error_response(ApiError(400, "errors/invalid_parameters", LONG_TOKEN))
        if kind == "huge_page":
            return ApiResponse(200, self._cached(chat_id, kind, self._huge_page))
        if kind == "nested_json":
            return ApiResponse(200, self._cached(chat_id, kind, self._nested))
        if kind == "slow_drip":
            body = json.dumps(self._page([self.templates[chat_id]]), separators=(",", ":")).encode("utf-8")
            return ApiResponse(200, b"", stream=self._drip(body), stream_length=len(body))
        if kind == "gzip_bomb":
            head, block, count, tail = self._gzip_bomb()
            response = ApiResponse(200, b"", stream=_bomb_stream(head, block, count, tail))
            response.stream_length = len(head) + len(block) * count + len(tail)
            response.headers["Content-Encoding"] = "gzip"
            return response
        return None

    # ------------------------------------------------------------------ bodies

    @staticmethod
    def _page(items: list[JsonDict]) -> JsonDict:
        return {"object": "MessageList", "items": items, "cursor": None}

    def _cached(self, chat_id: str, kind: str, build: Callable[[str], bytes]) -> bytes:
        with self._lock:
            found = self._cache.get((chat_id, kind))
            if found is None:
                found = build(chat_id)
                self._cache[(chat_id, kind)] = found
            return found

    def _huge_page(self, chat_id: str) -> bytes:
        # One serialised template with markers, filled per item: a few tenths of a second for 100,000 items.
        template = dict(self.templates[chat_id])
        for key in ("id", "provider_id", "text", "timestamp"):
            template[key] = f"@@{key}@@"
        pattern = json.dumps(template, ensure_ascii=False, separators=(",", ":"))
        for key in ("id", "provider_id", "text", "timestamp"):
            pattern = pattern.replace(f'"@@{key}@@"', "{" + key + "}")
        pattern = pattern.replace("{", "{{").replace("}", "}}")
        for key in ("id", "provider_id", "text", "timestamp"):
            pattern = pattern.replace("{{" + key + "}}", "{" + key + "}")
        items = ",".join(
            pattern.format(
                id=f'"huge{index:08d}"',
                provider_id=f'"huge-provider-{index}"',
                text=f'"Message {index + 1} of a page that ignores its limit"',
                timestamp=f'"2023-11-14T22:{index // 60_000:02d}:{index // 1000 % 60:02d}.{index % 1000:03d}Z"',
            )
            for index in range(self.huge_page_items)
        )
        return ('{"object":"MessageList","items":[' + items + '],"cursor":null}').encode("utf-8")

    def _nested(self, chat_id: str) -> bytes:
        prefix = json.dumps(self._page([self.templates[chat_id]]), separators=(",", ":"))
        # The one message gains a field nested `nesting_depth` levels deep: ..."nested":[[[…]]]}],"cursor":null}
        cut = prefix.rindex("}]")
        depth = self.nesting_depth
        return (prefix[:cut] + ',"nested":' + "[" * depth + "]" * depth + prefix[cut:]).encode("utf-8")

    def _drip(self, body: bytes) -> Iterator[bytes | float]:
        for index in range(len(body)):
            if index:
                yield self.drip_interval_s
            yield body[index : index + 1]

    def _gzip_bomb(self) -> tuple[bytes, bytes, int, bytes]:
        """(gzip header + first block, the block repeated `count` times, count, last block + trailer), built once."""
        with self._lock:
            if self._bomb is None:
                prefix = b'{"object":"MessageList","items":['
                suffix = b'],"cursor":null}'
                chunk = b" " * _BOMB_CHUNK
                count = max(1, self.bomb_inflated_bytes // _BOMB_CHUNK)
                # After a full flush deflate starts afresh on a byte boundary, so one chunk's blocks can be repeated.
                head = _raw_deflate(prefix, zlib.Z_FULL_FLUSH)
                block = _raw_deflate(chunk, zlib.Z_FULL_FLUSH)
                tail = _raw_deflate(suffix, zlib.Z_FINISH)
                crc = zlib.crc32(prefix)
                for _ in range(count):
                    crc = zlib.crc32(chunk, crc)
                crc = zlib.crc32(suffix, crc)
                size = len(prefix) + count * len(chunk) + len(suffix)
                gzip_header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
                trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
                self._bomb = (gzip_header + head, block, count, tail + trailer)
            return self._bomb


def _raw_deflate(data: bytes, mode: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(mode)


def _bomb_stream(head: bytes, block: bytes, count: int, tail: bytes) -> Iterator[bytes | float]:
    yield head
    per_write = 64
    for start in range(0, count, per_write):
        yield block * min(per_write, count - start)
    yield tail
