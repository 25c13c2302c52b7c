"""Build the demo corpus's two lists of named detainees, and the truth behind them.

FICTIONAL: every person in these lists is invented. Names are random pairings
of common Persian given names and surnames; pairings that belong to well-known
people are refused.

Two fictional organisations keep lists of people detained in the 2019, 2022
and 2023 protests of the demo scenario:

- `lists/detainees_ngo_a.csv`: Lantern Human Rights Monitor. Careful, mostly
  complete, conventional spellings; a few people entered twice.
- `lists/detainees_ngo_b.csv`: Prisoners' Register Project. Other
  transliterations, father's name usually missing, dates a few days off,
  "SURNAME, Given" and swapped name orders, Arabic-script letter variants in the
  Persian names, occasionally age and birth year swapped into each other's
  columns, and later news on a person's status.

About 40% of the people are on both lists. `lists/TRUTH.csv` maps every row of
both lists (1-based, header not counted) to the invented person it describes.

The output is a pure function of SEED; run from anywhere:

    python src/tallybook/demo/build_lists.py
"""

from __future__ import annotations

import csv
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from tallybook.apps.people.lists import FIELDS

SEED = 20221017
OUT = Path(__file__).resolve().parent / "corpus" / "lists"

N_BOTH = 120
N_A_ONLY = 100
N_B_ONLY = 80
N_NAMESAKES = 3  # pairs of different people who share a given name and surname
N_DUP_A = 4  # people entered twice in list A
N_DUP_B = 3

# The columns of a person list, as the importer reads them by default.
COLUMNS = list(FIELDS)

# canonical spelling first, then other transliterations seen in the wild
MALE = [
    ("Mohammad", "محمد", ["Mohammed", "Muhammad", "Mohamad"]),
    ("Ali", "علی", []),
    ("Reza", "رضا", ["Rida", "Raza"]),
    ("Hossein", "حسین", ["Hosein", "Hussein", "Hosseyn"]),
    ("Mehdi", "مهدی", ["Mahdi"]),
    ("Amir", "امیر", []),
    ("Hamid", "حمید", []),
    ("Saeed", "سعید", ["Said", "Saeid"]),
    ("Majid", "مجید", ["Madjid"]),
    ("Javad", "جواد", ["Jawad"]),
    ("Farhad", "فرهاد", []),
    ("Kaveh", "کاوه", ["Kave"]),
    ("Arash", "آرش", []),
    ("Behzad", "بهزاد", []),
    ("Omid", "امید", ["Omeed"]),
    ("Peyman", "پیمان", ["Payman"]),
    ("Sina", "سینا", []),
    ("Yousef", "یوسف", ["Yusuf", "Yousof"]),
    ("Ebrahim", "ابراهیم", ["Ibrahim"]),
    ("Esmail", "اسماعیل", ["Ismail", "Esmaeil"]),
    ("Abbas", "عباس", []),
    ("Morteza", "مرتضی", ["Mortaza", "Murtaza"]),
    ("Mostafa", "مصطفی", ["Mustafa"]),
    ("Hadi", "هادی", []),
    ("Milad", "میلاد", []),
    ("Pouya", "پویا", ["Puya", "Pooya"]),
    ("Sirwan", "سیروان", ["Sirvan"]),
    ("Aram", "آرام", []),
    ("Karim", "کریم", ["Kareem"]),
    ("Abdolrahman", "عبدالرحمن", ["Abdulrahman", "Abdorrahman"]),
    ("Ahmad", "احمد", ["Ahmed"]),
    ("Hassan", "حسن", ["Hasan"]),
    ("Rasoul", "رسول", ["Rasul", "Rasool"]),
    ("Vahid", "وحید", ["Wahid"]),
    ("Babak", "بابک", []),
    ("Keyvan", "کیوان", ["Kayvan"]),
    ("Hiwa", "هیوا", ["Hiva"]),
    ("Yaser", "یاسر", ["Yasser", "Yasir"]),
]
FEMALE = [
    ("Zahra", "زهرا", ["Zahraa", "Zehra"]),
    ("Fatemeh", "فاطمه", ["Fatima", "Fatemah"]),
    ("Maryam", "مریم", ["Mariam"]),
    ("Sara", "سارا", ["Sarah"]),
    ("Nasrin", "نسرین", ["Nasreen"]),
    ("Shirin", "شیرین", ["Shireen"]),
    ("Leila", "لیلا", ["Layla", "Leyla"]),
    ("Elham", "الهام", []),
    ("Parisa", "پریسا", []),
    ("Nazanin", "نازنین", []),
    ("Negin", "نگین", []),
    ("Roya", "رویا", ["Roja"]),
    ("Narges", "نرگس", []),
    ("Ghazal", "غزل", ["Qazal"]),
    ("Soheila", "سهیلا", ["Suheila", "Soheyla"]),
    ("Parvin", "پروین", []),
    ("Azadeh", "آزاده", ["Azade"]),
    ("Mina", "مینا", []),
    ("Sepideh", "سپیده", ["Sepide"]),
    ("Niloufar", "نیلوفر", ["Nilufar", "Niloofar"]),
    ("Shilan", "شیلان", []),
    ("Samaneh", "سمانه", ["Samane"]),
    ("Hanieh", "هانیه", ["Haniyeh"]),
]
SURNAMES = [
    ("Hosseini", "حسینی", ["Hoseini", "Husseini", "Hosseyni"]),
    ("Ahmadi", "احمدی", []),
    ("Mohammadi", "محمدی", ["Mohamadi", "Muhammadi"]),
    ("Rezaei", "رضایی", ["Rezaee", "Rezai", "Rezayi"]),
    ("Karimi", "کریمی", []),
    ("Moradi", "مرادی", ["Muradi"]),
    ("Rahimi", "رحیمی", []),
    ("Jafari", "جعفری", ["Jafary", "Ja'fari"]),
    ("Ghasemi", "قاسمی", ["Qasemi", "Ghassemi"]),
    ("Heidari", "حیدری", ["Heydari", "Haidari"]),
    ("Sadeghi", "صادقی", ["Sadeqi"]),
    ("Mousavi", "موسوی", ["Musavi", "Moussavi"]),
    ("Hashemi", "هاشمی", []),
    ("Azizi", "عزیزی", []),
    ("Kazemi", "کاظمی", ["Kazimi"]),
    ("Nouri", "نوری", ["Nuri", "Noori"]),
    ("Safari", "صفری", []),
    ("Bagheri", "باقری", ["Baqeri"]),
    ("Ebrahimi", "ابراهیمی", ["Ibrahimi"]),
    ("Shahbazi", "شهبازی", []),
    ("Zamani", "زمانی", []),
    ("Rostami", "رستمی", ["Rustami"]),
    ("Soltani", "سلطانی", ["Sultani"]),
    ("Yousefi", "یوسفی", ["Yusefi", "Yousofi"]),
    ("Mirzaei", "میرزایی", ["Mirzayi", "Mirzaee"]),
    ("Abbasi", "عباسی", []),
    ("Khosravi", "خسروی", ["Khosrawi"]),
    ("Rasouli", "رسولی", ["Rasuli", "Rasooli"]),
    ("Mahmoudi", "محمودی", ["Mahmudi"]),
    ("Panahi", "پناهی", []),
    ("Faraji", "فرجی", []),
    ("Taheri", "طاهری", []),
    ("Gholami", "غلامی", ["Qolami"]),
    ("Ghorbani", "قربانی", ["Qorbani"]),
    ("Shahbakhsh", "شه\u200cبخش", ["Shahbaksh"]),
    ("Narouei", "ناروئی", ["Naroui", "Narooei"]),
    ("Sharifi", "شریفی", []),
    ("Ahmadpour", "احمدپور", ["Ahmadpur"]),
    ("Kordi", "کردی", ["Kurdi"]),
    ("Ardalan", "اردلان", []),
    ("Feizi", "فیضی", ["Feyzi"]),
    ("Valizadeh", "ولی\u200cزاده", ["Valizade"]),
    ("Asadi", "اسدی", []),
    ("Bahrami", "بهرامی", []),
]
# pairings that name well-known real people: never generated
REFUSED = {
    ("Narges", "Mohammadi"),
    ("Narges", "Hosseini"),
    ("Ali", "Karimi"),
    ("Majid", "Kazemi"),
    ("Zahra", "Kazemi"),
    ("Mohammad", "Hosseini"),
    ("Hossein", "Mousavi"),
    ("Mohammad", "Mousavi"),
    ("Maryam", "Akbari"),
    ("Arash", "Sadeghi"),
    ("Ahmad", "Jalali"),
    ("Hamid", "Nouri"),
    ("Ali", "Akbari"),
}

# city: (province, variant spellings, weight in 2022)
PLACES = {
    "Tehran": ("Tehran province", ["Teheran"], 22),
    "Karaj": ("Alborz province", [], 8),
    "Sanandaj": ("Kurdistan province", ["Senneh", "Sanadaj"], 10),
    "Saqqez": ("Kurdistan province", ["Saqez", "Saghez", "Seqiz"], 7),
    "Divandarreh": ("Kurdistan province", ["Divandareh"], 2),
    "Marivan": ("Kurdistan province", [], 3),
    "Mahabad": ("West Azerbaijan province", [], 6),
    "Bukan": ("West Azerbaijan province", ["Boukan", "Bokan"], 4),
    "Urmia": ("West Azerbaijan province", ["Orumiyeh", "Urumieh", "Oroumieh"], 4),
    "Piranshahr": ("West Azerbaijan province", [], 2),
    "Zahedan": ("Sistan and Baluchestan province", ["Zahidan"], 8),
    "Khash": ("Sistan and Baluchestan province", [], 2),
    "Kermanshah": ("Kermanshah province", ["Kirmanshah"], 4),
    "Javanrud": ("Kermanshah province", ["Javanroud"], 2),
    "Isfahan": ("Isfahan province", ["Esfahan"], 4),
    "Shiraz": ("Fars province", [], 4),
    "Mashhad": ("Razavi Khorasan province", ["Mashad", "Meshed"], 4),
    "Tabriz": ("East Azerbaijan province", [], 3),
    "Rasht": ("Gilan province", [], 4),
    "Amol": ("Mazandaran province", [], 2),
    "Izeh": ("Khuzestan province", [], 1),
    "Ahvaz": ("Khuzestan province", ["Ahwaz"], 3),
    "Mahshahr": ("Khuzestan province", ["Bandar-e Mahshahr", "Bandar Mahshahr"], 0),
}
PLACES_2019 = ["Tehran", "Karaj", "Shiraz", "Mahshahr", "Isfahan", "Ahvaz"]
PLACES_2023 = ["Saqqez", "Sanandaj", "Mahabad", "Bukan", "Marivan", "Javanrud", "Zahedan"]

# canonical event and status, and how each list words them
EVENTS = {
    "protest": ("arrested at protest", "street arrest"),
    "home": ("arrested at home", "home raid"),
    "work": ("arrested at workplace", "workplace arrest"),
    "summons": ("summoned and detained", "summons"),
    "funeral": ("arrested at funeral", "funeral/memorial"),
    "campus": ("arrested at university", "campus arrest"),
}
EVENT_WEIGHTS = {"protest": 55, "home": 20, "work": 5, "summons": 8, "funeral": 7, "campus": 5}
STATUSES = {
    "detained": ("detained", "in custody"),
    "bail": ("released on bail", "bailed"),
    "prison": ("sentenced", "convicted"),
    "death": ("sentenced to death", "death sentence"),
    "released": ("released", "freed"),
    "unknown": ("unknown", "unknown"),
}
STATUS_WEIGHTS = {"detained": 34, "bail": 36, "prison": 12, "death": 2, "released": 8, "unknown": 8}
LATER = {"detained": ["bail", "prison", "released"], "unknown": ["detained", "bail"]}
SOURCES_A = [
    "LHRM: family",
    "LHRM: family",
    "LHRM: lawyer",
    "LHRM: fellow detainee",
    "LHRM: court document",
    "LHRM: social media (confirmed)",
]
SOURCES_B = [
    "PRP/relative",
    "PRP/relative",
    "PRP/court record",
    "PRP/ex-prisoner",
    "PRP/news report",
]


@dataclass
class Person:
    pid: str
    sex: str
    given: tuple[str, str, list[str]]
    surname: tuple[str, str, list[str]]
    father: tuple[str, str, list[str]]
    age: int
    birth_year: int
    place: str
    day: date
    event: str
    status: str


def weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def pick_day(rng: random.Random, period: str) -> date:
    if period == "2019":
        return date(2019, 11, 15) + timedelta(days=rng.randrange(11))
    if period == "2023":
        return date(2023, 9, 10) + timedelta(days=rng.randrange(11))
    # autumn 2022: most arrests in the first six weeks
    span = rng.choices([(0, 42), (42, 76), (76, 106)], weights=[60, 28, 12])[0]
    return date(2022, 9, 17) + timedelta(days=rng.randrange(*span))


def pick_place(rng: random.Random, period: str) -> str:
    if period == "2019":
        return rng.choice(PLACES_2019)
    if period == "2023":
        return rng.choice(PLACES_2023)
    cities = [c for c, v in PLACES.items() if v[2]]
    return rng.choices(cities, weights=[PLACES[c][2] for c in cities])[0]


def make_person(rng: random.Random, pid: str) -> Person:
    sex = "M" if rng.random() < 0.72 else "F"
    while True:
        given = rng.choice(MALE if sex == "M" else FEMALE)
        surname = rng.choice(SURNAMES)
        if (given[0], surname[0]) not in REFUSED:
            break
    father = rng.choice(MALE)
    period = rng.choices(["2022", "2019", "2023"], weights=[84, 8, 8])[0]
    day = pick_day(rng, period)
    age = max(14, min(67, round(rng.triangular(15, 60, 24))))
    birth_year = day.year - age - rng.choice([0, 1])
    status = weighted(rng, STATUS_WEIGHTS)
    if period == "2019" and status == "detained":
        status = "prison"
    return Person(
        pid,
        sex,
        given,
        surname,
        father,
        age,
        birth_year,
        pick_place(rng, period),
        day,
        weighted(rng, EVENT_WEIGHTS),
        status,
    )


def spell(rng: random.Random, name: tuple[str, str, list[str]], p_variant: float) -> str:
    if name[2] and rng.random() < p_variant:
        return rng.choice(name[2])
    return name[0]


def typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "double", "swap", "vowel"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    vowels = {"a": "e", "e": "a", "o": "u", "u": "o", "i": "y", "y": "i"}
    for j in range(i, len(word)):
        if word[j] in vowels:
            return word[:j] + vowels[word[j]] + word[j + 1 :]
    return word


def arabic_letters(text: str) -> str:
    return text.replace("ی", "ي").replace("ک", "ك")


def row_a(rng: random.Random, p: Person) -> dict[str, str]:
    given = spell(rng, p.given, 0.12)
    surname = spell(rng, p.surname, 0.12)
    if rng.random() < 0.05:
        if rng.random() < 0.5:
            given = typo(rng, given)
        else:
            surname = typo(rng, surname)
    fa = "" if rng.random() < 0.03 else f"{p.given[1]} {p.surname[1]}"
    father = spell(rng, p.father, 0.15) if rng.random() < 0.85 else ""
    age = str(p.age) if rng.random() < 0.9 else ""
    birth = str(p.birth_year) if rng.random() < 0.75 or not age else ""
    place = p.place
    variants = PLACES[place][1]
    if variants and rng.random() < 0.2:
        place = rng.choice(variants)
    return {
        "name": f"{given} {surname}",
        "name_fa": fa,
        "father_name": father,
        "age": age,
        "birth_year": birth,
        "sex": "" if rng.random() < 0.03 else p.sex,
        "place": place,
        "date": "" if rng.random() < 0.03 else p.day.isoformat(),
        "event": EVENTS[p.event][0],
        "status": STATUSES[p.status][0],
        "source": rng.choice(SOURCES_A),
    }


def row_b(rng: random.Random, p: Person) -> dict[str, str]:
    given = spell(rng, p.given, 0.45)
    surname = spell(rng, p.surname, 0.45)
    if rng.random() < 0.07:
        if rng.random() < 0.5:
            given = typo(rng, given)
        else:
            surname = typo(rng, surname)
    order = rng.random()
    if order < 0.07:
        name = f"{surname.upper()}, {given}"
    elif order < 0.12:
        name = f"{surname} {given}"
    else:
        name = f"{given} {surname}"
    fa = f"{p.given[1]} {p.surname[1]}"
    roll = rng.random()
    if roll < 0.15:
        fa = ""
    elif roll < 0.45:
        fa = arabic_letters(fa)
    if rng.random() < 0.3:
        fa = fa.replace("\u200c", "")
    father = spell(rng, p.father, 0.45) if rng.random() < 0.35 else ""
    age_at_listing = p.age + (1 if rng.random() < 0.08 else 0)
    age = str(age_at_listing) if rng.random() < 0.55 else ""
    birth = str(p.birth_year) if rng.random() < 0.75 else ""
    if age and birth and rng.random() < 0.04:
        age, birth = birth, age  # entered into each other's columns
    place = p.place
    province, variants, _ = PLACES[place]
    roll = rng.random()
    if roll < 0.08:
        place = province
    elif variants and roll < 0.45:
        place = rng.choice(variants)
    roll = rng.random()
    if roll < 0.08:
        when = ""
    elif roll < 0.35:
        when = (p.day + timedelta(days=rng.choice([-3, -2, -1, 1, 1, 2, 3]))).isoformat()
    else:
        when = p.day.isoformat()
    status = p.status
    if status in LATER and rng.random() < 0.3:
        status = rng.choice(LATER[status])
    return {
        "name": name,
        "name_fa": fa,
        "father_name": father,
        "age": age,
        "birth_year": birth,
        "sex": "" if rng.random() < 0.1 else ("male" if p.sex == "M" else "female"),
        "place": place,
        "date": when,
        "event": EVENTS[p.event][1],
        "status": STATUSES[status][1],
        "source": rng.choice(SOURCES_B),
    }


def build(rng: random.Random) -> tuple[list[tuple[str, dict]], list[tuple[str, dict]]]:
    total = N_BOTH + N_A_ONLY + N_B_ONLY
    people = [make_person(rng, f"P{n:04d}") for n in range(1, total + 1)]
    # namesakes: the last few people take the name (not the father, age or place) of the first
    for k in range(N_NAMESAKES):
        twin = people[total - 1 - k]
        twin.sex = people[k].sex
        twin.given, twin.surname = people[k].given, people[k].surname
    order = list(range(total))
    rng.shuffle(order)
    both = order[:N_BOTH]
    a_only = order[N_BOTH : N_BOTH + N_A_ONLY]
    b_only = order[N_BOTH + N_A_ONLY :]
    in_a = sorted(both + a_only)
    in_b = sorted(both + b_only)
    rows_a = [(people[i].pid, row_a(rng, people[i])) for i in in_a]
    rows_a += [(people[i].pid, row_a(rng, people[i])) for i in rng.sample(in_a, N_DUP_A)]
    rows_b = [(people[i].pid, row_b(rng, people[i])) for i in in_b]
    rows_b += [(people[i].pid, row_b(rng, people[i])) for i in rng.sample(in_b, N_DUP_B)]
    # list A is kept in date order, list B by place then name
    rows_a.sort(key=lambda r: (r[1]["date"] or "9999", r[1]["name"]))
    rows_b.sort(key=lambda r: (r[1]["place"], r[1]["name"]))
    return rows_a, rows_b


def write_csv(path: Path, fieldnames: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> int:
    rows_a, rows_b = build(random.Random(SEED))
    OUT.mkdir(parents=True, exist_ok=True)
    write_csv(OUT / "detainees_ngo_a.csv", COLUMNS, [r for _, r in rows_a])
    write_csv(OUT / "detainees_ngo_b.csv", COLUMNS, [r for _, r in rows_b])
    truth = [
        {"list": name, "row": str(n), "person_id": pid}
        for name, rows in (("detainees_ngo_a", rows_a), ("detainees_ngo_b", rows_b))
        for n, (pid, _) in enumerate(rows, start=1)
    ]
    write_csv(OUT / "TRUTH.csv", ["list", "row", "person_id"], truth)
    people = {pid for pid, _ in rows_a} | {pid for pid, _ in rows_b}
    shared = {pid for pid, _ in rows_a} & {pid for pid, _ in rows_b}
    print(f"list A: {len(rows_a)} rows, list B: {len(rows_b)} rows")
    print(f"{len(people)} people, {len(shared)} on both lists")
    return 0


if __name__ == "__main__":
    sys.exit(main())
