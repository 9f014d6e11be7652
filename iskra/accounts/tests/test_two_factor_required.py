"""Organizers, editors, treasurers and centre users must set up two-factor login first."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from conftest import PASSWORD, client_for, make_user
from iskra.accounts.tests.conftest import password_step, totp_code
from iskra.audit.models import LogEntry
from iskra.network.models import Role
from iskra.network.services import membership_create


@pytest.fixture
def fresh_organizer(los_angeles):
    user = make_user("olivia")
    membership_create(actor=None, user=user, collective=los_angeles, role=Role.ORGANIZER)
    return user


@pytest.mark.parametrize("role", [Role.ORGANIZER, Role.EDITOR, Role.TREASURER, Role.CENTRE])
def test_it_sends_a_sensitive_role_without_two_factor_to_the_setup(role, los_angeles):
    user = make_user("rosa")
    membership_create(actor=None, user=user, collective=los_angeles, role=role)
    response = client_for(user).get("/c/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_it_explains_why(fresh_organizer):
    response = client_for(fresh_organizer).get("/", follow=True)
    assert b"Your role needs two-factor login" in response.content


def test_a_member_is_not_sent_to_the_setup(member):
    assert client_for(member).get("/c/").status_code == 200


def test_an_organizer_with_two_factor_passes(organizer):
    assert client_for(organizer).get("/c/").status_code == 200


def test_recovery_codes_alone_do_not_count(fresh_organizer):
    Authenticator.objects.create(
        user=fresh_organizer, type=Authenticator.Type.RECOVERY_CODES, data={}
    )
    assert client_for(fresh_organizer).get("/c/").status_code == 302


def test_setting_up_totp_opens_the_organizing_pages(
    fresh_organizer, django_capture_on_commit_callbacks
):
    client = Client()
    password_step(client, "olivia", PASSWORD)
    # allauth asks for the password again before a two-factor change.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=fresh_organizer, type=Authenticator.Type.TOTP).exists()
    assert client.get("/c/").status_code == 200
    assert LogEntry.objects.filter(
        action="accounts.two_factor.added", actor=fresh_organizer, details__type="totp"
    ).exists()


def test_sign_out_and_the_setup_pages_stay_reachable(fresh_organizer):
    client = client_for(fresh_organizer)
    assert client.get("/accounts/2fa/").status_code == 200
    assert client.post("/me/language/", {"language": "es"}).status_code == 302
    assert client.post("/accounts/logout/").status_code == 302


def test_a_security_key_counts_as_two_factor(fresh_organizer):
    Authenticator.objects.create(
        user=fresh_organizer, type=Authenticator.Type.WEBAUTHN, data={"name": "Red key"}
    )
    assert client_for(fresh_organizer).get("/c/").status_code == 200
