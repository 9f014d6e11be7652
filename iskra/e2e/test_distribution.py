"""Logging the Labor Day outing on a phone in the street, with the taps counted."""

import time

import pytest
from playwright.sync_api import Locator, expect

from conftest import PASSWORD
from iskra.distribution.models import Outing
from iskra.distribution.tests import factories
from iskra.e2e.conftest import login
from iskra.press.models import Article

pytestmark = pytest.mark.e2e
MAX_TAPS = 10
MAX_SECONDS = 45


def test_logging_the_labor_day_outing_in_at_most_ten_taps(
    phone_page, live_server, usa, los_angeles, member
):
    factories.ensure_stages()
    paper = factories.stocked_paper(usa, los_angeles, copies=600)
    pamphlet = factories.stocked_paper(
        usa, los_angeles, copies=200, slug="gaza", kind="pamphlet", names={"en": "Gaza"}
    )
    login(phone_page, live_server, "bob", PASSWORD)
    phone_page.goto(f"{live_server.url}/distribution/")
    taps = 0

    def tap(target: Locator) -> None:
        nonlocal taps
        taps += 1
        target.click()

    started = time.monotonic()
    page = phone_page
    tap(page.get_by_role("link", name="Log an outing"))
    tap(page.get_by_label("Where"))
    page.keyboard.type("Labor Day parade")
    tap(page.get_by_label("Friends who helped"))
    page.keyboard.type("12")
    tap(page.get_by_role("button", name="one more"))
    expect(page.get_by_label("Friends who helped")).to_have_value("13")
    tap(page.locator(f"#id_copies_{paper.pk}_en"))
    page.keyboard.press("Control+A")
    page.keyboard.type("540")
    tap(page.locator(f"#id_copies_{pamphlet.pk}_en"))
    page.keyboard.press("Control+A")
    page.keyboard.type("100")
    tap(page.get_by_label("Person met: name or nickname"))
    page.keyboard.type("R (after the election)")
    tap(page.get_by_role("button", name="Save the outing"))
    expect(page.locator("#summary-en")).to_have_value(
        "Fourteen comrades and friends distributed 540 copies of Red Banner and 100 pamphlets "
        "at Labor Day parade. We met one person who wants to stay in touch."
    )
    expect(page.locator("#summary-es")).to_contain_text("Catorce camaradas y amigos repartieron")
    tap(page.get_by_role("button", name="Send to the next issue's drafts"))
    expect(page.get_by_text("In the drafts")).to_be_visible()
    elapsed = time.monotonic() - started

    print(f"outing logged in {taps} taps and {elapsed:.1f} s")
    assert taps <= MAX_TAPS
    assert elapsed <= MAX_SECONDS
    outing = Outing.objects.get()
    assert outing.friends_count == 13
    assert outing.contacts_met.get().contact.display_name == "R (after the election)"
    draft = Article.objects.get(translation_of=None)
    assert draft.state == Article.State.DRAFT
    assert draft.body.startswith("Fourteen comrades and friends distributed 540 copies")
