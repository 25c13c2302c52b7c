"""Validation: the latent class model's 95% intervals cover the truth in 200 simulations.

The figure is recorded in docs/estimation.md; this test keeps it true.
"""

import pytest

from tallybook.core.estimate import Settings
from tallybook.core.estimate.simulate import capture_probabilities, lcmcr_coverage

# the setting the docs report; about 1.5 minutes on one core
STUDY = Settings(chains=2, burn_in=2000, samples=1000, thin=5)


def test_simulated_populations_are_heterogeneous():
    hard, easy = capture_probabilities(5, 1.0).T
    assert (easy > 2 * hard).all()
    assert capture_probabilities(5, 0.0)[:, 0] == pytest.approx(capture_probabilities(5, 0.0)[:, 1])


def test_small_coverage_check():
    result = lcmcr_coverage(
        20, N=1000, settings=Settings(chains=2, burn_in=1000, samples=300, thin=3), seed=3
    )
    assert result.covered >= 16


@pytest.mark.slow
def test_coverage_of_200_simulations():
    result = lcmcr_coverage(200, N=2000, lists=5, heterogeneity=1.0, settings=STUDY, seed=0)
    assert result.coverage >= 0.90, result
