"""A reader keeps /live open; a contributor submits through the form in another window,
and the item appears on the open board without a reload. Then a check-in written by
the service (as another process would) moves the counters and adds a map point, and
an editor's withdrawal takes it off the open board again.

The board runs under uvicorn (ASGI) in a thread of the test process, as `tallybook
serve` runs it; Django's live_server is WSGI and has no event stream. All groups,
people and reports are fictional.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest

from tallybook.apps.live import runtime
from tallybook.apps.live.models import LiveEvent
from tallybook.apps.live.services import group_save, live_retract, report_submit

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-passphrase-9"
CONTACT = "canary-contact-5521 (fictional)"


@pytest.fixture
def asgi_server(tmp_path, monkeypatch):
    import uvicorn

    from tallybook.live.asgi import LiveRouter
    from tallybook.site.asgi import django_application

    monkeypatch.setenv("TALLYBOOK_KEYRING", str(tmp_path / "keyring.json"))
    runtime.reset()
    app = LiveRouter(django_application, path="/live/stream", stream=runtime.stream_app())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=1
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    runtime.reset()


@pytest.fixture
def contributor(django_user_model):
    user = django_user_model.objects.create_user("sara", password=PASSWORD, role="contributor")
    group_save(name="Gilan Watch (fictional)", country="IR", trusted=True, members=[user], by=None)
    return user


def _tabriz_checkin(contributor):
    """A check-in written by the service, as another process would."""
    return report_submit(
        by=contributor,
        group=contributor.contributor_groups.get(),
        kind="checkin",
        place="Tabriz",
        attendance=1200,
        text="Gathering outside the bazaar (fictional).",
    )


def test_an_item_appears_on_the_open_board_without_reload(
    asgi_server, browser, contributor, django_user_model
):
    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    reader.goto(asgi_server + "/live/")
    reader.wait_for_selector("#live-status.on")  # the EventSource is connected
    assert reader.locator("#live-items .item").count() == 0
    screenshot(reader, "live-board-empty")
    marker = reader.evaluate("window.__noReload = 'still the same page'")

    # A contributor, in another window, submits through the form.
    writer = browser.new_context().new_page()
    writer.goto(asgi_server + "/accounts/login/?next=/live/submit/")
    writer.get_by_label("Name").fill("sara")
    writer.get_by_label("Password").fill(PASSWORD)
    writer.get_by_role("button", name="Sign in").click()
    writer.wait_for_url("**/live/submit/")
    writer.get_by_label("Kind").select_option("checkin")
    writer.get_by_label("Place").fill("Rasht")
    writer.get_by_label("Attendance").fill("300")
    writer.get_by_label("Text").fill("Vigil at the municipal square (fictional).")
    writer.get_by_label("How to reach you (optional)").fill(CONTACT)
    writer.get_by_role("button", name="Submit").click()
    writer.wait_for_selector("text=Published on the")

    item = reader.locator("#live-items .item").first
    item.wait_for(timeout=10_000)
    assert "Vigil at the municipal square" in item.inner_text()
    assert "Gilan Watch (fictional)" in item.inner_text()
    assert reader.locator('[data-counter="attendance"]').inner_text() == "300"
    assert reader.locator("#live-points circle").count() == 1

    # A check-in elsewhere, written by the service as another process would.
    _tabriz_checkin(contributor)
    reader.wait_for_function(
        "document.querySelectorAll('#live-items .item').length === 2", timeout=10_000
    )
    assert "Tabriz" in reader.locator("#live-items .item").first.inner_text()
    assert reader.locator('[data-counter="checkins"]').inner_text() == "2"
    assert reader.locator('[data-counter="attendance"]').inner_text() == "1500"
    assert reader.locator('[data-counter="places"]').inner_text() == "2"
    assert reader.locator("#live-points circle").count() == 2
    assert reader.evaluate("window.__noReload") == marker == "still the same page"
    assert CONTACT not in reader.content() and "sara" not in reader.content()
    screenshot(reader, "live-board-updated")

    # Without JavaScript the same page is served whole (map, counters, items).
    plain = browser.new_context(java_script_enabled=False).new_page()
    plain.goto(asgi_server + "/live/")
    assert plain.locator("#live-items .item").count() == 2
    assert plain.locator("#live-points circle").count() == 2
    screenshot(plain, "live-board-no-js")

    # An editor withdraws the Tabriz check-in: the open board drops it and its count.
    editor = django_user_model.objects.create_user("elham", password=None, role="editor")
    tabriz = LiveEvent.objects.filter(kind="checkin").order_by("-id").first()
    live_retract(event=tabriz, by=editor, reason="counted twice (fictional)")
    reader.wait_for_function(
        "document.querySelectorAll('#live-items .item').length === 1", timeout=10_000
    )
    assert "Tabriz" not in reader.locator("#live-items").inner_text()
    assert reader.locator('[data-counter="checkins"]').inner_text() == "1"
    assert reader.locator('[data-counter="attendance"]').inner_text() == "300"
    assert reader.locator('[data-counter="places"]').inner_text() == "1"
    assert reader.locator("#live-points circle").count() == 1
    assert "Tabriz" not in reader.locator("#live-places").inner_text()
    assert "withdrawn: counted twice" in reader.locator("#live-status").inner_text()
    screenshot(reader, "live-board-withdrawn")
    plain.reload()
    assert plain.locator("#live-items .item").count() == 1
    assert "Tabriz" not in plain.locator("#live-items").inner_text()


def test_an_editor_withdraws_an_item_from_the_review_page(
    live_server, page, contributor, user_with_role
):
    _tabriz_checkin(contributor)
    user_with_role("editor")
    page.goto(live_server.url + "/accounts/login/?next=/live/review/")
    page.get_by_label("Name").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/live/review/")
    item = page.locator("#published ~ ol .item").first
    assert "Gathering outside the bazaar" in item.inner_text()
    screenshot(page, "live-review-on-the-board")
    item.get_by_label("Reason (public)").fill("wrong place (fictional)")
    item.get_by_role("button", name="Withdraw").click()
    page.wait_for_url("**/live/review/")
    assert "Nothing is on the board." in page.locator("#published ~ ol").first.inner_text()
    page.goto(live_server.url + "/live/")
    assert page.locator("#live-items .item").count() == 0
