"""Range charts and maps for pages, from tallies (SVG drawn by tallybook.publish.svg)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from tallybook.analytics.series import periods_between
from tallybook.analytics.tally import TallyRow
from tallybook.publish import svg
from tallybook.publish.model import (
    PubIncident,
    interval_label,
)

from .base import (
    Site,
    _num,
)


def _series_bars(rows: Sequence[TallyRow], period: str) -> list[svg.Bar]:
    dated = [r for r in rows if r.period != "unknown"]
    if not dated:
        return []
    by_period: dict[str, list[TallyRow]] = defaultdict(list)
    for r in dated:
        by_period[r.period].append(r)
    bars = []
    for p in periods_between(period, min(by_period), max(by_period)):
        rs = by_period.get(p, [])
        lo = sum(r.min for r in rs)
        hi = None if any(r.max is None for r in rs) else sum(r.max or 0 for r in rs)
        n = sum(r.incidents for r in rs)
        bars.append(svg.Bar(p, lo, hi, sum(r.point for r in rs), f"{n} incident(s)"))
    return bars


def _charts(site: Site, rows_for, ident: str, where: str) -> list[dict]:
    """One range chart per category: by month, or by year when months would be too many."""
    charts = []
    for cat in site.categories:
        rows = [r for r in rows_for("month") if r.category == cat]
        if not rows:
            continue
        period = "month"
        dated = sorted(r.period for r in rows if r.period != "unknown")
        if dated and len(list(periods_between("month", dated[0], dated[-1]))) > 60:
            period = "year"
            rows = [r for r in rows_for("year") if r.category == cat]
        bars = _series_bars(rows, period)
        if not bars:
            continue
        title = f"{cat} in {where}, by {period}"
        desc = (
            f"Bars run from the lowest to the highest figure of the incidents in each {period}; "
            "the dark tick is the conservative point; hatched bars are open above."
        )
        charts.append(
            {
                "category": cat,
                "title": title,
                "svg": svg.range_chart(bars, title=title, desc=desc, ident=f"{ident}-{cat}"),
                "rows": [
                    {
                        "period": b.label,
                        "range": interval_label(b.min, b.max),
                        "point": _num(b.point),
                    }
                    for b in bars
                    if b.point or b.min or b.max
                ],
            }
        )
    return charts


def _map(site: Site, incs: Sequence[PubIncident], *, ident: str, title: str) -> str:
    """Incidents per mapped place: a city, else a province (marked as such)."""
    counts: dict[str, int] = defaultdict(int)
    for inc in incs:
        if inc.place is None:
            continue
        place = site.snap.places[inc.place]
        if place.kind in ("city", "admin1") and place.lat is not None:
            counts[place.key] += 1
    unmapped = len(incs) - sum(counts.values())
    points = []
    for key, n in counts.items():
        p = site.snap.places[key]
        name = p.name if p.kind == "city" else f"{p.name} (province)"
        points.append(
            svg.MapPoint(name, p.lat, p.lon, n, f"{name}: {n} incident(s)", "{root}" + p.url)
        )
    desc = (
        f"{len(points)} places, each circle sized by its number of incidents; "
        f"{unmapped} incident(s) placed only at country level or not at all are not drawn."
    )
    return svg.point_map(points, title=title, desc=desc, ident=ident)


def _with_root(markup: str, root: str) -> str:
    return markup.replace("{root}", root)
