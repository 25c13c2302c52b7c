"""Random and adversarial text: the extractor never crashes, and its output keeps the contract."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tallybook.core.extract import extract
from tallybook.core.schema import validate_claim

WORDS = [
    "killed", "were", "people", "more", "than", "at", "least", "between", "and", "–", "-",
    "dozens", "of", "hundreds", "thousands", "tens", "said", "according", "to", "citing",
    "in", "Zahedan", "Tehran", "TEHRAN", ",", ".", ";", "(", ")", "—", "no", "one", "none",
    "arrested", "executed", "protests", "cities", "since", "as", "of", "May", "Sunday",
    "last", "week", "toll", "rose", "including", "children", "Article", "Ward", "$", "%",
    "year-old", "aged", "1.5", "million", "69,800", "۱۲۳", "٤٥", "۱٬۲۰۰", "2019",
    "99999999999999999999999", "1e308", "0", "00", "~40", "12+", "10–20", "Amnesty",
    "International", "denied", "reportedly", "feared", "dead", "\n", "\n\n", "here",
    "a", "dozen", "several", "زاهدان", "استان", "between", "from", "to", "2009", "2020",
]  # fmt: skip

PUB = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))


def check(text: str, published: date | None) -> None:
    for claim in extract(text, published=published):
        d = claim.to_dict()
        validate_claim(d)
        assert text[claim.span.start : claim.span.end] == claim.quote
        assert claim.quote
        if claim.min is not None and claim.max is not None:
            assert claim.min <= claim.max


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), PUB)
def test_random_text(text, published):
    check(text, published)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=60), st.sampled_from([" ", "", "  "]), PUB)
def test_adversarial_word_salad(words, sep, published):
    check(sep.join(words), published)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.integers(min_value=0, max_value=10**40).map(str),
            st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}"),
            st.text(alphabet="0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩,.٬٫-–~+%$", min_size=1, max_size=30),
            st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=50, max_size=3000),
            st.sampled_from(WORDS),
        ),
        max_size=30,
    ),
    PUB,
)
def test_digits_punctuation_huge_numbers_long_tokens(parts, published):
    check(" ".join(parts), published)


def test_empty_and_blank():
    assert extract("") == []
    assert extract("   \n\t ") == []


CELLS = [
    "City", "Province", "Country", "Killed", "Deaths", "Arrests", "Notes", "Total",
    "Other cities (38 cities)", "Zahedan", "Kermanshah", "Sistan and Baluchestan", "96",
    "1,017", "۴۰", "0", "", "—", "16–17 November", "30 September", "Page 1 of 2", "|---|",
    "as of 31 December 2022", "x" * 40,
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.booleans(), st.lists(st.sampled_from(CELLS), min_size=1, max_size=6)),
        max_size=12,
    ),
    PUB,
)
def test_table_shaped_text(rows, published):
    # rows between "|" and rows aligned by spaces, as the HTML and PDF readers write them
    text = "\n".join(("| " + " | ".join(r) + " |") if piped else " ".join(r) for piped, r in rows)
    check(text, published)
