"""Time series with gaps filled, and the CSV and JSON exports."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tallybook.analytics import Engine, TallyRow, time_series, to_csv, to_json
from tallybook.analytics.series import periods_between


def test_month_series_fills_gaps(hand: Engine) -> None:
    rows = time_series(
        hand, level="province", place_code="IR-23", period="month", category="killed",
        start="2022-08", end="2022-11",
    )  # fmt: skip
    assert [(r.period, r.min, r.max, r.incidents, r.origins) for r in rows] == [
        ("2022-08", 0, 0, 0, 0),
        ("2022-09", 15, 18, 2, 3),
        ("2022-10", 0, 0, 0, 0),
        ("2022-11", 0, 0, 0, 0),
        ("unknown", 0, 4, 1, 1),  # undated incidents stay visible, after the timeline
    ]
    assert {r.place_name for r in rows} == {"Tehran"}


def test_series_range_defaults_to_the_data(hand: Engine) -> None:
    rows = time_series(hand, level="country", place_code="IR", period="week", category="killed")
    assert [(r.period, r.incidents) for r in rows] == [
        ("2022-W38", 2),
        ("2022-W39", 2),
        ("unknown", 1),
    ]
    none = time_series(hand, level="country", place_code="FR", period="month", category="killed")
    assert none == []


@pytest.mark.parametrize(
    ("period", "start", "end", "expected"),
    [
        ("month", "2022-11", "2023-02", ["2022-11", "2022-12", "2023-01", "2023-02"]),
        ("week", "2020-W52", "2021-W02", ["2020-W52", "2020-W53", "2021-W01", "2021-W02"]),
        ("day", "2024-02-28", "2024-03-01", ["2024-02-28", "2024-02-29", "2024-03-01"]),
        ("year", "2019", "2021", ["2019", "2020", "2021"]),
        ("month", "2023-02", "2022-11", []),
    ],
)
def test_periods_between(period: str, start: str, end: str, expected: list[str]) -> None:
    assert list(periods_between(period, start, end)) == expected


def _row(name: str, period: str = "2022-09") -> TallyRow:
    return TallyRow("province", "IR-23", name, period, "killed", 5, None, 5, 1, 1)


def test_csv_escapes_formulas_but_not_numbers() -> None:
    names = ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tx", "-12", "-1.5", "Tehran"]
    text = to_csv([_row(n) for n in names])
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0] == list(TallyRow._fields)
    assert [r[2] for r in parsed[1:]] == [
        "'=HYPERLINK(\"http://x\")", "'+1+2", "'-2+3", "'@SUM(A1)", "'\tx", "-12", "-1.5", "Tehran",
    ]  # fmt: skip
    assert parsed[1][6] == ""  # open above: an empty cell, not "None"
    assert parsed[1][5] == "5"


def test_json_keeps_nulls_and_scripts() -> None:
    data = json.loads(to_json([_row("تهران")]))
    assert data == [
        {
            "level": "province",
            "place_code": "IR-23",
            "place_name": "تهران",
            "period": "2022-09",
            "category": "killed",
            "min": 5,
            "max": None,
            "point": 5,
            "incidents": 1,
            "origins": 1,
        }
    ]
    assert "تهران" in to_json([_row("تهران")])
    assert json.loads(to_json([])) == []
