"""The export contract and the engines that load it."""

from __future__ import annotations

from datetime import date

import numpy as np
import psycopg
import pytest

from tallybook.analytics import (
    CLAIMS,
    INCIDENTS,
    ClaimRow,
    DuckDBEngine,
    Engine,
    IncidentRow,
    PostgresEngine,
    export_parquet,
    open_engine,
    period_columns,
    tally,
)
from tallybook.analytics.engines import to_pyformat
from tallybook.analytics.export import as_columns, as_rows

from .conftest import HAND_CLAIMS, HAND_INCIDENTS


def test_row_types_follow_the_tables() -> None:
    assert IncidentRow._fields == INCIDENTS.names
    assert ClaimRow._fields == CLAIMS.names
    assert INCIDENTS.ddl().startswith("CREATE TABLE tb_incidents (incident_id TEXT NOT NULL,")
    assert "max BIGINT," in INCIDENTS.ddl()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 9, 16), ("2022-09-16", "2022-W37", "2022-09", "2022")),
        # ISO week-years differ from calendar years at the edges.
        (date(2019, 12, 30), ("2019-12-30", "2020-W01", "2019-12", "2019")),
        (date(2021, 1, 3), ("2021-01-03", "2020-W53", "2021-01", "2021")),
        (None, (None, None, None, None)),
    ],
)
def test_period_columns(day: date | None, expected: tuple) -> None:
    assert period_columns(day) == expected


def test_rows_and_columns_convert_both_ways() -> None:
    columns = as_columns(HAND_INCIDENTS, INCIDENTS)
    assert isinstance(columns["max"], np.ma.MaskedArray)
    assert list(as_rows(columns, INCIDENTS)) == [tuple(r) for r in HAND_INCIDENTS]
    assert list(as_rows(as_columns([], CLAIMS), CLAIMS)) == []
    with pytest.raises(ValueError, match="missing columns origin_id"):
        empty = np.array([], dtype=object)
        as_columns({"claim_id": empty, "incident_id": empty, "category": empty}, CLAIMS)


def test_loads_rows_or_columns_alike(engine: Engine) -> None:
    engine.load(as_columns(HAND_INCIDENTS, INCIDENTS), as_columns(HAND_CLAIMS, CLAIMS))
    from_columns = tally(engine, level="city", period="day")
    engine.load(HAND_INCIDENTS, HAND_CLAIMS)  # loading again replaces, never appends
    assert tally(engine, level="city", period="day") == from_columns
    assert engine.query("SELECT COUNT(*) FROM tb_claims") == [(len(HAND_CLAIMS),)]


def test_repeated_incident_is_refused(engine: Engine) -> None:
    with pytest.raises(ValueError, match="incident_id 'A' appears more than once"):
        engine.load([*HAND_INCIDENTS, HAND_INCIDENTS[0]], HAND_CLAIMS)


def test_query_parameters_use_question_marks(engine: Engine) -> None:
    engine.load(HAND_INCIDENTS, HAND_CLAIMS)
    sql = "SELECT COUNT(*) FROM tb_claims WHERE origin_id = ? AND claim_id LIKE 'c%'"
    assert engine.query(sql, ["o1"]) == [(4,)]
    assert engine.query("SELECT '?', 'a%b'") == [("?", "a%b")]
    assert engine.query("CREATE TEMPORARY TABLE tb_scratch (x BIGINT)") == []


def test_columns_are_the_rows_transposed(engine: Engine) -> None:
    engine.load(HAND_INCIDENTS, HAND_CLAIMS)
    queries = [
        # Integers and text with NULLs: DuckDB's numpy path.
        ("SELECT incident_id, max, city_name FROM tb_incidents ORDER BY incident_id", []),
        # A sum and a date: types whose numpy form would not round-trip (DuckDB falls back).
        (
            "SELECT SUM(min), CAST('2022-09-20' AS DATE) FROM tb_incidents WHERE category = ?",
            ["killed"],
        ),
        ("SELECT incident_id, max FROM tb_incidents WHERE incident_id = 'none'", []),
    ]
    for sql, params in queries:
        rows = engine.query(sql, params)
        columns = engine.query_columns(sql, params)
        assert [list(c) for c in columns] == [list(c) for c in zip(*rows, strict=True)] or (
            not rows and len(columns) == 2 and all(len(c) == 0 for c in columns)
        ), sql


def test_to_pyformat() -> None:
    assert to_pyformat("SELECT ? , '?', \"a?\", 'x%' WHERE a = ?") == (
        "SELECT %s , '?', \"a?\", 'x%%' WHERE a = %s"
    )
    assert to_pyformat("SELECT 'it''s ?', ?") == "SELECT 'it''s ?', %s"


def test_parquet_round_trip(tmp_path) -> None:
    paths = export_parquet(HAND_INCIDENTS, HAND_CLAIMS, tmp_path / "export")
    assert [p.name for p in paths] == ["tb_incidents.parquet", "tb_claims.parquet"]
    with DuckDBEngine.from_parquet(tmp_path / "export") as engine:
        incidents = engine.query("SELECT * FROM tb_incidents ORDER BY incident_id")
        assert incidents == sorted(tuple(r) for r in HAND_INCIDENTS)
        claims = engine.query("SELECT * FROM tb_claims ORDER BY claim_id")
        assert claims == sorted(tuple(r) for r in HAND_CLAIMS)
        types = engine.query(
            "SELECT column_name, data_type FROM information_schema.columns"
            " WHERE table_name = 'tb_incidents' ORDER BY ordinal_position"
        )
        duck_type = {"TEXT": "VARCHAR", "BIGINT": "BIGINT"}
        assert types == [(c.name, duck_type[c.sql_type]) for c in INCIDENTS.columns]
        with DuckDBEngine() as direct:
            direct.load(HAND_INCIDENTS, HAND_CLAIMS)
            for level in ("city", "province"):
                expected = tally(direct, level=level, period="week")
                assert tally(engine, level=level, period="week") == expected


def test_parquet_export_missing(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="tb_incidents.parquet"):
        DuckDBEngine.from_parquet(tmp_path)


def test_duckdb_file_database(tmp_path) -> None:
    path = str(tmp_path / "tally.duckdb")
    with DuckDBEngine(path) as engine:
        engine.load(HAND_INCIDENTS, HAND_CLAIMS)
    with DuckDBEngine(path) as engine:
        assert engine.query("SELECT COUNT(*) FROM tb_incidents") == [(len(HAND_INCIDENTS),)]
        # No load in this process: the tally reads its labels from the file's table.
        rows = tally(engine, level="province", period="month")
    with DuckDBEngine() as direct:
        direct.load(HAND_INCIDENTS, HAND_CLAIMS)
        assert rows == tally(direct, level="province", period="month")


def test_duckdb_threads() -> None:
    with DuckDBEngine(threads=1) as engine:
        assert engine.query("SELECT current_setting('threads')") == [(1,)]
        engine.load(HAND_INCIDENTS, HAND_CLAIMS)
        with DuckDBEngine() as default:
            default.load(HAND_INCIDENTS, HAND_CLAIMS)
            expected = tally(default, level="city", period="day")
        assert tally(engine, level="city", period="day") == expected


def test_open_engine() -> None:
    with open_engine("sqlite") as engine:
        assert engine.name == "sqlite"
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        open_engine("spark")
    with pytest.raises(ValueError, match="needs a database URL"):
        open_engine("postgresql")


@pytest.mark.postgres
def test_postgres_never_touches_the_app_tables(pg_url: str) -> None:
    # An app table of the same name, in the public schema, must come through untouched.
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("CREATE TABLE public.tb_incidents (incident_id TEXT)")
        con.execute("INSERT INTO public.tb_incidents VALUES ('app row')")
    try:
        with PostgresEngine(pg_url) as engine:
            engine.load(HAND_INCIDENTS, HAND_CLAIMS)
            engine.load(HAND_INCIDENTS, HAND_CLAIMS)
            assert engine.query("SELECT COUNT(*) FROM tb_incidents") == [(len(HAND_INCIDENTS),)]
        with psycopg.connect(pg_url) as con:
            assert con.execute("SELECT * FROM public.tb_incidents").fetchall() == [("app row",)]
            tables = con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'tb_%'"
            ).fetchall()
            assert tables == [("tb_incidents",)]  # the TEMP tables went with the session
    finally:
        with psycopg.connect(pg_url, autocommit=True) as con:
            con.execute("DROP TABLE public.tb_incidents")
