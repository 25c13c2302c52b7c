"""Chapman's estimator for two lists.

Chapman (1951) corrected the Lincoln-Petersen estimator n1·n2/m so that it is
defined when the overlap m is 0 and is nearly unbiased when m ≥ 7 (Robson &
Regier 1964). Variance from Seber (1970). The reported interval is Chao's
(1987) log-normal one: it is built on the number never recorded, f0 = N - n,
so it never falls below the number of people observed and is skewed upwards
like the sampling distribution. The symmetric normal interval is kept in
`details` for comparison.
"""

from __future__ import annotations

import math

from scipy.stats import norm

from .result import Estimate
from .table import CaptureTable

MIN_OVERLAP = 7  # Robson & Regier (1964): below this Chapman's estimator is biased


def chapman(table: CaptureTable, *, level: float = 0.95) -> Estimate:
    """Chapman's estimate of the population from a two-list table."""
    if table.k != 2:
        raise ValueError(
            f"Chapman's estimator needs exactly 2 lists, this table has {table.k}; "
            "use table.subset([a, b]) for a pair"
        )
    n1, n2 = table.list_totals().values()
    m = table.counts.get((1, 1), 0)
    n = table.observed
    if n == 0:
        raise ValueError("the table records nobody")
    estimate = (n1 + 1) * (n2 + 1) / (m + 1) - 1
    variance = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))
    z = float(norm.ppf(0.5 + level / 2))
    lower, upper = lognormal_interval(n, estimate, variance, z)
    se = math.sqrt(variance)
    warnings = []
    a, b = table.lists
    if m == 0:
        warnings.append(
            f"lists {a!r} and {b!r} share no records: Chapman's estimate is then "
            "(n1+1)(n2+1)-1 whatever the population, and says nothing reliable"
        )
    elif m < MIN_OVERLAP:
        warnings.append(
            f"only {m} people are on both lists (fewer than {MIN_OVERLAP}): "
            "the estimate is biased and unstable"
        )
    return Estimate(
        "chapman",
        estimate,
        lower,
        upper,
        level,
        tuple(warnings),
        {
            "n1": n1,
            "n2": n2,
            "both": m,
            "observed": n,
            "variance": variance,
            "se": se,
            "normal_interval": (estimate - z * se, estimate + z * se),
            "interval": "log-normal (Chao 1987)",
        },
    )


def lognormal_interval(
    observed: float, estimate: float, variance: float, z: float
) -> tuple[float, float]:
    """Chao's (1987) log-normal interval: log(f0) is taken as normal, f0 = N - observed."""
    f0 = estimate - observed
    if f0 <= 0 or variance <= 0:
        return float(estimate), float(estimate)
    c = math.exp(z * math.sqrt(math.log(1 + variance / f0**2)))
    return observed + f0 / c, observed + f0 * c
