"""Tables of counts by place, read by their columns.

Rights groups publish their figures city by city: a header names the columns
("City | Province | Killed | Notes"), each row gives one place and its count.
Read line by line as sentences, a row keeps only the province (the last place
before the figure), loses the period the caption states and takes a date out
of its notes as a count. Here a table is read as a table:

- **layouts**: rows of cells between "|" (how the HTML reader writes a
  `<table>`), and rows aligned by spaces as PDF text comes out ("Zahedan Sistan
  and Baluchestan 96") under a header line made of column names only;
- **columns**: place columns by their header word (city, town → city;
  province, region → province; country), the count column by its category word
  ("Killed", "Executions", "Arrests"), a notes or date column; others (a name in
  another script) are ignored;
- **place**: the finest place column, resolved inside the coarser one ("Kermanshah |
  Kermanshah" is the city in its province);
- **time**: the period the caption or the text just before the table states
  ("17 September – 29 November 2022", "as of 31 December 2022"); a row whose
  notes give a date ("30 September", "16–17 November") is that day's event;
- **rows that are not one place**: "Other cities (38 cities)" is a count over 38
  places (`scope_places`), "Total" the table's total at the country of its rows.

A table's figures are the author's own unless a "(source: X)" line frames it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from tallybook.core.gazetteer import Gazetteer
from tallybook.core.gazetteer.gazetteer import Place
from tallybook.core.gazetteer.normalize import normalize

from . import timex
from .lexicon import Lexicon
from .model import Attribution, Claim, ClaimPlace, ClaimTime, Span
from .numbers import as_count, ascii_digits, parse_digits
from .places import to_claim_place
from .places.names import PlaceMention
from .tokens import tokenize

CITY, ADMIN1, COUNTRY = "city", "admin1", "country"
_PLACE_COLUMNS = {
    "city": CITY, "cities": CITY, "town": CITY, "place": CITY, "location": CITY,
    "district": CITY, "county": CITY, "province": ADMIN1, "region": ADMIN1, "state": ADMIN1,
    "governorate": ADMIN1, "country": COUNTRY,
}  # fmt: skip
_NOTES_COLUMNS = frozenset({"notes", "note", "date", "dates", "remarks", "comment", "comments"})
_RULE_CELL = re.compile(r":?-{2,}:?")
_ALIGNED_ROW = re.compile(r"(\S.*?)\s+(\d{1,3}(?:,\d{3})+|\d+)\s*$")
_SCOPE = re.compile(r"(\d+)\s+(?:cities|towns|places|provinces|districts|counties)\b", re.I)
_FOOTER = re.compile(r"page \d+ of\b", re.I)  # "Page 1 of 2" under the last row
_LEVEL_RANK = {CITY: 0, ADMIN1: 1, COUNTRY: 2}
_TOTALS = frozenset({"total", "all", "overall"})
_OTHERS = frozenset({"other", "others", "remaining", "rest"})
_RATES = frozenset({"per", "rate", "share", "percent", "percentage", "ratio", "average"})
# Context before a table searched for its period: about two paragraphs.
_CONTEXT_CHARS = 1200
_RANGE_JOINS = frozenset({"–", "—", "-", "to", "and", "until", "through"})


@dataclass(frozen=True)
class Table:
    start: int  # characters of the text the table covers
    end: int
    claims: list[Claim]


@dataclass(frozen=True)
class _Header:
    places: list[tuple[int, str]]  # (column, CITY | ADMIN1 | COUNTRY), finest first
    counts: list[tuple[int, str]]  # (column, category): "Killed", "Arrested", ...
    notes: int | None = None
    year: int | None = None  # a "Year" column dates its row


@dataclass(frozen=True)
class _Line:
    start: int  # characters of the stripped line in the text
    end: int
    text: str


def find_tables(
    text: str,
    lex: Lexicon,
    gaz: Gazetteer,
    published: date | None,
    frame: Attribution | None = None,
    sha: str | None = None,
) -> list[Table]:
    """The count-by-place tables in `text`, each with a claim per row."""
    if "\n" not in text:
        return []
    return _Reader(text, _lines(text), lex, gaz, published, frame, sha).tables()


@dataclass(frozen=True)
class _Reader:
    text: str
    lines: list[_Line]
    lex: Lexicon
    gaz: Gazetteer
    published: date | None
    frame: Attribution | None  # "(Source: X)" under a table
    sha: str | None

    def tables(self) -> list[Table]:
        found: list[Table] = []
        i = 0
        while i < len(self.lines):
            table = self._piped(i) or self._aligned(i)
            if table is None:
                i += 1
                continue
            found.append(table[0])
            i = table[1]
        return found

    def _piped(self, i: int) -> tuple[Table, int] | None:
        """Rows of cells between "|", a header row among them."""
        lines = self.lines
        if _cells(lines[i].text) is None:
            return None
        j = i
        rows: list[tuple[_Line, list[str]]] = []
        while j < len(lines) and (cells := _cells(lines[j].text)) is not None:
            if not all(_RULE_CELL.fullmatch(c) or not c for c in cells):
                rows.append((lines[j], cells))
            j += 1
        for h, (_, cells) in enumerate(rows):
            header = _header(cells, self.lex)
            if header is None:
                continue
            # rows above the header are the caption ("People killed ..., 17 September – ...")
            caption = " ".join(c for _, cs in rows[:h] for c in cs if c)
            period = self._period(lines[i].start, caption)
            claims = [
                c for line, cells in rows[h + 1 :] for c in self._row(line, cells, header, period)
            ]
            if not claims:
                return None
            return Table(lines[i].start, lines[j - 1].end, _with_total_place(claims)), j
        return None

    def _aligned(self, i: int) -> tuple[Table, int] | None:
        """A header line of column names only, then rows "label ... number"."""
        lines = self.lines
        words = lines[i].text.split()
        if not 2 <= len(words) <= 6 or _cells(lines[i].text) is not None:
            return None
        named = _header(words, self.lex)
        if (
            named is None
            or [column for column, _ in named.counts] != [len(words) - 1]
            or named.notes is not None
            or named.year is not None
        ):
            return None
        # each row is split into one cell per place column, then the figure
        levels = [level for _, level in named.places]
        header = _Header(list(enumerate(levels)), [(len(levels), named.counts[0][1])])
        period = self._period(lines[i].start, "")
        claims: list[Claim] = []
        j = i + 1
        while j < len(lines) and not _FOOTER.match(lines[j].text):
            m = _ALIGNED_ROW.fullmatch(lines[j].text)
            if m is None:
                break
            cells = [*_split_label(m.group(1), levels, self.gaz), m.group(2)]
            row = self._row(lines[j], cells, header, period)
            # without "|" to mark the cells, a row must name a place (or be a total):
            # prose under a line that looks like a header is not a table
            if not row or (row[0].place.precision == "unknown" and not _summary(m.group(1))):
                break
            claims += row
            j += 1
        if len(claims) < 2:
            return None
        return Table(lines[i].start, lines[j - 1].end, _with_total_place(claims)), j

    def _row(
        self, line: _Line, cells: list[str], header: _Header, period: ClaimTime
    ) -> list[Claim]:
        """One claim per count column the row fills with a number."""
        label = _cell(cells, header.places[0][0])
        notes = _cell(cells, header.notes)
        first = label.lower().split()[0] if label.split() else ""
        scope: int | None = None
        place = ClaimPlace()
        if first in _TOTALS:
            pass  # placed at the country of the rows by `_with_total_place`
        elif first in _OTHERS:
            found = _SCOPE.search(f"{label} {notes}")
            scope = int(found.group(1)) if found else None
            outer = _outer(cells, header, self.gaz)
            if outer is not None:
                place = _claim_place(outer, _cell(cells, header.places[-1][0]))
        else:
            place = _place(cells, header, self.gaz)
        when = _notes_time(notes, self.lex, self.published) or _year(cells, header) or period
        one_day = when.start is not None and len(when.start) == 10 and when.start == when.end
        spans = when.as_of or (when.start is not None and not one_day)
        out = []
        for column, category in header.counts:
            value = _figure(_cell(cells, column))
            if value is None:
                continue
            out.append(
                Claim(
                    category=category,
                    unit="events" if category == "protests" else "people",
                    min=value,
                    max=value,
                    exact=True,
                    point=value,
                    qualifier=None,
                    scope_places=scope,
                    place=place,
                    time=when,
                    count_kind="incremental" if one_day else "cumulative" if spans else "unknown",
                    attribution=self.frame,
                    negated=value == 0,
                    hedged=False,
                    span=Span(line.start, line.end),
                    quote=line.text,
                    source_sha256=self.sha,
                )
            )
        return out

    def _period(self, table_start: int, caption: str) -> ClaimTime:
        """The period the caption states, else the nearest line before the table that
        states one ("Executions by province, 2023", "Between 17 September and 31 ...")."""
        before = self.text[max(0, table_start - _CONTEXT_CHARS) : table_start]
        lines = [line for line in reversed(before.split("\n")) if line.strip()]
        # "as of 29 November" in the title makes the caption's period a running total
        as_of = "as of" in f"{caption} {before}".lower()
        for context in (caption, *lines):
            when = _time_of(context, self.lex, self.published) if context.strip() else None
            if when is not None:
                return replace(when, as_of=as_of or when.as_of)
        published = self.published.isoformat() if self.published else None
        return ClaimTime(None, published, False, "publication")


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        line = raw.strip()
        start = pos + len(raw) - len(raw.lstrip())
        out.append(_Line(start, start + len(line), line))
        pos += len(raw) + 1
    return out


def _cells(line: str) -> list[str] | None:
    if not (line.startswith("|") and line.endswith("|") and len(line) > 1):
        return None
    return [c.strip() for c in line[1:-1].split("|")]


def _cell(cells: list[str], column: int | None) -> str:
    return cells[column] if column is not None and column < len(cells) else ""


def _header(cells: list[str], lex: Lexicon) -> _Header | None:
    places: list[tuple[int, str]] = []
    counts: list[tuple[int, str]] = []
    notes: int | None = None
    year: int | None = None
    for k, cell in enumerate(cells):
        word = cell.lower().strip(" :")
        if word in _PLACE_COLUMNS:
            places.append((k, _PLACE_COLUMNS[word]))
        elif word in _NOTES_COLUMNS:
            notes = k
        elif word == "year":
            year = k
        elif (category := _category(word, lex)) is not None:
            counts.append((k, category))
    if not places or not counts:
        return None
    places.sort(key=lambda p: _LEVEL_RANK[p[1]])
    return _Header(places, counts, notes, year)


def _figure(cell: str) -> int | None:
    """A cell's count, read as the sentence rules read a number ("1,017", "۴۰")."""
    value = parse_digits(ascii_digits(cell.strip())) if cell.strip() else None
    return None if value is None else as_count(value)


def _year(cells: list[str], header: _Header) -> ClaimTime | None:
    cell = _cell(cells, header.year).strip()
    if re.fullmatch(r"(19|20)\d\d", cell):
        return ClaimTime(cell, cell, False, "explicit")
    return None


def _summary(label: str) -> bool:
    """ "Total", "Other cities (38 cities)": a row over many places."""
    first = label.lower().split()[0] if label.split() else ""
    return first in _TOTALS or first in _OTHERS


def _category(cell: str, lex: Lexicon) -> str | None:
    """ "Killed", "Deaths", "People executed": the category a count column names."""
    words = cell.split()
    if not 0 < len(words) <= 4 or any(w[:1].isdigit() for w in words):
        return None
    if "%" in cell or _RATES.intersection(w.strip("()") for w in words):
        return None  # "Killed (%)", "Executions per million": not a count of people
    triggers = lex.phrases("triggers")
    for k in range(len(words)):
        phrase = lex.match("triggers", words, k)
        if phrase is not None:
            category = triggers[phrase]
            return category if isinstance(category, str) else None
    return None


def _split_label(label: str, levels: list[str], gaz: Gazetteer) -> list[str]:
    """ "Zahedan Sistan and Baluchestan" under "City Province": one name per column.

    The split is where the last part is a province (or country) and the first
    a place inside it; without one, the whole label goes to the first column."""
    if len(levels) < 2:
        return [label]
    words = label.split()
    for k in range(1, len(words)):
        head, tail = " ".join(words[:k]), " ".join(words[k:])
        outer = _resolve(tail, levels[1], None, gaz)
        if outer is not None and _resolve(head, levels[0], outer, gaz) is not None:
            return [head, tail] + [""] * (len(levels) - 2)
    return [label] + [""] * (len(levels) - 1)


def _place(cells: list[str], header: _Header, gaz: Gazetteer) -> ClaimPlace:
    """The finest place column, resolved inside the coarser ones."""
    outer: Place | None = None
    named = ""
    for column, level in reversed(header.places):  # coarsest first
        name = cells[column] if column < len(cells) else ""
        found = _resolve(name, level, outer, gaz) if name else None
        if found is not None:
            outer = found
            named = name
    return _claim_place(outer, named) if outer is not None else ClaimPlace()


def _outer(cells: list[str], header: _Header, gaz: Gazetteer) -> Place | None:
    """For an "Other cities" row: the coarser column's place, if it names one."""
    for column, level in header.places[1:]:
        name = cells[column] if column < len(cells) else ""
        found = _resolve(name, level, None, gaz) if name else None
        if found is not None:
            return found
    return None


def _resolve(name: str, level: str, within: Place | None, gaz: Gazetteer) -> Place | None:
    name = name.split("(")[0]  # "Alborz (Ghezel Hesar)": the place, then a note on it
    key = normalize(name)
    if len(key) < 2:
        return None
    places = gaz.lookup(key)
    if within is not None:
        places = [p for p in places if _inside(p, within)]
    wanted = [p for p in places if p.kind == level]
    if wanted:
        return wanted[0]
    if level == CITY and within is not None and within.kind == ADMIN1:
        return None  # a city column naming no city of that province
    return places[0] if places else None


def _inside(p: Place, outer: Place) -> bool:
    if outer.kind == COUNTRY:
        return p.country == outer.country
    if outer.kind == ADMIN1:
        return p.country == outer.country and (outer.admin1 is None or p.admin1 == outer.admin1)
    return False


def _claim_place(place: Place, name: str) -> ClaimPlace:
    return to_claim_place(PlaceMention(0, 0, name, place, True))


def _with_total_place(claims: list[Claim]) -> list[Claim]:
    """ "Total" and "Other cities" rows stand at the country all the table's places share."""
    countries = {c.place.country for c in claims if c.place.country}
    if len(countries) == 1:
        at_country = ClaimPlace(country=countries.pop(), precision="country")
        return [
            replace(c, place=at_country) if c.place.precision == "unknown" else c for c in claims
        ]
    # rows in several countries: the total is a count over all the rows' places
    places = len({(c.place.country, c.place.name) for c in claims if c.place.country})
    return [
        replace(c, scope_places=c.scope_places or places)
        if c.place.precision == "unknown" and places > 1
        else c
        for c in claims
    ]


def _time_of(context: str, lex: Lexicon, published: date | None) -> ClaimTime | None:
    toks = tokenize(context, lex.lang)
    low = toks.lower
    times = [
        t
        for t in timex.find_times(toks, lex, 0, len(toks), published)
        if t.end is not None and not t.statement and not _published_date(low, t.first)
    ]
    if not times:
        return None
    as_of = any(t.as_of for t in times)
    # "17 September – 29 November", "between 17 September and 31 December"
    ranges: list[tuple[str, str]] = []
    for a, b in zip(times, times[1:], strict=False):
        joined = b.first - a.last == 1 and low[a.last] in _RANGE_JOINS
        if joined and a.start is not None and b.end is not None and a.start <= b.end:
            ranges.append((a.start, b.end))
    ranges += [(t.start, t.end) for t in times if t.start and t.end and t.start != t.end]
    if ranges:
        start, end = max(ranges, key=lambda r: (r[1], r[1] > r[0]))
        return ClaimTime(start, end, as_of, "explicit")
    last = max(times, key=lambda t: t.end or "")
    return ClaimTime(last.start if not last.as_of else None, last.end, as_of, "explicit")


def _published_date(low: list[str], k: int) -> bool:
    """ "Published 10 January 2023", "updated on 2 May": the page's date, not the table's."""
    before = low[max(0, k - 2) : k]
    return any(w in ("published", "updated", "posted", "issued") for w in before)


def _notes_time(notes: str, lex: Lexicon, published: date | None) -> ClaimTime | None:
    """A day or days the notes give: the row is that event."""
    if not notes or not any(ch.isdigit() for ch in notes):
        return None
    toks = tokenize(notes, lex.lang)
    for t in timex.find_times(toks, lex, 0, len(toks), published):
        if t.start is not None and len(t.start) == 10 and t.end is not None:
            return ClaimTime(t.start, t.end, False, "explicit")
    return None
