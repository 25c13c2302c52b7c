"""Synthetic, fictional inputs for tests and benchmarks.

Nothing here describes real events: places, people and organisations are
made up from syllables. The generators are deterministic for a seed.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from .facts import ClaimFact
from .origins import Doc

# fmt: off
_SYLLABLES = (
    "ka", "ra", "ma", "na", "sa", "ta", "da", "ba", "za", "ha", "la", "va", "ya", "ga", "pa",
    "fa", "ri", "mi", "ni", "si", "ti", "di", "bi", "zi", "ko", "ro", "mo", "no", "so", "to",
    "do", "bo", "zo", "lu", "mu", "nu", "su", "tu", "du", "shah", "gol", "mehr", "abad", "dar",
    "kan", "var", "zan", "ruz", "band", "rud", "dasht", "kuh", "sar",
)
# fmt: on

_CATEGORIES = (
    ("killed", "were killed", "people"),
    ("arrested", "were arrested", "people"),
    ("injured", "were injured", "people"),
    ("detained", "were detained", "people"),
    ("executed", "were executed", "people"),
)

_TEMPLATES = (
    "{n} {who} {verb} in {city} on {day}, the {org} said in a statement on {weekday}.",
    "Witnesses told {outlet} that {force} opened fire near the {site} in {city} as {crowd} "
    "gathered after {event}.",
    "{person}, a {role} from {city}, said the {force} had {action} the {site} before dawn.",
    "The {org} said it had confirmed the names of {n} of the victims, among them {person} "
    "and {person2}.",
    "According to {outlet}, the {official} of {province} denied that {force} had used "
    "live ammunition against {crowd}.",
    "Families of those {held} outside {site} in {city} were told to wait for news from the "
    "{official}.",
    "Videos shared on social media and verified by the {org} showed {crowd} chanting near "
    "{site} while {force} blocked the roads to {city}.",
    "The {official} blamed {blame} for the unrest and said calm had returned to {province}.",
    "{person} said {pronoun} {relative} was taken from {site} on {weekday} and has not been "
    "heard from since.",
    "Internet access in {province} was cut for {hours} hours, the monitoring group {org} reported.",
    "Doctors at the {site} in {city} said they had treated {n} people for {wounds}.",
    "The {org} warned that the number of {noun} in {province} was likely to rise as more "
    "families came forward.",
)

_FILL = {
    "who": ("people", "protesters", "students", "worshippers", "workers", "residents"),
    "force": ("security forces", "riot police", "plain-clothes agents", "the guards"),
    "site": (
        "main mosque",
        "central bazaar",
        "police station",
        "university gate",
        "provincial hospital",
        "governor's office",
        "central prison",
        "main square",
    ),
    "crowd": ("hundreds of people", "a large crowd", "mourners", "young men", "families"),
    "event": ("Friday prayers", "a funeral", "a memorial", "a strike", "evening prayers"),
    "role": ("shopkeeper", "teacher", "nurse", "student", "driver", "retired clerk"),
    "action": ("surrounded", "raided", "closed", "searched", "sealed off"),
    "official": ("governor", "police chief", "prosecutor", "security council", "mayor"),
    "blame": ("foreign media", "armed groups", "rioters", "hostile channels"),
    "pronoun": ("her", "his", "their"),
    "relative": ("son", "daughter", "brother", "sister", "husband", "cousin"),
    "held": ("detained", "arrested", "held", "missing"),
    "wounds": ("gunshot wounds", "pellet wounds", "broken bones", "tear gas injuries"),
    "noun": ("deaths", "arrests", "detentions", "injuries", "executions"),
    "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

_HEADLINE_EDITS = ("UPDATE: ", "Breaking: ", "", "Report: ")
# fmt: off
_CHROME_WORDS = (
    "subscribe", "newsletter", "privacy", "terms", "cookies", "contact", "advertise", "careers",
    "archive", "podcasts", "opinion", "culture", "sport", "weather", "markets", "editions",
    "account", "login",
)
# fmt: on

FICTIONAL = "FICTIONAL — synthetic text; places, people and organisations are invented."


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


class _World:
    """Names shared by all documents of one corpus."""

    def __init__(self, rng: random.Random, n_docs: int) -> None:
        self.cities = [_word(rng, rng.randint(2, 3)) for _ in range(300)]
        self.provinces = [_word(rng, 3) for _ in range(31)]
        self.people = [f"{_word(rng, 2)} {_word(rng, 3)}" for _ in range(5000)]
        self.orgs = [
            f"{_word(rng, 2)} {rng.choice(('Rights', 'Human Rights', 'Justice'))} "
            f"{rng.choice(('Monitor', 'Watch', 'Centre', 'Network'))}"
            for _ in range(60)
        ]
        n_domains = max(10, n_docs // 50)
        self.domains = [f"{_word(rng, 3).lower()}.example" for _ in range(n_domains)]
        self.outlets = {d: d.split(".")[0].capitalize() + " News" for d in self.domains}
        self.outlet_names = list(self.outlets.values())
        # Each site's footer: long enough to be hashed as a paragraph, so the
        # boilerplate rule has something to ignore.
        self.footers = {
            d: f"© {self.outlets[d]}. "
            + " ".join(rng.choice(_CHROME_WORDS) for _ in range(20))
            + ". All rights reserved; republication without permission is prohibited."
            for d in self.domains
        }


def _sentence(rng: random.Random, w: _World, city: str, province: str, day: str) -> str:
    cat = rng.choice(_CATEGORIES)
    slots = {k: rng.choice(v) for k, v in _FILL.items()}
    slots.update(
        n=str(rng.randint(2, 120)),
        verb=cat[1],
        city=city if rng.random() < 0.7 else rng.choice(w.cities),
        province=province,
        day=day,
        org=rng.choice(w.orgs),
        outlet=rng.choice(w.outlet_names),
        person=rng.choice(w.people),
        person2=rng.choice(w.people),
        hours=str(rng.randint(6, 72)),
    )
    return rng.choice(_TEMPLATES).format(**slots)


def _story(rng: random.Random, w: _World) -> tuple[str, list[str]]:
    city, province = rng.choice(w.cities), rng.choice(w.provinces)
    day = f"{rng.randint(1, 28)} {rng.choice(('May', 'June', 'September', 'October'))}"
    headline = f"{rng.randint(3, 90)} {rng.choice(_FILL['who'])} {rng.choice(_CATEGORIES)[1]} "
    headline += f"in {city}, says {rng.choice(w.orgs)}"
    paras = [
        " ".join(_sentence(rng, w, city, province, day) for _ in range(rng.randint(2, 3)))
        for _ in range(rng.randint(4, 7))
    ]
    return headline, paras


def _render(w: _World, domain: str, headline: str, paras: list[str]) -> str:
    nav = "Home | World | Middle East | Opinion | " + w.outlets[domain]
    return "\n".join([nav, headline, FICTIONAL, *paras, w.footers[domain]])


def _edit(rng: random.Random, paras: list[str]) -> list[str]:
    """A syndicated copy: a word or two changed, perhaps cut short or extended."""
    out = list(paras)
    for _ in range(rng.randint(0, 2)):
        i = rng.randrange(len(out))
        ws = out[i].split()
        ws[rng.randrange(len(ws))] = rng.choice(("reportedly", "also", "then", "later"))
        out[i] = " ".join(ws)
    roll = rng.random()
    if roll < 0.15 and len(out) > 3:
        out = out[:-1]
    elif roll < 0.3:
        out.append("Agencies contributed to this report. Editing by the news desk.")
    return out


def synthetic_docs(n: int, *, seed: int, syndication: float = 0.3) -> list[Doc]:
    """`n` news-like documents; a share `syndication` of them are copies.

    Copies go to other domains, with their own chrome, a light edit and a
    later time, and sometimes a changed headline; popular stories get many
    copies. About one original in twenty also reuses one paragraph of an
    earlier story (a partial copy).
    """
    rng = random.Random(seed)
    w = _World(rng, n)
    start = datetime(2022, 9, 16, 6, 0)
    stories: list[tuple[str, list[str], datetime]] = []
    docs: list[Doc] = []
    for i in range(n):
        domain = rng.choice(w.domains)
        if stories and rng.random() < syndication:
            # Recent stories are copied most, as on a news wire.
            headline, paras, first = stories[max(0, len(stories) - 1 - int(rng.expovariate(0.2)))]
            if rng.random() < 0.3:
                headline = rng.choice(_HEADLINE_EDITS) + headline.replace(
                    " says ", " according to "
                )
            text = _render(w, domain, headline, _edit(rng, paras))
            published = first + timedelta(minutes=rng.expovariate(1 / 600))
        else:
            headline, paras = _story(rng, w)
            if stories and rng.random() < 0.05:
                paras.insert(1, rng.choice(rng.choice(stories)[1]))
            published = start + timedelta(minutes=10 * i + rng.randint(0, 9))
            stories.append((headline, paras, published))
            text = _render(w, domain, headline, paras)
        docs.append(Doc(id=f"d{i:07d}", text=text, published=published, domain=domain))
    return docs


_FACT_CATEGORIES = ("killed", "arrested", "injured", "detained", "executed", "protests")
_KINDS = ("government", "state_media", "ngo", "ngo", "media", "media", "political_group")


def synthetic_facts(n: int, *, seed: int, per_incident: float = 5.0) -> list[ClaimFact]:
    """`n` claim facts about some `n / per_incident` fictional events, plus aggregates.

    Most claims name a city, some only its province or country; figures
    scatter around each event's count, officials' lower; a few claims are
    denials or "no one was killed"; about 5% are running totals. Countries
    use the user-assigned codes XA–XC, cities GeoNames-like ids from 9e6.
    """
    rng = random.Random(seed)
    days = [date(2020, 1, 1) + timedelta(days=d) for d in range(3 * 365)]
    countries = {"XA": 31, "XB": 10, "XC": 6}
    provinces = [f"{c}-{p:02d}" for c, k in countries.items() for p in range(1, k + 1)]
    cities = [(9_000_000 + i, rng.choice(provinces)) for i in range(900)]
    voices = [(f"v{i}", _KINDS[i % len(_KINDS)]) for i in range(120)]
    facts: list[ClaimFact] = []
    incident = 0
    while len(facts) < n:
        incident += 1
        city, admin1 = rng.choice(cities)
        category = rng.choice(_FACT_CATEGORIES)
        day = rng.randrange(len(days) - 2)
        true = max(1, int(rng.lognormvariate(2.0, 1.2)))
        origins = [f"o{incident}-{j}" for j in range(rng.randint(1, 3))]
        for _ in range(max(1, round(rng.expovariate(1 / per_incident)))):
            if len(facts) >= n:
                break
            voice, kind = rng.choice(voices)
            base: dict[str, object] = {
                "id": f"c{len(facts):08d}",
                "category": category,
                "country": admin1[:2],
                "origin": rng.choice(origins),
                "voice": voice,
                "claimant_kind": kind,
            }
            if rng.random() < 0.05:
                total = true * rng.randint(20, 400)
                facts.append(_fact(base, total, total, end=days[day], as_of=True))
                continue
            lo = max(1, int((true // 4 if kind in _OFFICIAL else true) * rng.uniform(0.8, 1.2)))
            hi = lo if rng.random() < 0.6 else (None if rng.random() < 0.5 else lo + lo // 5 + 1)
            roll = rng.random()
            if roll < 0.85:
                base.update(city=city, admin1=admin1)
            elif roll < 0.95:
                base.update(admin1=admin1)
            negated = rng.random() < 0.02
            stance = "denies" if rng.random() < 0.03 else rng.choice(("asserts", "reports"))
            facts.append(
                _fact(
                    base,
                    0 if negated else lo,
                    0 if negated else hi,
                    start=None if rng.random() < 0.2 else days[day],
                    end=days[day + rng.randint(0, 1)],
                    negated=negated,
                    stance=stance,
                )
            )
    return facts


_OFFICIAL = frozenset({"government", "state_media"})


def _fact(base: dict[str, object], lo: int, hi: int | None, **more: object) -> ClaimFact:
    fields: dict[str, Any] = {
        "unit": "people",
        "admin1": None,
        "city": None,
        "start": None,
        "as_of": False,
        "count_kind": "incremental",
        "negated": False,
        "hedged": False,
        "stance": None,
        "scope_places": None,
        **base,
        **more,
    }
    if fields["as_of"]:
        fields["count_kind"] = "cumulative"
    level = "city" if fields["city"] else "admin1" if fields["admin1"] else "country"
    return ClaimFact(min=lo, max=hi, point=lo, precision=level, **fields)
