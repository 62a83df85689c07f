"""Bounds on what a server may send: body size per kind of answer, a deadline per exchange, items per page.

A misbehaving or hostile server must not be able to freeze the app or fill its memory: every answer is read as a
stream and decoded here (gzip and deflate, in slices of at most 64 KB), counting decoded bytes, and reading stops
with a sentence as soon as the answer is larger than its kind allows. The client wraps each whole exchange
(sending, waiting, reading the body) in a deadline; ``deadline_for`` says how long, and downloads earn more time
as bytes arrive (``Limits.min_download_rate``), so a slow link still finishes while a drip does not.
"""

from __future__ import annotations

import ipaddress
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Final

from ..texts import translate
from .errors import ResponseFormatError, ResponseTooLargeError

MB: Final = 1024 * 1024

# What the client asks for: only encodings it decodes itself with a bound on each slice (httpx's own decoders
# inflate a whole network chunk at once, ~66 MB for 64 KB of a gzip bomb).
ACCEPT_ENCODING: Final = "gzip, deflate"
_SLICE: Final = 64 * 1024
_MAX_ENCODINGS: Final = 1  # the client asks for one coding; layers let an outer one feed work the cap never sees


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds one client applies; tests pass small ones.

    - ``json_max_bytes``: JSON answers (pages, objects, error bodies). The largest real answer is a page of 250
      accounts or 100 messages with their attachments' metadata, well under 1 MB; 16 MB leaves room without letting
      a server fill the memory (decoded JSON takes about ten times its text).
    - ``picture_max_bytes``: avatars and group pictures (the UI scales them to 64 px).
    - ``download_max_bytes``: attachments, held in memory before they are written: 100 MB covers what the
      providers let people send (LinkedIn 20 MB, e-mail 25 MB, WhatsApp documents 100 MB).
    - ``deadline``: a whole JSON exchange, from sending to the last byte of the answer. The read timeout alone is
      per read, so a server sending one byte every 20 s kept a request open forever.
    - ``min_upload_rate``: bytes per second an upload is granted on top of ``deadline`` (15 MB at 50 KB/s, a slow
      uplink, is five more minutes); ``min_download_rate`` likewise for downloads, granted as the bytes arrive.
    - ``max_page_items``: a page asked for without a limit keeps at most this many items.
    """

    json_max_bytes: int = 16 * MB
    picture_max_bytes: int = 16 * MB
    download_max_bytes: int = 100 * MB
    deadline: float = 60.0
    min_upload_rate: float = 50_000.0
    min_download_rate: float = 20_000.0
    max_page_items: int = 1000


DEFAULT_LIMITS: Final = Limits()


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address (127.0.0.0/8, ::1): this computer, where plain http is acceptable.

    A name that merely starts with "127." (``127.0.0.1.attacker.example``) is a name like any other.
    """
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def size_text(n_bytes: int) -> str:
    """``16 MB``, ``512 KB``: a limit as a person reads it."""
    if n_bytes >= MB:
        return translate("ResponseLimits", "{size} MB").format(size=f"{round(n_bytes / MB, 1):g}")
    if n_bytes >= 1024:
        return translate("ResponseLimits", "{size} KB").format(size=f"{round(n_bytes / 1024, 1):g}")
    return translate("ResponseLimits", "{size} bytes").format(size=n_bytes)


def too_large(limit: int, label: str, *, download: bool) -> ResponseTooLargeError:
    if download:
        sentence = translate("ResponseLimits", "The file was larger than {size}; it was not read.")
    else:
        sentence = translate("ResponseLimits", "The server's answer was larger than {size}; it was not read.")
    return ResponseTooLargeError(sentence.format(size=size_text(limit)), limit=limit, request=label)


# ---------------------------------------------------------------------------------------------- decoding


class _Inflater:
    """gzip or deflate (zlib-wrapped, or raw as some servers send it), never more than ``_SLICE`` bytes at a time."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._raw_fallback = not self._gzip  # "deflate" may come without its zlib header
        self._started = False
        self._obj = zlib.decompressobj(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._obj.eof:
            self._refuse_trailing(data)
            return
        try:
            piece = self._obj.decompress(data, _SLICE)
        except zlib.error:
            if self._started or not self._raw_fallback:
                raise
            self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
            piece = self._obj.decompress(data, _SLICE)
        self._started = True
        yield piece
        while self._obj.unconsumed_tail:
            yield self._obj.decompress(self._obj.unconsumed_tail, _SLICE)
        if self._obj.eof:
            self._refuse_trailing(self._obj.unused_data)

    @staticmethod
    def _refuse_trailing(data: bytes) -> None:
        # Bytes after the end of the compressed body: zlib would keep them (copying ever more), and a second gzip
        # member would be inflated by nobody's count. Nothing honest sends them.
        if data:
            raise zlib.error("data after the end of the compressed body")

    def flush(self) -> Iterator[bytes]:
        yield self._obj.flush()


def _decoders(content_encoding: str, label: str) -> list[_Inflater]:
    """The decoders for a Content-Encoding header, in the order they apply (the last-listed coding first)."""
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if len(codings) > _MAX_ENCODINGS:
        raise ResponseFormatError(f"{label} answered with {len(codings)} layers of compression", request=label)
    for coding in codings:
        if coding not in ("gzip", "x-gzip", "deflate"):
            shown = "".join(ch for ch in coding[:20] if ch.isprintable())
            raise ResponseFormatError(f"{label} answered compressed as “{shown}”, which was not asked for")
    return [_Inflater(c) for c in reversed(codings)]


def _through(decoders: list[_Inflater], data: bytes) -> Iterator[bytes]:
    if not decoders:
        if data:
            yield data
        return
    for piece in decoders[0].feed(data):
        yield from _through(decoders[1:], piece)


def _flush(decoders: list[_Inflater]) -> Iterator[bytes]:
    for index, decoder in enumerate(decoders):
        for piece in decoder.flush():
            yield from _through(decoders[index + 1 :], piece)


async def read_body(
    raw_chunks: AsyncIterator[bytes],
    *,
    content_encoding: str,
    content_length: str | None,
    limit: int,
    label: str,
    download: bool,
    on_progress: Callable[[int], None] | None = None,
) -> bytes:
    """The decoded body of an answer, read chunk by chunk; ResponseTooLargeError past ``limit`` decoded bytes.

    ``on_progress(total_decoded)`` (a callable, when given) hears each slice, so a download's deadline can grow.
    A declared Content-Length beyond the limit (for an uncompressed answer) stops before anything is read.
    """
    decoders = _decoders(content_encoding, label)
    if not decoders and content_length and content_length.strip().isdigit() and int(content_length) > limit:
        raise too_large(limit, label, download=download)
    parts: list[bytes] = []
    total = 0

    def take(pieces: Iterator[bytes]) -> None:
        nonlocal total
        for piece in pieces:
            total += len(piece)
            if total > limit:
                raise too_large(limit, label, download=download)
            parts.append(piece)
        if on_progress is not None:
            on_progress(total)

    received = 0  # bytes off the wire, also bounded: whatever the decoders make of them
    try:
        async for chunk in raw_chunks:
            received += len(chunk)
            if received > limit:
                raise too_large(limit, label, download=download)
            take(_through(decoders, chunk))
        take(_flush(decoders))
    except zlib.error as exc:
        raise ResponseFormatError(f"{label} answered a compressed body that could not be decoded", request=label) from (
            exc
        )
    return b"".join(parts)
