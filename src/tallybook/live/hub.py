"""One process's fan-out: hears the broker, keeps the event order, feeds every open stream.

Everything here runs on the server's event loop, except `notify_threadsafe`, which a
writer in another thread calls. Reads of the event table (`EventStore`, synchronous,
usually the Django ORM) run in worker threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol

from tallybook.live.events import Event, format_comment, format_sse

if TYPE_CHECKING:
    from tallybook.live.brokers import Broker

log = logging.getLogger(__name__)


class EventStore(Protocol):
    """The append-only table of published events, read in id order."""

    def latest_id(self) -> int: ...

    def after(self, after_id: int, limit: int) -> list[Event]: ...

    # Optional: `close()`, run on the reading thread when the hub stops.


class Subscription:
    """One reader's queue of SSE frames. Closed when the reader leaves, falls too far
    behind (it then reconnects and replays from its Last-Event-ID) or the hub stops.

    Frames queue until `go_live` hands it the stream's writer; from then on a frame is
    written as soon as it is pushed, in the pusher's own turn of the event loop, without
    waking one task per reader: with thousands of readers, that wake-up cost as much
    as the write. Only a reader whose connection is full (flow control) gets a task,
    which finishes that write while later frames queue behind it.
    """

    __slots__ = ("_items", "_limit", "_waiter", "_writer", "_inflight", "last", "closed", "reason")

    def __init__(self, limit: int) -> None:
        self._items: deque[tuple[int, bytes]] = deque()
        self._limit = limit
        self._waiter: asyncio.Future[None] | None = None
        self._writer: Callable[[bytes], Coroutine[Any, Any, None]] | None = None
        self._inflight: asyncio.Task | None = None
        self.last = 0  # the newest event id written (live mode)
        self.closed = False
        self.reason = ""

    def push(self, event_id: int, frame: bytes) -> None:
        if self.closed:
            return
        if self._writer is not None and self._inflight is None:
            if event_id == 0 or event_id > self.last:  # 0: a keep-alive comment
                self.last = max(self.last, event_id)
                self._write(frame)
            return
        if len(self._items) >= self._limit:
            self.close("too far behind")
            return
        self._items.append((event_id, frame))
        self._wake()

    def go_live(self, writer: Callable[[bytes], Coroutine[Any, Any, None]], last: int) -> None:
        """Write what queued since subscribing (newer than `last`), then each push at once."""
        self._writer, self.last = writer, last
        self._flush()

    def _flush(self) -> None:
        frames = []
        for event_id, frame in self._items:
            if event_id == 0 or event_id > self.last:
                frames.append(frame)
                self.last = max(self.last, event_id)
        self._items.clear()
        if frames and not self.closed:
            self._write(b"".join(frames))

    def _write(self, data: bytes) -> None:
        coro = self._writer(data)
        try:
            waiting = coro.send(None)  # runs the write up to its first real wait
        except StopIteration:
            return  # written: the usual case
        except Exception as exc:
            self.close(f"the write failed: {exc}")
            return
        self._inflight = asyncio.get_running_loop().create_task(self._finish(coro, waiting))

    async def _finish(self, coro, waiting) -> None:
        """Drive a write that had to wait (the reader's connection was full) to its end."""
        try:
            while True:
                if waiting is None:
                    await asyncio.sleep(0)
                else:  # a future: its outcome goes back into the write, not raised here
                    await asyncio.wait([waiting])
                try:
                    waiting = coro.send(None)
                except StopIteration:
                    break
        except asyncio.CancelledError:
            coro.close()
            raise
        except Exception as exc:
            coro.close()
            self.close(f"the write failed: {exc}")
            return
        finally:
            self._inflight = None
        if not self.closed:
            self._flush()

    async def wait_closed(self) -> None:
        while not self.closed:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None

    async def stop_writing(self) -> None:
        """Let a write in progress end (or cancel it) before the stream closes."""
        task = self._inflight
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    def close(self, reason: str) -> None:
        if not self.closed:
            self.closed, self.reason = True, reason
            self._items.clear()
            self._wake()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def get(self) -> list[tuple[int, bytes]] | None:
        """Everything queued since the last call (at least one item); None once closed.
        (Before `go_live` only.)"""
        while not self._items:
            if self.closed:
                return None
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        if self.closed:
            return None
        items = list(self._items)
        self._items.clear()
        return items


class Hub:
    def __init__(
        self,
        store: EventStore,
        broker: Broker,
        *,
        poll_seconds: float = 5.0,
        heartbeat_seconds: float = 15.0,
        queue_limit: int = 1000,
        page: int = 500,
        recent: int = 2000,
    ) -> None:
        self.store = store
        self.broker = broker
        self.poll_seconds = poll_seconds
        self.heartbeat_seconds = heartbeat_seconds
        self.queue_limit = queue_limit
        self.page = page
        self.last_id = 0
        self._subs: set[Subscription] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: list[asyncio.Task] = []
        self._catching_up: asyncio.Task | None = None
        self._again = False
        self._start_lock: asyncio.Lock | None = None
        self.delivered = 0
        self.connected = asyncio.Event()  # set while the broker listens
        # One thread reads the table: one database connection per server process, and
        # replays are short index scans, so they queue rather than crowd the database.
        self._executor: ThreadPoolExecutor | None = None
        # The newest events as frames: a reader that reconnects after a short cut (the
        # usual case) replays from memory, and a thousand reconnecting at once do not
        # queue a thousand reads of the table.
        self._recent: deque[tuple[int, bytes]] = deque(maxlen=recent)

    # --- life ---------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._loop is not None

    async def start(self) -> None:
        """Start once; later calls return at once. Safe to call from every new stream."""
        if self._loop is not None:
            return
        if self._start_lock is None:
            self._start_lock = asyncio.Lock()
        async with self._start_lock:
            if self._loop is not None:
                return
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="live-store")
            self._loop = asyncio.get_running_loop()
            try:
                self.last_id = await self._read(self.store.latest_id)
                newest = await self._read(
                    self.store.after, max(0, self.last_id - self.page), self.page
                )
                self._recent.clear()
                self._recent.extend((e.id, format_sse(e)) for e in newest)
            except BaseException:
                self._loop = None
                raise
            self._tasks = [
                asyncio.create_task(self.broker.listen(self), name="live-broker"),
                asyncio.create_task(
                    self._every(self.poll_seconds, self.catch_up), name="live-poll"
                ),
                asyncio.create_task(
                    self._every(self.heartbeat_seconds, self._heartbeat), name="live-heartbeat"
                ),
            ]
            await asyncio.sleep(0)  # let the broker register before anyone publishes

    async def stop(self) -> None:
        for sub in list(self._subs):
            sub.close("the server is stopping")
        tasks = [*self._tasks, *([self._catching_up] if self._catching_up else [])]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        close = getattr(self.store, "close", None)
        if self._executor is not None:
            if close is not None:
                with contextlib.suppress(Exception):
                    await self._read(close)
            self._executor.shutdown(wait=False)
        self._tasks, self._catching_up, self._loop, self._executor = [], None, None, None

    async def _read(self, fn, *args):
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    async def _every(self, seconds: float, action) -> None:
        while True:
            await asyncio.sleep(seconds)
            action()

    # --- readers ------------------------------------------------------------------------

    def subscribe(self) -> Subscription:
        sub = Subscription(self.queue_limit)
        self._subs.add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        self._subs.discard(sub)

    @property
    def readers(self) -> int:
        return len(self._subs)

    async def replay(self, after_id: int) -> AsyncIterator[list[tuple[int, bytes]]]:
        """(id, frame) of every event after `after_id`, in pages, up to the newest delivered.

        From memory when the recent events reach back to `after_id`, else from the table.
        """
        recent = self._recent
        if recent and after_id >= recent[0][0] - 1:
            batch = []
            for item in reversed(recent):  # a short scan: readers miss the newest events
                if item[0] <= after_id:
                    break
                batch.append(item)
            if batch:
                batch.reverse()
                yield batch
            return
        async for events in self._stored(after_id):
            yield [(e.id, format_sse(e)) for e in events]

    async def _stored(self, after_id: int) -> AsyncIterator[list[Event]]:
        """The stored events after `after_id`, a page at a time, up to the newest."""
        while True:
            events = await self._read(self.store.after, after_id, self.page)
            if events:
                yield events
                after_id = events[-1].id
            if len(events) < self.page:
                return

    # --- events -------------------------------------------------------------------------

    def notify(self, event: Event | None) -> None:
        """The broker heard of an event (None: "something may have changed, look").

        The next id in line goes out at once; an older one is a duplicate; a gap means an
        event was missed or is still on its way, and the table is read to fill it.
        """
        if event is not None:
            if event.id <= self.last_id:
                return
            if event.id == self.last_id + 1:
                self._deliver(event)
                return
        self.catch_up()

    def broker_connected(self) -> None:
        """The broker listens (again): read anything published while it did not."""
        self.connected.set()
        self.catch_up()

    def broker_disconnected(self) -> None:
        self.connected.clear()

    def notify_threadsafe(self, event: Event | None) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.notify, event)

    def catch_up(self) -> None:
        if self._catching_up is not None and not self._catching_up.done():
            self._again = True  # one more pass once this one ends
            return
        self._catching_up = asyncio.get_running_loop().create_task(self._catch_up())

    async def _catch_up(self) -> None:
        while True:
            self._again = False
            try:
                async for events in self._stored(self.last_id):
                    for event in events:
                        if event.id > self.last_id:  # the broker may have delivered it meanwhile
                            self._deliver(event)
            except Exception:  # the database is away: the next poll tries again
                log.warning("live board: could not read new events", exc_info=True)
                return
            if not self._again:
                return

    def _deliver(self, event: Event) -> None:
        self.last_id = event.id
        frame = format_sse(event)  # once per event, not once per reader
        withdrawn = event.withdraws
        if withdrawn is not None:
            # a reader replaying from memory must not get the withdrawn words again
            kept = [item for item in self._recent if item[0] != withdrawn]
            self._recent.clear()
            self._recent.extend(kept)
        self._recent.append((event.id, frame))
        for sub in self._subs:
            sub.push(event.id, frame)
        self.delivered += 1

    def _heartbeat(self) -> None:
        frame = format_comment("keep-alive")
        for sub in self._subs:
            sub.push(0, frame)
