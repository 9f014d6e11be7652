"""The calendar feed, built with the `icalendar` package so real clients can read it."""

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from iskra.activities.models import Event

DEFAULT_LENGTH = timedelta(hours=2)


def feed(events: Iterable[Event], *, domain: str, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Iskra//activities//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    now = timezone.now()
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}@{domain}")
        entry.add("dtstamp", now)
        entry.add("dtstart", event.starts_at)
        entry.add("dtend", event.ends_at or event.starts_at + DEFAULT_LENGTH)
        entry.add("summary", event.title)
        if event.place:
            entry.add("location", event.place)
        entry.add("categories", [event.kind])
        entry.add("description", f"{event.collective.name}: {event.get_kind_display()}")
        calendar.add_component(entry)
    return calendar.to_ical()
