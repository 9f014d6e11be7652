"""The stories of DESIGN.md end to end, in a real browser at a phone's width."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, TOTP_SECRET, make_user
from iskra.e2e.conftest import login
from iskra.e2e.pages import check_page
from iskra.network.models import Role
from iskra.network.services import membership_create

pytestmark = pytest.mark.e2e


def test_story_7_a_seized_phone(new_phone_page, live_server, los_angeles, organizer):
    """Marisol's phone is taken at a protest. An organizer marks her account compromised from
    another device: the phone is signed out and cannot sign back in, and the exposure report
    lists exactly the contacts her account read, so that those people can be warned."""
    from iskra.people import services as people

    marisol = make_user("marisol", two_factor=True)
    membership_create(actor=None, user=marisol, collective=los_angeles, role=Role.MEMBER)
    people.ensure_stages()
    hers = [
        people.contact_create(
            actor=marisol, collective=los_angeles, display_name=name, phone="+1 213 555 0100"
        )
        for name in ("R (council campaign)", "M (Green Party sign)", "T (never opened)")
    ]
    not_hers = people.contact_create(
        actor=organizer, collective=los_angeles, display_name="Z (depot)", phone="+1 213 555 0199"
    )

    phone = new_phone_page()
    login(phone, live_server, "marisol", PASSWORD, TOTP_SECRET)
    check_page(phone)
    for contact in hers[:2]:
        phone.goto(f"{live_server.url}/people/contact/{contact.pk}/")
        expect(phone.locator("h1")).to_contain_text(contact.display_name)
        expect(phone.locator("main")).to_contain_text("+1 213 555 0100")
        check_page(phone)
    # A contact she is not responsible for: its name and stage, never its phone.
    phone.goto(f"{live_server.url}/people/contact/{not_hers.pk}/")
    expect(phone.locator("h1")).to_contain_text("Z (depot)")
    expect(phone.locator("main")).not_to_contain_text("+1 213 555 0199")
    check_page(phone)

    desk = new_phone_page()
    login(desk, live_server, "alice", PASSWORD, TOTP_SECRET)
    desk.goto(f"{live_server.url}/c/los-angeles/")
    check_page(desk)
    row = desk.locator(".members li", has_text="marisol")
    desk.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Mark compromised").click()
    expect(desk.locator("h1")).to_have_text("Exposure report: marisol")
    check_page(desk)
    read = desk.locator("#read li a")
    expect(read).to_have_count(2)
    assert sorted(read.all_inner_texts()) == ["M (Green Party sign)", "R (council campaign)"]
    expect(desk.locator("#could-read")).to_contain_text("T (never opened)")
    expect(desk.locator("#could-read")).not_to_contain_text("Z (depot)")

    # The phone is signed out at once, and its saved password no longer opens the account.
    phone.goto(f"{live_server.url}/people/contact/{hers[0].pk}/")
    expect(phone).to_have_url(
        f"{live_server.url}/accounts/login/?next=/people/contact/{hers[0].pk}/"
    )
    check_page(phone)
    phone.locator("main input[name=login]").fill("marisol")
    phone.locator("main input[name=password]").fill(PASSWORD)
    phone.locator("main button[type=submit]").first.click()
    expect(phone.locator("main")).to_contain_text("not correct")
    assert "/accounts/login/" in phone.url
    check_page(phone)
