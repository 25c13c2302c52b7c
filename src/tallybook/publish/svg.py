"""Charts and maps as static SVG text: readable without JavaScript, the same bytes every time.

Every chart carries a <title> and <desc> (screen readers announce them) and
every mark its own <title> (a tooltip without scripts). Coordinates are
rounded to one decimal so output does not depend on float noise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr


@dataclass(frozen=True, slots=True)
class Bar:
    """One period of a series: a range from `min` to `max` (None: open above) and a point."""

    label: str
    min: int
    max: int | None
    point: int
    note: str = ""  # appended to the mark's title, e.g. "3 incidents"


@dataclass(frozen=True, slots=True)
class MapPoint:
    name: str
    lat: float
    lon: float
    value: int  # sizes the circle (the conservative point)
    label: str  # the mark's title, e.g. "Zahedan: 41–96 killed"
    href: str | None = None


def _n(x: float) -> str:
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _fmt(v: int) -> str:
    return f"{v:,}"


def nice_ticks(top: float, count: int = 5) -> list[int]:
    """Round tick values from 0 to at least `top` (1, 2, 5 × a power of ten apart)."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, int(step))
    last = int(math.ceil(top / step)) * step
    return list(range(0, last + step, step))


def _open_svg(
    width: int, height: int, ident: str, title: str, desc: str, cls: str, role: str = "img"
) -> list[str]:
    # role="img" hides the children from screen readers: right for a chart, wrong for a
    # map whose circles are links, which is a "group" so each link stays reachable.
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" viewBox="0 0 {width} {height}" '
        f'role="{role}" aria-labelledby="{ident}-t {ident}-d">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
    ]


def range_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    desc: str,
    ident: str = "chart",
    width: int = 720,
    height: int = 260,
) -> str:
    """A bar per period from its lower to its upper bound, with a tick at the point.

    A bar open above (no upper bound stated) runs to the top edge, hatched, and
    its title says "at least".
    """
    left, right, top, bottom = 64, 12, 12, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    out = _open_svg(width, height, ident, title, desc, "chart")
    if not bars:
        out.append(f'<text x="{width // 2}" y="{height // 2}" text-anchor="middle">No data</text>')
        return "\n".join([*out, "</svg>"])
    highest = max(max(b.min, b.point, b.max if b.max is not None else 0) for b in bars)
    ticks = nice_ticks(highest or 1)
    y_top = ticks[-1]

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / y_top

    out.append(
        f'<defs><pattern id="{ident}-open" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="3" height="6" class="open"/></pattern></defs>'
    )
    out.append('<g class="axis">')
    for t in ticks:
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{_n(y(t))}" y2="{_n(y(t))}"/>'
            f'<text x="{left - 6}" y="{_n(y(t) + 4)}" text-anchor="end">{_fmt(t)}</text>'
        )
    out.append("</g>")
    slot = plot_w / len(bars)
    bar_w = max(1.0, min(40.0, slot * 0.7))
    every = max(1, math.ceil(len(bars) / 12))  # at most about 12 labels on the x axis
    out.append('<g class="bars">')
    for i, b in enumerate(bars):
        cx = left + slot * i + slot / 2
        x = cx - bar_w / 2
        hi = b.max if b.max is not None else y_top
        y0, y1 = y(hi), y(b.min)
        h = max(1.0, y1 - y0)
        fill = f' fill="url(#{ident}-open)"' if b.max is None else ""
        what = f"{b.label}: {_range_words(b.min, b.max)}, point {_fmt(b.point)}"
        if b.note:
            what += f", {b.note}"
        out.append(
            f"<g><title>{escape(what)}</title>"
            f'<rect x="{_n(x)}" y="{_n(y0 if h > 1 else y1 - 1)}" width="{_n(bar_w)}" '
            f'height="{_n(h)}"{fill}/>'
            f'<line class="point" x1="{_n(x)}" x2="{_n(x + bar_w)}" '
            f'y1="{_n(y(b.point))}" y2="{_n(y(b.point))}"/></g>'
        )
        if i % every == 0:
            out.append(
                f'<text class="x" x="{_n(cx)}" y="{height - bottom + 16}" '
                f'text-anchor="middle">{escape(b.label)}</text>'
            )
    out.append("</g>")
    return "\n".join([*out, "</svg>"])


def _range_words(lo: int, hi: int | None) -> str:
    if hi is None:
        return f"at least {_fmt(lo)}"
    return _fmt(lo) if lo == hi else f"{_fmt(lo)}–{_fmt(hi)}"


def _graticule_step(span: float) -> int:
    return next((s for s in (1, 2, 5, 10, 20, 30) if span / s <= 8), 45)


def point_map(
    points: Sequence[MapPoint],
    *,
    title: str,
    desc: str,
    ident: str = "map",
    width: int = 720,
    height: int = 420,
) -> str:
    """Places as circles (area by value) on a graticule fitted to them.

    Equirectangular, with longitude scaled by the cosine of the middle latitude
    so shapes are not stretched. No base map is drawn: there is none offline,
    and the graticule with labelled places is enough to read the pattern.
    """
    out = _open_svg(width, height, ident, title, desc, "map", role="group")
    pts = sorted(points, key=lambda p: (-p.value, p.name, p.lat, p.lon))
    if not pts:
        out.append(
            f'<text x="{width // 2}" y="{height // 2}" text-anchor="middle">'
            "No placed incidents</text>"
        )
        return "\n".join([*out, "</svg>"])
    lat_lo, lat_hi = min(p.lat for p in pts), max(p.lat for p in pts)
    lon_lo, lon_hi = min(p.lon for p in pts), max(p.lon for p in pts)
    pad = max(1.0, (lat_hi - lat_lo) * 0.12, (lon_hi - lon_lo) * 0.12)
    lat_lo, lat_hi, lon_lo, lon_hi = lat_lo - pad, lat_hi + pad, lon_lo - pad, lon_hi + pad
    kx = math.cos(math.radians((lat_lo + lat_hi) / 2))
    margin = 24
    scale = min(
        (width - 2 * margin) / ((lon_hi - lon_lo) * kx), (height - 2 * margin) / (lat_hi - lat_lo)
    )
    # Centre the fitted box in the drawing.
    off_x = (width - (lon_hi - lon_lo) * kx * scale) / 2
    off_y = (height - (lat_hi - lat_lo) * scale) / 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return off_x + (lon - lon_lo) * kx * scale, off_y + (lat_hi - lat) * scale

    out.append(f'<rect class="sea" x="0" y="0" width="{width}" height="{height}"/>')
    out.append('<g class="graticule">')
    step = _graticule_step(max(lat_hi - lat_lo, lon_hi - lon_lo))
    for lat in range(math.ceil(lat_lo / step) * step, math.floor(lat_hi) + 1, step):
        _, gy = xy(lat, lon_lo)
        out.append(
            f'<line x1="0" x2="{width}" y1="{_n(gy)}" y2="{_n(gy)}"/>'
            f'<text x="4" y="{_n(gy - 3)}">{abs(lat)}°{"N" if lat >= 0 else "S"}</text>'
        )
    for lon in range(math.ceil(lon_lo / step) * step, math.floor(lon_hi) + 1, step):
        gx, _ = xy(lat_lo, lon)
        out.append(
            f'<line x1="{_n(gx)}" x2="{_n(gx)}" y1="0" y2="{height}"/>'
            f'<text x="{_n(gx + 3)}" y="{height - 4}">{abs(lon)}°{"E" if lon >= 0 else "W"}</text>'
        )
    out.append("</g>")
    biggest = max(1, pts[0].value)
    out.append('<g class="places">')
    for p in pts:  # largest first, so smaller circles stay on top and clickable
        x, y = xy(p.lat, p.lon)
        r = 3 + 21 * math.sqrt(max(0, p.value) / biggest)
        mark = f'<title>{escape(p.label)}</title><circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"/>'
        if p.href:
            out.append(f"<a href={quoteattr(p.href)}>{mark}</a>")
        else:
            out.append(f"<g>{mark}</g>")
    out.append("</g>")
    out.append('<g class="labels">')
    for p in pts[:8]:
        x, y = xy(p.lat, p.lon)
        out.append(f'<text x="{_n(x + 6)}" y="{_n(y - 6)}">{escape(p.name)}</text>')
    out.append("</g>")
    return "\n".join([*out, "</svg>"])
