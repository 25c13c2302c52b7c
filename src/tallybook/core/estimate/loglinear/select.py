"""Choosing a log-linear model by BIC (or AIC): every candidate, or stepwise.

For k ≤ 5 lists every hierarchical two-way model is fitted (2^(k choose 2)
of them, 1,024 at k = 5); beyond that, or with three-way terms and k ≥ 5, a
stepwise search adds or drops one term at a time from the independence model
while the criterion improves. Models whose MLE does not exist are refused
with their reason and never chosen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..table import CaptureTable
from .fit import (
    MAX_UNOBSERVED,
    Fit,
    ModelRefused,
    fit_model,
    newton,
    observed_design,
    poisson_loglik,
)
from .models import Model, candidate_models, count_candidates, moves

EXHAUSTIVE_LIMIT = 1024
CRITERIA = ("bic", "aic")


@dataclass(frozen=True)
class Candidate:
    model: Model
    fit: Fit | None
    reason: str | None = None  # why the model was refused, when fit is None

    def score(self, criterion: str) -> float:
        return getattr(self.fit, criterion) if self.fit is not None else float("inf")


@dataclass(frozen=True)
class Selection:
    best: Fit
    candidates: tuple[Candidate, ...]  # best first; refused models last
    criterion: str
    search: str  # "exhaustive" or "stepwise"

    def table(self, lists: Sequence[str]) -> list[dict]:
        """The candidates as rows a person can read: model, fit, estimate or refusal."""
        rows = []
        for c in self.candidates:
            row: dict = {"model": c.model.name(lists), "parameters": c.model.n_params}
            if c.fit is None:
                row["refused"] = c.reason
            else:
                row.update(
                    estimate=c.fit.estimate,
                    deviance=c.fit.deviance,
                    df=c.fit.df,
                    bic=c.fit.bic,
                    aic=c.fit.aic,
                )
            rows.append(row)
        return rows


def choose_search(k: int, max_order: int, search: str) -> str:
    if search not in ("auto", "exhaustive", "stepwise"):
        raise ValueError(f"search must be auto, exhaustive or stepwise, not {search!r}")
    if search == "auto":
        exhaustive = count_candidates(k, max_order) <= EXHAUSTIVE_LIMIT
        return "exhaustive" if exhaustive else "stepwise"
    return search


def select_model(
    table: CaptureTable, *, criterion: str = "bic", max_order: int = 2, search: str = "auto"
) -> Selection:
    """The candidate with the lowest criterion, with every candidate tried."""
    if criterion not in CRITERIA:
        raise ValueError(f"criterion must be one of {CRITERIA}, not {criterion!r}")
    search = choose_search(table.k, max_order, search)
    tried: dict[Model, Candidate] = {}

    def attempt(model: Model) -> Candidate:
        if model not in tried:
            try:
                tried[model] = Candidate(model, fit_model(table, model))
            except ModelRefused as refusal:
                tried[model] = Candidate(model, None, str(refusal))
        return tried[model]

    if search == "exhaustive":
        for model in candidate_models(table.k, max_order):
            attempt(model)
    else:
        current = attempt(Model(table.k))
        while True:
            options = [attempt(m) for m in moves(current.model, max_order)]
            better = min(options, key=lambda c: c.score(criterion), default=None)
            if better is None or not better.score(criterion) < current.score(criterion):
                break
            current = better
    ranked = sorted(tried.values(), key=lambda c: (c.score(criterion), c.model.n_params))
    if ranked[0].fit is None:
        reasons = Counter(c.reason for c in ranked)
        raise ModelRefused(f"no log-linear model can be fitted: {reasons.most_common(1)[0][0]}")
    return Selection(ranked[0].fit, tuple(ranked), criterion, search)


def batch_scores(
    ys: np.ndarray,
    k: int,
    model: Model,
    criterion: str = "bic",
    start: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """`model` fitted to each row of `ys`: (criterion, estimate of N), inf/NaN where refused."""
    rows = ys.shape[0]
    score = np.full(rows, np.inf)
    estimate = np.full(rows, np.nan)
    design, pinv = observed_design(model)
    # a zero sufficient statistic: that parameter's MLE is -inf
    ok = ~((ys @ design)[:, 1:] == 0).any(axis=1)
    if not ok.any():
        return score, estimate
    coef, converged = newton(design, ys[ok], start, pinv=pinv)
    where = np.flatnonzero(ok)[converged]
    coef = coef[converged]
    y = ys[where]
    n = y.sum(axis=1)
    loglik = poisson_loglik(y, np.exp(coef @ design.T))
    penalty = np.log(n) if criterion == "bic" else 2.0
    unobserved = np.exp(coef[:, 0])
    bounded = np.isfinite(unobserved) & (unobserved <= MAX_UNOBSERVED)
    score[where] = np.where(bounded, -2 * loglik + model.n_params * penalty, np.inf)
    estimate[where] = np.where(bounded, n + unobserved, np.nan)
    return score, estimate


def select_batch(
    ys: np.ndarray,
    k: int,
    models: Sequence[Model],
    *,
    criterion: str = "bic",
    starts: dict[Model, np.ndarray] | None = None,
) -> np.ndarray:
    """The estimate of N after choosing among `models`, for each row of `ys` (tables × cells).

    NaN where no model can be fitted. `starts` gives coefficients to start
    Newton from (the fits to the observed table are close to the replicates').
    """
    ys = np.asarray(ys, dtype=float)
    best = np.full(ys.shape[0], np.inf)
    estimate = np.full(ys.shape[0], np.nan)
    for model in models:
        score, value = batch_scores(ys, k, model, criterion, (starts or {}).get(model))
        better = score < best
        best[better] = score[better]
        estimate[better] = value[better]
    return estimate


def stepwise_batch(
    ys: np.ndarray,
    k: int,
    *,
    criterion: str = "bic",
    max_order: int = 2,
    starts: dict[Model, np.ndarray] | None = None,
    origin: Model | None = None,
) -> np.ndarray:
    """Stepwise selection on each row of `ys`, rows moving in lockstep from `origin`.

    Each table follows its own path; a model is fitted, in one batch, to the
    tables whose path reaches it, and remembered. Paths from the independence
    model wander apart (thousands of distinct models for a thousand tables),
    so the bootstrap starts them from the model chosen for the observed
    table, where they stay close.
    """
    ys = np.asarray(ys, dtype=float)
    rows = ys.shape[0]
    cache: dict[Model, tuple[np.ndarray, np.ndarray]] = {}

    def scores(model: Model, here: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if model not in cache:
            cache[model] = (np.full(rows, np.nan), np.full(rows, np.nan))
        score, value = cache[model]
        todo = here[np.isnan(score[here])]
        if len(todo):
            start = (starts or {}).get(model)
            score[todo], value[todo] = batch_scores(ys[todo], k, model, criterion, start)
        return score[here], value[here]

    current = [origin or Model(k)] * rows
    moving = True
    while moving:
        moving = False
        groups: dict[Model, list[int]] = {}
        for row, model in enumerate(current):
            groups.setdefault(model, []).append(row)
        for model, members in groups.items():
            options = list(moves(model, max_order))
            if not options:
                continue
            here = np.array(members)
            table = np.stack([scores(m, here)[0] for m in options])  # options × rows
            pick = table.argmin(axis=0)
            improved = table[pick, np.arange(len(here))] < scores(model, here)[0]
            for row, choice in zip(here[improved], pick[improved], strict=True):
                current[row] = options[choice]
                moving = True
    return np.array([scores(model, np.array([row]))[1][0] for row, model in enumerate(current)])
