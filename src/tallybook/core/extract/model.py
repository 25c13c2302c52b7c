"""The claim record that extraction produces, and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tallybook import __version__

EXTRACTOR = f"tallybook-rules/{__version__}"


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) into the document's text."""

    start: int
    end: int


@dataclass(frozen=True)
class ClaimPlace:
    name: str | None = None
    geonameid: int | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "unknown"


@dataclass(frozen=True)
class ClaimTime:
    start: str | None = None
    end: str | None = None
    as_of: bool = False
    anchor: str = "unknown"


@dataclass(frozen=True)
class Attribution:
    name: str
    verb: str | None = None
    stance: str = "asserts"
    via: str | None = None  # the relay in "Reuters, citing three officials"


@dataclass(frozen=True)
class Claim:
    category: str
    unit: str
    min: int | None
    max: int | None
    exact: bool
    point: int | None
    qualifier: str | None
    scope_places: int | None
    place: ClaimPlace
    time: ClaimTime
    count_kind: str
    attribution: Attribution | None
    negated: bool
    hedged: bool
    span: Span
    quote: str
    source_sha256: str | None = None
    extractor: str = EXTRACTOR

    def to_dict(self) -> dict[str, Any]:
        """The claim as `claim.schema.json` spells it."""
        p, t, a = self.place, self.time, self.attribution
        return {
            "category": self.category,
            "unit": self.unit,
            "min": self.min,
            "max": self.max,
            "exact": self.exact,
            "point": self.point,
            "qualifier": self.qualifier,
            "scope_places": self.scope_places,
            "place": {
                "name": p.name,
                "geonameid": p.geonameid,
                "country": p.country,
                "admin1": p.admin1,
                "lat": p.lat,
                "lon": p.lon,
                "precision": p.precision,
            },
            "time": {"start": t.start, "end": t.end, "as_of": t.as_of, "anchor": t.anchor},
            "count_kind": self.count_kind,
            "attribution": None
            if a is None
            else {"name": a.name, "verb": a.verb, "stance": a.stance, "via": a.via},
            "negated": self.negated,
            "hedged": self.hedged,
            "span": {"start": self.span.start, "end": self.span.end},
            "quote": self.quote,
            "source_sha256": self.source_sha256,
            "extractor": self.extractor,
        }
