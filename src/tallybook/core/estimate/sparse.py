"""Warnings for data too sparse to estimate from."""

from __future__ import annotations

from .table import CaptureTable

SPARSE = "sparse data"  # every warning here starts with this
SPARSE_OBSERVED = 30
SPARSE_LIST = 5


def sparse_warnings(table: CaptureTable) -> list[str]:
    """Reasons a table (or a stratum) is too sparse to trust an estimate from."""
    warnings = []
    if table.observed < SPARSE_OBSERVED:
        warnings.append(
            f"{SPARSE}: {table.observed} people recorded (fewer than {SPARSE_OBSERVED})"
        )
    small = [f"{name} ({n})" for name, n in table.list_totals().items() if n < SPARSE_LIST]
    if small:
        warnings.append(
            f"{SPARSE}: lists with fewer than {SPARSE_LIST} records: {', '.join(small)}"
        )
    none = [f"{a} & {b}" for (a, b), m in table.overlaps().items() if m == 0]
    if none:
        warnings.append(f"{SPARSE}: lists with no one in common: {', '.join(none)}")
    return warnings
