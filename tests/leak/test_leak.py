"""The leak test: canaries in every restricted field and every restricted source, then a
crawler with no credentials walks every public page, feed, sitemap, data file, API
endpoint, the live stream and the error pages. It must find none of them."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tallybook import crypto
from tallybook.apps.claims.models import Claim
from tallybook.apps.incidents.services import incidents_propose
from tallybook.apps.sources import services as source_services
from tallybook.apps.sources.services import source_ingest

from .crawl import Crawl

pytestmark = pytest.mark.django_db

# One distinct value per thing that must stay private, so a find names the leak.
CANARY = {
    "restricted source text": "CANARY-SRC-5521",
    "restricted source title": "Canarytitle Wexq",
    "restricted source filename": "canary-witness-7731",
    "restricted claimant": "Canaryclaimant Yuvw",
    "custody path of a public source": "canary-reporter-Hqzv",
    "user name": "canaryuser-vbqz",
    "person name": "Canaryname Zqxjv",
    "person name (Persian)": "کناری زقخ",
    "father's name": "Fathercanary Qwvx",
    "live report submitter": "Canarysubmitter Plom",
    "live report contact": "canary-contact-8812@example.org",
    "live contributor account": "canarycontrib-kqz",
}


@pytest.fixture(autouse=True)
def keyring(tmp_path, monkeypatch):
    monkeypatch.setenv("TALLYBOOK_KEYRING", str(tmp_path / "keyring.json"))
    crypto.add_key()


def _claim(source, quote, status=Claim.Status.ACCEPTED, **fields):
    start = source.text.index(quote)
    defaults = dict(
        category="detained",
        unit="people",
        place_precision="city",
        time_start="2023-03-03",
        time_end="2023-03-03",
        extractor="test",
    )
    defaults.update(fields)
    return Claim.objects.create(
        source=source,
        span_start=start,
        span_end=start + len(quote),
        quote=quote,
        status=status,
        **defaults,
    )


@pytest.fixture
def planted(monkeypatch, django_user_model):
    """A small fictional corpus with a canary in every private place."""
    monkeypatch.setattr(source_services, "AFTER_INGEST", [])
    from tallybook.apps.people.services import person_list_import
    from tallybook.apps.places.services import place_from_gazetteer
    from tallybook.core import gazetteer

    analyst = django_user_model.objects.create_user(
        CANARY["user name"],
        email=f"{CANARY['user name']}@example.org",
        password="a-long-passphrase-9",
        role="editor",
    )
    found = gazetteer.Gazetteer.default().best("Rasht", country="IR").place
    rasht = place_from_gazetteer(place=found)
    public, _ = source_ingest(
        data=b"FICTIONAL. Security forces detained 12 students in Rasht on 3 March 2023, "
        b"the Caspian Student Council said.\n",
        origin=f"/home/{CANARY['custody path of a public source']}/inbox/rasht.txt",
        filename="rasht.txt",
        by=analyst,
        metadata={
            "title": "Twelve detained in Rasht",
            "publisher": "Caspian Courier",
            "published": "2023-03-04",
        },
    )
    secret, _ = source_ingest(
        data=(
            f"FICTIONAL. {CANARY['restricted source text']}: {CANARY['restricted claimant']} "
            "said 9 people were detained in Rasht on 3 March 2023.\n"
        ).encode(),
        origin=f"{CANARY['restricted source filename']}.txt",
        filename=f"{CANARY['restricted source filename']}.txt",
        by=analyst,
        metadata={
            "sensitivity": "restricted",
            "title": CANARY["restricted source title"],
            "published": "2023-03-04",
        },
    )
    tabriz_source, _ = source_ingest(
        data=b"FICTIONAL. Police arrested 5 teachers in Tabriz on 8 March 2023, a union said.\n",
        origin="tabriz.txt",
        metadata={"title": "Teachers arrested in Tabriz", "published": "2023-03-09"},
    )
    tabriz = place_from_gazetteer(
        place=gazetteer.Gazetteer.default().best("Tabriz", country="IR").place
    )
    _claim(
        tabriz_source,
        "arrested 5 teachers",
        category="arrested",
        min=5,
        max=5,
        point=5,
        place=tabriz,
        place_name="Tabriz",
        time_start="2023-03-08",
        time_end="2023-03-08",
    )
    for source, quote, n in [
        (public, "detained 12 students", 12),
        (secret, "9 people were detained", 9),
    ]:
        claim = _claim(
            source,
            quote,
            min=n,
            max=n,
            point=n,
            exact=True,
            place=rasht,
            place_name="Rasht",
            reviewed_by=analyst,
            attribution_name=(
                "Caspian Student Council" if source is public else CANARY["restricted claimant"]
            ),
        )
        assert claim.pk
    incidents_propose()

    father = CANARY["father's name"]
    rows = [
        "name,name_fa,father_name,age,place,date,event,status,source",
        f"{CANARY['person name']},{CANARY['person name (Persian)']},{father},"
        "41,Rasht,2023-03-03,arrested,in custody,NGO",
    ]
    person_list_import(data=("\n".join(rows) + "\n").encode(), filename="list.csv", by=analyst)

    # The live board: a trusted group's check-in, and claims verified by an editor.
    from tallybook.apps.claims.services import claim_verify
    from tallybook.apps.live.services import group_save, report_submit

    contributor = django_user_model.objects.create_user(
        CANARY["live contributor account"], password="a-long-passphrase-9", role="contributor"
    )
    group = group_save(name="Rasht Neighbourhood Watch (fictional)", by=None, country="IR",
                       trusted=True, members=[contributor])
    report_submit(by=contributor, group=group, kind="checkin", text="Vigil at the square",
                  place="Rasht", attendance=300, submitter_name=CANARY["live report submitter"],
                  contact=CANARY["live report contact"])
    for claim in Claim.objects.filter(source__in=[public, secret]):
        claim_verify(claim=claim, by=analyst)
    return {"public": public, "secret": secret, "analyst": analyst}


def _fetch(client: Client):
    def fetch(url: str) -> tuple[int, bytes]:
        response = client.get(url)
        if response.streaming:
            if response.get("Content-Type", "").startswith("text/event-stream"):
                return response.status_code, b""  # the live stream has its own test below
            return response.status_code, b"".join(response.streaming_content)
        return response.status_code, response.content

    return fetch


START = [
    "/",
    "/sources/",
    "/claims/",
    "/incidents/",
    "/figures/",
    "/places/",
    "/live/",
    "/api/v1/",
    "/api/v1/openapi.json",
    "/api/v1/docs",
    "/sitemap.xml",
    "/accounts/login/",
]


def test_the_workspace_and_api_without_credentials_show_no_canary(planted):
    crawl = Crawl(_fetch(Client(raise_request_exception=False)), list(CANARY.values()))
    crawl.walk(START)
    assert crawl.seen["/"] == 200 and len(crawl.seen) > 10
    assert f"/sources/{planted['public'].sha256}/" in crawl.seen  # it did reach the data
    assert not crawl.found, crawl.found


def test_error_pages_show_no_canary(planted, monkeypatch, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    secret = planted["secret"]
    fetch = _fetch(client)
    crawl = Crawl(fetch, list(CANARY.values()))
    for url in [
        f"/sources/{secret.sha256}/",
        f"/sources/{secret.sha256}/original",
        "/sources/" + "0" * 64 + "/",
        "/incidents/999999/",
        "/no/such/page",
        "/api/v1/sources/" + secret.sha256,
        "/api/v1/claims?category=%27%3B--",
    ]:
        status, body = fetch(url)
        assert status in (400, 401, 403, 404, 405, 422), url
        crawl.check(url, body)

    settings.ROOT_URLCONF = "tests.leak.urls_crash"
    status, body = fetch("/crash/")
    assert status == 500
    crawl.check("500 page", body)
    assert not crawl.found, crawl.found


def _every_object_url() -> list[str]:
    """Every page and API read of every stored object, restricted ones included: an
    anonymous reader who guesses ids must learn nothing either."""
    import json
    from pathlib import Path

    from tallybook.apps.claims.models import Actor
    from tallybook.apps.incidents.models import Incident
    from tallybook.apps.people.models import LinkReview, PersonList
    from tallybook.apps.places.models import Place
    from tallybook.apps.sources.models import Source

    ids = {
        "sha256": list(Source.objects.values_list("sha256", flat=True)),
        "claim_id": list(Claim.objects.values_list("pk", flat=True)),
        "incident_id": list(Incident.objects.values_list("pk", flat=True)),
        "actor_id": list(Actor.objects.values_list("pk", flat=True)),
        "place_id": list(Place.objects.values_list("pk", flat=True)),
        "list_id": list(PersonList.objects.values_list("pk", flat=True)),
        "review_id": list(LinkReview.objects.values_list("pk", flat=True)) or [1],
    }
    pages = {
        "/sources/{sha256}/": "sha256", "/sources/{sha256}/original": "sha256",
        "/review/{claim_id}/": "claim_id", "/incidents/{incident_id}/": "incident_id",
        "/actors/{actor_id}/": "actor_id", "/places/{place_id}/": "place_id",
        "/people/lists/{list_id}/": "list_id", "/people/review/{review_id}/": "review_id",
    }
    openapi = json.loads((Path(__file__).parents[2] / "docs" / "openapi.json").read_text())
    for path, methods in openapi["paths"].items():
        if "get" in methods:
            params = re.findall(r"{(\w+)}", path)
            pages[path] = params[0] if params else ""
    urls = []
    for pattern, param in pages.items():
        values = ids[param] if param else [None]
        urls += [pattern.replace("{" + param + "}", str(v)) if param else pattern
                 for v in values]
    return urls


def test_every_object_by_its_address_shows_no_canary(planted):
    client = Client(raise_request_exception=False)
    crawl = Crawl(_fetch(client), list(CANARY.values()))
    urls = _every_object_url()
    for url in urls:
        status, body = crawl.fetch(url)
        assert status < 500, url
        crawl.check(url, body)
    assert f"/api/v1/sources/{planted['secret'].sha256}" in urls and len(urls) > 30
    assert not crawl.found, crawl.found


def test_the_live_board_its_stream_and_stored_events_show_no_canary(planted):
    from tallybook.apps.live.models import LiveEvent

    payloads = [e.payload for e in LiveEvent.objects.all()]
    assert len(payloads) >= 2  # the check-in and the public verified claim, not the restricted
    crawl = Crawl(_fetch(Client(raise_request_exception=False)), list(CANARY.values()))
    crawl.check("stored events", repr(payloads).encode())
    for url in ["/live/", "/live/stream?after=0", "/api/v1/live/events"]:
        status, body = crawl.fetch(url)
        assert status == 200, url
        crawl.check(url, body)
    status, body = crawl.fetch("/live/stream?after=0")
    assert b"Vigil at the square" in body  # the stream did carry the public item
    assert not crawl.found, crawl.found


def test_the_published_site_shows_no_canary(planted, tmp_path):
    from tallybook.apps.publishing.services import publish_release

    out = tmp_path / "site"
    publish_release(out=out, key_path=tmp_path / "release.key",
                    base_url="https://tally.example/")
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) > 10
    crawl = Crawl(lambda url: (200, b""), list(CANARY.values()))
    for path in files:
        crawl.check(str(path.relative_to(out)), path.read_bytes())
    assert any(b"Tabriz" in p.read_bytes() for p in files)  # public data did get out
    assert not crawl.found, crawl.found


def test_a_signed_in_viewer_sees_no_more_than_an_anonymous_reader(planted, user_with_role):
    client = Client(raise_request_exception=False)
    client.force_login(user_with_role("viewer"))
    crawl = Crawl(_fetch(client), list(CANARY.values()))
    crawl.walk(START)
    assert not crawl.found, crawl.found


def test_an_analyst_does_see_them_so_the_canaries_are_real(planted, user_with_role):
    client = Client(raise_request_exception=False)
    client.force_login(user_with_role("analyst"))
    body = client.get(f"/sources/{planted['secret'].sha256}/").content.decode()
    assert CANARY["restricted source text"] in body
    assert re.search(
        re.escape(CANARY["custody path of a public source"]),
        client.get(f"/sources/{planted['public'].sha256}/").content.decode(),
    )
