"""Log-linear models for multiple systems estimation.

Fienberg (1972); Bishop, Fienberg & Holland (1975), chapter 6.

The counts of the 2^k - 1 observed capture patterns are modelled as Poisson
with log-mean linear in the list indicators and chosen interactions between
lists; the fitted model's intercept gives the expected count of the pattern
no list can see. `loglinear_estimate` selects a model by BIC, reports the
bootstrap percentile interval that repeats the selection, and keeps the
profile-likelihood interval of the chosen model in `details`.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import chi2

from ..result import Estimate
from ..table import CaptureTable, patterns
from .fit import Fit, ModelRefused, fit_model
from .intervals import bootstrap, profile_interval
from .models import Model, candidate_models, parse_model
from .select import Candidate, Selection, select_model

__all__ = [
    "Candidate",
    "Fit",
    "Model",
    "ModelRefused",
    "Selection",
    "bootstrap",
    "candidate_models",
    "fit_model",
    "loglinear_estimate",
    "parse_model",
    "profile_interval",
    "select_model",
    "wald_se",
]

MIN_BOOTSTRAP_SUCCESS = 0.95
EXTRAPOLATION = 10  # warn when the estimate is this many times the number observed


def loglinear_estimate(
    table: CaptureTable,
    *,
    model: Model | str | None = None,
    criterion: str = "bic",
    max_order: int = 2,
    search: str = "auto",
    bootstrap_replicates: int = 1000,
    seed: int | np.random.SeedSequence = 0,
    level: float = 0.95,
) -> Estimate:
    """Estimate N with a log-linear model: chosen by `criterion`, or the `model` given.

    With a bootstrap (the default) the interval is the bootstrap percentile
    interval, which repeats the model selection; with `bootstrap_replicates=0`
    it is the profile-likelihood interval of the model. Raises `ModelRefused`
    (a `ValueError`) when no model can be fitted.
    """
    if isinstance(model, str):
        model = parse_model(model, table.lists)
    if model is None:
        selection = select_model(table, criterion=criterion, max_order=max_order, search=search)
        method = f"loglinear-{criterion}"
    else:
        fit = fit_model(table, model)
        selection = Selection(fit, (Candidate(model, fit),), criterion, "exhaustive")
        method = "loglinear"
    fit = selection.best
    mode, low, high = profile_interval(table, fit.model, level)
    warnings = fit_warnings(table, fit)
    details: dict = {
        "model": fit.model.name(table.lists),
        "terms": sorted(fit.model.terms),
        "deviance": fit.deviance,
        "df": fit.df,
        "se": wald_se(fit),
        "profile_interval": (low, high),
        "profile_mode": mode,
        "criterion": criterion,
        "search": selection.search,
        "candidates": selection.table(table.lists),
    }
    lower, upper = low, high
    if bootstrap_replicates > 0:
        draws = bootstrap(
            table, selection, replicates=bootstrap_replicates, seed=seed, max_order=max_order
        )
        good = draws[np.isfinite(draws)]
        details.update(draws=draws, replicates=len(draws), failed_replicates=len(draws) - len(good))
        details["interval"] = "bootstrap percentile, model selection repeated"
        if len(good) < MIN_BOOTSTRAP_SUCCESS * len(draws):
            warnings.append(
                f"{len(draws) - len(good)} of {len(draws)} bootstrap replicates could not be "
                "fitted by any model; the interval leaves them out and is too narrow"
            )
        if len(good):
            tail = (1 - level) / 2 * 100
            lower, upper = (float(v) for v in np.percentile(good, [tail, 100 - tail]))
    else:
        details["interval"] = "profile likelihood"
    if math.isinf(high):
        warnings.append(
            "the profile likelihood does not fall off above the estimate: the data set no "
            "upper bound under this model"
        )
    return Estimate(method, fit.estimate, lower, upper, level, tuple(warnings), details)


def fit_warnings(table: CaptureTable, fit: Fit) -> list[str]:
    """What a reader should know about a fitted model before trusting it."""
    warnings = []
    if fit.df == 0 and table.k == 2:
        warnings.append(
            "with two lists nothing in the data can check that the lists are independent: "
            "the estimate assumes it"
        )
    elif fit.df == 0:
        warnings.append(
            f"the model ({fit.model.name(table.lists)}) has as many parameters as observed "
            "cells: it fits exactly and nothing in the data checks it"
        )
    elif chi2.sf(fit.deviance, fit.df) < 0.05:
        warnings.append(
            f"the selected model fits the observed table poorly (deviance {fit.deviance:.1f} "
            f"on {fit.df} df, p = {chi2.sf(fit.deviance, fit.df):.3f})"
        )
    if fit.estimate > EXTRAPOLATION * fit.observed:
        warnings.append(
            f"the estimate is {fit.estimate / fit.observed:.0f} times the number recorded: "
            "it rests on a long extrapolation"
        )
    return warnings


def wald_se(fit: Fit) -> float:
    """Standard error of N by the delta method: Var = m0 + m0² Var(intercept)."""
    design = fit.model.design(patterns(fit.model.k))
    info = design.T @ (fit.fitted[:, None] * design)
    var0 = float(np.linalg.inv(info)[0, 0])
    return math.sqrt(fit.unobserved + fit.unobserved**2 * var0)
