"""Places beyond one sentence: references back ("the city", "the crackdown"),
"nationwide", the dateline, and the province of a city (rules 14 and 15)."""

from __future__ import annotations

from tallybook.core.gazetteer import Gazetteer, normalize

from ..lexicon import Lexicon
from ..tokens import Tokens
from .governing import _closest, governing
from .names import _ORG_WORDS, PlaceMention, find_places

# Words that refer back to a place or event named before (rule 15).
_REFERENCES = frozenset({"those", "here", "provincial", "there"})
_REFERENCE_NOUNS = frozenset(
    {"city", "town", "province", "capital", "village", "region", "area", "unrest", "crackdown",
     "fire", "shooting", "clashes", "raid", "attack", "riots", "uprising", "dead", "incident",
     "violence", "same", "protests", "day", "prison", "city's", "province's", "town's"}
)  # fmt: skip
# References to people counted before ("of those killed"): their place carries.
_COUNT_REFERENCES = frozenset({"those", "same", "dead"})
_DEMONSTRATIVES = frozenset({"the", "that", "this"})
_NATIONWIDE = frozenset({"nationwide", "countrywide"})
_COUNTRY_WORDS = frozenset({"across", "throughout", "around", "over"})
_MAX_BACK = 3
_REFERRING = _REFERENCES | _REFERENCE_NOUNS  # a cheap test before `refers_back`
_COUNTRYWIDE = _NATIONWIDE | {"country"}  # a cheap test before `nationwide`


_PLACE_REFERENCES = frozenset(
    {"city", "town", "province", "capital", "village", "region", "area", "city's",
     "province's", "town's", "here", "there", "provincial"}
)  # fmt: skip


def refers_back(toks: Tokens, lo: int, hi: int) -> str | None:
    """The word by which tokens [lo, hi) refer to a place or event named earlier."""
    low = toks.lower
    if _REFERRING.isdisjoint(low[lo:hi]):
        return None
    for k in range(lo, hi):
        w = low[k]
        if w in _REFERENCES:
            return w
        if w in _REFERENCE_NOUNS and k > lo and low[k - 1] in _DEMONSTRATIVES:
            return w
    return None


def nationwide(toks: Tokens, lo: int, hi: int) -> bool:
    """ "nationwide", "across the country": the count covers the country named."""
    low = toks.lower
    if _COUNTRYWIDE.isdisjoint(low[lo:hi]):
        return False
    for k in range(lo, hi):
        w = low[k]
        if w in _NATIONWIDE:
            return True
        if w == "country" and k - 2 >= lo and low[k - 1] == "the" and low[k - 2] in _COUNTRY_WORDS:
            return True
    return False


class Context:
    """Places beyond one sentence: the dateline, the place last used, the country named.

    `sentence` is told of every sentence; `used` of the place each claim took.
    Sentences read since the last used place are scanned only when a later one
    refers back to them.
    """

    def __init__(
        self, toks: Tokens, lex: Lexicon, gaz: Gazetteer, dateline: PlaceMention | None
    ) -> None:
        self.toks, self.lex, self.gaz, self.dateline = toks, lex, gaz, dateline
        self.last: PlaceMention | None = None
        self.last_sentence = (0, 0)  # the sentence where `last` was taken
        self.in_sentence: list[PlaceMention | None] = []  # places the sentence's counts took
        self.pending: list[tuple[int, int]] = []
        self._country: PlaceMention | None = None
        self._country_read = False
        self._found: dict[tuple[int, int], list[PlaceMention]] = {}

    def places(self, first: int, last: int) -> list[PlaceMention]:
        """All places in tokens [first, last), source names included; read once."""
        found = self._found.get((first, last))
        if found is None:
            found = self._found[first, last] = find_places(
                self.toks, self.lex, self.gaz, first, last, set()
            )
        return found

    def sentence(self, first: int, last: int) -> None:
        self.in_sentence.clear()
        self.pending.append((first, last))
        if len(self.pending) > _MAX_BACK + 1:
            del self.pending[0]

    @property
    def counted(self) -> bool:
        """Has the sentence a count before this one?"""
        return bool(self.in_sentence)

    def used(self, pm: PlaceMention | None) -> None:
        if pm is not None:
            self.last = pm
            if self.pending:  # else a later count of the sentence where `last` was taken
                self.last_sentence = self.pending[-1]
            self.pending.clear()

    def earlier(self, first: int, word: str | None) -> PlaceMention | None:
        """The place last named before token `first`.

        A sentence without counts gives its place only to a reference to a place
        ("the city") or to an event it names ("a fire broke out" ... "the fire").
        """
        for a, b in reversed(self.pending):
            if b > first:
                continue
            if not self._names(word, a, b):
                continue
            found = self.places(a, b)
            if found:
                strong = [p for p in found if p.strong]
                self.last = (strong or found)[-1]
                self.pending = [s for s in self.pending if s[0] >= b]
                self.last_sentence = (a, b)
                break
        else:
            if self.last is not None and not self._names(word, *self.last_sentence):
                return None
        return self.last

    def _names(self, word: str | None, a: int, b: int) -> bool:
        """Does the sentence [a, b) name what `word` refers to ("the fire": a fire)?"""
        if word is None or word in _PLACE_REFERENCES or word in _COUNT_REFERENCES:
            return True
        stem = word[:4]
        return any(w.startswith(stem) for w in self.toks.lower[a:b])

    def country(self) -> PlaceMention | None:
        """The first country the text names ("Iran's Zahedan", "across Iran")."""
        if not self._country_read:
            self._country_read = True
            keys = _country_keys(self.gaz)
            toks = self.toks
            for k, w in enumerate(toks.lower):
                if w in keys and toks.words[k][:1].isupper():
                    place = next(p for p in self.gaz.lookup(w) if p.kind == "country")
                    self._country = PlaceMention(k, k + 1, toks.words[k], place, True)
                    break
        return self._country

    def one_city(self, places: list[PlaceMention]) -> PlaceMention | None:
        """The one city a text is about, when every place named in its sentences with
        counts is that city or its province (a thread of posts from Zahedan); None when
        it names a country, a region or another place."""
        found = [p for p in places if not self._ignored(p)]
        if self.dateline is not None:
            found.append(self.dateline)
        # the dateline is where the story was filed, not the place it is about
        cities = [p for p in found if p.place.kind == "city" and not self._in_dateline(p)]
        if not cities:
            return None
        city = cities[0].place
        for p in found:
            q = p.place
            if p.members or p.precision is not None or q.kind not in ("city", "admin1"):
                return None  # several places, part of one, a country or a region
            if q.kind == "city" and q.geonameid != city.geonameid:
                return None
            if q.kind == "admin1" and (q.admin1 != city.admin1 or q.name == city.name):
                return None  # "Tehran" the province or the city: which one is unsure
        return cities[0]

    def _in_dateline(self, p: PlaceMention) -> bool:
        d = self.dateline
        return d is not None and d.first <= p.first < d.last

    def _ignored(self, p: PlaceMention) -> bool:
        """ "(Tehran time)": a time zone; "Mobile internet" at a sentence's start: a
        capitalised word that is also the name of a town abroad."""
        low = self.toks.lower
        if p.last < len(low) and low[p.last] == "time":
            return True
        return not p.strong and p.place.country != "IR" and p.place.kind == "city"

    def pick(
        self,
        places: list[PlaceMention],
        span: tuple[int, int],
        clause: tuple[int, int],
        sentence: tuple[int, int],
        stop: int,
        segment: int,
        in_names: set[int],
        *,
        attached_only: bool = False,
        subset: bool = False,
        cell: bool = False,
    ) -> PlaceMention | None:
        """The place of a count over tokens `span`, from its sentence or before it."""
        toks = self.toks
        start, end = span
        first, last = sentence
        pm = governing(places, start, end, clause, stop, attached_only, cell)
        if (pm is None or not pm.strong) and nationwide(toks, *clause):
            pm = self.country() or self._country_of(pm or self.last) or pm
        taken = [p for p in self.in_sentence if p is not None]
        if pm is not None and pm.last <= segment and taken:
            # "...; organisers put the figure at 90,000": the figure answered, its place
            pm = taken[-1]
        if in_names and (pm is None or (not pm.strong and pm.place.kind == "country")):
            # "Police in Karaj said ...": the place in the source's name, not in the
            # name of an organisation ("the Kurdistan bar association")
            named = [
                p
                for p in self.places(first, last)
                if p.first in in_names and p.first < stop and not _in_org_name(toks, p)
            ]
            inner = _closest(named, start, end)
            if inner is not None and (pm is None or inner.place.country == pm.place.country):
                pm = inner
                if _governs_province(toks.lower, inner.last) and self._names_province(inner):
                    # "Kermanshah's governor's office": the province's, not the city's
                    pm = self._province(inner, first, True)
        if pm is None:
            here = not _HERE.isdisjoint(toks.lower[first:last])
            if here and self.dateline is not None:
                pm = self.dateline
            elif subset and self.counted:
                pm = self.in_sentence[-1]  # the parent's place, also when it has none
            elif subset or (word := refers_back(toks, first, last)) is not None:
                pm = self.earlier(first, None if subset else word)
                if pm is None and _says_city(toks, first, last):
                    pm = self.dateline
        if (
            pm is not None
            and (pm.first < first or pm.first in in_names)  # not named for this count
            and pm.place.kind == "city"
            and pm.place.admin1
            and (ref := _province_ref(toks.lower, first, last, in_names))
        ):
            pm = self._province(pm, first, ref == "province")
        self.used(pm)
        self.in_sentence.append(pm)
        return pm

    def _country_of(self, pm: PlaceMention | None) -> PlaceMention | None:
        """ "across the country" where the text names no country: the country of the
        place named ("... before the Zahedan shooting"), not that place itself."""
        country = self.gaz.country(pm.place.country) if pm and pm.place.country else None
        if pm is None or country is None:
            return None
        return PlaceMention(pm.first, pm.last, country.name, country, False)

    def _names_province(self, pm: PlaceMention) -> bool:
        """Is the city's name also its province's (Kermanshah, Isfahan, Tehran)?"""
        return any(
            p.kind == "admin1" and p.admin1 == pm.place.admin1
            for p in self.gaz.lookup(normalize(pm.name))
        )

    def _province(self, pm: PlaceMention, first: int, own: bool) -> PlaceMention:
        """ "the province" after a city: the province named before, else the city's
        (`own`: "in the province", not only "the provincial governor")."""
        code = pm.place.admin1
        low = self.toks.lower
        for k in range(first - 1, 0, -1):
            # "Kurdistan province", "the province of Kurdistan": read only near the word
            if low[k] == "province":
                named = [
                    p
                    for p in self.places(max(0, k - 4), min(first, k + 4))
                    if p.place.kind == "admin1" and p.place.admin1 == code
                ]
                if named:
                    return named[-1]
        province = self.gaz.province(code) if code and own else None
        if province is None:
            return pm
        return PlaceMention(pm.first, pm.last, pm.name, province, pm.strong)


_HERE = frozenset({"here", "locally"})
_PROVINCIAL = frozenset({"governor", "governor's", "governor-general", "governorate", "governor’s"})


def _governs_province(low: list[str], k: int) -> bool:
    """Is the name before token `k` a province's, as in "Kermanshah's governor"?"""
    if k < len(low) and low[k] in ("'s", "’s"):
        k += 1
    return k < len(low) and low[k] in _PROVINCIAL


def _province_ref(low: list[str], lo: int, hi: int, names: set[int]) -> str | None:
    """ "in the province", "the provincial police chief" (not "the provincial capital");
    not inside a source's name ("state media in the province quoted the governor of
    Khash": the media's province, not the count's)."""
    found = None
    for k in range(lo, hi):
        w = low[k]
        if k in names:
            continue
        if w == "province" and k > lo and low[k - 1] in _DEMONSTRATIVES:
            return w
        if w == "provincial" and (k + 1 >= hi or low[k + 1] != "capital"):
            found = w
    return found


def _says_city(toks: Tokens, lo: int, hi: int) -> bool:
    """ "in the city", "the town's": the dateline's place when nothing else is named."""
    low = toks.lower
    return any(
        low[k] in ("city", "town", "capital", "city's", "town's") and low[k - 1] == "the"
        for k in range(lo + 1, hi)
    )


def _in_org_name(toks: Tokens, p: PlaceMention) -> bool:
    low = toks.lower
    if p.first > 1 and low[p.first - 1] == "for" and toks.words[p.first - 2][:1].isupper():
        return True  # "Centre for Iran Studies"; not "figures for Zahedan"
    return any(low[k] in _ORG_WORDS for k in range(p.last, min(p.last + 2, len(toks.words))))


_COUNTRY_KEYS: dict[int, frozenset[str]] = {}


def _country_keys(gaz: Gazetteer) -> frozenset[str]:
    """One-word names of countries in `gaz` ("iran", "iraq"), built once per gazetteer."""
    found = _COUNTRY_KEYS.get(id(gaz))
    if found is None:
        letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
        countries = [gaz.country(a + b) for a in letters for b in letters]
        found = frozenset(
            key
            for p in countries
            if p is not None
            for key in {normalize(n) for n in p.names}
            if " " not in key and any(q.kind == "country" for q in gaz.lookup(key))
        )
        _COUNTRY_KEYS.clear()
        _COUNTRY_KEYS[id(gaz)] = found
    return found
