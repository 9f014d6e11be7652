"""Sign-up is closed; an invitation link opens it once, into a collective with a role."""

from datetime import timedelta

import pytest
from allauth.account.forms import SignupForm
from allauth.core.exceptions import ImmediateHttpResponse
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from conftest import client_for
from iskra.accounts.adapter import INVITATION_SESSION_KEY, InvitationOnlyAdapter
from iskra.audit.models import LogEntry
from iskra.network.models import Invitation, Membership, Role
from iskra.network.services import invitation_create, invitation_revoke

NEW_PASSWORD = "a long new passphrase 42"


def signup_data(username="newcomer"):
    return {"username": username, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}


@pytest.fixture
def invitation(organizer, los_angeles):
    invitation, token = invitation_create(
        actor=organizer, collective=los_angeles, role=Role.EDITOR, note="from the march"
    )
    return invitation, token


def test_sign_up_without_an_invitation_is_closed(db):
    response = Client().get("/accounts/signup/")
    assert response.status_code == 200
    assert b"Sign Up Closed" in response.content
    assert b"by invitation only" in response.content
    response = Client().post("/accounts/signup/", signup_data())
    assert b"Sign Up Closed" in response.content
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_the_link_shows_the_collective_and_the_role(invitation):
    _invitation, token = invitation
    response = Client().get(f"/me/join/{token}/")
    assert response.status_code == 200
    assert b"Join Los Angeles" in response.content
    assert b"Editor" in response.content
    assert f"/accounts/login/?next=/me/join/{token}/".encode() in response.content


def test_a_new_person_signs_up_into_the_collective(invitation, los_angeles):
    record, token = invitation
    client = Client()
    client.get(f"/me/join/{token}/")
    assert b'name="password1"' in client.get("/accounts/signup/").content
    response = client.post("/accounts/signup/", signup_data())
    assert response.status_code == 302
    assert response["Location"] == "/c/los-angeles/"
    user = get_user_model().objects.get(username="newcomer")
    assert int(client.session[SESSION_KEY]) == user.pk
    membership = Membership.objects.active().get(user=user)
    assert (membership.collective, membership.role) == (los_angeles, Role.EDITOR)
    record.refresh_from_db()
    assert record.used_by == user and record.used_at is not None
    assert LogEntry.objects.filter(action="network.invitation.accepted", actor=user).exists()


def test_a_link_signs_up_only_one_person(invitation):
    _record, token = invitation
    first, second = Client(), Client()
    first.get(f"/me/join/{token}/")
    second.get(f"/me/join/{token}/")
    assert first.post("/accounts/signup/", signup_data("first")).status_code == 302
    # The second form was opened while the link was still good; sending it now creates nothing.
    response = second.post("/accounts/signup/", signup_data("second"))
    assert b"Sign Up Closed" in response.content
    assert not get_user_model().objects.filter(username="second").exists()
    assert second.get(f"/me/join/{token}/").status_code == 404


def test_an_invitation_used_up_while_the_form_is_sent_leaves_no_account(invitation, rf):
    """The race the sign-up page cannot see: the account and its membership are one."""
    record, token = invitation
    request = rf.post("/accounts/signup/")
    SessionMiddleware(lambda request: HttpResponse()).process_request(request)
    request.session[INVITATION_SESSION_KEY] = token
    form = SignupForm(data=signup_data())
    assert form.is_valid(), form.errors
    Invitation.objects.filter(pk=record.pk).update(used_at=timezone.now())
    with pytest.raises(ImmediateHttpResponse) as refusal:
        InvitationOnlyAdapter().save_user(request, get_user_model()(), form)
    assert refusal.value.response.status_code == 404
    assert not get_user_model().objects.filter(username="newcomer").exists()


@pytest.mark.parametrize("spoil", ["used", "expired", "revoked"])
def test_a_spent_link_is_refused(spoil, invitation, organizer, outsider):
    record, token = invitation
    if spoil == "used":
        Client().get(f"/me/join/{token}/")
        record.used_at, record.used_by = timezone.now(), outsider
        record.save(update_fields=["used_at", "used_by"])
    elif spoil == "expired":
        record.expires_at = timezone.now() - timedelta(minutes=1)
        record.save(update_fields=["expires_at"])
    else:
        invitation_revoke(actor=organizer, invitation=record)
    client = Client()
    response = client.get(f"/me/join/{token}/")
    assert response.status_code == 404
    assert b"This link does not work" in response.content
    assert b"Sign Up Closed" in client.get("/accounts/signup/").content


def test_an_unknown_token_is_refused(db):
    assert Client().get("/me/join/made-up-token/").status_code == 404


def test_a_signed_in_person_confirms_and_joins(invitation, detroit_member, los_angeles):
    _record, token = invitation
    client = client_for(detroit_member)
    page = client.get(f"/me/join/{token}/")
    assert page.status_code == 200
    assert b"Accept" in page.content
    assert not Membership.objects.filter(user=detroit_member, collective=los_angeles).exists()
    response = client.post(f"/me/join/{token}/")
    assert response["Location"] == "/c/los-angeles/"
    assert Membership.objects.active().get(user=detroit_member, collective=los_angeles).role == (
        Role.EDITOR
    )
    assert client.post(f"/me/join/{token}/").status_code == 404


def test_a_signed_in_person_cannot_take_a_role_twice(organizer, los_angeles):
    _record, token = invitation_create(actor=organizer, collective=los_angeles, role=Role.ORGANIZER)
    response = client_for(organizer).post(f"/me/join/{token}/", follow=True)
    assert b"already has this role here" in response.content
    assert Membership.objects.active().filter(user=organizer, collective=los_angeles).count() == 1
