"""Finding 3: no IP address is stored in a form that can be reversed. Rate limits key on a
keyed hash whose key is random, kept in the cache and replaced every day; the worker culls
expired cache rows; session lists keep a coarse device label."""

import base64
from datetime import timedelta

import pytest
from allauth.usersessions.models import UserSession
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from conftest import client_for
from iskra.core import privacy

ADDRESS = "203.0.113.7"
AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UQ1A.240205.004) Chrome/124.0.6367.82"


@pytest.fixture(autouse=True)
def _empty_cache(db):
    cache.clear()


def cache_rows() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key, value FROM iskra_cache")
        return [(key, base64.b64decode(value).decode("latin-1")) for key, value in cursor]


def test_failed_logins_leave_no_address_in_the_cache(organizer):
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)
    for _attempt in range(3):
        client.post("/accounts/login/", {"login": "alice", "password": "wrong password"})
    rows = cache_rows()
    assert any(":rl:" in key for key, _value in rows)  # the limits were counted...
    for key, value in rows:
        assert ADDRESS not in key and ADDRESS not in value  # ...without the address


def test_a_session_keeps_a_coarse_device_label_and_no_address(member):
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT)
    client.post("/accounts/login/", {"login": "bob", "password": "correct horse battery staple"})
    session = UserSession.objects.get(user=member)
    assert session.user_agent == "Chrome · Android"
    assert session.ip != ADDRESS and session.ip.startswith("fd")
    page = client.get("/me/sessions/").content.decode()
    assert ADDRESS not in page and "Pixel 8" not in page and session.ip not in page


def test_the_hash_key_is_random_and_replaced_every_day(db, monkeypatch):
    today = privacy.client_token(ADDRESS)
    assert today == privacy.client_token(ADDRESS)
    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert privacy.client_token(ADDRESS) != today
    # The key is not derived from anything kept: a fresh cache makes a new one.
    cache.clear()
    assert privacy.client_token(ADDRESS) not in {today}


def test_an_ipv6_client_is_its_64_block():
    first = privacy.pseudonymous_address("2001:db8:1:2:aaaa::1")
    assert first == privacy.pseudonymous_address("2001:db8:1:2:bbbb::9")
    assert first != privacy.pseudonymous_address("2001:db8:1:3::1")


@pytest.mark.django_db(transaction=True)
def test_the_worker_culls_expired_cache_rows(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.set("short-lived", "x", 1)
    cache.set("long-lived", "y", 3600)
    later = timezone.now() + timedelta(seconds=5)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE iskra_cache SET expires = %s WHERE cache_key LIKE %s",
            [connection.ops.adapt_datetimefield_value(later - timedelta(days=1)), "%short-lived"],
        )
    call_command("worker", batch=True, interval=0.1)
    keys = [key for key, _value in cache_rows()]
    assert not any(key.endswith("short-lived") for key in keys)
    assert any(key.endswith("long-lived") for key in keys)


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (AGENT, "Chrome · Android"),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Safari/604.1", "Safari · iPhone"),
        (
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Firefox · Linux",
        ),
        ("curl/8.5.0", "curl"),
    ],
)
def test_device_labels_are_coarse(agent, label):
    assert privacy.device_label(agent) == label


def test_the_sessions_page_still_lists_sessions(member):
    assert client_for(member).get("/me/sessions/").status_code == 200
