"""Voices: who is independent of whom.

The rule, used wherever corroboration is counted:

1. A claimant's *voice* is the root of its affiliation chain: two outlets of
   one organisation, or a ministry and the government it belongs to, are one
   voice even when their texts differ. A claimant without affiliation is its
   own voice.
2. Copies are one *origin* (`origins.py`): one story on thirty sites is one.
3. A claim counts as its claimant's voice when it has one, and as its
   document's origin when it has none (the author asserting it). Independent
   origins are the distinct values of that key.

So thirty copies of a story that quotes officials and an NGO give two
independent sources, officials and the NGO, not thirty and not one; two
different articles that both rely on the NGO give one. The voices are not
joined through the documents that quote them: every news story quotes the
government, and joining would make the most contested events look like one
source.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Claimant kinds (the Actor model's choices).
GOVERNMENT, STATE_MEDIA, NGO, MEDIA = "government", "state_media", "ngo", "media"
POLITICAL_GROUP, INDIVIDUAL, OTHER = "political_group", "individual", "other"


@dataclass(frozen=True)
class Claimant:
    id: str
    name: str
    kind: str
    affiliation: str | None  # id of the organisation it belongs to


def voice_of(claimant: Claimant, claimants_by_id: Mapping[str, Claimant]) -> str:
    """The id of the root of `claimant`'s affiliation chain.

    An affiliation missing from `claimants_by_id` is itself the root. A cycle
    (bad data) resolves to the smallest id on it, so every member of the
    cycle gets the same voice.
    """
    seen: list[str] = [claimant.id]
    current = claimant
    while current.affiliation is not None:
        parent = current.affiliation
        if parent in seen:
            return min(seen[seen.index(parent) :])
        seen.append(parent)
        found = claimants_by_id.get(parent)
        if found is None:
            return parent
        current = found
    return current.id


def independence_key(origin: str, voice: str | None) -> str:
    """What one claim counts as: its voice if the claimant is known, else its origin."""
    return f"v:{voice}" if voice is not None else f"o:{origin}"


def independent_origins(items: Iterable[tuple[str, str | None]]) -> int:
    """How many independent origins the (origin id, voice id or None) pairs come from."""
    return len({independence_key(origin, voice) for origin, voice in items})
