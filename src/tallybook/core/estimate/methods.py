"""Running the estimators that suit a table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from .chapman import chapman
from .lcmcr import Settings, lcmcr_estimate
from .loglinear import loglinear_estimate
from .result import Estimate, failed
from .sparse import sparse_warnings
from .table import CaptureTable

METHODS = ("chapman", "loglinear-bic", "loglinear-aic", "lcmcr")


def default_methods(k: int) -> tuple[str, ...]:
    """Chapman and log-linear for two lists; log-linear and the latent class model for more.

    With two lists the latent class model is not identified by the data (its
    interval would mostly show the prior), so it runs only when asked for.
    """
    return ("chapman", "loglinear-bic") if k == 2 else ("loglinear-bic", "lcmcr")


def estimate_all(
    table: CaptureTable,
    *,
    seed: int = 0,
    bootstrap: int = 1000,
    lcmcr_samples: int | None = None,
    lcmcr_settings: Settings | None = None,
    methods: Sequence[str] | None = None,
    level: float = 0.95,
) -> list[Estimate]:
    """Every method's estimate of the population behind `table`, in the order asked.

    A method that cannot give an estimate returns one with NaN values and the
    reason among its warnings; nothing is raised for data problems. Lists
    with no records are left out before estimating; that, and data too
    sparse to trust (see `sparse_warnings`), head every method's warnings.
    `lcmcr_samples` sets the posterior draws kept per chain.
    """
    methods = tuple(methods) if methods is not None else None
    unknown = [m for m in methods or () if m not in METHODS]
    if unknown:
        raise ValueError(f"unknown method {', '.join(unknown)}; choose from {', '.join(METHODS)}")
    settings = lcmcr_settings or Settings()
    if lcmcr_samples is not None:
        settings = replace(settings, samples=lcmcr_samples)
    notes: list[str] = []
    empty = [name for name, total in table.list_totals().items() if total == 0]
    if empty and table.k - len(empty) >= 2:
        table = table.subset([name for name in table.lists if name not in empty])
        notes.append(f"left out lists with no records: {', '.join(empty)}")
    notes.extend(sparse_warnings(table))
    methods = methods or default_methods(table.k)
    boot_seed, mcmc_seed = np.random.SeedSequence(seed).spawn(2)
    runners: dict[str, Callable[[], Estimate]] = {
        "chapman": lambda: chapman(table, level=level),
        "loglinear-bic": lambda: loglinear_estimate(
            table, criterion="bic", bootstrap_replicates=bootstrap, seed=boot_seed, level=level
        ),
        "loglinear-aic": lambda: loglinear_estimate(
            table, criterion="aic", bootstrap_replicates=bootstrap, seed=boot_seed, level=level
        ),
        "lcmcr": lambda: lcmcr_estimate(table, settings=settings, seed=mcmc_seed, level=level),
    }
    results = []
    for method in methods:
        try:
            result = runners[method]()
        except ValueError as error:  # the data cannot support this method
            result = failed(method, str(error), level)
        if notes:
            result = replace(result, warnings=(*notes, *result.warnings))
        results.append(result)
    return results
