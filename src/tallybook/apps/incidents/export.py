"""Incidents and their claims as the analytics export contract (tallybook.analytics.export)."""

from __future__ import annotations

from django.db.models import Q

from tallybook.analytics.export import ClaimRow, IncidentRow, period_columns
from tallybook.core import gazetteer
from tallybook.core.corroborate.voices import independence_key

from .facts import claims_for_facts, facts_for
from .models import Incident


def export_records(*, confirmed_only: bool = False) -> tuple[list[IncidentRow], list[ClaimRow]]:
    incidents = Incident.objects.select_related("place")
    if confirmed_only:
        incidents = incidents.filter(confirmed=True)
    g = gazetteer.Gazetteer.default()
    incident_rows = []
    for inc in incidents.order_by("id"):
        place = inc.place
        country = (place.country or None) if place else None
        country_place = g.country(country) if country else None
        incident_rows.append(
            IncidentRow(
                incident_id=str(inc.pk),
                category=inc.category,
                min=inc.min,
                max=inc.max,
                point=inc.point,
                country=country,
                country_name=country_place.name if country_place else country,
                admin1=(place.admin1 or None) if place else None,
                admin1_name=(place.admin1_name or None) if place else None,
                city_id=place.geonameid if place and place.kind == "city" else None,
                city_name=place.name if place and place.kind == "city" else None,
                **dict(
                    zip(
                        ("day", "week", "month", "year"),
                        # "Killed by 25 November": no start is known, only the
                        # date it had happened by, which places it in a period.
                        period_columns(inc.date_start or inc.date_end),
                        strict=True,
                    )
                ),
            )
        )
    claims = claims_for_facts().filter(~Q(incident=None))
    if confirmed_only:
        claims = claims.filter(incident__confirmed=True)
    claims = list(claims.order_by("id"))
    claim_rows = [
        ClaimRow(
            claim_id=f.id,
            incident_id=str(c.incident_id),
            origin_id=independence_key(f.origin, f.voice),
            category=c.category,
        )
        for c, f in zip(claims, facts_for(claims), strict=True)
    ]
    return incident_rows, claim_rows
