"""The live stream as a plain ASGI endpoint, and a router that puts it in front of an app.

The stream does not go through Django's request handling: under ASGI Django gives every
request its own thread for its synchronous middleware and signals, and keeps that thread
for as long as the response streams, so 5,000 open streams would hold 5,000 threads
(docs/decisions/0002-uvicorn-for-the-live-board.md). Here one open stream costs one
queue and two small tasks on the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

from tallybook.live.events import BadCursor, format_comment, format_retry, parse_cursor
from tallybook.live.hub import Hub

log = logging.getLogger(__name__)

Scope = dict
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]

_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache, no-transform"),
    (b"x-accel-buffering", b"no"),  # nginx and others: do not hold the stream back
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]


class StreamApp:
    """GET -> text/event-stream of published events.

    A reader that sends `Last-Event-ID` (browsers do on reconnecting) first gets every
    stored event after that id, then the live ones; `?after=ID` does the same for a
    first connection (the board page passes the newest id it rendered).

    `per_address` caps the streams open at once from one client address (0: no cap),
    so one machine cannot hold thousands of streams and starve the rest; more are
    refused with 429 and `Retry-After`. The address is the ASGI client's, which
    uvicorn takes from `X-Forwarded-For` only when the proxy is trusted.
    """

    def __init__(
        self,
        hub: Hub,
        *,
        allowed_host: Callable[[str], bool] | None = None,
        retry_ms: int = 3000,
        per_address: int = 0,
    ) -> None:
        self.hub = hub
        self.allowed_host = allowed_host
        self.retry_ms = retry_ms
        self.per_address = per_address
        self.open: dict[str, int] = {}  # client address → streams open now

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            raise RuntimeError(f"the live stream serves HTTP, not {scope['type']}")
        if scope["method"] != "GET":
            await _plain(send, 405, "the live stream answers GET only", [(b"allow", b"GET")])
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        host = headers.get(b"host", b"").decode("latin-1")
        if self.allowed_host is not None and not self.allowed_host(host):
            await _plain(send, 400, f"host {host[:100]!r} is not served here")
            return
        try:
            cursor = _cursor(headers, scope.get("query_string", b""))
        except BadCursor as exc:
            await _plain(send, 400, str(exc))
            return
        client = scope.get("client")
        address = client[0] if client else ""
        if self.per_address and self.open.get(address, 0) >= self.per_address:
            retry = str(max(1, self.retry_ms // 1000)).encode()
            await _plain(
                send,
                429,
                f"too many live streams open from this address (at most {self.per_address})",
                [(b"retry-after", retry)],
            )
            return
        self.open[address] = self.open.get(address, 0) + 1
        try:
            await self.hub.start()
            await self._stream(cursor, receive, send)
        finally:
            left = self.open[address] - 1
            if left:
                self.open[address] = left
            else:
                del self.open[address]

    async def _stream(self, cursor: int | None, receive: Receive, send: Send) -> None:
        sub = self.hub.subscribe()  # before the replay: nothing falls between the two
        watcher = asyncio.create_task(_watch_disconnect(receive, sub))
        last = cursor if cursor is not None else self.hub.last_id
        try:
            await send({"type": "http.response.start", "status": 200, "headers": _HEADERS})
            await send(_body(format_retry(self.retry_ms) + format_comment("connected")))
            if cursor is not None:
                async for batch in self.hub.replay(cursor):
                    if sub.closed:
                        return
                    await send(_body(b"".join(frame for _, frame in batch)))
                    last = batch[-1][0]
            sub.go_live(lambda data: send(_body(data)), last)
            await sub.wait_closed()
        except OSError:  # the reader went away mid-write
            return
        finally:
            self.hub.unsubscribe(sub)
            watcher.cancel()
            await sub.stop_writing()
            with contextlib.suppress(Exception):
                await send({"type": "http.response.body", "body": b"", "more_body": False})


class LiveRouter:
    """`path` goes to the stream, everything else to `app`; lifespan starts and stops the hub.

    Django's ASGI handler does not take lifespan events, so they stop here.
    """

    def __init__(self, app, *, path: str, stream: StreamApp) -> None:
        self.app, self.path, self.stream = app, path, stream

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "lifespan":
            await self._lifespan(receive, send)
        elif kind == "http" and scope["path"] in (self.path, self.path + "/"):
            await self.stream(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self.stream.hub.start()
                except Exception as exc:
                    log.exception("live board: the hub did not start")
                    await send({"type": "lifespan.startup.failed", "message": str(exc)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.stream.hub.stop()
                self.stream.hub.broker.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


def _cursor(headers: dict[bytes, bytes], query_string: bytes) -> int | None:
    header = headers.get(b"last-event-id")
    if header is not None:
        return parse_cursor(header.decode("latin-1"))
    after = parse_qs(query_string.decode("latin-1")).get("after")
    return parse_cursor(after[0], name="after") if after else None


async def _watch_disconnect(receive: Receive, sub) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            sub.close("the reader left")
            return


def _body(data: bytes) -> dict:
    return {"type": "http.response.body", "body": data, "more_body": True}


async def _plain(send: Send, status: int, text: str, extra: list | None = None) -> None:
    body = (text + "\n").encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"x-content-type-options", b"nosniff"),
                *(extra or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
