"""Tallies: incidents summed per place × period × category, with independent origins.

One SQL text serves every engine: it uses only what SQLite, DuckDB and PostgreSQL
read alike (CASE, COALESCE, CAST to BIGINT, COUNT(DISTINCT), scalar subqueries).
It runs over the working tables of `keyed.py`, which every engine builds from the
export at load: integer keys for places, periods, categories and origins, and the
(incident, origin) pairs already deduplicated. The SQL returns keys; `tally` looks
their codes and names up in the engine's `tally_labels` (a list index per value:
cheaper than a join that makes the engine hand back new strings for every row).

Each row's bounds are sums over its incidents: a NULL `min` counts as 0, and one
incident open above (NULL `max`) makes the row open above. `point` sums the
conservative points (a NULL point falls back to `min`, then 0). Origins are the
distinct origins of the claims, of the same category, that belong to the row's
incidents: copies of one story count once.

Nothing is dropped for want of a place or a date. An incident not placed at the
requested level goes into its parent's "not known" row (code 'IR-?', "Iran
(province not known)"; '?' when not even the country is known), and an unknown
date gives the period 'unknown'. So the rows of any tally add up to the same
totals, and a map drawn from the placed rows can say what it leaves out.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from itertools import repeat
from typing import NamedTuple

from tallybook.analytics.engines import Engine
from tallybook.analytics.keyed import LEVELS, PERIODS, UNKNOWN_PERIOD, UNPLACED, UNPLACED_NAME

__all__ = [
    "LEVELS",
    "PERIODS",
    "UNKNOWN_PERIOD",
    "UNPLACED",
    "UNPLACED_NAME",
    "TallyRow",
    "is_unplaced",
    "parse_by",
    "tally",
    "tally_sql",
]


class TallyRow(NamedTuple):
    level: str
    place_code: str
    place_name: str
    period: str
    category: str
    min: int
    max: int | None  # None: at least one incident is open above
    point: int
    incidents: int
    origins: int


# TallyRow(*values) without the Python-level __new__ that NamedTuple generates: the
# rows are built in C, which matters at tens of thousands of rows.
_tally_row = partial(tuple.__new__, TallyRow)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: for building many rows of plain values.

    Every 700 new tuples set off a collection, and the older generations' walk every
    live object: about a tenth of DuckDB's tally. Tuples of numbers and text cannot
    form cycles, so there is nothing for the collector to find in them. Reference
    counting still frees memory as usual. The collector is only turned back on if
    it was on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_by(text: str) -> tuple[str, str]:
    """'province,month' (either order) as (level, period), for `tally --by`."""
    parts = [p.strip().lower() for p in text.split(",") if p.strip()]
    levels = [p for p in parts if p in LEVELS]
    periods = [p for p in parts if p in PERIODS]
    if len(parts) != 2 or len(levels) != 1 or len(periods) != 1:
        raise ValueError(
            f"--by takes a place level and a period, like 'province,month' (got {text!r}); "
            f"levels: {', '.join(LEVELS)}; periods: {', '.join(PERIODS)}"
        )
    return levels[0], periods[0]


def is_unplaced(place_code: str) -> bool:
    return place_code.endswith(UNPLACED)


def _label_key(dimension: str) -> str:
    # A code with no label gives NULL, which matches no row: an empty tally.
    where = f"l.dimension = '{dimension}' AND l.code = ?"  # a constant, then a `?`
    return f"(SELECT l.label_key FROM tb_tally_labels AS l WHERE {where})"  # noqa: S608


def tally_sql(*, level: str, period: str, by_category: bool = False, by_place: bool = False) -> str:
    """The tally's SQL; `by_category`/`by_place` add `?` filters (category, then place code).

    Both aggregates filter, so the parameters are given twice: `tally` does that.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; choose from {', '.join(PERIODS)}")
    place, when = f"i.{level}_key", f"i.{period}_key"
    filters = [f"i.category_key = {_label_key('category')}"] if by_category else []
    filters += [f"{place} = {_label_key(level)}"] if by_place else []
    where = f"\n    WHERE {' AND '.join(filters)}" if filters else ""
    keys = f"{place}, {when}, i.category_key"
    named = f"{place} AS place_key, {when} AS period_key, i.category_key"
    same = " AND ".join(f"o.{k} = s.{k}" for k in ("place_key", "period_key", "category_key"))
    # Only constants go into the text; values are `?`.
    return f"""WITH s AS (
    SELECT {named},
        CAST(SUM(COALESCE(i.min, 0)) AS BIGINT) AS lo,
        CASE WHEN COUNT(i.max) = COUNT(*) THEN CAST(SUM(i.max) AS BIGINT) END AS hi,
        CAST(SUM(COALESCE(i.point, i.min, 0)) AS BIGINT) AS pt,
        COUNT(*) AS incidents
    FROM tb_tally_incidents AS i{where}
    GROUP BY {keys}
),
o AS (
    SELECT {named}, COUNT(DISTINCT t.origin_key) AS origins
    FROM tb_tally_incidents AS i
    JOIN tb_tally_origins AS t ON t.incident_key = i.incident_key{where}
    GROUP BY {keys}
)
SELECT s.place_key, s.period_key, s.category_key, s.lo, s.hi, s.pt, s.incidents,
    COALESCE(o.origins, 0) AS origins
FROM s
LEFT JOIN o ON {same}
ORDER BY s.place_key, s.period_key, s.category_key"""  # noqa: S608


def tally(
    engine: Engine,
    *,
    level: str,
    period: str,
    category: str | None = None,
    place_code: str | None = None,
) -> list[TallyRow]:
    """Tally rows for `level` × `period` (× category), sorted by place code, period, category."""
    by_category, by_place = category is not None, place_code is not None
    sql = tally_sql(level=level, period=period, by_category=by_category, by_place=by_place)
    params = [p for p in (category, place_code) if p is not None] * 2  # once per aggregate
    # No sort here: the SQL orders by keys numbered in Python's order of the codes, so
    # the rows come out as sorted(place_code, period, category) on every engine.
    place, when, category_key, *values = engine.query_columns(sql, params)
    code, name = engine.tally_labels()
    code_of, name_of = code.__getitem__, name.__getitem__
    labels = (
        map(code_of, place),
        map(name_of, place),
        map(code_of, when),
        map(code_of, category_key),
    )
    with _cyclic_gc_paused():
        return list(map(_tally_row, zip(repeat(level, len(place)), *labels, *values, strict=True)))
