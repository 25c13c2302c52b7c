"""Fictional sources and claims for the review queue, claims list and export tests."""

from __future__ import annotations

from tallybook.apps.claims.models import Actor, Claim
from tallybook.apps.places.models import Place
from tallybook.apps.sources.services import source_ingest

PUBLIC_TEXT = (
    "FICTIONAL: written for tallybook's tests.\n"
    "Security forces detained twelve students in Rasht on Sunday, according to the "
    "Caspian Student Council. The council said at least 40 people had been arrested in "
    "Gilan province since the start of the month. Officials said 3 protesters were killed "
    "in Lahijan, a figure the council disputes.\n"
)
SECRET_TEXT = (
    "FICTIONAL: written for tallybook's tests.\n"
    "Witness CANARY-7731 says 4 people were detained in Saqqez.\n"
)


def claim_on(source, quote: str, **fields) -> Claim:
    start = source.text.index(quote)
    defaults = {"category": "detained", "unit": "people", "extractor": "test"}
    return Claim.objects.create(
        source=source,
        span_start=start,
        span_end=start + len(quote),
        quote=quote,
        **{**defaults, **fields},
    )


def make_claims() -> dict:
    """Four public claims (three proposed, one accepted) and one in a restricted source."""
    public, _ = source_ingest(
        data=PUBLIC_TEXT.encode(), origin="council.txt", filename="council.txt",
        metadata={"title": "Twelve detained in Rasht (fictional)", "publisher": "Caspian Courier"},
    )  # fmt: skip
    secret, _ = source_ingest(
        data=SECRET_TEXT.encode(), origin="witness.txt", filename="witness.txt",
        metadata={"sensitivity": "restricted", "title": "Witness statement (fictional)"},
    )  # fmt: skip
    Claim.objects.filter(source__in=[public, secret]).delete()  # only the claims made here
    rasht = Place.objects.create(
        key="city:test-rasht", kind="city", name="Rasht", country="IR", admin1="IR-08",
        lat=37.28, lon=49.58,
    )  # fmt: skip
    council = Actor.objects.create(name="Caspian Student Council (fictional)", kind="ngo")
    officials = Actor.objects.create(name="Officials (fictional)", kind="government")
    claims = {
        "rasht": claim_on(
            public, "twelve students", min=12, max=12, exact=True, point=12, place=rasht,
            place_name="Rasht", place_precision="city", time_start="2023-02-12",
            time_end="2023-02-12", claimant=council, attribution_name="Caspian Student Council",
        ),
        "gilan": claim_on(
            public, "at least 40 people", category="arrested", min=40, qualifier="at least",
            place_name="Gilan", place_precision="admin1", time_end="2023-02",
            claimant=council,
        ),
        "lahijan": claim_on(
            public, "3 protesters", category="killed", min=3, max=3, exact=True, point=3,
            place_name="Lahijan", place_precision="city", time_end="2023-02-14",
            claimant=officials, attribution_name="Officials", attribution_stance="asserts",
        ),
        "secret": claim_on(
            secret, "4 people", min=4, max=4, exact=True, point=4, place_name="Saqqez",
            place_precision="city", time_end="2022-09-20",
        ),
    }  # fmt: skip
    claims["accepted"] = claim_on(
        public, "Gilan province", category="other", status=Claim.Status.ACCEPTED, min=1, max=1
    )
    return {"public": public, "secret": secret, "place": rasht, "council": council, **claims}


def form_data(claim: Claim, **changes) -> dict:
    """The review form as the page fills it for `claim`, with `changes` typed over it."""
    from tallybook.apps.workspace.views_review import FORM_ORDER

    data = {}
    for name in FORM_ORDER:
        value = getattr(claim, name)
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = "on" if value is True else str(value)
    return data
