"""A reader opens the published demo site from disk, with JavaScript off."""

import pytest
from click.testing import CliRunner

from tallybook.apps.claims.models import Claim
from tallybook.apps.claims.services import claim_accept
from tallybook.apps.publishing.services import publish_release
from tallybook.cli.main import cli

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_site(tmp_path):
    """The fictional demo corpus, every claim accepted by the local operator, published."""
    loaded = CliRunner().invoke(cli, ["demo", "--no-serve"])
    assert loaded.exit_code == 0, loaded.output
    for claim in Claim.objects.filter(status=Claim.Status.PROPOSED).order_by("id"):
        claim_accept(claim=claim, by=None, note="demo review")
    out = tmp_path / "site"
    result = publish_release(out=out, key_path=tmp_path / "release.pem")
    return out, result


def test_home_incident_and_methodology_read_well_without_javascript(browser, demo_site):
    out, result = demo_site
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto((out / "index.html").as_uri())
        assert page.locator("h1").inner_text().endswith("documented incidents")
        headline = page.locator("table.headline")
        assert headline.locator("th[scope=row]", has_text="killed").count() == 1
        assert "at least" in headline.inner_text() or "–" in headline.inner_text()
        map_svg = page.locator("figure.map svg")
        assert map_svg.get_attribute("role") == "group"  # its circles are links
        assert "Where documented incidents are" in map_svg.locator("title").first.inner_html()
        assert page.locator("h3", has_text="Contested incidents").count() == 1
        screenshot(page, "publish-home")

        # From the contested list to an incident, by its link: relative links work from disk.
        page.locator("section.group h4 a").first.click()
        assert page.url.startswith((out / "incidents").as_uri())
        assert page.locator("h1").inner_text().startswith("killed")
        assert page.locator("h2", has_text="Figures side by side").count() == 1
        assert page.locator("ol.claims blockquote").count() >= 2
        assert page.locator("dl.meta").inner_text().count("Independent origins") == 1
        screenshot(page, "publish-incident")

        page.get_by_role("link", name="Methodology").first.click()
        assert page.locator("h1").inner_text() == "Methodology"
        for heading in ["Interval policy", "How independence is counted", "How estimates"]:
            assert page.locator("h2", has_text=heading).count() == 1, heading
        assert result.fingerprint in page.locator("code.fp").inner_text()
        screenshot(page, "publish-methodology")

        page.goto((out / "places" / "province-ir-11.html").as_uri())
        assert page.locator("h1").inner_text().startswith("Sistan and Baluchestan")
        assert page.locator("figure.chart svg").count() >= 1
        screenshot(page, "publish-province")
    finally:
        context.close()
