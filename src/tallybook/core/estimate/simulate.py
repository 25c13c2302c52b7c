"""Simulated populations of known size, for checking the estimators.

People belong to latent strata that differ in how likely every list is to
record them (heterogeneous capture): the "hard to record" stratum is what
makes naive estimates too low, and what the latent class model is for.
Within a stratum lists record people independently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import expit, logit

from .diagnostics import rhat
from .lcmcr import Settings, sample_posterior
from .table import CaptureTable, patterns

DEFAULT_WEIGHTS = (0.7, 0.3)  # hard to record, easy to record
BASE_LOW, BASE_HIGH = 0.25, 0.45  # lists' capture probabilities before heterogeneity


def capture_probabilities(lists: int, heterogeneity: float) -> np.ndarray:
    """(lists × 2) capture probabilities: the hard and the easy stratum.

    Each list's base probability (from 0.25 to 0.45) is moved down for the
    hard stratum and up for the easy one by `heterogeneity` on the logit
    scale; 0 means everyone is equally likely to be recorded.
    """
    base = logit(np.linspace(BASE_LOW, BASE_HIGH, lists))
    return expit(base[:, None] + heterogeneity * np.array([-1.0, 1.0]))


def simulate_population(
    N: int,
    lists: int | Sequence[str],
    *,
    heterogeneity: float = 1.0,
    seed: int | np.random.SeedSequence = 0,
    weights: Sequence[float] = DEFAULT_WEIGHTS,
    capture: np.ndarray | None = None,
) -> CaptureTable:
    """Record a population of `N` people on `lists` and return what the lists saw.

    `capture` (lists × strata) overrides the probabilities that
    `heterogeneity` would give; `weights` are the strata's shares.
    """
    names = [f"L{j + 1}" for j in range(lists)] if isinstance(lists, int) else list(lists)
    shares = np.asarray(weights, dtype=float)
    if capture is None:
        if len(shares) != 2:
            raise ValueError("with two strata give two weights, or pass `capture`")
        capture = capture_probabilities(len(names), heterogeneity)
    capture = np.asarray(capture, dtype=float)
    if capture.shape != (len(names), len(shares)):
        raise ValueError(f"capture must be (lists × strata) = ({len(names)}, {len(shares)})")
    rng = np.random.default_rng(seed)
    stratum_sizes = rng.multinomial(N, shares / shares.sum())
    x = np.vstack([np.zeros((1, len(names)), dtype=np.int64), patterns(len(names))])
    counts = np.zeros(len(x), dtype=np.int64)
    for size, probs in zip(stratum_sizes, capture.T, strict=True):
        # within a stratum each pattern is a multinomial cell
        cell = np.prod(np.where(x == 1, probs, 1 - probs), axis=1)
        counts += rng.multinomial(size, cell)
    return CaptureTable.from_vector(names, counts[1:])


@dataclass(frozen=True)
class Coverage:
    """How often the latent class model's intervals held the true N."""

    simulations: int
    covered: int
    level: float
    N: int
    median_estimate: float  # median over simulations of the posterior median
    median_width: float  # median interval width, as a share of N
    max_rhat: float

    @property
    def coverage(self) -> float:
        return self.covered / self.simulations


def lcmcr_coverage(
    simulations: int = 200,
    *,
    N: int = 2000,
    lists: int = 5,
    heterogeneity: float = 1.0,
    settings: Settings | None = None,
    seed: int = 0,
    level: float = 0.95,
) -> Coverage:
    """Simulate `simulations` populations and count intervals that cover N.

    All tables go through the sampler together (one batched run).
    """
    settings = settings or Settings(chains=2)
    seeds = np.random.SeedSequence(seed).spawn(simulations + 1)
    tables = [simulate_population(N, lists, heterogeneity=heterogeneity, seed=s) for s in seeds[1:]]
    counts = np.stack([t.vector() for t in tables])
    draws = sample_posterior(counts, lists, settings=settings, seed=seeds[0])
    tail = (1 - level) / 2 * 100
    flat = draws.reshape(simulations, -1)
    low, mid, high = np.percentile(flat, [tail, 50, 100 - tail], axis=1)
    covered = int(((low <= N) & (high >= N)).sum())
    return Coverage(
        simulations=simulations,
        covered=covered,
        level=level,
        N=N,
        median_estimate=float(np.median(mid)),
        median_width=float(np.median((high - low) / N)),
        max_rhat=float(max(rhat(d) for d in draws)),
    )
