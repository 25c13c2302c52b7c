"""Tallies: incidents summed per place × period × category, with independent origins.

One SQL text serves every engine: it uses only what SQLite, DuckDB and PostgreSQL
read alike (CASE, COALESCE, ||, CAST to TEXT/BIGINT, COUNT(DISTINCT)), and periods
come precomputed in the export, so no date function is needed.

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

from typing import NamedTuple

from tallybook.analytics.engines import Engine

LEVELS = ("city", "province", "country")
PERIODS = ("day", "week", "month", "year")
UNKNOWN_PERIOD = "unknown"
UNPLACED = "?"  # a code ending in it is a "not known" row
UNPLACED_NAME = "Place not known"


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


def _unplaced(code: str, name: str, level_word: str) -> tuple[str, str]:
    return f"{code} || '-{UNPLACED}'", f"{name} || ' ({level_word} not known)'"


_COUNTRY_NAME = "COALESCE(i.country_name, i.country)"
_ADMIN1_NAME = "COALESCE(i.admin1_name, i.admin1)"
_CITY_CODE = "CAST(i.city_id AS TEXT)"
_CITY_NAME = f"COALESCE(i.city_name, {_CITY_CODE})"


def _place_exprs(level: str) -> tuple[str, str]:
    """SQL for (place_code, place_name) at `level`, falling back to "not known" rows."""
    # (test, code, name) from the finest level down; the first known one wins.
    if level == "country":
        branches = [("i.country", "i.country", _COUNTRY_NAME)]
    elif level == "province":
        branches = [
            ("i.admin1", "i.admin1", _ADMIN1_NAME),
            ("i.country", *_unplaced("i.country", _COUNTRY_NAME, "province")),
        ]
    elif level == "city":
        branches = [
            ("i.city_id", _CITY_CODE, _CITY_NAME),
            ("i.admin1", *_unplaced("i.admin1", _ADMIN1_NAME, "city")),
            ("i.country", *_unplaced("i.country", _COUNTRY_NAME, "city")),
        ]
    else:
        raise ValueError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")

    def case(pick: int, fallback: str) -> str:
        whens = " ".join(f"WHEN {b[0]} IS NOT NULL THEN {b[pick]}" for b in branches)
        return f"CASE {whens} ELSE '{fallback}' END"

    return case(1, UNPLACED), case(2, UNPLACED_NAME)


def tally_sql(*, level: str, period: str, by_category: bool = False, by_place: bool = False) -> str:
    """The tally's SQL; `by_category`/`by_place` add `?` filters (category, then place code)."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; choose from {', '.join(PERIODS)}")
    code, name = _place_exprs(level)
    filters = (["i.category = ?"] if by_category else []) + ([f"{code} = ?"] if by_place else [])
    where = f"\n    WHERE {' AND '.join(filters)}" if filters else ""
    keys = "g.place_code, g.period, g.category"
    # Only constants and the expressions above go into the text; values are `?`.
    return f"""WITH g AS (
    SELECT i.incident_id, i.category, i.min, i.max, i.point,
        {code} AS place_code,
        {name} AS place_name,
        COALESCE(i.{period}, '{UNKNOWN_PERIOD}') AS period
    FROM tb_incidents AS i{where}
),
s AS (
    SELECT {keys},
        MIN(g.place_name) AS place_name,
        CAST(SUM(COALESCE(g.min, 0)) AS BIGINT) AS lo,
        CASE WHEN COUNT(g.max) = COUNT(*) THEN CAST(SUM(g.max) AS BIGINT) END AS hi,
        CAST(SUM(COALESCE(g.point, g.min, 0)) AS BIGINT) AS pt,
        COUNT(*) AS incidents
    FROM g
    GROUP BY {keys}
),
o AS (
    SELECT {keys}, COUNT(DISTINCT c.origin_id) AS origins
    FROM g
    JOIN tb_claims AS c ON c.incident_id = g.incident_id AND c.category = g.category
    GROUP BY {keys}
)
SELECT s.place_code, s.place_name, s.period, s.category, s.lo, s.hi, s.pt, s.incidents,
    COALESCE(o.origins, 0) AS origins
FROM s
LEFT JOIN o ON o.place_code = s.place_code AND o.period = s.period AND o.category = s.category
ORDER BY s.place_code, s.period, s.category"""  # noqa: S608


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
    params = [p for p in (category, place_code) if p is not None]
    rows = [TallyRow(level, *row) for row in engine.query(sql, params)]
    # Sorted again here: ORDER BY on text follows the database's collation (PostgreSQL
    # may use the locale's), and tallies must come out identical on every engine.
    rows.sort(key=lambda r: (r.place_code, r.period, r.category))
    return rows
