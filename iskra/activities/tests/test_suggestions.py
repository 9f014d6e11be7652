from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from iskra.activities import queries, services
from iskra.activities.models import SuggestionDismissal
from iskra.people.models import Contact, Stage
from iskra.people.services import contact_create


def _came_to(collective, contact, times):
    for day in range(times):
        event = services.event_create(
            actor=None,
            collective=collective,
            kind="study_circle",
            title="State and Revolution",
            starts_at=timezone.now() - timedelta(days=7 * (day + 1)),
        )
        services.attendance_record(
            actor=None,
            event=event,
            changes=[services.AttendanceChange(attended=True, contact=contact)],
        )


def test_a_contact_who_came_three_times_is_suggested_for_the_next_stage(los_angeles):
    regular = contact_create(actor=None, collective=los_angeles, display_name="T")
    twice = contact_create(actor=None, collective=los_angeles, display_name="L")
    _came_to(los_angeles, regular, 3)
    _came_to(los_angeles, twice, 2)
    (suggestion,) = queries.suggestions_for(los_angeles)
    assert suggestion.contact == regular
    assert suggestion.came == 3
    assert suggestion.stage == Stage.objects.order_by("position")[1]


def test_the_organizer_confirms_through_the_people_app(los_angeles, organizer):
    contact = contact_create(actor=None, collective=los_angeles, display_name="T")
    _came_to(los_angeles, contact, 3)
    stage = queries.suggestions_for(los_angeles)[0].stage
    client = client_for(organizer)
    assert (
        "T" in client.get(reverse("activities:suggestions", args=["los-angeles"])).content.decode()
    )
    url = reverse("activities:suggestion_answer", args=["los-angeles", contact.pk, "confirm"])
    assert client.post(url, {"stage": stage.pk}).status_code == 302
    contact = Contact.objects.get(pk=contact.pk)
    assert contact.stage == stage
    assert contact.stage_changes.filter(to_stage=stage).exists()
    assert queries.suggestions_for(los_angeles) == []


def test_a_dismissal_is_remembered(los_angeles, organizer):
    contact = contact_create(actor=None, collective=los_angeles, display_name="T")
    _came_to(los_angeles, contact, 4)
    stage = queries.suggestions_for(los_angeles)[0].stage
    url = reverse("activities:suggestion_answer", args=["los-angeles", contact.pk, "dismiss"])
    client_for(organizer).post(url, {"stage": stage.pk})
    assert SuggestionDismissal.objects.filter(contact=contact, stage=stage).exists()
    assert queries.suggestions_for(los_angeles) == []
    assert Contact.objects.get(pk=contact.pk).stage.position < stage.position


def test_members_and_other_collectives_cannot_answer(los_angeles, member, detroit_member):
    contact = contact_create(actor=None, collective=los_angeles, display_name="T")
    stage = Stage.objects.order_by("position")[1]
    url = reverse("activities:suggestion_answer", args=["los-angeles", contact.pk, "confirm"])
    for user in (member, detroit_member):
        assert client_for(user).post(url, {"stage": stage.pk}).status_code == 404
    assert Contact.objects.get(pk=contact.pk).stage != stage
