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
        if restated is not None:
            earlier = next((r for r in reversed(readings[:i]) if r and not r.scope), None)
            category = "attendance" if restated in _CROWD else None
            category = category or (earlier.category if earlier else before)
            if category is not None:
                readings[i] = Reading(category, "people", m.end)
    for i, m in enumerate(mentions):
        label = _cell(toks, lex, m, first, last) if readings[i] is None else None
        if label is not None:
            # a table cell ("Mashhad 4", "Khash: 4", "Ardabil — none"): the
            # category of the cell before it, the header's, or the table's
            earlier = next((r for r in reversed(readings[:i]) if r and not r.scope), None)
            category = earlier.category if earlier else _header(toks, lex, first, m.start)
            unit = earlier.unit if earlier else "people"
            category = category or before
            if category is not None:
                readings[i] = Reading(category, unit, m.end)
                m.start = label  # tables quote label and number (rule 27)
    scope = _places_claim(toks, mentions, readings, clause_of, first, last)
    return readings, kinds, scope


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
    for k in range(first, end):
        phrase = lex.match("triggers", toks.lower, k)
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
    i = scopes[0]
    m = mentions[i]
    lo, hi = _segment(toks, m.num_start, first, last)
    counted = any(
        r is not None and not r.scope and r.category in ("protests", "attendance")
        and lo <= mentions[j].num_start < hi
        for j, r in enumerate(readings)
    )  # fmt: skip
    if counted or not any(w in _PROTEST_CUES for w in toks.lower[lo:hi]):
        return mentions[i].value
    r = readings[i]
    assert r is not None
    readings[i] = Reading("protests", "places", r.trigger_end)
    # a second, coarser count ("150 cities across 31 provinces") is no claim
    return None


def _segment(toks: Tokens, k: int, first: int, last: int) -> tuple[int, int]:
    lo = k
    while lo > first and toks.words[lo - 1] != ";":
        lo -= 1
    hi = k
    while hi < last and toks.words[hi] != ";":
        hi += 1
    return lo, hi
