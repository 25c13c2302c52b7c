"""Estimates as a plain-text table for people to read (the command line prints it)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .result import Estimate
from .table import CaptureTable


def format_estimates(table: CaptureTable, estimates: Sequence[Estimate]) -> str:
    """A table of method, estimate and interval, then each method's warnings."""
    totals = ", ".join(f"{name} {count}" for name, count in table.list_totals().items())
    lines = [f"{table.observed} people recorded on {table.k} lists ({totals})", ""]
    rows = [("method", "estimate", "interval", "level")]
    for e in estimates:
        interval = f"{_fmt(e.lower)} – {_fmt(e.upper)}" if e.ok else "—"
        rows.append((e.method, _fmt(e.estimate) if e.ok else "none", interval, f"{e.level:.0%}"))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [
            row[0].ljust(widths[0]),
            *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)),
        ]
        lines.append("  ".join(cells).rstrip())
    notes = [(e.method, w) for e in estimates for w in e.warnings]
    if notes:
        lines.append("")
        lines.extend(f"{method}: {warning}" for method, warning in notes)
    return "\n".join(lines)


def _fmt(value: float) -> str:
    if math.isinf(value):
        return "∞"
    return f"{value:,.0f}"


def to_json(table: CaptureTable, estimates: Sequence[Estimate]) -> dict[str, Any]:
    """The `tallybook estimate --format json` document; NaN and infinity become null."""
    return {
        "observed": table.observed,
        "lists": list(table.lists),
        "estimates": [
            {
                "method": e.method,
                "estimate": _number(e.estimate),
                "lower": _number(e.lower),
                "upper": _number(e.upper),
                "level": e.level,
                "warnings": list(e.warnings),
            }
            for e in estimates
        ],
    }


def _number(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None
