"""The read-only web view: sources with their text, claims and places."""

import pytest

from tallybook.apps.claims.models import Claim
from tallybook.apps.sources.services import source_ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def sources(article_html):
    public, _ = source_ingest(data=article_html, origin="rasht.html")
    secret, _ = source_ingest(
        data=b"Witness CANARY-7731 says 4 people were detained in Saqqez.\n",
        origin="witness.txt",
        filename="witness.txt",
        metadata={"sensitivity": "restricted"},
    )
    return public, secret


def _claim(source, quote, **fields):
    start = source.text.index(quote)
    return Claim.objects.create(
        source=source,
        span_start=start,
        span_end=start + len(quote),
        quote=quote,
        extractor="test",
        **fields,
    )


def test_home_and_lists_render(client, sources):
    for url in ["/", "/sources/", "/claims/", "/places/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"tallybook" in response.content


def test_source_page_shows_text_hash_custody_and_highlighted_claim(
    client, sources, user_with_role
):
    public, _ = sources
    public.claims.all().delete()  # only the claim made here
    claim = _claim(
        public,
        "twelve students",
        category="detained",
        unit="people",
        min=12,
        max=12,
        exact=True,
        point=12,
        place_name="Rasht",
        place_precision="city",
    )
    page = client.get(f"/sources/{public.sha256}/").content.decode()
    assert public.sha256 in page
    assert f'<mark id="c{claim.pk}"' in page
    assert "twelve students</mark>" in page
    assert "rasht.html" not in page  # where it came from is for analysts
    client.force_login(user_with_role("analyst"))
    assert "rasht.html" in client.get(f"/sources/{public.sha256}/").content.decode()


def test_original_downloads_byte_exact_with_its_hash(client, sources, article_html):
    public, _ = sources
    response = client.get(f"/sources/{public.sha256}/original")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == article_html
    assert response["X-Content-SHA256"] == public.sha256


def test_restricted_source_is_invisible_without_rights(client, sources, django_user_model):
    _, secret = sources
    for url in [
        "/",
        "/sources/",
        f"/sources/{secret.sha256}/",
        f"/sources/{secret.sha256}/original",
        "/sources/?q=CANARY",
    ]:
        response = client.get(url)
        assert b"CANARY-7731" not in response.content, url
        assert b"witness.txt" not in response.content, url
    assert client.get(f"/sources/{secret.sha256}/").status_code == 404

    staff = django_user_model.objects.create_superuser("editor", "e@example.org", "pw-long-enough")
    client.force_login(staff)
    assert b"CANARY-7731" in client.get(f"/sources/{secret.sha256}/").content


def test_search_filters_sources(client, sources):
    assert b"Twelve detained" in client.get("/sources/?q=students").content
    assert b"Twelve detained" not in client.get("/sources/?q=nothing-like-this").content


def test_unknown_source_is_404(client, sources):
    assert client.get("/sources/" + "0" * 64 + "/").status_code == 404


def test_incident_and_figures_pages_hide_what_restricted_sources_say(client, sources):
    from tallybook.apps.incidents.models import Incident

    public, secret = sources
    incident = Incident.objects.create(title="detained · Saqqez · 2022-09-20", category="detained")
    secret.claims.update(incident=incident)
    shown = Incident.objects.create(title="detained · Rasht · 2023-02-12", category="detained")
    public.claims.update(incident=shown)
    listing = client.get("/incidents/").content.decode()
    assert "Rasht" in listing and "Saqqez" not in listing
    assert client.get(f"/incidents/{incident.pk}/").status_code == 404
    assert client.get(f"/incidents/{shown.pk}/").status_code == 200
    assert b"CANARY-7731" not in client.get("/figures/").content
