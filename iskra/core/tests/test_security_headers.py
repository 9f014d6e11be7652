"""The headers every response carries: a strict CSP, HSTS, Referrer-Policy, and no caching
of organizing pages."""

import pytest
from django.test import Client, override_settings

from conftest import client_for


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_scripts_only_come_from_our_own_files(member):
    csp = directives(client_for(member).get("/"))
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert not any("unsafe" in value for values in csp.values() for value in values)


def test_pages_have_no_inline_scripts_or_styles(member, los_angeles):
    for path in ["/", "/c/los-angeles/", "/me/sessions/", "/accounts/2fa/"]:
        html = client_for(member).get(path).content.decode()
        assert "<script>" not in html and "style=" not in html, path
        assert "onclick=" not in html and "javascript:" not in html, path


def test_the_login_page_has_the_policy_too(db):
    response = Client().get("/accounts/login/")
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_referrer_framing_and_sniffing(member):
    response = client_for(member).get("/")
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@override_settings(
    SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
)
def test_hsts_with_production_values(db):
    response = Client().get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


@override_settings(SECURE_SSL_REDIRECT=True)
def test_production_redirects_plain_http_to_https(db):
    response = Client().get("/accounts/login/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.parametrize("path", ["/", "/c/", "/c/los-angeles/", "/me/sessions/"])
def test_organizing_pages_are_never_stored(path, member):
    response = client_for(member).get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_the_login_page_is_not_stored_either(db):
    assert "no-store" in Client().get("/accounts/login/")["Cache-Control"]


def test_static_files_may_be_cached(settings, db):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get("/static/iskra/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "max-age" in response["Cache-Control"]
