"""A small, hand-written FICTIONAL corpus for publishing tests, with canaries.

Public, reviewed claims about one Friday in Zahedan (official 12, NGO 96),
running totals for the province from two claimants, and things that must
never reach a release: a restricted field report in the same incident (its
97 would widen the range to 12–97), an unreviewed claim (7319 arrested
in Rasht), a rejected one, a restricted-only incident's tag, the reviewer's
user name and the custody trail's file name.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from tallybook.apps.claims.models import Actor, Claim
from tallybook.apps.claims.services import actors_upsert, claim_accept, claim_reject, resolve_place
from tallybook.apps.incidents.models import Incident, Tag
from tallybook.apps.incidents.services import incidents_propose
from tallybook.apps.sources.services import source_ingest
from tallybook.core import gazetteer


def _number(n: str) -> str:
    return rf"(?<![0-9A-Za-z]){n}(?![0-9A-Za-z])"  # not inside a hex digest


# Patterns that must match nowhere in a release.
CANARIES = (
    "12–97", "97 people killed",  # the restricted claim would widen Zahedan's range
    "CANARY-RESTRICTED",  # the restricted source's title and publisher
    _number("7319"), "7,319", "Rasht",  # an unreviewed claim and its place
    _number("5555"), "5,555", "Kh[aā]sh",  # a rejected claim and its place
    "canary-secret-tag", "Sar[aā]v[aā]n",  # an incident only restricted claims support
    "reviewer-canary",  # the analyst's user name
    "custody-canary",  # the file name the restricted report arrived as
)  # fmt: skip


def _source(n, text, *, restricted=False, published="2022-10-01", publisher=None):
    title = "CANARY-RESTRICTED field report" if restricted else f"Report {n} (fictional)"
    return source_ingest(
        data=f"FICTIONAL test report {n}. {text}\n".encode(),
        origin=f"custody-canary-{n}.txt" if restricted else f"report{n}.txt",
        filename=f"report{n}.txt",
        metadata={
            "published": published,
            "title": title,
            "publisher": "CANARY-RESTRICTED team" if restricted else (publisher or f"Site {n}"),
            "sensitivity": "restricted" if restricted else "public",
            "url": "" if restricted else f"https://site{n}.example/news/{n}",
        },
    )[0]


def _claim(source, quote, *, claimant, lo, hi, place="Zahedan", day="2022-09-30", **extra):
    found = gazetteer.Gazetteer.default().best(place, country="IR").place
    start = source.text.index(quote)
    fields = {
        "category": "killed",
        "unit": "people",
        "min": lo,
        "max": hi,
        "point": lo,
        "exact": lo == hi,
        "place_precision": "city" if found.kind == "city" else found.kind,
        "time_start": day or "",
        "time_end": day or "",
        "time_anchor": "explicit",
        "count_kind": "incremental",
        "attribution_stance": "reports",
        "attribution_name": claimant.name if claimant else "",
    }
    fields.update(extra)
    return Claim.objects.create(
        source=source,
        quote=quote,
        span_start=start,
        span_end=start + len(quote),
        extractor="test",
        claimant=claimant,
        place_name=place,
        place=resolve_place(
            {"geonameid": found.geonameid, "admin1": found.admin1, "country": found.country}
        ),
        **fields,
    )


def make_corpus() -> dict:
    actors_upsert(
        entries=[
            {"name": "Government", "kind": "government"},
            {"name": "Governor of Sistan", "kind": "government", "affiliation": "Government"},
            {"name": "Witness Collective", "kind": "ngo"},
            {"name": "Rights Monitor", "kind": "ngo"},
        ]
    )
    actors = {a.name: a for a in Actor.objects.all()}
    reviewer = get_user_model().objects.create_user(
        "reviewer-canary", password="x-long-pass-1", role="analyst"
    )
    s1 = _source(1, "The governor said 12 people died in Zahedan on Friday.")
    s2 = _source(2, "The Witness Collective said 96 people were killed in Zahedan on Friday.")
    s3 = _source(3, "Our team counted 97 people killed in Zahedan on Friday.", restricted=True)
    s4 = _source(
        4, "Rights Monitor said 7319 people were arrested in Rasht.", published="2022-10-02"
    )
    s5 = _source(5, "Officials said 5555 were killed in Khash.", published="2022-11-05")
    s6 = _source(
        6,
        "Officials said 19 people had been killed in the province so far. "
        "The Witness Collective said 112 people had been killed in the province.",
        published="2022-10-11",
    )
    s7 = _source(
        7, "Police said 5 people were killed in Mahabad on 16 November.", published="2022-11-17"
    )
    s8 = _source(8, "A secret tally: 31 were killed in Saravan.", restricted=True)
    public = [
        _claim(s1, "12 people died", claimant=actors["Governor of Sistan"], lo=12, hi=12),
        _claim(s2, "96 people were killed", claimant=actors["Witness Collective"], lo=96, hi=96),
        _claim(
            s7,
            "5 people were killed",
            claimant=actors["Government"],
            lo=5,
            hi=5,
            place="Mahabad",
            day="2022-11-16",
            attribution_name='=HYPERLINK("https://evil.example")',
        ),
    ]
    for source, quote, who, n in [
        (s6, "19 people had been killed", "Government", 19),
        (s6, "112 people had been killed", "Witness Collective", 112),
    ]:
        public.append(
            _claim(
                source,
                quote,
                claimant=actors[who],
                lo=n,
                hi=n,
                place="Sistan and Baluchestan",
                day=None,
                time_start="2022-09-17",
                time_end="2022-10-10",
                as_of=True,
                count_kind="cumulative",
            )
        )
    restricted = _claim(s3, "97 people killed", claimant=None, lo=97, hi=97)
    hidden = _claim(
        s8, "31 were killed", claimant=None, lo=31, hi=31, place="Saravan", day="2022-10-05"
    )
    unreviewed = _claim(
        s4,
        "7319 people were arrested",
        claimant=actors["Rights Monitor"],
        lo=7319,
        hi=7319,
        place="Rasht",
        day="2022-10-01",
        category="arrested",
    )
    rejected = _claim(
        s5,
        "5555 were killed",
        claimant=actors["Government"],
        lo=5555,
        hi=5555,
        place="Khash",
        day="2022-11-04",
    )
    incidents_propose()
    for c in [*public, restricted, hidden, rejected]:
        c.refresh_from_db()  # proposal set their incidents; a stale save would undo that
    for c in [*public, restricted, hidden]:
        claim_accept(claim=c, by=reviewer, note="checked")  # restricted ones reviewed too
    claim_reject(claim=rejected, by=reviewer, note="wrong town")
    zahedan = Incident.objects.get(claims=public[0])
    bloody = Tag.objects.create(name="Bloody Friday")
    secret = Tag.objects.create(name="canary-secret-tag")
    zahedan.tags.add(bloody)
    Incident.objects.get(claims=hidden).tags.add(secret)
    return {
        "actors": actors,
        "reviewer": reviewer,
        "public": public,
        "restricted": restricted,
        "unreviewed": unreviewed,
        "zahedan": zahedan,
    }
