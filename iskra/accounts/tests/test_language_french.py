"""French is a full interface language: the switch offers it, pages and allauth's pages speak it,
and dates and decimals take the French form."""

import datetime

from django.test import Client
from django.utils import formats, translation

from conftest import client_for
from iskra.accounts.tests.conftest import password_step


def test_the_switch_offers_english_spanish_and_french(member):
    page = client_for(member).get("/").content.decode()
    assert 'value="es" class="link" lang="es">Español</button>' in page
    assert 'value="fr" class="link" lang="fr">Français</button>' in page


def test_switching_to_french_renders_pages_in_french(member, los_angeles):
    client = client_for(member)
    client.post("/me/language/", {"language": "fr"})
    member.refresh_from_db()
    assert member.language == "fr"
    home = client.get("/").content.decode()
    assert '<html lang="fr">' in home
    assert "Vos collectifs" in home
    assert ">English</button>" in home
    assert "Membres" in client.get("/c/los-angeles/").content.decode()


def test_allauth_pages_speak_french(member):
    client = client_for(member)
    client.post("/me/language/", {"language": "fr"})
    assert "Double authentification" in client.get("/accounts/2fa/").content.decode()


def test_a_visitor_gets_the_sign_in_page_in_french():
    client = Client(HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    page = client.get("/accounts/login/").content.decode()
    assert "Iskra fonctionne sur invitation" in page
    assert "Connexion" in page


def test_dates_and_decimals_take_the_french_form():
    with translation.override("fr"):
        assert formats.date_format(datetime.date(2026, 5, 1)) == "1 mai 2026"
        assert formats.localize(12.5) == "12,5"


def test_the_signed_in_message_is_already_in_the_persons_language(member):
    member.language = "fr"
    member.save(update_fields=["language"])
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US")
    response = password_step(client, member.username)
    page = client.get(response["Location"]).content.decode()
    assert f"Connexion avec {member.username} réussie." in page
