"""Time: explicit dates and ranges, relative dates, running totals."""

from datetime import date

import pytest

from tallybook.core.extract import extract

PUB = date(2023, 5, 10)  # a Wednesday


def when(text: str, published: date | None = PUB):
    claims = extract(text, published=published)
    assert len(claims) == 1, claims
    t = claims[0].time
    return t.start, t.end, t.as_of, t.anchor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 people were killed on 3 May 2023.", ("2023-05-03", "2023-05-03", False, "explicit")),
        ("12 people were killed on May 3, 2022.", ("2022-05-03", "2022-05-03", False, "explicit")),
        ("12 people were killed on 3 June.", ("2022-06-03", "2022-06-03", False, "explicit")),
        ("12 people were killed in March 2021.", ("2021-03", "2021-03", False, "explicit")),
        ("280 people were executed in 2019.", ("2019", "2019", False, "explicit")),
        (
            "From 2009 to 2020, 1,500 people were executed.",
            ("2009", "2020", False, "explicit"),
        ),
        ("12 people were killed on Sunday.", ("2023-05-07", "2023-05-07", False, "relative")),
        ("12 people were killed yesterday.", ("2023-05-09", "2023-05-09", False, "relative")),
        ("12 people were arrested last week.", ("2023-05-01", "2023-05-07", False, "relative")),
        ("12 people were killed.", (None, "2023-05-10", False, "publication")),
    ],
)
def test_dates(text, expected):
    assert when(text) == expected


def test_no_publication_date():
    assert when("12 people were killed.", published=None) == (None, None, False, "unknown")
    assert when("12 people were killed on Sunday.", published=None)[3] in ("relative", "unknown")


def test_as_of():
    start, end, as_of, _ = when("As of 12 April, at least 500 people had been arrested.")
    assert (start, end, as_of) == (None, "2023-04-12", True)


def test_since():
    start, end, as_of, _ = when("More than 300 people have been arrested since September.")
    assert (start, end, as_of) == ("2022-09", "2023-05-10", True)


def test_toll_rose_is_a_running_total():
    claims = extract("The death toll rose to 50.", published=PUB)
    (c,) = claims
    assert (c.category, c.min, c.count_kind, c.time.as_of, c.time.end) == (
        "killed",
        50,
        "cumulative",
        True,
        "2023-05-10",
    )


def test_report_date_is_not_event_date():
    (c,) = extract("Amnesty said on Tuesday that 12 people were killed.", published=PUB)
    assert c.time.anchor == "publication"


def test_incremental_more():
    (c,) = extract("12 more people were killed on Sunday.", published=PUB)
    assert c.count_kind == "incremental"
