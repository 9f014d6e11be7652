"""Finding 1: `iskra demo` refuses outside development mode, touches nothing it did not make,
and its accounts (published password and TOTP secrets) cannot log in in production."""

from io import StringIO

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from iskra.network.demo import DEMO_PASSWORD
from iskra.network.models import Collective, Membership
from iskra.people.models import Contact


def test_the_demo_refuses_outside_development_mode(db, settings):
    settings.ISKRA_DEVELOPMENT_MODE = False
    with pytest.raises(CommandError, match="only in development mode"):
        call_command("demo", stdout=StringIO())
    assert not Collective.objects.exists()
    assert not get_user_model().objects.filter(username="ana").exists()


def test_the_demo_does_not_take_over_a_real_collective(los_angeles, organizer):
    with pytest.raises(CommandError, match="collective 'los-angeles' exists"):
        call_command("demo", stdout=StringIO())
    assert not get_user_model().objects.filter(username="ana").exists()
    assert list(
        Membership.objects.filter(collective=los_angeles).values_list("user__username")
    ) == [("alice",)]
    assert not Contact.objects.exists()


def test_the_demo_does_not_touch_a_real_user_with_a_demo_name(db):
    real = get_user_model().objects.create_user(username="ana", password="a real passphrase 1")
    with pytest.raises(CommandError, match="user 'ana' exists"):
        call_command("demo", stdout=StringIO())
    real.refresh_from_db()
    assert real.check_password("a real passphrase 1")
    assert not Membership.objects.filter(user=real).exists()
    assert not Collective.objects.exists()


def demo_user(username: str = "joe"):
    user = get_user_model()(username=username, is_demo=True)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def test_a_demo_account_cannot_log_in_outside_development_mode(db, settings):
    demo_user()
    settings.ISKRA_DEVELOPMENT_MODE = False
    client = Client()
    client.post("/accounts/login/", {"login": "joe", "password": DEMO_PASSWORD})
    assert SESSION_KEY not in client.session


def test_a_demo_session_stops_working_outside_development_mode(db, settings):
    user = demo_user()
    client = Client()
    client.force_login(user)
    assert client.get("/me/activity/").status_code == 200
    settings.ISKRA_DEVELOPMENT_MODE = False
    response = client.get("/me/activity/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_demo_account_logs_in_in_development_mode(db):
    demo_user()
    client = Client()
    client.post("/accounts/login/", {"login": "joe", "password": DEMO_PASSWORD})
    assert SESSION_KEY in client.session
