"""A scripted HTTP server on loopback for hostile-server tests: each connection gets what the test's handler writes."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

Handler = Callable[[bytes, asyncio.StreamWriter], Awaitable[None]]


@dataclass
class RawServer:
    """``handler(request_head, writer)`` answers each request; ``requests`` keeps every request head received.

    Used as ``async with RawServer(handler) as server:``; ``server.dsn`` is ``127.0.0.1:port`` (plain http).
    """

    handler: Handler
    requests: list[bytes] = field(default_factory=list)
    connections: int = 0
    _server: asyncio.Server | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    @property
    def dsn(self) -> str:
        return f"127.0.0.1:{self.port}"

    async def __aenter__(self) -> RawServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):  # a handler still writing to a client that gave up
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        with contextlib.suppress(Exception):
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            self.requests.append(head)
            length = next(
                (
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                ),
                0,
            )
            if length:
                await reader.readexactly(length)
            await self.handler(head, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.CancelledError):
            pass  # the client gave up (or the test ended while this was still writing): that is what these tests want
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


def response_head(status: int = 200, **headers: str | int) -> bytes:
    lines = [f"HTTP/1.1 {status} X", "Connection: close"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def answer(body: bytes, status: int = 200, **headers: str | int) -> Handler:
    """A handler that sends ``body`` at once with a Content-Length."""

    async def handle(head: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(response_head(status, content_type="application/json", content_length=len(body), **headers))
        writer.write(body)
        await writer.drain()

    return handle
