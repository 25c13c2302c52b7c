"""ClaimFact: the part of a claim that corroboration needs, flat and frozen."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

ASSERTS, REPORTS, DENIES, DISPUTES = "asserts", "reports", "denies", "disputes"
DENIALS = frozenset({DENIES, DISPUTES})


@dataclass(frozen=True, slots=True)
class ClaimFact:
    """One claim, with its origin and voice already resolved.

    `origin` is the id of the claim's document's origin (`cluster_origins`);
    `voice` is the root of its claimant's affiliation (`voice_of`), or None
    when no claimant is known. `start`/`end` cover the whole stated period
    (`period_bounds`). `city` is a GeoNames id.
    """

    id: str
    category: str
    unit: str
    min: int | None
    max: int | None
    point: int | None
    country: str | None
    admin1: str | None
    city: int | None
    precision: str
    start: date | None
    end: date | None
    as_of: bool
    count_kind: str
    negated: bool
    hedged: bool
    stance: str | None
    origin: str
    voice: str | None
    claimant_kind: str | None
    scope_places: int | None
    place_name: str | None = None  # for reasons only ("same city: Zahedan")

    @property
    def denial(self) -> bool:
        return self.stance in DENIALS


def period_bounds(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """First and last day covered by "YYYY", "YYYY-MM" or "YYYY-MM-DD" values.

    `start` takes the first day of its period, `end` the last of its own:
    ("2022-09", None) → (2022-09-01, 2022-09-30), so a bare month is a month
    long; a missing end is read as the end of the start's period.
    """
    if start and not end:
        end = start
    first = _bound(start, last=False) if start else None
    last = _bound(end, last=True) if end else None
    return first, last


def _bound(value: str, *, last: bool) -> date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        year, month = parts
        return date(year, month, calendar.monthrange(year, month)[1] if last else 1)
    if len(parts) == 1:
        return date(parts[0], 12, 31) if last else date(parts[0], 1, 1)
    raise ValueError(f"not a YYYY, YYYY-MM or YYYY-MM-DD date: {value!r}")


# A count over a longer period than this is a tally, not one event.
MAX_INCIDENT_DAYS = 7
CITY, ADMIN1, COUNTRY = "city", "admin1", "country"


def days(fact: ClaimFact) -> int | None:
    """Length of the stated period in days (1 for one day), or None when open."""
    if fact.start is None or fact.end is None:
        return None
    return (fact.end - fact.start).days + 1


def is_aggregate(fact: ClaimFact) -> bool:
    """Whether a claim is a tally over places or a period rather than one event.

    - spread over several places ("in 342 cities": `scope_places` > 1);
    - over a period longer than MAX_INCIDENT_DAYS, at any place level ("in
      October", "from 2009 to 2020", "in the past month");
    - a running total (`as_of`, or `count_kind` cumulative: "the toll rose
      to", "so far"), unless its period is known and short: "the toll from
      Friday's attack rose to 41" (start and end within MAX_INCIDENT_DAYS)
      is the latest count of one event.
    """
    if fact.scope_places is not None and fact.scope_places > 1:
        return True
    span = days(fact)
    if span is not None and span > MAX_INCIDENT_DAYS:
        return True
    if fact.as_of or fact.count_kind == "cumulative":
        return span is None
    return False


def place_record(fact: ClaimFact) -> bool:
    """One place's count over a known period longer than an incident ("Rasht: 19
    killed, 17 September – 31 December"; "at least 11 fuel porters were shot dead in
    Sistan and Baluchestan in 2025"): an aggregate of that place's events, which
    stands as the place's record for the period where none of them is known."""
    span = days(fact)
    return (
        place_level(fact) is not None
        and (fact.scope_places or 1) <= 1
        and fact.count_kind != "subset"
        and span is not None
        and span > MAX_INCIDENT_DAYS
    )


def figure(fact: ClaimFact) -> int | None:
    """The largest number a claim states: its upper bound, else its lower ("at least 41")."""
    return fact.max if fact.max is not None else fact.min


def place_level(fact: ClaimFact) -> str | None:
    """The finest place the claim names: CITY, ADMIN1, COUNTRY or None."""
    if fact.city is not None:
        return CITY
    if fact.admin1 is not None:
        return ADMIN1
    if fact.country is not None:
        return COUNTRY
    return None


def fmt_interval(lo: int | None, hi: int | None) -> str:
    """ "35–96"; an unstated lower bound is 0, an open upper bound ∞."""
    return f"{0 if lo is None else lo}–{'∞' if hi is None else hi}"
