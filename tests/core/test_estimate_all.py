"""Running every method on a table, and the JSON the command line prints."""

import json
import math

import pytest

from tallybook.core.estimate import (
    CaptureTable,
    Settings,
    default_methods,
    estimate_all,
    format_estimates,
    read_capture_csv,
    simulate_population,
    to_json,
)

QUICK = Settings(chains=2, burn_in=500, samples=300, thin=2)
TWO = CaptureTable(("ngo_a", "ngo_b"), {(1, 1): 120, (1, 0): 104, (0, 1): 83})


def test_default_methods_suit_the_number_of_lists():
    assert default_methods(2) == ("chapman", "loglinear-bic")
    assert default_methods(3) == ("loglinear-bic", "lcmcr")
    methods = [e.method for e in estimate_all(TWO, bootstrap=100)]
    assert methods == ["chapman", "loglinear-bic"]


def test_json_has_exactly_the_documented_shape():
    table = simulate_population(1000, 3, seed=2)
    estimates = estimate_all(table, bootstrap=100, lcmcr_settings=QUICK)
    document = json.loads(json.dumps(to_json(table, estimates)))
    assert set(document) == {"observed", "lists", "estimates"}
    assert document["observed"] == table.observed
    assert document["lists"] == ["L1", "L2", "L3"]
    assert [e["method"] for e in document["estimates"]] == ["loglinear-bic", "lcmcr"]
    for entry in document["estimates"]:
        assert set(entry) == {"method", "estimate", "lower", "upper", "level", "warnings"}
        assert entry["lower"] <= entry["estimate"] <= entry["upper"]
        assert entry["level"] == 0.95
        assert isinstance(entry["warnings"], list)


def test_a_method_that_cannot_estimate_says_why():
    table = CaptureTable(("A", "B", "C"), {(1, 0, 0): 4, (0, 1, 0): 3, (0, 0, 1): 2})
    (result,) = estimate_all(table, methods=["loglinear-bic"], bootstrap=10)
    assert not result.ok and math.isnan(result.estimate)
    assert any("no log-linear model can be fitted" in w for w in result.warnings)
    entry = to_json(table, [result])["estimates"][0]
    assert entry["estimate"] is entry["lower"] is entry["upper"] is None


def test_lists_with_no_records_are_left_out():
    table = CaptureTable(("A", "B", "C"), {(1, 1, 0): 30, (1, 0, 0): 40, (0, 1, 0): 35})
    estimates = estimate_all(table, bootstrap=50)
    assert [e.method for e in estimates] == ["chapman", "loglinear-bic"]
    assert all("left out lists with no records: C" in e.warnings[0] for e in estimates)


def test_lists_sharing_nobody_warn():
    counts = {(1, 0, 0): 50, (0, 1, 0): 40, (0, 0, 1): 45, (1, 0, 1): 20, (0, 1, 1): 15}
    table = CaptureTable(("A", "B", "C"), counts)
    (e,) = estimate_all(table, methods=["loglinear-bic"], bootstrap=50)
    assert any("no one in common: A & B" in w for w in e.warnings)


def test_unknown_method_is_an_error():
    with pytest.raises(ValueError, match="unknown method"):
        estimate_all(TWO, methods=["magic"])


def test_readable_table():
    text = format_estimates(TWO, estimate_all(TWO, bootstrap=100))
    lines = text.splitlines()
    assert lines[0] == "307 people recorded on 2 lists (ngo_a 224, ngo_b 203)"
    assert lines[2].split() == ["method", "estimate", "interval", "level"]
    assert lines[3].startswith("chapman") and lines[3].endswith("95%")
    assert "loglinear-bic: with two lists nothing in the data can check" in text


def test_csv_to_json_end_to_end():
    table = read_capture_csv("A,B,count\n1,1,120\n1,0,104\n0,1,83\n")
    document = to_json(table, estimate_all(table, bootstrap=100))
    assert document["estimates"][0]["estimate"] == pytest.approx(225 * 204 / 121 - 1)
