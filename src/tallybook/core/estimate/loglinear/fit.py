"""Fitting one log-linear model by maximum likelihood, and refusing it with a reason.

The fit is Newton's method on the Poisson log-likelihood, written in NumPy
for a batch of tables at once: the bootstrap refits every candidate model on
a thousand resampled tables, and one batched solve per Newton step is much
faster than a thousand GLM calls.

Whether the maximum likelihood estimate exists is checked exactly for a
single table (Haberman 1974; Fienberg & Rinaldo 2012): it fails to exist when
some direction in parameter space sends the expected count of zero cells to
0 and changes no cell that has people in it. A linear program finds such a
direction. In the bootstrap, where that would be slow, a fit that does not
converge or that drives a zero cell's expected count to 0 is refused
instead: the two are the numerical symptoms of the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.optimize import linprog
from scipy.special import gammaln

from ..table import CaptureTable, patterns
from .models import Model

MAX_ITER = 60
TOL = 1e-9
MAX_STEP = 8.0  # on the log scale; keeps a wild first step from overflowing exp
BOUNDARY = 1e-10  # an expected count this small in a zero cell means the MLE is at infinity
MAX_UNOBSERVED = 1e12  # beyond this the "estimate" is the model saying it cannot tell


class ModelRefused(ValueError):
    """A model that cannot give an estimate for this table, with the reason."""


@dataclass(frozen=True)
class Fit:
    """A fitted model: coefficients, fit statistics and the estimate of the population."""

    model: Model
    coef: np.ndarray
    fitted: np.ndarray  # expected counts over the observed cells, in `patterns(k)` order
    loglik: float
    deviance: float
    df: int
    observed: int
    unobserved: float  # expected count in the all-zero cell: exp(intercept)

    @property
    def estimate(self) -> float:
        return self.observed + self.unobserved

    @property
    def bic(self) -> float:
        return -2 * self.loglik + self.model.n_params * np.log(self.observed)

    @property
    def aic(self) -> float:
        return -2 * self.loglik + 2 * self.model.n_params


def fit_model(table: CaptureTable, model: Model) -> Fit:
    """Fit `model` to `table`, or raise `ModelRefused` saying why it cannot be."""
    if model.k != table.k:
        raise ValueError(f"model is for {model.k} lists, table has {table.k}")
    problems = model.problems()
    if problems:
        raise ModelRefused(problems[0])
    x = patterns(table.k)
    design, pinv = observed_design(model)
    y = table.vector().astype(float)
    if y.sum() == 0:
        raise ModelRefused("the table records nobody")
    if np.linalg.matrix_rank(design) < design.shape[1]:
        raise ModelRefused(
            "not identifiable: its design matrix over the observed cells is rank-deficient"
        )
    reason = zero_margin(design, y, model, table.lists)
    if reason:
        raise ModelRefused(reason)
    if (y == 0).any():
        face = nonexistence_face(design, y)
        if face is not None:
            cells = ", ".join("".join(map(str, x[i])) for i in face)
            raise ModelRefused(
                "the maximum likelihood estimate does not exist: the empty cells "
                f"{cells} push a parameter to infinity"
            )
    coef, converged = newton(design, y[None, :], pinv=pinv)
    if not converged[0]:
        raise ModelRefused("the fit did not converge")
    return make_fit(model, design, y, coef[0])


def make_fit(model: Model, design: np.ndarray, y: np.ndarray, coef: np.ndarray) -> Fit:
    """The fit statistics for coefficients `coef`; refuses an unbounded unobserved cell."""
    mu = np.exp(design @ coef)
    unobserved = float(np.exp(coef[0]))
    if not np.isfinite(unobserved) or unobserved > MAX_UNOBSERVED:
        raise ModelRefused("the model puts an unbounded number of people in the unobserved cell")
    return Fit(
        model=model,
        coef=coef,
        fitted=mu,
        loglik=float(poisson_loglik(y, mu)),
        deviance=float(deviance(y, mu)),
        df=len(y) - design.shape[1],
        observed=int(y.sum()),
        unobserved=unobserved,
    )


def zero_margin(
    design: np.ndarray, y: np.ndarray, model: Model, lists: Sequence[str]
) -> str | None:
    """A reason when a parameter's sufficient statistic is 0 (its estimate would be -∞)."""
    stats = y @ design
    for column, term in enumerate(model.columns()):
        if column and stats[column] == 0:
            names = [lists[j] for j in term]
            if len(term) == 1:
                return f"list {names[0]!r} has no records"
            return (
                f"nobody is on all of {', '.join(map(repr, names))}, so the "
                f"{':'.join(names)} interaction cannot be estimated (its MLE is -∞)"
            )
    return None


def nonexistence_face(design: np.ndarray, y: np.ndarray) -> list[int] | None:
    """Zero cells whose expected counts the likelihood drives to 0, or None if the MLE exists.

    Looks for d with X d = 0 on cells with people and X d ≤ 0 on empty cells,
    not all 0 (Haberman 1974, Theorem 2.2); linear programming.
    """
    zero = np.flatnonzero(y == 0)
    positive = np.flatnonzero(y > 0)
    if not len(zero):
        return None
    xz, xp = design[zero], design[positive]
    result = linprog(
        c=xz.sum(axis=0),
        A_ub=np.vstack([xz, -xz]),
        b_ub=np.concatenate([np.zeros(len(zero)), np.ones(len(zero))]),
        A_eq=xp if len(positive) else None,
        b_eq=np.zeros(len(positive)) if len(positive) else None,
        bounds=[(None, None)] * design.shape[1],
        method="highs",
    )
    if result.status != 0 or result.fun > -1e-7:
        return None
    slack = xz @ result.x
    return [int(i) for i in zero[slack < -1e-7]]


def observed_design(model: Model) -> tuple[np.ndarray, np.ndarray]:
    """The design matrix over the observed cells and its pseudo-inverse, computed once."""
    return _observed_design(model)


@lru_cache(maxsize=512)
def _observed_design(model: Model) -> tuple[np.ndarray, np.ndarray]:
    design = model.design(patterns(model.k))
    design.flags.writeable = False
    pinv = np.linalg.pinv(design)
    pinv.flags.writeable = False
    return design, pinv


def newton(
    design: np.ndarray,
    ys: np.ndarray,
    start: np.ndarray | None = None,
    max_iter: int = MAX_ITER,
    pinv: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Poisson log-linear MLE for each row of `ys` (tables × cells); returns (coef, converged).

    A row is converged when its Newton step is below TOL and no empty cell's
    expected count has gone to 0; rows that never get there are reported
    unconverged: their MLE does not exist.
    """
    ys = np.asarray(ys, dtype=float)
    rows, p = ys.shape[0], design.shape[1]
    if start is None:
        # least squares on log(y + 0.5): a start close enough for Newton
        coef = np.log(ys + 0.5) @ (np.linalg.pinv(design) if pinv is None else pinv).T
    else:
        coef = np.broadcast_to(start, (rows, p)).copy()
    converged = np.zeros(rows, dtype=bool)
    active = np.arange(rows)
    ridge = 1e-12 * np.eye(p)
    # X'WX for many tables in one matrix product: row r is Σ_cells μ_rc x_c x_cᵀ
    many = rows >= 32
    outer = (design[:, :, None] * design[:, None, :]).reshape(len(design), p * p) if many else None
    for _ in range(max_iter):
        b = coef[active]
        mu = np.exp(np.minimum(b @ design.T, 700.0))
        grad = (ys[active] - mu) @ design
        if outer is not None:
            hess = (mu @ outer).reshape(-1, p, p) + ridge
        else:
            hess = (design.T[None, :, :] * mu[:, None, :]) @ design + ridge
        try:
            step = np.linalg.solve(hess, grad[:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:
            step = np.stack(
                [np.linalg.lstsq(h, g, rcond=None)[0] for h, g in zip(hess, grad, strict=True)]
            )
        size = np.abs(step).max(axis=1)
        step *= np.minimum(1.0, MAX_STEP / np.maximum(size, 1e-300))[:, None]
        coef[active] = b + step
        done = size < TOL * np.maximum(1.0, np.abs(b).max(axis=1))
        converged[active[done]] = True
        active = active[~done]
        if not len(active):
            break
    mu = np.exp(np.minimum(coef @ design.T, 700.0))
    boundary = ((ys == 0) & (mu < BOUNDARY)).any(axis=1)
    finite = np.isfinite(coef).all(axis=1)
    return coef, converged & ~boundary & finite


def poisson_loglik(y: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """Poisson log-likelihood summed over the last axis."""
    return (y * np.log(np.maximum(mu, 1e-300)) - mu - gammaln(y + 1)).sum(axis=-1)


def deviance(y: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """Deviance against the saturated model of the observed cells."""
    ratio = np.where(y > 0, y / np.maximum(mu, 1e-300), 1.0)
    return 2 * (y * np.log(ratio) - (y - mu)).sum(axis=-1)
