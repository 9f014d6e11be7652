"""Story 1 on a phone: R, met at the march, with a follow-up that comes back on its day."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, TOTP_SECRET
from iskra.e2e.conftest import login
from iskra.people import services
from iskra.people.models import Contact, FollowUp

pytestmark = pytest.mark.e2e


def test_add_r_from_a_phone_then_find_and_finish_the_follow_up(
    phone_page, live_server, member, los_angeles
):
    services.ensure_stages()  # the live server's flushes empty the migration's stages
    # The due date is "today" where the collective is: the list is built in its time zone.
    due = timezone.localdate(timezone.now(), los_angeles.zone)
    page = phone_page
    TOTP.activate(member, TOTP_SECRET)  # the note is a protected field: two-factor login
    login(page, live_server, "bob", PASSWORD, TOTP_SECRET)
    page.get_by_role("link", name="Add someone met · Los Angeles").click()
    expect(page.locator("h1")).to_have_text("Add someone")
    page.get_by_label("Name or nickname").fill("R")
    page.get_by_label("Where met").fill("Palestine march")
    page.get_by_label("Note").fill(
        "Campaigning for a council candidate; wants to help produce the paper after the election."
    )
    page.get_by_label("Next step").fill("Ask R to help produce the paper")
    page.get_by_label("Due on").fill(due.isoformat())
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("h1")).to_contain_text("R")
    expect(page.get_by_text("Campaigning for a council candidate")).to_be_visible()

    page.get_by_role("link", name="Follow-ups").click()
    today = page.get_by_role("region", name="Today")
    expect(today.get_by_text("Ask R to help produce the paper")).to_be_visible()
    today.get_by_role("link", name="Done").click()
    page.get_by_label("How did it go?").fill("He will come to the paper's meeting on Sunday.")
    page.get_by_role("button", name="Mark done").click()
    expect(page).to_have_url(re.compile(r"/people/followups/$"))
    expect(page.get_by_text("Done: Ask R to help produce the paper")).to_be_visible()
    expect(page.get_by_text("No follow-up is waiting: every next step is done.")).to_be_visible()

    r = Contact.objects.get(display_name="R")
    followup = FollowUp.objects.get(contact=r)
    assert followup.done_at is not None
    assert followup.outcome == "He will come to the paper's meeting on Sunday."
    assert r.conversations.count() == 2
