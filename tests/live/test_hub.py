"""The hub: order, duplicates, gaps filled from the table, slow readers, many readers."""

import asyncio

from tallybook.live import Hub, MemoryBroker

from .conftest import run_async


def run(coro):
    return run_async(coro)


async def _drain(sub, n, timeout=5.0):
    got = []
    while len(got) < n:
        items = await asyncio.wait_for(sub.get(), timeout)
        assert items is not None, "subscription closed early"
        got += [i for i, _ in items if i]
    return got


def test_events_reach_every_reader_in_order(store):
    async def main():
        broker = MemoryBroker()
        hub = Hub(store, broker, poll_seconds=60)
        await hub.start()
        subs = [hub.subscribe() for _ in range(3)]
        for _ in range(5):
            broker.publish(store.add(text="x"))
        for sub in subs:
            assert await _drain(sub, 5) == [1, 2, 3, 4, 5]
        await hub.stop()

    run(main())


def test_a_duplicate_is_dropped_and_a_gap_is_read_from_the_table(store):
    async def main():
        hub = Hub(store, MemoryBroker(), poll_seconds=60)
        await hub.start()
        sub = hub.subscribe()
        first = store.add()
        hub.notify(first)
        hub.notify(first)  # a second broker message for the same event
        store.add()  # committed, but its message was lost
        third = store.add()
        hub.notify(third)  # the gap (2) is noticed and read from the table
        assert await _drain(sub, 3) == [1, 2, 3]
        await asyncio.sleep(0.05)
        assert sub._items == type(sub._items)()  # nothing twice
        await hub.stop()

    run(main())


def test_polling_delivers_what_no_broker_announced(store):
    async def main():
        hub = Hub(store, MemoryBroker(), poll_seconds=0.05)
        await hub.start()
        sub = hub.subscribe()
        store.add()
        store.add()  # written by another process with no broker message at all
        assert await _drain(sub, 2) == [1, 2]
        await hub.stop()

    run(main())


def test_a_reader_too_far_behind_is_closed_and_others_are_not(store):
    async def main():
        broker = MemoryBroker()
        hub = Hub(store, broker, poll_seconds=60, queue_limit=3)
        await hub.start()
        slow, fast = hub.subscribe(), hub.subscribe()
        for _ in range(3):
            broker.publish(store.add())
        assert await _drain(fast, 3) == [1, 2, 3]
        broker.publish(store.add())
        await asyncio.sleep(0.05)
        assert slow.closed and slow.reason == "too far behind"
        assert await slow.get() is None
        assert await _drain(fast, 1) == [4]
        await hub.stop()

    run(main())


def test_publishing_from_another_thread(store):
    async def main():
        broker = MemoryBroker()
        hub = Hub(store, broker, poll_seconds=60)
        await hub.start()
        sub = hub.subscribe()
        # Services publish from Django's worker threads after their commit.
        await asyncio.to_thread(lambda: [broker.publish(store.add()) for _ in range(10)])
        assert await _drain(sub, 10) == list(range(1, 11))
        await hub.stop()

    run(main())


def test_stopping_closes_every_reader(store):
    async def main():
        hub = Hub(store, MemoryBroker(), poll_seconds=60)
        await hub.start()
        subs = [hub.subscribe() for _ in range(4)]
        await hub.stop()
        assert all(s.closed for s in subs)
        assert [await s.get() for s in subs] == [None] * 4

    run(main())


def test_a_full_connection_finishes_its_write_while_later_frames_wait_their_turn():
    from tallybook.live import Subscription

    async def main():
        sub = Subscription(limit=3)
        written, gate = [], asyncio.get_running_loop().create_future()

        async def writer(data):
            if not written:
                await gate  # the first write waits, as on a connection that is full
            written.append(data)

        sub.go_live(writer, 0)
        sub.push(1, b"a")
        sub.push(2, b"b")
        sub.push(3, b"c")
        assert written == [] and not sub.closed
        gate.set_result(None)
        await asyncio.sleep(0.01)
        assert written == [b"a", b"bc"]  # in order, the queued ones in one write
        sub.push(3, b"c")  # already written: skipped
        sub.push(4, b"d")  # the connection has room again: written at once
        assert written == [b"a", b"bc", b"d"]

    run(main())


def test_a_reader_that_stays_full_is_cut_off_and_its_write_cancelled():
    from tallybook.live import Subscription

    async def main():
        sub = Subscription(limit=2)
        never = asyncio.get_running_loop().create_future()

        async def writer(data):
            await never

        sub.go_live(writer, 0)
        for n in range(1, 5):
            sub.push(n, b"x")
        assert sub.closed and sub.reason == "too far behind"
        await sub.stop_writing()
        assert never.cancelled() or not never.done()

    run(main())


def test_a_withdrawn_event_is_not_replayed_from_memory(store):
    async def main():
        broker = MemoryBroker()
        hub = Hub(store, broker, poll_seconds=60)
        await hub.start()
        sub = hub.subscribe()
        broker.publish(store.add(text="first"))
        item = store.add(text="words to withdraw (fictional)")
        broker.publish(item)
        broker.publish(store.add(text="kept"))
        broker.publish(store.add(kind="retraction", retracts=item.id, reason="unsafe"))
        assert await _drain(sub, 4) == [1, 2, 3, 4]
        reads = store.reads
        frames = [frame for page in [p async for p in hub.replay(0)] for _, frame in page]
        assert store.reads == reads  # answered from memory, which the table cannot correct
        replayed = b"".join(frames)
        assert b"words to withdraw" not in replayed
        assert b"kept" in replayed and b"retraction" in replayed
        await hub.stop()

    run(main())
