"""Tables of counts by place, read by their columns (fictional figures)."""

from datetime import date

from tallybook.core.extract import extract

PUB = date(2022, 11, 30)

PIPED = """Killed in the protests: city by city (as of 29 November 2022)

Our monitors have confirmed every death in the table below.

| People killed by security forces, by city, 17 September – 29 November 2022 | | | | |
|---|---|---|---|---|
| City | City (Persian) | Province | Killed | Notes |
|---|---|---|---|---|
| Zahedan | زاهدان | Sistan and Baluchestan | 96 | 30 September, after Friday prayers |
| Mahabad | مهاباد | West Azerbaijan | 11 | 16–17 November |
| Kermanshah | کرمانشاه | Kermanshah | 15 | |
| Rasht | رشت | Gilan | 1,017 | |
| Other cities | سایر شهرها | — | 50 | 38 cities with one to four deaths each |
| Total | | | 1,189 | |

How to cite: please link to this page."""

ALIGNED = """Killed in the protests: city by city, final figures
Data as of 31 December 2022 | Published 10 January 2023
Between 17 September and 31 December 2022, our monitors confirmed these deaths. The
table gives our figures by city.
City Province Killed
Zahedan Sistan and Baluchestan 96
Kermanshah Kermanshah 17
Rasht Gilan 19
Other cities (38 cities) 59
Total 191
Page 1 of 2
"""


def rows(text: str, published: date = PUB) -> dict[str, object]:
    """Claims by their row's first cell: "Zahedan", "Other cities", "Total"."""
    return {c.quote.strip("| ").split(" |")[0]: c for c in extract(text, published=published)}


def test_a_piped_table_gives_one_claim_per_row_at_its_city():
    claims = rows(PIPED)
    zahedan = claims["Zahedan"]
    assert (zahedan.category, zahedan.min, zahedan.max, zahedan.exact) == ("killed", 96, 96, True)
    assert (zahedan.place.name, zahedan.place.admin1, zahedan.place.precision) == (
        "Zahedan", "IR-11", "city",
    )  # fmt: skip
    rasht = claims["Rasht"]
    assert (rasht.min, rasht.place.name, rasht.place.admin1) == (1017, "Rasht", "IR-01")


def test_the_city_column_wins_over_a_province_of_the_same_name():
    kermanshah = rows(PIPED)["Kermanshah"]
    assert kermanshah.place.precision == "city"
    assert kermanshah.place.admin1 == "IR-05"


def test_rows_take_the_captions_period_and_notes_date_their_event():
    claims = rows(PIPED)
    rasht = claims["Rasht"]
    # the caption's period; "as of" in the title makes it a running total
    assert (rasht.time.start, rasht.time.end, rasht.time.as_of) == (
        "2022-09-17", "2022-11-29", True,
    )  # fmt: skip
    assert rasht.count_kind == "cumulative"
    zahedan = claims["Zahedan"]
    assert (zahedan.time.start, zahedan.time.end, zahedan.time.as_of) == (
        "2022-09-30", "2022-09-30", False,
    )  # fmt: skip
    assert zahedan.count_kind == "incremental"
    mahabad = claims["Mahabad"]
    assert (mahabad.time.start, mahabad.time.end) == ("2022-11-16", "2022-11-17")


def test_other_and_total_rows_are_counts_over_many_places():
    claims = rows(PIPED)
    other = claims["Other cities"]
    assert (other.min, other.scope_places, other.place.country, other.place.precision) == (
        50, 38, "IR", "country",
    )  # fmt: skip
    total = claims["Total"]
    assert (total.min, total.place.country, total.place.precision) == (1189, "IR", "country")


def test_the_table_is_read_once_and_the_text_around_it_as_sentences():
    claims = extract(PIPED, published=PUB)
    # six rows; no row is read again as a sentence, the "(Persian)" header is no count
    assert len(claims) == 6
    assert [c.span.start for c in claims] == sorted(c.span.start for c in claims)
    for c in claims:
        assert PIPED[c.span.start : c.span.end] == c.quote


def test_an_aligned_pdf_table_is_split_into_city_and_province():
    claims = rows(ALIGNED, published=date(2023, 1, 10))
    zahedan = claims["Zahedan Sistan and Baluchestan 96"]
    assert (zahedan.place.name, zahedan.place.admin1, zahedan.min) == ("Zahedan", "IR-11", 96)
    # the period the paragraph before states; "Data as of" makes it a running total
    assert (zahedan.time.start, zahedan.time.end, zahedan.time.as_of) == (
        "2022-09-17", "2022-12-31", True,
    )  # fmt: skip
    assert claims["Kermanshah Kermanshah 17"].place.precision == "city"
    assert claims["Other cities (38 cities) 59"].scope_places == 38
    assert claims["Total 191"].place.precision == "country"
    # the page footer under the last row is not a row
    assert not any("Page" in q for q in claims)
    assert len(claims) == 5


def test_a_source_line_under_the_table_attributes_its_rows():
    text = (
        "| City | Province | Executions |\n"
        + "| Mashhad | Razavi Khorasan | 4 |\n| Shiraz | Fars | 2 |\n"
        + "(Source: Prison Watch Collective)"
    )
    claims = extract(text, published=PUB)
    assert [(c.category, c.place.name, c.min) for c in claims] == [
        ("executed", "Mashhad", 4),
        ("executed", "Shiraz", 2),
    ]
    assert {c.attribution.name for c in claims} == {"Prison Watch Collective"}


def test_a_table_without_place_or_count_columns_is_left_to_the_sentence_rules():
    text = "| Year | Budget |\n|---|---|\n| 2021 | 4,000 |\n| 2022 | 5,000 |"
    assert extract(text, published=PUB) == []


def test_a_protest_table_counts_events_and_an_undated_table_says_so():
    text = "| City | Protests |\n|---|---|\n| Mashhad | 14 |\n| Shiraz | 9 |\n"
    claims = extract(text, published=PUB)
    assert [(c.category, c.unit, c.min, c.place.name) for c in claims] == [
        ("protests", "events", 14, "Mashhad"),
        ("protests", "events", 9, "Shiraz"),
    ]
    # no period stated: the publication date bounds it, and the kind is not known
    assert {(c.time.start, c.time.end, c.count_kind) for c in claims} == {
        (None, "2022-11-30", "unknown")
    }


def test_prose_under_a_line_that_looks_like_a_header_is_not_a_table():
    text = (
        "State Executions\n"
        "Amnesty International counted executions across the country in 2021\n"
        "and the numbers rose again sharply by the end of 2022\n"
    )
    assert [c.min for c in extract(text, published=PUB)] == []


def test_rates_are_not_counts_and_every_count_column_is_read():
    rates = "| Province | Killed (%) |\n|---|---|\n| Tehran | 12 |\n| Fars | 30 |\n"
    assert extract(rates, published=PUB) == []
    text = (
        "| Province | Year | Killed | Arrested |\n|---|---|---|---|\n"
        "| Tehran | 2020 | 4 | 120 |\n| Tehran | 2021 | 2 | 99999999999999999999 |\n"
    )
    claims = [(c.category, c.min, c.time.start, c.count_kind) for c in extract(text, published=PUB)]
    # the Year column dates each row; a 20-digit figure is no count
    assert claims == [
        ("killed", 4, "2020", "cumulative"),
        ("arrested", 120, "2020", "cumulative"),
        ("killed", 2, "2021", "cumulative"),
    ]


def test_a_total_over_several_countries_counts_their_places():
    text = "| Country | Killed |\n|---|---|\n| Iran | 96 |\n| Iraq | 20 |\n| Total | 116 |\n"
    total = rows(text)["Total"]
    assert (total.place.precision, total.scope_places) == ("unknown", 2)


def test_the_nearest_line_before_a_table_dates_it():
    text = (
        "In January 2024 we published our preliminary figures.\n\n"
        "Executions by province of the prison, 2023 (minimum figures)\n\n"
        "Province Executions\nAlborz (Ghezel Hesar) 112\nFars 39\nTotal 151\n"
    )
    claims = rows(text, published=date(2024, 2, 20))
    alborz = claims["Alborz (Ghezel Hesar) 112"]
    assert (alborz.place.admin1, alborz.time.start, alborz.time.end) == ("IR-30", "2023", "2023")
    assert alborz.count_kind == "cumulative"  # a year's count, not one day's
