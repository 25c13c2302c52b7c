"""Numbers that are not counts are ignored."""

from datetime import date

import pytest

from tallybook.core.extract import extract

PUB = date(2023, 5, 8)


@pytest.mark.parametrize(
    "text",
    [
        "In 2019, the protests spread.",
        "A 17-year-old was killed in Zahedan.",
        "The man, aged 23, was arrested.",
        "He was charged under Article 286 and detained.",
        "She is held in Ward 209 of Evin prison.",
        "He was fined $5,000 and arrested.",
        "Prices rose by 20% and 2 billion rials were seized.",
        "He was sentenced to five years in prison.",
        "Protesters were detained on the third day.",
        "Call 021 555 1234 to report arrests.",
        "The rally began at 10 pm.",
        "Protesters were detained on 3 May.",
        # a change to a running total, not deaths that happened then
        "Changes since our table of 29 November: 38 deaths added, most of them in Tehran.",
    ],
)
def test_not_counts(text):
    assert extract(text, published=PUB) == []


def test_count_next_to_an_age_survives():
    claims = extract("Five people, including a 17-year-old, were killed.", published=PUB)
    assert [(c.min, c.category) for c in claims] == [(5, "killed")]


def test_years_are_not_counts_but_year_sized_counts_are():
    claims = extract("In 2019, 2000 people were arrested.", published=PUB)
    assert [(c.min, c.category) for c in claims] == [(2000, "arrested")]


def test_day_of_month_after_an_abbreviated_month_is_no_count() -> None:
    from tallybook.core.extract import extract as _extract

    claims = _extract("She died on Sept. 16 after being detained by the police.")
    assert claims == []


def test_witnesses_are_sources_not_counts() -> None:
    from tallybook.core.extract import extract as _extract

    claims = _extract("In Mahshahr, two residents said guards fired on protesters.")
    assert claims == []


def test_a_charge_is_not_what_happened_to_the_counted_people() -> None:
    text = "The court tried 13 people accused of killing a police officer in Karaj."
    assert [c.category for c in extract(text)] != ["killed"]
    text = "Police arrested 13 people accused of killing a police officer in Karaj."
    assert [(c.category, c.min) for c in extract(text)] == [("arrested", 13)]


def test_part_of_the_dead_is_a_subset() -> None:
    [claim] = extract("At least 22 of the dead were children.")
    assert (claim.category, claim.count_kind, claim.min) == ("killed", "subset", 22)


def test_an_age_range_is_not_a_count() -> None:
    text = "It confirmed the names of six of the dead, all men between 16 and 34, on Sunday."
    assert [c.min for c in extract(text)] == [6]
    [claim] = extract("Between 16 and 34 people were killed.")
    assert (claim.min, claim.max) == (16, 34)


def test_where_a_figure_came_from_is_not_a_count() -> None:
    text = (
        "We have confirmed the names of 23 people killed, with their families, from the "
        "cemetery register and from two nurses at the Mahshahr hospital."
    )
    assert [c.min for c in extract(text)] == [23]


def test_more_at_the_start_of_a_sentence_is_no_place() -> None:
    [claim] = extract("More than 40 people were arrested on Monday night.")
    assert claim.place.name is None


def test_what_one_witness_carried_or_saw_is_part_of_the_toll_stated_before() -> None:
    text = (
        "At least 23 people were killed in Mahshahr on Monday.\n\n"
        '"In the afternoon we were allowed in. I carried out two bodies with my own hands."'
    )
    kinds = [(c.min, c.count_kind) for c in extract(text, published=date(2019, 11, 25))]
    assert kinds == [(23, "incremental"), (2, "subset")]
    # with no larger count before it, a witness's count stands on its own
    alone = extract("I saw two bodies in the street in Mahshahr.", published=date(2019, 11, 25))
    assert [(c.min, c.count_kind) for c in alone] == [(2, "incremental")]
