"""Finding a sentence's time expressions, and what each one times: the count, a
statement ("said on Monday"), or another event ("the deadliest day since 2022")."""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta

from .. import periods
from ..lexicon import Lexicon
from ..tokens import Tokens, word_marks
from .dates import _explicit
from .expr import TimeExpr, _iso, _year
from .relative import _relative

_DAY_JOINS = frozenset({"and", "to", "-", "–", "—"})


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
        marks = toks.memo[key] = word_marks(
            low, ("times", cues), lambda w: w[:1].isdigit() or w in cues
        )
    for k in marks[bisect_left(marks, lo) : bisect_left(marks, hi)]:
        if k < i:
            continue  # inside the expression found before
        i = k
        w = low[i]
        if w[:1].isdigit():
            # a number under four characters only starts "3 May", "16 and 17 May" or
            # "three days after"
            if len(w) < 4 and i + 1 < hi:
                nxt = low[i + 1]
                two_days = nxt in _DAY_JOINS and i + 3 < hi and low[i + 3] in months
                if nxt not in months and not two_days and not (out and nxt in _DAY_WORDS):
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
        elif found.since and found.first > lo and low[found.first - 1] in _COMPARED:
            found.foreign = True  # "has doubled since last year": a comparison
        elif found.since and _modifies_noun(low, found, hi):
            found.foreign = True  # "Five geologists held since March 2018 were sentenced"
        found.statement = _statement(low, found.first, lo) or _states(toks, lex, found, lo, hi)
        if out and _joins(low, out[-1], found, lo):
            # "between 17 September and 29 November", "from 1 to 31 May 2023": one period
            a = out.pop()
            found = TimeExpr(a.first, found.last, a.start, found.end, "explicit",
                             statement=a.statement)  # fmt: skip
        out.append(found)
        i = max(found.last, i + 1)
    return out


def _joins(low: list[str], a: TimeExpr, b: TimeExpr, lo: int) -> bool:
    """Are `a` and `b` the two ends of one period ("between a and b", "from a to b")?"""
    if b.first != a.last + 1 or a.start is None or b.end is None or a.start > b.end:
        return False
    if a.as_of or a.since or b.as_of or b.since or a.start != a.end or b.start != b.end:
        return False
    word = low[a.last]
    before = low[a.first - 1] if a.first > lo else ""
    if word in ("–", "—", "-"):
        return True
    return (word == "and" and before == "between") or (
        word in ("to", "until", "through") and before == "from"
    )


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


_COMPARED = frozenset(
    {"doubled", "tripled", "quadrupled", "increased", "decreased", "fallen", "dropped", "halved"}
)


def _superlative(low: list[str], k: int, lo: int) -> bool:
    return any(w in _SUPERLATIVE for w in low[max(lo, k - 10) : k])


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


# Nouns of a statement whose date is not the count's: "a statement from X on 6 October".
_STATEMENTS = frozenset({"statement", "announcement", "communique", "communiqué"})
# Words a statement's source or object holds besides names and `source_words`.
_LINKS = frozenset({"of", "for", "from", "by", "'s", "’s", "the", "a", "an", "its", "reporters"})
_REACH = 8
_SUBJECT_REACH = 14  # "On Wednesday the ministry's spokesman, Mehdi Rastegar, rejected"


def _states(toks: Tokens, lex: Lexicon, t: TimeExpr, lo: int, hi: int) -> bool:
    """Does the time date a statement, across the name of its source or of whom it
    told? "the figure he gave state television on 1 October", "a statement from the
    council on 6 October", and a sentence that opens with it: "On Tuesday the
    collective published the names"."""
    if t.since or t.as_of:
        return False
    low = toks.lower
    j = t.first - 1
    if j >= lo and low[j] in ("on", "late", "early", "in"):
        j -= 1
    for x in range(j, max(lo - 1, j - _REACH), -1):
        w = low[x]
        if x < j and (w in _STATED or w == "gave"):
            return True
        if w in _STATEMENTS and low[x + 1] in ("from", "by", "issued"):
            return True  # not "a statement on the events of Friday"
        if not _in_name(toks, lex, x):
            break
    if j >= lo:
        return False  # the time does not open its sentence
    k = t.last + 1 if t.last < hi and low[t.last] == "," else t.last
    aside = False  # "On Thursday, the anniversary of the revolution, state TV said":
    for x in range(k, min(hi, k + _SUBJECT_REACH)):  # the day of what TV reported
        w = low[x]
        if w in _STATED:
            return x > k and not aside
        if w in _REVISED and not _FIGURES.isdisjoint(low[x + 1 : x + 4]):
            return x > k  # "On 6 October the council raised the official figure to 19"
        if w == ",":
            aside = True  # "the ministry's spokesman, Mehdi Rastegar, rejected the figure"
            continue
        if w in _NOT_SUBJECT or not (w.isalpha() or w in _LINKS) or w.endswith("ed"):
            break  # "On Sunday security forces killed 12": the day of the killing
    return False


_NOT_SUBJECT = frozenset({"were", "was", "been", "had", "have", "has", "are", "is", "that"})


# Verbs that revise or reject a figure: "raised the toll to 19", "rejected the figure of 96".
_REVISED = frozenset(
    {"raised", "revised", "lowered", "put", "gave", "updated", "rejected", "disputed",
     "dismissed", "denied", "questioned"}
)  # fmt: skip
_FIGURES = frozenset({"figure", "toll", "number", "count", "tally"})


def _in_name(toks: Tokens, lex: Lexicon, k: int) -> bool:
    """May token `k` belong to the name of a source or of whom it told?"""
    w = toks.lower[k]
    return toks.words[k][:1].isupper() or w in lex.source_words or w in _LINKS


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
