"""English words for the extraction rules (see lexicon.py)."""

from __future__ import annotations

from .lexicon import Lexicon, Phrase
from .qualifiers import ABOUT, AT_LEAST, FEWER, MORE, NEARLY, UP_TO


def _phrases(text: str) -> list[Phrase]:
    """Phrases separated by '|', words by spaces."""
    return [tuple(p.split()) for p in text.split("|") if p.strip()]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _table(pairs: dict[str, str]) -> dict[Phrase, str]:
    out: dict[Phrase, str] = {}
    for value, text in pairs.items():
        for phrase in _phrases(text):
            out[phrase] = value
    return out


_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

_PRE = _table(
    {
        MORE: "more than|over|above|in excess of|upwards of|upward of|exceeds|exceeded|"
        "exceeding|exceed|surpassed|topped|well over|just over|more then",
        AT_LEAST: "at least|no fewer than|no less than|not less than|a minimum of|"
        "not fewer than|at the very least",
        NEARLY: "nearly|almost|close to|just under|approaching|nearing|just shy of|"
        "closer to|just below",
        ABOUT: "about|around|approximately|roughly|some|an estimated|estimated|~|circa|"
        "approx .|approx|an approximate|or so|reportedly some",
        UP_TO: "up to|as many as|at most|no more than|not more than|a maximum of",
        FEWER: "fewer than|less than|under|below",
    }
)
_POST = _table({AT_LEAST: "or more|+|plus|and more|-plus", ABOUT: "or so"})

_VAGUE: dict[Phrase, tuple[int, int | None]] = {}
for _text, _bounds in [
    ("a dozen|dozen", (12, 12)),
    ("a few|a handful of|a handful", (2, 9)),
    ("several", (3, 9)),
    ("dozens of|dozens|several dozen|several dozens of|a few dozen|a few dozens of", (24, 99)),
    ("scores of|scores", (40, 99)),
    ("tens of", (20, 99)),
    ("hundreds of|hundreds|several hundred|several hundreds of|a few hundred", (200, 999)),
    ("thousands of|thousands|several thousand|several thousands of|a few thousand", (2000, 9999)),
    ("tens of thousands of|tens of thousands", (20000, 99999)),
    ("hundreds of thousands of|hundreds of thousands", (200000, 999999)),
    ("millions of|millions", (2000000, None)),
    ("tens of millions of|tens of millions", (20000000, 99999999)),
]:
    for _p in _phrases(_text):
        _VAGUE[_p] = _bounds

_TRIGGERS = _table(
    {
        "killed": "killed|kill|kills|killing|killings|shot dead|shot and killed|gunned down|"
        "slain|murdered|massacred|lost their lives|lost his life|lost her life|dead|"
        "death toll|toll|fatalities|martyred|slaughtered|beaten to death|deaths|"
        "were shot dead|bodies|casualties",
        "died": "died|die|dies|dying|died in custody|deaths in custody|died in detention|"
        "deaths in detention|died in prison|deaths in prison",
        "executed": "executed|execute|executes|executing|executions|execution|hanged|"
        "hanging|hangings|put to death",
        "arrested": "arrested|arrest|arrests|arresting|taken into custody|rounded up|"
        "apprehended|picked up|nabbed",
        "detained": "detained|detain|detains|detaining|held|imprisoned|jailed|"
        "behind bars|in detention|in custody|detainees|inmates|remain in custody|"
        "remain in detention|being held",
        "injured": "injured|wounded|hurt|injuring|wounding|injuries|wounds|beat|beaten|"
        "were beaten|taken to hospital|were taken to hospital|taken to a clinic|hospitalised|"
        "hospitalized|were hospitalised|lost sight|lost their sight|poisoned|shot|"
        "in critical condition|treated for|had been hospitalised|had been taken to hospital",
        "other": "charged|put on trial|on trial|summoned|flogged|publicly flogged|expelled|"
        "fired|tortured|deported|fled|have fled|had fled|trapped|are trapped|stopped|"
        "pushed back|moved to|forced confessions|infected|had been infected|"
        "under investigation|affected|cut off|displaced|evicted|lashed|interrogated|"
        "raids|attacks|been charged|had been charged|been summoned|had been summoned|"
        "were summoned|were expelled|have been tortured",
        "sentenced": "sentenced|sentences|death sentences|convicted|condemned|on death row|"
        "face execution|death row|face imminent execution|facing execution|"
        "facing imminent execution|death sentences for|death sentence for",
        "disappeared": "disappeared|went missing|missing|forcibly disappeared|"
        "disappearances|disappearance|remain missing|lost contact with|whereabouts|"
        "whereabouts unknown",
        "released": "released|freed|release|releasing|freeing|released on bail|pardoned|"
        "set free|were freed|temporary leave|granted temporary leave|temporary leave to|"
        "furlough|furloughed",
        "protests": "protests|rallies|demonstrations|gatherings|strikes|sit-ins|marches|"
        "protest actions|protest gatherings|protest rallies|rallies and protests|"
        "protest|demonstration|rally|strike|riots",
        "attendance": "rallied|gathered|marched|chanting|present|were present|on the streets|"
        "converged|staged a sit-in|staged|protesting|marking|tried to attend|filled|defied|"
        "on strike|have been on strike|took part|attended|turned out|joined|"
        "took to the streets|participated|demonstrated|protested|gather|march|chanted|"
        "attended by|took part in",
    }
)

_EVENT_NOUNS = _words(
    "protests rallies demonstrations gatherings strikes sit-ins marches actions riots "
    "incidents attacks raids events protest rally demonstration strike gathering march"
)
_PLACE_NOUNS = _words(
    "cities towns provinces villages counties locations places districts neighbourhoods "
    "neighborhoods universities campuses city town province localities sites prisons schools "
    "hospitals"
)
_PERSON_NOUNS = _words(
    "people persons person individuals civilians protesters protestors demonstrators "
    "children minors women men students prisoners inmates detainees activists journalists "
    "reporters workers teachers members citizens residents villagers others labourers "
    "laborers lawyers bystanders soldiers officers fighters militants kolbars porters "
    "migrants refugees nationals dissidents boys girls teenagers juveniles victims "
    "patients mourners drivers farmers retirees pensioners nurses doctors youths "
    "participants worshippers supporters adults mothers fathers "
    "baluch kurds afghans arabs bahais christians sunnis"
)
_ATTENDANCE_NOUNS = _table({"attendance": "a crowd of|crowd of|crowds of|a gathering of|"
                            "a rally of|a turnout of|a march of|a protest of|drew|drawing|draws|"
                            "gathered in their|marched in their|came out in their|"
                            "turned out in their|rallied in their|"
                            "poured out in their"})  # fmt: skip

_NONCOUNT_NEXT = _words(
    "years year months month weeks week days day hours hour minutes minute seconds "
    "percent per % rials rial tomans toman dollars dollar usd euros euro pounds lashes "
    "km kilometres kilometers miles metres meters kg kilograms tons tonnes pages page "
    "times am pm a.m. p.m. o'clock th st nd rd bn million-dollar degrees votes "
    "points seats billion-rial kilometre kilometer mph cm mm litres liters grams "
    "barrels euros' dollars' nights night eye eyes bank banks branches vehicles cars "
    "buildings sources"
)
_NONCOUNT_PREV = _words(
    "$ € £ ¥ article articles ward wards section sections page pages no. no number "
    "aged age paragraph clause chapter cell block room tel phone flight route highway "
    "unit resolution law code bill usd eur rials rial tomans hall gate building floor "
    "station platform appendix table figure fig. vol. volume issue item point rule "
    "class grade level plot lot district region zone sector km kilometre kilometer "
    "salon precinct bus line ages day branch"
)
_NONCOUNT_NEXT_PHRASES = frozenset(
    _phrases("- year - old|- years - old|years old|year old|- year|- month|- day|- hour|"
             "- week|-year-old|- strong|per cent|years in prison|years of|"
             "independent sources|separate sources|different sources")
)  # fmt: skip

_SUBSET = frozenset(
    _phrases("including|among them|of whom|of them|among whom|among those|among the dead|"
             "include|includes|included|among the detainees|among the arrested|"
             "among the victims|among the|of those|including at least|among|of which")
)  # fmt: skip
_CUMULATIVE = frozenset(
    _phrases("toll|in total|total of|so far|to date|thus far|as of|overall|altogether|"
             "cumulative|total|rose to|risen to|climbed to|reached|has reached|"
             "have reached|tally|stands at|stood at|raising the|bringing the|"
             "brought the|up to now|until now")
)  # fmt: skip
_INCREMENTAL = _words("more another additional new further fresh latest")
_HEDGES = frozenset(
    _phrases("reportedly|allegedly|unconfirmed|unverified|feared|may|might|possibly|"
             "believed to|thought to|presumed|probably|apparently|could have|are said to|"
             "is said to|were said to|feared dead|purportedly|perhaps|likely|reports of|"
             "rumours of|rumors of|rumour|rumor|not confirmed|could not be verified|"
             "not been confirmed|not verified")
)  # fmt: skip
_NEGATORS = frozenset(_phrases("no one|nobody|none|no|not a single|not one|zero|no-one"))

_REPORTING = _table(
    {
        # the source's own admission (rule 23); everything else is relayed
        "asserts": "confirmed|confirms|confirm|acknowledged|acknowledges|acknowledge|"
        "admitted|admits|admit|insisted|insists|insist|has confirmed|have confirmed",
        "reports": "said|says|say|told|tells|tell|announced|announces|announce|stated|states|"
        "claimed|claims|claim|added|adding|estimated|estimates|estimate|"
        "counted|counts|recorded|records|documented|documents|put|puts|declared|"
        "declares|wrote|writes|tweeted|posted|noted|notes|revealed|reveals|"
        "alleged|alleges|warned|warns|warn|saying|announcing|gave|give|gives|registered|"
        "verified|verifies|has said|have said|had said|said on|show|shows|showed|"
        "identifies|identified|listed|lists|names|named|found|spoke of|fear|fears|"
        "has verified|have verified|has announced|have announced|had recorded|"
        "has recorded|have recorded|had documented|has documented|have documented|"
        "according to|reported|reports|reporting|report|citing|cited|quoting|"
        "quoted|report by|as reported by|reported by|quoted by|cited by",
        "denies": "denied|denies|deny|denying|deny that",
        "disputes": "rejected|rejects|reject|disputed|disputes|dispute|dismissed|dismisses|"
        "questioned|questions|contested|contests|challenged|challenges|disputing|"
        "rejecting|dismissing",
    }
)

_SOURCE_WORDS = _words(
    "officials official police authorities authority activists activist witnesses witness "
    "sources source media television tv agency agencies group groups organisation "
    "organization organisations organizations ministry judiciary spokesman spokeswoman "
    "spokesperson governor prosecutor monitor observatory office committee council center "
    "centre network watchdog campaign campaigners lawyers lawyer family families "
    "relatives residents doctors hospital morgue coroner army military government regime "
    "opposition broadcaster newspaper outlet website channel state rights human local "
    "provincial security medical health interior news semi-official semi - deputy senior "
    "chief head director minister mayor commander forces guards service services "
    "independent international national united nations un ngo ngos report reports "
    "analysis data figures count tally statement rescue emergency workers union unions "
    "association teachers' journalists' federal public prosecutors judicial judge court "
    "nurses medics paramedics staff administration experts researchers investigators "
    "monitors human-rights opposition-linked pro-government officers diplomats province "
    "members community organisers organizers websites records estimates"
)
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12, "jan.": 1, "feb.": 2, "aug.": 8,
    "sept.": 9, "oct.": 10, "nov.": 11, "dec.": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

LEXICON = Lexicon(
    lang="en",
    number_units=_UNITS,
    number_scales=_SCALES,
    number_joiners=frozenset({"and", "-"}),
    number_articles=frozenset({"a", "an", "one"}),
    pre_qualifiers=_PRE,
    post_qualifiers=_POST,
    vague=_VAGUE,
    triggers=_TRIGGERS,
    event_nouns=_EVENT_NOUNS,
    place_nouns=_PLACE_NOUNS,
    person_nouns=_PERSON_NOUNS,
    attendance_nouns=_ATTENDANCE_NOUNS,
    noncount_next=_NONCOUNT_NEXT,
    noncount_prev=_NONCOUNT_PREV,
    noncount_next_phrases=_NONCOUNT_NEXT_PHRASES,
    subset_cues=_SUBSET,
    subset_after=frozenset(
        _phrases("of them|of whom|of those|among them|of the dead|of the victims|of the deceased")
    ),
    comparison_cues=frozenset(
        _phrases("up from|down from|compared with|compared to|against|versus|vs|vs .|from")
    ),
    cumulative_cues=_CUMULATIVE,
    cumulative_after=frozenset(
        _phrases("so far|to date|in total|thus far|altogether|overall|until now|up to now")
    ),
    incremental_cues=_INCREMENTAL,
    hedges=_HEDGES,
    hearsay=frozenset(
        {"reports", "rumours", "rumors", "social media", "social media reports", "media reports",
         "unconfirmed reports", "online reports", "unverified reports", "posts",
         "social media posts"}
    ),  # fmt: skip
    negators=_NEGATORS,
    reporting=_REPORTING,
    relay_verbs=frozenset({"citing", "quoting", "cited", "quoted"}),
    source_words=_SOURCE_WORDS,
    name_links=frozenset({"of", "for", "and", "'s", "’s", "-", "on", "in", "&", "to"}),
    determiners=frozenset({"the", "a", "an", "its", "their", "his", "her"}),
    months=_MONTHS,
    weekdays=_WEEKDAYS,
    clause_breaks=frozenset({";", "while", "whereas", "but", "although", "though", "—", ":"}),
    place_stoplist=_words(
        "sunday monday tuesday wednesday thursday friday saturday police may march "
        "june july august april january february september october november december "
        "reuters amnesty government state republic islamic revolutionary guards "
        "court supreme the news agency human rights more most many some several "
        "dozens hundreds thousands nearly over about"
    ),
)
