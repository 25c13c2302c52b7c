"""Synthetic exports for benchmarks and agreement tests: deterministic, columnar.

Shaped like the real thing: incidents spread unevenly over Iran's 31 provinces
(real ISO codes and names) and a few hundred made-up cities in each (ids
9,000,000 and up: not real GeoNames ids); dates over 2019-2026 with waves of
protest; heavy-tailed counts with some open above and some known only from
above; some incidents placed only at province or country level, or not at all,
or undated; about five claims per incident, their sources drawn from
`n_docs` documents of which many are syndicated copies of one origin, and
most claims about an incident repeat the story that broke it.
Everything is numpy, so a million claims take seconds and a few hundred MB.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

import numpy as np

from tallybook.analytics.export import CLAIMS, INCIDENTS, Columns, period_columns
from tallybook.core.gazetteer.iran import PROVINCES

CATEGORIES = (
    "arrested",
    "protests",
    "killed",
    "detained",
    "injured",
    "sentenced",
    "executed",
    "disappeared",
)
_CATEGORY_WEIGHTS = (0.30, 0.18, 0.12, 0.12, 0.10, 0.08, 0.06, 0.04)
CITIES_PER_PROVINCE = 300
FIRST_DAY, LAST_DAY = date(2019, 1, 1), date(2026, 12, 31)
# (first day, length in days, share of incidents): Nov 2019, autumn 2022, winter 2025-26.
_WAVES = (
    (date(2019, 11, 15), 15, 0.08),
    (date(2022, 9, 16), 120, 0.15),
    (date(2025, 12, 28), 30, 0.05),
)


class Synthetic(NamedTuple):
    incidents: Columns
    claims: Columns


def _ids(prefix: str, n: int) -> np.ndarray:
    return np.array([f"{prefix}{i}" for i in range(n)], dtype=object)


def _days(rng: np.random.Generator, n: int) -> np.ndarray:
    """Day offsets from FIRST_DAY; -1 for an unknown date."""
    span = (LAST_DAY - FIRST_DAY).days + 1
    days = rng.integers(0, span, n)
    pick = rng.random(n)
    edge = 0.0
    for start, length, share in _WAVES:
        inside = (pick >= edge) & (pick < edge + share)
        days[inside] = (start - FIRST_DAY).days + rng.integers(0, length, int(inside.sum()))
        edge += share
    days[rng.random(n) < 0.02] = -1
    return days


def _counts(rng: np.random.Generator, n: int) -> tuple[np.ma.MaskedArray, ...]:
    """(min, max, point): heavy-tailed; mostly exact, some ranges, some open either way."""
    low = np.floor(rng.lognormal(mean=1.0, sigma=1.4, size=n)).astype(np.int64) + 1
    kind = rng.random(n)
    ranged = (kind >= 0.60) & (kind < 0.85)  # "between A and B": point A
    up_to = (kind >= 0.85) & (kind < 0.87)  # "up to N": no lower bound, no point
    at_least = kind >= 0.87  # "at least N": open above
    high = low.copy()
    high[ranged] += (low[ranged] * rng.random(int(ranged.sum())) * 2).astype(np.int64) + 1
    mins = np.ma.MaskedArray(low, mask=up_to)
    maxs = np.ma.MaskedArray(high, mask=at_least)
    points = np.ma.MaskedArray(low.copy(), mask=up_to)
    return mins, maxs, points


def synthetic_records(
    n_claims: int = 1_000_000, n_incidents: int = 200_000, n_docs: int = 100_000, seed: int = 0
) -> Synthetic:
    """An export of `n_incidents` incidents and `n_claims` claims, the same for the same seed."""
    if n_claims < n_incidents or n_incidents < 1 or n_docs < 1:
        raise ValueError("need n_docs >= 1 and n_claims >= n_incidents >= 1")
    rng = np.random.default_rng(seed)
    n = n_incidents

    # Places: provinces weighted Zipf-like (Tehran first), cities Zipf-like within each.
    provinces = sorted(PROVINCES, key=lambda p: (p.iso != "IR-23", p.iso))
    weights = 1.0 / np.arange(1, len(provinces) + 1) ** 0.8
    province = rng.choice(len(provinces), size=n, p=weights / weights.sum())
    city_rank = np.minimum(rng.zipf(1.4, size=n) - 1, CITIES_PER_PROVINCE - 1)
    city = province * CITIES_PER_PROVINCE + city_rank
    precision = rng.random(n)  # < .72 city, < .92 province, < .98 country, else nowhere
    codes = np.array([p.iso for p in provinces] + [None], dtype=object)
    names = np.array([p.name for p in provinces] + [None], dtype=object)
    city_names = np.array(
        [f"{p.name} town {k}" for p in provinces for k in range(CITIES_PER_PROVINCE)] + [None],
        dtype=object,
    )
    in_province = np.where(precision < 0.92, province, len(provinces))
    in_city = np.where(precision < 0.72, city, len(city_names) - 1)
    in_country = precision < 0.98
    country = np.array(["IR", None], dtype=object)[np.where(in_country, 0, 1)]
    country_name = np.array(["Iran", None], dtype=object)[np.where(in_country, 0, 1)]

    # Periods: each distinct day's four labels computed once, then gathered.
    days = _days(rng, n)
    span = (LAST_DAY - FIRST_DAY).days + 1
    labels = [period_columns(FIRST_DAY + timedelta(days=k)) for k in range(span)] + [
        period_columns(None)
    ]
    label_cols = [np.array(col, dtype=object) for col in zip(*labels, strict=True)]
    day_index = np.where(days < 0, span, days)

    mins, maxs, points = _counts(rng, n)
    categories = np.array(CATEGORIES, dtype=object)
    category_index = rng.choice(len(CATEGORIES), size=n, p=_CATEGORY_WEIGHTS)
    incident_ids = _ids("i", n)
    incidents = dict(
        zip(
            INCIDENTS.names,
            (
                incident_ids,
                categories[category_index],
                mins,
                maxs,
                points,
                country,
                country_name,
                codes[in_province],
                names[in_province],
                np.ma.MaskedArray(9_000_000 + in_city, mask=precision >= 0.72),
                city_names[in_city],
                *(col[day_index] for col in label_cols),
            ),
            strict=True,
        )
    )

    # Claims: every incident has one; the rest favour some incidents (lognormal appeal).
    appeal = rng.lognormal(0.0, 1.0, n)
    claim_incident = np.concatenate(
        [np.arange(n), rng.choice(n, size=n_claims - n, p=appeal / appeal.sum())]
    )
    # Documents: syndicated copies share an origin; a few wire stories have dozens.
    n_origins = max(1, n_docs // 3)
    reach = rng.pareto(1.5, n_origins) + 1.0
    doc_origin = rng.choice(n_origins, size=n_docs, p=reach / reach.sum())
    # Most claims about an incident come from copies of the story that broke it; the
    # rest from any document. So an incident's claims outnumber its origins.
    lead_doc = rng.integers(0, n_docs, n)
    copied = rng.random(n_claims) < 0.6
    claim_doc = np.where(copied, lead_doc[claim_incident], rng.integers(0, n_docs, n_claims))
    origin_ids = _ids("o", n_origins)
    # A few claims in an incident are about another category (say, arrests at a
    # protest): they must not add origins to the incident's own tally.
    claim_category = category_index[claim_incident]
    other = rng.random(n_claims) < 0.01
    claim_category[other] = rng.integers(0, len(CATEGORIES), int(other.sum()))
    claims = dict(
        zip(
            CLAIMS.names,
            (
                _ids("c", n_claims),
                incident_ids[claim_incident],
                origin_ids[doc_origin[claim_doc]],
                categories[claim_category],
            ),
            strict=True,
        )
    )
    return Synthetic(incidents, claims)
