"""Convergence diagnostics for Markov chains: R-hat and effective sample size.

Both are computed on rank-normalised draws (Vehtari, Gelman, Simpson,
Carpenter & Bürkner 2021), because the posterior of a population size has a
long right tail and the classic forms (Gelman & Rubin 1992; Gelman et al.,
Bayesian Data Analysis, 3rd ed., ch. 11) are thrown by a few large draws.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import norm, rankdata


def rhat(chains: np.ndarray) -> float:
    """Rank-normalised split R-hat, the larger of its bulk and tail (folded) forms.

    `chains` is (chains, draws). Values near 1 mean the chains agree; above
    1.01-1.1 they have not mixed.
    """
    chains = _split(np.asarray(chains, dtype=float))
    bulk = _rhat(_rank_normal(chains))
    folded = np.abs(chains - np.median(chains))
    return float(max(bulk, _rhat(_rank_normal(folded))))


def ess(chains: np.ndarray) -> float:
    """Bulk effective sample size of (chains, draws), with Geyer's initial monotone sequence."""
    chains = _rank_normal(_split(np.asarray(chains, dtype=float)))
    m, n = chains.shape
    if n < 4:
        return float("nan")
    centred = chains - chains.mean(axis=1, keepdims=True)
    size = 1 << (2 * n - 1).bit_length()
    spectrum = np.fft.rfft(centred, size, axis=1)
    acov = np.fft.irfft(spectrum * np.conj(spectrum), size, axis=1)[:, :n] / n
    within = acov[:, 0].mean() * n / (n - 1)
    var_plus = within * (n - 1) / n + chains.mean(axis=1).var(ddof=1) if m > 1 else within
    if var_plus <= 0:
        return float("nan")
    rho = 1 - (within - acov.mean(axis=0)) / var_plus
    rho[0] = 1.0
    # sum autocorrelations in pairs while the pairs stay positive, never increasing
    pairs = rho[: n - n % 2].reshape(-1, 2).sum(axis=1)
    positive = np.flatnonzero(pairs <= 0)
    pairs = pairs[: positive[0] if len(positive) else len(pairs)]
    pairs = np.minimum.accumulate(pairs)
    tau = -1 + 2 * pairs.sum()
    return float(m * n / max(tau, 1.0 / np.log10(max(m * n, 10))))


def _split(chains: np.ndarray) -> np.ndarray:
    if chains.ndim != 2:
        raise ValueError("chains must be a 2-d array: (chains, draws)")
    half = chains.shape[1] // 2
    return np.vstack([chains[:, :half], chains[:, half : 2 * half]])


def _rank_normal(chains: np.ndarray) -> np.ndarray:
    ranks = rankdata(chains, method="average").reshape(chains.shape)
    return norm.ppf((ranks - 0.375) / (chains.size + 0.25))


def _rhat(chains: np.ndarray) -> float:
    m, n = chains.shape
    within = chains.var(axis=1, ddof=1).mean()
    between = n * chains.mean(axis=1).var(ddof=1)
    if within <= 0:
        return float("nan") if between > 0 else 1.0
    var_plus = (n - 1) / n * within + between / n
    return float(np.sqrt(var_plus / within))
