"""An analyst merges and splits incidents, and decides linkage pairs by keyboard.

All data here is fictional, written for these tests.
"""

import pytest

from tallybook.apps.claims.models import Claim
from tallybook.apps.people.models import LinkReview
from tests.apps.test_workspace_incidents import make_claim, make_incident, make_source
from tests.apps.test_workspace_people import CANARIES, _csv

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-passphrase-9"  # the user_with_role fixture's


def sign_in(page, live_server, username: str) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.locator(".who").inner_text().startswith(username)


@pytest.fixture
def incidents():
    a = make_source("FICTIONAL: Twelve held in Qorveh", "FICTIONAL. Police detained 12 people.")
    b = make_source("FICTIONAL: Fifteen held", "FICTIONAL. Activists say 15 people were detained.")
    one = make_incident("detained · Qorveh · 2022-09-20", [make_claim(a, "detained 12 people", 12)])
    two = make_incident(
        "detained · Qorveh (second report) · 2022-09-20",
        [make_claim(b, "15 people were detained", 15)],
    )
    return one, two


def test_analyst_merges_two_incidents_then_splits_one_back(
    live_server, page, user_with_role, incidents
):
    one, two = incidents
    user_with_role("analyst")
    sign_in(page, live_server, "analyst")
    page.goto(f"{live_server.url}/incidents/{one.pk}/")
    screenshot(page, "incident-before-merge")

    page.get_by_label(f"#{two.pk} {two.title}").check()
    page.get_by_label("Why merge (note)").fill("same event, two reports")
    page.get_by_role("button", name="Merge into this incident").click()
    page.wait_for_load_state()
    status = page.get_by_role("status")
    assert f"Merged incident #{two.pk} into this one" in status.inner_text()
    body = page.locator("main").inner_text()
    assert "detained 12 people" in body and "15 people were detained" in body
    assert "Claims (2) from 2 independent origins" in body
    screenshot(page, "incident-merged")

    moving = Claim.objects.get(quote="15 people were detained")
    page.get_by_label(f"Move claim {moving.pk} out").check()
    page.get_by_role("button", name="Move ticked claims out").click()
    page.wait_for_load_state()
    assert "Moved 1 claim out into a new incident" in page.get_by_role("status").inner_text()
    assert "Claims (1) from 1 independent origin" in page.locator("main").inner_text()
    screenshot(page, "incident-split")
    page.get_by_role("status").get_by_role("link").click()
    page.wait_for_load_state()
    assert "15 people were detained" in page.locator("main").inner_text()


def test_refused_merge_is_shown_next_to_the_form(live_server, page, user_with_role, incidents):
    one, _ = incidents
    c = make_source("FICTIONAL: Two killed", "FICTIONAL. Two people were killed in Qorveh.")
    killed = make_incident(
        "killed · Qorveh",
        [make_claim(c, "Two people were killed", 2, category="killed")],
        category="killed",
    )
    user_with_role("analyst")
    sign_in(page, live_server, "analyst")
    page.goto(f"{live_server.url}/incidents/{one.pk}/")
    page.get_by_label("Or incident numbers").fill(str(killed.pk))
    page.get_by_role("button", name="Merge into this incident").click()
    page.wait_for_load_state()
    alert = page.get_by_role("alert")
    assert "incidents of different categories cannot be merged" in alert.inner_text()
    alert.scroll_into_view_if_needed()
    screenshot(page, "incident-merge-refused")


@pytest.fixture
def pairs(tmp_path, monkeypatch):
    monkeypatch.setenv("TALLYBOOK_KEYRING", str(tmp_path / "keys" / "keyring.json"))
    from tallybook.apps.people.services import person_list_import

    a = person_list_import(
        data=_csv(
            f"{CANARIES[0]},{CANARIES[1]},{CANARIES[2]},41,1981,F,Zahedan,2022-09-30,"
            "arrested,in custody,FICTIONAL",
            "Fictional Third,,,25,1997,M,Tehran,2022-09-22,arrested,released,FICTIONAL",
        ),
        filename="fictional_list_a.csv",
    )
    b = person_list_import(
        data=_csv(
            f"{CANARIES[0]},,{CANARIES[2]},42,1981,female,Zahedan,2022-09-30,"
            "arrested,in custody,FICTIONAL",
            "Fictional Other,,,26,1997,M,Tehran,2022-09-22,arrested,released,FICTIONAL",
        ),
        filename="fictional_list_b.csv",
    )
    for r in [*a.records.all(), *b.records.all()]:
        r.cluster = f"list_{r.person_list_id}#{r.pk}"
        r.save(update_fields=["cluster"])
    first = LinkReview.objects.create(
        left=a.records.get(row=1),
        right=b.records.get(row=1),
        probability=0.68,
        reasons=[
            "name agrees (+7.1)",
            "father agrees (+3.0)",
            "birth_year agrees (+2.2)",
            "sex agrees (+0.4)",
            "place agrees (+1.5)",
        ],
    )
    second = LinkReview.objects.create(
        left=a.records.get(row=2),
        right=b.records.get(row=2),
        probability=0.55,
        reasons=["name differs (-4.0)", "birth_year agrees (+2.2)", "date agrees (+1.1)"],
    )
    return first, second


def test_analyst_decides_pairs_with_the_keyboard(live_server, page, user_with_role, pairs):
    first, second = pairs
    user_with_role("analyst")
    sign_in(page, live_server, "analyst")
    page.get_by_role("link", name="Link review").click()
    page.wait_for_load_state()
    heading = page.locator("#pair-heading")
    assert f"Pair {first.pk}:" in heading.inner_text() and "68%" in heading.inner_text()
    assert page.locator(".compare").inner_text().count(CANARIES[0]) == 2
    screenshot(page, "link-review-pair")

    page.keyboard.press("s")
    page.wait_for_function(
        f"document.getElementById('pair-heading').innerText.includes('Pair {second.pk}:')"
    )
    assert f"Recorded pair {first.pk}" in page.locator("#announce").inner_text()
    assert page.evaluate("document.activeElement.id") == "pair-heading"
    assert page.url.endswith(f"/people/review/{second.pk}/")
    screenshot(page, "link-review-next")
    first.refresh_from_db()
    assert first.decision == "same"
    first.left.refresh_from_db()
    first.right.refresh_from_db()
    assert first.left.cluster == first.right.cluster

    page.keyboard.press("Control+d")  # with a modifier, a key is the browser's
    assert LinkReview.objects.get(pk=second.pk).decision == "open"
    page.keyboard.press("d")
    page.wait_for_url("**/people/review/")
    assert "No uncertain pairs are waiting" in page.locator("main").inner_text()
    screenshot(page, "link-review-done")
    second.refresh_from_db()
    assert second.decision == "different"


def test_people_pages_work_without_javascript(browser, live_server, user_with_role, pairs):
    first, second = pairs
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        user_with_role("editor")
        sign_in(page, live_server, "editor")
        page.goto(f"{live_server.url}/people/")
        screenshot(page, "people-lists")
        page.get_by_role("link", name="fictional_list_a.csv").click()
        assert CANARIES[0] in page.locator("table").inner_text()
        screenshot(page, "people-records")
        page.goto(f"{live_server.url}/people/review/{first.pk}/")
        page.get_by_role("button", name="Different people").click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/people/review/{second.pk}/")
        assert f"Recorded pair {first.pk}" in page.get_by_role("status").first.inner_text()
    finally:
        context.close()


def test_viewer_cannot_open_people_pages(live_server, page, user_with_role, pairs):
    first, _ = pairs
    user_with_role("viewer")
    sign_in(page, live_server, "viewer")
    assert page.get_by_role("link", name="People").count() == 0
    assert page.get_by_role("link", name="Link review").count() == 0
    for path in ["/people/", "/people/review/", f"/people/review/{first.pk}/"]:
        response = page.goto(live_server.url + path)
        assert response.status == 404, path
        assert CANARIES[0] not in page.content()
    screenshot(page, "people-viewer-404")
