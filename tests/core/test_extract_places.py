"""Places: gazetteer resolution, precision, datelines, the clause's own place."""

from datetime import date

import pytest

from tallybook.core.extract import extract

PUB = date(2023, 5, 8)


def place(text: str):
    claims = extract(text, published=PUB)
    assert len(claims) == 1, claims
    p = claims[0].place
    return p.name, p.country, p.admin1, p.precision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 people were killed in Zahedan.", ("Zahedan", "IR", "IR-11", "city")),
        (
            "12 people were killed in Sistan and Baluchestan province.",
            ("Sistan and Baluchestan", "IR", "IR-11", "admin1"),
        ),
        ("12 people were executed in Iran.", ("Iran", "IR", None, "country")),
        ("12 people were killed in زاهدان.", ("زاهدان", "IR", "IR-11", "city")),
        ("12 people were killed.", (None, None, None, "unknown")),
    ],
)
def test_places(text, expected):
    assert place(text) == expected


def test_dateline_is_not_the_event_place():
    text = "TEHRAN, 3 May (IRNA) – 12 people were killed in Zahedan on Friday."
    assert place(text)[0] == "Zahedan"
    text = "TEHRAN, 3 May (IRNA) – 12 people were arrested on Friday."
    assert place(text)[0] is None


def test_dateline_used_when_the_text_says_here():
    text = "ZAHEDAN, Iran — Security forces killed 12 worshippers here on Friday."
    assert place(text)[:2] == ("ZAHEDAN", "IR")


def test_place_of_the_clause_wins():
    text = "Police in Tehran said 12 people were killed in Mashhad; 30 were arrested in Rasht."
    claims = extract(text, published=PUB)
    assert [(c.min, c.place.name) for c in claims] == [(12, "Mashhad"), (30, "Rasht")]


def test_scope_places():
    claims = extract("More than 400 protests were held in 342 cities.", published=PUB)
    assert [(c.category, c.unit, c.min, c.scope_places) for c in claims] == [
        ("protests", "events", 400, 342)
    ]


def test_organisation_names_are_not_places():
    (c,) = extract("Human Rights Watch said 12 people were killed.", published=PUB)
    assert c.place.name is None
