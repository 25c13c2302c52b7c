"""Fan-out across server processes: two brokers (as two processes would hold) on one
Redis or PostgreSQL server, each feeding its own hub.

Without a server these tests skip, except under CI=true, where they fail (as the
PostgreSQL engine tests do).
"""

from __future__ import annotations

import asyncio
import os
import uuid

import pytest

from tallybook.live import Hub, MemoryBroker, PostgresBroker, RedisBroker, open_broker

from .conftest import run_async

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PG_URL = os.environ.get(
    "TEST_LIVE_PG_URL", "postgresql://postgres:postgres@127.0.0.1:5432/postgres"
)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def redis_url() -> str:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        _unavailable(f"Redis does not answer at {REDIS_URL}: {exc}")
    return REDIS_URL


@pytest.fixture(scope="module")
def pg_url() -> str:
    import psycopg

    try:
        psycopg.connect(PG_URL, connect_timeout=3).close()
    except psycopg.Error as exc:
        _unavailable(f"PostgreSQL does not answer at {PG_URL}: {str(exc).strip()[:200]}")
    return PG_URL


def _pair(kind: str, url: str):
    channel = f"tb_live_test_{uuid.uuid4().hex[:12]}"  # parallel runs do not hear each other
    cls = RedisBroker if kind == "redis" else PostgresBroker
    return cls(url, channel=channel), cls(url, channel=channel)


async def _drain(sub, n, timeout=10.0):
    got = []
    while len(got) < n:
        items = await asyncio.wait_for(sub.get(), timeout)
        assert items is not None
        got += [i for i, _ in items if i]
    return got


async def _ready(*hubs) -> None:
    for hub in hubs:
        await asyncio.wait_for(hub.connected.wait(), 10)


async def _fan_out(kind: str, url: str, store) -> None:
    a, b = _pair(kind, url)
    # A huge poll interval: only the broker can deliver within the test.
    hub_a = Hub(store, a, poll_seconds=3600)
    hub_b = Hub(store, b, poll_seconds=3600)
    for hub in (hub_a, hub_b):
        await hub.start()
    await _ready(hub_a, hub_b)
    sub_a, sub_b = hub_a.subscribe(), hub_b.subscribe()
    # Process A's writer publishes; readers of both processes receive, in order.
    for n in range(5):
        await asyncio.to_thread(a.publish, store.add(text=f"item {n}"))
    assert await _drain(sub_a, 5) == [1, 2, 3, 4, 5]
    assert await _drain(sub_b, 5) == [1, 2, 3, 4, 5]
    # Process B's writer publishes, after a message that never went out.
    store.add(text="its message was lost")
    await asyncio.to_thread(b.publish, store.add(text="next"))
    assert await _drain(sub_a, 2) == [6, 7]
    assert await _drain(sub_b, 2) == [6, 7]
    for hub in (hub_a, hub_b):
        await hub.stop()
    a.close()
    b.close()


@pytest.mark.parametrize("kind", ["redis", "postgres"])
def test_events_published_in_one_process_reach_readers_of_another(kind, request, store):
    url = request.getfixturevalue("redis_url" if kind == "redis" else "pg_url")
    run_async(_fan_out(kind, url, store))


def test_a_big_event_travels_on_postgres_as_its_id(pg_url, store):
    async def main():
        a, b = _pair("postgres", pg_url)
        hub = Hub(store, b, poll_seconds=3600)
        await hub.start()
        await _ready(hub)
        sub = hub.subscribe()
        big = store.add(text="x" * 20_000)  # over NOTIFY's 8,000-byte payload limit
        await asyncio.to_thread(a.publish, big)
        assert await _drain(sub, 1) == [1]
        await hub.stop()
        a.close()

    run_async(main())


def test_a_broker_that_cannot_publish_does_not_fail_the_writer(store):
    broker = RedisBroker("redis://127.0.0.1:1/0")  # nothing listens on port 1
    broker.publish(store.add())  # logged; the hubs' next read of the table finds it


def test_the_setting_names_the_broker():
    assert isinstance(open_broker("memory"), MemoryBroker)
    assert isinstance(open_broker("redis://127.0.0.1:6379/0"), RedisBroker)
    pg = open_broker("postgres", database_url="postgresql://u:secret@db:5432/tb")
    assert isinstance(pg, PostgresBroker) and "secret" not in pg.describe()
    with pytest.raises(ValueError, match="DATABASE_URL is not a postgresql"):
        open_broker("postgres", database_url="")
    with pytest.raises(ValueError, match="must be memory, redis://"):
        open_broker("rabbitmq://x")
