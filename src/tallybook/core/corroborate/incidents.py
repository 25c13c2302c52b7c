"""Incidents: the machine's proposals of claims that describe one event.

Which claims are grouped: incident claims only: not aggregates
(`is_aggregate`: running totals, tallies over places or over more than a
week), and not subsets ("including 12 children"). A subset joins the
proposal holding a claim from its own origin and category (its parent, as
near as we can tell without the text) and is never summed; without such a
claim it is left out. Claims without a date or a place stand alone.

Records (`_records`): a place's count over a period longer than an incident
stands as the place's record where no event there in that period is known; a
city's record takes in the events that can only be parts of it, and a table's
"other cities" row (`_rest_rows`) stands for the places its table does not name.

When two claims are the same event:

- same category;
- places compatible in the hierarchy: the same city, or one is the province
  or country that contains the other's place;
- dates overlap, or the gap between them is at most `max_gap_days`; a claim
  dated only by its report ("12 people had been killed") may reach back
  `REPORT_LOOKBACK_DAYS` to the one event of its city it fits;
- intervals compatible: over the whole group, the highest lower bound is at
  most `max_ratio` times the lowest upper bound (an unstated lower bound is
  0, an open upper bound is infinite). So an official 12 and an NGO 96 are
  one incident (a contested one, see `figures.py`), while 3 and 300 killed
  in one city on one day are two events. Denials, "no one was killed" and
  hedged figures ("as many as 40 feared dead") join without this test: they
  contest a figure or rumour one, they do not size it.

How, without comparing all pairs (blocking): city claims are sorted by
(category, city, start) and swept once, each joining the latest open group
of its block that it fits. Province claims then join the one city group of
their province and category that they fit; a claim that fits several is
ambiguous and is not joined to any (it would chain separate events into
one), so it groups with other province claims instead. Country claims do the
same against city and province groups.

Score in [0, 1]: 0.4 place + 0.3 time + 0.3 intervals, each part 1 when
fully consistent (same city; a day common to all claims; one value inside
all intervals) and lower as the group relies on containment, gaps or
distant figures. A lone claim scores 1.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from .facts import (
    ADMIN1,
    CITY,
    COUNTRY,
    ClaimFact,
    fmt_interval,
    is_aggregate,
    period_bounds,
    place_level,
    place_record,
)
from .figures import Figures, incident_figures
from .voices import independent_origins

__all__ = [
    "ClaimFact",
    "Figures",
    "Proposal",
    "incident_figures",
    "is_aggregate",
    "period_bounds",
    "propose_incidents",
]

_OPEN = 1 << 62  # an open upper bound
# A claim dated only by its report ("12 people had been killed", published on the
# 21st) may join the one event in its city up to this many days before the report.
REPORT_LOOKBACK_DAYS = 90
_LEVEL_NAME = {CITY: "city", ADMIN1: "province", COUNTRY: "country"}
_PLACE_SCORE = {  # (finest level, coarsest level) in a group → place part of the score
    (CITY, CITY): 1.0,
    (CITY, ADMIN1): 0.75,
    (CITY, COUNTRY): 0.5,
    (ADMIN1, ADMIN1): 0.6,
    (ADMIN1, COUNTRY): 0.4,
    (COUNTRY, COUNTRY): 0.3,
}


@dataclass(frozen=True)
class Proposal:
    claim_ids: tuple[str, ...]
    score: float
    reasons: tuple[str, ...]


class _Group:
    __slots__ = ("start", "end", "max_lo", "min_hi", "members", "dated")

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.max_lo, self.min_hi = 0, _OPEN  # over counting members
        self.members: list[int] = []
        self.dated = False  # holds a claim with a date of its own


def propose_incidents(
    facts: Iterable[ClaimFact], *, max_gap_days: int = 3, max_ratio: float = 10.0
) -> list[Proposal]:
    """Proposed incidents: every incident claim in exactly one proposal.

    Subsets appear only next to a parent; aggregates appear in none.
    Proposals come in the order of their first claim in `facts`.
    """
    facts = facts if isinstance(facts, Sequence) else list(facts)
    grouper = _Grouper(facts, max_gap_days, max_ratio)
    groups = grouper.run()
    groups.sort(key=lambda g: min(g.members))
    return [_proposal(facts, g.members, grouper.notes, max_gap_days, max_ratio) for g in groups]


class _Grouper:
    def __init__(self, facts: Sequence[ClaimFact], gap: int, ratio: float) -> None:
        self.facts, self.gap, self.ratio = facts, gap, ratio
        n = len(facts)
        # Columns of machine ints (8 bytes a claim, no Python objects): the sweep
        # reads these, not the dataclasses. Dates are proleptic ordinals.
        self.s, self.e = array("q", [0]) * n, array("q", [0]) * n
        self.lo, self.hi = array("q", [0]) * n, array("q", [_OPEN]) * n
        self.counts = bytearray(n)  # 1: a counting claim (it sizes its group)
        self.reported = bytearray(n)  # 1: dated only by its report ("had been killed")
        self.groups: list[_Group] = []  # groups that later claims may join
        self.alone: list[_Group] = []  # claims without a date or a place
        self.notes: dict[int, str] = {}  # claim → why it stands where it does
        self.records: set[int] = set()  # ids of groups that are a place's period record
        self.rest: dict[int, frozenset[int]] = {}  # "other cities" row → cities its table names

    def run(self) -> list[_Group]:
        levels: dict[str, list[int]] = {CITY: [], ADMIN1: [], COUNTRY: []}
        subsets: list[int] = []
        records: list[int] = []
        self.rest = _rest_rows(self.facts)
        for i, f in enumerate(self.facts):
            if is_aggregate(f):
                if not (place_record(f) or i in self.rest):
                    continue
                records.append(i)
            start, end = f.start or f.end, f.end or f.start
            if start is not None and end is not None:
                self.s[i], self.e[i] = start.toordinal(), end.toordinal()
            if f.min is not None:
                self.lo[i] = f.min
            if f.max is not None:
                self.hi[i] = f.max
            # Only counting claims size a group; subsets, denials, "none" and hedged
            # figures ("as many as 40 feared dead") don't.
            self.counts[i] = not (f.negated or f.denial or f.hedged or f.count_kind == "subset")
            self.reported[i] = f.start is None and f.end is not None
            level = place_level(f)
            if records and records[-1] == i:
                pass  # grouped after the events, see `_records`
            elif f.count_kind == "subset":
                subsets.append(i)
            elif start is None or level is None:
                self.notes[i] = "no date: not grouped" if start is None else "no place: not grouped"
                self.alone.append(_Group(0, 0))
                self._add(self.alone[-1], i)
            else:
                levels[level].append(i)
        fs = self.facts
        self._sweep(levels[CITY], ((fs[i].category, fs[i].city) for i in levels[CITY]))
        self._join_reported()
        self._records(records, levels[ADMIN1] + levels[COUNTRY])
        for level, name in ((ADMIN1, "city"), (COUNTRY, "city or province")):
            idx = levels[level]
            regions = [(fs[i].category, fs[i].country, fs[i].admin1) for i in idx]
            if level == COUNTRY:
                regions = [(c, k, None) for c, k, _ in regions]
            left = self._attach(idx, regions, name)
            self._sweep([idx[k] for k in left], [regions[k] for k in left])
        self._attach_subsets(subsets)
        return self.groups + self.alone

    def _records(self, records: list[int], coarse: list[int]) -> None:
        """A place's count for a period where no event in that place and period is
        known stands as the place's record (with the same source's other editions);
        where events are known it stays an aggregate, set beside their sum. A city's
        record also takes in the city's events that can only be parts of it: each
        within its period, together below its lower bound (one day's two dead beside
        the city's nine for the autumn)."""
        if not records:
            return
        fs = self.facts
        # dated events by every place that contains them; undated groups apart
        events: dict[tuple, list[tuple[int, int, _Group | None]]] = {}
        undated: list[_Group] = []  # groups dated only by publication
        for g in self.groups:
            if not g.dated:
                undated.append(g)
                continue
            for key in _containing(fs[g.members[0]]):
                events.setdefault(key, []).append((g.start, g.end, g))
        for i in coarse:
            if fs[i].start is not None:
                for key in _containing(fs[i]):
                    events.setdefault(key, []).append((self.s[i], self.e[i], None))
        alone: list[int] = []
        parts: list[_Group] = []
        for i in records:
            found = [
                g
                for s, e, g in events.get(_place_key(fs[i]), ())
                if s <= self.e[i] and self.s[i] <= e
            ]
            if i in self.rest:  # only events in the places its table does not name
                named = self.rest[i]
                found = [g for g in found if g is not None and fs[g.members[0]].city not in named]
                if not found:
                    self.notes[i] = (
                        "the count for the places its table does not name, with no event "
                        "known in them"
                    )
                    alone.append(i)
                continue
            if not found:
                where = _LEVEL_NAME[place_level(fs[i]) or COUNTRY]
                self.notes[i] = f"the {where}'s count for a period with no event known there"
            elif fs[i].city is not None and self._parts_of(found, i):
                self.notes[i] = (
                    "the city's count for a period, with events there that are part of it"
                )
                parts.extend(g for g in found if g is not None)
            else:
                continue
            alone.append(i)
        before = len(self.groups)
        keys = [
            ("rest", *_place_key(fs[i])) if i in self.rest else _place_key(fs[i]) for i in alone
        ]
        self._sweep(alone, keys)
        kept: dict[tuple, list[_Group]] = {}
        for g in self.groups[before:]:
            self.records.add(id(g))
            kept.setdefault(_place_key(fs[g.members[0]]), []).append(g)
        # a count in that place reported within the period, without a date of its own
        # ("In Tehran, at least 41 people were killed"), is part of the record; so are
        # the events found above to be parts of it
        merged = set()
        dateless = {id(g) for g in undated}
        for g in [*undated, *dict.fromkeys(parts)]:
            if id(g) in merged:
                continue
            fits = [
                r
                for r in kept.get(_place_key(fs[g.members[0]]), ())
                if r.start <= g.start <= g.end <= r.end
                or (
                    id(g) in dateless
                    and r.start <= g.end <= r.end
                    and all(self._fits(r, i) for i in g.members)
                )
            ]
            if len(fits) == 1:
                for i in g.members:
                    self._add(fits[0], i)
                merged.add(id(g))
        if merged:
            self.groups = [g for g in self.groups if id(g) not in merged]

    def _parts_of(self, found: list[_Group | None], i: int) -> bool:
        """Whether city events can only be parts of record `i`: each within its period
        and shorter, and their largest figures together below its lower bound."""
        total = 0
        for g in found:
            if g is None or not (
                self.s[i] <= g.start
                and g.end <= self.e[i]
                and g.end - g.start < self.e[i] - self.s[i]
            ):
                return False
            sizes = [
                self.lo[m] if self.hi[m] == _OPEN else self.hi[m]
                for m in g.members
                if self.counts[m]
            ]
            if not sizes:
                return False
            total += max(sizes)
        return total < self.lo[i]

    def _new(self, i: int) -> _Group:
        g = _Group(self.s[i], self.e[i])
        self.groups.append(g)
        return g

    def _join_reported(self) -> None:
        """A city group of claims dated only by their reports joins the one earlier
        event of its city it fits ("the Collective published the names of 96 people it
        says were killed", three weeks after the killings)."""
        fs = self.facts
        by: dict[tuple, list[_Group]] = {}
        reported: list[_Group] = []
        for g in self.groups:
            if not g.dated:
                reported.append(g)
                continue
            f = fs[g.members[0]]
            by.setdefault((f.category, f.city), []).append(g)
        if not reported:
            return
        merged = set()
        for r in reported:
            f = fs[r.members[0]]
            found = [
                g
                for g in by.get((f.category, f.city), ())
                if g.start <= r.end
                and r.start <= g.end + REPORT_LOOKBACK_DAYS
                and all(not self.counts[i] or self._near(g, i) for i in r.members)
            ]
            if len(found) == 1:
                for i in r.members:
                    self._add(found[0], i)
                    self.notes[i] = (
                        f"no date of its own: joined the one event in the city in the "
                        f"{REPORT_LOOKBACK_DAYS} days before its report"
                    )
                merged.add(id(r))
            elif found:
                for i in r.members:
                    self.notes[i] = "no date of its own, and fits several events: not joined"
        if merged:
            self.groups = [g for g in self.groups if id(g) not in merged]

    def _add(self, g: _Group, i: int) -> None:
        g.members.append(i)
        if not self.reported[i]:
            g.dated = True
            g.end = max(g.end, self.e[i])
        elif not g.dated:
            g.end = max(g.end, self.e[i])
        if self.counts[i]:
            g.max_lo = max(g.max_lo, self.lo[i])
            g.min_hi = min(g.min_hi, self.hi[i])

    def _fits(self, g: _Group, i: int) -> bool:
        """Dates within reach and intervals compatible (see the module docstring)."""
        if self.s[i] > g.end + self.gap or g.start > self.e[i] + self.gap:
            return False
        # `_near`, written out: this runs once per claim and candidate
        if not self.counts[i]:
            return True
        return max(g.max_lo, self.lo[i]) <= self.ratio * min(g.min_hi, self.hi[i])

    def _sweep(self, idx: list[int], blocks: Iterable[tuple]) -> None:
        """Group claims of one place level, block by block, in order of start."""
        if not idx:
            return
        codes: dict[tuple, int] = {}
        block = np.fromiter((codes.setdefault(b, len(codes)) for b in blocks), np.int64, len(idx))
        at = np.array(idx, dtype=np.int64)
        order = np.lexsort((at, np.frombuffer(self.s, dtype=np.int64)[at], block))
        block_of = block.tolist()
        current = -1
        open_: list[_Group] = []  # the block's groups later claims may still reach
        for k in order.tolist():
            i = idx[k]
            if block_of[k] != current:
                current, open_ = block_of[k], []
            target = next((g for g in reversed(open_) if self._fits(g, i)), None)
            if target is None:
                target = self._new(i)
                open_ = [g for g in open_ if g.end + self.gap >= self.s[i]]
                open_.append(target)
            self._add(target, i)

    def _attach(self, idx: list[int], regions: list[tuple], finer: str) -> list[int]:
        """Join each coarse claim to the one finer group it fits; positions of the rest."""
        index = self._index()
        left: list[int] = []
        for k in sorted(range(len(idx)), key=lambda k: (self.s[idx[k]], idx[k])):
            i = idx[k]
            entry = index.get(regions[k])
            found = self._candidates(entry, i) if entry else []
            if len(found) > 1 and self.facts[i].hedged and entry:
                # a rumour that fits several events goes with the one its figure fits
                found = [g for g in self._candidates(entry, i, limit=None) if self._near(g, i)]
            if len(found) == 1 and entry:
                g = found[0]
                self._add(g, i)
                entry.longest = max(entry.longest, g.end - g.start)
                continue
            if found:
                self.notes[i] = f"fits several {finer} incidents: not joined to any"
            left.append(k)
        return left

    def _index(self) -> dict[tuple, _Region]:
        """Groups so far by (category, country, admin1) and (category, country, None)."""
        by: dict[tuple, list[_Group]] = {}
        for g in self.groups:
            if id(g) in self.records:
                continue  # a province's one-day count is not a city's months-long record
            f = self.facts[g.members[0]]
            if f.country is None:
                continue
            by.setdefault((f.category, f.country, f.admin1), []).append(g)
            if f.admin1 is not None:
                by.setdefault((f.category, f.country, None), []).append(g)
        return {key: _Region(gs) for key, gs in by.items()}

    def _candidates(self, entry: _Region, i: int, limit: int | None = 2) -> list[_Group]:
        """Up to `limit` groups that claim `i` fits: two already make it ambiguous."""
        found: list[_Group] = []
        j = bisect_right(entry.starts, self.e[i] + self.gap) - 1
        floor = self.s[i] - self.gap - entry.longest
        while j >= 0 and entry.starts[j] >= floor:
            if self._fits(entry.groups[j], i):
                found.append(entry.groups[j])
                if limit is not None and len(found) >= limit:
                    break
            j -= 1
        return found

    def _near(self, g: _Group, i: int) -> bool:
        """Whether claim `i`'s figure is within the ratio of the group's, as if it counted."""
        return max(g.max_lo, self.lo[i]) <= self.ratio * min(g.min_hi, self.hi[i])

    def _attach_subsets(self, subsets: list[int]) -> None:
        """A subset joins a group holding a claim of its origin and category, if any."""
        if not subsets:
            return
        parents: dict[tuple[str, str], list[_Group]] = {}
        for g in self.groups + self.alone:
            for i in g.members:
                f = self.facts[i]
                if self.counts[i] or f.hedged:
                    entry = parents.setdefault((f.origin, f.category), [])
                    if not entry or entry[-1] is not g:
                        entry.append(g)
        for i in subsets:
            f = self.facts[i]
            dated = f.start is not None or f.end is not None
            for g in parents.get((f.origin, f.category), ()):
                if (not dated or self._fits(g, i)) and _place_fits(f, self.facts[g.members[0]]):
                    g.members.append(i)  # never changes the group's figures
                    break


class _Region:
    """Groups of one region, sorted by start, for the coarse claims' look-up."""

    __slots__ = ("starts", "groups", "longest")

    def __init__(self, groups: list[_Group]) -> None:
        groups.sort(key=lambda g: g.start)
        self.groups = groups
        self.starts = [g.start for g in groups]
        self.longest = max(g.end - g.start for g in groups)


def _rest_rows(facts: Sequence[ClaimFact]) -> dict[int, frozenset[int]]:
    """A table's "Other cities" row, found by its arithmetic: a count over several
    places of a country that, added to the same source's city counts within its
    period, makes that source's total for the country and period exactly. It counts
    the places the table does not name; → the cities the table names."""
    candidates = [
        i
        for i, f in enumerate(facts)
        if (f.scope_places or 0) > 1
        and place_level(f) == COUNTRY
        and f.min is not None
        and f.min == f.max
        and f.start is not None
        and f.end is not None
    ]
    if not candidates:
        return {}
    origins = {facts[i].origin for i in candidates}
    same: dict[tuple, list[ClaimFact]] = {}
    for f in facts:
        exact = f.min is not None and f.min == f.max
        if (
            f.origin in origins
            and exact
            and not (f.negated or f.denial or f.count_kind == "subset")
        ):
            same.setdefault((f.origin, f.category, f.country), []).append(f)
    found: dict[int, frozenset[int]] = {}
    for i in candidates:
        rest = facts[i]
        peers = same.get((rest.origin, rest.category, rest.country), [])
        within = [
            f
            for f in peers
            if f.start is not None
            and f.end is not None
            and rest.start <= f.start  # type: ignore[operator]
            and f.end <= rest.end  # type: ignore[operator]
        ]
        rows = [f for f in within if f.city is not None and (f.scope_places or 1) <= 1]
        named = sum(f.min for f in rows)  # type: ignore[misc]
        totals = {
            f.min
            for f in within
            if place_level(f) == COUNTRY and f.scope_places is None and f.end == rest.end
        }
        if rows and named + rest.min in totals:  # type: ignore[operator]
            found[i] = frozenset(f.city for f in rows)  # type: ignore[misc]
    return found


def _place_key(f: ClaimFact) -> tuple:
    """(category, country, admin1, city) of the claim's finest place."""
    return (f.category, f.country, f.admin1, f.city)


def _containing(f: ClaimFact) -> tuple[tuple, ...]:
    """Place keys of the claim's place and of each place that contains it."""
    keys = [(f.category, f.country, None, None)]
    if f.admin1 is not None:
        keys.append((f.category, f.country, f.admin1, None))
        if f.city is not None:
            keys.append(_place_key(f))
    return tuple(keys)


def _place_fits(a: ClaimFact, b: ClaimFact) -> bool:
    """Same place or one contains the other; a claim without a place fits any."""
    if a.country is None or b.country is None:
        return True
    if a.country != b.country:
        return False
    if a.admin1 is not None and b.admin1 is not None and a.admin1 != b.admin1:
        return False
    return a.city is None or b.city is None or a.city == b.city


def _proposal(
    facts: Sequence[ClaimFact], members: list[int], notes: dict[int, str], gap: int, ratio: float
) -> Proposal:
    members = sorted(members)
    fs = [facts[i] for i in members]
    ids = tuple(f.id for f in fs)
    extra = [notes[i] for i in members if i in notes]
    if len(fs) == 1:
        return Proposal(ids, 1.0, ("one claim", *extra))
    core = [f for f in fs if f.count_kind != "subset"] or fs
    counting = [f for f in core if not (f.negated or f.denial)]
    place, place_why = _place_part(core)
    when, when_why = _time_part(core, gap)
    size, size_why = _interval_part(counting, ratio)
    origins = independent_origins((f.origin, f.voice) for f in counting)
    reasons = [place_why, when_why]
    if size_why:
        reasons.append(size_why)
    reasons.append(f"{origins} independent origins" if origins != 1 else "1 origin")
    for label, n in (
        ("denial(s) shown, not counted", sum(f.denial for f in core)),
        ("claim(s) of none, not counted", sum(f.negated and not f.denial for f in core)),
        ("subset claim(s), not summed", len(fs) - len(core)),
    ):
        if n:
            reasons.append(f"{n} {label}")
    score = round(0.4 * place + 0.3 * when + 0.3 * size, 3)
    return Proposal(ids, score, (*reasons, *extra))


def _place_name(f: ClaimFact) -> str:
    if f.city is not None:
        return f.place_name or f"city {f.city}"
    return f.admin1 or f.country or "?"


def _place_part(fs: list[ClaimFact]) -> tuple[float, str]:
    by_level: dict[str | None, ClaimFact] = {}
    for f in fs:
        by_level.setdefault(place_level(f), f)
    order = (CITY, ADMIN1, COUNTRY)
    if not any(lv in by_level for lv in order):
        return 0.0, "no place stated"
    finest = next(lv for lv in order if lv in by_level)
    coarsest = next(lv for lv in reversed(order) if lv in by_level)
    fine, coarse = _place_name(by_level[finest]), _place_name(by_level[coarsest])
    label = _LEVEL_NAME
    if finest == coarsest:
        why = f"same {label[finest]}: {fine}"
    else:
        why = f"{label[coarsest]} contains {label[finest]}: {coarse} ⊃ {fine}"
    return _PLACE_SCORE[(finest, coarsest)], why


def _time_part(fs: list[ClaimFact], gap: int) -> tuple[float, str]:
    # a claim dated only by its report says when it was told, not when it happened
    fs = [f for f in fs if f.start is not None] or fs
    latest_start = max(_start(f) for f in fs)
    earliest_end = min(_end(f) for f in fs)
    if latest_start <= earliest_end:
        span = (
            str(latest_start)
            if latest_start == earliest_end
            else f"{latest_start} – {earliest_end}"
        )
        return 1.0, f"dates overlap: {span}"
    apart = (latest_start - earliest_end).days
    part = max(0.0, 1 - apart / (gap + 1))
    unit = "day" if apart == 1 else "days"
    return part, f"dates {apart} {unit} apart: {earliest_end} – {latest_start}"


def _start(f: ClaimFact) -> date:
    return f.start or f.end or date.min


def _end(f: ClaimFact) -> date:
    return f.end or f.start or date.max


def _interval_part(fs: list[ClaimFact], ratio: float) -> tuple[float, str | None]:
    if not fs:
        return 1.0, None
    if len({(f.min, f.max) for f in fs}) == 1:
        return 1.0, f"same figure: {fmt_interval(fs[0].min, fs[0].max)}"
    high = max(fs, key=lambda f: f.min or 0)  # the highest lower bound
    low = min(fs, key=lambda f: _OPEN if f.max is None else f.max)  # the lowest upper bound
    max_lo, min_hi = high.min or 0, _OPEN if low.max is None else low.max
    if low is high:  # it overlaps everything: show it against a different figure
        low = next(f for f in fs if (f.min, f.max) != (high.min, high.max))
    a, b = sorted((high, low), key=fs.index)
    pair = f"{fmt_interval(a.min, a.max)} vs {fmt_interval(b.min, b.max)}"
    if max_lo <= min_hi:
        return 1.0, f"intervals overlap: {pair}"
    if min_hi == 0:
        return 0.0, f"intervals apart: {pair}"
    times = max_lo / min_hi
    part = max(0.0, 1 - math.log(times) / math.log(ratio)) if ratio > 1 else 0.0
    return part, f"intervals apart: {pair} (×{times:.1f})"
