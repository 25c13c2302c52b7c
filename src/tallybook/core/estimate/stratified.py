"""Estimates per stratum (province, period, ...) and for all strata together.

Lists cover places and periods unevenly, and people recorded in one stratum
resemble each other more than people across strata, so MSE is usually run
stratum by stratum (HRDAG in Kosovo, Peru, Guatemala). Small strata give
unstable estimates; each gets a warning saying why (`sparse_warnings`).

The total is the sum of the strata's estimates. Its interval comes from
sums of draws: the i-th bootstrap replicate (or posterior draw) of every
stratum is added to make the i-th draw of the total. Strata are resampled
independently and modelled separately, so the sums are draws of the total
under the same assumptions as each stratum. Chapman's estimates carry no
draws; their variances are added and Chao's log-normal interval is used.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from scipy.stats import norm

from .chapman import lognormal_interval
from .lcmcr import Settings
from .methods import default_methods, estimate_all
from .result import Estimate, failed
from .sparse import SPARSE
from .table import CaptureTable

TOTAL = "(total)"


def estimate_strata(
    tables: Mapping[str, CaptureTable],
    methods: Sequence[str] | None = None,
    *,
    seed: int = 0,
    bootstrap: int = 1000,
    lcmcr_settings: Settings | None = None,
    level: float = 0.95,
) -> dict[str, list[Estimate]]:
    """Estimates for each stratum, and under `TOTAL` their combination.

    Every stratum runs the same methods (by default those suiting the
    stratum with the fewest lists), each with its own random stream.
    """
    if TOTAL in tables:
        raise ValueError(f"{TOTAL!r} is reserved for the total; rename that stratum")
    if not tables:
        raise ValueError("no strata to estimate")
    methods = tuple(methods or default_methods(min(t.k for t in tables.values())))
    seeds = np.random.SeedSequence(seed).spawn(len(tables))
    results: dict[str, list[Estimate]] = {}
    for (name, table), stream in zip(tables.items(), seeds, strict=True):
        estimates = estimate_all(
            table,
            seed=int(stream.generate_state(1)[0]),
            bootstrap=bootstrap,
            lcmcr_settings=lcmcr_settings,
            methods=methods,
            level=level,
        )
        results[name] = estimates
    results[TOTAL] = [
        combine(method, {name: results[name][i] for name in tables}, level)
        for i, method in enumerate(methods)
    ]
    return results


def combine(method: str, strata: Mapping[str, Estimate], level: float) -> Estimate:
    """One method's total over strata: summed estimates, interval from summed draws."""
    missing = [name for name, e in strata.items() if not e.ok]
    if missing:
        return failed(method, f"no estimate for stratum {', '.join(missing)}, so no total", level)
    estimate = sum(e.estimate for e in strata.values())
    warnings = []
    sparse = [name for name, e in strata.items() if any(w.startswith(SPARSE) for w in e.warnings)]
    if sparse:
        warnings.append(f"includes sparse strata: {', '.join(sparse)}")
    details: dict = {"strata": len(strata)}
    if all(e.details.get("draws") is not None for e in strata.values()):
        draws = [np.asarray(e.details["draws"], dtype=np.float64) for e in strata.values()]
        length = min(len(d) for d in draws)
        summed = np.sum([d[:length] for d in draws], axis=0)
        good = summed[np.isfinite(summed)]
        tail = (1 - level) / 2 * 100
        lower, upper = (float(v) for v in np.percentile(good, [tail, 100 - tail]))
        details.update(draws=summed, interval="percentiles of summed draws")
    elif all("variance" in e.details for e in strata.values()):
        variance = sum(e.details["variance"] for e in strata.values())
        observed = sum(e.details["observed"] for e in strata.values())
        z = float(norm.ppf(0.5 + level / 2))
        lower, upper = lognormal_interval(observed, estimate, variance, z)
        details.update(variance=variance, interval="log-normal on summed variances")
    else:
        lower = upper = math.nan
        warnings.append("the strata's estimates carry no draws or variances to combine")
    return Estimate(method, estimate, lower, upper, level, tuple(warnings), details)
