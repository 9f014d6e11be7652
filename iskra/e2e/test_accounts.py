"""The foundation's stories in a real browser, at a phone's width."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from conftest import PASSWORD, TOTP_SECRET
from iskra.e2e.conftest import login
from iskra.network.models import Membership, Role

pytestmark = pytest.mark.e2e


def test_an_organizer_signs_in_with_a_totp_code(phone_page, live_server, organizer):
    phone_page.goto(f"{live_server.url}/c/")
    expect(phone_page).to_have_url(re.compile(r"/accounts/login/\?next=/c/$"))
    login(phone_page, live_server, "alice", PASSWORD, TOTP_SECRET)
    expect(phone_page.locator("h1")).to_have_text("Hello, alice")
    expect(phone_page.get_by_role("link", name="Los Angeles", exact=True)).to_be_visible()


def test_a_member_switches_to_spanish(phone_page, live_server, member):
    login(phone_page, live_server, "bob", PASSWORD)
    expect(phone_page.get_by_role("heading", name="Your collectives")).to_be_visible()
    phone_page.get_by_role("button", name="español").click()
    expect(phone_page.get_by_role("heading", name="Tus colectivos")).to_be_visible()
    expect(phone_page.locator("html")).to_have_attribute("lang", "es")
    phone_page.get_by_role("link", name="Los Angeles", exact=True).click()
    expect(phone_page.get_by_role("heading", name="Miembros")).to_be_visible()
    member.refresh_from_db()
    assert member.language == "es"


def test_an_invitation_brings_a_new_member_in(new_phone_page, live_server, organizer):
    organizer_page = new_phone_page()
    login(organizer_page, live_server, "alice", PASSWORD, TOTP_SECRET)
    organizer_page.get_by_role("link", name="Los Angeles", exact=True).click()
    organizer_page.get_by_role("link", name="Invite someone").click()
    organizer_page.get_by_label("Who it is for").fill("R from the march")
    organizer_page.get_by_label("Role").select_option("member")
    organizer_page.get_by_label("Status").select_option("friend")
    organizer_page.get_by_role("button", name="Create the link").click()
    link = organizer_page.locator("#invitation-link").input_value()
    assert link.startswith(f"{live_server.url}/me/join/")

    newcomer = new_phone_page()
    newcomer.goto(link)
    expect(newcomer.locator("h1")).to_have_text("Join Los Angeles")
    newcomer.get_by_role("link", name="Create my account").click()
    newcomer.locator("input[name=username]").fill("rosa")
    newcomer.locator("input[name=password1]").fill("a long new passphrase 42")
    newcomer.locator("input[name=password2]").fill("a long new passphrase 42")
    newcomer.get_by_role("button", name="Sign Up").click()
    expect(newcomer).to_have_url(f"{live_server.url}/c/los-angeles/")
    expect(newcomer.locator(".members")).to_contain_text("rosa")

    rosa = get_user_model().objects.get(username="rosa")
    membership = Membership.objects.active().get(user=rosa)
    assert (membership.collective.slug, membership.role, membership.status) == (
        "los-angeles",
        Role.MEMBER,
        "friend",
    )
    # The link worked once.
    latecomer = new_phone_page()
    latecomer.goto(link)
    expect(latecomer.locator("h1")).to_have_text("This link does not work")


def test_a_session_is_ended_from_another_device(new_phone_page, live_server, member):
    lost_phone = new_phone_page()
    login(lost_phone, live_server, "bob", PASSWORD)
    laptop = new_phone_page()
    login(laptop, live_server, "bob", PASSWORD)

    laptop.get_by_role("link", name="Sessions").click()
    expect(laptop.locator(".session")).to_have_count(2)
    laptop.get_by_role("button", name="End this session").click()
    # HTMX replaces just that entry; the page itself stays.
    expect(laptop.locator(".session.ended")).to_have_text("The session has ended.")
    expect(laptop.get_by_role("button", name="End this session")).to_have_count(0)

    lost_phone.reload()
    expect(lost_phone).to_have_url(re.compile(r"/accounts/login/"))
    laptop.reload()
    expect(laptop.locator("h1")).to_have_text("Your sessions")  # still signed in


def test_an_organizer_signs_a_member_out_everywhere(new_phone_page, live_server, organizer, member):
    seized_phone = new_phone_page()
    login(seized_phone, live_server, "bob", PASSWORD)
    organizer_page = new_phone_page()
    login(organizer_page, live_server, "alice", PASSWORD, TOTP_SECRET)
    organizer_page.goto(f"{live_server.url}/c/los-angeles/")
    organizer_page.once("dialog", lambda dialog: dialog.accept())  # app.js asks first
    bob = organizer_page.locator(".members li", has_text="bob")
    bob.get_by_role("button", name="End all sessions").click()
    expect(organizer_page.locator(".messages")).to_contain_text("Ended 1 session of bob.")
    seized_phone.reload()
    expect(seized_phone).to_have_url(re.compile(r"/accounts/login/"))
