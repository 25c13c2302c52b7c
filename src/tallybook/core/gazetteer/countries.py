"""Hand-added names for countries that reports name in ways GeoNames' English name misses."""

from __future__ import annotations

# ISO 3166-1 alpha-2 -> extra names. GeoNames' own English name is always indexed too.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "IR": ("Islamic Republic of Iran", "Persia", "ایران", "جمهوری اسلامی ایران"),
    "US": (
        "United States of America",
        "US",
        "U.S.",
        "USA",
        "U.S.A.",
        "America",
        "آمریکا",
        "امریکا",
        "ایالات متحده",
    ),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "بریتانیا", "انگلیس"),
    "DE": ("Deutschland", "آلمان"),
    "TR": ("Türkiye", "Turkiye", "ترکیه"),
    "SY": ("Syrian Arab Republic", "سوریه"),
    "IQ": ("Republic of Iraq", "عراق"),
    "AF": ("Islamic Emirate of Afghanistan", "افغانستان"),
    "RU": ("Russian Federation", "روسیه"),
    "KR": ("Republic of Korea", "Korea", "کره جنوبی"),
    "KP": ("Democratic People's Republic of Korea", "DPRK", "کره شمالی"),
    "NL": ("Netherlands", "Holland", "هلند"),
    "AE": ("UAE", "Emirates", "امارات"),
    "SA": ("Kingdom of Saudi Arabia", "عربستان", "عربستان سعودی"),
    "PK": ("پاکستان",),
    "FR": ("فرانسه",),
    "IL": ("اسرائیل",),
    "AZ": ("Republic of Azerbaijan", "جمهوری آذربایجان"),
    "AM": ("ارمنستان",),
    "TM": ("ترکمنستان",),
    "PS": ("Palestine", "State of Palestine", "فلسطین"),
    "CI": ("Côte d'Ivoire",),
    "CZ": ("Czech Republic",),
    "MM": ("Burma",),
    "CD": ("DR Congo", "DRC"),
    "VA": ("Holy See",),
    "TL": ("East Timor",),
    "CV": ("Cape Verde",),
    "SZ": ("Swaziland",),
    "MK": ("Macedonia",),
}

# Aliases whose folded form is an everyday word ("us") or a likely acronym clash. They are
# indexed like any other name; a caller matching free text should accept them only when
# the text has them in capitals.
ACRONYMS: frozenset[str] = frozenset({"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "DRC"})
