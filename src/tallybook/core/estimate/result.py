"""What every estimator returns."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Estimate:
    """An estimate of the total population (recorded + never recorded) with its interval.

    `estimate`, `lower` and `upper` count everyone, including the people the
    lists did record. They are NaN when the method could not give an answer;
    `warnings` then says why. `details` holds what a method knows beyond the
    interval (the chosen model, diagnostics, and under `draws` the bootstrap
    replicates or posterior draws as a NumPy array); it is not JSON-safe.
    """

    method: str
    estimate: float
    lower: float
    upper: float
    level: float = 0.95
    warnings: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the method gave an estimate at all."""
        return math.isfinite(self.estimate)


def failed(method: str, reason: str, level: float = 0.95, **details: Any) -> Estimate:
    """The estimate of a method that could not give one, with the reason as its warning."""
    nan = float("nan")
    return Estimate(method, nan, nan, nan, level, (reason,), dict(details))
