"""The latent class model: recovers a known population; diagnostics that catch bad chains."""

import numpy as np
import pytest

from tallybook.core.estimate import CaptureTable, Settings, lcmcr_estimate, simulate_population
from tallybook.core.estimate.diagnostics import ess, rhat
from tallybook.core.estimate.lcmcr import sample_posterior

QUICK = Settings(chains=2, burn_in=1000, samples=500, thin=4)


def test_recovers_a_simulated_population():
    table = simulate_population(2000, 5, heterogeneity=1.0, seed=11)
    assert table.observed < 1700  # many people were never recorded
    e = lcmcr_estimate(table, settings=QUICK, seed=1)
    assert e.method == "lcmcr"
    assert e.lower < 2000 < e.upper
    assert table.observed < e.lower
    assert e.details["rhat"] < 1.1
    assert e.details["draws"].shape == (2 * 500,)


def test_seeded_runs_repeat():
    table = simulate_population(500, 4, seed=3)
    a = lcmcr_estimate(table, settings=QUICK, seed=5)
    b = lcmcr_estimate(table, settings=QUICK, seed=5)
    assert (a.estimate, a.lower, a.upper) == (b.estimate, b.lower, b.upper)


def test_short_chains_are_flagged():
    table = simulate_population(500, 4, seed=3)
    e = lcmcr_estimate(table, settings=Settings(chains=2, burn_in=0, samples=40, thin=1), seed=0)
    assert any("effective sample size" in w for w in e.warnings)


def test_needs_two_chains():
    table = simulate_population(500, 3, seed=3)
    with pytest.raises(ValueError, match="at least 2 chains"):
        lcmcr_estimate(table, settings=Settings(chains=1))


def test_two_lists_warn_that_the_prior_decides():
    table = CaptureTable(("A", "B"), {(1, 1): 120, (1, 0): 104, (0, 1): 83})
    e = lcmcr_estimate(table, settings=QUICK)
    assert any("two lists" in w for w in e.warnings)


def test_batched_tables_are_separate_models():
    small = simulate_population(300, 3, seed=1).vector()
    large = simulate_population(3000, 3, seed=1).vector()
    draws = sample_posterior(np.stack([small, large]), 3, settings=QUICK, seed=2)
    assert draws.shape == (2, 2, 500)
    assert np.median(draws[0]) < 1000 < np.median(draws[1])
    assert (draws[0] >= small.sum()).all()


def test_rhat_on_synthetic_chains():
    rng = np.random.default_rng(0)
    agree = rng.normal(size=(4, 1000))
    assert rhat(agree) == pytest.approx(1.0, abs=0.01)
    stuck = agree + np.array([[0.0], [0.0], [0.0], [3.0]])  # one chain elsewhere
    assert rhat(stuck) > 1.1
    drifting = agree + np.linspace(0, 5, 1000)  # chains that have not settled
    assert rhat(drifting) > 1.1


def test_ess_on_synthetic_chains():
    rng = np.random.default_rng(1)
    assert ess(rng.normal(size=(4, 2000))) == pytest.approx(8000, rel=0.1)
    rho, noise = 0.9, rng.normal(size=(4, 20000))
    ar = np.zeros_like(noise)
    for t in range(1, noise.shape[1]):
        ar[:, t] = rho * ar[:, t - 1] + noise[:, t]
    expected = ar.size * (1 - rho) / (1 + rho)  # AR(1): ESS = n (1 - ρ) / (1 + ρ)
    assert ess(ar) == pytest.approx(expected, rel=0.2)
