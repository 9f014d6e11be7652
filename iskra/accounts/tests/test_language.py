"""Each person chooses English or Spanish; the choice follows them to every device."""

from django.test import Client

from conftest import client_for
from iskra.accounts.tests.conftest import password_step


def test_switching_to_spanish_renders_pages_in_spanish(member, los_angeles):
    client = client_for(member)
    assert "Your collectives" in client.get("/").content.decode()
    response = client.post("/me/language/", {"language": "es", "next": "/c/los-angeles/"})
    assert response.status_code == 302
    assert response["Location"] == "/c/los-angeles/"
    member.refresh_from_db()
    assert member.language == "es"
    home = client.get("/").content.decode()
    assert '<html lang="es">' in home
    assert "Tus colectivos" in home
    assert "Miembros" in client.get("/c/los-angeles/").content.decode()


def test_the_choice_follows_the_account_to_another_device(member):
    client_for(member).post("/me/language/", {"language": "es"})
    other_device = Client(HTTP_ACCEPT_LANGUAGE="en")
    password_step(other_device, "bob")
    assert "Tus colectivos" in other_device.get("/").content.decode()


def test_allauth_pages_follow_the_choice(member):
    client = client_for(member)
    client.post("/me/language/", {"language": "es"})
    page = client.get("/accounts/2fa/").content.decode()
    assert "Autenticación de doble factor" in page


def test_a_visitor_switches_with_a_cookie(db):
    client = Client()
    client.post("/me/language/", {"language": "es", "next": "/accounts/login/"})
    page = client.get("/accounts/login/").content.decode()
    assert "Iniciar sesión" in page
    assert "Iskra funciona por invitación" in page


def test_an_unknown_language_is_refused_and_nothing_changes(member):
    client = client_for(member)
    response = client.post("/me/language/", {"language": "xx"}, follow=True)
    assert "Unknown language." in response.content.decode()
    member.refresh_from_db()
    assert member.language == "en"


def test_the_next_address_cannot_leave_the_site(member):
    response = client_for(member).post(
        "/me/language/", {"language": "es", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
