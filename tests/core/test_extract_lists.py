"""Counts the earlier rules missed: elided list items, crowds without a verb,
category cues, place counts, and frames that follow their counts."""

from datetime import date

import pytest

from tallybook.core.extract import extract

PUB = date(2023, 5, 8)  # a Monday


def brief(text: str) -> list[tuple]:
    return [(c.category, c.min, c.max, c.place.name) for c in extract(text, published=PUB)]


def test_elided_list_items_take_the_category_before() -> None:
    text = "Police arrested 9 people in Tabriz, 5 in Ardabil and 3 in Urmia."
    assert brief(text) == [
        ("arrested", 9, 9, "Tabriz"),
        ("arrested", 5, 5, "Ardabil"),
        ("arrested", 3, 3, "Urmia"),
    ]


def test_elided_item_with_its_own_time() -> None:
    found = extract("Gunmen killed 2 guards on Sunday and 6 last week.", published=PUB)
    assert [(c.category, c.min) for c in found] == [("killed", 2), ("killed", 6)]
    assert (found[1].time.start, found[1].time.end) == ("2023-05-01", "2023-05-07")


def test_a_crowd_counted_where_it_stands() -> None:
    assert brief("Paris tonight: ~3k at Place de la Nation.") == [
        ("attendance", 2700, 3300, "Paris")
    ]


def test_parts_of_a_count_named_by_were() -> None:
    text = "Of the 40 students detained, 12 were women and 3 were minors."
    assert [(c.category, c.min, c.count_kind) for c in extract(text, published=PUB)] == [
        ("detained", 40, "incremental"),
        ("detained", 12, "subset"),
        ("detained", 3, "subset"),
    ]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Relatives have lost contact with 14 prisoners moved from Evin.", "disappeared"),
        ("The whereabouts of 8 activists remain unknown.", "disappeared"),
        ("Officials said 4 death sentences were carried out in Qom.", "executed"),
        ("At least 6 men face imminent execution in Karaj.", "sentenced"),
        ("About 300 prisoners were granted temporary leave.", "released"),
        ("In Rasht, 2 protesters were shot dead.", "killed"),
        ("Guards opened fire, killing 3 porters and wounding others.", "killed"),
    ],
)
def test_category_cues(text: str, category: str) -> None:
    assert [c.category for c in extract(text, published=PUB)] == [category]


@pytest.mark.parametrize(
    "text",
    [
        "A letter signed by 2,000 students calls for the release of a jailed teacher.",
        "The new jail in Semnan was built for 3,000 inmates.",
    ],
)
def test_demands_and_capacities_are_not_counts(text: str) -> None:
    assert extract(text, published=PUB) == []


def test_places_where_counts_were_made_are_their_scope() -> None:
    found = extract("Monitors recorded 210 deaths in 31 cities during the unrest.", published=PUB)
    assert [(c.category, c.min, c.scope_places) for c in found] == [("killed", 210, 31)]


def test_places_of_protest_beside_a_later_count() -> None:
    text = "Strikes were held in 40 towns on Monday, and 300 workers were detained."
    assert [(c.category, c.unit, c.min) for c in extract(text, published=PUB)] == [
        ("protests", "places", 40),
        ("detained", "people", 300),
    ]


def test_a_passive_report_names_its_agent() -> None:
    text = "5 rallies in Shiraz and 2 in Yasuj were recorded this week by the Zagros Watch."
    found = extract(text, published=PUB)
    assert [c.attribution.name if c.attribution else None for c in found] == [
        "the Zagros Watch",
        "the Zagros Watch",
    ]
    assert {(c.time.start, c.time.end) for c in found} == {("2023-05-08", "2023-05-08")}


def test_a_subordinate_frame_after_the_count_is_not_its_frame() -> None:
    text = "Police detained 30 students, as the prosecutor warned of harsh sentences."
    assert [c.attribution for c in extract(text, published=PUB)] == [None]


def test_a_table_cell_takes_its_label_as_place() -> None:
    text = "Executions in Fars province, 2022 — Shiraz: 7 | Kazerun: 2"
    assert brief(text) == [("executed", 7, 7, "Shiraz"), ("executed", 2, 2, "Kazerun")]


def test_a_page_footer_is_not_a_count() -> None:
    text = (
        "FICTIONAL. Security forces killed 5 people in Izeh; Khash: 4.\nPage 2 of 3\n\x0c\n"
        "Monthly report\nAll figures are minimums.\nPage 3 of 3"
    )
    assert [(c[1], c[3]) for c in brief(text)] == [(5, "Izeh"), (4, "Khash")]
