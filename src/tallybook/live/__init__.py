"""The live board's fan-out, without Django: events, the per-process hub, the brokers that
join several server processes, and the ASGI stream endpoint.

A published item is a row in an append-only table (the Django app `apps.live` writes it);
its id orders the stream and lets a reader who reconnects ask for what it missed
(`Last-Event-ID`). After the row is committed the writer tells a broker; each server
process runs one `Hub` that hears the broker and hands the event to its readers. A hub
that sees a gap in the ids, or hears nothing for a while, reads the table, so a lost
broker message delays an event but never loses it.
"""

from tallybook.live.brokers import Broker, MemoryBroker, PostgresBroker, RedisBroker, open_broker
from tallybook.live.events import BadCursor, Event, format_sse, parse_cursor
from tallybook.live.hub import EventStore, Hub, Subscription

__all__ = [
    "BadCursor",
    "Broker",
    "Event",
    "EventStore",
    "Hub",
    "MemoryBroker",
    "PostgresBroker",
    "RedisBroker",
    "Subscription",
    "format_sse",
    "open_broker",
    "parse_cursor",
]
