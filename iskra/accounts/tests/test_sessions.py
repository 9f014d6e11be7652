"""The sessions page, and the organizer's way to sign a member out everywhere."""

from allauth.usersessions.models import UserSession
from django.contrib.auth import SESSION_KEY
from django.test import Client

from conftest import client_for, make_user
from iskra.accounts.tests.conftest import password_step
from iskra.audit.models import LogEntry
from iskra.network.models import Membership, Role
from iskra.network.services import membership_create


def signed_in(user, agent):
    """A client signed in through the login page, as a separate browser would be."""
    client = Client(HTTP_USER_AGENT=agent)
    assert password_step(client, user.username).status_code == 302
    return client


def test_it_lists_my_sessions(member):
    phone = signed_in(member, "Phone browser")
    laptop = signed_in(member, "Laptop browser")
    page = laptop.get("/me/sessions/")
    assert page.status_code == 200
    assert b"This device" in page.content
    assert b"Phone browser" in page.content
    assert len(page.context["sessions"]) == 2
    assert phone.get("/me/sessions/").status_code == 200


def test_ending_one_session_signs_that_browser_out(member):
    phone = signed_in(member, "Phone browser")
    laptop = signed_in(member, "Laptop browser")
    phone_session = UserSession.objects.get(user=member, user_agent="Phone browser")
    response = laptop.post(f"/me/sessions/{phone_session.pk}/end/")
    assert response.status_code == 302
    assert phone.get("/").status_code == 302  # back to the login page
    assert laptop.get("/").status_code == 200
    assert LogEntry.objects.filter(action="accounts.session.ended", actor=member).exists()


def test_with_htmx_only_the_entry_is_replaced(member):
    phone = signed_in(member, "Phone browser")
    laptop = signed_in(member, "Laptop browser")
    phone_session = UserSession.objects.get(user=member, user_agent="Phone browser")
    response = laptop.post(f"/me/sessions/{phone_session.pk}/end/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.content.decode().strip().startswith('<div class="session ended">')
    assert "<html" not in response.content.decode()
    assert phone.get("/").status_code == 302


def test_nobody_ends_a_session_of_someone_else(member, outsider):
    signed_in(member, "Phone browser")
    phone_session = UserSession.objects.get(user=member)
    response = client_for(outsider).post(f"/me/sessions/{phone_session.pk}/end/")
    assert response.status_code == 404
    assert UserSession.objects.filter(pk=phone_session.pk).exists()


def test_ending_all_other_sessions_keeps_this_one(member):
    phone = signed_in(member, "Phone browser")
    tablet = signed_in(member, "Tablet browser")
    laptop = signed_in(member, "Laptop browser")
    response = laptop.post("/me/sessions/end-others/", follow=True)
    assert b"Ended 2 other sessions." in response.content
    assert phone.get("/").status_code == 302
    assert tablet.get("/").status_code == 302
    assert laptop.get("/").status_code == 200
    entry = LogEntry.objects.get(action="accounts.session.ended_all")
    assert entry.details == {"count": 2, "by_self": True}


def test_an_organizer_signs_a_member_out_everywhere(organizer, member, los_angeles):
    """The seized phone: the member's next request is anonymous."""
    seized_phone = signed_in(member, "Seized phone")
    membership = Membership.objects.get(user=member, collective=los_angeles)
    response = client_for(organizer).post(f"/me/members/{membership.pk}/end-sessions/")
    assert response.status_code == 302
    assert response["Location"] == "/c/los-angeles/"
    after = seized_phone.get("/")
    assert after.status_code == 302
    assert after["Location"].startswith("/accounts/login/")
    assert SESSION_KEY not in seized_phone.session
    entry = LogEntry.objects.get(action="accounts.session.ended_all")
    assert (entry.actor, entry.object_id) == (organizer, str(member.pk))
    assert entry.details == {"count": 1, "by_self": False}
    history = client_for(organizer).get("/c/los-angeles/history/")
    assert entry in history.context["entries"]


def test_a_member_cannot_sign_out_another_member(member, los_angeles):
    fellow = make_user("erin")
    membership_create(actor=None, user=fellow, collective=los_angeles, role=Role.MEMBER)
    bobs_phone = signed_in(member, "Phone browser")
    membership = Membership.objects.get(user=member, collective=los_angeles)
    response = client_for(fellow).post(f"/me/members/{membership.pk}/end-sessions/")
    assert response.status_code == 404
    assert bobs_phone.get("/").status_code == 200


def test_an_organizer_cannot_reach_another_collective(organizer, detroit_member, detroit):
    membership = Membership.objects.get(user=detroit_member, collective=detroit)
    response = client_for(organizer).post(f"/me/members/{membership.pk}/end-sessions/")
    assert response.status_code == 404


def test_the_activity_page_shows_who_ended_my_sessions(organizer, member, los_angeles):
    membership = Membership.objects.get(user=member, collective=los_angeles)
    client_for(organizer).post(f"/me/members/{membership.pk}/end-sessions/")
    page = client_for(member).get("/me/activity/")
    assert page.status_code == 200
    assert b"Ended all sessions" in page.content
    assert b"alice" in page.content
    assert b"America/Los_Angeles" in page.content
