"""Analytics over an export of the records: tallies on DuckDB, SQLite or PostgreSQL.

Not part of `core`: this package talks to engines. It never imports Django; the
apps fill the export (`export.py`) and call `tally`.
"""

from tallybook.analytics.engines import (
    ENGINES,
    DuckDBEngine,
    Engine,
    PostgresEngine,
    SQLiteEngine,
    export_parquet,
    open_engine,
)
from tallybook.analytics.export import CLAIMS, INCIDENTS, ClaimRow, IncidentRow, period_columns
from tallybook.analytics.series import time_series, to_csv, to_json
from tallybook.analytics.tally import LEVELS, PERIODS, TallyRow, parse_by, tally, tally_sql

__all__ = [
    "CLAIMS",
    "ENGINES",
    "INCIDENTS",
    "LEVELS",
    "PERIODS",
    "ClaimRow",
    "DuckDBEngine",
    "Engine",
    "IncidentRow",
    "PostgresEngine",
    "SQLiteEngine",
    "TallyRow",
    "export_parquet",
    "open_engine",
    "parse_by",
    "period_columns",
    "tally",
    "tally_sql",
    "time_series",
    "to_csv",
    "to_json",
]
