"""The contact list's rows written in Python (`iskra/people/listing.py`) are what the template
wrote from model instances: met on a day, at a place, both or neither; in the groups below or
not; with a workplace or not; talked to or never; names to escape; in every language."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.middleware.csrf import get_token
from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation

from conftest import client_for
from iskra.core.widgets import csrf_field
from iskra.people import listing, services
from iskra.people.models import Contact, Stage
from iskra.people.services import contact_create
from iskra.people.views import url_maker

# The rows as people/contact_list.html wrote them before `listing.contact_rows`.
REFERENCE_ROWS = (Path(__file__).parent / "reference_rows.html").read_text()


def _blank_lines_out(html: str) -> str:
    return re.sub(r"\n\s*\n", "\n", html).strip()


@pytest.fixture
def contacts(organizer, los_angeles, detroit):
    made = [
        dict(display_name="Ana", first_met_on=date(2026, 3, 9), first_met_place="May Day march"),
        dict(display_name="Bo <b>&", first_met_on=date(2025, 12, 31)),
        dict(display_name='Carla "C"', first_met_place="plant gate <3>", workplace="Ford & Co"),
        dict(display_name="Dee O'Neil"),
    ]
    for index, values in enumerate(made):
        contact_create(actor=organizer, collective=(los_angeles, detroit)[index % 2], **values)
    Contact.objects.filter(display_name="Ana").update(last_contact_on=date(2026, 11, 2))
    Contact.objects.filter(display_name="Dee O'Neil").update(last_contact_on=date(2024, 2, 29))
    return Contact.objects.order_by("display_name")


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize("below", [False, True])
def test_rows_are_what_the_template_wrote(contacts, language, below):
    url = url_maker("people:contact")
    instances = list(contacts.select_related("stage", "collective"))
    for contact in instances:
        contact.url = url(contact.pk)
    fields = listing.ROW_FIELDS_BELOW if below else listing.ROW_FIELDS
    with translation.override(language):
        expected = (
            engines["django"]
            .from_string(REFERENCE_ROWS)
            .render({"contacts": instances, "below": below})
        )
        labels = {stage.pk: stage.label for stage in Stage.objects.all()}
        written = listing.contact_rows(
            contacts.values(*fields), stage_labels=labels, contact_url=url, show_collective=below
        )
    assert _blank_lines_out(written) == _blank_lines_out(expected)
    assert "Bo &lt;b&gt;&amp;" in written and "<b>" not in written


def test_options_escape_and_mark_the_chosen_one():
    html = listing.options([("a", "A & B"), ('"x"', "<x>")], '"x"')
    assert html == (
        '<option value="a">A &amp; B</option><option value="&quot;x&quot;" selected>&lt;x&gt;'
        "</option>"
    )
    assert listing.options([("t<1>", "t<1>")], "", values=False) == "<option>t&lt;1&gt;</option>"


REFERENCE_FOLLOWUPS = (Path(__file__).parent / "reference_followups.html").read_text()


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_follow_up_items_are_what_the_template_wrote(member, m_contact, los_angeles, language):
    other = contact_create(
        actor=member,
        collective=los_angeles,
        display_name="Bo <b>&",
        first_met_on=date(2026, 2, 28),
        first_met_place="gate <3>",
    )
    today = timezone.localdate(timezone.now(), los_angeles.zone)
    for offset, contact, action in [
        (-3, m_contact, "Bring the <paper> & the leaflet"),
        (0, other, 'Ask about the "union" meeting'),
        (4, m_contact, "Call"),
        (40, other, "Invite to the study circle"),
    ]:
        services.followup_create(
            actor=member,
            contact=contact,
            action=action,
            due_on=today + timedelta(days=offset),
            assignee=member,
        )
    client = client_for(member)
    with translation.override(language):
        response = client.get(reverse("people:followups"), HTTP_ACCEPT_LANGUAGE=language)
    board = response.context["board"]
    request = response.wsgi_request
    token = get_token(request)
    csrf_input = csrf_field(token)
    with translation.override(language):
        for name in ("overdue", "today", "week", "later"):
            items = getattr(board, name)
            assert len(items) == 1
            expected = (
                engines["django"]
                .from_string(REFERENCE_FOLLOWUPS)
                .render({"items": items, "csrf_token": token})
            )
            written = listing.followup_rows(items, csrf_input=csrf_input)
            assert _blank_lines_out(written) == _blank_lines_out(expected), name
    page = response.content.decode()
    assert "Bring the &lt;paper&gt; &amp; the leaflet" in page and "<paper>" not in page
