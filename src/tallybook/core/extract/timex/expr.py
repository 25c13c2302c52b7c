"""A time expression's token span and dates, and the calendar helpers they share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass
class TimeExpr:
    first: int  # token span of the expression
    last: int
    start: str | None
    end: str | None
    anchor: str  # explicit | relative
    as_of: bool = False  # "as of", "since": a running total up to `end`
    since: bool = False
    statement: bool = False  # dates a statement ("said on Sunday"), not the event
    foreign: bool = False  # times another event ("the deadliest day since 2022")
    start_day: bool = False  # "Friday's crackdown", "after Sunday's sit-ins": a start
    incident: bool = False  # "last week", "after Sunday's": a period that may be one incident


def _iso(d: date) -> str:
    return d.isoformat()


def _year(w: str) -> int | None:
    if len(w) == 4 and w.isascii() and w.isdigit() and 1900 <= int(w) <= 2100:
        return int(w)
    return None


def _day(w: str) -> int | None:
    w = w.rstrip(".")
    for suffix in ("st", "nd", "rd", "th"):
        if w.endswith(suffix) and w[: -len(suffix)].isdecimal():
            w = w[: -len(suffix)]
    if w.isascii() and w.isdigit() and 1 <= int(w) <= 31 and len(w) <= 2:
        return int(w)
    return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_before(pub: date | None, month: int, day: int | None = None) -> int | None:
    """The year of the last `month` (and `day`) on or before publication."""
    if pub is None:
        return None
    if (month, day or 1) <= (pub.month, pub.day):
        return pub.year
    return pub.year - 1
