"""Quantities in a sentence: numbers with their qualifiers, vague amounts, negations.

A mention is a candidate count; whether it becomes a claim is decided later,
when a category is found for it. Numbers that are plainly not counts (years,
ages, money, article numbers, percentages, durations) are dropped here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from . import qualifiers as q
from .lexicon import Lexicon
from .numbers import as_count, parse_digit_range, parse_digits, read_words
from .tokens import Tokens, word_marks

_DASHES = frozenset({"-", "–", "—", "to"})
# Verbs after "N residents" that make the people sources, not a count.
_SOURCE_VERBS = frozenset(
    {"said", "say", "says", "told", "tell", "tells", "recounted", "described", "spoke", "added"}
)
_CAPACITY = frozenset({"built", "designed", "intended", "meant", "capacity", "room", "space"})
_CHANGE_VERBS = frozenset({"rose", "risen", "increased", "climbed", "jumped", "grew", "went"})


@dataclass
class Mention:
    start: int  # first token, qualifier included
    num_start: int  # first token of the number itself
    end: int  # one past the last token, post-qualifier included
    bounds: q.Bounds
    qualifier: str | None  # the bounding words as written
    value: int  # the stated figure (lower end of a range)
    negated: bool = False
    vague: bool = False


def find_mentions(toks: Tokens, lex: Lexicon, first: int, last: int) -> list[Mention]:
    """Mentions in tokens [first, last), left to right, not overlapping."""
    out: list[Mention] = []
    starters = _starters(lex)
    low = toks.lower
    # the tokens a mention can start with, found once per text
    key = "mentions:" + lex.lang
    marks = toks.memo.get(key)
    if marks is None:
        marks = toks.memo[key] = word_marks(
            low,
            ("mentions", starters),
            lambda w: w in starters or w[:1].isdigit() or w[:1] == "~",
        )
    i = first
    for k in marks[bisect_left(marks, first) : bisect_left(marks, last)]:
        if k < i:
            continue  # inside the mention found before
        i = k
        m = None
        if low[i] in starters:
            # only a starter can open a negation or a vague amount
            m = _negation(toks, lex, i, last) or _vague(toks, lex, i, last)
        if m is None:
            m = _number(toks, lex, i, last, first)
        if m is None:
            continue
        out.append(m)
        i = max(m.end, i + 1)
    return out


_STARTERS: dict[str, frozenset[str]] = {}
_DIGIT = re.compile(r"[\d~]")
_WORD = re.compile(r"[a-z]+")
# For ASCII text: every byte but the digits and "~" (to delete), and a table that
# keeps a-z and makes every other byte a space.
_NOT_DIGIT_BYTES = bytes(c for c in range(256) if chr(c) not in "0123456789~")
_LETTER_BYTES = bytes(c if ord("a") <= c <= ord("z") else ord(" ") for c in range(256))


_TESTS: dict[str, Callable[[str], bool]] = {}


def may_hold_count(lex: Lexicon) -> Callable[[str], bool]:
    """A cheap test on raw text: could it contain a mention (or a table's source)?"""
    # built once per language rather than for every text
    found = _TESTS.get(lex.lang)
    if found is None:
        found = _TESTS[lex.lang] = _count_test(lex)
    return found


def _count_test(lex: Lexicon) -> Callable[[str], bool]:
    words = {w for p in lex.vague for w in p} | {w for p in lex.negators for w in p}
    words |= set(lex.number_units) | set(lex.number_scales) | {"source", "count"}
    words = frozenset(words - {"a", "an", "of", "not"})
    ascii_words = frozenset(w.encode() for w in words if w.isascii())

    def test(text: str) -> bool:
        if text.isascii():
            # The same two tests with bytes methods, several times faster than the
            # regexes: a digit or "~" left after deleting every other byte, and the
            # runs of a-z as the words left when every other byte is a space.
            raw = text.encode("ascii")
            if raw.translate(None, _NOT_DIGIT_BYTES):
                return True
            return not ascii_words.isdisjoint(raw.lower().translate(_LETTER_BYTES).split())
        if _DIGIT.search(text):
            return True
        return not words.isdisjoint(_WORD.findall(text.lower()))

    return test


def _starters(lex: Lexicon) -> frozenset[str]:
    """Words a mention can start with, other than digits: a cheap first filter."""
    found = _STARTERS.get(lex.lang)
    if found is None:
        words = set(lex.number_units) | set(lex.number_articles)
        for table in (lex.vague, lex.negators):
            words.update(p[0] for p in table)
        found = _STARTERS[lex.lang] = frozenset(words)
    return found


def _negation(toks: Tokens, lex: Lexicon, i: int, last: int) -> Mention | None:
    phrase = lex.match("negators", toks.lower, i)
    if phrase is None:
        return None
    j = i + len(phrase)
    if phrase[-1] == "single" and j < last and toks.lower[j] == "one":
        j += 1  # "not a single one was injured"
    if len(phrase) == 1 and phrase[0] in ("no", "zero"):
        # "no deaths", "no protesters were killed": only with a countable noun
        nxt = toks.lower[j] if j < last else ""
        if nxt not in lex.person_nouns and (nxt,) not in lex.triggers:
            return None
    return Mention(i, i, j, q.Bounds(0, 0, 0, True), None, 0, negated=True)


def _vague(toks: Tokens, lex: Lexicon, i: int, last: int) -> Mention | None:
    phrase = lex.match("vague", toks.lower, i)
    if phrase is None or i + len(phrase) > last:
        return None
    j = i + len(phrase)
    low, high = lex.vague[phrase]
    # bare "several" must quantify a noun we can count, not "several times"
    if phrase in (("several",), ("a", "few"), ("dozen",)) and (
        j >= last or toks.lower[j] in lex.noncount_next or toks.lower[j] == "of"
    ):
        return None
    bounds = q.Bounds(low, high, low, low == high)
    if low == high:
        bounds = q.Bounds(low, high, low, False)
    start = i
    pre = lex.match_ending("pre_qualifiers", toks.lower, i)
    words = toks.span_text(i, j)
    if j > i and toks.lower[j - 1] == "of":
        words = toks.span_text(i, j - 1)
    qualifier = words
    if pre is not None:
        start = i - len(pre)
        kind = lex.pre_qualifiers[pre]
        bounds = q.combine(kind, bounds)
        qualifier = toks.span_text(start, j - (1 if toks.lower[j - 1] == "of" else 0))
    return Mention(start, i, j, bounds, qualifier, low, vague=True)


def _read_number(toks: Tokens, lex: Lexicon, i: int, last: int) -> tuple[float, int] | None:
    """(value, end) of a number starting at token i, digits or words."""
    w = toks.lower[i]
    value: float | None = parse_digits(w)
    j = i + 1
    if value is None:
        found = read_words(
            toks.lower,
            i,
            lex.number_units,
            lex.number_scales,
            lex.number_joiners,
            lex.number_articles,
            stop=last,
        )
        if found is None:
            return None
        return float(found[0]), found[1]
    if w.isdigit() and len(w) <= 3 and w[0] != "0":
        # "12 000": a space as thousands separator (rule 4), not "021 555 1234"
        while j < last and len(toks.lower[j]) == 3 and toks.lower[j].isdigit():
            if j + 1 < last and toks.lower[j + 1][:1].isdigit():
                break
            value = value * 1000 + int(toks.lower[j])
            j += 1
    while j < last and toks.lower[j] in lex.number_scales:
        value *= lex.number_scales[toks.lower[j]]
        j += 1
    return value, j


def _number(toks: Tokens, lex: Lexicon, i: int, last: int, first: int) -> Mention | None:
    low = toks.lower
    w = low[i]
    if w[:1] == "~" and len(w) > 1 and w[1].isdigit():
        # "~40" is one token: the tilde is the qualifier
        value = parse_digits(w[1:])
        if value is None or as_count(value) is None:
            return None
        n = int(value)
        return Mention(i, i, i + 1, q.bounds(q.ABOUT, n), "~", n)
    rng = parse_digit_range(w)
    if rng is not None:
        a, b = as_count(rng[0]), as_count(rng[1])
        if a is None or b is None or _is_year(a, w) or b < a:
            return None
        return _finish(toks, lex, i, i, i + 1, a, b, first, last)
    found = _read_number(toks, lex, i, last)
    if found is None:
        return None
    value, j = found
    n = as_count(value)
    if n is None:
        return None
    if w == "one" and j < last and low[j] == "of":
        return None  # "one of those hanged": a singular, not a count (rule 1)
    # ranges: "A-B", "A to B", "between A and B"
    if j + 1 < last and (
        low[j] in _DASHES or (low[j] == "and" and i > 0 and low[i - 1] == "between")
    ):
        second = _read_number(toks, lex, j + 1, last)
        if second is not None and as_count(second[0]) is not None:
            b = int(second[0])
            if b > n and not (_is_year(n, toks.words[i]) and _is_year(b, toks.words[j + 1])):
                if (
                    low[j] == "to"
                    and i >= 2
                    and low[i - 1] == "from"
                    and low[i - 2] in _CHANGE_VERBS
                ):
                    # "rose from 12 to 40": the figure now is 40
                    return _finish(toks, lex, j + 1, j + 1, second[1], b, None, first, last)
                start = i - 1 if low[j] == "and" or (i > first and low[i - 1] == "from") else i
                return _finish(toks, lex, start, i, second[1], n, b, first, last)
    return _finish(toks, lex, i, i, j, n, None, first, last)


def _finish(
    toks: Tokens,
    lex: Lexicon,
    start: int,
    num_start: int,
    end: int,
    n: int,
    n2: int | None,
    first: int,
    last: int,
) -> Mention | None:
    low = toks.lower
    if _not_a_count(toks, lex, start, num_start, end, n, first, last):
        return None
    if n2 is not None:
        return Mention(
            start, num_start, end, q.bounds(q.RANGE, n, n2), toks.span_text(start, end), n
        )
    kind = q.EXACT
    qualifier: str | None = None
    pre = lex.match_ending("pre_qualifiers", low, start)
    if pre is not None and start - len(pre) >= first:
        kind = lex.pre_qualifiers[pre]
        qualifier = toks.span_text(start - len(pre), start)
        start -= len(pre)
    if qualifier in ("under", "below", "Under", "Below") and _is_age(toks, lex, n, end, last):
        return None  # "6 of them under 18": an age (rule 3)
    post = lex.match("post_qualifiers", low, end)
    # "plus" only as in "100 plus people", not "12 killed plus 30 injured"
    if (
        post is not None
        and end + len(post) <= last
        and kind == q.EXACT
        and (post != ("plus",) or (end + 1 < last and low[end + 1] in lex.person_nouns))
    ):
        kind = lex.post_qualifiers[post]
        qualifier = toks.span_text(end, end + len(post))
        end += len(post)
    return Mention(start, num_start, end, q.bounds(kind, n), qualifier, n)


def _is_year(n: int, written: str) -> bool:
    """A Gregorian year, or a Solar Hijri one ("1402", "Iranian year 1395")."""
    return (1800 <= n <= 2100 or 1300 <= n <= 1420) and written.isdigit() and len(written) == 4


def _is_age(toks: Tokens, lex: Lexicon, n: int, end: int, last: int) -> bool:
    """ "under 18" with no counted noun after: an age bound, not a count."""
    if not 12 <= n <= 21:
        return False
    nxt = toks.lower[end] if end < last else ""
    return nxt not in lex.person_nouns and (nxt,) not in lex.triggers and nxt != "-"


_REVISED = frozenset({"added", "removed"})


def _is_number(w: str, lex: Lexicon) -> bool:
    """A small number ("five", "10"), as in a ratio; not a year ("in 2018")."""
    return (w.isdigit() and len(w) < 4) or w in lex.number_units


def _not_a_count(
    toks: Tokens, lex: Lexicon, start: int, num_start: int, end: int, n: int, first: int, last: int
) -> bool:
    low = toks.lower
    words = toks.words
    nxt = low[end] if end < last else ""
    prev = low[start - 1] if start > first else ""
    if prev in lex.noncount_prev or nxt in lex.noncount_next:
        return True
    # "all men between 16 and 34", "aged between 16 and 34": ages, not a count
    if low[start] == "between" and (prev in lex.person_nouns or prev in _AGE_WORDS):
        return True
    if prev == "and" and start - 4 >= first and low[start - 3] == "between":
        before = low[start - 4]
        if low[start - 2][:1].isdigit() and (before in lex.person_nouns or before in _AGE_WORDS):
            return True  # the "34" of "men between 16 and 34"
    # "Page 2 of 3": a page footer, both numbers
    footer = start - 3 >= first and low[start - 3] == "page" and low[start - 2].isdigit()
    if prev == "page" or (prev == "of" and footer):
        return True
    # "built for 1,500 inmates", "a capacity of 2,200": what a place holds (rule 3)
    if prev in ("for", "of") and start - 2 >= first and low[start - 2] in _CAPACITY:
        return True
    # "021 555 1234": digit groups side by side, or a leading zero, are codes
    w0 = words[num_start]
    if (w0[:1] == "0" and len(w0) > 1 and w0[1:2].isdigit()) or prev.isdigit() or nxt.isdigit():
        return True
    # "021-5550-1234": digit groups joined by dashes
    if (prev == "-" and start - 2 >= first and low[start - 2][:1].isdigit()) or (
        nxt == "-" and end + 1 < last and low[end + 1][:1].isdigit()
    ):
        return True
    # "one in five", "nearly one in five of all executions": a ratio (rule 3)
    if nxt == "in" and end + 1 < last and _is_number(low[end + 1], lex):
        return True
    if prev == "in" and start - 2 >= first and _is_number(low[start - 2], lex):
        return True
    if end < len(low) and low[end] in lex.firsts("noncount_next_phrases"):
        for k in (4, 3, 2, 1):
            if tuple(low[end : end + k]) in lex.noncount_next_phrases:
                return True
    # "38 deaths added since our last table": a change to a running total (rule 3)
    if nxt in _REVISED or (end + 1 < last and nxt.isalpha() and low[end + 1] in _REVISED):
        return True
    # "a 40-day mourning", "12-member": a number glued to a noun is a modifier
    if nxt == "-" and end + 1 < last and low[end + 1].isalpha() and low[end + 1] != "plus":
        return True
    if _is_year(n, words[num_start]) and end - num_start == 1:
        if prev in lex.determiners or prev in ("'s", "’s", "year"):
            return True  # "the 2019 protests", "the 1915 victims", "Iranian year 1395"
        return not (nxt in lex.person_nouns or (nxt,) in lex.triggers or nxt in lex.event_nouns)
    # dates: "3 May", "May 3", "16 and 17 November"
    if nxt in lex.months and words[end][:1].isupper():
        return True
    if (
        nxt in ("and", "to", "-", "–", "—")
        and end + 2 < last
        and _is_day(low[end + 1])
        and low[end + 2] in lex.months
        and words[end + 2][:1].isupper()
        and _is_day(low[num_start])
    ):
        return True
    if prev in lex.months and words[start - 1][:1].isupper():
        return True
    # "died on Sept. 16": the abbreviation's full stop may have ended the sentence
    if (
        start == first
        and start > 0
        and low[start - 1] in lex.months
        and words[start - 1][-1] == "."
    ):
        return True
    # "confirmed from two nurses at the hospital": where the figure came from
    if prev == "from" and nxt in lex.person_nouns:
        return True
    # "two residents told AFP", "three officials said": sources, not counts (rule 3)
    if nxt in lex.person_nouns and end + 1 < last and low[end + 1] in _SOURCE_VERBS:
        return True
    # "Resolution 2231", "Ward 209": a capitalised word and a number name a thing
    # (the sentence's first word is capitalised anyway)
    if not (start - 1 > first and words[start - 1][:1].isupper() and words[start - 1].isalpha()):
        return False
    # a table line "Sistan and Baluchestan 9": a label and its figure, nothing else
    return not (
        end == last and all(w[:1].isupper() or w in _LABEL_LINKS for w in words[first:start])
    )


def _is_day(w: str) -> bool:
    return w.isascii() and w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31


_AGE_WORDS = frozenset({"aged", "ages", "age", "ageing", "old"})
_LABEL_LINKS = frozenset({"and", "-", "of", "e"})
