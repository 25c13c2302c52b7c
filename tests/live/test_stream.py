"""The ASGI stream endpoint: replay after Last-Event-ID, live events, refusals, hanging up."""

import asyncio

from tallybook.live import Hub, MemoryBroker
from tallybook.live.asgi import LiveRouter, StreamApp

from .conftest import StreamClient, run_async


def run(coro):
    return run_async(coro)


def make(store, recent=2000, **kw):
    broker = MemoryBroker()
    hub = Hub(store, broker, poll_seconds=60, recent=recent)
    return broker, hub, StreamApp(hub, **kw)


def test_headers_and_first_frames(store):
    async def main():
        _, hub, app = make(store)
        client = StreamClient(app).start()
        body = await client.wait_for(b": connected\n\n")
        assert client.status == 200
        headers = client.headers
        assert headers[b"content-type"] == b"text/event-stream; charset=utf-8"
        assert headers[b"cache-control"].startswith(b"no-cache")
        assert body.startswith(b"retry: 3000\n\n")
        await client.hang_up()
        await hub.stop()

    run(main())


def test_a_reader_who_reconnects_gets_what_it_missed_then_live_events(store):
    async def main():
        broker, hub, app = make(store)
        for n in range(5):
            store.add(text=f"old {n}")
        client = StreamClient(app, headers=[(b"last-event-id", b"2")]).start()
        body = await client.wait_for(b"id: 5\n")
        assert b"id: 1\n" not in body and b"id: 2\n" not in body
        assert body.index(b"id: 3\n") < body.index(b"id: 4\n") < body.index(b"id: 5\n")
        broker.publish(store.add(text="new"))
        body = await client.wait_for(b"id: 6\n")
        assert body.count(b"id: 6\n") == 1
        await client.hang_up()
        await hub.stop()

    run(main())


def test_after_parameter_for_a_first_connection_and_header_wins(store):
    async def main():
        _, hub, app = make(store)
        for _ in range(3):
            store.add()
        by_query = StreamClient(app, query=b"after=1").start()
        body = await by_query.wait_for(b"id: 3\n")
        assert b"id: 2\n" in body and b"id: 1\n" not in body
        both = StreamClient(app, query=b"after=0", headers=[(b"last-event-id", b"2")]).start()
        body = await both.wait_for(b"id: 3\n")
        assert b"id: 1\n" not in body and b"id: 2\n" not in body
        await by_query.hang_up()
        await both.hang_up()
        await hub.stop()

    run(main())


def test_no_cursor_means_live_events_only(store):
    async def main():
        broker, hub, app = make(store)
        store.add()
        client = StreamClient(app).start()
        await client.wait_for(b": connected")
        broker.publish(store.add())
        body = await client.wait_for(b"id: 2\n")
        assert b"id: 1\n" not in body
        await client.hang_up()
        await hub.stop()

    run(main())


def test_malformed_last_event_id_is_a_400_naming_it(store):
    async def main():
        _, hub, app = make(store)
        client = StreamClient(app, headers=[(b"last-event-id", b"yesterday")]).start()
        await client.task
        assert client.status == 400
        assert client.body.decode().startswith("Last-Event-ID must be the id of the last event")
        assert b"'yesterday'" in client.body
        bad_after = StreamClient(app, query=b"after=-4").start()
        await bad_after.task
        assert bad_after.status == 400 and bad_after.body.startswith(b"after must be")
        assert hub.readers == 0

    run(main())


def test_other_methods_and_unknown_hosts_are_refused(store):
    async def main():
        _, _, app = make(store, allowed_host=lambda host: host.startswith("127.0.0.1"))
        post = StreamClient(app, method="POST").start()
        await post.task
        assert post.status == 405 and post.headers[b"allow"] == b"GET"
        client = StreamClient(app)
        client.scope["headers"] = [(b"host", b"evil.example")]
        client.start()
        await client.task
        assert client.status == 400 and b"evil.example" in client.body

    run(main())


def test_hanging_up_ends_the_stream_and_frees_the_reader(store):
    async def main():
        _, hub, app = make(store)
        clients = [StreamClient(app).start() for _ in range(3)]
        for c in clients:
            await c.wait_for(b": connected")
        assert hub.readers == 3
        await clients[0].hang_up()
        assert clients[0].task.done() and hub.readers == 2
        for c in clients[1:]:
            await c.hang_up()
        assert hub.readers == 0
        await hub.stop()

    run(main())


def test_the_router_sends_the_stream_path_to_the_stream_and_the_rest_on(store):
    async def main():
        _, hub, stream = make(store)
        seen = []

        async def app(scope, receive, send):
            seen.append(scope["path"])
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})

        router = LiveRouter(app, path="/live/stream", stream=stream)
        page = StreamClient(router, path="/live/").start()
        await page.task
        assert page.status == 204 and seen == ["/live/"]
        live = StreamClient(router, path="/live/stream").start()
        await live.wait_for(b": connected")
        assert seen == ["/live/"]
        await live.hang_up()
        await hub.stop()

    run(main())


def test_lifespan_starts_and_stops_the_hub(store):
    async def main():
        _, hub, stream = make(store)
        router = LiveRouter(None, path="/live/stream", stream=stream)
        inbox: asyncio.Queue = asyncio.Queue()
        outbox = []
        await inbox.put({"type": "lifespan.startup"})
        await inbox.put({"type": "lifespan.shutdown"})

        async def send(message):
            outbox.append(message["type"])
            if message["type"] == "lifespan.startup.complete":
                assert hub.running

        await router({"type": "lifespan"}, inbox.get, send)
        assert outbox == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
        assert not hub.running

    run(main())


def test_a_short_cut_replays_from_memory_and_a_long_one_from_the_table(store):
    async def main():
        broker, hub, app = make(store, recent=3)
        for _ in range(6):
            store.add()
        await hub.start()  # keeps events 4..6 in memory
        reads = store.reads
        recent = StreamClient(app, headers=[(b"last-event-id", b"4")]).start()
        body = await recent.wait_for(b"id: 6\n")
        assert b"id: 5\n" in body and b"id: 4\n" not in body
        assert store.reads == reads  # no read of the table
        old = StreamClient(app, headers=[(b"last-event-id", b"1")]).start()
        body = await old.wait_for(b"id: 6\n")
        assert [line for line in body.split(b"\n") if line.startswith(b"id:")] == [
            b"id: 2",
            b"id: 3",
            b"id: 4",
            b"id: 5",
            b"id: 6",
        ]
        assert store.reads > reads
        broker.publish(store.add())  # and both go on live
        for client in (recent, old):
            assert (await client.wait_for(b"id: 7\n")).count(b"id: 7\n") == 1
            await client.hang_up()
        await hub.stop()

    run(main())


def test_one_address_may_hold_only_so_many_streams_at_once(store):
    def reader(app, address: str) -> StreamClient:
        client = StreamClient(app)
        client.scope["client"] = (address, 50000)
        return client.start()

    async def main():
        _, hub, app = make(store, per_address=2)
        first, second = reader(app, "203.0.113.7"), reader(app, "203.0.113.7")
        await first.wait_for(b": connected")
        await second.wait_for(b": connected")
        third = reader(app, "203.0.113.7")
        await asyncio.wait_for(third.task, 5)
        assert third.status == 429
        assert dict(third.messages[0]["headers"])[b"retry-after"] == b"3"
        assert b"too many live streams" in third.body
        other = reader(app, "198.51.100.2")  # another address is not affected
        await other.wait_for(b": connected")
        # when one of the first two hangs up, the address may open another
        await first.hang_up()
        again = reader(app, "203.0.113.7")
        await again.wait_for(b": connected")
        assert app.open == {"203.0.113.7": 2, "198.51.100.2": 1}
        for client in (second, other, again):
            await client.hang_up()
        assert app.open == {}
        await hub.stop()

    run(main())
