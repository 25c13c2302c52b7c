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


def places(text: str, published: date | None = PUB) -> list[tuple[str | None, str | None]]:
    return [(c.place.name, c.place.country) for c in extract(text, published=published)]


def test_place_in_the_sources_name_is_a_fallback() -> None:
    assert places("Police in Karaj said 12 people were arrested.") == [("Karaj", "IR")]
    assert places("Officials in Urmia denied that 5 prisoners had been executed.") == [
        ("Urmia", "IR")
    ]


def test_place_in_an_organisations_name_is_not_the_events() -> None:
    assert places("The Kurdistan bar association said 16 lawyers were arrested.") == [(None, None)]


def test_a_later_count_keeps_its_own_place() -> None:
    text = "Activists say 3,000 were detained, including at least 250 in Mashhad."
    assert places(text) == [(None, None), ("Mashhad", "IR")]
    text = "8 teachers were detained in Mashhad and 3 in Neyshabur."
    assert places(text) == [("Mashhad", "IR"), ("Neyshabur", "IR")]


def test_a_list_of_counts_shares_the_place_after_it() -> None:
    text = "The group documented 537 killings, 22,000 arrests and 4 executions in Iran."
    assert [p for p in places(text)] == [("Iran", "IR")] * 3


def test_a_place_after_a_semicolon_does_not_go_back() -> None:
    text = "Students at 12 universities boycotted classes; in Tehran, 300 students rallied."
    assert places(text) == [(None, None), ("Tehran", "IR")]


def test_place_carries_to_a_sentence_that_refers_back() -> None:
    text = (
        "A fire broke out on Saturday in a prison in Rasht. "
        "The judiciary said four inmates died in the fire."
    )
    assert places(text) == [("Rasht", "IR")]


def test_an_unrelated_event_word_does_not_carry_a_place() -> None:
    text = (
        "She was detained by the morality police in Tehran. "
        "State media said 35 people have died in the unrest."
    )
    assert places(text) == [(None, None)]


def test_dateline_is_the_place_of_in_the_city() -> None:
    text = "NASIRIYAH, 29 November (Agency) – Security forces shot dead 19 protesters in the city."
    assert places(text) == [("NASIRIYAH", "IQ")]


def test_nationwide_takes_the_country_named() -> None:
    text = (
        "Protests spread in Iran's Zahedan. The group said at least 92 people had been "
        "killed across the country before the Zahedan shooting."
    )
    assert places(text)[-1] == ("Iran", "IR")


def test_nationwide_without_a_country_named_takes_the_country_of_the_places() -> None:
    # copies of one wire story: a title without "Iran's" must not make it Zahedan's figure
    text = (
        "Security forces shot dead at least 41 people in the city of Zahedan on Friday. "
        "The group said at least 92 people had been killed across the country before "
        "the Zahedan shooting."
    )
    assert places(text) == [("Zahedan", "IR"), ("Iran", "IR")]


def test_the_nearer_in_x_wins_over_a_direction_of_another_place() -> None:
    text = "In Karaj, west of Tehran, several people were killed."
    assert places(text) == [("Karaj", "IR")]


def test_district_and_part_of_a_country() -> None:
    claims = extract("Police detained 260 people in north Tehran.", published=PUB)
    p = claims[0].place
    assert (p.name, p.country, p.precision) == ("north Tehran", "IR", "city")
    claims = extract("42 people were killed in western Iran.", published=PUB)
    p = claims[0].place
    assert (p.name, p.country, p.precision) == ("western Iran", "IR", "region")


def test_kurdistan_region_is_in_iraq() -> None:
    claims = extract("9 reporters were arrested in the Kurdistan Region.", published=PUB)
    p = claims[0].place
    assert (p.name, p.country, p.precision) == ("Kurdistan Region", "IQ", "region")


def test_a_facility_name_is_not_a_town() -> None:
    assert places("12 prisoners were moved to Sepidar prison.") == [(None, None)]
    assert places("56 were executed in Zahedan prison.") == [("Zahedan", "IR")]


def test_worldwide_is_a_region_without_country() -> None:
    claims = extract("Rallies were held in more than 150 cities worldwide.", published=PUB)
    p = claims[0].place
    assert (p.name, p.country, p.precision) == ("worldwide", None, "region")


def test_a_parenthetical_subset_does_not_cut_the_parents_place() -> None:
    text = "At least 83 people, among them 11 children, have been killed across Iran."
    assert places(text) == [("Iran", "IR"), ("Iran", "IR")]


def test_incl_does_not_end_the_sentence() -> None:
    text = "Iran: 448 killed incl. 60 minors, 18,170 detained"
    assert places(text) == [("Iran", "IR")] * 3


def test_a_town_and_its_province_name_the_town():
    [claim] = extract("Seven people were killed in Izeh, Khuzestan, on 16 November.")
    assert (claim.place.precision, claim.place.admin1) == ("city", "IR-06")
    assert claim.place.name == "Izeh, Khuzestan"
    # a list of towns is still several places
    [claim] = extract("Seven people were killed in Izeh, Ahvaz and Shiraz on 16 November.")
    assert claim.place.precision == "region"


def test_a_governor_named_for_a_province_and_its_capital_speaks_for_the_province():
    text = "Kermanshah's governor's office said two people had been killed."
    [claim] = extract(text)
    assert (claim.place.precision, claim.place.admin1) == ("admin1", "IR-05")
    # a town that names no province keeps its own governor
    [claim] = extract("Zahedan's governor said 12 people died.")
    assert claim.place.precision == "city"


def test_subsets_in_an_aside_do_not_cut_the_count_from_its_place():
    claims = extract("96 people, including 13 children and 2 women, were killed in Zahedan.")
    assert [(c.min, c.place.name) for c in claims] == [
        (96, "Zahedan"), (13, "Zahedan"), (2, "Zahedan"),
    ]  # fmt: skip


def test_an_officials_figure_for_a_city_of_the_province_in_their_title() -> None:
    text = (
        "11 people were killed in Mahabad on Thursday. Karim Nikzad, West Azerbaijan's "
        "deputy governor for security affairs, told state media that three people had died."
    )
    assert places(text) == [("Mahabad", "IR"), ("Mahabad", "IR")]
    # the sentence says the province itself
    text = (
        "11 people were killed in Mahabad on Thursday. West Azerbaijan's governor said 30 "
        "people had been killed across the province."
    )
    assert extract(text, published=PUB)[-1].place.precision == "admin1"


def test_a_province_in_another_sources_name_does_not_widen_the_place() -> None:
    text = (
        "State media in the province said that 'rioters' attacked the governorate, and "
        "quoted the governor of Khash as saying that 4 people died."
    )
    [claim] = extract(text, published=PUB)
    assert (claim.place.name, claim.place.precision) == ("Khash", "city")


THREAD = (
    "Thread archived from chirp.example (local account)\n\n"
    "[29 Sep 13:05] Thousands marched after Friday prayers in Zahedan (زاهدان) again. "
    "Chanting for the dead. #زاهدان\n\n"
    "[29 Sep 18:30] No one was killed today, thank God.\n"
)


def test_a_text_about_one_city_places_the_counts_of_its_later_paragraphs() -> None:
    assert places(THREAD)[-1] == ("Zahedan", "IR")
    # a time zone and a capitalised word that is a town abroad are no other place
    text = THREAD.replace("(local account)", "00:41 (Tehran time)") + "Mobile internet is back.\n"
    assert places(text)[-1] == ("Zahedan", "IR")


def test_a_text_naming_another_place_or_one_paragraph_keeps_rule_15() -> None:
    other = THREAD + "\n[29 Sep 20:00] 3 people were arrested in Khash.\n"
    assert places(other)[-2] == (None, None)
    one = "Thousands marched in Zahedan on Friday. No one was killed, witnesses said."
    assert places(one)[-1] == (None, None)
    # a running total may cover more than the city
    total = THREAD + "\nSince last year, the death toll has risen to 12 so far.\n"
    assert places(total)[-1] == (None, None)
