"""Aggregates: running totals and tallies, beside each other and beside incidents.

An aggregate claim ("more than 69,800 in 342 cities as of 12 July") is
not summed into incidents (`is_aggregate`). Instead it is

- compared with the sum of incident figures for the same category, place
  and period (`compare_aggregates`, `sum_incidents`), the gap shown as the
  ratio aggregate point / incidents point;
- set beside the other aggregates for the same category, place and period,
  each figure with its claimant kind and sources (`side_by_side`).

Nothing picks a winner: every claim stays, figures are ordered by claimant
kind (official, state media, NGO, opposition, media, other) and then by
figure. Claims without a place or an end date have no scope and are left
out of both.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from .facts import ADMIN1, CITY, COUNTRY, ClaimFact

KIND_LABELS = {
    "government": "official",
    "state_media": "state media",
    "ngo": "NGO",
    "political_group": "opposition",
    "media": "media",
    "individual": "other",
    "other": "other",
}
KIND_ORDER = ("official", "state media", "NGO", "opposition", "media", "other")


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "other", "other")


class Totals(NamedTuple):
    min: int | None
    max: int | None
    point: int | None


@dataclass(frozen=True)
class Scope:
    """A category at a place over a period; start None means "up to end"."""

    category: str
    level: str  # CITY, ADMIN1 or COUNTRY
    code: str  # GeoNames id (as text), ISO 3166-2 or ISO 3166-1 code
    start: date | None
    end: date

    @property
    def period(self) -> str:
        s, e = self.start, self.end
        if s is None:
            return f"to {e.isoformat()}"
        if s == e:
            return s.isoformat()
        if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year:
            return str(s.year)
        if s.day == 1 and (s.year, s.month) == (e.year, e.month) and e.day == _month_end(e).day:
            return f"{s:%Y-%m}"
        return f"{s.isoformat()}/{e.isoformat()}"


def _month_end(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _place(fact: ClaimFact) -> tuple[str, str] | None:
    if fact.city is not None:
        return CITY, str(fact.city)
    if fact.admin1 is not None:
        return ADMIN1, fact.admin1
    if fact.country is not None:
        return COUNTRY, fact.country
    return None


def scope_of(fact: ClaimFact) -> Scope | None:
    """The claim's own category, place and period; running totals start open."""
    place = _place(fact)
    if place is None or fact.end is None:
        return None
    start = None if fact.as_of else fact.start
    return Scope(fact.category, *place, start, fact.end)


def month_scope(fact: ClaimFact) -> Scope | None:
    """Like `scope_of`, but running totals are taken to the end of their month.

    So an official total "as of 10 October" and an NGO total "as of 12
    October" for one province are set side by side.
    """
    scope = scope_of(fact)
    if scope is None or not fact.as_of:
        return scope
    return Scope(scope.category, scope.level, scope.code, None, _month_end(scope.end))


@dataclass(frozen=True)
class IncidentSummary:
    """What `sum_incidents` needs of an incident: where, when, what, how many."""

    category: str
    country: str | None
    admin1: str | None
    city: int | None
    start: date | None
    end: date | None
    figures: Totals


def sum_incidents(
    incidents: Iterable[IncidentSummary], scopes: Iterable[Scope]
) -> dict[Scope, Totals]:
    """For each scope, the summed figures of the incidents inside it.

    Inside means: the same category, the incident's place within the scope's
    place, and its dates within the scope's period. Incidents without dates,
    or placed more coarsely than the scope, are not counted. Sums: min adds
    mins (none → 0), max is open if any incident's is, point adds points
    (none → the incident's min).
    """
    by_place: dict[tuple[str, str, str], list[Scope]] = {}
    for s in set(scopes):
        by_place.setdefault((s.category, s.level, s.code), []).append(s)
    sums: dict[Scope, list] = {}
    for inc in incidents:
        if inc.start is None or inc.end is None:
            continue
        places = [(COUNTRY, inc.country), (ADMIN1, inc.admin1)]
        if inc.city is not None:
            places.append((CITY, str(inc.city)))
        for level, code in places:
            if code is None:
                continue
            for s in by_place.get((inc.category, level, code), ()):
                if inc.end <= s.end and (s.start is None or inc.start >= s.start):
                    _add(sums.setdefault(s, [0, 0, 0]), inc.figures)
    return {s: Totals(*v) for s, v in sums.items()}


def _add(acc: list, t: Totals) -> None:
    lo = t.min or 0
    acc[0] += lo
    acc[1] = None if acc[1] is None or t.max is None else acc[1] + t.max
    acc[2] += t.point if t.point is not None else lo


@dataclass(frozen=True)
class Comparison:
    claim_id: str
    scope: Hashable
    kind: str  # claimant kind label
    aggregate: Totals
    incidents: Totals | None  # None: no incident in this scope
    ratio: float | None  # aggregate point / incidents point; None when either is missing or 0


def compare_aggregates(
    aggregates: Sequence[ClaimFact],
    incident_totals: Mapping[Hashable, tuple[int | None, int | None, int | None]],
    *,
    key_fn: Callable[[ClaimFact], Hashable | None] = scope_of,
) -> list[Comparison]:
    """Each aggregate beside the incidents' sum for its key, in input order."""
    out = []
    for f in aggregates:
        key = key_fn(f)
        if key is None:
            continue
        found = incident_totals.get(key)
        inc = Totals(*found) if found is not None else None
        ratio = None
        if f.point is not None and inc is not None and inc.point:
            ratio = f.point / inc.point
        out.append(
            Comparison(
                f.id, key, kind_label(f.claimant_kind), Totals(f.min, f.max, f.point), inc, ratio
            )
        )
    return out


@dataclass(frozen=True)
class Figure:
    """One figure of a group: one source's claims of the same interval."""

    kind: str  # claimant kind label
    voice: str | None
    min: int | None
    max: int | None
    point: int | None
    claim_ids: tuple[str, ...]
    origins: tuple[str, ...]  # the sources, as origin ids


@dataclass(frozen=True)
class FigureGroup:
    scope: Hashable
    figures: tuple[Figure, ...]
    gap: float | None  # highest point / lowest point; None with fewer than two or a 0


def side_by_side(
    aggregates: Sequence[ClaimFact],
    *,
    key_fn: Callable[[ClaimFact], Hashable | None] = month_scope,
) -> list[FigureGroup]:
    """Aggregates grouped by scope; copies of one figure from one source are one Figure."""
    groups: dict[Hashable, dict[tuple, list[ClaimFact]]] = {}
    for f in aggregates:
        key = key_fn(f)
        if key is None:
            continue
        source = ("voice", f.voice) if f.voice is not None else ("origin", f.origin)
        groups.setdefault(key, {}).setdefault((source, f.min, f.max, f.point), []).append(f)
    out = []
    for key, by_figure in groups.items():
        figures = sorted((_figure(fs) for fs in by_figure.values()), key=_figure_order)
        points = [f.point for f in figures if f.point is not None]
        gap = max(points) / min(points) if len(points) > 1 and min(points) > 0 else None
        out.append(FigureGroup(key, tuple(figures), gap))
    return out


def _figure(fs: list[ClaimFact]) -> Figure:
    f = fs[0]
    return Figure(
        kind=kind_label(f.claimant_kind),
        voice=f.voice,
        min=f.min,
        max=f.max,
        point=f.point,
        claim_ids=tuple(x.id for x in fs),
        origins=tuple(dict.fromkeys(x.origin for x in fs)),
    )


def _figure_order(f: Figure) -> tuple:
    lowest = f.point if f.point is not None else (f.min or 0)
    return (KIND_ORDER.index(f.kind), lowest, f.voice or "", f.claim_ids)
