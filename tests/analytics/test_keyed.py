"""The tally's working tables: integer keys in code order, origins deduplicated."""

from __future__ import annotations

import numpy as np
import pytest

from tallybook.analytics import ClaimRow, Engine, IncidentRow, tally
from tallybook.analytics.keyed import (
    TALLY_INCIDENTS,
    TALLY_LABELS,
    TALLY_ORIGINS,
    Labels,
    keyed_tables,
    labels_of,
)

from .conftest import HAND_CLAIMS, HAND_INCIDENTS


def _labels(tables) -> dict[int, tuple[str, str, str]]:
    t = tables[TALLY_LABELS]
    return {
        int(k): (d, c, n)
        for k, d, c, n in zip(t["label_key"], t["dimension"], t["code"], t["name"], strict=True)
    }


def test_keys_follow_the_order_of_codes() -> None:
    tables = keyed_tables(HAND_INCIDENTS, HAND_CLAIMS)
    labels = _labels(tables)
    for dimension in ("city", "province", "country", "day", "month", "category"):
        codes = [c for _, (d, c, _) in sorted(labels.items()) if d == dimension]
        assert codes == sorted(codes), dimension
        assert len(codes) == len(set(codes)), dimension
    province = {labels[int(k)][1:] for k in tables[TALLY_INCIDENTS]["province_key"]}
    assert province == {
        ("IR-23", "Tehran"),
        ("IR-01", "Gilan"),
        ("IR-?", "Iran (province not known)"),
        ("?", "Place not known"),
    }
    city = {labels[int(k)][1] for k in tables[TALLY_INCIDENTS]["city_key"]}
    assert city == {"112931", "118743", "IR-23-?", "IR-?", "?"}
    months = {labels[int(k)][1] for k in tables[TALLY_INCIDENTS]["month_key"]}
    assert months == {"2022-09", "2022-10", "unknown"}


def test_origins_are_distinct_pairs_of_the_incidents_own_category() -> None:
    tables = keyed_tables(HAND_INCIDENTS, HAND_CLAIMS)
    incident_ids = [r.incident_id for r in HAND_INCIDENTS]
    origins = tables[TALLY_ORIGINS]
    pairs = {
        (incident_ids[int(i)], int(o))
        for i, o in zip(origins["incident_key"], origins["origin_key"], strict=True)
    }
    assert len(pairs) == len(origins["incident_key"])  # no pair twice
    per_incident = {i: sum(1 for p in pairs if p[0] == i) for i in incident_ids}
    # A: o1 twice and o2 -> 2; F: o6's claim is about killings, not F's arrests -> 1.
    assert per_incident == {"A": 2, "B": 2, "C": 1, "D": 1, "E": 1, "F": 1, "G": 1}


def test_claims_of_unknown_incidents_and_empty_exports() -> None:
    extra = [*HAND_CLAIMS, ClaimRow("c99", "nope", "o9", "killed")]
    assert len(keyed_tables(HAND_INCIDENTS, extra)[TALLY_ORIGINS]["incident_key"]) == 9
    empty = keyed_tables([], [])
    assert all(len(v) == 0 for t in empty.values() for v in t.values())


def test_an_empty_name_is_kept_as_given() -> None:
    # COALESCE semantics: only NULL falls back to the code, not an empty string.
    row = IncidentRow("X", "killed", 1, 1, 1, "IR", "", "IR-23", "", 7, "", *(None,) * 4)
    labels = _labels(keyed_tables([row], []))
    assert {(d, c, n) for d, c, n in labels.values() if d in ("country", "province", "city")} == {
        ("country", "IR", ""),
        ("province", "IR-23", ""),
        ("city", "7", ""),
    }


def test_rows_come_sorted_from_every_engine(hand: Engine, synthetic) -> None:
    rows = tally(hand, level="city", period="week")
    assert rows == sorted(rows, key=lambda r: (r.place_code, r.period, r.category))
    hand.load(*synthetic)
    for level, period in (("city", "day"), ("province", "month"), ("country", "year")):
        rows = tally(hand, level=level, period=period)
        keys = [(r.place_code, r.period, r.category) for r in rows]
        assert keys == sorted(keys)
        assert len(set(keys)) == len(keys)


def test_synthetic_working_tables_match_the_export(synthetic) -> None:
    tables = keyed_tables(*synthetic)
    incidents = tables[TALLY_INCIDENTS]
    assert np.array_equal(incidents["incident_key"], np.arange(len(incidents["incident_key"])))
    assert np.array_equal(np.ma.getmaskarray(incidents["max"]), synthetic.incidents["max"].mask)
    keys = tables[TALLY_ORIGINS]["incident_key"] * 10**9 + tables[TALLY_ORIGINS]["origin_key"]
    assert len(np.unique(keys)) == len(keys)


def test_loading_again_replaces_the_working_tables(hand: Engine) -> None:
    hand.load(HAND_INCIDENTS[:1], HAND_CLAIMS[:3])  # only A and its three claims
    rows = tally(hand, level="country", period="year")
    assert [(r.place_code, r.period, r.min, r.incidents, r.origins) for r in rows] == [
        ("IR", "2022", 10, 1, 2)
    ]
    assert hand.query("SELECT COUNT(*) FROM tb_tally_origins") == [(2,)]


def test_labels_by_key_from_the_tables_or_their_rows(hand: Engine) -> None:
    tables = keyed_tables(HAND_INCIDENTS, HAND_CLAIMS)
    labels = labels_of(tables)
    assert labels == Labels.from_rows(
        hand.query("SELECT label_key, code, name FROM tb_tally_labels")
    )
    assert labels == hand.tally_labels()
    for key, dimension, code, name in zip(*tables[TALLY_LABELS].values(), strict=True):
        assert (labels.codes[key], labels.names[key]) == (code, name), dimension
    with pytest.raises(ValueError, match="0..n-1"):
        Labels.from_rows([(0, "a", "A"), (2, "b", "B")])
