"""Which of a sentence's places is the place of one count (rules 13 and 15)."""

from __future__ import annotations

from ..tokens import Tokens
from .names import PlaceMention


def _gap(p: PlaceMention, start: int, end: int) -> int:
    if p.last <= start:
        return start - p.last
    return p.first - end if p.first >= end else 0


def _closest(places: list[PlaceMention], start: int, end: int) -> PlaceMention | None:
    if not places:
        return None
    strong = [p for p in places if p.strong]
    # on a tie the place after the count wins: "in Mashhad and 3 in Neyshabur"
    return min(strong or places, key=lambda p: (_gap(p, start, end), p.first < start))


def governing(
    places: list[PlaceMention],
    start: int,
    end: int,
    clause: tuple[int, int],
    stop: int,
    attached_only: bool = False,
    cell: bool = False,
) -> PlaceMention | None:
    """The place of a count over tokens [start, end) (its number to its category word).

    A place at or after `stop` (the next count, or the next semicolon) belongs to
    what comes there ("3 killed in Oshnavieh and 2 in Bukan"). The count's clause is
    read first, then the rest of the sentence before `stop`. A count of places
    ("protests in 37 cities") takes a later place only when it follows at once
    ("37 cities in Kurdistan province").
    """
    if not places:
        return None
    inside = [p for p in places if start <= p.first and p.last <= end] if cell else []
    if inside:
        return inside[0]  # a table line's label: "Zahedan prison: 56"
    cands = [
        p
        for p in places
        if p.first < stop and not (attached_only and p.first >= end and p.first > end + 2)
    ]
    lo, hi = clause
    pm = _closest([p for p in cands if lo <= p.first < hi], start, end) or _closest(
        cands, start, end
    )
    if pm is not None and pm.place.kind in ("admin1", "country") and not pm.members:
        # "near Nowsud in Kermanshah province": the province only says where Nowsud is
        within = next((p for p in cands if p.last < pm.first and _in_gap(p, pm)), None)
        if within is not None and within.place.kind == "city":
            return within
    if pm is not None and pm.place.kind == "country" and not pm.members:
        # "into Iran near Saravan", "Pakistan: police in Quetta": the finer place inside it
        finer = next(
            (
                p
                for p in cands
                if pm.last <= p.first <= pm.last + 2
                and p.place.country == pm.place.country
                and p.place.kind != "country"
            ),
            None,
        )
        pm = finer or pm
    return pm


def _in_gap(p: PlaceMention, pm: PlaceMention) -> bool:
    """ "Nowsud in Kermanshah", "Sidakan in Iraq's Erbil province"."""
    gap = pm.first - p.last
    return (
        ((gap == 1 and pm.strong) or gap == 3)
        and p.name != pm.name
        and p.place.country == pm.place.country
    )


_LIST_GAP = frozenset({",", "and"})
_SUBSET_MARKS = frozenset({"them", "including", "whom"})


def stop_after(toks: Tokens, counts: list[tuple[int, int]], end: int, last: int) -> int:
    """Where the places of a count ending at token `end` stop: the next semicolon or
    the next count, unless that count is listed with it ("537 killings, 22,000
    arrests and 4 executions in Iran" share the place)."""
    stop = last
    for k in range(end, last):
        if toks.words[k] == ";":
            stop = k
            break
    prev = end
    later = [(a, b) for a, b in counts if end <= a < stop]
    for n, (a, b) in enumerate(later):
        if a < prev:
            continue  # inside an aside already passed
        gap = toks.lower[prev:a]
        if gap and all(w in _LIST_GAP for w in gap):
            prev = b
            continue
        if gap and prev == end and gap[0] == "," and gap[-1] in _SUBSET_MARKS:
            # "83 people, among them 11 children, killed across Iran", "96 people,
            # including 13 children and 2 women, were killed in Zahedan": the subsets
            # inside the count's phrase do not end its place
            close = _aside_end(toks, later[n:], stop)
            if close is not None:
                prev = close
                continue
        return a
    return stop


def _aside_end(toks: Tokens, counts: list[tuple[int, int]], stop: int) -> int | None:
    """Where an aside of subset counts joined by "and" or commas closes with a comma."""
    low = toks.lower
    end = counts[0][1]
    for a, b in counts[1:]:
        if not (low[end:a] and all(w in ("and", ",") for w in low[end:a])):
            break
        if low[end:a] == [","]:
            break  # the comma that closes the aside, then the next count
        end = b
    return end if end < stop and low[end] == "," else None
