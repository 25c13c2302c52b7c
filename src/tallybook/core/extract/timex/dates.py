"""Calendar dates: "3 May 2023", "May 3", "14–20 October", "in 2019", "2009–2020"."""

from __future__ import annotations

import re
from datetime import date

from ..lexicon import Lexicon
from ..tokens import Tokens
from .expr import TimeExpr, _day, _iso, _month_before, _safe_date, _year

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YEAR_RANGE = re.compile(r"(\d{4})\s?[-–—/]\s?(\d{2}|\d{4})")
_DAY_RANGE = re.compile(r"(\d{1,2})[-–—](\d{1,2})")


def _explicit(toks: Tokens, lex: Lexicon, i: int, hi: int, pub: date | None) -> TimeExpr | None:
    low, words = toks.lower, toks.words
    w = low[i]
    m = _ISO.fullmatch(w)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return TimeExpr(i, i + 1, _iso(d), _iso(d), "explicit") if d else None
    # ranges of years: "from 2009 to 2020", "between 2009 and 2020", "2009-2020"
    m = _YEAR_RANGE.fullmatch(w)
    if m and _year(m.group(1)):
        a = m.group(1)
        b = m.group(2) if len(m.group(2)) == 4 else a[:2] + m.group(2)
        return TimeExpr(i, i + 1, a, b, "explicit")
    y = _year(w)
    if y is not None:
        if i + 2 < hi and low[i + 1] in ("to", "and", "-", "–", "—") and _year(low[i + 2]):
            first = i - 1 if i > 0 and low[i - 1] in ("from", "between") else i
            return TimeExpr(first, i + 3, str(y), low[i + 2], "explicit")
        prev = low[i - 1] if i > 0 else ""
        if prev in ("in", "since", "during", "throughout", "of", "for", "until", "through", ","):
            return TimeExpr(i, i + 1, str(y), str(y), "explicit")
        return None
    # "14–20 October": days of one month
    m = _DAY_RANGE.fullmatch(w)
    if m and i + 1 < hi and low[i + 1] in lex.months and words[i + 1][:1].isupper():
        month = lex.months[low[i + 1]]
        end = i + 2
        year = _year(low[end]) if end < hi else None
        if year is not None:
            end += 1
        else:
            year = _month_before(pub, month, int(m.group(2)))
        if year is None:
            return TimeExpr(i, end, None, None, "explicit")
        a = _safe_date(year, month, int(m.group(1)))
        b = _safe_date(year, month, int(m.group(2)))
        if a is None or b is None or b < a:
            return None
        return TimeExpr(i, end, _iso(a), _iso(b), "explicit")
    # "3 May 2023", "3 May"; "16 and 17 November", "16 to 17 November": two days of one month
    d = _day(w)
    if (
        d is not None
        and i + 3 < hi
        and low[i + 1] in ("and", "to", "-", "–", "—")
        and _day(low[i + 2])
        and low[i + 3] in lex.months
        and words[i + 3][:1].isupper()
    ):
        two = _explicit(toks, lex, i + 2, hi, pub)
        if two is None or two.start is None:
            return two
        first = _safe_date(int(two.start[:4]), int(two.start[5:7]), d)
        if first is None or _iso(first) > two.start:
            return None
        return TimeExpr(i, two.last, _iso(first), two.start, "explicit")
    if d is not None and i + 1 < hi and low[i + 1] in lex.months and words[i + 1][:1].isupper():
        month = lex.months[low[i + 1]]
        end = i + 2
        year = _year(low[end]) if end < hi else None
        if year is not None:
            end += 1
        else:
            year = _month_before(pub, month, d)
        if year is None:
            return TimeExpr(i, end, None, None, "explicit")
        day = _safe_date(year, month, d)
        return TimeExpr(i, end, _iso(day), _iso(day), "explicit") if day else None
    # "May 3, 2023", "May 3", "May 2023", "in May"
    if w in lex.months and words[i][:1].isupper():
        month = lex.months[w]
        # "may" is also a verb: only with a day or year, or after "in"
        after_prep = i > 0 and low[i - 1] in ("in", "since", "of", "early", "late", "mid", "last")
        dated = i + 1 < hi and (_day(low[i + 1]) or _year(low[i + 1]))
        if w == "may" and not after_prep and not dated:
            return None
        end = i + 1
        day = _day(low[end]) if end < hi else None
        if day is not None:
            end += 1
            if end < hi and low[end] == ",":
                end += 1 if end + 1 < hi and _year(low[end + 1]) else 0
        year = _year(low[end]) if end < hi else None
        if year is not None:
            end += 1
        elif day is None and i > 0 and low[i - 1] == "last" and pub is not None:
            # "last November": the most recent November before this month
            year = pub.year if month < pub.month else pub.year - 1
        else:
            year = _month_before(pub, month, day)
        if year is None:
            return TimeExpr(i, end, None, None, "explicit")
        if day is not None:
            dd = _safe_date(year, month, day)
            return TimeExpr(i, end, _iso(dd), _iso(dd), "explicit") if dd else None
        ym = f"{year:04d}-{month:02d}"
        return TimeExpr(i, end, ym, ym, "explicit")
    return None
