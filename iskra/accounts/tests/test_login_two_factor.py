"""Signing in through allauth: password, then the TOTP code for those who have one."""

from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.test import Client

from conftest import TOTP_SECRET
from iskra.accounts.tests.conftest import code_step, password_step, totp_code
from iskra.audit.models import LogEntry


def test_password_alone_does_not_sign_in_a_user_with_two_factor(organizer):
    client = Client()
    response = password_step(client, "alice")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert SESSION_KEY not in client.session
    assert client.get("/").status_code == 302


def test_the_code_completes_the_login(organizer, frozen_totp):
    client = Client()
    password_step(client, "alice")
    page = client.get("/accounts/2fa/authenticate/")
    assert page.status_code == 200
    assert b'name="code"' in page.content
    assert b"Use a security key" not in page.content  # alice has no key
    response = code_step(client, totp_code(TOTP_SECRET, frozen_totp))
    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == organizer.pk
    assert client.get("/").status_code == 200
    assert LogEntry.objects.filter(action="accounts.login.succeeded", actor=organizer).exists()


def test_a_wrong_code_is_refused_and_logged(organizer, frozen_totp):
    client = Client()
    password_step(client, "alice")
    wrong = f"{(int(totp_code(TOTP_SECRET, frozen_totp)) + 1) % 1_000_000:06d}"
    response = code_step(client, wrong)
    assert response.status_code == 200
    assert "Incorrect code." in response.context["form"].errors["code"]
    assert SESSION_KEY not in client.session
    assert LogEntry.objects.filter(action="accounts.two_factor.failed").count() == 1


def test_a_code_cannot_be_used_twice(organizer, frozen_totp):
    code = totp_code(TOTP_SECRET, frozen_totp)
    first = Client()
    password_step(first, "alice")
    assert code_step(first, code).status_code == 302

    second = Client()
    password_step(second, "alice")
    response = code_step(second, code)
    assert response.status_code == 200
    assert "Incorrect code." in response.context["form"].errors["code"]
    assert SESSION_KEY not in second.session

    # The same code in the same 30 seconds is refused only because it was used: forgetting
    # the used codes lets it through.
    cache.clear()
    assert code_step(second, code).status_code == 302


def test_a_member_without_two_factor_signs_in_with_the_password(member):
    client = Client()
    response = password_step(client, "bob")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert int(client.session[SESSION_KEY]) == member.pk


def test_a_recovery_code_signs_in_once(organizer):
    codes = RecoveryCodes.activate(organizer).get_unused_codes()
    client = Client()
    password_step(client, "alice")
    assert code_step(client, codes[0]).status_code == 302
    assert int(client.session[SESSION_KEY]) == organizer.pk

    again = Client()
    password_step(again, "alice")
    response = code_step(again, codes[0])
    assert response.status_code == 200
    assert SESSION_KEY not in again.session
    assert (
        codes[0] not in RecoveryCodes(RecoveryCodes.activate(organizer).instance).get_unused_codes()
    )


def test_the_login_page_says_sign_up_is_by_invitation(db):
    response = Client().get("/accounts/login/")
    assert response.status_code == 200
    assert b"Iskra is by invitation" in response.content
    assert b"/accounts/signup/" not in response.content
