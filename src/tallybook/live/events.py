"""One published event, its Server-Sent Events frame, and the reader's cursor."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

# Ids are 64-bit database keys; a longer number is not one of ours.
_MAX_ID = 2**63 - 1


class BadCursor(ValueError):
    """A Last-Event-ID (or `after`) that is not an event id; the message says why."""


# An event that withdraws an earlier one: data {"retracts": id, "reason": ...}.
RETRACTION = "retraction"


@dataclass(frozen=True)
class Event:
    id: int
    kind: str  # "report" | "checkin" | "claim" | RETRACTION
    data: dict[str, Any] = field(default_factory=dict)  # public payload only

    @property
    def withdraws(self) -> int | None:
        """The id of the event a retraction withdraws; None for any other event."""
        target = self.data.get("retracts") if self.kind == RETRACTION else None
        return target if isinstance(target, int) else None

    def to_json(self) -> str:
        return json.dumps(
            {"id": self.id, "kind": self.kind, "data": self.data},
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> Event:
        d = json.loads(text)
        return cls(id=int(d["id"]), kind=str(d["kind"]), data=dict(d.get("data") or {}))


def format_sse(event: Event) -> bytes:
    """The event as one SSE frame: `id`, `event` (its kind) and one `data` line of JSON.

    json.dumps escapes newlines inside strings, so the data is always a single line
    and a report's text cannot inject fields of its own.
    """
    data = json.dumps({"id": event.id, **event.data}, ensure_ascii=False, separators=(",", ":"))
    return f"id: {event.id}\nevent: {event.kind}\ndata: {data}\n\n".encode()


def format_comment(text: str) -> bytes:
    return f": {text}\n\n".encode()


def format_retry(milliseconds: int) -> bytes:
    return f"retry: {int(milliseconds)}\n\n".encode()


def parse_cursor(value: str | None, *, name: str = "Last-Event-ID") -> int | None:
    """The event id a reader last saw; None when it gave none. BadCursor when malformed."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit():
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise BadCursor(
            f"{name} must be the id of the last event received (a whole number), not {shown!r}"
        )
    number = int(text)
    if number > _MAX_ID:
        raise BadCursor(f"{name} {text[:40]} is larger than any event id")
    return number
