"""The browser for end-to-end tests: Debian's Chromium driven by Playwright against
pytest-django's live server. Put an app's end-to-end tests in this directory (`test_<app>.py`,
marked `@pytest.mark.e2e`) to use these fixtures:

- `browser`: one Chromium for the whole run;
- `phone_page`: a fresh browser context (its own cookies) with a page at 360x740, English;
- `new_phone_page()`: more such pages, e.g. a second device or another person;
- `login(page, live_server, username, password, totp_secret=None)`: signs in through the
  real login page, and the two-factor page when `totp_secret` is given.

Every page fails its test if the browser reports a Content-Security-Policy violation.
"""

import os
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache
from playwright.sync_api import Browser, Page, Playwright, ViewportSize, expect, sync_playwright

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls that
# tests make there are still synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE: ViewportSize = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture(autouse=True)
def _fresh_cache_and_clock(live_server: Any, settings: Any) -> None:
    """Rate limits and used TOTP codes live in the cache, which the live server's database
    flush does not empty. A browser round trip may cross a 30-second TOTP step, so codes of
    the neighbouring step are accepted here (production accepts only the current one)."""
    cache.clear()
    settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture
def new_phone_page(browser: Browser) -> Iterator[Callable[[], Page]]:
    contexts = []
    violations: list[str] = []

    def open_page() -> Page:
        context = browser.new_context(viewport=PHONE, locale="en-US")
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"


@pytest.fixture
def phone_page(new_phone_page: Callable[[], Page]) -> Page:
    return new_phone_page()


def totp_now(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def login(
    page: Page, live_server: Any, username: str, password: str, totp_secret: str | None = None
) -> None:
    """Sign in through the login page (and the two-factor page); ends on the home page."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main input[name=login]").fill(username)
    page.locator("main input[name=password]").fill(password)
    page.locator("main button[type=submit]").first.click()
    if totp_secret is not None:
        expect(page).to_have_url(f"{live_server.url}/accounts/2fa/authenticate/")
        page.locator("main input[name=code]").fill(totp_now(totp_secret))
        page.locator("main button[type=submit]").first.click()
    expect(page).to_have_url(f"{live_server.url}/")
