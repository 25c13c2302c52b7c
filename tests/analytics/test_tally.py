"""Tallies: known answers on every engine, rows that add up, one SQL text everywhere."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from tallybook.analytics import (
    LEVELS,
    PERIODS,
    Engine,
    SQLiteEngine,
    TallyRow,
    parse_by,
    tally,
    tally_sql,
)
from tallybook.analytics.tally import is_unplaced

from .conftest import ENGINE_NAMES, HAND_CLAIMS, HAND_INCIDENTS


def _values(rows: list[TallyRow]) -> list[tuple]:
    return [tuple(r)[1:] for r in rows]


def test_province_by_month(hand: Engine) -> None:
    assert _values(tally(hand, level="province", period="month")) == [
        ("?", "Place not known", "2022-09", "killed", 2, 2, 2, 1, 1),
        # F's arrests: o6's claim is about killings, so it is not an origin here.
        ("IR-01", "Gilan", "2022-09", "arrested", 40, 40, 40, 1, 1),
        ("IR-01", "Gilan", "2022-10", "killed", 3, None, 3, 1, 1),  # open above
        # A + B; o1 backs both incidents and counts once: {o1, o2, o3}.
        ("IR-23", "Tehran", "2022-09", "killed", 15, 18, 15, 2, 3),
        ("IR-23", "Tehran", "unknown", "killed", 0, 4, 0, 1, 1),  # "up to 4": min 0, point 0
        ("IR-?", "Iran (province not known)", "2022-09", "killed", 7, 7, 7, 1, 1),
    ]


def test_country_by_year(hand: Engine) -> None:
    assert _values(tally(hand, level="country", period="year")) == [
        ("?", "Place not known", "2022", "killed", 2, 2, 2, 1, 1),
        ("IR", "Iran", "2022", "arrested", 40, 40, 40, 1, 1),
        ("IR", "Iran", "2022", "killed", 25, None, 25, 4, 5),  # C is open above
        ("IR", "Iran", "unknown", "killed", 0, 4, 0, 1, 1),
    ]


def test_city_by_month_one_category(hand: Engine) -> None:
    assert _values(tally(hand, level="city", period="month", category="killed")) == [
        ("112931", "Tehran", "2022-09", "killed", 10, 10, 10, 1, 2),
        ("112931", "Tehran", "unknown", "killed", 0, 4, 0, 1, 1),
        ("118743", "Rasht", "2022-10", "killed", 3, None, 3, 1, 1),
        ("?", "Place not known", "2022-09", "killed", 2, 2, 2, 1, 1),
        ("IR-23-?", "Tehran (city not known)", "2022-09", "killed", 5, 8, 5, 1, 2),
        ("IR-?", "Iran (city not known)", "2022-09", "killed", 7, 7, 7, 1, 1),
    ]


def test_week_and_day_periods(hand: Engine) -> None:
    weeks = {r.period for r in tally(hand, level="country", period="week")}
    # ISO weeks start on Monday: Sunday 2022-10-02 still belongs to 2022-W39.
    assert weeks == {"2022-W38", "2022-W39", "unknown"}
    days = tally(hand, level="country", period="day", category="arrested")
    assert [(r.period, r.min) for r in days] == [("2022-09-21", 40)]


def test_place_filter(hand: Engine) -> None:
    rows = tally(hand, level="province", period="month", category="killed", place_code="IR-?")
    assert _values(rows) == [
        ("IR-?", "Iran (province not known)", "2022-09", "killed", 7, 7, 7, 1, 1)
    ]
    assert tally(hand, level="province", period="month", category="nothing") == []


@pytest.mark.parametrize("level", LEVELS)
def test_placed_and_unplaced_rows_add_up(hand: Engine, level: str) -> None:
    rows = tally(hand, level=level, period="month", category="killed")
    assert sum(r.incidents for r in rows) == 6
    assert sum(r.min for r in rows) == 27
    assert sum(r.point for r in rows) == 27
    unplaced = {r.place_code for r in rows if is_unplaced(r.place_code)}
    assert "?" in unplaced


@pytest.mark.parametrize("name", [p for p in ENGINE_NAMES if p.values[0] != "sqlite"])
def test_engines_agree_on_synthetic_data(make_engine, synthetic, name: str) -> None:
    engine = make_engine(name)
    engine.load(*synthetic)
    with SQLiteEngine() as reference:
        reference.load(*synthetic)
        for level in LEVELS:
            for period in PERIODS:
                for category in (None, "killed"):
                    kwargs: dict[str, Any] = dict(level=level, period=period, category=category)
                    expected = tally(reference, **kwargs)
                    assert tally(engine, **kwargs) == expected, kwargs
                    assert expected


def test_synthetic_rows_add_up_at_every_level(synthetic) -> None:
    incidents = synthetic.incidents
    with SQLiteEngine() as engine:
        engine.load(*synthetic)
        for level in LEVELS:
            rows = tally(engine, level=level, period="year")
            assert sum(r.incidents for r in rows) == len(incidents["incident_id"])
            assert sum(r.min for r in rows) == int(incidents["min"].filled(0).sum())
            assert any(is_unplaced(r.place_code) for r in rows)
            assert any(r.period == "unknown" for r in rows)


class Recorder:
    """Wraps an engine and keeps the SQL text it is asked to run."""

    def __init__(self, engine: Engine) -> None:
        self.engine, self.name = engine, engine.name
        self.sql: list[str] = []

    def load(self, incidents, claims) -> None:
        self.engine.load(incidents, claims)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        self.sql.append(sql)
        return self.engine.query(sql, params)

    def query_columns(self, sql: str, params: Sequence[Any] = ()) -> list[Sequence]:
        self.sql.append(sql)
        return self.engine.query_columns(sql, params)

    def tally_labels(self):
        return self.engine.tally_labels()

    def close(self) -> None:
        self.engine.close()


def test_sql_text_is_identical_on_every_engine(engine: Engine) -> None:
    # Each engine receives exactly the one text tally_sql builds, so all three run the same.
    recorder = Recorder(engine)
    recorder.load(HAND_INCIDENTS, HAND_CLAIMS)
    recorder.sql.clear()  # the load's own checks are not the tally
    tally(recorder, level="province", period="month")
    tally(recorder, level="city", period="week", category="killed", place_code="IR-?")
    assert recorder.sql == [
        tally_sql(level="province", period="month"),
        tally_sql(level="city", period="week", by_category=True, by_place=True),
    ]


def test_sql_has_no_engine_specific_date_functions() -> None:
    for level in LEVELS:
        for period in PERIODS:
            sql = tally_sql(level=level, period=period, by_category=True, by_place=True).lower()
            for word in ("strftime", "date_trunc", "extract(", "to_char", "::", "ilike"):
                assert word not in sql


@pytest.mark.parametrize(("level", "period"), [("town", "month"), ("province", "decade")])
def test_unknown_level_or_period(level: str, period: str) -> None:
    with pytest.raises(ValueError, match="unknown"):
        tally_sql(level=level, period=period)


def test_parse_by() -> None:
    assert parse_by("province,month") == ("province", "month")
    assert parse_by(" Week , city ") == ("city", "week")
    for bad in ("province", "province,city", "month,year", "province,month,killed", "town,day"):
        with pytest.raises(ValueError, match="--by takes a place level and a period"):
            parse_by(bad)
