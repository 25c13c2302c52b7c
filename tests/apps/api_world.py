"""A small, FICTIONAL world for the API tests: every name, place and number is made up.

Public and restricted sources with claims, incidents over them, a person list
with a review pair, and one user (with a token) per role. Restricted things
carry CANARY strings so a test can check they never come out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from tallybook.apps.api.services import api_token_create
from tallybook.apps.claims.models import Actor, Claim
from tallybook.apps.incidents.models import Incident
from tallybook.apps.incidents.services import incident_refresh
from tallybook.apps.people.models import LinkReview, PersonList, PersonRecord
from tallybook.apps.places.models import Place
from tallybook.apps.sources.models import Receipt, Source

ROLES = ("viewer", "contributor", "analyst", "editor", "admin")
CANARY = "CANARY-API-5521"

PUBLIC_TEXT = (
    "FICTIONAL: written for tallybook's tests. Security forces detained twelve students in "
    "Rasht on Sunday, the Caspian Student Council said. Officials said 10 to 15 were held. "
    "At least 40 people had been arrested in Gilan province this month."
)
SECRET_TEXT = f"FICTIONAL. Witness {CANARY} says 4 people were detained in Saqqez."


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    public: Source | None = None
    secret: Source | None = None
    claims: dict[str, Claim] = field(default_factory=dict)
    incidents: dict[str, Incident] = field(default_factory=dict)
    place: Place | None = None
    person_list: PersonList | None = None
    review: LinkReview | None = None

    def auth(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


def _source(text: str, *, sensitivity: str = "public", **extra: Any) -> Source:
    data = text.encode()
    return Source.objects.create(
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        media_type="text/plain",
        retrieved_at=timezone.now(),
        text=text,
        text_sha256=hashlib.sha256(data).hexdigest(),
        sensitivity=sensitivity,
        **extra,
    )


def _claim(source: Source, quote: str, **fields: Any) -> Claim:
    start = source.text.index(quote)
    defaults = {"unit": "people", "extractor": "test", "place_precision": "admin1"}
    return Claim.objects.create(
        source=source,
        span_start=start,
        span_end=start + len(quote),
        quote=quote,
        **{**defaults, **fields},
    )


def build_world(user_with_role) -> World:
    w = World()
    for role in ROLES:
        w.users[role] = user_with_role(role)
        _, w.tokens[role] = api_token_create(user=w.users[role], by=None, name="tests")

    w.place = Place.objects.create(
        key="admin1:IR-08", kind="admin1", name="Gilan", country="IR", admin1="IR-08"
    )
    council = Actor.objects.create(name="Caspian Student Council (fictional)", kind="ngo")
    officials = Actor.objects.create(name="Gilan Governorate (fictional)", kind="government")

    w.public = _source(
        PUBLIC_TEXT, title="Twelve detained (fictional)", filename=f"{CANARY}-statement.txt"
    )
    Receipt.objects.create(
        source=w.public,
        origin=f"uploads/{CANARY}/statement.txt",
        received_at=timezone.now(),
        received_by=f"cli:{CANARY}",
        http_headers={"x-canary": CANARY},
    )
    w.secret = _source(SECRET_TEXT, sensitivity="restricted", title=f"Witness {CANARY}")

    common = {"place": w.place, "time_end": "2023-02-12", "time_start": "2023-02-12"}
    w.claims["twelve"] = _claim(
        w.public, "detained twelve students", category="detained", min=12, max=12,
        point=12, exact=True, claimant=council, **common,
    )  # fmt: skip
    w.claims["officials"] = _claim(
        w.public, "10 to 15 were held", category="detained", min=10, max=15, point=10,
        claimant=officials, **common,
    )  # fmt: skip
    w.claims["forty"] = _claim(
        w.public, "At least 40 people", category="arrested", min=40, max=None, point=40,
        status="accepted", time_end="2023-02", **{"place": w.place},
    )  # fmt: skip
    w.claims["secret"] = _claim(
        w.secret, "4 people were detained", category="detained", min=4, max=4, point=4,
        **common,
    )  # fmt: skip

    def incident(key: str, claims: list[str], category: str = "detained") -> Incident:
        inc = Incident.objects.create(
            title=f"{key} (fictional)", category=category, place=w.place,
            date_start=date(2023, 2, 12),
        )  # fmt: skip
        Claim.objects.filter(pk__in=[w.claims[c].pk for c in claims]).update(incident=inc)
        w.incidents[key] = incident_refresh(inc)
        return inc

    incident("rasht", ["twelve", "officials"])
    incident("gilan", ["forty"], category="arrested")
    incident("saqqez", ["secret"])
    for c in w.claims.values():
        c.refresh_from_db()

    list_source = _source(f"name\n{CANARY}\n", sensitivity="restricted")
    w.person_list = PersonList.objects.create(
        source=list_source, name="Detainees (fictional)", file_format="csv",
        mapping={"name": "name"}, status="complete", rows_total=2, rows_done=2, index_key="k1",
    )  # fmt: skip
    left = PersonRecord.objects.create(person_list=w.person_list, row=1, age=30)
    right = PersonRecord.objects.create(person_list=w.person_list, row=2, age=31)
    w.review = LinkReview.objects.create(
        left=left, right=right, probability=0.7, reasons=["age differs by 1"]
    )
    return w
