"""Finding 7 of issue 9: "Successfully signed in as …" showed in English on a Spanish page,
and the two-factor page said "Vista" (Django admin's word) for "View"."""

from django.test import Client

from conftest import TOTP_SECRET, client_for
from iskra.accounts.tests.conftest import password_step


def test_signing_in_from_an_english_browser_greets_in_the_accounts_language(member):
    member.language = "es"
    member.save(update_fields=["language"])
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    password_step(browser, "bob")
    page = browser.get("/").content.decode()
    assert "Has entrado como bob." in page
    assert "Successfully signed in" not in page


def test_the_two_factor_page_says_ver(organizer):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    organizer.language = "es"
    organizer.save(update_fields=["language"])
    RecoveryCodes.activate(organizer)
    page = client_for(organizer).get("/accounts/2fa/").content.decode()
    assert TOTP_SECRET not in page
    words = page.replace("<", " <").replace(">", "> ").split()
    assert "Ver" in words and "Vista" not in words
