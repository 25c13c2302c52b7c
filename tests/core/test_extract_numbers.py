"""Reading numerals: digits, separators, Persian and Arabic digits, words."""

from datetime import date

import pytest

from tallybook.core.extract import extract
from tallybook.core.extract.numbers import ascii_digits, parse_digit_range, parse_digits, read_words

PUB = date(2023, 5, 8)


def counts(text: str) -> list[tuple[int | None, int | None]]:
    return [(c.min, c.max) for c in extract(text, published=PUB)]


@pytest.mark.parametrize(
    ("token", "value"),
    [("12", 12), ("69,800", 69800), ("1.5", 1.5), ("1,200,000", 1200000), ("1.200.000", 1200000)],
)
def test_parse_digits(token, value):
    assert parse_digits(token) == value


@pytest.mark.parametrize("token", ["1,2,3", "12a", "", "10:30", "9" * 40])
def test_parse_digits_refuses(token):
    assert parse_digits(token) is None


def test_ascii_digits_keeps_length():
    text = "۱۲۳ and ٤٥٦ and ۱٬۲۰۰"
    out = ascii_digits(text)
    assert len(out) == len(text)
    assert out == "123 and 456 and 1,200"


def test_digit_range_token():
    assert parse_digit_range("10–20") == (10, 20)
    assert parse_digit_range("1,200-1,500") == (1200, 1500)


def test_read_words():
    units = {"two": 2, "fifty": 50, "five": 5, "twenty": 20}
    scales = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
    words = ["two", "hundred", "and", "fifty", "people"]
    assert read_words(words, 0, units, scales, frozenset({"and"})) == (250, 4)
    assert read_words(["twenty", "-", "five"], 0, units, scales, frozenset({"-"})) == (25, 3)
    assert read_words(["a", "hundred"], 0, units, scales, articles=frozenset({"a"})) == (100, 2)
    assert read_words(["people"], 0, units, scales) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Security forces killed 12 people.", (12, 12)),
        ("Officials said 69,800 people had been killed.", (69800, 69800)),
        ("An estimated 1.5 million people rallied.", (1350000, 1650000)),
        ("Twelve protesters were arrested.", (12, 12)),
        ("Two hundred and fifty people were detained.", (250, 250)),
        ("۱۲ people were killed.", (12, 12)),
        ("١٥ people were killed.", (15, 15)),
        ("۱٬۲۰۰ people were arrested.", (1200, 1200)),
    ],
)
def test_numbers_in_sentences(text, expected):
    assert counts(text) == [expected]


def test_persian_digits_keep_quote_offsets():
    text = "Activists said ۱۲ people were killed in Zahedan."
    (claim,) = extract(text, published=PUB)
    assert text[claim.span.start : claim.span.end] == claim.quote
    assert claim.quote.startswith("۱۲")


def test_k_suffix() -> None:
    from tallybook.core.extract.numbers import parse_digits

    assert parse_digits("2k") == 2000
    assert parse_digits("1.2k") == 1200
    assert parse_digits("k") is None
