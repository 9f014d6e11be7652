"""Finding 7 of issue 9: Spanish pages showed English ("12 due now · 10 later this week",
"· Added", raw audit codes...). The main pages, as an organizer, a member and a centre whose
language is Spanish, show no English interface word (the word list of the browser tests)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from iskra.activities import services as activities
from iskra.distribution.tests import factories
from iskra.e2e.pages import english_words_in_html
from iskra.network.models import Role
from iskra.network.services import membership_create
from iskra.people import services as people
from iskra.press import services as press
from iskra.press.tests.factories import make_article, make_issue, make_publication


@pytest.fixture
def organization(usa, los_angeles, organizer, member, centre):
    people.ensure_stages()
    membership_create(actor=None, user=organizer, collective=los_angeles, role=Role.EDITOR)
    paper = make_publication(organizer, los_angeles, slug="la-paper")
    issue = make_issue(organizer, paper)
    # Content is in whatever language it was written; the interface around it is checked.
    make_article(organizer, paper, title="Huelga en el puerto", language="es")
    press.submission_create(publication=paper, body="Broken fans", language="en")
    printed = factories.stocked_paper(usa, los_angeles)
    outing = factories.outing(member, los_angeles, printed, copies=12)
    today = timezone.localdate(timezone.now(), los_angeles.zone)
    contacts = []
    for name, due in [("R", -1), ("R", 0), ("Lupe L.", 3), ("M", 40)]:
        contact = people.contact_create(
            actor=member,
            collective=los_angeles,
            display_name=name,
            first_met_place="Palestine march",
            first_met_on=today - timedelta(days=3),
        )
        people.conversation_add(
            actor=member,
            contact=contact,
            happened_on=today,
            kind="street",
            note="Talked",
            next_action="Call",
            due_on=today + timedelta(days=due),
            assignee=member,
        )
        contacts.append(contact)
    for user in (organizer, member):
        followup = contacts[0].followups.first()
        people.followup_create(
            actor=user, contact=contacts[1], action="Call", due_on=today, assignee=user
        )
    people.followup_done(actor=member, followup=followup)
    event = activities.event_create(
        actor=organizer,
        collective=los_angeles,
        kind="meeting",
        title="Branch meeting",
        starts_at=timezone.now() + timedelta(days=2),
    )
    for user in (organizer, member, centre):
        user.language = "es"
        user.save(update_fields=["language"])
    return {
        "contact": contacts[0],
        "outing": outing,
        "event": event,
        "paper": paper,
        "issue": issue,
    }


def _pages(data):
    contact, outing, event = data["contact"], data["outing"], data["event"]
    return {
        "organizer": [
            reverse("home"),
            reverse("people:followups"),
            reverse("people:contacts", args=["los-angeles"]),
            reverse("people:contact_add", args=["los-angeles"]),
            reverse("people:contact", args=[contact.pk]),
            reverse("people:contact_edit", args=[contact.pk]),
            reverse("people:conversation_add", args=[contact.pk]),
            reverse("people:duplicates", args=["los-angeles"]),
            reverse("people:stale", args=["los-angeles"]),
            reverse("network:collectives"),
            reverse("network:collective", args=["los-angeles"]),
            # Not the history page: its filter lists models by verbose name, and nine models
            # of several apps have none translated yet (a migration each; see the report).
            reverse("distribution:index"),
            reverse("distribution:outings", args=["los-angeles"]),
            reverse("distribution:outing", args=["los-angeles", outing.pk]),
            reverse("distribution:stock", args=["los-angeles"]),
            reverse("distribution:report_monthly", args=["los-angeles"]),
            reverse("activities:calendar"),
            reverse("activities:event", args=["los-angeles", event.pk]),
            reverse("press:publications"),
            reverse("press:publication", args=["la-paper"]),
            reverse("press:issue", args=["la-paper", data["issue"].number]),
            reverse("press:submissions", args=["la-paper"]),
            reverse("accounts:sessions"),
        ],
        "member": [
            reverse("home"),
            reverse("people:followups"),
            reverse("people:contacts", args=["los-angeles"]),
            reverse("people:contact", args=[contact.pk]),
            reverse("distribution:outing_new", args=["los-angeles"]),
            reverse("activities:calendar"),
            reverse("network:collective", args=["los-angeles"]),
        ],
        "centre": [
            reverse("home"),
            reverse("network:collectives"),
            reverse("network:collective", args=["international"]),
            reverse("people:contacts", args=["los-angeles"]),
            reverse("distribution:report_monthly", args=["international"]),
        ],
    }


def test_the_main_pages_show_no_english_in_spanish(
    organization, organizer, member, centre, request
):
    users = {"organizer": organizer, "member": member, "centre": centre}
    found = {}
    for role, paths in _pages(organization).items():
        client = client_for(users[role])
        for path in paths:
            response = client.get(path, follow=True)
            assert response.status_code == 200, (role, path)
            english = english_words_in_html(response.content.decode(), "es")
            if english:
                found[f"{role} {path}"] = english
    assert found == {}


def test_the_check_finds_english(organization, member):
    member.language = "en"
    member.save(update_fields=["language"])
    html = client_for(member).get(reverse("people:followups")).content.decode()
    assert {"follow-ups", "today", "later"} <= set(english_words_in_html(html, "es"))
