"""Synthetic populations of detained people and the lists that record them, with truth.

Each person has a Persian name (given name, surname, father's name) in Persian script,
a sex, a birth year, a home city and an arrest date. Each list captures some of them
(capture probability per list, scaled by a per-person visibility: `heterogeneity` 0 gives
every person the same chance) and writes them its own way: a preferred transliteration
or a random one, Persian script for some rows, Arabic letter forms, honorifics, missing
fields, typos, swapped given name and surname, age instead of birth year (and off by
one), a wrong year, another city of the same province, and duplicates within the list.

Deterministic: the same arguments give the same records.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

# Canonical Persian spelling -> Latin transliterations (the first is the most common).
MALE = {
    "محمد": ["Mohammad", "Mohammed", "Muhammad", "Mohamad", "Mohamed"],
    "علی": ["Ali"],
    "حسین": ["Hossein", "Hosein", "Hussein", "Hosain", "Hussain"],
    "رضا": ["Reza", "Rezah"],
    "مهدی": ["Mehdi", "Mahdi"],
    "امیر": ["Amir", "Ameer"],
    "حسن": ["Hassan", "Hasan"],
    "سعید": ["Saeed", "Said", "Saeid", "Sa'id"],
    "مصطفی": ["Mostafa", "Mustafa", "Mostapha"],
    "مجید": ["Majid", "Majeed"],
    "جواد": ["Javad", "Jawad"],
    "حمید": ["Hamid", "Hameed"],
    "ابراهیم": ["Ebrahim", "Ibrahim", "Ebrahim"],
    "اسماعیل": ["Esmaeil", "Esmail", "Ismail", "Esmaeel"],
    "یوسف": ["Yousef", "Yusuf", "Yousof", "Yusef"],
    "داوود": ["Davood", "Davoud", "Dawood", "Davud"],
    "مسعود": ["Masoud", "Masood", "Masud"],
    "محسن": ["Mohsen", "Muhsin"],
    "احمد": ["Ahmad", "Ahmed"],
    "جعفر": ["Jafar", "Ja'far", "Jaafar"],
    "کاوه": ["Kaveh", "Kave"],
    "کیوان": ["Kayvan", "Keyvan", "Keivan"],
    "بابک": ["Babak"],
    "پویا": ["Pouya", "Pooya", "Puya"],
    "نوید": ["Navid", "Naveed"],
    "امید": ["Omid", "Omeed"],
    "آرش": ["Arash"],
    "بهنام": ["Behnam"],
    "پیمان": ["Peyman", "Payman", "Paiman"],
    "سینا": ["Sina"],
    "میلاد": ["Milad"],
    "وحید": ["Vahid", "Wahid"],
    "فرهاد": ["Farhad"],
    "شاهین": ["Shahin", "Shaheen"],
    "عباس": ["Abbas"],
    "ابوالفضل": ["Abolfazl", "Abulfazl", "Abolfazel"],
    "روح‌الله": ["Ruhollah", "Rouhollah", "Rohollah", "Ruhullah"],
    "نعمت‌الله": ["Nematollah", "Ne'matollah", "Nematullah"],
    "عبدالرضا": ["Abdolreza", "Abdulreza", "Abdol Reza"],
    "قاسم": ["Ghasem", "Qasem", "Qassem"],
    "خلیل": ["Khalil", "Khaleel"],
    "صادق": ["Sadegh", "Sadeq", "Sadiq"],
    "مرتضی": ["Morteza", "Murtaza", "Mortaza"],
    "نادر": ["Nader", "Nadir"],
    "بهروز": ["Behrouz", "Behrooz", "Behruz"],
    "فرزاد": ["Farzad"],
    "شهرام": ["Shahram"],
    "کوروش": ["Kourosh", "Kurosh", "Koorosh", "Cyrus"],
    "منصور": ["Mansour", "Mansoor", "Mansur"],
    "ناصر": ["Naser", "Nasser", "Nasir"],
    "یاسر": ["Yaser", "Yasser", "Yasir"],
    "هادی": ["Hadi", "Hady"],
    "سجاد": ["Sajjad", "Sajad"],
    "محمدرضا": ["Mohammadreza", "Mohammad Reza", "Mohamadreza", "Muhammad Reza"],
    "امیرحسین": ["Amirhossein", "Amir Hossein", "Amir Hosein"],
    "علیرضا": ["Alireza", "Ali Reza", "Ali-Reza"],
    "مهران": ["Mehran"],
    "رامین": ["Ramin", "Rameen"],
    "اکبر": ["Akbar"],
    "اصغر": ["Asghar", "Asqar"],
    # Less common given names: the tail of the distribution.
    "مهرداد": ["Mehrdad"],
    "بهزاد": ["Behzad"],
    "کامران": ["Kamran"],
    "سهراب": ["Sohrab"],
    "رستم": ["Rostam", "Rustam"],
    "اردشیر": ["Ardeshir", "Ardashir"],
    "داریوش": ["Dariush", "Daryoush", "Daryush"],
    "سیامک": ["Siamak", "Siyamak"],
    "هومن": ["Hooman", "Houman", "Human"],
    "آرمان": ["Arman"],
    "پرویز": ["Parviz"],
    "جمشید": ["Jamshid"],
    "فریدون": ["Fereydoun", "Fereydoon", "Freydun"],
    "منوچهر": ["Manouchehr", "Manuchehr"],
    "هوشنگ": ["Houshang", "Hooshang", "Hushang"],
    "نیما": ["Nima"],
    "سامان": ["Saman"],
    "ایمان": ["Iman", "Eiman"],
    "حامد": ["Hamed"],
    "مسلم": ["Moslem", "Muslim"],
    "هاشم": ["Hashem", "Hashim"],
    "کاظم": ["Kazem", "Kazim"],
    "باقر": ["Bagher", "Baqer"],
    "یحیی": ["Yahya"],
    "موسی": ["Mousa", "Musa", "Moosa"],
    "عیسی": ["Isa", "Eisa"],
    "سلمان": ["Salman"],
    "اسدالله": ["Asadollah", "Asadullah"],
    "حبیب": ["Habib"],
    "رحیم": ["Rahim"],
    "کریم": ["Karim", "Kareem"],
    "نصرالله": ["Nasrollah", "Nasrullah"],
    "افشین": ["Afshin"],
    "بردیا": ["Bardia", "Bardiya"],
    "آرین": ["Arian", "Aryan"],
    "مازیار": ["Maziar", "Mazyar"],
    "شهاب": ["Shahab"],
    "سروش": ["Soroush", "Sorush"],
    "طاها": ["Taha"],
    "عرفان": ["Erfan", "Irfan"],
    "ماهان": ["Mahan"],
    "فرشید": ["Farshid"],
    "کامیار": ["Kamyar", "Kamiar"],
    "پژمان": ["Pejman", "Pezhman"],
    "بیژن": ["Bijan", "Bizhan"],
    "اشکان": ["Ashkan"],
}
FEMALE = {
    "فاطمه": ["Fatemeh", "Fatima", "Fatemah", "Fateme"],
    "زهرا": ["Zahra"],
    "مریم": ["Maryam", "Mariam", "Maryem"],
    "زینب": ["Zeinab", "Zaynab", "Zeynab"],
    "سارا": ["Sara", "Sarah"],
    "نرگس": ["Narges", "Narjes"],
    "آزاده": ["Azadeh", "Azade"],
    "نیلوفر": ["Niloufar", "Niloofar", "Nilufar"],
    "شیرین": ["Shirin", "Shireen"],
    "مهسا": ["Mahsa"],
    "نسرین": ["Nasrin", "Nasreen"],
    "لیلا": ["Leila", "Leyla", "Layla"],
    "الهام": ["Elham"],
    "سمیه": ["Somayeh", "Somaye", "Sumayyah"],
    "معصومه": ["Masoumeh", "Masoomeh", "Masumeh"],
    "طاهره": ["Tahereh", "Tahere"],
    "شیما": ["Shima"],
    "پریسا": ["Parisa"],
    "نازنین": ["Nazanin"],
    "سپیده": ["Sepideh", "Sepide"],
    "مژگان": ["Mozhgan", "Mojgan"],
    "ژیلا": ["Zhila", "Jila"],
    "یاسمن": ["Yasaman", "Yasamin", "Yasman"],
    "هانیه": ["Haniyeh", "Hanieh", "Haniye"],
    "عاطفه": ["Atefeh", "Atefe"],
    "فرشته": ["Fereshteh", "Fereshte"],
    "گلاره": ["Gelareh", "Gelare"],
    "رویا": ["Roya", "Ruya"],
    "مینا": ["Mina"],
    "ندا": ["Neda"],
    "آتنا": ["Atena", "Athena"],
    "سمانه": ["Samaneh", "Samane"],
    "کبری": ["Kobra", "Kubra"],
    "اعظم": ["Azam", "A'zam"],
    "ریحانه": ["Reyhaneh", "Rayhaneh", "Reihaneh"],
    # Less common given names: the tail of the distribution.
    "مهناز": ["Mahnaz"],
    "شهلا": ["Shahla"],
    "پروانه": ["Parvaneh", "Parvane"],
    "فریبا": ["Fariba"],
    "فرزانه": ["Farzaneh", "Farzane"],
    "ساناز": ["Sanaz"],
    "الناز": ["Elnaz"],
    "مرجان": ["Marjan"],
    "بهاره": ["Bahareh", "Bahare"],
    "ترانه": ["Taraneh"],
    "هستی": ["Hasti"],
    "نگار": ["Negar"],
    "سحر": ["Sahar"],
    "ملیکا": ["Melika", "Melica"],
    "کیمیا": ["Kimia", "Kimiya"],
    "آیدا": ["Aida", "Ayda"],
    "مهتاب": ["Mahtab"],
    "پرستو": ["Parastoo", "Parastu"],
    "ستاره": ["Setareh", "Setare"],
    "ژاله": ["Zhaleh", "Jaleh"],
    "منیژه": ["Manijeh", "Manizheh"],
    "فرح": ["Farah"],
    "گلناز": ["Golnaz"],
    "آزیتا": ["Azita"],
    "شقایق": ["Shaghayegh", "Shaqayeq"],
    "سوسن": ["Sousan", "Susan"],
    "اکرم": ["Akram"],
    "زهره": ["Zohreh", "Zohre"],
    "خدیجه": ["Khadijeh", "Khadije"],
    "رقیه": ["Roghayeh", "Roqayyeh"],
    "صدیقه": ["Sedigheh", "Sediqeh"],
    "نسیم": ["Nasim", "Naseem"],
    "یلدا": ["Yalda"],
    "آناهیتا": ["Anahita"],
    "بیتا": ["Bita"],
    "مهری": ["Mehri"],
    "پگاه": ["Pegah"],
}
SURNAMES = {
    "محمدی": ["Mohammadi", "Mohamadi", "Muhammadi"],
    "حسینی": ["Hosseini", "Hoseini", "Husseini", "Hosseiny"],
    "احمدی": ["Ahmadi"],
    "رضایی": ["Rezaei", "Rezaee", "Rezaie", "Rezayi"],
    "موسوی": ["Mousavi", "Musavi", "Moosavi", "Mousawi"],
    "کریمی": ["Karimi", "Kareemi"],
    "جعفری": ["Jafari", "Jaafari", "Ja'fari"],
    "کاظمی": ["Kazemi", "Kazimi"],
    "قاسمی": ["Ghasemi", "Qasemi", "Ghassemi"],
    "رحیمی": ["Rahimi", "Raheemi"],
    "هاشمی": ["Hashemi", "Hashimi"],
    "صادقی": ["Sadeghi", "Sadeqi"],
    "باقری": ["Bagheri", "Baqeri", "Baghery"],
    "غلامی": ["Gholami", "Qolami"],
    "سلطانی": ["Soltani", "Sultani"],
    "نوری": ["Noori", "Nouri", "Nuri"],
    "میرزایی": ["Mirzaei", "Mirzaee", "Mirzayi"],
    "عباسی": ["Abbasi"],
    "اکبری": ["Akbari"],
    "ابراهیمی": ["Ebrahimi", "Ibrahimi"],
    "کرمی": ["Karami"],
    "امیری": ["Amiri"],
    "نجفی": ["Najafi"],
    "یوسفی": ["Yousefi", "Yusefi", "Yousofi"],
    "شریفی": ["Sharifi"],
    "طاهری": ["Taheri"],
    "خسروی": ["Khosravi", "Khosrawi"],
    "فرهادی": ["Farhadi"],
    "مرادی": ["Moradi", "Muradi"],
    "حیدری": ["Heidari", "Heydari", "Haidari"],
    "جمشیدی": ["Jamshidi"],
    "زارعی": ["Zarei", "Zare'i", "Zaree"],
    "عزیزی": ["Azizi"],
    "کامرانی": ["Kamrani"],
    "بهرامی": ["Bahrami"],
    "صالحی": ["Salehi"],
    "نظری": ["Nazari"],
    "رستمی": ["Rostami", "Rustami"],
    "فتحی": ["Fathi"],
    "قربانی": ["Ghorbani", "Qorbani"],
    "سبحانی": ["Sobhani"],
    "دهقان": ["Dehghan", "Dehqan"],
    "افشار": ["Afshar"],
    "پورمحمدی": ["Pourmohammadi", "Pour-Mohammadi", "Purmohammadi"],
    "میرحسینی": ["Mirhosseini", "Mir Hosseini", "Mir-Hosseini"],
    "طباطبایی": ["Tabatabaei", "Tabatabaee", "Tabatabai"],
    "شیرازی": ["Shirazi"],
    "اصفهانی": ["Esfahani", "Isfahani"],
    "تهرانی": ["Tehrani"],
    "کرمانی": ["Kermani"],
    "خراسانی": ["Khorasani"],
    "یزدانی": ["Yazdani"],
    "رحمانی": ["Rahmani"],
    "سلیمانی": ["Soleimani", "Soleymani", "Sulaimani"],
    "ملکی": ["Maleki"],
    "بابایی": ["Babaei", "Babaee", "Babayi"],
    "عسگری": ["Asgari", "Askari"],
    "کیانی": ["Kiani", "Kiyani"],
    "نیک‌نام": ["Niknam"],
    "فراهانی": ["Farahani"],
    "توکلی": ["Tavakoli", "Tavakkoli"],
    "منصوری": ["Mansouri", "Mansoori", "Mansuri"],
    "ناصری": ["Naseri", "Nasseri"],
    "اسدی": ["Asadi"],
    "زمانی": ["Zamani"],
    "شجاعی": ["Shojaei", "Shojaee"],
    "مختاری": ["Mokhtari", "Mukhtari"],
    "قنبری": ["Ghanbari", "Qanbari"],
    "سعیدی": ["Saeedi", "Saidi"],
    "جلالی": ["Jalali"],
    "وکیلی": ["Vakili", "Wakili"],
    "آل‌احمد": ["Al-e Ahmad", "Al-Ahmad", "Ale Ahmad"],
    "بختیاری": ["Bakhtiari", "Bakhtiyari"],
    "لطفی": ["Lotfi", "Lutfi"],
    "عرب": ["Arab"],
    "کردی": ["Kordi", "Kurdi"],
    "بلوچ": ["Baluch", "Balouch", "Baloch"],
    "ذوالفقاری": ["Zolfaghari", "Zolfaqari", "Zulfiqari"],
}
# Surnames are far more varied than given names: Iran has tens of thousands. Most are a
# root (a given name, a trade, a place, a quality) with a suffix or prefix: Ahmad ->
# Ahmadi, Ahmadian, Ahmadzadeh, Ahmadpour, Ahmadnejad, Ahmadfar, Ahmadnia, Ahmadloo,
# Ahmadvand, Mirahmadi, Hajiahmadi, Pourahmad. `surname_pool()` builds them; the common
# surnames above come first, so they keep the head of the (Zipf-like) distribution.
SURNAME_ROOTS = {
    "احمد": ["Ahmad", "Ahmed"],
    "محمد": ["Mohammad", "Mohamad", "Mohammed"],
    "حسن": ["Hassan", "Hasan"],
    "حسین": ["Hossein", "Hosein", "Hussein"],
    "کریم": ["Karim"],
    "رحیم": ["Rahim"],
    "جعفر": ["Jafar", "Jaafar"],
    "کاظم": ["Kazem", "Kazim"],
    "قاسم": ["Ghasem", "Qasem"],
    "هاشم": ["Hashem", "Hashim"],
    "صادق": ["Sadegh", "Sadeq"],
    "باقر": ["Bagher", "Baqer"],
    "اکبر": ["Akbar"],
    "اسد": ["Asad"],
    "امیر": ["Amir"],
    "یوسف": ["Yousef", "Yusef"],
    "طاهر": ["Taher"],
    "محمود": ["Mahmoud", "Mahmood", "Mahmud"],
    "عباس": ["Abbas"],
    "ناصر": ["Naser", "Nasser"],
    "منصور": ["Mansour", "Mansoor"],
    "سعید": ["Saeed", "Saeid"],
    "جواد": ["Javad"],
    "مجید": ["Majid"],
    "حمید": ["Hamid"],
    "فرهاد": ["Farhad"],
    "بهرام": ["Bahram"],
    "رستم": ["Rostam", "Rustam"],
    "جمشید": ["Jamshid"],
    "کامران": ["Kamran"],
    "سلیمان": ["Soleiman", "Soleyman"],
    "ابراهیم": ["Ebrahim", "Ibrahim"],
    "اسماعیل": ["Esmaeil", "Esmail"],
    "یعقوب": ["Yaghoub", "Yaqub"],
    "زمان": ["Zaman"],
    "نور": ["Nour", "Noor"],
    "رحمان": ["Rahman"],
    "حیدر": ["Heidar", "Heydar"],
    "مراد": ["Morad", "Murad"],
    "قربان": ["Ghorban", "Qorban"],
    "رمضان": ["Ramezan", "Ramazan"],
    "تهران": ["Tehran"],
    "شیراز": ["Shiraz"],
    "کرمان": ["Kerman"],
    "تبریز": ["Tabriz"],
    "یزد": ["Yazd"],
    "قزوین": ["Ghazvin", "Qazvin"],
    "زنجان": ["Zanjan"],
    "همدان": ["Hamedan", "Hamadan"],
    "کاشان": ["Kashan"],
    "رشت": ["Rasht"],
    "اردبیل": ["Ardabil", "Ardebil"],
    "دهقان": ["Dehghan", "Dehqan"],
    "نجار": ["Najjar", "Najar"],
    "آهنگر": ["Ahangar"],
    "زرگر": ["Zargar"],
    "بازرگان": ["Bazargan"],
    "عطار": ["Attar", "Atar"],
    "صراف": ["Sarraf", "Saraf"],
    "درویش": ["Darvish", "Darwish"],
    "شمس": ["Shams"],
    "آزاد": ["Azad"],
    "گلستان": ["Golestan"],
    "فضل": ["Fazl"],
    "صابر": ["Saber"],
    "شریف": ["Sharif"],
    "محسن": ["Mohsen"],
    "خلیل": ["Khalil"],
    "نعمت": ["Nemat", "Ne'mat"],
    "غفار": ["Ghaffar", "Qaffar", "Ghafar"],
    "جلال": ["Jalal"],
    "کمال": ["Kamal"],
    "جمال": ["Jamal"],
    "شکر": ["Shokr"],
    "اسکندر": ["Eskandar", "Iskandar"],
    "بهمن": ["Bahman"],
    "فرخ": ["Farrokh", "Farokh"],
    "خورشید": ["Khorshid"],
    "اشرف": ["Ashraf"],
    "نصر": ["Nasr"],
    "منصف": ["Monsef"],
    "شاه": ["Shah"],
    "مهر": ["Mehr"],
    "نیک": ["Nik"],
    "پاک": ["Pak"],
    "کیا": ["Kia"],
    "ملک": ["Malek"],
    "سالار": ["Salar"],
    "دلاور": ["Delavar"],
    "سپهر": ["Sepehr"],
    "عسکر": ["Askar"],
}
# (Persian, Latin variants, prefix?) for the affixes that make surnames from roots.
SURNAME_AFFIXES = (
    ("ی", ["i"], False),
    ("یان", ["ian", "iyan", "yan"], False),
    ("زاده", ["zadeh", "zade", "zada"], False),
    ("پور", ["pour", "pur", "poor"], False),
    ("نژاد", ["nejad", "nezhad"], False),
    ("فر", ["far"], False),
    ("نیا", ["nia", "niya"], False),
    ("لو", ["loo", "lou", "lu"], False),
    ("وند", ["vand", "wand"], False),
    ("میر", ["Mir", "Mir-", "Mir "], True),
    ("حاجی", ["Haji"], True),
    ("پور", ["Pour", "Pur", "Pour-"], True),
)


def surname_pool(seed: int = 0) -> dict[str, list[str]]:
    """Surnames (Persian -> Latin variants, the first the most common), most common first.

    The hand-written common surnames, then root + affix forms in a fixed shuffled order
    (so a generated surname's rank, hence its frequency, does not follow the alphabet).
    """
    rng = random.Random(seed)
    made: dict[str, list[str]] = {}
    for root_fa, root_latin in SURNAME_ROOTS.items():
        for affix_fa, affix_latin, prefix in SURNAME_AFFIXES:
            if prefix:
                fa = affix_fa + root_fa + ("ی" if affix_fa != "پور" else "")
                end = "i" if affix_fa != "پور" else ""
                variants = [
                    f"{a}{r if a.endswith((' ', '-')) else r.lower()}{end}"
                    for a in affix_latin
                    for r in root_latin[:1]
                ]
                variants += [f"{affix_latin[0]}{r.lower()}{end}" for r in root_latin[1:]]
            else:
                fa = root_fa + affix_fa
                variants = [root_latin[0] + a for a in affix_latin]
                variants += [r + affix_latin[0] for r in root_latin[1:]]
            if fa not in SURNAMES and fa not in made:
                made[fa] = variants[:5]
    order = sorted(made)
    rng.shuffle(order)
    return {**SURNAMES, **{fa: made[fa] for fa in order}}


SURNAME_POOL = surname_pool()

# Province -> cities (Latin, spelling variants after "|").
PLACES = {
    "Tehran": ["Tehran", "Karaj|Karadj", "Eslamshahr|Islamshahr", "Shahriar|Shahriyar"],
    "Khuzestan": ["Ahvaz|Ahwaz", "Abadan", "Mahshahr", "Dezful|Dezfoul"],
    "Isfahan": ["Isfahan|Esfahan", "Kashan", "Najafabad"],
    "Kurdistan": ["Sanandaj", "Marivan", "Saqqez|Saghez"],
    "Sistan and Baluchestan": ["Zahedan", "Chabahar", "Iranshahr"],
    "Fars": ["Shiraz", "Marvdasht"],
    "Razavi Khorasan": ["Mashhad|Mashad", "Neyshabur|Nishapur"],
    "West Azerbaijan": ["Urmia|Orumiyeh", "Mahabad", "Bukan|Boukan"],
    "Gilan": ["Rasht", "Bandar Anzali|Anzali"],
    "Kermanshah": ["Kermanshah", "Javanrud|Javanroud"],
}
EVENTS = [
    ("2019-11-15", 6),
    ("2022-09-17", 45),
    ("2018-01-01", 10),
    ("2009-06-13", 20),
]
STATUSES = ["in custody", "released on bail", "sentenced", "sentenced to death", "released"]

_ARABIC_FORMS = str.maketrans({"ی": "ي", "ک": "ك"})
_HONORIFIC = {"M": ["Seyed", "Seyyed", "Haj"], "F": ["Seyedeh", "Sadat"]}


def _zipf_weights(n: int, s: float = 0.8) -> list[float]:
    return [1.0 / (i + 1) ** s for i in range(n)]


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    if op < 0.35:
        return word[:i] + word[i + 1 :]
    if op < 0.65:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op < 0.85:
        return word[:i] + rng.choice("aeiouy") + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def synthetic_people(n_people: int, *, seed: int = 0) -> list[dict]:
    """`n_people` distinct people: names in Persian script, sex, birth year, place, date."""
    rng = random.Random(seed)
    male, female, surnames = list(MALE), list(FEMALE), list(SURNAME_POOL)
    wm, wf, ws = (
        _zipf_weights(len(male)),
        _zipf_weights(len(female)),
        _zipf_weights(len(surnames), 0.7),
    )
    provinces = list(PLACES)
    wp = _zipf_weights(len(provinces), 0.7)
    events = [e for e, _ in EVENTS]
    we = [w for _, w in EVENTS]
    people = []
    for pid in range(n_people):
        sex = "M" if rng.random() < 0.8 else "F"
        given = rng.choices(male if sex == "M" else female, wm if sex == "M" else wf)[0]
        province = rng.choices(provinces, wp)[0]
        event = rng.choices(events, we)[0]
        year = int(event[:4])
        day = rng.randrange(0, 90)
        people.append(
            {
                "person_id": f"P{pid:07d}",
                "sex": sex,
                "given": given,
                "surname": rng.choices(surnames, ws)[0],
                "father": rng.choices(male, wm)[0],
                "birth_year": year - rng.randint(15, 60),
                "province": province,
                "city": rng.choice(PLACES[province]),
                "event": event,
                "day": day,
                "status": rng.choice(STATUSES),
                "visibility": rng.random(),
            }
        )
    return people


def _latin(rng: random.Random, fa: str, table: dict, style: int) -> str:
    variants = table[fa]
    if rng.random() < 0.7:
        return variants[style % len(variants)]
    return rng.choice(variants)


def synthetic_lists(
    n_people: int,
    n_lists: int = 3,
    *,
    seed: int = 0,
    capture: Sequence[float] = (0.6, 0.5, 0.4),
    heterogeneity: float = 0.5,
    duplicate_rate: float = 0.03,
    error_rate: float = 1.0,
) -> tuple[list[dict], dict[str, str]]:
    """Records from `n_lists` lists over `n_people` people, and truth record_id -> person_id.

    `capture[k]` is list k's mean capture probability (cycled if shorter than
    `n_lists`); `heterogeneity` in [0, 1] spreads it by each person's visibility.
    `error_rate` scales every missingness and error probability (0: clean lists).
    """
    from datetime import date, timedelta

    rng = random.Random(seed * 7919 + 1)
    people = synthetic_people(n_people, seed=seed)
    given_table = {**MALE, **FEMALE}
    records: list[dict] = []
    truth: dict[str, str] = {}
    for k in range(n_lists):
        list_id = f"list_{chr(ord('a') + k)}"
        lr = random.Random(seed * 1_000_003 + k)
        style = lr.randrange(5)
        e = error_rate
        p_fa_only = lr.uniform(0.0, 0.15) * e
        p_latin_only = lr.uniform(0.2, 0.5)
        p_arabic_forms = lr.uniform(0.0, 0.3)
        p_father = lr.uniform(0.2, 0.8)
        p_age_not_year = lr.uniform(0.2, 0.6)
        p_missing_year = lr.uniform(0.05, 0.25) * e
        p_missing_place = lr.uniform(0.05, 0.2) * e
        p_missing_sex = lr.uniform(0.0, 0.2) * e
        p_typo = 0.05 * e
        p_swap = 0.02 * e
        p_off_by_one = 0.15 * e
        p_wrong_year = 0.03 * e
        p_honorific = 0.05 * e
        p_province_only = lr.uniform(0.0, 0.3)
        sex_words = lr.choice([("M", "F"), ("male", "female"), ("m", "f"), ("مرد", "زن")])
        base_capture = capture[k % len(capture)]
        n = 0
        for person in people:
            p = base_capture * (1 - heterogeneity + 2 * heterogeneity * person["visibility"])
            if rng.random() >= min(p, 0.98):
                continue
            copies = 2 if rng.random() < duplicate_rate else 1
            for _ in range(copies):
                n += 1
                rid = f"{list_id}-{n:06d}"
                records.append(
                    _write(
                        rng,
                        person,
                        rid,
                        list_id,
                        style,
                        given_table,
                        p_fa_only=p_fa_only,
                        p_latin_only=p_latin_only,
                        p_arabic_forms=p_arabic_forms,
                        p_father=p_father,
                        p_age_not_year=p_age_not_year,
                        p_missing_year=p_missing_year,
                        p_missing_place=p_missing_place,
                        p_missing_sex=p_missing_sex,
                        p_typo=p_typo,
                        p_swap=p_swap,
                        p_off_by_one=p_off_by_one,
                        p_wrong_year=p_wrong_year,
                        p_honorific=p_honorific,
                        p_province_only=p_province_only,
                        sex_words=sex_words,
                        date_cls=date,
                        timedelta=timedelta,
                    )
                )
                truth[rid] = person["person_id"]
    return records, truth


def _write(
    rng: random.Random, person: dict, rid: str, list_id: str, style: int, given_table: dict, **p
) -> dict:
    given = _latin(rng, person["given"], given_table, style)
    surname = _latin(rng, person["surname"], SURNAME_POOL, style + 1)
    father = _latin(rng, person["father"], MALE, style)
    if rng.random() < p["p_typo"]:
        if rng.random() < 0.5:
            given = _typo(rng, given)
        else:
            surname = _typo(rng, surname)
    latin = f"{given} {surname}"
    fa_given, fa_surname = person["given"], person["surname"]
    if rng.random() < p["p_swap"]:
        latin = f"{surname} {given}"
        fa_given, fa_surname = fa_surname, fa_given
    if rng.random() < p["p_honorific"]:
        latin = f"{rng.choice(_HONORIFIC[person['sex']])} {latin}"
    fa = f"{fa_given} {fa_surname}".replace("\u200c", "" if rng.random() < 0.5 else "\u200c")
    if rng.random() < p["p_arabic_forms"]:
        fa = fa.translate(_ARABIC_FORMS)
    r = rng.random()
    if r < p["p_fa_only"]:
        latin = ""
    elif r < p["p_fa_only"] + p["p_latin_only"]:
        fa = ""
    d = p["date_cls"].fromisoformat(person["event"]) + p["timedelta"](days=person["day"])
    if rng.random() < 0.1:
        d += p["timedelta"](days=rng.randint(-5, 5))
    year = person["birth_year"]
    if rng.random() < p["p_wrong_year"]:
        year += rng.choice([-10, -5, -3, -2, 2, 3, 5, 10])
    age: int | None = d.year - year
    birth_year: int | None = year
    if rng.random() < p["p_age_not_year"]:
        birth_year = None
        if rng.random() < p["p_off_by_one"]:
            age += rng.choice([-1, 1])  # type: ignore[operator]
    else:
        age = None if rng.random() < 0.5 else age
    if rng.random() < p["p_missing_year"]:
        age = birth_year = None
    city = person["city"].split("|")
    place = rng.choice(city) if rng.random() < 0.4 else city[0]
    if rng.random() < p["p_province_only"]:
        place = person["province"]
    if rng.random() < p["p_missing_place"]:
        place = ""
    sex = p["sex_words"][0 if person["sex"] == "M" else 1]
    if rng.random() < p["p_missing_sex"]:
        sex = ""
    return {
        "record_id": rid,
        "list": list_id,
        "name": latin,
        "name_fa": fa,
        "father_name": father if rng.random() < p["p_father"] else "",
        "age": age,
        "birth_year": birth_year,
        "sex": sex,
        "place": place,
        "date": d.isoformat(),
        "event": "arrest",
        "status": person["status"],
    }
