"""What a release publishes: reviewed claims from public sources, and what follows from them.

Built by `tallybook.apps.publishing.snapshot` from the database; nothing in
here can hold a restricted source, an unreviewed claim, a person from a list,
a user or a custody record, because there is no field for any of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class PubPlace:
    key: str  # "city:1159301", "admin1:IR-11", "country:IR"
    slug: str  # file name stem: "city-1159301-zahedan"
    kind: str  # city, admin1, country
    name: str
    country: str
    admin1: str
    lat: float | None
    lon: float | None
    parent: str | None  # key of the enclosing place

    @property
    def kind_label(self) -> str:
        return {"admin1": "province", "city": "city", "country": "country"}.get(self.kind, "")

    @property
    def url(self) -> str:
        return f"places/{self.slug}.html"


@dataclass(frozen=True, slots=True)
class PubSource:
    id: int
    slug: str  # the first 16 hex digits of its SHA-256
    sha256: str
    title: str
    publisher: str
    url: str
    published: str | None  # YYYY-MM-DD
    language: str
    media_type: str

    @property
    def page(self) -> str:
        return f"sources/{self.slug}.html"


@dataclass(frozen=True, slots=True)
class PubClaimant:
    id: int
    slug: str
    name: str
    kind: str  # Actor.Kind value
    kind_label: str  # official, state media, NGO, opposition, media, other
    affiliation: int | None  # id of the claimant it belongs to (one voice)

    @property
    def url(self) -> str:
        return f"claimants/{self.slug}.html"


@dataclass(frozen=True, slots=True)
class PubClaim:
    id: int  # the database's; never published (gaps would count what is withheld)
    ref: str  # the published id: opaque, stable while the release key stays
    source: int
    incident: int | None
    category: str
    unit: str
    min: int | None
    max: int | None
    point: int | None
    exact: bool
    qualifier: str
    place: str | None  # PubPlace key
    place_name: str
    precision: str
    time_start: str
    time_end: str
    as_of: bool
    count_kind: str
    attribution_name: str
    attribution_verb: str
    attribution_via: str
    stance: str
    claimant: int | None
    negated: bool
    hedged: bool
    quote: str
    span_start: int
    span_end: int
    status: str  # accepted or edited
    origin_group: str  # opaque: claims with the same value are one independent origin
    aggregate: bool  # a running total or multi-place tally, not one event

    @property
    def month(self) -> str:
        return (self.time_end or self.time_start)[:7] or "undated"


@dataclass(frozen=True, slots=True)
class PubIncident:
    id: int  # never published, like PubClaim.id
    ref: str
    title: str
    category: str
    place: str | None
    date_start: str | None
    date_end: str | None
    min: int | None  # recomputed from the published claims only
    max: int | None
    point: int | None
    origins: int
    status: str
    claims: tuple[int, ...]
    tags: tuple[str, ...] = ()  # tag slugs

    @property
    def url(self) -> str:
        return f"incidents/{self.ref}.html"

    @property
    def month(self) -> str:
        return (self.date_start or "")[:7] or "undated"


@dataclass(frozen=True)
class Snapshot:
    places: dict[str, PubPlace]
    sources: dict[int, PubSource]
    claimants: dict[int, PubClaimant]
    claims: dict[int, PubClaim]
    incidents: dict[int, PubIncident]
    tags: dict[str, str]  # slug -> name
    release_date: str  # YYYY-MM-DD, from the data or given
    title: str = "tallybook"
    extra: dict = field(default_factory=dict)
    # claim id → its ClaimFact (core.corroborate.facts), for figures set side by side
    facts: dict = field(default_factory=dict)


def interval_label(lo: int | None, hi: int | None) -> str:
    """ "12", "12–40", "at least 40", "at most 50", as a reader says a range."""
    if lo is not None and lo == hi:
        return f"{lo:,}"
    if hi is None:
        return f"at least {lo:,}" if lo is not None else "unknown"
    if lo is None:
        return f"at most {hi:,}"
    return f"{lo:,}–{hi:,}"
