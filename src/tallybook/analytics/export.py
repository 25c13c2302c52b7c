"""The export contract: the two tables every analytics engine computes over.

The records of truth (SQLite or PostgreSQL, through Django) are exported into
two flat tables; tallies are computed from these and nothing else (each engine
derives its integer-keyed working tables from them at load: `keyed.py`):

``tb_incidents`` — one row per incident (``incident_id`` unique)
    incident_id TEXT, category TEXT, min BIGINT NULL, max BIGINT NULL (NULL = open
    above), point BIGINT NULL (the conservative point; NULL counts as ``min``, then 0),
    country TEXT NULL (ISO 3166-1 alpha-2), country_name TEXT NULL, admin1 TEXT NULL
    (ISO 3166-2, e.g. IR-23), admin1_name TEXT NULL, city_id BIGINT NULL (GeoNames id),
    city_name TEXT NULL, day/week/month/year TEXT NULL (the incident's start date as
    'YYYY-MM-DD', ISO week 'YYYY-Www', 'YYYY-MM', 'YYYY'; all NULL when it is unknown).

``tb_claims`` — one row per claim that belongs to an incident
    claim_id TEXT, incident_id TEXT, origin_id TEXT (the independent origin of the
    claim's source, already merged by voice), category TEXT.

Rules for the exporter: fill every level above an incident's place (a city's
incident also carries its admin1 and country), give one name per code, and fill
the four period columns with `period_columns`. Periods are text, computed here
once, so that the tally SQL needs no engine's date functions and stays the same
string on every engine.

Rows come either as `IncidentRow`/`ClaimRow` tuples or, for large exports, as
`Columns`: one numpy array per column (object arrays for text with None for
NULL, int64 arrays for integers, ``np.ma.MaskedArray`` where integers have NULLs).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import numpy as np


class IncidentRow(NamedTuple):
    incident_id: str
    category: str
    min: int | None
    max: int | None
    point: int | None
    country: str | None
    country_name: str | None
    admin1: str | None
    admin1_name: str | None
    city_id: int | None
    city_name: str | None
    day: str | None
    week: str | None
    month: str | None
    year: str | None


class ClaimRow(NamedTuple):
    claim_id: str
    incident_id: str
    origin_id: str
    category: str


Columns = Mapping[str, np.ndarray]
Records = Iterable[IncidentRow] | Iterable[ClaimRow] | Columns


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str  # TEXT or BIGINT: the same words mean the same on all three engines
    nullable: bool


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def ddl(self, *, temporary: bool = False) -> str:
        cols = ", ".join(
            f"{c.name} {c.sql_type}{'' if c.nullable else ' NOT NULL'}" for c in self.columns
        )
        return f"CREATE {'TEMPORARY ' if temporary else ''}TABLE {self.name} ({cols})"


def _col(name: str, sql_type: str = "TEXT", nullable: bool = True) -> Column:
    return Column(name, sql_type, nullable)


INCIDENTS = Table(
    "tb_incidents",
    (
        _col("incident_id", nullable=False),
        _col("category", nullable=False),
        _col("min", "BIGINT"),
        _col("max", "BIGINT"),
        _col("point", "BIGINT"),
        _col("country"),
        _col("country_name"),
        _col("admin1"),
        _col("admin1_name"),
        _col("city_id", "BIGINT"),
        _col("city_name"),
        _col("day"),
        _col("week"),
        _col("month"),
        _col("year"),
    ),
)

CLAIMS = Table(
    "tb_claims",
    (
        _col("claim_id", nullable=False),
        _col("incident_id", nullable=False),
        _col("origin_id", nullable=False),
        _col("category", nullable=False),
    ),
)


def period_columns(d: date | None) -> tuple[str | None, str | None, str | None, str | None]:
    """(day, week, month, year) as the export stores them; all None for an unknown date.

    The week is ISO 8601, so its year can differ from the calendar year near New Year
    (2019-12-30 is 2020-W01); `year` is always the calendar year.
    """
    if d is None:
        return None, None, None, None
    iso_year, iso_week, _ = d.isocalendar()
    return d.isoformat(), f"{iso_year:04d}-W{iso_week:02d}", f"{d:%Y-%m}", f"{d:%Y}"


def as_columns(records: Records, table: Table) -> dict[str, np.ndarray]:
    """The records as one numpy array per column (the fast path into DuckDB)."""
    if isinstance(records, Mapping):
        missing = [n for n in table.names if n not in records]
        if missing:
            raise ValueError(f"{table.name}: missing columns {', '.join(missing)}")
        return {n: records[n] for n in table.names}
    columns = list(zip(*records, strict=True)) or [()] * len(table.columns)
    out: dict[str, np.ndarray] = {}
    for col, values in zip(table.columns, columns, strict=True):
        if col.sql_type == "BIGINT":
            mask = np.array([v is None for v in values], dtype=bool)
            data = np.array([0 if v is None else v for v in values], dtype=np.int64)
            out[col.name] = np.ma.MaskedArray(data, mask=mask)
        else:
            arr = np.empty(len(values), dtype=object)
            arr[:] = values
            out[col.name] = arr
    return out


def as_rows(records: Records, table: Table) -> Iterator[tuple]:
    """The records as plain tuples in column order, NULL as None (for executemany, COPY)."""
    if isinstance(records, Mapping):
        # tolist() turns numpy scalars into Python ints and masked entries into None.
        lists = [as_columns(records, table)[n].tolist() for n in table.names]
        return zip(*lists, strict=True)
    width = len(table.columns)

    def check(rows: Iterable[tuple]) -> Iterator[tuple]:
        for row in rows:
            if len(row) != width:
                raise ValueError(f"{table.name}: expected {width} values, got {len(row)}")
            yield tuple(row)

    return check(records)
