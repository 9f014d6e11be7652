"""Attendance records only what a person changed on the page: people not shown, and people
shown and left alone, keep their record, however many contacts the collective has."""

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from iskra.activities import services
from iskra.activities.models import Attendance
from iskra.core.bulk import write_rows
from iskra.people.crypto import normalize_name
from iskra.people.models import Contact
from iskra.people.services import first_stage

MANY = 20_000


def _event(collective):
    return services.event_create(
        actor=None,
        collective=collective,
        kind="meeting",
        title="Branch meeting",
        starts_at=timezone.now(),
    )


def _many_contacts(collective, count):
    """Written in bulk: one template row from the model's own defaults (so new fields keep
    working), then only the name changes from row to row."""
    now = timezone.now()
    template = Contact(
        collective=collective, display_name="", stage=first_stage(), created_at=now, updated_at=now
    )
    fields = [field for field in Contact._meta.concrete_fields if not field.primary_key]
    values = {
        field.column: field.get_db_prep_save(getattr(template, field.attname), connection)
        for field in fields
    }
    columns = list(values)
    rows = []
    for index in range(count):
        name = f"Person {index:05d}"
        values["display_name"], values["search_name"] = name, normalize_name(name)
        rows.append(tuple(values[column] for column in columns))
    write_rows(Contact._meta.db_table, columns, rows)
    return list(
        Contact.objects.filter(collective=collective)
        .order_by("search_name")
        .only("pk", "display_name")
    )


def _came(event):
    return dict(event.attendances.values_list("contact_id", "attended"))


def test_ticking_one_person_among_20000_contacts_leaves_every_other_record(
    los_angeles, organizer, member
):
    contacts = _many_contacts(los_angeles, MANY)
    event = _event(los_angeles)
    deep = [contacts[150], contacts[4_000], contacts[12_345], contacts[19_999]]
    for contact in deep:
        Attendance.objects.create(event=event, contact=contact, attended=True)
    Attendance.objects.create(event=event, contact=contacts[7], attended=False)
    before = _came(event)
    client = client_for(organizer)
    page = client.get(reverse("activities:event", args=["los-angeles", event.pk]))
    body = page.content.decode()
    assert "4 came" in body
    assert "20000 found" in body
    assert "Page 1 of 400" in body
    ticked = contacts[3]  # on the first page, with no record yet
    shown = [contact.pk for contact in contacts[:50]]
    response = client.post(
        reverse("activities:attendance", args=["los-angeles", event.pk]),
        {"shown_contact": shown, "contact": [ticked.pk], "shown_user": [], "user": []},
    )
    assert response.status_code == 302
    after = _came(event)
    assert after == before | {ticked.pk: True}
    assert Attendance.objects.filter(event=event, attended=True).count() == 5


def test_the_search_finds_anyone_among_the_contacts_and_members(los_angeles, organizer, member):
    contacts = _many_contacts(los_angeles, 300)
    event = _event(los_angeles)
    client = client_for(organizer)
    url = reverse("activities:event", args=["los-angeles", event.pk])
    body = client.get(url, {"q": "person 00299"}).content.decode()
    assert f'name="shown_contact" value="{contacts[299].pk}"' in body
    assert "1 found" in body
    assert f'name="shown_user" value="{member.pk}"' not in body
    last_page = client.get(url, {"page": 6}).content.decode()
    assert f'value="{contacts[299].pk}"' in last_page
    assert (
        f'name="shown_user" value="{member.pk}"' in client.get(url, {"q": "bob"}).content.decode()
    )


def test_unticking_someone_shown_records_they_did_not_come(los_angeles, organizer):
    contacts = _many_contacts(los_angeles, 3)
    event = _event(los_angeles)
    for contact in contacts:
        Attendance.objects.create(event=event, contact=contact, attended=True)
    client_for(organizer).post(
        reverse("activities:attendance", args=["los-angeles", event.pk]),
        {"shown_contact": [contacts[0].pk], "contact": []},
    )
    assert _came(event) == {contacts[0].pk: False, contacts[1].pk: True, contacts[2].pk: True}


def test_a_centre_without_contacts_cannot_change_attendance(los_angeles, centre, member):
    (contact,) = _many_contacts(los_angeles, 1)
    event = _event(los_angeles)
    Attendance.objects.create(event=event, contact=contact, attended=True)
    client = client_for(centre)
    page = client.get(reverse("activities:event", args=["los-angeles", event.pk]))
    assert page.status_code == 200
    assert "Save attendance" not in page.content.decode()
    response = client.post(
        reverse("activities:attendance", args=["los-angeles", event.pk]),
        {"shown_contact": [contact.pk], "shown_user": [member.pk]},
    )
    assert response.status_code == 404
    assert _came(event) == {contact.pk: True}


def test_the_event_links_to_the_suggestions_with_their_count(los_angeles, organizer):
    (contact,) = _many_contacts(los_angeles, 1)
    for _ in range(3):
        Attendance.objects.create(event=_event(los_angeles), contact=contact, attended=True)
    event = _event(los_angeles)
    body = (
        client_for(organizer)
        .get(reverse("activities:event", args=["los-angeles", event.pk]))
        .content.decode()
    )
    assert reverse("activities:suggestions", args=["los-angeles"]) in body
    assert "1 suggested next stage" in body


def test_the_collectives_page_links_to_the_suggestions_with_their_count(
    los_angeles, organizer, member
):
    (contact,) = _many_contacts(los_angeles, 1)
    for _ in range(3):
        Attendance.objects.create(event=_event(los_angeles), contact=contact, attended=True)
    url = reverse("network:collective", args=["los-angeles"])
    body = client_for(organizer).get(url).content.decode()
    assert reverse("activities:suggestions", args=["los-angeles"]) in body
    assert "1 suggested next stage" in body
    assert "suggested next stage" not in client_for(member).get(url).content.decode()
