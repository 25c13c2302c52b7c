"""Brokers carry "an event was published" from the process that wrote it to every server
process. They are only a fast path: the event is already committed to the table, and a
hub that misses a message finds the event on its next read of the table.

- memory: one process; the writer's thread hands the event to the hub's loop.
- redis://...: Redis pub/sub on one channel.
- postgres / postgresql://...: PostgreSQL LISTEN/NOTIFY.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

from tallybook.live.events import Event

if TYPE_CHECKING:
    from tallybook.live.hub import Hub

log = logging.getLogger(__name__)

CHANNEL = "tallybook_live"
# NOTIFY payloads must stay under 8000 bytes: bigger events travel as their id alone.
_PG_PAYLOAD_LIMIT = 7000
_BACKOFF = (0.5, 1, 2, 5)


class Broker(ABC):
    name = ""

    @abstractmethod
    def publish(self, event: Event) -> None:
        """Tell every listening process (call after the event's row is committed)."""

    @abstractmethod
    async def listen(self, hub: Hub) -> None:
        """Hand what is heard to `hub.notify` until cancelled; reconnect when cut off."""

    def close(self) -> None:  # noqa: B027 (most brokers hold nothing)
        pass

    def describe(self) -> str:
        return self.name


class MemoryBroker(Broker):
    """Within one process: every hub of this process hears every publish."""

    name = "memory"

    def __init__(self) -> None:
        self._hubs: list[Hub] = []
        self._lock = threading.Lock()

    def publish(self, event: Event) -> None:
        with self._lock:
            hubs = list(self._hubs)
        for hub in hubs:
            hub.notify_threadsafe(event)

    async def listen(self, hub: Hub) -> None:
        with self._lock:
            self._hubs.append(hub)
        hub.connected.set()
        try:
            await asyncio.Event().wait()  # until cancelled
        finally:
            with self._lock:
                self._hubs.remove(hub)


class _Reconnecting(Broker):
    """Shared loop of the network brokers: listen, and after a failure wait and listen again."""

    async def listen(self, hub: Hub) -> None:
        failures = 0
        while True:
            try:
                await self._listen_once(hub, on_ready=hub.broker_connected)
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                hub.broker_disconnected()
                delay = _BACKOFF[min(failures, len(_BACKOFF) - 1)]
                failures += 1
                log.warning(
                    "live board: %s broker cut off (%s); listening again in %s s",
                    self.name,
                    exc,
                    delay,
                )
                await asyncio.sleep(delay)

    @abstractmethod
    async def _listen_once(self, hub: Hub, on_ready) -> None: ...


class RedisBroker(_Reconnecting):
    name = "redis"

    def __init__(self, url: str, channel: str = CHANNEL) -> None:
        self.url, self.channel = url, channel
        self._client = None
        self._lock = threading.Lock()

    def describe(self) -> str:
        return f"redis ({_without_password(self.url)}, channel {self.channel})"

    def publish(self, event: Event) -> None:
        import redis

        with self._lock:
            if self._client is None:
                self._client = redis.Redis.from_url(
                    self.url, socket_timeout=2, socket_connect_timeout=2
                )
            client = self._client
        try:
            client.publish(self.channel, event.to_json())
        except redis.RedisError as exc:  # committed already: hubs find it on their next read
            log.warning("live board: could not publish event %s to redis: %s", event.id, exc)

    async def _listen_once(self, hub: Hub, on_ready) -> None:
        import redis.asyncio as aioredis

        client = aioredis.Redis.from_url(self.url, socket_connect_timeout=3)
        pubsub = client.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(self.channel)
            on_ready()  # anything published while we were away is in the table
            async for message in pubsub.listen():
                if message.get("type") == "message":
                    hub.notify(_decode(message["data"]))
        finally:
            await pubsub.aclose()
            await client.aclose()

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None


class PostgresBroker(_Reconnecting):
    name = "postgres"

    def __init__(self, url: str, channel: str = CHANNEL) -> None:
        self.url, self.channel = url, channel
        self._conn = None
        self._lock = threading.Lock()

    def describe(self) -> str:
        return f"postgres LISTEN/NOTIFY ({_without_password(self.url)}, channel {self.channel})"

    def publish(self, event: Event) -> None:
        import psycopg

        payload = event.to_json()
        if len(payload.encode()) > _PG_PAYLOAD_LIMIT:
            payload = json.dumps({"id": event.id})
        with self._lock:
            for attempt in (1, 2):  # a connection left broken by a restart gets one retry
                try:
                    if self._conn is None or self._conn.closed:
                        self._conn = psycopg.connect(self.url, autocommit=True, connect_timeout=3)
                    self._conn.execute("SELECT pg_notify(%s, %s)", (self.channel, payload))
                    return
                except psycopg.Error as exc:
                    self._conn = None
                    if attempt == 2:
                        log.warning(
                            "live board: could not notify event %s on postgres: %s", event.id, exc
                        )

    async def _listen_once(self, hub: Hub, on_ready) -> None:
        import psycopg
        from psycopg import sql

        async with await psycopg.AsyncConnection.connect(
            self.url, autocommit=True, connect_timeout=3
        ) as conn:
            await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
            on_ready()
            async for notice in conn.notifies():
                hub.notify(_decode(notice.payload))

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def _decode(data: str | bytes) -> Event | None:
    """The event in a message; None (meaning "read the table") for an id-only or odd one."""
    try:
        d = json.loads(data)
        if "kind" not in d:
            return None
        return Event(id=int(d["id"]), kind=str(d["kind"]), data=dict(d.get("data") or {}))
    except (ValueError, TypeError, KeyError):
        log.warning("live board: ignored a broker message that is not an event")
        return None


def _without_password(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        parts = parts._replace(netloc=f"{parts.username}:***@{host}")
    return urlunsplit(parts)


def open_broker(setting: str, *, database_url: str = "") -> Broker:
    """The broker a TALLYBOOK_LIVE_BROKER value names; ValueError saying why if none."""
    value = (setting or "memory").strip()
    if value == "memory":
        return MemoryBroker()
    if value.startswith(("redis://", "rediss://", "unix://")):
        return RedisBroker(value)
    if value.startswith(("postgresql://", "postgres://")):
        return PostgresBroker(value)
    if value == "postgres":
        if not database_url.startswith(("postgresql://", "postgres://")):
            raise ValueError(
                "TALLYBOOK_LIVE_BROKER=postgres uses the PostgreSQL database of DATABASE_URL, "
                "but DATABASE_URL is not a postgresql:// address; set one, or give the broker "
                "its own postgresql://... address"
            )
        return PostgresBroker(database_url)
    raise ValueError(
        f"TALLYBOOK_LIVE_BROKER must be memory, redis://host:6379/0, postgres or "
        f"postgresql://..., not {value!r}"
    )
