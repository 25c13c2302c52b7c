"""Time expressions near a count, resolved against the publication date.

Only the short phrases found here are interpreted (no dateparser over whole
texts): explicit dates and ranges, relative days and weeks, and the cues of a
running total ("as of 12 July", "since September", "so far").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta

from . import periods
from .lexicon import Lexicon
from .model import ClaimTime
from .tokens import Tokens

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YEAR_RANGE = re.compile(r"(\d{4})\s?[-–—/]\s?(\d{2}|\d{4})")
_SO_FAR = (("so", "far"), ("to", "date"), ("thus", "far"), ("until", "now"), ("up", "to", "now"))
_TOLL_CUES = frozenset({"toll", "tally"})
_RISE = frozenset({"rose", "risen", "climbed", "reached", "rises", "climbs", "reaches", "stands"})


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


def find_times(toks: Tokens, lex: Lexicon, lo: int, hi: int, pub: date | None) -> list[TimeExpr]:
    """Time expressions in tokens [lo, hi), left to right."""
    out: list[TimeExpr] = []
    low = toks.lower
    i = lo
    cues = _cues(lex)
    months = lex.months
    # the tokens an expression can start with: digits and cue words, found once per text
    key = "times:" + lex.lang
    marks = toks.memo.get(key)
    if marks is None:
        marks = toks.memo[key] = [k for k, w in enumerate(low) if w[:1].isdigit() or w in cues]
    for k in marks[bisect_left(marks, lo) : bisect_left(marks, hi)]:
        if k < i:
            continue  # inside the expression found before
        i = k
        w = low[i]
        if w[:1].isdigit():
            # a number under four characters only starts "3 May" or "three days after"
            if len(w) < 4 and i + 1 < hi:
                nxt = low[i + 1]
                if nxt not in months and not (out and nxt in _DAY_WORDS):
                    continue
        elif w in _NUMBER_CUES:
            # "a", "two": only in "two days after"; "in": only in "in a week"
            nxt = low[i + 1] if i + 1 < hi else ""
            if nxt != "a" if w in _IN else not (out and nxt in _DAY_WORDS):
                continue
        found = (
            _period(toks, i, hi, pub, out)
            or _explicit(toks, lex, i, hi, pub)
            or _relative(toks, lex, i, hi, pub)
        )
        if found is None:
            continue
        prev = low[found.first - 1] if found.first > lo else ""
        prev2 = low[found.first - 2] if found.first - 1 > lo else ""
        if prev == "since":
            # "since September": from then up to publication
            found.since = found.as_of = True
            found.first -= 1
            found.end = _iso(pub) if pub else None
        elif _since_before(low, found.first, lo):
            # "since the unrest began in September", "since the election on 12 June"
            found.since = found.as_of = True
            found.end = _iso(pub) if pub else None
        elif prev == "of" and prev2 == "as":
            found.as_of = True
            found.start = None
            found.first -= 2
        elif found.start == found.end and (
            prev in ("by", "until") or (prev2, prev) == ("up", "to")
        ):
            # "by 31 July", "up to 29 June": a running total up to that day
            found.as_of = True
            found.start = None
        if found.since and _superlative(low, found.first, lo):
            found.foreign = True  # "the largest single day since 2022"
        elif found.since and _modifies_noun(low, found, hi):
            found.foreign = True  # "Five geologists held since March 2018 were sentenced"
        found.statement = _statement(low, found.first, lo)
        out.append(found)
        i = max(found.last, i + 1)
    return out


_DAY_WORDS = frozenset({"day", "days"})
_IN = frozenset({"in", "within"})
# Cue words that start only "in a week" or "three days after" (see `_period`); not
# months, weekdays or other cues of `_relative` and `_explicit`.
_NUMBER_CUES = frozenset(set(periods.NUMBER_WORDS) | _IN)


# Words that make a following "since ..." time another event than the count.
_SUPERLATIVE = frozenset(
    {"deadliest", "bloodiest", "largest", "biggest", "highest", "lowest", "worst", "first",
     "second", "third", "fourth", "fifth", "longest", "heaviest"}
)  # fmt: skip
# Verbs that date a statement, not the event counted: "announced on Tuesday".
_STATED = frozenset(
    {"said", "says", "announced", "declared", "published", "told", "stated", "added",
     "reported", "confirmed", "warned", "claimed"}
)  # fmt: skip


def _superlative(low: list[str], k: int, lo: int) -> bool:
    return any(w in _SUPERLATIVE for w in low[max(lo, k - 6) : k])


def _modifies_noun(low: list[str], t: TimeExpr, hi: int) -> bool:
    """ "N people held since 2018 were ...": the time belongs to the participle."""
    before = low[t.first - 1] if t.first > 0 else ""
    after = low[t.last] if t.last < hi else ""
    participle = before.endswith("ed") or before == "held"
    return participle and after in ("were", "was", "are", "have")


def _statement(low: list[str], k: int, lo: int) -> bool:
    j = k - 1
    if j >= lo and low[j] in ("on", "late", "early", "in"):
        j -= 1
    return j >= lo and low[j] in _STATED


def _period(
    toks: Tokens, i: int, hi: int, pub: date | None, before: list[TimeExpr]
) -> TimeExpr | None:
    """Periods (`periods.find`) and expressions read against the one before."""
    low = toks.lower
    w = low[i]
    if w in periods.CUES:
        found = periods.find(low, i, hi, pub)
        if found is not None:
            return TimeExpr(*found)
    if not before:
        return None
    ref = before[-1]
    # "three days after an ambush": shift the day stated before
    n = periods.count(w)
    if (
        n is not None
        and i + 2 < hi
        and low[i + 1] in ("days", "day")
        and low[i + 2] in ("after", "before")
        and ref.start is not None
        and ref.start == ref.end
        and len(ref.start) == 10
    ):
        d = date.fromisoformat(ref.start)
        d = d - timedelta(days=n) if low[i + 2] == "after" else d + timedelta(days=n)
        return TimeExpr(i, i + 3, _iso(d), _iso(d), ref.anchor)
    # "the same period of 2024", "the year before"
    if (
        w == "same"
        and low[i + 1 : i + 3] in (["period", "of"], ["period", "in"])
        and i + 3 < hi
        and _year(low[i + 3])
        and ref.start
        and ref.end
        and len(ref.start) == 7
    ):
        y = low[i + 3]
        return TimeExpr(i, i + 4, y + ref.start[4:], y + ref.end[4:], "explicit")
    before = w == "year" and i + 1 < hi and low[i + 1] == "before" and low[i - 1] == "the"
    if before and ref.start and ref.start == ref.end and len(ref.start) == 4:
        y = str(int(ref.start) - 1)
        return TimeExpr(i - 1, i + 2, y, y, ref.anchor)
    return None


def _since_before(low: list[str], k: int, lo: int) -> bool:
    """ "since" a few words before, with a verb of starting or a short noun phrase
    ("since the election on 12 June") in between."""
    window = low[max(lo, k - 7) : k]
    if "since" not in window:
        return False
    if any(w in _BEGAN for w in window):
        return True
    j = len(window) - 1 - window[::-1].index("since")
    between = window[j + 1 :]
    return (
        0 < len(between) <= 4
        and between[0] in ("the", "a", "last")
        and between[-1] in ("on", "in", "of")
        and not any(w in (",", ";", "and") for w in between)
    )


_BEGAN = frozenset(
    {"began", "started", "erupted", "broke", "begun", "start", "beginning", "outbreak"}
)
_CUES: dict[str, frozenset[str]] = {}


def _cues(lex: Lexicon) -> frozenset[str]:
    """Words a time expression can start with, other than digits."""
    found = _CUES.get(lex.lang)
    if found is None:
        extra = {"yesterday", "today", "tonight", "last", "past", "this", "weekend", "overnight"}
        extra |= periods.CUES | set(periods.NUMBER_WORDS) | {"same", "year"}
        found = _CUES[lex.lang] = frozenset(set(lex.months) | set(lex.weekdays) | extra)
    return found


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
    # "3 May 2023", "3 May"
    d = _day(w)
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


def running_total(toks: Tokens, lo: int, hi: int) -> bool:
    """Cues that a count is a running total: "so far", "the toll rose to"."""
    low = toks.lower
    for k in range(lo, hi):
        for phrase in _SO_FAR:
            if tuple(low[k : k + len(phrase)]) == phrase:
                return True
        if low[k] in _TOLL_CUES:
            return True
    return False


def resolve(exprs: list[TimeExpr], running: bool, pub: date | None) -> ClaimTime:
    """The claim's time from the governing expression(s)."""
    pub_iso = _iso(pub) if pub else None
    as_of = running or any(e.as_of for e in exprs)
    if not exprs:
        if pub_iso is None:
            return ClaimTime(None, None, as_of, "unknown")
        return ClaimTime(None, pub_iso, as_of, "publication")
    e = exprs[0]
    if as_of:
        start = next((x.start for x in exprs if x.since), None)
        ends = [x.end for x in exprs if x.as_of and not x.since]
        if ends or start is not None:
            end = ends[0] if ends else pub_iso
            return ClaimTime(start, end, True, "explicit" if start or ends else e.anchor)
        # a running total dated by a day ends that day; over a period, it runs from
        # the period's start up to publication ("so far this year")
        if e.start is not None and e.start == e.end and len(e.start) == 10:
            return ClaimTime(None, e.end, True, e.anchor)
        if pub_iso and e.end and pub_iso[: len(e.end)] == e.end:
            return ClaimTime(e.start, pub_iso, True, e.anchor)
        return ClaimTime(e.start, e.end, True, e.anchor)
    if e.start is None and e.end is None:
        return ClaimTime(None, None, False, "unknown")
    return ClaimTime(e.start, e.end, False, e.anchor)
