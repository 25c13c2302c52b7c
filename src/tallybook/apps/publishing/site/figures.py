"""Competing figures: claims set side by side by claimant, never ranked."""

from __future__ import annotations

from tallybook.core.corroborate.aggregates import side_by_side
from tallybook.publish.model import (
    PubClaim,
    PubIncident,
    PubPlace,
    interval_label,
)

from .base import (
    Site,
    _num,
)


def _shown_figures(site: Site, figures) -> list[dict]:
    out = []
    for f in figures:
        claims = [site.snap.claims[int(i)] for i in f.claim_ids]
        names: dict[str, object] = {}
        for c in claims:
            who = site.snap.claimants.get(c.claimant) if c.claimant is not None else None
            label = who.name if who else (c.attribution_name or _publisher(site, c) or "author")
            names.setdefault(label, who)
        out.append(
            {
                "kind": f.kind,
                "range": interval_label(f.min, f.max),
                "point": _num(f.point),
                "claimants": list(names.items()),
                "claims": [site.claim_row(c) for c in claims],
            }
        )
    return out


def _publisher(site: Site, c: PubClaim) -> str:
    s = site.snap.sources.get(c.source)
    return s.publisher if s else ""


def _figure_groups(site: Site, category: str | None = None) -> list[dict]:
    """Running totals and tallies per category, place and month, side by side by claimant."""
    cache = site.__dict__.setdefault("_groups", None)
    if cache is None:
        facts = site.snap.facts
        aggregates = [facts[k] for k, c in sorted(site.snap.claims.items()) if c.aggregate]
        cache = []
        for g in side_by_side(aggregates):
            scope = g.scope
            place = _scope_place(site, scope.level, scope.code)
            cache.append(
                {
                    "category": scope.category,
                    "place": place,
                    "place_name": place.name if place else scope.code,
                    "period": scope.period,
                    "end": scope.end.isoformat(),
                    "figures": _shown_figures(site, g.figures),
                    "gap": f"{g.gap:.1f}" if g.gap else None,
                }
            )
        cache.sort(key=lambda g: (g["end"], g["category"], g["place_name"]), reverse=True)
        site.__dict__["_groups"] = cache
    return [g for g in cache if category is None or g["category"] == category]


def _scope_place(site: Site, level: str, code: str) -> PubPlace | None:
    key = {"city": f"city:{code}", "admin1": f"admin1:{code}", "country": f"country:{code}"}
    return site.snap.places.get(key[level])


def _incident_figures(site: Site, inc: PubIncident) -> list[dict]:
    """The incident's figures by independent source (one group: the incident)."""
    facts = [site.snap.facts[c] for c in inc.claims]
    groups = side_by_side(facts, key_fn=lambda _f: inc.id)
    return _shown_figures(site, groups[0].figures) if groups else []
