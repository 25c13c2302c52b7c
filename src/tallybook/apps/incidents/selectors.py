"""Reads for corroboration: competing figures side by side, aggregates beside incidents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tallybook.apps.claims.models import Claim
from tallybook.apps.sources.models import Sensitivity
from tallybook.apps.sources.selectors import can_see_restricted
from tallybook.core import gazetteer
from tallybook.core.corroborate.aggregates import (
    Comparison,
    IncidentSummary,
    Totals,
    compare_aggregates,
    scope_of,
    side_by_side,
    sum_incidents,
)
from tallybook.core.corroborate.facts import is_aggregate

from .facts import claims_for_facts, facts_for
from .models import Incident


@dataclass(frozen=True)
class ShownFigure:
    kind: str  # official, state media, NGO, opposition, media, other
    claimants: tuple[str, ...]
    min: int | None
    max: int | None
    point: int | None
    claims: tuple[Claim, ...]  # every claim giving this figure, with its source


@dataclass(frozen=True)
class FigureRow:
    """Figures for one place, period and category, none picked as the winner."""

    title: str
    figures: tuple[ShownFigure, ...]
    gap: float | None  # highest point / lowest point


def _scope_title(scope) -> str:
    return f"{scope.category} · {place_label(scope.level, scope.code)} · {scope.period}"


def place_label(level: str, code: str) -> str:
    """ "Zahedan (city)", "Sistan and Baluchestan (IR-11)", "Iran (IR)" from a scope's code."""
    g = gazetteer.Gazetteer.default()
    if level == "city":
        place = g.by_geonameid(int(code))
        return f"{place.name} (city)" if place else f"city {code}"
    place = g.province(code) if level == "admin1" else g.country(code)
    return f"{place.name} ({code})" if place else code


def incidents_visible(user: Any):
    """Incidents a user may see: without the right to restricted sources, only those
    none of whose claims comes from a restricted source (their counts would reveal it)."""
    qs = Incident.objects.select_related("place")
    if not can_see_restricted(user):
        qs = qs.exclude(claims__source__sensitivity=Sensitivity.RESTRICTED)
    return qs


def competing_figures(
    *, category: str | None = None, user: Any = None, incident: Incident | None = None
) -> list[FigureRow]:
    """Aggregates per place and month, and each incident's figures, side by side by source.

    With `user`, only claims from sources that user may see; with `incident`, only its claims.
    """
    claims = claims_for_facts()
    if user is not None and not can_see_restricted(user):
        claims = claims.filter(source__sensitivity=Sensitivity.PUBLIC)
    if incident is not None:
        claims = claims.filter(incident=incident)
    if category:
        claims = claims.filter(category=category)
    claims = list(claims.order_by("id"))
    facts = facts_for(claims)
    by_id = {str(c.pk): c for c in claims}
    rows: list[FigureRow] = []

    aggregates = [f for f in facts if is_aggregate(f)]
    for group in side_by_side(aggregates):
        rows.append(FigureRow(_scope_title(group.scope), _shown(group.figures, by_id), group.gap))

    incident_facts: dict[int, list] = {}
    for claim, fact in zip(claims, facts, strict=True):
        if claim.incident_id and not is_aggregate(fact):
            incident_facts.setdefault(claim.incident_id, []).append(fact)
    titles = dict(Incident.objects.filter(pk__in=incident_facts).values_list("id", "title"))
    for incident_id, fs in sorted(incident_facts.items()):
        for group in side_by_side(fs, key_fn=lambda _f, i=incident_id: i):
            if len(group.figures) > 1:
                rows.append(
                    FigureRow(
                        f"incident {titles[incident_id]}", _shown(group.figures, by_id), group.gap
                    )
                )
    return rows


def _shown(figures, by_id: dict[str, Claim]) -> tuple[ShownFigure, ...]:
    shown = []
    for f in figures:
        claims = tuple(by_id[i] for i in f.claim_ids)
        names = tuple(
            dict.fromkeys(
                c.claimant.name
                if c.claimant
                else (c.attribution_name or c.source.publisher or "author")
                for c in claims
            )
        )
        shown.append(ShownFigure(f.kind, names, f.min, f.max, f.point, claims))
    return tuple(shown)


def aggregates_against_incidents(*, category: str | None = None) -> list[Comparison]:
    """Each running total or multi-place figure beside the sum of incidents in its scope."""
    claims = claims_for_facts()
    if category:
        claims = claims.filter(category=category)
    facts = [f for f in facts_for(claims) if is_aggregate(f)]
    incidents = Incident.objects.select_related("place")
    if category:
        incidents = incidents.filter(category=category)
    summaries = [
        IncidentSummary(
            category=i.category,
            country=(i.place.country or None) if i.place else None,
            admin1=(i.place.admin1 or None) if i.place else None,
            city=i.place.geonameid if i.place and i.place.kind == "city" else None,
            start=i.date_start,
            end=i.date_end or i.date_start,
            figures=Totals(i.min, i.max, i.point),
        )
        for i in incidents
    ]
    scopes = [s for s in (scope_of(f) for f in facts) if s is not None]
    return compare_aggregates(facts, sum_incidents(summaries, scopes))
