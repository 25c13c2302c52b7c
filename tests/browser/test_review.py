"""An analyst reviews claims by keyboard, filters the list, saves a view and downloads it."""

import csv
import io
from urllib.parse import quote

import pytest

from tallybook.apps.claims.models import Claim
from tallybook.apps.workspace.models import SavedView
from tests.apps.review_data import make_claims

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-passphrase-9"


def sign_in(page, live_server, user, then: str) -> None:
    """Through the sign-in page where there is one, else with a test client's session."""
    response = page.goto(f"{live_server.url}/accounts/login/?next={quote(then)}")
    if response is not None and response.ok and page.locator("#id_password").count():
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.locator("form.signin button[type=submit], main form button[type=submit]").first.click()
        page.wait_for_url(lambda url: "/accounts/login" not in url)
        return
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.goto(live_server.url + then)


@pytest.fixture
def data():
    return make_claims()


def _title(page) -> str:
    return page.locator("#claim-title").inner_text()


def _wait_for_claim(page, claim, shown: bool = True) -> None:
    """Until the panel shows (or stops showing) this claim."""
    test = f"document.querySelector('#claim-title').innerText.includes('#{claim.pk} ')"
    page.wait_for_function(test if shown else f"!{test}")


def test_review_a_claim_by_keyboard(live_server, page, data, user_with_role):
    analyst = user_with_role("analyst")
    sign_in(page, live_server, analyst, "/review/")
    rasht, gilan, lahijan = data["rasht"], data["gilan"], data["lahijan"]
    assert f"Claim #{rasht.pk}" in _title(page)
    assert page.locator("mark.span").inner_text() == "twelve students"
    screenshot(page, "review-queue")

    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    assert dialog.is_visible()
    screenshot(page, "review-shortcuts")
    page.keyboard.press("Escape")
    assert not dialog.is_visible()

    # j skips ahead, k comes back, and the address follows
    page.keyboard.press("j")
    _wait_for_claim(page, gilan)
    assert page.url.endswith(f"/review/{gilan.pk}/")
    page.keyboard.press("k")
    _wait_for_claim(page, rasht)

    # a: accept; the next claim is swapped in, focus on its title, the result announced
    page.keyboard.press("a")
    _wait_for_claim(page, gilan)
    page.wait_for_function("document.activeElement.id === 'claim-title'", timeout=5000)
    assert f"Accepted claim #{rasht.pk}" in page.locator("#review-status").inner_text()
    assert page.url.endswith(f"/review/{gilan.pk}/")
    rasht.refresh_from_db()
    assert rasht.status == Claim.Status.ACCEPTED and rasht.reviewed_by == analyst
    screenshot(page, "review-after-accept")

    # keys do nothing while typing in a field
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.id") == "id_min"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_max"
    page.keyboard.type("20")
    page.fill("#id_min", "50")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#id_max_error")
    assert "smaller than the minimum" in page.locator("#id_max_error").inner_text()
    # focus goes to the first field to fix
    page.wait_for_function("document.activeElement.id === 'id_max'", timeout=5000)
    gilan.refresh_from_db()
    assert gilan.status == Claim.Status.PROPOSED and gilan.max is None
    screenshot(page, "review-invalid-edit")

    # correct it: edit the max and save with ctrl+enter
    page.fill("#id_min", "40")
    page.fill("#id_max", "60")
    page.keyboard.press("Control+Enter")
    _wait_for_claim(page, lahijan)
    gilan.refresh_from_db()
    assert (gilan.status, gilan.min, gilan.max) == (Claim.Status.EDITED, 40, 60)

    # letters typed in a field are text, not decisions; Esc leaves the field
    page.locator("#id_qualifier").click()
    page.keyboard.type("about a dozen")
    assert page.locator("#id_qualifier").input_value() == "about a dozen"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") != "id_qualifier"
    lahijan.refresh_from_db()
    assert lahijan.status == Claim.Status.PROPOSED
    # with unsaved edits, a does not silently drop them
    page.keyboard.press("a")
    assert "unsaved edits" in page.locator("#review-status").inner_text()
    lahijan.refresh_from_db()
    assert lahijan.status == Claim.Status.PROPOSED

    # r: reject
    page.keyboard.press("r")
    _wait_for_claim(page, lahijan, shown=False)
    lahijan.refresh_from_db()
    assert lahijan.status == Claim.Status.REJECTED


def test_review_works_without_javascript(live_server, browser, data, user_with_role):
    viewport = {"width": 1280, "height": 900}
    context = browser.new_context(java_script_enabled=False, viewport=viewport)
    page = context.new_page()
    try:
        sign_in(page, live_server, user_with_role("analyst"), "/review/")
        page.get_by_role("button", name="Accept").click()
        page.wait_for_url(f"**/review/{data['gilan'].pk}/")
        assert "Accepted claim" in page.locator("#review-status").inner_text()
        page.fill("#id_max", "55")
        page.get_by_role("button", name="Save edits").last.click()
        page.wait_for_url(f"**/review/{data['lahijan'].pk}/")
        screenshot(page, "review-no-js")
    finally:
        context.close()
    data["rasht"].refresh_from_db()
    data["gilan"].refresh_from_db()
    assert data["rasht"].status == Claim.Status.ACCEPTED
    assert (data["gilan"].status, data["gilan"].max) == (Claim.Status.EDITED, 55)


def test_export_the_filtered_view_as_csv(live_server, browser, data, user_with_role):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server, user_with_role("analyst"), "/claims/")
        page.select_option("#f-category", "detained")
        page.get_by_role("button", name="Show claims").click()
        page.wait_for_url("**/claims/?*category=detained*")
        screenshot(page, "claims-filtered")
        with page.expect_download() as download:
            page.get_by_role("link", name="CSV").click()
        text = download.value.path().read_text(encoding="utf-8-sig")
    finally:
        context.close()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and {r["category"] for r in rows} == {"detained"}
    expected = set(Claim.objects.filter(category="detained").values_list("id", flat=True))
    assert {int(r["id"]) for r in rows} == expected


def test_save_a_view_and_reopen_it(live_server, page, data, user_with_role):
    analyst = user_with_role("analyst")
    sign_in(page, live_server, analyst, "/claims/?category=killed&status=proposed")
    page.fill("#sv-name", "Killings to review")
    page.get_by_label("share with everyone").check()
    page.get_by_role("button", name="Save view").click()
    page.wait_for_selector("text=Saved the view")
    view = SavedView.objects.get(owner=analyst)
    assert view.query == "category=killed&status=proposed" and view.shared

    page.get_by_role("link", name="Clear filters").click()
    page.wait_for_url(f"{live_server.url}/claims/")
    assert page.locator("#f-category").input_value() == ""
    page.get_by_role("link", name="Killings to review").click()
    page.wait_for_url("**/claims/?category=killed&status=proposed")
    assert page.locator("#f-category").input_value() == "killed"
    assert page.locator(".chips a[aria-current]").inner_text() == "Killings to review"
    rows = page.locator('input[name="ids"]')
    assert rows.count() == 1
    assert rows.first.get_attribute("value") == str(data["lahijan"].pk)
    screenshot(page, "claims-saved-view")


def test_bulk_accept_from_the_list(live_server, page, data, user_with_role):
    sign_in(page, live_server, user_with_role("analyst"), "/claims/?status=proposed")
    page.on("dialog", lambda d: d.accept())
    page.get_by_label(f"Select claim #{data['rasht'].pk}").check()
    page.get_by_label(f"Select claim #{data['gilan'].pk}").check()
    assert "2 selected" in page.locator("#bulk-count").inner_text()
    page.get_by_role("button", name="Accept selected").click()
    page.wait_for_selector("text=Accepted 2 claims")
    screenshot(page, "claims-bulk-accepted")
    chosen = Claim.objects.filter(pk__in=[data["rasht"].pk, data["gilan"].pk])
    assert set(chosen.values_list("status", flat=True)) == {"accepted"}
