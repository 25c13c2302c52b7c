"""Detection and attribution rules: table cells, non-counts, frames across clauses."""

from datetime import date

import pytest

from tallybook.core.extract import extract

PUB = date(2023, 5, 8)


def claims(text: str):
    return extract(text, published=PUB)


@pytest.mark.parametrize(
    "text",
    [
        "Branch 26 of the Revolutionary Court heard the case.",
        "Day 3 of house arrest for the two leaders.",
        "The hotline is 021-5550-1234.",
        "The group counted 212 Baluch prisoners executed, nearly one in five of all executions.",
        "Relatives of the 1915 victims gathered.",
        "Dozens were detained in the Iranian year 1395.",
        "Protesters were beaten over the past three nights.",
        "He lost sight in at least one eye.",
    ],
)
def test_numbers_that_are_not_counts(text: str) -> None:
    found = [(c.min, c.quote) for c in claims(text)]
    assert all(
        q.lower() not in ("26", "3", "5550", "1", "one", "5", "1915", "1395") for _, q in found
    )
    assert not any(c.min in (26, 5550, 1915, 1395) for c in claims(text))


def test_age_bound_is_not_a_count() -> None:
    found = claims("Police detained 40 people, 6 of them under 18.")
    assert [(c.min, c.max) for c in found] == [(40, 40), (6, 6)]


def test_one_of_those_is_singular() -> None:
    found = claims("The group said one of those hanged had been arrested.")
    assert found == []


def test_table_lines_take_the_header_category() -> None:
    text = "Executions recorded, week of 14–20 October:\nMashhad 4\nShiraz 3\nTotal 7"
    found = claims(text)
    assert [(c.category, c.min, c.quote) for c in found] == [
        ("executed", 4, "Mashhad 4"),
        ("executed", 3, "Shiraz 3"),
        ("executed", 7, "Total 7"),  # a table line: label and number (rule 27)
    ]
    # the header's period times every line
    assert {(c.time.start, c.time.end) for c in found} == {("2022-10-14", "2022-10-20")}


def test_table_cells_in_one_line() -> None:
    found = claims("Arrests in Kurdistan, 2023 — Sanandaj: 56 | Saqqez: 11 | Baneh — none")
    assert [(c.category, c.min) for c in found] == [
        ("arrested", 56),
        ("arrested", 11),
        ("arrested", 0),
    ]


def test_parenthetical_subset_keeps_quotes_apart() -> None:
    found = claims("Activists: 14 people, including 2 children, were shot dead in Khash.")
    assert [c.quote for c in found] == ["14 people", "2 children"]


def names(text: str):
    return [None if c.attribution is None else c.attribution.name for c in claims(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a main-clause frame covers the whole sentence (rule 22)
        (
            "Five men were sentenced, their lawyer said, while two others remain in detention.",
            ["their lawyer", "their lawyer"],
        ),
        # "and said" keeps its subject
        (
            "The police command announced the arrest of 317 people and said 41 officers "
            "had been injured.",
            ["The police command", "The police command"],
        ),
        ("An ophthalmologist said 40 people had lost sight.", ["An ophthalmologist"]),
        ("Prosecutors put 84 people on trial in Tehran.", [None]),
        ("Rights Ledger Iran's monthly bulletin recorded 412 arrests.", ["Rights Ledger Iran"]),
    ],
)
def test_frames(text: str, expected: list[str | None]) -> None:
    assert names(text) == expected


def test_relay_before_citing() -> None:
    (c,) = claims(
        "Up to 40 people were arrested, the Justice Foundation reported, citing local sources."
    )
    assert c.attribution is not None
    assert (c.attribution.name, c.attribution.via) == ("local sources", "the Justice Foundation")


def test_dispute_and_counter_figure() -> None:
    found = claims(
        "Kurdish groups rejected as far too low the official figure of 11 porters killed, "
        "saying their count stood at 46."
    )
    assert [(c.min, c.attribution.name, c.attribution.stance) for c in found] == [
        (11, "Kurdish groups", "disputes"),
        (46, "Kurdish groups", "reports"),
    ]


def test_reference_to_a_source_named_in_a_sentence_without_numbers() -> None:
    text = (
        "Lawyers met members of the Sarv Human Rights Group on Monday. "
        "The group said 12 people were arrested in Tehran."
    )
    (c,) = claims(text)
    assert c.attribution is not None
    assert c.attribution.name == "the Sarv Human Rights Group"


@pytest.mark.parametrize(
    ("text", "category", "low", "high"),
    [
        ("Residents say tens of thousands marched to the city's cemetery.", "attendance",
         20000, 99999),
        ("Mourners gathered in their thousands in Saqqez on Wednesday.", "attendance",
         2000, 9999),
        ("The funeral drew tens of thousands in Tehran.", "attendance", 20000, 99999),
        ("The vigil drew a few dozen people in Yerevan.", "attendance", 24, 99),
        ("Police said 1.2k people were arrested.", "arrested", 1200, 1200),
    ],
)  # fmt: skip
def test_crowds_without_person_noun(text: str, category: str, low: int, high: int) -> None:
    (c,) = claims(text)
    assert (c.category, c.unit, c.min, c.max) == (category, "people", low, high)


def test_verb_does_not_reach_past_next_count() -> None:
    # "four inmates died ... and 57 were injured": each number keeps its own verb
    first, second = claims("The judiciary said four inmates died in the fire and 57 were injured.")
    assert (first.category, first.min) == ("died", 4)
    assert (second.category, second.min) == ("injured", 57)


def test_an_estimated_has_no_subject() -> None:
    (c,) = claims("The rally drew an estimated 1.2 million, the campaign said.")
    assert c.attribution is not None and c.attribution.name == "the campaign"
    assert (c.min, c.max) == (1080000, 1320000)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # the sentence ties the deaths to violence
        ("The governor of Khash said 4 people died and blamed 'rioters'.", "killed"),
        # an official's figure answering a count of people killed
        (
            "16 people were killed in Khash on 4 November. The governor said 4 people died.",
            "killed",
        ),
        # another cause, or people held by the state: deaths, not killings
        ("16 people were killed in Khash. Relatives say 2 people died of their injuries.", "died"),
        ("Police denied killing 4 mourners, saying the 4 died in a stampede.", "died"),
        ("12 people were killed in Zahedan. Officials said two detainees died.", "died"),
        ("The judiciary said four inmates died in the fire at the prison.", "died"),
    ],
)
def test_an_officials_died_is_killed_when_tied_to_violence(text: str, category: str) -> None:
    assert claims(text)[-1].category == category


def test_sources_that_confirm_a_count_are_not_one() -> None:
    text = "The group lists only the deaths it could confirm with two independent sources."
    assert claims(text) == []
