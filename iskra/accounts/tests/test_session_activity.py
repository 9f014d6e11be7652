from allauth.usersessions.models import UserSession
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
    session_store = client.session  # a minute later, as far as the throttle knows
    session_store["_iskra_seen"] -= 61
    session_store.save()
    client.get("/")
    assert UserSession.objects.get(pk=session.pk).last_seen_at > first_seen
    # The throttle costs no query of its own: the session is loaded anyway.
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert not any("iskra_cache" in query["sql"] for query in captured)
