"""The live board under 5,000 concurrent SSE readers on loopback.

Target (issue #7): p99 delivery latency under 1 s, server memory recorded, no event lost
when a share of the readers are cut off and reconnect with Last-Event-ID.

Set-up, each part in its own process so that their costs stay apart:

- the server: uvicorn on `tallybook.site.asgi:application` (what `tallybook serve`
  runs), SQLite, the Redis broker (PostgreSQL LISTEN/NOTIFY when Redis is away);
- the writer: a Django process that submits reports from a trusted group through
  `report_submit` at a steady rate, as a contributor's request would, each with its
  send time in the text; the broker carries them to the server, as between processes;
- the readers: raw asyncio connections (a small HTTP/SSE parser, no client library) in
  a few processes. Twice during the run each process cuts a share of its connections
  and reconnects them at once with `Last-Event-ID`.

Latency is the reader's receive time minus the writer's send time (one machine, one
clock): it covers the write, the commit, the broker, the server's fan-out and the
reader's own parsing. Replayed events count too. `lost` is events some reader never
received, `duplicates` events it received twice. Server memory is its resident size
(VmRSS) before the readers, with all of them connected, and its peak (VmHWM).

    python -m bench live               # 5,000 readers
    python -m bench live --scale 0.1   # 500
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCHMARK = "live board SSE"
READERS = 5_000
EVENTS = 30
# One event a second: each costs the server one write per reader (~60 µs each with
# uvicorn's pure-Python h11), so 5,000 readers take about a third of a core per event.
INTERVAL = float(os.environ.get("BENCH_INTERVAL", "1.0"))
# Of each process's readers, cut at each of the two drops.
DROP_SHARE = float(os.environ.get("BENCH_DROP", "0.2"))
RECONNECT_SPREAD = 1.0  # seconds over which the cut readers reconnect
CLIENT_PROCESSES = 2
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres:postgres@127.0.0.1:5432/postgres")


def _rss(pid: int) -> dict[str, float]:
    text = Path(f"/proc/{pid}/status").read_text()
    return {
        k: int(re.search(rf"^{k}:\s+(\d+) kB", text, re.M).group(1)) / 1024
        for k in ("VmRSS", "VmHWM")
    }


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _broker() -> str | None:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
        return REDIS_URL
    except Exception:  # noqa: S110 (then try PostgreSQL)
        pass
    try:
        import psycopg

        psycopg.connect(PG_URL, connect_timeout=3).close()
        return PG_URL
    except Exception:
        return None


def _env(data_dir: str, broker: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TALLYBOOK_DATA_DIR=data_dir,
        TALLYBOOK_KEYRING=str(Path(data_dir) / "keyring.json"),
        TALLYBOOK_LIVE_BROKER=broker,
        DJANGO_SETTINGS_MODULE="tallybook.site.settings",
        DATABASE_URL="",
    )
    return env


# --- the writer ----------------------------------------------------------------------------


def _writer(env: dict[str, str], conn) -> None:
    os.environ.clear()
    os.environ.update(env)
    from tallybook.cli import db

    db.setup()  # migrates the scratch database
    from django.contrib.auth import get_user_model

    from tallybook.apps.live.selectors import latest_event_id
    from tallybook.apps.live.services import group_save, report_submit
    from tallybook.core.gazetteer import Gazetteer

    Gazetteer.default()  # built before the clock starts
    user = get_user_model().objects.create_user("bench", password=None, role="contributor")
    group = group_save(name="Bench Watch (fictional)", country="IR", trusted=True,
                       members=[user], by=None)  # fmt: skip
    places = ["Rasht", "Tehran", "Tabriz", "Shiraz", "Mashhad", "Sanandaj"]
    for place in places:  # warm-up: keyring, place rows, first queries; before the readers
        report_submit(by=user, group=group, kind="checkin", place=place, attendance=1,
                      text="warm-up (fictional)")  # fmt: skip
    conn.send(("ready", latest_event_id()))
    _, n, interval = conn.recv()
    write_ms = []
    start = time.monotonic()
    for i in range(n):
        time.sleep(max(0.0, start + i * interval - time.monotonic()))
        t0 = time.time()
        report_submit(
            by=user, group=group, kind="checkin", place=places[i % len(places)],
            attendance=100 + i, text=f"bench t0={t0:.6f} (fictional)",
        )  # fmt: skip
        write_ms.append((time.time() - t0) * 1000)
    conn.send(("done", sorted(write_ms)[len(write_ms) // 2]))


# --- the readers ---------------------------------------------------------------------------


class Reader:
    """One SSE reader; survives being cut off (a new protocol per connection)."""

    __slots__ = ("last", "dropped", "lost", "dups", "transport", "connected")

    def __init__(self, last: int) -> None:
        self.last = last
        self.dropped = False
        self.lost = self.dups = 0
        self.transport = None
        self.connected = False


class SSEProtocol(asyncio.Protocol):
    def __init__(self, reader: Reader, request: bytes, stats, on_connected) -> None:
        self.r, self.request, self.stats, self.on_connected = reader, request, stats, on_connected
        self.raw = b""
        self.body = b""
        self.headers_done = False

    def connection_made(self, transport) -> None:
        self.r.transport = transport
        transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        raw = self.raw + data if self.raw else data
        if not self.headers_done:
            end = raw.find(b"\r\n\r\n")
            if end < 0:
                self.raw = raw
                return
            if not raw.startswith(b"HTTP/1.1 200"):
                self.stats["errors"] += 1
            raw = raw[end + 4 :]
            self.headers_done = True
        # Transfer-Encoding: chunked -> the SSE bytes
        pos = 0
        while True:
            line_end = raw.find(b"\r\n", pos)
            if line_end < 0:
                break
            start = line_end + 2
            stop = start + int(raw[pos:line_end], 16)
            if len(raw) < stop + 2:
                break
            self.body += raw[start:stop]
            pos = stop + 2
        self.raw = raw[pos:]
        now = time.time()
        while True:
            end = self.body.find(b"\n\n")
            if end < 0:
                break
            frame, self.body = self.body[:end], self.body[end + 2 :]
            if frame.startswith(b": connected"):
                if not self.r.connected:
                    self.r.connected = True
                    self.on_connected()
                continue
            if not frame.startswith(b"id: "):
                continue
            event_id = int(frame[4 : frame.index(b"\n")])
            if event_id <= self.r.last:
                self.r.dups += 1
                continue
            if event_id != self.r.last + 1:
                self.r.lost += event_id - self.r.last - 1
            self.r.last = event_id
            at = frame.find(b"t0=")
            if at > 0:
                latency = now - float(frame[at + 3 : at + 20])
                (self.stats["steady"] if not self.r.dropped else self.stats["dropped"]).append(
                    latency
                )


async def _readers_main(port: int, n: int, after: int, conn) -> None:
    loop = asyncio.get_running_loop()
    stats = {"steady": [], "dropped": [], "errors": 0, "reconnects": 0}
    readers = [Reader(after) for _ in range(n)]
    pending = asyncio.Event()
    count = [0]

    def connected() -> None:
        count[0] += 1
        if count[0] >= n:
            pending.set()

    def request(r: Reader, last: int | None) -> bytes:
        head = f"GET /live/stream?after={after} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if last is not None:
            head += f"Last-Event-ID: {last}\r\n"
        return (head + "Accept: text/event-stream\r\n\r\n").encode()

    async def open_one(r: Reader, last: int | None = None) -> None:
        for attempt in range(20):
            try:
                await loop.create_connection(
                    lambda: SSEProtocol(r, request(r, last), stats, connected), "127.0.0.1", port
                )
                return
            except OSError:
                await asyncio.sleep(0.05 * (attempt + 1))
        stats["errors"] += 1

    started = time.monotonic()
    for i in range(0, n, 100):  # ramp up in batches: the listen backlog is finite
        await asyncio.gather(*(open_one(r) for r in readers[i : i + 100]))
    await asyncio.wait_for(pending.wait(), 300)
    conn.send(("connected", time.monotonic() - started))

    _, drops_at, share, expect_last, deadline = await loop.run_in_executor(None, conn.recv)

    async def drop(at: float) -> None:
        await asyncio.sleep(max(0.0, at - time.time()))
        for r in random.sample(readers, int(len(readers) * share)):
            r.transport.abort()  # as a phone losing its network
            r.dropped = True
            stats["reconnects"] += 1
        cut = [r for r in readers if r.transport.is_closing()]

        async def back(r: Reader) -> None:
            # Readers come back spread over a second (networks differ), as browsers do
            # after their retry interval, not all in the same millisecond.
            await asyncio.sleep(random.uniform(0.05, RECONNECT_SPREAD))
            await open_one(r, r.last)

        await asyncio.gather(*(back(r) for r in cut))

    drops = [asyncio.create_task(drop(at)) for at in drops_at]
    while time.time() < deadline and any(r.last < expect_last for r in readers):
        await asyncio.sleep(0.1)
    await asyncio.gather(*drops)
    for r in readers:
        r.transport.abort()
    conn.send(
        (
            "result",
            {
                "steady": stats["steady"],
                "dropped": stats["dropped"],
                "errors": stats["errors"],
                "reconnects": stats["reconnects"],
                "lost": sum(r.lost + max(0, expect_last - r.last) for r in readers),
                "duplicates": sum(r.dups for r in readers),
            },
        )
    )


def _readers(port: int, n: int, after: int, conn) -> None:
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, n + 256)), hard))
    asyncio.run(_readers_main(port, n, after, conn))


# --- the run -------------------------------------------------------------------------------


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _server_pids(pid: int, workers: int) -> list[int]:
    """The processes serving: the server itself, or uvicorn's workers under it."""
    if workers == 1:
        return [pid]
    for _ in range(300):
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            children = []
        if len(children) >= workers:
            return [int(c) for c in children]
        time.sleep(0.1)
    raise RuntimeError(f"uvicorn started {len(children)} of {workers} workers")


def run(scale: float = 1.0) -> list[dict]:
    broker = _broker()
    if broker is None:
        return [{"benchmark": BENCHMARK, "engine": "skipped: no Redis or PostgreSQL", "ok": None}]
    return [_run(scale, broker, workers) for workers in (1, 2)]


def _run(scale: float, broker: str, workers: int) -> dict:
    n = max(10, int(READERS * scale))
    processes = CLIENT_PROCESSES if n >= 1000 else 1
    ctx = mp.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="tb-bench-live-") as data_dir:
        env = _env(data_dir, broker)
        writer_conn, child = ctx.Pipe()
        writer = ctx.Process(target=_writer, args=(env, child), daemon=True)
        writer.start()
        _, start_id = writer_conn.recv()  # migrated and ready

        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "tallybook.site.asgi:application",
             "--host", "127.0.0.1", "--port", str(port), "--lifespan", "on",
             "--no-access-log", "--log-level", "warning", "--backlog", "4096",
             "--workers", str(workers)],
            env=env,
        )  # fmt: skip
        try:
            _wait_for(port)
            pids = _server_pids(server.pid, workers)
            time.sleep(1 if workers > 1 else 0)  # every worker listening
            idle = sum(_rss(pid)["VmRSS"] for pid in pids)
            pipes, readers = [], []
            for i in range(processes):
                share = n // processes + (1 if i < n % processes else 0)
                parent, child = ctx.Pipe()
                p = ctx.Process(target=_readers, args=(port, share, start_id, child), daemon=True)
                p.start()
                pipes.append(parent)
                readers.append(p)
            connect_s = max(pipe.recv()[1] for pipe in pipes)
            connected = sum(_rss(pid)["VmRSS"] for pid in pids)

            load_before = os.getloadavg()[0]
            cpu_before = sum(_cpu_s(pid) for pid in pids)
            started = time.time()
            run_s = EVENTS * INTERVAL
            drops_at = [started + run_s / 3, started + 2 * run_s / 3]
            for pipe in pipes:
                pipe.send(("go", drops_at, DROP_SHARE, start_id + EVENTS, started + run_s + 30))
            writer_conn.send(("go", EVENTS, INTERVAL))
            _, write_ms = writer_conn.recv()
            results = [pipe.recv()[1] for pipe in pipes]
            elapsed = time.time() - started
            peak = sum(_rss(pid)["VmHWM"] for pid in pids)
            server_cpu = sum(_cpu_s(pid) for pid in pids) - cpu_before
            for p in readers:
                p.join(10)
        finally:
            server.terminate()
            server.wait(15)
            writer.join(5)

    steady = [x for r in results for x in r["steady"]]
    everything = steady + [x for r in results for x in r["dropped"]]
    lost = sum(r["lost"] for r in results)
    p99 = _pct(everything, 0.99)
    kind = "redis" if broker.startswith("redis") else "postgres"
    return {
        "benchmark": BENCHMARK,
        "engine": f"uvicorn, {workers} process{'es' if workers > 1 else ''}, {kind} broker, SQLite",
        "n": n,
        "events": EVENTS,
        "deliveries": len(everything),
        "seconds": round(elapsed, 1),
        "connect_s": round(connect_s, 1),
        "p50_ms": round(_pct(everything, 0.5) * 1000, 1),
        "p99_ms": round(p99 * 1000, 1),
        "max_ms": round(max(everything) * 1000, 1),
        "p99_steady_ms": round(_pct(steady, 0.99) * 1000, 1),
        "reconnects": sum(r["reconnects"] for r in results),
        "lost": lost,
        "duplicates": sum(r["duplicates"] for r in results),
        "errors": sum(r["errors"] for r in results),
        "write_ms_p50": round(write_ms, 1),
        "server_cpu_s": round(server_cpu, 1),
        # The machine's 1-minute load average before the run (ours not yet in it).
        "load_before": round(load_before, 1),
        "server_idle_mb": round(idle),
        "server_connected_mb": round(connected),
        "peak_mb": round(peak),
        "target": "p99 < 1 s, 0 lost",
        "ok": p99 < 1.0 and lost == 0 and len(everything) >= n * EVENTS,
    }


def _wait_for(port: int) -> None:
    for _ in range(600):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not listen on port {port} within 60 s")


if __name__ == "__main__":
    import json

    print(json.dumps(run(float(sys.argv[1]) if len(sys.argv) > 1 else 1.0), indent=2))
