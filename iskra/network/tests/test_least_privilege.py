"""Finding 10: inside a collective, members read the protected fields only of the contacts
they are responsible for, only after a two-factor login; friends read none; organizers read
all of their scope (ASVS 5.0 8.2.2, 8.2.3)."""

from datetime import date

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from conftest import TOTP_SECRET, client_for, make_user
from iskra.audit.models import LogEntry
from iskra.network.models import Membership, Role
from iskra.network.scope import may_read_protected
from iskra.network.services import membership_create
from iskra.people import services

PHONE = "+1 (213) 555-0111"
STORED_PHONE = b"+12135550111"  # stored and linked (tel:) in E.164
NOTE = "Works nights at the depot; union rep is hostile."


@pytest.fixture
def stranger_contact(los_angeles, organizer):
    """A Los Angeles contact the organizer brought in; no member is responsible for it."""
    services.ensure_stages()
    contact = services.contact_create(
        actor=organizer,
        collective=los_angeles,
        display_name="K (depot)",
        first_met_place="Depot gate",
        phone=PHONE,
        legal_name="Kathleen Depotworker",
    )
    services.conversation_add(
        actor=organizer, contact=contact, happened_on=date(2026, 9, 5), kind="street", note=NOTE
    )
    return contact


@pytest.fixture
def member_2fa(los_angeles):
    user = make_user("bea", two_factor=True)
    membership_create(actor=None, user=user, collective=los_angeles, role=Role.MEMBER)
    return user


def detail(user, contact):
    return client_for(user).get(reverse("people:contact", args=[contact.pk]))


def shows_protected(response) -> bool:
    return STORED_PHONE in response.content or NOTE.encode() in response.content


def test_the_organizer_reads_every_contact_of_the_collective(organizer, stranger_contact):
    response = detail(organizer, stranger_contact)
    assert response.status_code == 200
    assert b"Kathleen Depotworker" in response.content and NOTE.encode() in response.content


def test_a_member_sees_a_contact_they_are_not_responsible_for_by_name_only(
    member_2fa, stranger_contact
):
    response = detail(member_2fa, stranger_contact)
    assert response.status_code == 200
    assert b"K (depot)" in response.content and b"Depot gate" in response.content
    assert not shows_protected(response)
    assert b"Kathleen" not in response.content
    assert not LogEntry.objects.filter(action="people.contact.read", actor=member_2fa).exists()


def test_a_member_cannot_open_the_edit_form_of_such_a_contact(member_2fa, stranger_contact):
    response = client_for(member_2fa).get(
        reverse("people:contact_edit", args=[stranger_contact.pk])
    )
    assert response.status_code == 404
    denied = LogEntry.objects.get(action="audit.access.denied", actor=member_2fa)
    assert denied.object_id == str(stranger_contact.pk)


@pytest.mark.parametrize("how", ["follow-up", "conversation", "introduced", "created"])
def test_a_member_reads_the_contacts_they_are_responsible_for(
    how, member_2fa, stranger_contact, organizer, los_angeles
):
    if how == "follow-up":
        services.followup_create(
            actor=organizer,
            contact=stranger_contact,
            action="Call back",
            due_on=date(2026, 11, 6),
            assignee=member_2fa,
        )
        contact = stranger_contact
    elif how == "conversation":
        services.conversation_add(
            actor=organizer,
            contact=stranger_contact,
            happened_on=date(2026, 9, 6),
            kind="street",
            members=[member_2fa],
        )
        contact = stranger_contact
    elif how == "introduced":
        contact = stranger_contact
        type(contact).objects.filter(pk=contact.pk).update(introduced_by_user=member_2fa)
    else:
        contact = services.contact_create(
            actor=member_2fa, collective=los_angeles, display_name="Own", phone=PHONE
        )
    response = detail(member_2fa, contact)
    assert response.status_code == 200
    assert STORED_PHONE in response.content
    assert LogEntry.objects.filter(
        action="people.contact.read", actor=member_2fa, object_id=str(contact.pk)
    ).exists()


def test_without_two_factor_nobody_reads_protected_fields_and_is_invited_to_set_it_up(
    member, los_angeles
):
    services.ensure_stages()
    own = services.contact_create(
        actor=member, collective=los_angeles, display_name="O", phone=PHONE
    )
    response = detail(member, own)
    assert response.status_code == 200
    assert not shows_protected(response)
    assert reverse("mfa_activate_totp").encode() in response.content
    TOTP.activate(member, TOTP_SECRET)
    assert shows_protected(detail(member, own))


def test_a_friend_reads_no_protected_field_even_of_their_own_contacts(los_angeles):
    services.ensure_stages()
    friend = make_user("fern", two_factor=True)
    membership_create(
        actor=None,
        user=friend,
        collective=los_angeles,
        role=Role.MEMBER,
        status=Membership.Status.FRIEND,
    )
    own = services.contact_create(
        actor=friend, collective=los_angeles, display_name="F", phone=PHONE
    )
    response = detail(friend, own)
    assert response.status_code == 200
    assert not shows_protected(response)
    assert not may_read_protected(friend, own)


def test_a_member_of_another_collective_gets_404_and_the_refusal_is_logged(
    detroit_member, stranger_contact
):
    assert detail(detroit_member, stranger_contact).status_code == 404
    denied = LogEntry.objects.get(action="audit.access.denied")
    assert (denied.actor, denied.object_id) == (detroit_member, str(stranger_contact.pk))
    assert denied.collective_id == stranger_contact.collective_id


def test_a_contact_that_does_not_exist_is_not_logged(detroit_member, db):
    assert (
        client_for(detroit_member).get(reverse("people:contact", args=[999999])).status_code == 404
    )
    assert not LogEntry.objects.filter(action="audit.access.denied").exists()
