"""Helpers for the Django-free live-board tests: an event table in a list, and an ASGI
client that can hold a stream open and hang up."""

from __future__ import annotations

import asyncio
import threading

import pytest

from tallybook.live import Event


def run_async(coro, timeout: float = 30):
    """asyncio.run, or in a thread of its own when this thread already runs a loop
    (Playwright's sync API leaves one running once a browser test has started)."""
    main = asyncio.wait_for(coro, timeout)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(main)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, main).result()


class ListStore:
    """The append-only event table, in memory; thread-safe like a database."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.reads = 0
        self._lock = threading.Lock()

    def add(self, kind: str = "report", **data) -> Event:
        with self._lock:
            event = Event(id=len(self.events) + 1, kind=kind, data=data)
            self.events.append(event)
            return event

    def latest_id(self) -> int:
        with self._lock:
            return len(self.events)

    def after(self, after_id: int, limit: int) -> list[Event]:
        with self._lock:
            self.reads += 1
            return [e for e in self.events if e.id > after_id][:limit]


class StreamClient:
    """One request to an ASGI app; collects what it sends until told to hang up."""

    def __init__(self, app, *, path="/live/stream", method="GET", headers=(), query=b""):
        self.scope = {
            "type": "http",
            "method": method,
            "path": path,
            "query_string": query,
            "headers": [(b"host", b"127.0.0.1:8000"), *headers],
        }
        self.app = app
        self.messages: list[dict] = []
        self._hangup = asyncio.Event()
        self._got = asyncio.Event()
        self._requested = False
        self.task: asyncio.Task | None = None

    async def _receive(self) -> dict:
        if not self._requested:
            self._requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await self._hangup.wait()
        return {"type": "http.disconnect"}

    async def _send(self, message: dict) -> None:
        self.messages.append(message)
        self._got.set()

    def start(self) -> StreamClient:
        self.task = asyncio.create_task(self.app(self.scope, self._receive, self._send))
        return self

    @property
    def status(self) -> int | None:
        for m in self.messages:
            if m["type"] == "http.response.start":
                return m["status"]
        return None

    @property
    def headers(self) -> dict[bytes, bytes]:
        for m in self.messages:
            if m["type"] == "http.response.start":
                return dict(m["headers"])
        return {}

    @property
    def body(self) -> bytes:
        return b"".join(m.get("body", b"") for m in self.messages if m["type"].endswith("body"))

    async def wait_for(self, needle: bytes, timeout: float = 5.0) -> bytes:
        async def loop():
            while needle not in self.body:
                self._got.clear()
                if self.task is not None and self.task.done():
                    raise AssertionError(f"stream ended without {needle!r}: {self.body!r}")
                await self._got.wait()

        await asyncio.wait_for(loop(), timeout)
        return self.body

    async def hang_up(self) -> None:
        self._hangup.set()
        if self.task is not None:
            await asyncio.wait_for(self.task, 5)


@pytest.fixture
def store() -> ListStore:
    return ListStore()
