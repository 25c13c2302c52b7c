"""Cut a source's text into plain and highlighted pieces for display."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Segment:
    text: str
    claim: Any | None = None


def highlight(text: str, claims: Iterable[Any]) -> list[Segment]:
    """Segments in order; a claim whose span overlaps an earlier one is not highlighted."""
    segments: list[Segment] = []
    pos = 0
    for claim in sorted(claims, key=lambda c: (c.span_start, c.span_end)):
        start, end = claim.span_start, claim.span_end
        if start < pos or end > len(text) or end <= start:
            continue
        if start > pos:
            segments.append(Segment(text[pos:start]))
        segments.append(Segment(text[start:end], claim))
        pos = end
    if pos < len(text):
        segments.append(Segment(text[pos:]))
    return segments
