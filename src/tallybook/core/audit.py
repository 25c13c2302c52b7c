"""The hash chain behind the audit log.

Each event's hash covers its own fields and the previous event's hash, so
changing, inserting or removing an event breaks every hash after it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces, so equal data hashes equally."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    payload = prev_hash + "\n" + canonical_json(dict(fields))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first event whose stored hashes do not follow from what came before."""

    seq: int
    reason: str


def verify_chain(events: Iterable[tuple[int, str, str, Mapping[str, Any]]]) -> ChainBreak | None:
    """Check (seq, prev_hash, hash, fields) tuples in order; None when intact."""
    expected_prev = GENESIS
    for seq, prev_hash, stored_hash, fields in events:
        if prev_hash != expected_prev:
            return ChainBreak(seq, "its link to the previous event does not match")
        if event_hash(prev_hash, fields) != stored_hash:
            return ChainBreak(seq, "its content does not match its hash (edited after writing)")
        expected_prev = stored_hash
    return None
