"""Engines and datasets for the analytics tests.

Every engine test runs on DuckDB, SQLite and PostgreSQL. PostgreSQL is taken
from TEST_DATABASE_URL (or the local default) and given a scratch database that
is dropped afterwards; without a server those tests skip, except under CI=true,
where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date

import psycopg
import pytest

from tallybook.analytics import (
    ClaimRow,
    Engine,
    IncidentRow,
    PostgresEngine,
    open_engine,
    period_columns,
)
from tallybook.analytics.synthetic import Synthetic, synthetic_records

DEFAULT_URL = "postgresql://postgres:postgres@127.0.0.1:5432/tallybook"
ENGINE_NAMES = [
    pytest.param("duckdb", id="duckdb"),
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def _incident(iid, category, lo, hi, point, place, day) -> IncidentRow:
    # place: (country, admin1, admin1_name, city_id, city_name); day: 'YYYY-MM-DD' or None
    country, admin1, admin1_name, city_id, city_name = place
    periods = period_columns(date.fromisoformat(day) if day else None)
    country_name = "Iran" if country else None
    return IncidentRow(
        iid, category, lo, hi, point, country, country_name, admin1, admin1_name, city_id,
        city_name, *periods,
    )  # fmt: skip


TEHRAN_CITY = ("IR", "IR-23", "Tehran", 112931, "Tehran")
TEHRAN = ("IR", "IR-23", "Tehran", None, None)
RASHT = ("IR", "IR-01", "Gilan", 118743, "Rasht")
IRAN = ("IR", None, None, None, None)
NOWHERE = (None, None, None, None, None)

# A small export whose tallies are worked out by hand in the tests.
HAND_INCIDENTS = [
    _incident("A", "killed", 10, 10, 10, TEHRAN_CITY, "2022-09-20"),
    _incident("B", "killed", 5, 8, 5, TEHRAN, "2022-09-25"),  # province only
    _incident("C", "killed", 3, None, 3, RASHT, "2022-10-02"),  # "at least 3": open above
    _incident("D", "killed", 7, 7, 7, IRAN, "2022-09-30"),  # country only
    _incident("E", "killed", None, 4, None, TEHRAN_CITY, None),  # "up to 4", no date
    _incident("F", "arrested", 40, 40, 40, RASHT, "2022-09-21"),
    _incident("G", "killed", 2, 2, 2, NOWHERE, "2022-09-22"),  # no place at all
]
HAND_CLAIMS = [
    ClaimRow("c1", "A", "o1", "killed"),
    ClaimRow("c2", "A", "o2", "killed"),
    ClaimRow("c3", "A", "o1", "killed"),  # a copy: o1 again
    ClaimRow("c4", "B", "o1", "killed"),  # o1 again, in another incident
    ClaimRow("c5", "B", "o3", "killed"),
    ClaimRow("c6", "C", "o4", "killed"),
    ClaimRow("c7", "D", "o5", "killed"),
    ClaimRow("c8", "D", "o5", "killed"),
    ClaimRow("c9", "E", "o2", "killed"),
    ClaimRow("c10", "F", "o1", "arrested"),
    ClaimRow("c11", "F", "o6", "killed"),  # another category: no origin for F's arrests
    ClaimRow("c12", "G", "o7", "killed"),
]


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    url = os.environ.get("TEST_DATABASE_URL", DEFAULT_URL)
    base = url.rpartition("/")[0]
    try:
        admin = psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        reason = f"PostgreSQL does not answer at {base}: {str(exc).strip().splitlines()[0]}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: {reason}")
        pytest.skip(reason)
    name = f"tallybook_analytics_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{base}/{name}"
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


@pytest.fixture
def make_engine(request: pytest.FixtureRequest) -> Iterator[Callable[[str], Engine]]:
    opened: list[Engine] = []

    def make(name: str) -> Engine:
        if name == "postgresql":
            engine: Engine = PostgresEngine(request.getfixturevalue("pg_url"))
        else:
            engine = open_engine(name)
        opened.append(engine)
        return engine

    yield make
    for engine in opened:
        engine.close()


@pytest.fixture(params=ENGINE_NAMES)
def engine(request: pytest.FixtureRequest, make_engine: Callable[[str], Engine]) -> Engine:
    return make_engine(request.param)


@pytest.fixture
def hand(engine: Engine) -> Engine:
    """An engine (each of the three in turn) loaded with the hand-built export."""
    engine.load(HAND_INCIDENTS, HAND_CLAIMS)
    return engine


@pytest.fixture(scope="session")
def synthetic() -> Synthetic:
    return synthetic_records(n_claims=20_000, n_incidents=4_000, n_docs=2_000, seed=7)
