"""An incident's figures from its claims, as Iraq Body Count does.

Which claims size the incident (*counting* claims): those that assert or
report a figure (stance asserts, reports or none), are not negated, are
not subsets, are not superseded and are not partial. Hedged claims ("feared
dead", "reportedly") size it only when no claim states a figure without a
hedge; they are shown with the others.

- superseded: a running total (`as_of`) gives way to the same voice's later
  count for the same place: a group's table "as of 29 November" to its table
  "as of 31 December", a thread's "6 confirmed dead so far" to the group's
  count for the whole two days. The later count covers the same deaths and more.
- partial: a count for part of the period of another counting claim, below
  that claim's lower bound: "two shot dead in Saqqez on 20 September" beside
  "Saqqez: 9 killed, 17 September – 31 December". It counts some of the same
  deaths, so it neither lowers min nor stands as a rival figure.

- `min`: the lowest lower bound among counting claims. A claim without a
  lower bound ("up to 40") does not pull it down; if no counting claim
  states one, min is 0.
- `max`: the largest figure stated, as Iraq Body Count records it: "at least
  23" beside "23 killed" gives 23. It is open (None) only when the largest
  figure is stated only as a lower bound ("at least 41" beside "12").
- `point`: the conservative figure: the lowest point among them (held
  inside [min, max]); None when no counting claim has a point.

Claims that are shown but never set the range (`competing`):

- denials and disputes ("officials denied that 40 were killed"): a
  competing figure, not a count;
- negated claims ("no one was killed"): a figure of 0 that contests the
  others. With no counting claim at all, the negation alone gives 0–0.

Status, from the independence rule of `voices.py`:

- `contested`: two figures (counting or negated) disagree and come from
  independent sources (`voices.independence_key`: different voices, or,
  where a voice is missing, different origins). Figures disagree when the higher lower
  bound exceeds the lower upper bound by more than `tolerance` (25%): 40
  and 42 agree, 12 and 96 do not, 0 and 12 do not. A denial or dispute
  from a source independent of a counting claim also contests it.
- `corroborated`: otherwise, at least two independent origins among the
  counting claims;
- `single_origin`: otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .facts import ClaimFact, days, figure, fmt_interval
from .voices import independence_key, independent_origins

SINGLE_ORIGIN, CORROBORATED, CONTESTED = "single_origin", "corroborated", "contested"


@dataclass(frozen=True)
class Figures:
    min: int | None
    max: int | None
    point: int | None
    origins: int  # independent origins among counting claims
    claims: int
    status: str  # SINGLE_ORIGIN, CORROBORATED or CONTESTED
    reasons: tuple[str, ...]
    competing: tuple[str, ...] = ()  # ids of denials and negations: shown, not sizing


def incident_figures(facts: Sequence[ClaimFact], *, tolerance: float = 0.25) -> Figures:
    later = _later_counts(facts)
    counting: list[ClaimFact] = []
    superseded: list[ClaimFact] = []
    for f in facts:
        if _counts(f):
            (superseded if _superseded(f, later) else counting).append(f)
    partial = _partial(counting)
    counting = [f for f in counting if f not in partial]
    # "up to 12 feared dead" does not widen what stated figures say
    counting = [f for f in counting if not f.hedged] or counting
    negated = [f for f in facts if f.negated and not f.denial]
    denials = [f for f in facts if f.denial]
    sizing = counting or negated
    lo, hi, point = _range(sizing)
    origins = independent_origins((f.origin, f.voice) for f in sizing)
    reasons: list[str] = []
    if sizing:
        reasons.append(f"range {fmt_interval(lo, hi)} from {len(sizing)} claim(s)")
    reasons.append(f"{origins} independent origins" if origins != 1 else "1 origin")
    if superseded:
        reasons.append(f"{len(superseded)} earlier running total(s) superseded by the same voice")
    if partial:
        reasons.append(f"{len(partial)} count(s) for part of the period, not summed")
    conflict = _conflict(counting + negated, denials, tolerance)
    if conflict:
        status = CONTESTED
        reasons.append(conflict)
    else:
        status = CORROBORATED if origins >= 2 else SINGLE_ORIGIN
    competing = tuple(f.id for f in facts if f.denial or (f.negated and counting))
    return Figures(lo, hi, point, origins, len(facts), status, tuple(reasons), competing)


def _total_key(f: ClaimFact) -> tuple:
    """What a running total counts: one voice's total for one place and scope."""
    return (f.voice, f.country, f.admin1, f.city, f.precision, f.scope_places)


def _later_counts(facts: Sequence[ClaimFact]) -> dict[tuple, list[ClaimFact]]:
    """(voice, place) → that voice's counts there, for the running totals among `facts`."""
    by: dict[tuple, list[ClaimFact]] = {}
    for f in facts:
        if f.voice is not None and f.end is not None and _counts(f):
            by.setdefault(_total_key(f), []).append(f)
    return by


def _superseded(f: ClaimFact, by: dict[tuple, list[ClaimFact]]) -> bool:
    """A running total that the same voice's later count for the same place covers:
    a later running total, or a count for a period that takes in the whole of it."""
    if not f.as_of or f.voice is None or f.end is None:
        return False
    return any(
        g.end > f.end  # type: ignore[operator]
        if g.as_of
        else g.end >= f.end and g.start is not None and f.start is not None and g.start <= f.start  # type: ignore[operator]
        for g in by.get(_total_key(f), ())
        if g is not f
    )


def _partial(counting: Sequence[ClaimFact]) -> set[ClaimFact]:
    """Counts for part of another counting claim's period, below its lower bound."""
    wholes = [g for g in counting if (days(g) or 0) > 1 and g.min]
    if not wholes:
        return set()
    return {
        f
        for f in counting
        if f.start is not None
        and f.end is not None
        and (n := figure(f)) is not None
        and any(
            g.start <= f.start  # type: ignore[operator]
            and f.end <= g.end  # type: ignore[operator]
            and days(f) < days(g)  # type: ignore[operator]
            and n < g.min  # type: ignore[operator]
            and _within(f, g)
            for g in wholes
        )
    }


def _within(f: ClaimFact, g: ClaimFact) -> bool:
    """f's place is g's place or inside it."""
    return (
        f.country == g.country
        and (g.admin1 is None or f.admin1 == g.admin1)
        and (g.city is None or f.city == g.city)
    )


def _counts(f: ClaimFact) -> bool:
    return not (f.negated or f.denial or f.count_kind == "subset")


def _range(fs: Sequence[ClaimFact]) -> tuple[int | None, int | None, int | None]:
    if not fs:
        return None, None, None
    if any(f.negated for f in fs):
        return 0, 0, 0  # only negations size this incident
    lows = [f.min for f in fs if f.min is not None]
    lo = min(lows) if lows else 0
    closed = [f.max for f in fs if f.max is not None]
    # the largest figure stated; open when it is stated only as "at least"
    hi = max(closed) if closed and max(closed) >= max(lows, default=0) else None
    points = [f.point for f in fs if f.point is not None]
    if not points:
        return lo, hi, None
    point = max(min(points), lo)
    return lo, hi, point if hi is None else min(point, hi)


def _bounds(f: ClaimFact) -> tuple[float, float]:
    if f.negated:
        return 0.0, 0.0
    return float(f.min or 0), math.inf if f.max is None else float(f.max)


def _conflict(figures: list[ClaimFact], denials: list[ClaimFact], tolerance: float) -> str | None:
    """A reason when independent sources disagree; None when none do."""
    if len(figures) + len(denials) < 2:
        return None
    independent = _Independence([*figures, *denials])
    # Distinct (interval, source) pairs keep this small when copies repeat a figure.
    seen: dict[tuple, ClaimFact] = {}
    for f in figures:
        seen.setdefault((_bounds(f), f.voice, independent.component(f)), f)
    distinct = sorted(seen.values(), key=_bounds)
    for a_i, a in enumerate(distinct):
        a_hi = _bounds(a)[1]
        if a_hi == math.inf:
            continue  # open above: overlaps everything after it
        for b in distinct[a_i + 1 :]:
            if _bounds(b)[0] > math.ceil(a_hi * (1 + tolerance)) and independent(a, b):
                return f"contested: {_label(a)} vs {_label(b)}"
    for d in denials:
        for f in figures:
            if not f.negated and independent(d, f):
                return f"contested: {_label(d)} disputes {_label(f)}"
    return None


def _label(f: ClaimFact) -> str:
    who = f.claimant_kind or f.voice or f.origin
    figure = "0" if f.negated else fmt_interval(f.min, f.max)
    return f"{figure} ({who})"


class _Independence:
    """Whether two claims come from independent sources: `voices.independence_key` differs."""

    def __init__(self, facts: list[ClaimFact]) -> None:
        del facts  # the key needs nothing beyond the claim itself

    def component(self, f: ClaimFact) -> str:
        return independence_key(f.origin, f.voice)

    def __call__(self, a: ClaimFact, b: ClaimFact) -> bool:
        return self.component(a) != self.component(b)
