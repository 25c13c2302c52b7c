"""Time series of one place and category, and CSV/JSON exports of tally rows."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from tallybook.analytics.engines import Engine
from tallybook.analytics.tally import PERIODS, UNKNOWN_PERIOD, TallyRow, tally


def _parse(period: str, value: str) -> date:
    if period == "day":
        return date.fromisoformat(value)
    if period == "week":
        year, week = value.split("-W")
        return date.fromisocalendar(int(year), int(week), 1)
    if period == "month":
        return date(int(value[:4]), int(value[5:7]), 1)
    return date(int(value), 1, 1)


def _label(period: str, d: date) -> str:
    if period == "day":
        return d.isoformat()
    if period == "week":
        iso_year, iso_week, _ = d.isocalendar()
        return f"{iso_year:04d}-W{iso_week:02d}"
    if period == "month":
        return f"{d:%Y-%m}"
    return f"{d:%Y}"


def _next(period: str, d: date) -> date:
    if period == "day":
        return d + timedelta(days=1)
    if period == "week":
        return d + timedelta(days=7)
    if period == "month":
        return date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return date(d.year + 1, 1, 1)


def periods_between(period: str, start: str, end: str) -> Iterator[str]:
    """Every period label from `start` to `end` inclusive ('2022-11', '2022-12', ...)."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; choose from {', '.join(PERIODS)}")
    d, last = _parse(period, start), _parse(period, end)
    while d <= last:
        yield _label(period, d)
        d = _next(period, d)


def time_series(
    engine: Engine,
    *,
    level: str,
    place_code: str,
    period: str,
    category: str,
    start: str | None = None,
    end: str | None = None,
) -> list[TallyRow]:
    """One place's tally per period, gaps filled with zero rows (charts need every period).

    The range runs from `start` (default: the first period with an incident) to `end`
    (default: the last). Incidents with no date stay in a final 'unknown' row, so the
    series adds up to the tally.
    """
    rows = tally(engine, level=level, period=period, category=category, place_code=place_code)
    dated = {r.period: r for r in rows if r.period != UNKNOWN_PERIOD}
    undated = [r for r in rows if r.period == UNKNOWN_PERIOD]
    first = start or min(dated, default=None)
    last = end or max(dated, default=None)
    if first is None or last is None:
        return undated
    name = rows[0].place_name if rows else place_code
    filled = [
        dated.get(p) or TallyRow(level, place_code, name, p, category, 0, 0, 0, 0, 0)
        for p in periods_between(period, first, last)
    ]
    return filled + undated


# A cell a spreadsheet would run as a formula (OWASP's CSV injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _cell(value: object) -> object:
    if value is None:
        return ""
    # "-12" is a number, not a formula: escaping it would corrupt the data.
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def to_csv(rows: Iterable[TallyRow]) -> str:
    """Rows as CSV with a header; an open max is an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TallyRow._fields)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def to_json(rows: Iterable[TallyRow]) -> str:
    """Rows as a JSON array of objects; an open max is null."""
    return json.dumps([r._asdict() for r in rows], ensure_ascii=False, indent=2) + "\n"
