"""Estimates by stratum, sparse-data warnings, and the combined total."""

import numpy as np
import pytest

from tallybook.core.estimate import (
    TOTAL,
    CaptureTable,
    Settings,
    estimate_strata,
    simulate_population,
    sparse_warnings,
)

QUICK = Settings(chains=2, burn_in=500, samples=300, thin=2)


def test_each_stratum_and_a_total():
    strata = {
        "Kurdistan": simulate_population(1500, 3, seed=1),
        "Tehran": simulate_population(800, 3, seed=2),
    }
    results = estimate_strata(strata, seed=4, bootstrap=200, lcmcr_settings=QUICK)
    assert list(results) == ["Kurdistan", "Tehran", TOTAL]
    assert [e.method for e in results[TOTAL]] == ["loglinear-bic", "lcmcr"]
    for i, total in enumerate(results[TOTAL]):
        parts = [results[name][i] for name in strata]
        assert total.estimate == pytest.approx(sum(e.estimate for e in parts))
        assert total.lower < total.estimate < total.upper
        # summing draws: the total's interval is narrower than adding the ends
        assert total.upper - total.lower < sum(e.upper - e.lower for e in parts)
        assert total.details["draws"].shape == parts[0].details["draws"].shape
    for name in strata:
        assert not any(w.startswith("sparse") for e in results[name] for w in e.warnings)


def test_sparse_stratum_warns_and_the_total_says_so():
    strata = {
        "big": simulate_population(1500, 3, seed=1),
        "small": CaptureTable(("L1", "L2", "L3"), {(1, 0, 0): 9, (0, 1, 0): 3, (1, 0, 1): 4}),
    }
    results = estimate_strata(strata, ["loglinear-bic"], bootstrap=50)
    warnings = results["small"][0].warnings
    assert any("16 people recorded (fewer than 30)" in w for w in warnings)
    assert any("fewer than 5 records: L2 (3), L3 (4)" in w for w in warnings)
    assert any("no one in common: L1 & L2, L2 & L3" in w for w in warnings)
    assert not any(w.startswith("sparse") for w in results["big"][0].warnings)
    assert any("includes sparse strata: small" in w for w in results[TOTAL][0].warnings)


def test_total_fails_when_a_stratum_has_no_estimate():
    strata = {
        "a": simulate_population(1500, 2, seed=1),
        "b": CaptureTable(("L1", "L2"), {(1, 0): 5}),  # list L2 empty: nothing to estimate
    }
    results = estimate_strata(strata, ["loglinear-bic"], bootstrap=50)
    assert not results["b"][0].ok
    assert not results[TOTAL][0].ok
    assert "no estimate for stratum b" in results[TOTAL][0].warnings[0]


def test_chapman_totals_add_variances():
    strata = {name: simulate_population(1000, 2, seed=s) for s, name in enumerate("xy")}
    results = estimate_strata(strata, ["chapman"])
    total = results[TOTAL][0]
    variance = sum(results[name][0].details["variance"] for name in strata)
    assert total.details["variance"] == pytest.approx(variance)
    assert total.lower < total.estimate < total.upper


def test_total_name_is_reserved():
    with pytest.raises(ValueError, match="reserved"):
        estimate_strata({TOTAL: simulate_population(100, 2, seed=0)})


def test_sparse_warnings_on_a_healthy_table():
    assert sparse_warnings(simulate_population(2000, 4, seed=0)) == []
    assert np.isfinite(simulate_population(2000, 4, seed=0).vector()).all()
