"""SQL engines behind one small interface (the pattern of Splink's DatabaseAPI).

Each engine holds its own copy of the export (`export.py`) and of the tally's
working tables built from it (`keyed.py`): load them, then run the same SQL
text on them. DuckDB is the default (embedded, columnar); SQLite is
the no-dependency baseline; PostgreSQL runs the SQL where the records already
live, in TEMP tables so the app's tables are never touched.

SQL is written with ``?`` placeholders; `PostgresEngine` translates them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol, Self

from tallybook.analytics import keyed
from tallybook.analytics.export import CLAIMS, INCIDENTS, Records, Table, as_columns, as_rows

ENGINES = ("duckdb", "sqlite", "postgresql")

# Row stores get the indexes a real database would have; DuckDB scans columns and
# needs none. The tally reads only the working tables (`keyed.INDEXES` covers its
# join); the export keeps its key. Every SQL text built with f-strings in this
# module takes only constant table and column names, never user input (hence
# the noqa: S608).
INDEXES = (
    "CREATE UNIQUE INDEX tb_incidents_id ON tb_incidents (incident_id)",
    *keyed.INDEXES,
)

_DUPLICATE_SQL = (
    "SELECT incident_id FROM tb_incidents GROUP BY incident_id HAVING COUNT(*) > 1"
    " ORDER BY incident_id LIMIT 1"
)


class Engine(Protocol):
    name: str

    def load(self, incidents: Records, claims: Records) -> None: ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...

    def query_columns(self, sql: str, params: Sequence[Any] = ()) -> list[Sequence]:
        """A SELECT's result as `query` gives it, one sequence per column (for bulk results)."""
        ...

    def tally_labels(self) -> keyed.Labels:
        """The codes and names of `tb_tally_labels`, by label key."""
        ...

    def close(self) -> None: ...


class _Closing:
    # Kept from the load, which builds them in Python anyway; read from the table
    # once when the engine opens a database loaded earlier (a DuckDB file).
    _labels: keyed.Labels | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:  # pragma: no cover
        raise NotImplementedError

    def tally_labels(self) -> keyed.Labels:
        if self._labels is None:
            self._labels = keyed.Labels.from_rows(self.query(keyed.LABELS_SQL))
        return self._labels

    def _keyed_tables(self, incidents: Records, claims: Records) -> dict[Table, dict]:
        self._labels = None  # until the new tables are in
        tables = keyed.keyed_tables(incidents, claims)
        self._labels = keyed.labels_of(tables)
        return tables

    def close(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


def _check_unique(engine: Engine) -> None:
    # Tallies sum incidents' bounds: a repeated incident would be counted twice.
    duplicate = engine.query(_DUPLICATE_SQL)
    if duplicate:
        raise ValueError(f"tb_incidents: incident_id {duplicate[0][0]!r} appears more than once")


def _transpose(rows: list[tuple], width: int) -> list[Sequence]:
    # Row stores hand rows back; as columns, a result with no rows still has its width.
    return list(zip(*rows, strict=True)) if rows else [()] * width


# Result types whose numpy form turns back into the same Python values as fetchall's:
# DuckDB's fetchnumpy gives HUGEINT and DECIMAL as float64 and dates as datetime64.
_NUMPY_EXACT = frozenset({"BIGINT", "INTEGER", "SMALLINT", "TINYINT", "VARCHAR"})


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class DuckDBEngine(_Closing):
    """DuckDB, in memory unless given a file path.

    `threads` caps DuckDB's worker threads (default: one per core). On a small
    machine whose cores are busy with other work, one thread ran the tally in
    less CPU and less wall time than two (bench/RESULTS.md); the default stays.
    """

    name = "duckdb"

    def __init__(self, path: str | None = None, *, threads: int | None = None) -> None:
        import duckdb

        config = {"threads": threads} if threads is not None else {}
        self._con = duckdb.connect(path or ":memory:", config=config)

    @classmethod
    def from_parquet(cls, directory: str | Path, path: str | None = None) -> DuckDBEngine:
        """An engine over `tb_incidents.parquet` and `tb_claims.parquet` in `directory`."""
        engine = cls(path)
        for table in (INCIDENTS, CLAIMS):
            file = Path(directory) / f"{table.name}.parquet"
            if not file.is_file():
                engine.close()
                raise FileNotFoundError(f"{file}: no such export file")
            engine._create(table)
            names = ", ".join(table.names)
            engine._con.execute(
                f"INSERT INTO {table.name} ({names}) SELECT {names} FROM read_parquet(?)",  # noqa: S608 - constant names
                [str(file)],
            )
        _check_unique(engine)
        incidents, claims = (
            engine._con.execute(f"SELECT * FROM {t.name}").fetchnumpy()  # noqa: S608
            for t in (INCIDENTS, CLAIMS)
        )
        engine._load_keyed(incidents, claims)
        return engine

    def _create(self, table: Table) -> None:
        self._con.execute(f"DROP TABLE IF EXISTS {table.name}")
        self._con.execute(table.ddl())

    def _insert(self, table: Table, columns: dict) -> None:
        self._create(table)
        # DuckDB scans the numpy arrays in place: no per-row Python work.
        self._con.register("tb_load", columns)
        try:
            self._con.execute(f"INSERT INTO {table.name} SELECT * FROM tb_load")  # noqa: S608
        finally:
            self._con.unregister("tb_load")

    def _load_keyed(self, incidents: Records, claims: Records) -> None:
        for table, columns in self._keyed_tables(incidents, claims).items():
            self._insert(table, columns)

    def load(self, incidents: Records, claims: Records) -> None:
        inc, cl = as_columns(incidents, INCIDENTS), as_columns(claims, CLAIMS)
        self._insert(INCIDENTS, inc)
        self._insert(CLAIMS, cl)
        _check_unique(self)
        self._load_keyed(inc, cl)

    def export_parquet(self, directory: str | Path) -> tuple[Path, Path]:
        """Write both tables as Parquet files into `directory`; return their paths."""
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for table in (INCIDENTS, CLAIMS):
            file = folder / f"{table.name}.parquet"
            # COPY takes no parameters: the path goes in as a quoted literal.
            self._con.execute(f"COPY {table.name} TO {_sql_string(str(file))} (FORMAT parquet)")
            paths.append(file)
        return paths[0], paths[1]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._con.execute(sql, list(params)).fetchall()

    def query_columns(self, sql: str, params: Sequence[Any] = ()) -> list[Sequence]:
        result = self._con.execute(sql, list(params))
        if result.description is None:
            return []
        if any(str(d[1]) not in _NUMPY_EXACT for d in result.description):
            return _transpose(result.fetchall(), len(result.description))
        # A whole column at a time: fetchall builds a Python tuple per row in DuckDB's
        # own loop, which cost more than the tally's SQL left to do (bench/RESULTS.md).
        # tolist() gives Python ints and str, and None where a masked array has NULL.
        return [column.tolist() for column in result.fetchnumpy().values()]

    def close(self) -> None:
        self._con.close()


class SQLiteEngine(_Closing):
    """SQLite from the standard library, in memory unless given a file path."""

    name = "sqlite"

    def __init__(self, path: str | None = None) -> None:
        self._con = sqlite3.connect(path or ":memory:")
        # Room for the GROUP BY's sorts in memory, as a tuned deployment would have.
        self._con.execute("PRAGMA temp_store = MEMORY")
        self._con.execute("PRAGMA cache_size = -262144")

    def _insert(self, pairs: Iterable[tuple[Table, Records]]) -> None:
        with self._con:  # one transaction per step of the load
            for table, records in pairs:
                self._con.execute(f"DROP TABLE IF EXISTS {table.name}")
                self._con.execute(table.ddl())
                marks = ", ".join("?" * len(table.columns))
                insert = f"INSERT INTO {table.name} VALUES ({marks})"  # noqa: S608 - constants
                self._con.executemany(insert, as_rows(records, table))

    def load(self, incidents: Records, claims: Records) -> None:
        inc, cl = as_columns(incidents, INCIDENTS), as_columns(claims, CLAIMS)
        self._insert(((INCIDENTS, inc), (CLAIMS, cl)))
        _check_unique(self)
        self._insert(self._keyed_tables(inc, cl).items())
        with self._con:
            for ddl in INDEXES:
                self._con.execute(ddl)
        self._con.execute("ANALYZE")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._con.execute(sql, tuple(params)).fetchall()

    def query_columns(self, sql: str, params: Sequence[Any] = ()) -> list[Sequence]:
        cursor = self._con.execute(sql, tuple(params))
        width = len(cursor.description) if cursor.description else 0
        return _transpose(cursor.fetchall(), width)

    def close(self) -> None:
        self._con.close()


def to_pyformat(sql: str) -> str:
    """`?` placeholders to psycopg's `%s`, and a literal `%` to `%%`.

    A `?` inside a quoted string or identifier is left alone. Comments are not
    parsed: keep `?` out of them.
    """
    out: list[str] = []
    quote = ""
    for ch in sql:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append("%%" if ch == "%" else ch)
    return "".join(out)


class PostgresEngine(_Closing):
    """PostgreSQL through psycopg 3; the export lives in this session's TEMP tables."""

    name = "postgresql"

    def __init__(self, url: str) -> None:
        import psycopg

        self._con = psycopg.connect(url, autocommit=True)

    def _insert(self, pairs: Iterable[tuple[Table, Records]]) -> None:
        with self._con.transaction(), self._con.cursor() as cur:
            for table, records in pairs:
                # Qualified with pg_temp so that a DROP can never reach an app table.
                cur.execute(f"DROP TABLE IF EXISTS pg_temp.{table.name}")
                cur.execute(table.ddl(temporary=True))
                names = ", ".join(table.names)
                with cur.copy(f"COPY pg_temp.{table.name} ({names}) FROM STDIN") as copy:
                    for row in as_rows(records, table):
                        copy.write_row(row)

    def load(self, incidents: Records, claims: Records) -> None:
        inc, cl = as_columns(incidents, INCIDENTS), as_columns(claims, CLAIMS)
        self._insert(((INCIDENTS, inc), (CLAIMS, cl)))
        _check_unique(self)
        self._insert(self._keyed_tables(inc, cl).items())
        with self._con.cursor() as cur:
            for ddl in INDEXES:
                cur.execute(ddl)
            # Autovacuum never visits TEMP tables: without statistics the planner guesses,
            # and without the visibility map an index-only scan still reads every row.
            for table in (INCIDENTS, CLAIMS, *keyed.TABLES):
                cur.execute(f"VACUUM ANALYZE pg_temp.{table.name}")

    def _run(self, sql: str, params: Sequence[Any]) -> tuple[list[tuple], int]:
        with self._con.cursor() as cur:
            if params:
                cur.execute(to_pyformat(sql), tuple(params))
            else:  # psycopg leaves the text alone when there are no parameters
                cur.execute(sql)
            # Like the other engines, a statement that returns no rows gives [].
            if cur.description is None:
                return [], 0
            return cur.fetchall(), len(cur.description)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._run(sql, params)[0]

    def query_columns(self, sql: str, params: Sequence[Any] = ()) -> list[Sequence]:
        return _transpose(*self._run(sql, params))

    def close(self) -> None:
        self._con.close()


def open_engine(
    name: str, target: str | None = None
) -> DuckDBEngine | SQLiteEngine | PostgresEngine:
    """An engine by name: a file path for duckdb/sqlite (memory if None), a URL for postgresql."""
    if name == "duckdb":
        return DuckDBEngine(target)
    if name == "sqlite":
        return SQLiteEngine(target)
    if name == "postgresql":
        if not target:
            raise ValueError("postgresql needs a database URL")
        return PostgresEngine(target)
    raise ValueError(f"unknown engine {name!r}; choose from {', '.join(ENGINES)}")


def export_parquet(incidents: Records, claims: Records, directory: str | Path) -> tuple[Path, Path]:
    """Write the export as `tb_incidents.parquet` and `tb_claims.parquet` into `directory`."""
    with DuckDBEngine() as engine:
        engine.load(incidents, claims)
        return engine.export_parquet(directory)
