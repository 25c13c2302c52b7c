"""Per-language word lists, selected by language code.

Each language lives in its own module (`lexicon_en.py`, later `lexicon_fa.py`)
exposing `LEXICON`; the rules read only this structure, so a new language
adds a module and nothing else. Unknown languages fall back to English, which
still reads digits of any script and place names from the gazetteer.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    lang: str
    # numbers
    number_units: Mapping[str, int]
    number_scales: Mapping[str, int]
    number_joiners: frozenset[str]
    number_articles: frozenset[str]
    # qualifiers: phrase -> kind (see qualifiers.py)
    pre_qualifiers: Mapping[Phrase, str]
    post_qualifiers: Mapping[Phrase, str]
    # vague quantities: phrase -> (min, max); the phrase may end in "of"
    vague: Mapping[Phrase, tuple[int, int | None]]
    # category cues: phrase -> category
    triggers: Mapping[Phrase, str]
    event_nouns: frozenset[str]  # heads that make the unit "events"
    place_nouns: frozenset[str]  # heads that make a number a scope ("342 cities")
    person_nouns: frozenset[str]  # heads that are people
    attendance_nouns: Mapping[Phrase, str]  # "a crowd of" before the number
    # numbers that are not counts
    noncount_next: frozenset[str]
    noncount_prev: frozenset[str]
    noncount_next_phrases: frozenset[Phrase]
    # count kind and modality
    subset_cues: frozenset[Phrase]
    subset_after: frozenset[Phrase]  # "30 of them"
    comparison_cues: frozenset[Phrase]  # "up from 582": counts what the figure before counts
    cumulative_cues: frozenset[Phrase]  # before the number: "the toll rose to"
    cumulative_after: frozenset[Phrase]  # after it: "so far", "in total"
    incremental_cues: frozenset[str]
    hedges: frozenset[Phrase]
    hearsay: frozenset[str]  # sources no one stands behind: "social media reports"
    negators: frozenset[Phrase]
    # attribution
    reporting: Mapping[Phrase, str]  # phrase -> stance
    relay_verbs: frozenset[str]  # "citing", "quoting"
    source_words: frozenset[str]  # lowercase words that may belong to a source's name
    name_links: frozenset[str]  # "of", "for", "and" inside names
    determiners: frozenset[str]
    # time
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    # clause boundaries
    clause_breaks: frozenset[str]
    # capitalised words that look like places but rarely are the event's place
    place_stoplist: frozenset[str]
    index: dict[str, dict[str, list[tuple[int, list[str], Phrase]]]] = field(
        default_factory=dict, compare=False
    )
    first_words: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)
    last_words: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)

    def phrases(self, table: str) -> Mapping[Phrase, object]:
        return getattr(self, table)

    def firsts(self, table: str) -> frozenset[str]:
        """First words of the phrases of `table`: a cheap test before `match`."""
        found = self.first_words.get(table)
        if found is None:
            found = self.first_words[table] = frozenset(p[0] for p in self.phrases(table))
        return found

    def match(self, table: str, words: list[str], i: int) -> Phrase | None:
        """The longest phrase of `table` that starts at `words[i]`, or None."""
        by_first = self.index.get(table)
        if by_first is None:
            by_first = {}
            for phrase in self.phrases(table):
                # with its length and its words as a list, to compare with a slice
                by_first.setdefault(phrase[0], []).append((len(phrase), list(phrase), phrase))
            for group in by_first.values():
                group.sort(key=lambda entry: entry[0], reverse=True)
            self.index[table] = by_first
        if i < 0 or i >= len(words):
            return None
        group = by_first.get(words[i])
        if group is None:
            return None
        for n, as_list, phrase in group:
            # the first word is the key: a one-word phrase matches already
            if n == 1 or words[i : i + n] == as_list:
                return phrase
        return None

    def match_ending(self, table: str, words: list[str], end: int) -> Phrase | None:
        """The longest phrase of `table` that ends just before `words[end]`."""
        lasts = self.last_words.get(table)
        if lasts is None:
            lasts = self.last_words[table] = frozenset(p[-1] for p in self.phrases(table))
        if end < 1 or (end <= len(words) and words[end - 1] not in lasts):
            return None
        phrases = self.phrases(table)
        best: Phrase | None = None
        # only the lengths some phrase has (up to five words), shortest first
        for k in self._lengths(table):
            start = end - k
            if start < 0:
                break
            cand = tuple(words[start:end])
            if cand in phrases:
                best = cand
        return best

    def _lengths(self, table: str) -> tuple[int, ...]:
        found = self.lengths.get(table)
        if found is None:
            found = tuple(sorted({len(p) for p in self.phrases(table) if len(p) <= 5}))
            self.lengths[table] = found
        return found


@cache
def for_lang(lang: str | None) -> Lexicon:
    code = (lang or "en").lower().split("-")[0]
    if not (code.isascii() and code.isalpha()):
        code = "en"
    try:
        module = importlib.import_module(f"{__package__}.lexicon_{code}")
    except ImportError:
        module = importlib.import_module(f"{__package__}.lexicon_en")
    return module.LEXICON
