"""Security keys (WebAuthn) as a second factor, with Chromium's virtual authenticator."""

import re

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import Page, expect

from conftest import PASSWORD, TOTP_SECRET
from iskra.e2e.conftest import login

pytestmark = pytest.mark.e2e


def plug_in_a_security_key(page: Page) -> None:
    """A virtual authenticator in this browser context, answering as a touched key would."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": False,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_an_organizer_adds_a_security_key_and_signs_in_with_it(phone_page, live_server, organizer):
    plug_in_a_security_key(phone_page)
    login(phone_page, live_server, "alice", PASSWORD, TOTP_SECRET)
    phone_page.goto(f"{live_server.url}/accounts/2fa/webauthn/add/")
    # allauth asks for the password again before a two-factor change.
    expect(phone_page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    phone_page.locator("main input[name=password]").fill(PASSWORD)
    phone_page.locator("main button[type=submit]").first.click()
    phone_page.locator("input[name=name]").fill("Red key")
    phone_page.locator("#mfa_webauthn_add").click()
    # The first key comes with recovery codes, which allauth shows right away.
    expect(phone_page).to_have_url(f"{live_server.url}/accounts/2fa/recovery-codes/")
    assert Authenticator.objects.filter(user=organizer, type=Authenticator.Type.WEBAUTHN).exists()

    phone_page.locator("form[action='/accounts/logout/'] button").click()
    # Wait for the sign-out to land before opening the login page (else the navigation
    # can cut the sign-out short and the login page sends a still signed-in user home).
    expect(phone_page).to_have_url(re.compile(r"/accounts/login/"))
    phone_page.goto(f"{live_server.url}/accounts/login/")
    phone_page.locator("main input[name=login]").fill("alice")
    phone_page.locator("main input[name=password]").fill(PASSWORD)
    phone_page.locator("main button[type=submit]").first.click()
    phone_page.locator("#mfa_webauthn_authenticate").click()
    expect(phone_page).to_have_url(f"{live_server.url}/")
    expect(phone_page.locator("h1")).to_have_text("Hello, alice")
