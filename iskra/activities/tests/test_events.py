from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from iskra.activities import services
from iskra.activities.models import Attendance, Event
from iskra.core.errors import DomainError
from iskra.people.services import contact_create


def test_creating_an_event_and_taking_attendance(los_angeles, member, organizer):
    client = client_for(organizer)
    response = client.post(
        reverse("activities:event_new", args=["los-angeles"]),
        {"kind": "meeting", "title": "Branch meeting", "starts_at": "2026-12-10T19:00"},
    )
    event = Event.objects.get()
    assert response.status_code == 302
    contact = contact_create(actor=None, collective=los_angeles, display_name="T")
    url = reverse("activities:attendance", args=["los-angeles", event.pk])
    shown = {"shown_user": [member.pk], "shown_contact": [contact.pk]}
    client.post(url, shown | {"user": [member.pk], "contact": [contact.pk]})
    assert Attendance.objects.filter(event=event, attended=True).count() == 2
    client.post(url, shown)
    assert not Attendance.objects.filter(event=event, attended=True).exists()


def test_the_calendar_lists_only_the_users_collectives(los_angeles, detroit, member):
    for collective, title in [(los_angeles, "LA meeting"), (detroit, "Detroit meeting")]:
        services.event_create(
            actor=None,
            collective=collective,
            kind="meeting",
            title=title,
            starts_at=timezone.now() + timedelta(days=1),
        )
    body = client_for(member).get(reverse("activities:calendar")).content.decode()
    assert "LA meeting" in body
    assert "Detroit meeting" not in body


def test_a_study_circle_with_its_reading_list_and_sessions(los_angeles, member):
    circle = services.circle_create(
        actor=member,
        collective=los_angeles,
        title="State and Revolution",
        reading_list="Chapter 1\n\nChapter 2\n",
    )
    assert circle.readings() == ["Chapter 1", "Chapter 2"]
    client = client_for(member)
    client.post(
        reverse("activities:event_new", args=["los-angeles"]) + f"?circle={circle.pk}",
        {
            "kind": "meeting",
            "title": "Session 1",
            "starts_at": "2026-12-10T19:00",
            "reading": "Chapter 1",
        },
    )
    session = circle.sessions.get()
    assert session.kind == Event.Kind.STUDY_CIRCLE
    body = client.get(
        reverse("activities:circle", args=["los-angeles", circle.pk])
    ).content.decode()
    assert "Chapter 2" in body
    assert "Chapter 1" in body


def test_bad_events_are_refused(los_angeles):
    now = timezone.now()
    with pytest.raises(DomainError):
        services.event_create(
            actor=None, collective=los_angeles, kind="meeting", title=" ", starts_at=now
        )
    with pytest.raises(DomainError):
        services.event_create(
            actor=None,
            collective=los_angeles,
            kind="meeting",
            title="x",
            starts_at=now,
            ends_at=now - timedelta(hours=1),
        )


def test_a_contact_of_another_collective_cannot_attend(los_angeles, detroit):
    event = services.event_create(
        actor=None, collective=los_angeles, kind="meeting", title="x", starts_at=timezone.now()
    )
    stranger = contact_create(actor=None, collective=detroit, display_name="D")
    with pytest.raises(DomainError):
        services.attendance_record(
            actor=None,
            event=event,
            changes=[services.AttendanceChange(attended=True, contact=stranger)],
        )


def test_other_collectives_events_answer_404(los_angeles, detroit_member):
    event = services.event_create(
        actor=None, collective=los_angeles, kind="meeting", title="x", starts_at=timezone.now()
    )
    client = client_for(detroit_member)
    assert (
        client.get(reverse("activities:event", args=["los-angeles", event.pk])).status_code == 404
    )
    assert client.get(reverse("activities:event", args=["detroit", event.pk])).status_code == 404
