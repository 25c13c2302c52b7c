"""An incident's figures from its claims, as Iraq Body Count does.

Which claims size the incident (*counting* claims): those that assert or
report a figure (stance asserts, reports or none), are not negated, are
not subsets and are not superseded. Hedged claims ("feared dead", "reportedly")
size it only when no claim states a figure without a hedge; they are shown
with the others. A running total (`as_of`) is superseded by a later running
total from the same voice for the same place: a group's table "as of 29
November" gives way to its table "as of 31 December", which counts the same
deaths and more.

- `min`: the lowest lower bound among counting claims. A claim without a
  lower bound ("up to 40") does not pull it down; if no counting claim
  states one, min is 0.
- `max`: the highest upper bound among them; open (None) as soon as one
  counting claim is open above ("more than 40").
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
from datetime import date

from .facts import ClaimFact, fmt_interval
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
    latest = _latest_totals(facts)
    superseded = [f for f in facts if _counts(f) and _superseded(f, latest)]
    counting = [f for f in facts if _counts(f) and not _superseded(f, latest)]
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


def _latest_totals(facts: Sequence[ClaimFact]) -> dict[tuple, date]:
    """(voice, place) → the end of the latest running total among `facts`."""
    latest: dict[tuple, date] = {}
    for f in facts:
        if not (f.as_of and f.voice is not None and f.end is not None and _counts(f)):
            continue
        key = _total_key(f)
        if key not in latest or f.end > latest[key]:
            latest[key] = f.end
    return latest


def _superseded(f: ClaimFact, latest: dict[tuple, date]) -> bool:
    if not f.as_of or f.voice is None or f.end is None:
        return False
    return f.end < latest.get(_total_key(f), f.end)


def _counts(f: ClaimFact) -> bool:
    return not (f.negated or f.denial or f.count_kind == "subset")


def _range(fs: Sequence[ClaimFact]) -> tuple[int | None, int | None, int | None]:
    if not fs:
        return None, None, None
    if any(f.negated for f in fs):
        return 0, 0, 0  # only negations size this incident
    lows = [f.min for f in fs if f.min is not None]
    lo = min(lows) if lows else 0
    hi = None if any(f.max is None for f in fs) else max(f.max for f in fs if f.max is not None)
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
