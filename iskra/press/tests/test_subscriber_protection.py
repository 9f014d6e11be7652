"""Subscribers' addresses are protected like contacts', and contacts who agreed to email
can receive the editions without a second opt-in."""

from django.db import connection
from django.urls import reverse

from conftest import client_for
from iskra.people import crypto
from iskra.people import services as people
from iskra.press import services
from iskra.press.models import Publication, Subscriber


def _paper(usa):
    return Publication.objects.create(
        collective=usa,
        slug="red-banner",
        kind="paper",
        names={"en": "Red Banner"},
        languages=["en", "es"],
    )


def test_a_subscriber_address_is_encrypted_and_found_by_blind_index(usa):
    paper = _paper(usa)
    subscriber = services.subscriber_signup(
        publication=paper, email="Reader@Example.org", language="es"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT email FROM press_subscriber WHERE id = %s", [subscriber.pk])
        raw = bytes(cursor.fetchone()[0])
    assert b"example.org" not in raw.lower()
    assert Subscriber.objects.get(pk=subscriber.pk).address == "reader@example.org"
    again = services.subscriber_signup(
        publication=paper, email="reader@example.org ", language="en"
    )
    assert again.pk == subscriber.pk and Subscriber.objects.count() == 1


def test_an_organizer_subscribes_the_contacts_who_agreed(usa, los_angeles, organizer, member):
    paper = _paper(usa)
    yes = people.contact_create(
        actor=member,
        collective=los_angeles,
        display_name="Yes",
        email="yes@example.org",
        consent=True,
        consent_channels=["email"],
        language="es",
    )
    people.contact_create(
        actor=member,
        collective=los_angeles,
        display_name="Phone only",
        email="p@example.org",
        consent=True,
        consent_channels=["phone"],
    )
    people.contact_create(
        actor=member, collective=los_angeles, display_name="No", email="no@example.org"
    )
    url = reverse("people:subscribe_contacts", args=["los-angeles"])
    assert client_for(member).post(url, {"publication": paper.pk}).status_code == 404
    response = client_for(organizer).post(url, {"publication": paper.pk})
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.contact == yes and subscriber.state == Subscriber.State.ACTIVE
    assert subscriber.language == "es"
    # The address is the contact's own, so a change of address follows.
    people.contact_update(actor=organizer, contact=yes, email="new@example.org")
    assert Subscriber.objects.get().address == "new@example.org"
    # Twice changes nothing.
    client_for(organizer).post(url, {"publication": paper.pk})
    assert Subscriber.objects.count() == 1
    assert subscriber.email_index == crypto.email_index("yes@example.org")
