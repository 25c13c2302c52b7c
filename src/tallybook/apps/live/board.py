"""The board's SVG map: published places on an equirectangular projection, fitted to them.

x = lon * cos(middle latitude), y = -lat, so north is up and distances look right near
the middle; the browser script draws new places with the same numbers (`data-kx`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

WORLD = (-170.0, -55.0, 180.0, 75.0)  # lon0, lat0, lon1, lat1 when nothing is placed yet
MIN_SPAN = 8.0  # degrees: one city still shows its surroundings
MARGIN = 0.12


@dataclass(frozen=True)
class BoardMap:
    view_box: str
    kx: float
    points: list[dict[str, Any]]
    grid: list[dict[str, Any]]
    unit: float  # one "dot" in map units, so dots look alike at every zoom

    @property
    def font(self) -> float:
        return round(self.unit * 3, 4)

    @property
    def line(self) -> float:
        return round(self.unit / 8, 4)


def board_map(places: list[dict[str, Any]]) -> BoardMap:
    placed = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if placed:
        lons = [p["lon"] for p in placed]
        lats = [p["lat"] for p in placed]
        lon0, lon1, lat0, lat1 = _padded(min(lons), max(lons)) + _padded(min(lats), max(lats))
    else:
        lon0, lat0, lon1, lat1 = WORLD
    kx = round(math.cos(math.radians((lat0 + lat1) / 2)), 4)
    width, height = (lon1 - lon0) * kx, lat1 - lat0
    unit = max(width, height) / 100
    most = max((p["items"] for p in placed), default=1)
    points = [
        {
            **p,
            "x": round(p["lon"] * kx, 4),
            "y": round(-p["lat"], 4),
            "r": round(unit * (0.8 + 1.6 * math.sqrt(p["items"] / most)), 4),
        }
        for p in placed
    ]
    step = _grid_step(max(lon1 - lon0, lat1 - lat0))
    grid = [
        {"x1": lon * kx, "y1": -lat1, "x2": lon * kx, "y2": -lat0, "label": f"{lon:g}°"}
        for lon in _ticks(lon0, lon1, step)
    ] + [
        {"x1": lon0 * kx, "y1": -lat, "x2": lon1 * kx, "y2": -lat, "label": f"{lat:g}°"}
        for lat in _ticks(lat0, lat1, step)
    ]
    view_box = f"{lon0 * kx:.4f} {-lat1:.4f} {width:.4f} {height:.4f}"
    return BoardMap(view_box=view_box, kx=kx, points=points, grid=grid, unit=round(unit, 4))


def _padded(lo: float, hi: float) -> tuple[float, float]:
    span = max(hi - lo, MIN_SPAN)
    mid = (lo + hi) / 2
    half = span * (0.5 + MARGIN)
    return mid - half, mid + half


def _grid_step(span: float) -> float:
    for step in (1, 2, 5, 10, 20, 30):
        if span / step <= 8:
            return step
    return 45


def _ticks(lo: float, hi: float, step: float) -> list[float]:
    first = math.ceil(lo / step) * step
    n = int((hi - first) // step) + 1
    return [first + i * step for i in range(max(n, 0))]


def item_view(event_id: int, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """One event as the page shows it; `static/live/board.js` mirrors this for new events."""
    group = data.get("group") or {}
    place = data.get("place") or {}
    source = data.get("source") or {}
    url = source.get("url") or ""
    return {
        "id": event_id,
        "kind": kind,
        "kind_label": {"checkin": "check-in"}.get(kind, kind),
        "group": group.get("name", ""),
        "place": place.get("name") or data.get("place_name") or "",
        "place_key": place.get("key") or "",
        "when": data.get("published_at", ""),
        "when_label": _when(data.get("published_at", "")),
        "count": count_label(kind, data),
        "attendance": data.get("attendance") if isinstance(data.get("attendance"), int) else None,
        "text": data.get("text", ""),
        "quote": data.get("quote", ""),
        "claimant": data.get("claimant", ""),
        "source_title": source.get("title") or source.get("publisher") or "",
        "source_url": url if url.startswith(("https://", "http://")) else "",
    }


def count_label(kind: str, data: dict[str, Any]) -> str:
    if kind == "checkin":
        n = data.get("attendance")
        return f"{n:,} present" if isinstance(n, int) else ""
    if kind != "claim":
        return ""
    lo, hi = data.get("min"), data.get("max")
    what = f"{data.get('unit', '')} {data.get('category', '')}".strip()
    if lo is not None and hi is not None:
        number = f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"
    elif lo is not None:
        number = f"at least {lo:,}"
    elif hi is not None:
        number = f"up to {hi:,}"
    else:
        number = "an unknown number of"
    return f"{number} {what}"


def _when(iso: str) -> str:
    # "2026-11-25T16:50:12.345+00:00" -> "2026-11-25 16:50 UTC" (the site runs on UTC)
    return f"{iso[:10]} {iso[11:16]} UTC" if len(iso) >= 16 else iso
