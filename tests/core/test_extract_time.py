"""Time: explicit dates and ranges, relative dates, running totals."""

from datetime import date

import pytest

from tallybook.core.extract import extract

PUB = date(2023, 5, 10)  # a Wednesday


def when(text: str, published: date | None = PUB):
    claims = extract(text, published=published)
    assert len(claims) == 1, claims
    t = claims[0].time
    return t.start, t.end, t.as_of, t.anchor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 people were killed on 3 May 2023.", ("2023-05-03", "2023-05-03", False, "explicit")),
        ("12 people were killed on May 3, 2022.", ("2022-05-03", "2022-05-03", False, "explicit")),
        ("12 people were killed on 3 June.", ("2022-06-03", "2022-06-03", False, "explicit")),
        ("12 people were killed in March 2021.", ("2021-03", "2021-03", False, "explicit")),
        ("280 people were executed in 2019.", ("2019", "2019", False, "explicit")),
        (
            "From 2009 to 2020, 1,500 people were executed.",
            ("2009", "2020", False, "explicit"),
        ),
        ("12 people were killed on Sunday.", ("2023-05-07", "2023-05-07", False, "relative")),
        ("12 people were killed yesterday.", ("2023-05-09", "2023-05-09", False, "relative")),
        ("12 people were arrested last week.", ("2023-05-01", "2023-05-07", False, "relative")),
        ("12 people were killed.", (None, "2023-05-10", False, "publication")),
    ],
)
def test_dates(text, expected):
    assert when(text) == expected


def test_no_publication_date():
    assert when("12 people were killed.", published=None) == (None, None, False, "unknown")
    assert when("12 people were killed on Sunday.", published=None)[3] in ("relative", "unknown")


def test_as_of():
    start, end, as_of, _ = when("As of 12 April, at least 500 people had been arrested.")
    assert (start, end, as_of) == (None, "2023-04-12", True)


def test_since():
    start, end, as_of, _ = when("More than 300 people have been arrested since September.")
    assert (start, end, as_of) == ("2022-09", "2023-05-10", True)


def test_toll_rose_is_a_running_total():
    claims = extract("The death toll rose to 50.", published=PUB)
    (c,) = claims
    assert (c.category, c.min, c.count_kind, c.time.as_of, c.time.end) == (
        "killed",
        50,
        "cumulative",
        True,
        "2023-05-10",
    )


def test_report_date_is_not_event_date():
    (c,) = extract("Amnesty said on Tuesday that 12 people were killed.", published=PUB)
    assert c.time.anchor == "publication"


def test_incremental_more():
    (c,) = extract("12 more people were killed on Sunday.", published=PUB)
    assert c.count_kind == "incremental"


# --- periods, running totals and count kinds (rules 15-21) ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 people were arrested over the past three nights.", ("2023-05-07", "2023-05-10")),
        ("Police arrested 230 people in a week.", ("2023-05-03", "2023-05-10")),
        ("9 reporters were arrested in the past month.", ("2023-04-10", "2023-05-10")),
        ("30 people were hanged in the first eight months of 2012.", ("2012-01", "2012-08")),
        ("640 people were executed in the first half of 2015.", ("2015-01", "2015-06")),
        ("4,000 prisoners were freed during the Iranian year 1395.", ("2016-03-20", "2017-03-20")),
        (
            "Fewer than 100 people were executed in the past Iranian year.",
            ("2022-03-21", "2023-03-20"),
        ),
        ("12 people were killed last November.", ("2022-11", "2022-11")),
        ("43 gatherings were held on Women's Day.", ("2023-03-08", "2023-03-08")),
        ("14 people were hanged on Monday and Tuesday.", ("2023-05-08", "2023-05-09")),
        ("5 people were killed overnight.", ("2023-05-09", "2023-05-09")),
        ("8 teachers were detained after Sunday's sit-ins.", ("2023-05-07", "2023-05-10")),
    ],
)
def test_periods(text, expected):
    t = extract(text, published=PUB)[0].time
    assert (t.start, t.end) == expected


def test_solar_year_boundaries():
    from tallybook.core.extract.periods import solar_year

    assert solar_year(1391) == ("2012-03-20", "2013-03-20")
    assert solar_year(1401) == ("2022-03-21", "2023-03-20")


def test_offset_from_a_stated_day():
    claims = extract(
        "Iran hanged 9 men on Saturday, three days after an ambush that killed 6 guards.",
        published=PUB,
    )
    assert [(c.min, c.time.start) for c in claims] == [(9, "2023-05-06"), (6, "2023-05-03")]


def test_statement_day_ends_a_running_total():
    (c,) = extract(
        "At least 83 people have been killed since 16 April, the group said on Sunday.",
        published=PUB,
    )
    assert (c.time.start, c.time.end, c.time.as_of) == ("2023-04-16", "2023-05-07", True)


def test_since_a_noun_phrase_is_a_running_total():
    (c,) = extract(
        "Police have arrested 2,000 people since the election on 12 April.", published=PUB
    )
    assert (c.time.start, c.time.end, c.time.as_of, c.count_kind) == (
        "2023-04-12",
        "2023-05-10",
        True,
        "cumulative",
    )


def test_since_another_event_does_not_time_the_count():
    (c,) = extract(
        "50,000 people rallied on Saturday, the largest crowd since 2022.", published=PUB
    )
    assert (c.time.start, c.time.as_of, c.count_kind) == ("2023-05-06", False, "incremental")


def test_current_state_is_as_of_publication():
    (c,) = extract("Eighteen students still held after last month's raid.", published=PUB)
    assert (c.time.start, c.time.end, c.time.as_of) == (None, "2023-05-10", True)
    (c,) = extract("Almost 300 prisoners are on death row.", published=PUB)
    assert (c.time.as_of, c.count_kind) == (True, "cumulative")


def test_present_perfect_is_a_total_unless_the_period_is_closed():
    (c,) = extract("More than 15,300 people have been arrested.", published=PUB)
    assert (c.time.as_of, c.count_kind) == (True, "cumulative")
    (c,) = extract("Security forces have killed 42 people in the past week.", published=PUB)
    assert (c.time.as_of, c.count_kind) == (False, "cumulative")


def test_this_year_runs_to_publication():
    (c,) = extract("More than 300 people had been executed this year.", published=PUB)
    assert (c.time.start, c.time.end, c.time.as_of) == ("2023", "2023-05-10", True)


def test_as_of_date_by():
    (c,) = extract("By 31 March, the toll had reached 342.", published=PUB)
    assert (c.time.start, c.time.end, c.time.as_of) == (None, "2023-03-31", True)


def test_count_kind_follows_the_period():
    (c,) = extract("14 men were executed in Qazvin in April.", published=PUB)
    assert c.count_kind == "cumulative"
    (c,) = extract("5 people were hanged in Shiraz last week.", published=PUB)
    assert c.count_kind == "incremental"
    (c,) = extract("12 people were killed in Zahedan on Sunday.", published=PUB)
    assert c.count_kind == "incremental"


def test_reference_carries_the_time_of_the_sentence_before():
    claims = extract(
        "A fire broke out on Saturday night in a prison in Rasht. "
        "The judiciary said four inmates died in the fire.",
        published=PUB,
    )
    assert [(c.min, c.time.start) for c in claims] == [(4, "2023-05-06")]


def test_partitive_subset_takes_the_parents_time():
    claims = extract(
        "Of the 19 activists arrested in Shadegan in March, 14 have been released.",
        published=PUB,
    )
    assert [(c.min, c.count_kind, c.time.start) for c in claims] == [
        (19, "cumulative", "2023-03"),
        (14, "subset", "2023-03"),
    ]


def test_bare_table_line_is_unknown_kind():
    claims = extract("Shiraz: 3 killed, 14 wounded.", published=PUB)
    assert [c.count_kind for c in claims] == ["unknown", "unknown"]


def test_two_days_of_one_month_are_a_range_not_a_count():
    # "16 and 17 November": the 16 is a day, not 16 more people
    assert when("In Karaj, 11 people were killed on 16 and 17 November.") == (
        "2022-11-16", "2022-11-17", False, "explicit",
    )  # fmt: skip
    assert when("11 people were killed on 16 to 17 November 2019.")[:2] == (
        "2019-11-16", "2019-11-17",
    )  # fmt: skip


def test_a_date_broken_over_a_wrapped_pdf_line_stays_one_date():
    text = (
        "The largest numbers we have been able to confirm were in Karaj, where 11 people\n"
        "were killed on 16 and 17 November; and in Shiraz, where 6 people were shot dead on 16\n"
        "November. Their families were told to stay silent.\n"
    )
    claims = extract(text, published=PUB)
    assert [(c.min, c.place.name, c.time.start, c.time.end) for c in claims] == [
        (11, "Karaj", "2022-11-16", "2022-11-17"),
        (6, "Shiraz", "2022-11-16", "2022-11-16"),
    ]


def test_a_weekday_before_a_date_is_that_date():
    assert when("96 people were killed on Friday 30 September 2022.")[:2] == (
        "2022-09-30", "2022-09-30",
    )  # fmt: skip
    assert when("12 people were killed on Friday, September 30, 2022.")[:2] == (
        "2022-09-30", "2022-09-30",
    )  # fmt: skip


def test_a_section_heading_dates_and_places_the_counts_under_it():
    text = (
        "FIELD REPORT\n\n"
        "Events of Monday 18 November 2019, Mahshahr, Khuzestan\n\n"
        "We have confirmed the names of 23 people killed, with their families.\n\n"
        "Later\n\n"
        "12 people were arrested in Ahvaz on 20 November.\n"
    )
    killed, arrested = extract(text, published=date(2019, 11, 25))
    assert (killed.min, killed.place.admin1, killed.place.precision) == (23, "IR-06", "city")
    assert killed.time.start == "2019-11-18"
    # a count that states its own place and day keeps them
    assert (arrested.place.name, arrested.time.start) == ("Ahvaz", "2019-11-20")


def test_a_caption_a_title_or_an_issue_date_is_no_section_heading():
    caption = (
        "Report\n\nPhoto: a vigil in Mahabad, 16 November\n\n"
        "The UN says 140 people were arrested.\n"
    )
    [claim] = extract(caption, published=PUB)
    assert (claim.place.name, claim.time.start) == (None, None)
    title = "Mourners gather in Zahedan on 3 October\n\n14 people were arrested, police said.\n"
    [claim] = extract(title, published=PUB)
    assert (claim.place.name, claim.time.start) == (None, None)
    issued = "STATEMENT\nIssued: Thursday 6 October 2022\nThe total number of dead is 19.\n"
    [claim] = extract(issued, published=PUB)
    assert claim.time.start is None


def test_a_long_title_line_is_not_joined_to_the_sentence_under_it():
    text = (
        "Human Rights Watch report on the crackdown in Sistan and Baluchestan province\n"
        "The authorities have executed 4 people.\n"
    )
    [claim] = extract(text, published=PUB)
    assert claim.attribution is None and claim.place.name is None


MONTHLY = (
    "LANTERN HUMAN RIGHTS MONITOR\n"
    "Monthly Report: October 2022\n"
    "Published 5 November 2022 | The Hague\n\n"
    "Between 17 September and 31 October 2022, at least 304 people were killed across "
    "Iran.\n\n"
    "Kurdistan province: at least 29 people have been killed since 17 September.\n\n"
    "In Tehran, at least 41 people were killed. At least 9 of those killed in Tehran were "
    "under 18.\n"
)


def test_a_monthly_reports_counts_run_to_the_end_of_its_month():
    claims = extract(MONTHLY, published=date(2022, 11, 5))
    got = [(c.min, c.time.start, c.time.end, c.time.as_of, c.count_kind) for c in claims]
    assert got == [
        (304, "2022-09-17", "2022-10-31", False, "cumulative"),
        # a running total is as of the report's last day, not its publication day
        (29, "2022-09-17", "2022-10-31", True, "cumulative"),
        # a count without a time: the report's total over the period it states
        (41, "2022-09-17", "2022-10-31", True, "cumulative"),
        (9, "2022-09-17", "2022-10-31", True, "subset"),
    ]


def test_an_annual_reports_counts_are_for_its_year():
    text = (
        "Annual Report 2025: executions, arrests and protest in Iran\n"
        "Published 28 January 2026\n\n"
        "We documented 2,410 arrests of activists and protesters.\n"
    )
    assert when(text, date(2026, 1, 28)) == ("2025", "2025", False, "explicit")


def test_a_report_still_running_or_a_title_without_report_dates_by_publication():
    text = "Monthly report: November 2022\n\nAt least 41 people were killed in Tehran.\n"
    assert when(text, date(2022, 11, 20)) == (None, "2022-11-20", False, "publication")
    text = "November 2019: one year on\n\nAt least 41 people were killed in Tehran.\n"
    assert when(text, date(2020, 11, 12)) == (None, "2020-11-12", False, "publication")


def test_the_same_figure_again_takes_its_place_and_time():
    text = (
        "At least 11 fuel porters were shot dead by border guards in Sistan and "
        "Baluchestan province in 2025. Fuel porters carry fuel across the border. "
        "The 11 deaths we confirmed are a minimum."
    )
    last = extract(text, published=date(2026, 1, 28))[-1]
    got = (last.min, last.place.admin1, last.time.start, last.time.end)
    assert got == (11, "IR-11", "2025", "2025")


@pytest.mark.parametrize(
    "text",
    [
        "On Tuesday the Sistan Witness Collective published the names of 96 people killed.",
        "On Tuesday, a member of parliament's security committee said 96 people were killed.",
        "A statement from the security council on 2 May raised the official toll to 96.",
        "The governor has not moved from the figure he gave state television on 2 May: 96 dead.",
        "On Tuesday the ministry's spokesman, Mehdi Rastegar, rejected the figure of 96 killed.",
    ],
)
def test_the_day_a_figure_was_stated_is_not_when_the_deaths_happened(text):
    start, end, _, _ = when(text)
    assert start is None and end in ("2023-05-02", "2023-05-10")


def test_a_statement_day_gives_way_to_the_day_the_sentence_refers_to():
    text = (
        "Security forces fired on worshippers in Zahedan on 30 September 2022.\n\n"
        "On Tuesday the collective published the names of 96 people it says were killed in "
        "Zahedan that day."
    )
    t = extract(text, published=PUB)[-1].time
    assert (t.start, t.end) == ("2022-09-30", "2022-09-30")


def test_a_day_that_opens_a_report_of_the_day_still_dates_it():
    # an aside after the day does not make it the statement's: the marches were Thursday
    text = "On Thursday, the anniversary of the revolution, state television said 40 were killed."
    assert when(text)[:2] == ("2023-05-04", "2023-05-04")


def test_a_section_headings_day_does_not_date_a_figure_given_on_another_day():
    text = (
        "Three weeks on, the numbers in Zahedan still do not agree\n\n"
        "Friday 29 September 2023\n\n"
        "The governor has not moved from the figure he gave state television on 1 October: "
        "12 dead in Zahedan.\n"
    )
    t = extract(text, published=date(2023, 10, 21))[-1].time
    assert (t.start, t.end, t.anchor) == (None, "2023-10-21", "publication")


def test_a_day_that_opens_an_event_still_dates_it():
    assert when("On Sunday security forces killed 12 protesters, police said.")[:2] == (
        "2023-05-07",
        "2023-05-07",
    )
