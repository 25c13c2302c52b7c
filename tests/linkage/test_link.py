"""Linkage with Splink 5 on DuckDB (and, marked `spark`, on local Spark)."""

from __future__ import annotations

import os
from collections import Counter, defaultdict

import pytest

from tallybook.demo import demo_lists

pytest.importorskip("splink")

from tallybook.linkage import evaluate, format_report, link, synthetic_lists  # noqa: E402
from tallybook.linkage.engines import (  # noqa: E402
    EngineUnavailable,
    engine_from_config,
    spark_available,
)


@pytest.fixture(scope="module")
def small():
    records, truth = synthetic_lists(1900, seed=11)
    return records, truth, link(records, engine="duckdb", threads=2)


def test_small_synthetic_linkage_f1(small):
    records, truth, result = small
    assert 2500 <= len(records) <= 3500
    scores = evaluate(result.clusters, truth)
    print(format_report(scores, title="synthetic ~3k"))
    assert scores.pairwise.f1 >= 0.9
    assert scores.bcubed.f1 >= 0.9


def test_clusters_hold_at_most_one_entry_per_list(small):
    _records, _truth, result = small
    per_cluster: dict[str, set[str]] = defaultdict(set)
    lists_seen: Counter = Counter()
    for rid, cluster in result.clusters.items():
        entry = result.entries[rid]
        per_cluster[cluster].add(entry)
    for entries in per_cluster.values():
        lists = Counter(e.split("#", 1)[0] for e in entries)
        lists_seen.update(lists)
        assert max(lists.values()) == 1
    histories = result.capture_histories()
    assert set(histories) == set(per_cluster)


def test_within_list_duplicates_are_merged(small):
    _records, truth, result = small
    by_person: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rid, person in truth.items():
        by_person[(person, rid.split("-", 1)[0])].add(rid)
    dup_groups = [ids for ids in by_person.values() if len(ids) > 1]
    assert dup_groups
    merged = sum(1 for ids in dup_groups if len({result.entries[i] for i in ids}) == 1)
    assert merged / len(dup_groups) >= 0.7


def test_review_queue_on_ambiguous_data():
    base = {"list": "a", "father_name": "", "age": None, "sex": "", "place": "", "date": ""}
    records = [
        {**base, "record_id": "a1", "name": "Mohammad Hosseini", "birth_year": 1990},
        {**base, "record_id": "b1", "list": "b", "name": "Muhammad Hoseini", "birth_year": 1991},
        {
            **base,
            "record_id": "b2",
            "list": "b",
            "name": "Mohammed Husseini",
            "birth_year": 1990,
            "place": "Tehran",
        },
        {**base, "record_id": "c1", "list": "c", "name_fa": "محمد حسینی", "birth_year": None},
    ]
    fillers, _ = synthetic_lists(400, seed=3)
    result = link(fillers + records, engine="duckdb", threshold_match=0.99, threshold_review=0.3)
    ours = {"a1", "b1", "b2", "c1"}
    queued = [r for r in result.review_pairs if {r.id_l, r.id_r} <= ours]
    assert queued, "ambiguous pairs should wait for review"
    assert all(r.reasons for r in queued)
    assert result.clusters["b1"] != result.clusters["b2"] or (
        result.entries["b1"] == result.entries["b2"]
    )


def test_demo_lists_against_truth():
    records, truth = demo_lists()
    result = link(records, engine="duckdb")
    scores = evaluate(result.clusters, truth)
    print(format_report(scores, title="demo lists A+B"))
    assert scores.pairwise.f1 >= DEMO_FLOOR


DEMO_FLOOR = 0.85


def test_engine_from_config(monkeypatch):
    monkeypatch.delenv("TALLYBOOK_LINK_ENGINE", raising=False)
    assert engine_from_config() == "duckdb"
    monkeypatch.setenv("TALLYBOOK_LINK_ENGINE", "Spark")
    assert engine_from_config() == "spark"
    with pytest.raises(ValueError, match="unknown linkage engine"):
        engine_from_config("oracle")


@pytest.mark.spark
def test_small_linkage_on_local_spark():
    problem = spark_available()
    if problem:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the Spark test: {problem}")
        pytest.skip(problem)
    records, truth = synthetic_lists(300, seed=5)
    try:
        result = link(records, engine="spark", threads=2)
    except EngineUnavailable as err:  # pragma: no cover
        pytest.fail(str(err))
    scores = evaluate(result.clusters, truth)
    print(format_report(scores, title="local Spark"))
    assert result.engine == "spark"
    assert scores.pairwise.f1 >= 0.85
