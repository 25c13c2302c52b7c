"""Intervals for the log-linear estimate: profile likelihood and a bootstrap.

Profile likelihood (Cormack 1992): for each candidate N the model is fitted
to the completed table with N - n people in the all-zero cell, and the
multinomial log-likelihood of the whole table is maximised over the other
parameters. The interval holds the N whose profile is within χ²₁ of the
best. It assumes the model is right.

The bootstrap takes model choice into account (Buckland, Burnham & Augustin
1997): each replicate draws a table of N̂ people from the observed cell
proportions, with N̂ - n of them in the unobserved cell, keeps the people
some list recorded, and repeats the whole selection on it. The percentile
interval of the replicate estimates is reported.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import brentq, minimize_scalar
from scipy.special import gammaln
from scipy.stats import chi2

from ..table import CaptureTable, patterns
from .fit import newton
from .models import Model
from .select import Selection, select_batch, stepwise_batch

MAX_UPPER = 1e9  # times the observed count: stop looking for the upper bound here


def profile_interval(
    table: CaptureTable, model: Model, level: float = 0.95
) -> tuple[float, float, float]:
    """(maximiser, lower, upper) of the profile likelihood of N; upper is inf when flat."""
    x = np.vstack([np.zeros((1, table.k), dtype=np.int64), patterns(table.k)])
    design = model.design(x)
    y = table.vector().astype(float)
    n = float(y.sum())
    fixed = float(gammaln(y + 1).sum())
    state: dict[str, np.ndarray | None] = {"coef": None}

    def loglik(total: float) -> float:
        full = np.concatenate([[total - n], y])
        coef, _ = newton(design, full[None, :], state["coef"])
        state["coef"] = coef[0]
        mu = np.exp(design @ coef[0])
        terms = np.where(full > 0, full * np.log(np.maximum(mu, 1e-300) / total), 0.0)
        return float(gammaln(total + 1) - gammaln(total - n + 1) - fixed + terms.sum())

    # search on log(N - n + 1): the profile is close to quadratic there
    def to_n(t: float) -> float:
        return n - 1 + math.exp(t)

    top = math.log(MAX_UPPER * max(n, 1.0))
    found = minimize_scalar(
        lambda t: -loglik(to_n(t)), bounds=(0.0, top), method="bounded", options={"xatol": 1e-6}
    )
    t_best = float(found.x)
    best = -float(found.fun)
    crit = float(chi2.ppf(level, 1))

    def gap(t: float) -> float:
        return 2 * (best - loglik(to_n(t))) - crit

    lower = n if gap(0.0) <= 0 else to_n(brentq(gap, 0.0, t_best, xtol=1e-8))
    upper = math.inf if gap(top) <= 0 else to_n(brentq(gap, t_best, top, xtol=1e-8))
    return to_n(t_best), lower, upper


def bootstrap(
    table: CaptureTable,
    selection: Selection,
    *,
    replicates: int = 1000,
    seed: int | np.random.SeedSequence = 0,
    max_order: int = 2,
) -> np.ndarray:
    """Replicate estimates of N, each after its own model selection (NaN where none fits)."""
    rng = np.random.default_rng(seed)
    y = table.vector().astype(float)
    fit = selection.best
    total = fit.estimate
    size = int(round(total))
    probs = np.concatenate([[fit.unobserved], y]) / total
    draws = rng.multinomial(size, probs / probs.sum(), size=replicates)[:, 1:]
    starts = {c.model: c.fit.coef for c in selection.candidates if c.fit is not None}
    if selection.search == "exhaustive":
        models = [c.model for c in selection.candidates]
        return select_batch(draws, table.k, models, criterion=selection.criterion, starts=starts)
    # each replicate's stepwise search starts where the observed table's ended
    return stepwise_batch(
        draws,
        table.k,
        criterion=selection.criterion,
        max_order=max_order,
        starts=starts,
        origin=fit.model,
    )
