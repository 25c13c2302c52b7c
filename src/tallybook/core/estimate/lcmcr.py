"""The Bayesian non-parametric latent class model (Manrique-Vallier 2016).

People fall into latent classes; within a class, being on one list is
independent of being on another, with class-specific probabilities λ_jk.
Mixing over classes lets the chance of being recorded vary between people
(heterogeneity) and so induces dependence between lists. The classes have
a truncated stick-breaking (Dirichlet process) prior with K* classes and
concentration α ~ Gamma(0.25, 0.25); each λ_jk ~ Beta(1, 1); the population
size has the prior p(N) ∝ 1/N.

The Gibbs sampler of the paper's appendix, with data augmentation for the
people no list recorded:

1. classes of the recorded people given π, λ (multinomial per capture pattern);
2. the number never recorded, n0 ~ NegativeBinomial(n, 1 - π0), where
   π0 = Σ_k π_k Π_j (1 - λ_jk) is the chance of being on no list;
3. their classes, multinomial in proportion to π_k Π_j (1 - λ_jk);
4. λ_jk ~ Beta(1 + recorded by j in k, 1 + not recorded by j in k);
5. stick-breaking weights V_k ~ Beta(1 + n_k, α + Σ_{h>k} n_h);
6. α ~ Gamma(a + K* - 1, b - Σ_k log(1 - V_k)).

People with the same pattern are exchangeable, so step 1 draws counts per
pattern rather than a class per person, and every array carries leading
axes for tables and chains: many chains (and, for the simulation study,
many tables) advance in the same NumPy calls.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .diagnostics import ess, rhat
from .result import Estimate
from .table import CaptureTable, patterns

MAX_RHAT = 1.1
MIN_ESS = 200
FLOOR = 1e-9  # smallest chance of being recorded at all; keeps n0 a finite draw


@dataclass(frozen=True)
class Settings:
    """How long to run the sampler, and the prior."""

    classes: int = 10  # K*, the truncation of the stick-breaking prior
    chains: int = 4
    burn_in: int = 5000
    samples: int = 2000  # kept per chain
    thin: int = 10
    a_alpha: float = 0.25
    b_alpha: float = 0.25


def lcmcr_estimate(
    table: CaptureTable,
    *,
    settings: Settings | None = None,
    seed: int | np.random.SeedSequence = 0,
    level: float = 0.95,
) -> Estimate:
    """Posterior median of N and the equal-tailed credible interval, with diagnostics."""
    settings = settings or Settings()
    if settings.chains < 2:
        raise ValueError("run at least 2 chains: R-hat compares chains")
    if table.observed == 0:
        raise ValueError("the table records nobody")
    draws = sample_posterior(table.vector()[None, :], table.k, settings=settings, seed=seed)[0]
    tail = (1 - level) / 2 * 100
    low, median, high = np.percentile(draws, [tail, 50, 100 - tail])
    r, e = rhat(draws), ess(draws)
    warnings = []
    if not r <= MAX_RHAT:
        warnings.append(
            f"the chains disagree (R-hat {r:.2f} > {MAX_RHAT}): run longer before trusting this"
        )
    if not e >= MIN_ESS:
        warnings.append(
            f"effective sample size of N is {e:.0f} (< {MIN_ESS}): "
            "the interval's ends are imprecise; run longer"
        )
    if table.k == 2:
        warnings.append(
            "with two lists the latent class model cannot tell heterogeneity from the data: "
            "the interval mostly reflects the prior"
        )
    return Estimate(
        "lcmcr",
        float(median),
        float(low),
        float(high),
        level,
        tuple(warnings),
        {
            "draws": draws.ravel(),
            "rhat": r,
            "ess": e,
            "mean": float(draws.mean()),
            "settings": settings,
            "interval": "equal-tailed posterior credible interval",
        },
    )


def sample_posterior(
    counts: np.ndarray,
    k: int,
    *,
    settings: Settings | None = None,
    seed: int | np.random.SeedSequence = 0,
) -> np.ndarray:
    """Posterior draws of N for each table: counts (tables × 2^k - 1) → (tables, chains, samples).

    Counts are in the order of `patterns(k)`. Each table is a separate
    model; tables share only the random-number stream.
    """
    s = settings or Settings()
    rng = np.random.default_rng(seed)
    counts = np.asarray(counts, dtype=np.int64)
    tables, cells = counts.shape
    if cells != 2**k - 1:
        raise ValueError(f"{k} lists have {2**k - 1} patterns, got {cells} counts")
    x = patterns(k).astype(float)
    shape = (tables, s.chains)
    kk = s.classes
    n = counts.sum(axis=1).astype(float)[:, None]  # (tables, 1)
    cell_counts = np.broadcast_to(counts[:, None, :], (*shape, cells))

    # dispersed starts, so that R-hat can see chains that have not forgotten them
    lam = rng.uniform(0.05, 0.95, size=(*shape, k, kk))
    log_pi = np.log(rng.dirichlet(np.ones(kk), size=shape))
    alpha = np.ones(shape)
    out = np.empty((*shape, s.samples))
    total = s.burn_in + s.samples * s.thin
    for step in range(total):
        log_lam, log_not = np.log(lam), np.log1p(-lam)
        # 1. classes of the recorded, drawn as counts per pattern
        weights = x @ (log_lam - log_not) + (log_not.sum(axis=-2) + log_pi)[..., None, :]
        probs = np.exp(weights - weights.max(axis=-1, keepdims=True))
        probs /= probs.sum(axis=-1, keepdims=True)
        seen = rng.multinomial(cell_counts, probs)  # (tables, chains, cells, classes)
        # 2. how many were never recorded
        log_unseen = log_pi + log_not.sum(axis=-2)  # (tables, chains, classes)
        top = log_unseen.max(axis=-1, keepdims=True)
        unseen_w = np.exp(log_unseen - top)
        mass = unseen_w.sum(axis=-1)
        p0 = mass * np.exp(top[..., 0])
        n0 = rng.negative_binomial(n, np.clip(1 - p0, FLOOR, 1.0))
        # 3. their classes
        unseen = rng.multinomial(n0, unseen_w / mass[..., None])
        # 4. capture probabilities per list and class
        size = seen.sum(axis=-2) + unseen  # people per class
        hits = x.T @ seen  # (tables, chains, lists, classes)
        lam = rng.beta(1 + hits, 1 + size[..., None, :] - hits)
        lam = np.clip(lam, 1e-12, 1 - 1e-12)
        # 5. stick-breaking weights
        later = np.cumsum(size[..., ::-1], axis=-1)[..., ::-1][..., 1:]
        v = rng.beta(1 + size[..., :-1], alpha[..., None] + later)
        v = np.clip(v, 1e-300, 1 - 1e-16)
        log_rest = np.cumsum(np.log1p(-v), axis=-1)
        log_pi = np.concatenate([np.log(v), np.zeros((*shape, 1))], axis=-1)
        log_pi[..., 1:] += log_rest
        # 6. concentration
        alpha = rng.gamma(s.a_alpha + kk - 1, 1 / (s.b_alpha - log_rest[..., -1]))
        kept = step - s.burn_in
        if kept >= 0 and kept % s.thin == 0:
            out[..., kept // s.thin] = n + n0
    return out
