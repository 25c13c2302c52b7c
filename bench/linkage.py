"""Linkage of 100,000 synthetic list records with Splink 5 on DuckDB, on 2 threads.

Target (issue: linkage accuracy): pairwise F1 at least 0.95 on 100k records. The
baseline in the same run links records whose name key (`tallybook.core.names`) and
birth year are equal: `ratio` is the time over the baseline's.
"""

from __future__ import annotations

import resource
import sys
import time
from collections import defaultdict

BENCHMARK = "linkage 100k records"
THREADS = 2


def _peak_mb() -> float:
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / 2**20 if sys.platform == "darwin" else maxrss / 1024


def _records(n: int):
    from tallybook.linkage import synthetic_lists

    people = int(n / 1.52) + 10  # about 1.52 records per person with the defaults
    records, truth = synthetic_lists(people, seed=7)
    records = records[:n]
    return records, {r["record_id"]: truth[r["record_id"]] for r in records}


def _baseline(records) -> dict[str, str]:
    from tallybook.core.names import name_key

    groups: dict[tuple, str] = {}
    clusters = {}
    for r in records:
        key = (name_key(r.get("name"), r.get("name_fa")).replace(" ", ""), r.get("birth_year"))
        clusters[r["record_id"]] = groups.setdefault(key, r["record_id"])
    return clusters


def run(scale: float = 1.0) -> list[dict]:
    from tallybook.linkage import evaluate, link

    n = max(1000, int(100_000 * scale))
    records, truth = _records(n)
    started = time.perf_counter()
    base = _baseline(records)
    base_s = time.perf_counter() - started
    base_scores = evaluate(base, truth)
    started = time.perf_counter()
    result = link(records, engine="duckdb", threads=THREADS)
    seconds = time.perf_counter() - started
    scores = evaluate(result.clusters, truth)
    lists = defaultdict(int)
    for r in records:
        lists[r["list"]] += 1
    common = {"n": len(records), "target": "F1 ≥ 0.95"}
    return [
        {
            "benchmark": BENCHMARK,
            "engine": "exact name key + birth year",
            **common,
            "seconds": round(base_s, 2),
            "ratio": 1.0,
            "pairwise_f1": round(base_scores.pairwise.f1, 4),
            "cluster_f1": round(base_scores.cluster.f1, 4),
            "ok": None,
        },
        {
            "benchmark": BENCHMARK,
            "engine": f"splink+duckdb ({THREADS} threads)",
            **common,
            "seconds": round(seconds, 2),
            "per_second": round(len(records) / seconds),
            "ratio": round(seconds / base_s, 1) if base_s else None,
            "peak_mb": round(_peak_mb()),
            "pairwise_f1": round(scores.pairwise.f1, 4),
            "cluster_f1": round(scores.cluster.f1, 4),
            "bcubed_f1": round(scores.bcubed.f1, 4),
            "review_pairs": len(result.review_pairs),
            "ok": scores.pairwise.f1 >= 0.95,
        },
    ]
