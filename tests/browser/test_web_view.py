"""A person opens the web view, finds a source and reads its claims."""

import pytest

from tallybook.apps.sources.services import source_ingest

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_goes_from_overview_to_a_source_and_its_highlighted_claims(
    live_server, page, article_html
):
    source, _ = source_ingest(data=article_html, origin="rasht.html", filename="rasht.html")
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Overview"
    screenshot(page, "overview")

    page.get_by_role("link", name="Sources").first.click()
    page.get_by_role("link", name="Twelve detained in Rasht").first.click()
    assert source.sha256 in page.content()
    marks = page.locator("mark")
    if source.claims.exists():
        assert marks.count() >= 1
        marks.first.scroll_into_view_if_needed()
    screenshot(page, "source")

    page.get_by_role("link", name="Claims").first.click()
    assert page.locator("h1").inner_text() == "Claims"
    screenshot(page, "claims")
