"""End to end: synthetic lists -> record linkage -> estimate, and how linkage errors shift it.

For each population size, `synthetic_lists` draws `n_people` people and three lists
with heterogeneous capture (some people are on no list: they are the uncounted, and
the true N is `n_people`). The population is then estimated from three linkages of
the same records:

- **true links**: records grouped by their true person (the estimate linkage errors
  are measured against);
- **splink**: `tallybook.linkage.link` (Splink on DuckDB, 2 threads);
- **exact name**: a naive baseline that merges records whose normalised name (case,
  diacritics, spaces and punctuation folded; the Latin name, else the Persian one)
  and birth year (from age and date when only age is given) are equal, as one would
  in a spreadsheet.

Each row is one linkage and one method (`loglinear-bic`, `lcmcr` with its default
settings). `shift_pct` is the estimate's shift from the true-links estimate of the
same method, in percent; `covers_truth` whether the 95% interval holds `n_people`;
`seconds` is the estimation time and `link_seconds` the linkage time.
"""

from __future__ import annotations

import time
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence

BENCHMARK = "end to end"
THREADS = 2
SEED = 1
SIZES = (2_000, 10_000)
METHODS = ("loglinear-bic", "lcmcr")


def exact_name_key(record: Mapping) -> tuple[str, int | None]:
    """Normalised name + birth year: the naive key of the baseline."""
    name = record.get("name") or record.get("name_fa") or ""
    name = unicodedata.normalize("NFKD", name.casefold())
    name = "".join(c for c in name if c.isalpha())
    year = record.get("birth_year")
    if year is None and record.get("age") is not None and record.get("date"):
        year = int(str(record["date"])[:4]) - int(record["age"])
    return name, year


def exact_name_clusters(records: Sequence[Mapping]) -> dict[str, str]:
    """record_id -> cluster: records with equal `exact_name_key` are one person."""
    first: dict[tuple[str, int | None], str] = {}
    return {
        str(r["record_id"]): first.setdefault(exact_name_key(r), str(r["record_id"]))
        for r in records
    }


def histories(clusters: Mapping[str, str], records: Sequence[Mapping]) -> list[frozenset[str]]:
    """One set of list names per cluster (the capture history of each linked person)."""
    list_of = {str(r["record_id"]): str(r["list"]) for r in records}
    out: dict[str, set[str]] = defaultdict(set)
    for rid, cluster in clusters.items():
        out[cluster].add(list_of[rid])
    return [frozenset(v) for v in out.values()]


def end_to_end(
    n_people: int,
    *,
    seed: int = SEED,
    methods: Sequence[str] = METHODS,
    engines: Sequence[str] = ("true links", "splink", "exact name"),
    threads: int = THREADS,
) -> list[dict]:
    """Rows for one population: every linkage in `engines` × every method in `methods`."""
    from tallybook.core.estimate import CaptureTable, estimate_all
    from tallybook.linkage import evaluate, link, synthetic_lists

    records, truth = synthetic_lists(n_people, 3, seed=seed)
    lists = sorted({str(r["list"]) for r in records})
    label = f"{BENCHMARK} N={n_people:,}"
    rows: list[dict] = []
    baseline: dict[str, float] = {}
    for engine in engines:
        started = time.perf_counter()
        if engine == "true links":
            clusters = dict(truth)
            memberships = histories(clusters, records)
        elif engine == "splink":
            result = link(records, engine="duckdb", threads=threads)
            clusters = result.clusters
            memberships = list(result.capture_histories().values())
        elif engine == "exact name":
            clusters = exact_name_clusters(records)
            memberships = histories(clusters, records)
        else:
            raise ValueError(f"unknown engine {engine!r}")
        link_seconds = time.perf_counter() - started
        table = CaptureTable.from_records(memberships, lists)
        f1 = evaluate(clusters, truth).pairwise.f1
        for method in methods:
            started = time.perf_counter()
            (est,) = estimate_all(table, methods=[method], seed=seed)
            seconds = time.perf_counter() - started
            if engine == "true links":
                baseline[method] = est.estimate
            ref = baseline.get(method)
            rows.append(
                {
                    "benchmark": label,
                    "engine": engine,
                    "method": method,
                    "n": len(records),
                    "true_n": n_people,
                    "observed": table.observed,
                    "seconds": round(seconds, 2),
                    "link_seconds": round(link_seconds, 2),
                    "estimate": round(est.estimate, 1),
                    "lower": round(est.lower, 1),
                    "upper": round(est.upper, 1),
                    "covers_truth": bool(est.lower <= n_people <= est.upper),
                    "shift_pct": (round(100 * (est.estimate - ref) / ref, 1) if ref else None),
                    "pairwise_f1": round(f1, 4),
                    "warnings": len(est.warnings),
                }
            )
    return rows


def run(scale: float = 1.0) -> list[dict]:
    rows: list[dict] = []
    for size in SIZES:
        rows.extend(end_to_end(max(300, int(size * scale))))
    return rows


if __name__ == "__main__":
    from bench.__main__ import render

    print(render(run()))
