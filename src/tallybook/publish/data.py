"""Data downloads: CSV (safe to open in a spreadsheet), JSON and GeoJSON.

Deterministic: rows come sorted by the caller, keys are sorted, numbers are
written as numbers, and no timestamp is added.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# A cell a spreadsheet would run as a formula (OWASP's CSV injection list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """The value as a CSV cell: None empty, booleans as true/false, text starting like a
    formula behind an apostrophe. Numbers stay numbers (a count is never text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    if isinstance(value, (list, tuple)):
        return csv_cell(";".join(str(v) for v in value))
    return value


def to_csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return out.getvalue().encode("utf-8")


def to_json(value: Any) -> bytes:
    return (json.dumps(value, sort_keys=True, ensure_ascii=False, indent=1) + "\n").encode()


def to_geojson(features: Iterable[tuple[float, float, Mapping[str, Any]]]) -> bytes:
    """A FeatureCollection of points from (lon, lat, properties)."""
    return to_json(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
                    "properties": dict(props),
                }
                for lon, lat, props in features
            ],
        }
    )
