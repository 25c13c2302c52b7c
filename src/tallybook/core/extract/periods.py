"""Periods that `timex` reads besides dates and relative days (rules 16-17).

"the past three nights", "in a week", "the past month", "the first eight months
of 2012", "the first half of 2015", Solar Hijri years ("the Iranian year
1395", "the past Iranian year"), named days ("Women's Day") and "the start of
the year". Each finder looks at one token and returns the expression's token
span and its dates, or None; `timex.find_times` calls them only on their cue
words.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

Found = tuple[int, int, str, str, str]  # first, last, start, end, anchor

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_DAYS = {"day": 1, "days": 1, "night": 1, "nights": 1, "week": 7, "weeks": 7}
_PARTS = {"half": 6, "quarter": 3}
# named days: (month, day)
_NAMED = {
    ("women", "'s", "day"): (3, 8),
    ("women", "’s", "day"): (3, 8),
    ("labour", "day"): (5, 1),
    ("labor", "day"): (5, 1),
    ("workers", "'", "day"): (5, 1),
    ("human", "rights", "day"): (12, 10),
}
_NAMED_FIRST = frozenset(p[0] for p in _NAMED)
CUES = frozenset(
    {"past", "last", "first", "in", "within", "overnight", "start", "beginning", "iranian",
     "solar", "year", "women", "labour", "labor", "workers", "human"}
)  # fmt: skip


def count(w: str) -> int | None:
    if w.isascii() and w.isdigit() and len(w) <= 3:
        return int(w)
    return NUMBER_WORDS.get(w)


def _iso(d: date) -> str:
    return d.isoformat()


def nowruz(year: int) -> date:
    """First day of the Solar Hijri year that starts in Gregorian `year`.

    The year starts on the day of the March equinox when it falls before noon,
    Tehran time, else the day after (mean tropical year from the 2000 equinox).
    """
    moment = datetime(2000, 3, 20, 7, 35) + timedelta(days=(year - 2000) * 365.242189)
    tehran = moment + timedelta(hours=3, minutes=30)
    return tehran.date() if tehran.hour < 12 else tehran.date() + timedelta(days=1)


def solar_year(sh: int) -> tuple[str, str]:
    """Gregorian first and last day of Solar Hijri year `sh` (1395 -> 2016-03-20..2017-03-20)."""
    g = sh + 621
    return _iso(nowruz(g)), _iso(nowruz(g + 1) - timedelta(days=1))


def is_solar(w: str) -> bool:
    return len(w) == 4 and w.isascii() and w.isdigit() and 1300 <= int(w) <= 1499


def find(low: list[str], i: int, hi: int, pub: date | None) -> Found | None:
    """A period starting at token i, or None."""
    w = low[i]
    nxt = low[i + 1] if i + 1 < hi else ""
    if w in ("past", "last") and pub is not None:
        # "the past three nights", "the last 10 days", "the past month"
        n = count(nxt)
        if n is not None and i + 2 < hi and low[i + 2] in _DAYS:
            return (
                i,
                i + 3,
                _iso(pub - timedelta(days=n * _DAYS[low[i + 2]])),
                _iso(pub),
                "relative",
            )
        if w == "past" and nxt == "month":
            month = pub.month - 1 or 12
            year = pub.year if pub.month > 1 else pub.year - 1
            day = min(pub.day, 28) if month == 2 else min(pub.day, 30)
            return i, i + 2, _iso(date(year, month, day)), _iso(pub), "relative"
        if nxt in ("iranian", "solar") and i + 2 < hi and low[i + 2] == "year":
            # the last complete Solar Hijri year
            start = nowruz(pub.year)
            start = nowruz(pub.year - 1) if pub < start else start
            prev = nowruz(start.year - 1)
            return i, i + 3, _iso(prev), _iso(start - timedelta(days=1)), "relative"
        return None
    if w in ("in", "within") and nxt == "a" and i + 2 < hi and low[i + 2] == "week":
        if pub is None:
            return None
        return i, i + 3, _iso(pub - timedelta(days=7)), _iso(pub), "relative"
    if w == "first":
        return _first_part(low, i, hi, pub)
    if w in ("start", "beginning") and low[i + 1 : i + 4] == ["of", "the", "year"]:
        if pub is None:
            return None
        first = i - 1 if i > 0 and low[i - 1] == "the" else i  # "since the start of the year"
        return first, i + 4, str(pub.year), _iso(pub), "relative"
    if w in ("iranian", "solar", "year"):
        k = i + 1
        if w != "year" and nxt == "year":
            k += 1
        if k < hi and is_solar(low[k]):
            start, end = solar_year(int(low[k]))
            return i, k + 1, start, end, "explicit"
        return None
    if w not in _NAMED_FIRST:
        return None
    for phrase, (month, day) in _NAMED.items():
        if tuple(low[i : i + len(phrase)]) == phrase:
            if pub is None:
                return None
            year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
            d = _iso(date(year, month, day))
            return i, i + len(phrase), d, d, "explicit"
    return None


def _first_part(low: list[str], i: int, hi: int, pub: date | None) -> Found | None:
    """ "the first eight months of 2012", "the first half of 2015", "first quarter"."""
    nxt = low[i + 1] if i + 1 < hi else ""
    n, k = None, i + 2
    if nxt in _PARTS:
        n = _PARTS[nxt]
    else:
        c = count(nxt)
        if c is not None and 1 <= c <= 12 and i + 2 < hi and low[i + 2] in ("months", "month"):
            n, k = c, i + 3
    if n is None or k >= hi or low[k] != "of":
        return None
    year_w = low[k + 1] if k + 1 < hi else ""
    if len(year_w) == 4 and year_w.isascii() and year_w.isdigit():
        year, anchor, last = int(year_w), "explicit", k + 2
    elif low[k + 1 : k + 3] in (["the", "year"], ["this", "year"]) and pub is not None:
        year, anchor, last = pub.year, "relative", k + 3
    else:
        return None
    return i, last, f"{year:04d}-01", f"{year:04d}-{n:02d}", anchor
