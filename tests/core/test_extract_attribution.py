"""Attribution: reporting verbs, "according to", relays, denial, dispute, modality."""

from datetime import date

import pytest

from tallybook.core.extract import extract

PUB = date(2023, 5, 8)


def source(text: str):
    claims = extract(text, published=PUB)
    assert len(claims) == 1, claims
    a = claims[0].attribution
    return None if a is None else (a.name, a.verb, a.stance, a.via)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 people were killed.", None),
        (
            "Iran Human Rights Monitor said 12 people were killed.",
            ("Iran Human Rights Monitor", "said", "reports", None),
        ),
        ("12 people were killed, police said.", ("police", "said", "reports", None)),
        (
            "12 people were killed, said the governor of the province.",
            ("the governor of the province", "said", "reports", None),
        ),
        (
            "According to the judiciary, 12 people were executed.",
            ("the judiciary", "According to", "reports", None),
        ),
        (
            "12 people were executed, according to state television.",
            ("state television", "according to", "reports", None),
        ),
        (
            "Reuters, citing three officials, reported that 12 protesters were shot dead.",
            ("three officials", "citing", "reports", "Reuters"),
        ),
        ("Officials denied that 40 people were killed.", ("Officials", "denied", "denies", None)),
        (
            "The judiciary's Mizan news agency reported that 5 people were hanged.",
            ("The judiciary's Mizan news agency", "reported", "reports", None),
        ),
    ],
)
def test_attribution(text, expected):
    assert source(text) == expected


def test_dispute():
    text = "Officials rejected reports that 40 people were killed as exaggerated."
    (c,) = extract(text, published=PUB)
    assert c.attribution is not None and c.attribution.stance == "disputes"


@pytest.mark.parametrize(
    "text",
    [
        "12 people were reportedly killed.",
        "12 people are feared dead.",
        "12 people may have been killed.",
        "Unconfirmed reports say 12 people were killed.",
        "12 people are believed to have been killed.",
        "[19:31] UNCONFIRMED: 40 killed in Mahabad tonight.",
        "There were reports of 40 killed in Mahabad tonight.",
        "Early reports that as many as 12 had died were not confirmed.",
        "The figure of 40 killed could not be verified.",
    ],
)
def test_hedged(text):
    claims = extract(text, published=PUB)
    assert claims and all(c.hedged for c in claims)


def test_not_hedged():
    (c,) = extract("12 people were killed.", published=PUB)
    assert not c.hedged
    (c,) = extract("BREAKING: 12 people were killed in Mahabad.", published=PUB)
    assert not c.hedged


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("No one was killed.", "killed"),
        ("Nobody was arrested.", "arrested"),
        ("None were arrested.", "arrested"),
        ("No protesters were killed.", "killed"),
    ],
)
def test_negation(text, category):
    (c,) = extract(text, published=PUB)
    assert (c.category, c.min, c.max, c.negated) == (category, 0, 0, True)


def test_denial_is_not_negation():
    (c,) = extract("Officials denied that 40 people were killed.", published=PUB)
    assert (c.min, c.negated) == (40, False)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("According to the judiciary's annual report, 4,000 prisoners were freed.",
         "the judiciary's annual report"),
        ("Hundreds of thousands marched, according to opposition estimates.",
         "opposition estimates"),
        ("Mourners gathered in their thousands, according to videos verified by the Roj Rights "
         "Bureau.", "the Roj Rights Bureau"),
        ("Hundreds of their supporters were arrested on Tuesday, their websites said.",
         "their websites"),
        ("Two prisoners died after being denied medical care, Sistan Witness reported.",
         "Sistan Witness"),
    ],
)  # fmt: skip
def test_source_names_are_whole_and_not_junk(text: str, name: str) -> None:
    assert source(text)[0] == name


def test_the_pronoun_i_is_not_a_source() -> None:
    claims = extract("'They hanged six men. I counted them myself,' a shopkeeper told us.",
                     published=PUB)  # fmt: skip
    assert all(c.attribution is None or c.attribution.name != "I" for c in claims)


def test_a_figure_no_one_stands_behind_is_hedged():
    text = "Social media reports on the night of 17 November spoke of 40 dead."
    (c,) = extract(text, published=PUB)
    assert c.hedged
    (c,) = extract("State media reports said 12 people were killed.", published=PUB)
    assert not c.hedged
