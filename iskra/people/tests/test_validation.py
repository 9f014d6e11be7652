"""Finding 8 of issue 9 for people fields: sensible dates and messages that say what to do,
never Django's generic "Ensure this value…"."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from iskra.core.errors import DomainError
from iskra.people import services
from iskra.people.models import Contact, FollowUp


def test_a_follow_up_in_the_year_3000_is_refused_by_the_service(m_contact, member):
    with pytest.raises(DomainError, match="within two years"):
        services.followup_create(
            actor=member, contact=m_contact, action="Call", due_on=date(3000, 1, 1), assignee=member
        )
    soon = timezone.localdate() + timedelta(days=600)
    services.followup_create(
        actor=member, contact=m_contact, action="Call", due_on=soon, assignee=member
    )
    assert FollowUp.objects.get().due_on == soon


def test_the_conversation_form_says_what_to_do_with_year_3000(m_contact, member):
    response = client_for(member).post(
        reverse("people:conversation_add", args=[m_contact.pk]),
        {
            "happened_on": "3000-01-01",
            "kind": "street",
            "next_action": "Call",
            "due_on": "3000-01-01",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200 and not FollowUp.objects.exists()
    assert "A follow-up is due within two years" in content
    assert "This day has not come yet: write the day it happened." in content


def test_add_someone_with_bad_values_gets_plain_words(los_angeles, member, stages):
    response = client_for(member).post(
        reverse("people:contact_add", args=["los-angeles"]),
        {
            "display_name": "R" * 130,
            "stage": stages["met"].pk,
            "kind": "street",
            "first_met_on": "06/11/2026x",
            "assessment": "-3",
            "email": "r-at-example",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200 and not Contact.objects.exists()
    assert "Ensure this value" not in content and "Enter a valid" not in content
    assert "Too long: at most 120 characters (this has 130)." in content
    assert "Write the date like 2026-11-06, or pick it from the calendar." in content
    assert "Choose one of the options in the list." in content
    assert "This is not an email address" in content


def test_first_met_in_the_future_is_refused(los_angeles, member):
    with pytest.raises(DomainError, match="has not come yet"):
        services.contact_create(
            actor=member,
            collective=los_angeles,
            display_name="Later",
            first_met_on=timezone.localdate() + timedelta(days=30),
        )


def test_the_messages_are_spanish_on_a_spanish_page(m_contact, member):
    member.language = "es"
    member.save(update_fields=["language"])
    client = client_for(member)
    response = client.post(
        reverse("people:conversation_add", args=[m_contact.pk]),
        {"happened_on": "2026-09-05", "kind": "street", "next_action": "x", "due_on": "3000-01-01"},
    )
    assert "dentro de dos años" in response.content.decode()
