"""Qualifier -> interval policy, as docs/claims.md tabulates it."""

from datetime import date

import pytest

from tallybook.core.extract import extract
from tallybook.core.extract.qualifiers import ABOUT, FEWER, NEARLY, RANGE, UP_TO, bounds

PUB = date(2023, 5, 8)


def one(text: str):
    claims = extract(text, published=PUB)
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    ("text", "lo", "hi", "point", "exact"),
    [
        ("12 people were killed.", 12, 12, 12, True),
        ("More than 69,800 people have been killed.", 69800, None, 69800, False),
        ("Over 100 people were arrested.", 100, None, 100, False),
        ("At least 40 people were killed.", 40, None, 40, False),
        ("100 or more people were arrested.", 100, None, 100, False),
        ("Nearly 100 people were arrested.", 90, 100, 90, False),
        ("About 100 people were arrested.", 90, 110, 100, False),
        ("Up to 100 people were arrested.", None, 100, None, False),
        ("Fewer than 100 people were arrested.", None, 99, None, False),
        ("Between 10 and 20 people were killed.", 10, 20, 10, False),
        ("10–20 people were killed.", 10, 20, 10, False),
        ("A dozen people were arrested.", 12, 12, 12, False),
        ("Several people were arrested.", 3, 9, 3, False),
        ("Dozens of people were arrested.", 24, 99, 24, False),
        ("Scores of people were arrested.", 40, 99, 40, False),
        ("Hundreds of people were arrested.", 200, 999, 200, False),
        ("Thousands of people were arrested.", 2000, 9999, 2000, False),
        ("Tens of thousands of people were arrested.", 20000, 99999, 20000, False),
        ("Hundreds of thousands of people rallied.", 200000, 999999, 200000, False),
        ("More than a dozen people were arrested.", 12, None, 12, False),
    ],
)
def test_interval_policy(text, lo, hi, point, exact):
    c = one(text)
    assert (c.min, c.max, c.point, c.exact) == (lo, hi, point, exact)


def test_qualifier_words_as_written():
    assert one("More than 69,800 people have been killed.").qualifier == "More than"
    assert one("Tens of thousands of people rallied.").qualifier == "Tens of thousands"
    assert one("12 people were killed.").qualifier is None


def test_policy_arithmetic_is_exact_for_huge_numbers():
    n = 10**15 + 7
    assert bounds(ABOUT, n).min == 9 * n // 10
    assert bounds(ABOUT, n).max == -(-11 * n // 10)
    assert bounds(NEARLY, 69).min == 62
    assert bounds(UP_TO, 5).min is None
    assert bounds(FEWER, 0).max == 0
    assert bounds(RANGE, 20, 10).min == 10
