"""The tally's working tables: the export with integer keys, built once per load.

The export (`export.py`) is text, as it should be for people and Parquet. A tally
over it would join a million claims to their incidents on text ids and count
distinct text origins per text place and period: hashing and comparing strings
was most of the work on every engine. So each engine, after loading the export,
also loads three derived tables, the same on every engine:

``tb_tally_incidents`` — one row per incident: ``incident_key``, ``category_key``,
    min, max, point, and one key per place level (``city_key``, ``province_key``,
    ``country_key``) and per period (``day_key`` ... ``year_key``).
``tb_tally_origins`` — the distinct (``incident_key``, ``origin_key``) pairs of the
    claims that share their incident's category. Copies of a story inside one
    incident are already one row, and claims of another category are gone.
``tb_tally_labels`` — ``label_key``, ``dimension`` ('city', 'province', 'country',
    'day', 'week', 'month', 'year', 'category'), ``code``, ``name``.
    The engines also keep these labels in Python (`Labels`), since the load
    builds them there: the tally's SQL returns keys, and codes and names are
    looked up by key.

Keys are numbered in the order of their codes within each dimension, so sorting
by key sorts by code. Place codes carry the "not known" fallbacks described in
`tally.py` ('IR-?', '?'), and a missing date gets the period 'unknown', so the
tally needs no CASE or COALESCE on labels. Building the keys is hashing in
pandas, not a Python loop per row: about a second for a million claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from tallybook.analytics.export import CLAIMS, INCIDENTS, Column, Records, Table, as_columns

LEVELS = ("city", "province", "country")
PERIODS = ("day", "week", "month", "year")
UNKNOWN_PERIOD = "unknown"
UNPLACED = "?"  # a code ending in it is a "not known" row
UNPLACED_NAME = "Place not known"


def _key(name: str, nullable: bool = False) -> Column:
    return Column(name, "BIGINT", nullable)


TALLY_INCIDENTS = Table(
    "tb_tally_incidents",
    (
        _key("incident_key"),
        _key("category_key"),
        _key("min", nullable=True),
        _key("max", nullable=True),
        _key("point", nullable=True),
        *(_key(f"{level}_key") for level in LEVELS),
        *(_key(f"{period}_key") for period in PERIODS),
    ),
)
TALLY_ORIGINS = Table("tb_tally_origins", (_key("incident_key"), _key("origin_key")))
TALLY_LABELS = Table(
    "tb_tally_labels",
    (
        _key("label_key"),
        Column("dimension", "TEXT", False),
        Column("code", "TEXT", False),
        Column("name", "TEXT", False),
    ),
)
TABLES = (TALLY_INCIDENTS, TALLY_ORIGINS, TALLY_LABELS)

# Row stores get the indexes a real database would have; DuckDB needs none. The
# origins index covers the tally's join, so SQLite never reads that table.
INDEXES = (
    "CREATE UNIQUE INDEX tb_tally_incidents_key ON tb_tally_incidents (incident_key)",
    "CREATE INDEX tb_tally_origins_key ON tb_tally_origins (incident_key, origin_key)",
    "CREATE UNIQUE INDEX tb_tally_labels_key ON tb_tally_labels (label_key)",
    "CREATE UNIQUE INDEX tb_tally_labels_code ON tb_tally_labels (dimension, code)",
)


class Labels(NamedTuple):
    """Every label's code and name, indexed by its key (keys run 0..n-1).

    The tally returns keys and looks its labels up here, in Python: a list index
    per value, where a join in SQL would make each engine hand back a new string
    per row and column. The engines keep this from their load (`labels_of`).
    """

    codes: list[str]
    names: list[str]

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, str, str]]) -> Labels:
        """From (label_key, code, name) rows of `tb_tally_labels`, in key order."""
        ordered = sorted(rows)
        if any(row[0] != key for key, row in enumerate(ordered)):
            raise ValueError("tb_tally_labels: label keys must run 0..n-1")
        return cls([row[1] for row in ordered], [row[2] for row in ordered])


LABELS_SQL = "SELECT label_key, code, name FROM tb_tally_labels"


def labels_of(tables: Mapping[Table, Mapping[str, np.ndarray]]) -> Labels:
    """The `Labels` of working tables built by `keyed_tables` (keys already 0..n-1)."""
    columns = tables[TALLY_LABELS]
    return Labels(columns["code"].tolist(), columns["name"].tolist())


def _text(values: np.ndarray) -> np.ndarray:
    """An object array with None for NULL (DuckDB hands masked arrays back)."""
    if isinstance(values, np.ma.MaskedArray):
        out = np.array(values.data, dtype=object)
        out[np.ma.getmaskarray(values)] = None
        return out
    return np.asarray(values, dtype=object)


def _ints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(values with 0 for NULL, NULL mask) of an integer column."""
    mask = np.ma.getmaskarray(values)
    return np.ma.getdata(values).astype(np.int64, copy=False), mask


class _Labels:
    """Label rows, numbered across dimensions so that one table holds them all."""

    def __init__(self) -> None:
        self.rows: list[tuple[int, str, str, str]] = []

    def add(self, dimension: str, names: Mapping[str, str]) -> dict[str, int]:
        """Keys for `names` (code → name), numbered in code order; returns code → key."""
        start = len(self.rows)
        keys = {}
        for offset, code in enumerate(sorted(names)):
            keys[code] = start + offset
            self.rows.append((start + offset, dimension, code, names[code]))
        return keys


def _period_keys(labels: _Labels, period: str, values: np.ndarray) -> np.ndarray:
    filled = np.where(pd.isna(values), UNKNOWN_PERIOD, values)
    codes, uniques = pd.factorize(filled, sort=True)
    keys = labels.add(period, {str(u): str(u) for u in uniques})
    return np.array([keys[str(u)] for u in uniques], dtype=np.int64)[codes]


def _place_names(place: tuple) -> dict[str, tuple[str, str]]:
    """(code, name) at each level for one distinct place, with the "not known" fallbacks."""
    country, country_name, admin1, admin1_name, city_id, city_name = place
    country_label = country if country_name is None else country_name
    admin1_label = admin1 if admin1_name is None else admin1_name

    def fallback(level_word: str) -> tuple[str, str]:
        if admin1 is not None and level_word == "city":
            return f"{admin1}-{UNPLACED}", f"{admin1_label} (city not known)"
        if country is not None:
            return f"{country}-{UNPLACED}", f"{country_label} ({level_word} not known)"
        return UNPLACED, UNPLACED_NAME

    out = {"country": (country, country_label) if country is not None else fallback("country")}
    out["province"] = (admin1, admin1_label) if admin1 is not None else fallback("province")
    if city_id is not None:
        out["city"] = (str(city_id), str(city_id) if city_name is None else city_name)
    else:
        out["city"] = fallback("city")
    return out


def _place_keys(labels: _Labels, incidents: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per level, each incident's place key. The Python work is per distinct place."""
    city_id, city_null = _ints(incidents["city_id"])
    columns = [_text(incidents[n]) for n in ("country", "country_name", "admin1", "admin1_name")]
    city_name = _text(incidents["city_name"])
    # One integer per distinct combination of the six place columns.
    parts = [pd.factorize(c)[0] for c in columns]  # NULL is -1
    parts += [np.where(city_null, -1, pd.factorize(city_id)[0]), pd.factorize(city_name)[0]]
    place_index = np.zeros(len(city_id), dtype=np.int64)
    for part in parts:  # renumbered at each step, so the product never overflows
        place_index = pd.factorize(place_index * (len(city_id) + 1) + (part + 1))[0]
    first = np.unique(place_index, return_index=True)[1]  # codes run 0..k-1
    places = [
        (
            *(c[i] for c in columns),
            None if city_null[i] else int(city_id[i]),
            city_name[i],
        )
        for i in first
    ]
    named = [_place_names(p) for p in places]
    out = {}
    for level in LEVELS:
        names: dict[str, str] = {}
        for place in named:
            code, name = place[level]
            # One name per code, as the export promises; if not, the least, like MIN().
            names[code] = min(name, names.get(code, name))
        keys = labels.add(level, names)
        per_place = np.array([keys[place[level][0]] for place in named], dtype=np.int64)
        out[level] = per_place[place_index]
    return out


def _positions(unique: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Where each of `values` is in `unique` (whose items are distinct), -1 if absent."""
    # factorize numbers in order of first appearance, so `unique` gets 0..n-1; one hash
    # pass over object arrays (pandas' Index would convert them to Arrow strings first).
    codes = pd.factorize(np.concatenate([np.asarray(unique, dtype=object), values]))[0]
    found = codes[len(unique) :]
    return np.where(found < len(unique), found, -1)


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct integers (a sort beats numpy's hash-based unique here)."""
    ordered = np.sort(values)
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


def keyed_tables(incidents: Records, claims: Records) -> dict[Table, dict[str, np.ndarray]]:
    """The three working tables, as columns, from an export whose incident ids are unique."""
    inc = as_columns(incidents, INCIDENTS)
    cl = as_columns(claims, CLAIMS)
    n = len(inc["incident_id"])
    labels = _Labels()

    category = _text(inc["category"])
    category_codes, category_names = pd.factorize(category, sort=True)
    category_keys = labels.add("category", {str(c): str(c) for c in category_names})
    category_key = np.array([category_keys[str(c)] for c in category_names], dtype=np.int64)

    places = _place_keys(labels, inc)
    periods = {p: _period_keys(labels, p, _text(inc[p])) for p in PERIODS}

    # Claims to (incident, origin) pairs: only those of their incident's category.
    incident_of = _positions(_text(inc["incident_id"]), _text(cl["incident_id"]))
    claim_category = _positions(category_names, _text(cl["category"]))
    own = (incident_of >= 0) & (claim_category == category_codes[np.maximum(incident_of, 0)])
    origin_codes, origin_names = pd.factorize(_text(cl["origin_id"])[own])
    width = max(len(origin_names), 1)
    pairs = _distinct(incident_of[own].astype(np.int64) * width + origin_codes)

    def amount(name: str) -> np.ma.MaskedArray:
        values, mask = _ints(inc[name])
        return np.ma.MaskedArray(values, mask=mask)

    tally_incidents = {
        "incident_key": np.arange(n, dtype=np.int64),
        "category_key": category_key[category_codes],
        "min": amount("min"),
        "max": amount("max"),
        "point": amount("point"),
        **{f"{level}_key": places[level] for level in LEVELS},
        **{f"{period}_key": periods[period] for period in PERIODS},
    }
    tally_origins = {"incident_key": pairs // width, "origin_key": pairs % width}
    label_columns = list(zip(*labels.rows, strict=True)) or [()] * 4
    tally_labels = {
        "label_key": np.array(label_columns[0], dtype=np.int64),
        **{
            name: np.array(values, dtype=object)
            for name, values in zip(("dimension", "code", "name"), label_columns[1:], strict=True)
        },
    }
    return {
        TALLY_INCIDENTS: tally_incidents,
        TALLY_ORIGINS: tally_origins,
        TALLY_LABELS: tally_labels,
    }
