"""The engine Splink runs on, chosen by configuration.

`TALLYBOOK_LINK_ENGINE` names it: `duckdb` (the default, embedded, nothing to install)
or `spark` (`pip install 'tallybook[spark]'`, needs Java; runs on local Spark unless a
session is passed in). `TALLYBOOK_LINK_THREADS` caps the threads or local cores used.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

ENGINES = ("duckdb", "spark")
ENV_ENGINE = "TALLYBOOK_LINK_ENGINE"
ENV_THREADS = "TALLYBOOK_LINK_THREADS"


class EngineUnavailable(RuntimeError):
    """The configured engine cannot run here; the message says what to install."""


def engine_from_config(engine: str | None = None) -> str:
    """`engine`, else `TALLYBOOK_LINK_ENGINE`, else "duckdb"; refuses unknown names."""
    name = (engine or os.environ.get(ENV_ENGINE) or "duckdb").strip().lower()
    if name not in ENGINES:
        raise ValueError(f"unknown linkage engine {name!r}: use one of {', '.join(ENGINES)}")
    return name


def threads_from_config(threads: int | None = None) -> int | None:
    if threads:
        return threads
    value = os.environ.get(ENV_THREADS)
    return int(value) if value else None


def spark_available() -> str | None:
    """None when local Spark can run; otherwise why not (missing pyspark or Java)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed: pip install 'tallybook[spark]'"
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        return "Spark needs Java (a JDK 17 or later on PATH, or JAVA_HOME)"
    return None


def local_spark_session(threads: int | None = None) -> Any:
    """A local Spark session sized for linkage on one machine."""
    problem = spark_available()
    if problem:
        raise EngineUnavailable(problem)
    import tempfile

    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    cores = threads or "*"
    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .config("spark.jars", similarity_jar_location())
        .appName("tallybook-linkage")
        .config("spark.sql.shuffle.partitions", str(max(2, (threads or 4) * 2)))
        .config("spark.default.parallelism", str(max(2, (threads or 4) * 2)))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", os.environ.get("TALLYBOOK_SPARK_MEMORY", "4g"))
        .getOrCreate()
    )
    if not session.sparkContext.getCheckpointDir():
        session.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="tallybook-spark-"))
    return session


def db_api(engine: str, *, threads: int | None = None, spark_session: Any = None) -> Any:
    """A Splink database API for `engine`."""
    if engine == "duckdb":
        import duckdb
        from splink import DuckDBAPI

        config = {"threads": threads} if threads else {}
        return DuckDBAPI(connection=duckdb.connect(":memory:", config=config))
    if engine == "spark":
        session = spark_session or local_spark_session(threads)
        try:
            from splink import SparkAPI
        except ImportError as err:  # pragma: no cover - depends on the install
            raise EngineUnavailable("install tallybook[spark] for the Spark engine") from err
        return SparkAPI(spark_session=session)
    raise ValueError(f"unknown linkage engine {engine!r}")
