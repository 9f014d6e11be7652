from allauth.usersessions.models import UserSession
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import client_for


def test_last_seen_is_refreshed_at_most_once_a_minute(member, los_angeles):
    client = client_for(member)
    client.get("/")
    session = UserSession.objects.get(user=member)
    first_seen = session.last_seen_at
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert not any("usersessions_usersession" in query["sql"] for query in captured)
    assert UserSession.objects.get(pk=session.pk).last_seen_at == first_seen
    cache.clear()  # a minute later, as far as the throttle knows
    client.get("/")
    assert UserSession.objects.get(pk=session.pk).last_seen_at > first_seen
    # The cache (a database table here) never holds the session key itself.
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM iskra_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert any("session-seen:" in key for key in keys)
    assert not any(client.session.session_key in key for key in keys)
