"""Multiple systems estimation: how many people did no list record?

Groups keep lists of named people (killed, executed, detained); none is
complete. How the lists overlap says something about the people none of them
recorded. Methods, each returning an `Estimate` of the whole population with
an interval:

- `chapman`: two lists, Chapman (1951);
- `loglinear-bic`: log-linear models chosen by BIC, bootstrap interval that
  repeats the choice (Fienberg 1972; Bishop, Fienberg & Holland 1975);
- `lcmcr`: Bayesian latent class model (Manrique-Vallier 2016).

`estimate_all` runs the methods that suit a table, `estimate_strata` runs
them per stratum and adds a total, `to_json` gives the command line's JSON.
What each method assumes and when not to trust it: docs/estimation.md.
"""

from .chapman import chapman
from .lcmcr import Settings, lcmcr_estimate
from .loglinear import ModelRefused, loglinear_estimate
from .methods import METHODS, default_methods, estimate_all
from .report import format_estimates, to_json
from .result import Estimate
from .simulate import simulate_population
from .sparse import sparse_warnings
from .stratified import TOTAL, estimate_strata
from .table import CaptureTable, read_capture_csv

__all__ = [
    "METHODS",
    "TOTAL",
    "CaptureTable",
    "Estimate",
    "ModelRefused",
    "Settings",
    "chapman",
    "default_methods",
    "estimate_all",
    "estimate_strata",
    "format_estimates",
    "lcmcr_estimate",
    "loglinear_estimate",
    "read_capture_csv",
    "simulate_population",
    "sparse_warnings",
    "to_json",
]
