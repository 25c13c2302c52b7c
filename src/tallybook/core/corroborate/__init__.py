"""Corroboration: from claims to independent origins, incidents and competing figures.

- `origins`: near-duplicate and partial copies of documents → origin clusters;
- `voices`: claimants' affiliations → voices; counting independent origins;
- `incidents`: claims → proposed incidents (blocking, score, reasons);
- `figures`: an incident's min, max, conservative point and status;
- `aggregates`: running totals side by side, and beside the incidents' sum;
- `synthetic`: fictional inputs for tests and benchmarks.
"""

from .aggregates import (
    Comparison,
    Figure,
    FigureGroup,
    IncidentSummary,
    Scope,
    Totals,
    compare_aggregates,
    month_scope,
    scope_of,
    side_by_side,
    sum_incidents,
)
from .facts import ClaimFact, is_aggregate, period_bounds
from .figures import Figures, incident_figures
from .incidents import Proposal, propose_incidents
from .origins import Coordination, Doc, OriginCluster, cluster_origins
from .voices import Claimant, independent_origins, voice_of

__all__ = [
    "ClaimFact",
    "Claimant",
    "Comparison",
    "Coordination",
    "Doc",
    "Figure",
    "FigureGroup",
    "Figures",
    "IncidentSummary",
    "OriginCluster",
    "Proposal",
    "Scope",
    "Totals",
    "cluster_origins",
    "compare_aggregates",
    "incident_figures",
    "independent_origins",
    "is_aggregate",
    "month_scope",
    "period_bounds",
    "propose_incidents",
    "scope_of",
    "side_by_side",
    "sum_incidents",
    "voice_of",
]
