"""Days and weeks relative to publication: "on Sunday", "yesterday", "last week",
"this month" (rule 16)."""

from __future__ import annotations

from datetime import date, timedelta

from ..lexicon import Lexicon
from ..tokens import Tokens
from .expr import TimeExpr, _day, _iso


def _relative(toks: Tokens, lex: Lexicon, i: int, hi: int, pub: date | None) -> TimeExpr | None:
    low, words = toks.lower, toks.words
    w = low[i]
    nxt = low[i + 1] if i + 1 < hi else ""
    span: tuple[date, date] | None = None
    month_of: date | None = None
    year_of: int | None = None
    end = i + 1
    if pub is None:
        if w in lex.weekdays or w in ("yesterday", "today") or (w == "last" and nxt in ("week",)):
            return TimeExpr(i, end, None, None, "relative")
        return None
    prev = low[i - 1] if i > 0 else ""
    # "Friday prayers" names a prayer, not a day; "after Friday prayers" is that day
    prayers = nxt in ("prayers", "prayer") and (prev != "after" or "on" in low[i + 2 : i + 4])
    if w in lex.weekdays and words[i][:1].isupper() and not prayers:
        after = low[i + 2 : i + 4] if nxt == "," else low[i + 1 : i + 3]
        dated = after[:1] and (
            after[0] in lex.months or (_day(after[0]) and after[1:] and after[1] in lex.months)
        )
        if dated:
            return None  # "Friday 30 September 2022": the date that follows says which Friday
        d = _weekday(pub, lex.weekdays[w], prev == "last")
        span = (d, d)
        if nxt in ("'s", "’s"):
            if prev == "after":  # "after Sunday's sit-ins": that Sunday to publication
                return TimeExpr(i - 1, i + 2, _iso(d), _iso(pub), "relative", incident=True)
            return TimeExpr(i, i + 2, _iso(d), _iso(d), "relative", start_day=True)
        if nxt == "and" and i + 2 < hi and low[i + 2] in lex.weekdays:
            # "on Monday and Tuesday"
            d2 = _weekday(pub, lex.weekdays[low[i + 2]], False)
            if d2 > d:
                return TimeExpr(i, i + 3, _iso(d), _iso(d2), "relative")
    elif w == "overnight" and not any(x in lex.weekdays for x in low[i + 1 : i + 5]):
        d = pub - timedelta(days=1)
        span = (d, d)
    elif w == "yesterday" or (w == "last" and nxt == "night"):
        d = pub - timedelta(days=1)
        span = (d, d)
        end = i + (2 if w == "last" else 1)
    elif w in ("today", "tonight") or (w == "this" and nxt == "morning"):
        span = (pub, pub)
    elif w in ("last", "past", "this") and nxt in ("week", "month", "year", "weekend"):
        end = i + 2
        monday = pub - timedelta(days=pub.weekday())
        if nxt == "week":
            span = (monday - timedelta(days=7), monday - timedelta(days=1))
            if w == "this":
                span = (monday, pub)
            elif w == "past":
                span = (pub - timedelta(days=7), pub)
        elif nxt == "weekend":
            sunday = pub - timedelta(days=(pub.weekday() - 6) % 7)
            span = (sunday - timedelta(days=1), sunday)
        elif nxt == "month":
            first = pub.replace(day=1)
            month_of = first - timedelta(days=1) if w == "last" else first
        else:
            year_of = pub.year - 1 if w == "last" else pub.year
    elif w == "weekend" and i > 0 and low[i - 1] == "the":
        sunday = pub - timedelta(days=(pub.weekday() - 6) % 7)
        span = (sunday - timedelta(days=1), sunday)
    if span is not None:
        # "5 hanged last week" may be one incident; "last week's unrest" is a period
        incident = w == "last" and nxt == "week" and low[end : end + 1] not in (["'s"], ["’s"])
        return TimeExpr(i, end, _iso(span[0]), _iso(span[1]), "relative", incident=incident)
    # "this month", "this year" run up to publication (rule 16)
    if month_of is not None:
        ym = f"{month_of.year:04d}-{month_of.month:02d}"
        return TimeExpr(i, end, ym, _iso(pub) if w == "this" else ym, "relative")
    if year_of is not None:
        return TimeExpr(
            i, end, str(year_of), _iso(pub) if w == "this" else str(year_of), "relative"
        )
    return None


def _weekday(pub: date, weekday: int, last: bool) -> date:
    """The most recent `weekday` on or before publication ("last Sunday": before)."""
    back = (pub.weekday() - weekday) % 7
    if last and back == 0:
        back = 7
    return pub - timedelta(days=back)
