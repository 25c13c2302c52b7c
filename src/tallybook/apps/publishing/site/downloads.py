"""The data downloads: claims, incidents, sources and tallies as CSV, JSON and GeoJSON."""

from __future__ import annotations

from collections.abc import Iterator

from tallybook.analytics.tally import TallyRow
from tallybook.publish import data as datafiles
from tallybook.publish.model import (
    PubClaim,
    PubIncident,
)

from .base import (
    Site,
)

CLAIM_COLUMNS = (
    "claim_id",
    "incident_id",
    "category",
    "unit",
    "min",
    "max",
    "point",
    "exact",
    "qualifier",
    "place_key",
    "place_name",
    "precision",
    "time_start",
    "time_end",
    "as_of",
    "count_kind",
    "claimant",
    "claimant_kind",
    "attribution_name",
    "attribution_verb",
    "attribution_via",
    "stance",
    "negated",
    "hedged",
    "aggregate",
    "origin_group",
    "review_status",
    "quote",
    "span_start",
    "span_end",
    "source_sha256",
)
INCIDENT_COLUMNS = (
    "incident_id",
    "title",
    "category",
    "min",
    "max",
    "point",
    "status",
    "origins",
    "claims",
    "date_start",
    "date_end",
    "place_key",
    "place_name",
    "country",
    "admin1",
    "lat",
    "lon",
    "tags",
    "claim_ids",
)
SOURCE_COLUMNS = ("sha256", "title", "publisher", "url", "published", "language", "media_type")


def _claim_record(site: Site, c: PubClaim) -> dict:
    who = site.snap.claimants.get(c.claimant) if c.claimant is not None else None
    s = site.snap.sources[c.source]
    return {
        "claim_id": c.ref,
        "incident_id": site.snap.incidents[c.incident].ref
        if c.incident in site.snap.incidents
        else None,
        "category": c.category,
        "unit": c.unit,
        "min": c.min,
        "max": c.max,
        "point": c.point,
        "exact": c.exact,
        "qualifier": c.qualifier or None,
        "place_key": c.place,
        "place_name": c.place_name or None,
        "precision": c.precision,
        "time_start": c.time_start or None,
        "time_end": c.time_end or None,
        "as_of": c.as_of,
        "count_kind": c.count_kind,
        "claimant": who.name if who else None,
        "claimant_kind": who.kind_label if who else None,
        "attribution_name": c.attribution_name or None,
        "attribution_verb": c.attribution_verb or None,
        "attribution_via": c.attribution_via or None,
        "stance": c.stance or None,
        "negated": c.negated,
        "hedged": c.hedged,
        "aggregate": c.aggregate,
        "origin_group": c.origin_group,
        "review_status": c.status,
        "quote": c.quote,
        "span_start": c.span_start,
        "span_end": c.span_end,
        "source_sha256": s.sha256,
    }


def _incident_record(site: Site, i: PubIncident) -> dict:
    p = site.snap.places.get(i.place) if i.place else None
    return {
        "incident_id": i.ref,
        "title": i.title,
        "category": i.category,
        "min": i.min,
        "max": i.max,
        "point": i.point,
        "status": i.status,
        "origins": i.origins,
        "claims": len(i.claims),
        "date_start": i.date_start,
        "date_end": i.date_end,
        "place_key": i.place,
        "place_name": p.name if p else None,
        "country": (p.country or None) if p else None,
        "admin1": (p.admin1 or None) if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "tags": list(i.tags),
        "claim_ids": [site.snap.claims[c].ref for c in i.claims],
    }


def _data_files(site: Site) -> Iterator[tuple[str, bytes]]:
    claims = [_claim_record(site, site.snap.claims[k]) for k in sorted(site.snap.claims)]
    yield "data/claims.csv", datafiles.to_csv(CLAIM_COLUMNS, claims)
    yield "data/claims.json", datafiles.to_json(claims)
    del claims
    incidents = [_incident_record(site, i) for i in site.incidents]
    yield "data/incidents.csv", datafiles.to_csv(INCIDENT_COLUMNS, incidents)
    yield "data/incidents.json", datafiles.to_json(incidents)
    yield (
        "data/incidents.geojson",
        datafiles.to_geojson(
            (r["lon"], r["lat"], {k: v for k, v in r.items() if k not in ("lat", "lon")})
            for r in incidents
            if r["lat"] is not None and r["lon"] is not None
        ),
    )
    del incidents
    sources = [
        {k: getattr(s, k) for k in SOURCE_COLUMNS}
        for s in sorted(site.snap.sources.values(), key=lambda s: s.sha256)
    ]
    yield "data/sources.csv", datafiles.to_csv(SOURCE_COLUMNS, sources)
    yield "data/sources.json", datafiles.to_json(sources)
    tallies = [
        r._asdict()
        for level in ("country", "province", "city")
        for r in site.tallies[level, "month"]
    ]
    yield "data/tallies-month.csv", datafiles.to_csv(TallyRow._fields, tallies)
    yield "data/tallies-month.json", datafiles.to_json(tallies)
