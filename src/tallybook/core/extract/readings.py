"""Which mentions of a sentence are claims, and what each counts.

`categories.read_category` reads one mention on its own; the rules here look
at the mentions of a sentence together: subsets take their parent's
category, a competing figure ("police put the crowd at 800") takes the
category of the figure it answers, and a count of places with no count of
protests becomes a protests claim of unit `places` (rule 11).
"""

from __future__ import annotations

from collections.abc import Callable

from .categories import Reading, compared, count_kind, head_noun, read_category
from .lexicon import Lexicon
from .mentions import Mention
from .tokens import Tokens

Clause = Callable[[int], tuple[int, int]]

# Nouns and verbs that restate a figure given before: "put the number at 40".
_RESTATE = frozenset(
    {"figure", "number", "crowd", "count", "attendance", "tally", "toll", "total", "counted",
     "put", "estimated", "of"}
)  # fmt: skip
_CROWD = frozenset({"crowd", "attendance"})
# Words that say the places counted saw protests (rule 11).
_PROTEST_CUES = frozenset(
    [
        "protests",
        "protest",
        "strikes",
        "strike",
        "rallies",
        "rally",
        "gatherings",
        "demonstrations",
        "marches",
        "sit-ins",
        "sit-in",
        "boycotted",
        "boycott",
        "shutters",
        "shut",
        "closed",
        "stopped",
        "unrest",
        "riots",
        "vigils",
        "events",
    ]
)


def read_sentence(
    toks: Tokens,
    lex: Lexicon,
    mentions: list[Mention],
    clause_of: Clause,
    first: int,
    last: int,
    before: str | None,
) -> tuple[list[Reading | None], list[str], int | None]:
    """Readings and count kinds of `mentions`, and the sentence's place count.

    `before` is the category of the last claim read before this sentence.
    """
    readings = [read_category(toks, lex, m, *clause_of(m.num_start), mentions) for m in mentions]
    kinds = [count_kind(toks, lex, m, *clause_of(m.num_start), mentions) for m in mentions]
    for i in range(1, len(mentions)):
        # "including 64 children and 35 women": the second is a subset too
        gap = toks.lower[mentions[i - 1].end : mentions[i].start]
        joined = ("and" in gap or "," in gap) and len(gap) < 6
        inside = not any(w in lex.clause_breaks for w in gap)
        if kinds[i - 1] == "subset" and readings[i] is None and joined and inside:
            kinds[i] = "subset"
    for i, m in enumerate(mentions):
        own = readings[i]
        if own is not None and own.loose and kinds[i] == "subset":
            # "including 2 convicted of killing a guard": the parent's category
            parent = next(
                (r for r in reversed(readings[:i]) if r is not None and not r.scope), None
            )
            if parent is not None and not parent.loose:
                readings[i] = Reading(parent.category, parent.unit, own.trigger_end)
            continue
        if own is not None:
            continue
        if kinds[i] == "subset" or compared(toks, lex, m, first):
            parent = next(
                (r for r in reversed(readings[:i]) if r is not None and not r.scope), None
            )
            if parent is not None:
                head = head_noun(toks, lex, m, last)
                end = head + 1 if head is not None else m.end
                readings[i] = Reading(parent.category, parent.unit, end)
                continue
        restated = _restated(toks, m, clause_of(m.num_start)[0])
        if restated is not None and _cell(toks, lex, m, first, last) is None:
            earlier = next((r for r in reversed(readings[:i]) if r and not r.scope), None)
            category = "attendance" if restated in _CROWD else None
            if category is None and earlier is None:
                # "The government never published a full toll; ... put it at 215"
                category = _header(toks, lex, first, m.start)
            category = category or (earlier.category if earlier else before)
            if category is None and not _PROTEST_CUES.isdisjoint(toks.lower[first:last]):
                category = "attendance"  # "rallies ..., where police counted 9,000"
            if category == "protests":
                category = "attendance"  # people counted at protests
            if category is not None:
                readings[i] = Reading(category, "people", m.end, restated=True)
    for i, m in enumerate(mentions):
        if readings[i] is not None or _cell(toks, lex, m, first, last) is not None:
            continue
        earlier_i = next(
            (j for j in range(i - 1, -1, -1) if readings[j] and not readings[j].scope), None
        )
        earlier = readings[earlier_i] if earlier_i is not None else None
        if earlier is not None:
            end = _were(toks, m, last)
            if end is not None:
                # "61 were Kurds, 48 were Baluch": part of the count before
                readings[i] = Reading(earlier.category, earlier.unit, end)
                kinds[i] = "subset"
                continue
        if (
            earlier is not None
            and earlier_i == i - 1
            and _elided(toks, lex, mentions[i - 1], m, last)
        ):
            # "6 rallies in Mashhad, 4 in Neyshabur": the noun and verb left out
            readings[i] = Reading(earlier.category, earlier.unit, m.end)
            continue
        crowd = _crowd(toks, lex, m, last)
        if crowd is not None:
            readings[i] = Reading("attendance", "people", crowd)
    for i, m in enumerate(mentions):
        label = _cell(toks, lex, m, first, last) if readings[i] is None else None
        if label is not None:
            # a table cell ("Mashhad 4", "Khash: 4", "Ardabil — none"): the
            # category of the cell before it, the header's, or the table's
            earlier = next((r for r in reversed(readings[:i]) if r and not r.scope), None)
            category = earlier.category if earlier else _header(toks, lex, first, m.start)
            unit = earlier.unit if earlier else "people"
            category = category or before
            if category == "protests" and unit == "people":
                category = "attendance"  # "Solidarity rallies: Toronto, 3,000": the crowds
            if category is not None:
                readings[i] = Reading(category, unit, m.end, cell=True)
                m.start = label  # tables quote label and number (rule 27)
    scope = _places_claim(toks, mentions, readings, clause_of, first, last)
    return readings, kinds, scope


_BE = frozenset({"were", "was", "are", "is"})
_NP_ENDS = frozenset({",", ";", ".", "and", ":", "(", ")", "—", "–"})


def _were(toks: Tokens, m: Mention, last: int) -> int | None:
    """End of "N were <noun phrase>" that names what part of a count is ("12 were women")."""
    low = toks.lower
    k = m.end
    if k >= last or low[k] not in _BE:
        return None
    j = k + 1
    while j < last and j - k <= 5 and low[j] not in _NP_ENDS:
        if low[j] in ("in", "on", "at", "to", "by", "from", "for"):
            return None  # "were in critical condition", "were sent to"
        j += 1
    if j == k + 1 or (j < last and low[j] not in _NP_ENDS):
        return None
    return j


# Words between two listed figures besides the list marks: "and another 2".
_LIST_FILLERS = frozenset({"another", "a", "further", "more", "additional"})
_TIME_STARTS = frozenset({"last", "on", "this", "yesterday", "today", "overnight", "earlier"})


def _elided(toks: Tokens, lex: Lexicon, prev: Mention, m: Mention, last: int) -> bool:
    """Is `m` a figure listed after `prev` with its noun left out ("4 in Neyshabur")?"""
    low = toks.lower
    gap = low[prev.end : m.start]
    k = len(gap)
    while k > 0 and gap[k - 1] in _LIST_FILLERS:
        k -= 1
    if k == 0 or k > 8 or gap[k - 1] not in (",", "and", ";"):
        return False
    if any(w in lex.clause_breaks and w != ";" for w in gap) or "." in gap:
        return False
    nxt = low[m.end] if m.end < last else ""
    if nxt == "others":
        return True
    if nxt in ("in", "at") and m.end + 1 < last:
        return toks.words[m.end + 1][:1].isupper()
    return nxt in _TIME_STARTS or nxt in ("", ",", ".", ";", "and")


_CROWD_PLACES = frozenset({"at", "on", "in", "outside", "near"})
_LARGE = 100


def _crowd(toks: Tokens, lex: Lexicon, m: Mention, last: int) -> int | None:
    """ "~4k at Place de la République", "approx. 12 000 on the streets": a crowd
    counted where it stands, with no verb; where the count ends."""
    if m.negated or (m.value < _LARGE and m.qualifier is None):
        return None
    low = toks.lower
    k = m.end
    if k < last and low[k] in lex.person_nouns:
        k += 1
    if k + 1 >= last or low[k] not in _CROWD_PLACES:
        return None
    nxt = toks.words[k + 1]
    if nxt[:1].isupper() or low[k + 1 : k + 3] == ["the", "streets"]:
        return k
    return None


_CELL_ENDS = frozenset({";", "|", "(", ".", "—", "–"})
_CELL_MARKS = frozenset({":", "—", "–", "-", ",", "|", ";"})


def _cell(toks: Tokens, lex: Lexicon, m: Mention, first: int, last: int) -> int | None:
    """Where the label starts when `m` closes a table cell ("Khash: 4"), else None."""
    if m.end < last and toks.words[m.end] not in _CELL_ENDS:
        return None
    k = m.start
    if k > first and toks.words[k - 1] in _CELL_MARKS:
        k -= 1
    a = k
    while a > first and toks.words[a - 1] not in _CELL_MARKS and k - a < 5:
        a -= 1
    if a == k or k - a > 4 or (a > first and toks.words[a - 1] not in _CELL_MARKS):
        return None
    if toks.words[a][:1].isupper() or any((w,) in lex.triggers for w in toks.lower[a:k]):
        return a
    return None


def _header(toks: Tokens, lex: Lexicon, first: int, end: int) -> str | None:
    """The category a table's header names ("Executions in Sistan…: 56")."""
    firsts = lex.firsts("triggers")
    low = toks.lower
    for k in range(first, end):
        phrase = lex.match("triggers", low, k) if low[k] in firsts else None
        if phrase is not None:
            return lex.triggers[phrase]
    return None


def header_category(toks: Tokens, lex: Lexicon, first: int, last: int) -> str | None:
    """A line ending in a colon heads a table: the category it names, if any."""
    if last - first < 2 or toks.words[last - 1] != ":":
        return None
    return _header(toks, lex, first, last)


def _restated(toks: Tokens, m: Mention, lo: int) -> str | None:
    """The noun or verb that restates a figure, within four words before it."""
    for k in range(m.start - 1, max(lo, m.start - 5) - 1, -1):
        w = toks.lower[k]
        if w in (",", ";", ".") or w[:1].isdigit():
            return None
        if w in _RESTATE and (w != "of" or (k > 0 and toks.lower[k - 1] == "spoke")):
            return w
    return None


def _places_claim(
    toks: Tokens,
    mentions: list[Mention],
    readings: list[Reading | None],
    clause_of: Clause,
    first: int,
    last: int,
) -> int | None:
    """The sentence's scope_places; a lone place count becomes a protests claim."""
    scopes = [i for i, r in enumerate(readings) if r is not None and r.scope]
    if not scopes:
        return None
    low = toks.lower
    value = None
    prev_end = -1
    for i in scopes:
        m = mentions[i]
        if prev_end >= 0 and m.start - prev_end <= 2:
            prev_end = m.end  # a second, coarser count ("150 cities across 31 provinces")
            continue
        prev_end = m.end
        lo, hi = _segment(toks, m.num_start, first, last)
        # "74 rallies in 31 countries", "143 deaths in 29 cities during the protests":
        # where the count before it was counted (not across a comma)
        attached = any(
            r is not None and not r.scope and r.unit != "places"
            and lo <= mentions[j].start < m.start
            and "," not in low[mentions[j].start : m.start]
            and (
                r.category in ("protests", "attendance")
                or _PROTEST_CUES.isdisjoint(low[mentions[j].start : m.start])
            )
            for j, r in enumerate(readings)
        )  # fmt: skip
        if attached or _PROTEST_CUES.isdisjoint(low[lo:hi]):
            value = m.value if value is None else value
            continue
        r = readings[i]
        assert r is not None
        readings[i] = Reading("protests", "places", r.trigger_end)
    return value


def _segment(toks: Tokens, k: int, first: int, last: int) -> tuple[int, int]:
    lo = k
    while lo > first and toks.words[lo - 1] != ";":
        lo -= 1
    hi = k
    while hi < last and toks.words[hi] != ";":
        hi += 1
    return lo, hi
