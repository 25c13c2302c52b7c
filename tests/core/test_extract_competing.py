"""Two figures in one sentence become two claims, each with its own source."""

from datetime import date

from tallybook.core.extract import extract

PUB = date(2023, 5, 8)


def test_two_sources_two_claims():
    claims = extract("Officials said 12 people died; activists said 40 were killed.", published=PUB)
    assert [(c.min, c.attribution.name) for c in claims] == [(12, "Officials"), (40, "activists")]


def test_while_separates_the_figures():
    text = (
        "State television said five people died, while rights groups said at least 40 "
        "protesters were killed."
    )
    claims = extract(text, published=PUB)
    assert [(c.category, c.min, c.max, c.attribution.name) for c in claims] == [
        ("died", 5, 5, "State television"),
        ("killed", 40, None, "rights groups"),
    ]


def test_killed_and_injured_share_the_source():
    claims = extract("Police said 3 people were killed and 20 injured in Izeh.", published=PUB)
    assert [(c.category, c.min) for c in claims] == [("killed", 3), ("injured", 20)]
    assert {c.attribution.name for c in claims} == {"Police"}
    assert {c.place.name for c in claims} == {"Izeh"}


def test_subset_inherits_category():
    claims = extract("At least 12 people, including three children, were killed.", published=PUB)
    assert [(c.min, c.category, c.count_kind) for c in claims] == [
        (12, "killed", "incremental"),
        (3, "killed", "subset"),
    ]
