from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from conftest import client_for
from iskra.activities import services
from iskra.activities.models import CalendarToken


def _event(collective, title, days=3):
    return services.event_create(
        actor=None,
        collective=collective,
        kind="meeting",
        title=title,
        starts_at=timezone.now() + timedelta(days=days),
        place="Union hall",
    )


def test_the_feed_parses_and_holds_only_the_users_collectives(los_angeles, detroit, member):
    _event(los_angeles, "Branch meeting")
    _event(detroit, "Detroit meeting")
    _record, token = services.calendar_token_create(actor=member)
    response = Client().get(reverse("activities:ical", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    titles = [str(entry["summary"]) for entry in calendar.walk("VEVENT")]
    assert titles == ["Branch meeting"]
    assert str(calendar.walk("VEVENT")[0]["location"]) == "Union hall"


def test_only_a_hash_of_the_token_is_stored(member):
    _record, token = services.calendar_token_create(actor=member)
    assert not CalendarToken.objects.filter(token_hash=token).exists()
    assert CalendarToken.objects.get().token_hash == services.hash_token(token)


def test_a_revoked_or_replaced_token_is_rejected(los_angeles, member):
    _record, first = services.calendar_token_create(actor=member)
    _record, second = services.calendar_token_create(actor=member)
    client = Client()
    assert client.get(reverse("activities:ical", args=[first])).status_code == 404
    assert client.get(reverse("activities:ical", args=[second])).status_code == 200
    response = client_for(member).post(reverse("activities:feed_revoke"))
    assert response.status_code == 302
    assert client.get(reverse("activities:ical", args=[second])).status_code == 404
    assert client.get(reverse("activities:ical", args=["made-up"])).status_code == 404


def test_the_feed_page_shows_the_link_once(member):
    client = client_for(member)
    response = client.post(reverse("activities:feed"))
    assert "/activities/ical/" in response.content.decode()
    assert "/activities/ical/" not in client.get(reverse("activities:feed")).content.decode()
