"""Reporting frames without a reporting verb, and references to earlier sources.

Rule 22 of docs/claims.md: a leading "X:" or a trailing "— X" frames its
sentence; "(source: X)" and "(X count)" frame the table they close; "the
group", "it", "the centre" take the name as first written.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .model import Attribution
from .tokens import Tokens

# Last words that make a leading "X:" a source rather than a topic or place.
_HEADS = frozenset(
    [
        "witness",
        "witnesses",
        "union",
        "unions",
        "activists",
        "activist",
        "members",
        "archive",
        "project",
        "bulletin",
        "agency",
        "council",
        "monitor",
        "observatory",
        "group",
        "groups",
        "centre",
        "center",
        "network",
        "bureau",
        "foundation",
        "collective",
        "initiative",
        "register",
        "desk",
        "committee",
        "association",
        "ministry",
        "police",
        "judiciary",
        "media",
        "television",
        "officials",
        "official",
        "residents",
        "families",
        "relatives",
        "lawyers",
        "sources",
        "source",
        "spokesman",
        "spokesperson",
        "guild",
        "syndicate",
        "campaign",
        "rescuers",
        "doctors",
        "organisers",
        "organizers",
        "students",
        "teachers",
        "website",
        "websites",
        "outlet",
        "register",
        "count",
        "tally",
        "command",
        "office",
        "governor",
        "prosecutor",
    ]
)
_DASHES = frozenset({"—", "–", "-", "--"})
# A trailing "— X" also names its source by a document or one person.
_TRAILING_HEADS = _HEADS | {
    "agency", "bulletin", "report", "estimates", "estimate", "figures", "nurse", "doctor",
    "medic", "witness", "resident", "official", "lawyer", "journalist", "reporter",
}  # fmt: skip
_PRONOUNS = frozenset({"it", "they", "he", "she"})
_REFERRING = frozenset({"the", "this", "that"})
_COUNT_WORDS = frozenset({"count", "figures", "tally", "data"})


def _name_ok(toks: Tokens, a: int, b: int, heads: frozenset[str] = _HEADS) -> bool:
    if a >= b or b - a > 7:
        return False
    if any(w[:1].isdigit() or w in (",", ";", ".") for w in toks.lower[a:b]):
        return False
    return toks.lower[b - 1] in heads


def leading(toks: Tokens, lo: int, hi: int) -> Attribution | None:
    """ "Sistan Witness: 4 killed", "Statement of the X police command: ..."."""
    try:
        colon = toks.words.index(":", lo, min(hi, lo + 16))
    except ValueError:
        return None
    if colon - lo > 8 and toks.words[colon - 1] != ")":
        return None  # a long "header (X):" names its source in brackets
    if colon == lo:
        return None
    a, b = lo, colon
    stance = "reports"
    if toks.words[b - 1] == ")":
        # "December in numbers (Rights Ledger Iran):"
        opening = next((k for k in range(b - 1, a - 1, -1) if toks.words[k] == "("), None)
        if opening is None or not toks.words[opening + 1][:1].isupper():
            return None
        return Attribution(toks.span_text(opening + 1, b - 1), None, stance)
    if toks.lower[a] == "statement" and a + 1 < b and toks.lower[a + 1] in ("of", "by"):
        a, stance = a + 2, "asserts"  # the passage is the source's own statement
    if not _name_ok(toks, a, b):
        return None
    return Attribution(toks.span_text(a, b), None, stance)


def trailing(toks: Tokens, lo: int, hi: int) -> Attribution | None:
    """ "'over 200 students arrested' — student council."""
    end = hi
    while end > lo and toks.words[end - 1] in (".", "!", ")", "'", '"', "”"):
        end -= 1
    for k in range(end - 1, max(lo, end - 7), -1):
        if toks.words[k] in _DASHES:
            if _name_ok(toks, k + 1, end, _TRAILING_HEADS):
                return Attribution(toks.span_text(k + 1, end), None, "reports")
            return None
    return None


def closing(toks: Tokens) -> Attribution | None:
    """ "(source: Sistan Witness)", "(Prisoners' Families Network count)": the whole text."""
    n = len(toks.words)
    for k in [k for k, w in enumerate(toks.words) if w == "(" and k < n - 1]:
        close = next((j for j in range(k + 1, min(n, k + 10)) if toks.words[j] == ")"), None)
        if close is None:
            continue
        if toks.lower[k + 1] == "source" and toks.words[k + 2 : k + 3] == [":"]:
            return Attribution(toks.span_text(k + 3, close), None, "reports")
        if close - k > 2 and toks.lower[close - 1] in _COUNT_WORDS and toks.is_cap(k + 1):
            return Attribution(toks.span_text(k + 1, close - 1), None, "reports")
    return None


def resolve(
    a: Attribution, seen: list[str], lex: Lexicon, text: str = "", end: int = 0
) -> Attribution:
    """ "the group said" after "the Sarv Human Rights Group": the name as first written.

    Names are remembered from sentences with counts (`seen`); a name written
    only in a sentence without one is looked up in `text[:end]`.
    """
    words = a.name.lower().split()
    if not words or not (seen or end):
        return a
    if words == [words[0]] and words[0] in _PRONOUNS:
        return _renamed(a, seen[-1]) if seen else a
    if len(words) != 2 or words[0] not in _REFERRING or words[1] not in lex.source_words:
        return a
    head = words[1].rstrip("s")
    for name in seen:
        parts = [w.rstrip("s") for w in name.lower().split()]
        if head in parts and len(parts) > 2:
            return _renamed(a, name)
    found = _written_before(text, end, words[1])
    return _renamed(a, found) if found else a


_CAPS = r"[A-Z][\w'’-]*"
_LINK = r"(?:of|for|and|on|in)(?: the)?"


def _written_before(text: str, end: int, head: str) -> str | None:
    """The first capitalised name ending in `head` ("Group") in `text[:end]`."""
    word = head[:1].upper() + head[1:]
    pattern = rf"(?:[Tt]he )?{_CAPS}(?: (?:{_LINK} )?{_CAPS}){{0,5}}"
    for m in re.finditer(pattern, text[:end]):
        name = m.group()
        parts = name.split()
        if word in parts and len(parts) > 2 + (parts[0].lower() == "the"):
            cut = len(parts) - parts[::-1].index(word)
            return " ".join(parts[:cut])
    return None


def _renamed(a: Attribution, name: str) -> Attribution:
    return Attribution(name, a.verb, a.stance, a.via)


def is_pronoun(name: str) -> bool:
    return name.lower() in _PRONOUNS


def is_reference(name: str, lex: Lexicon) -> bool:
    words = name.lower().split()
    return (len(words) == 1 and words[0] in _PRONOUNS) or (
        len(words) == 2 and words[0] in _REFERRING and words[1] in lex.source_words
    )
