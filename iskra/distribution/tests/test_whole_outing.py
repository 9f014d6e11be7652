"""One form holds a whole outing (story 1): copies per language, money lines, several
people met; people added later are linked to the outing; validation speaks plainly."""

from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from iskra.distribution import queries
from iskra.distribution.models import Outing
from iskra.distribution.tests import factories
from iskra.people.models import Contact, FollowUp, Stage


@pytest.fixture
def issue(usa, los_angeles):
    return factories.stocked_paper(usa, los_angeles, copies=600)


def _local(moment):
    """As typed on a phone in Los Angeles."""
    return timezone.localtime(moment, ZoneInfo("America/Los_Angeles")).strftime("%Y-%m-%dT%H:%M")


def _story_1(issue, **extra):
    follow_up = timezone.localdate() + timedelta(days=20)
    data = factories.outing_form_data(
        place="Palestine march",
        starts_at=_local(timezone.now() - timedelta(hours=1)),
        copies={(issue, "en"): 30, (issue, "es"): 10},
        money=[("12", "USD", "donation")],
    )
    data |= factories.people_met_data(
        [
            {
                "name": "M (Green Party sign)",
                "stage": str(Stage.objects.get(key="reader").pk),
                "cares": "electoral college, the class nature of the state",
                "note": "Interested.",
            },
            {
                "name": "R",
                "note": "Campaigning for a council candidate.",
                "next_action": "Wants to help produce the paper after the election",
                "due_on": follow_up.isoformat(),
            },
        ]
    )
    return data | extra


def test_story_1_is_one_form(issue, los_angeles, member):
    client = client_for(member)
    response = client.post(
        reverse("distribution:outing_new", args=["los-angeles"]),
        _story_1(issue, members=[str(member.pk)]),
    )
    assert response.status_code == 302
    outing = Outing.objects.get()
    assert dict(outing.lines.values_list("language", "copies")) == {"en": 30, "es": 10}
    assert queries.outing_money_lines(outing) == [(Decimal("12.00"), "USD", "donation")]
    m = Contact.objects.get(display_name="M (Green Party sign)")
    assert m.stage.key == "reader"
    assert sorted(m.topics.values_list("name", flat=True)) == [
        "electoral college",
        "the class nature of the state",
    ]
    r = Contact.objects.get(display_name="R")
    assert FollowUp.objects.get(contact=r).action.startswith("Wants to help produce")
    assert outing.contacts_met.count() == 2
    summaries = queries.outing_summaries(outing)
    assert summaries["en"] == (
        "One comrade distributed 40 copies of Red Banner at Palestine march. "
        "We collected $12 in donations. We met two people who want to stay in touch."
    )
    assert "Recaudamos $12 en donaciones." in summaries["es"]
    assert "dos personas" in summaries["es"]
    page = client.get(response["Location"]).content.decode()
    assert "Red Banner</span> #1 · English: <strong>30</strong>" in page
    assert "español: <strong>10</strong>" in page
    assert "12.00 USD" in page


def test_the_month_report_counts_money_lines_and_everyone_met(issue, los_angeles, member):
    client_for(member).post(
        reverse("distribution:outing_new", args=["los-angeles"]), _story_1(issue)
    )
    today = timezone.localdate()
    (month,) = queries.monthly_report(
        los_angeles, since=today.replace(day=1), until=today + timedelta(days=1)
    )
    assert (month.copies, month.contacts, month.money) == (40, 2, {"USD": Decimal("12.00")})


def test_a_person_added_later_from_the_outing_page_is_met_there(issue, los_angeles, member):
    outing = factories.outing(member, los_angeles, issue)
    client = client_for(member)
    url = reverse("distribution:outing_person_add", args=["los-angeles", outing.pk])
    response = client.post(url, {"name": "Lupe L.", "cares": "rent"})
    assert response.status_code == 302
    contact = outing.contacts_met.get().contact
    assert (contact.display_name, contact.first_met_place) == ("Lupe L.", outing.place)
    assert "We met one person" in queries.outing_summaries(outing)["en"]
    refused = client.post(url, {"name": "", "note": "no name"})
    assert "Give this person a name or a nickname" in refused.content.decode()
    assert outing.contacts_met.count() == 1


def test_a_person_met_moves_up_a_stage_from_the_outing_page(issue, los_angeles, member):
    friend = Stage.objects.get(key="friend")
    outing = factories.outing(
        member,
        los_angeles,
        issue,
        contacts_met=[factories.services.ContactMet(display_name="J", stage=friend)],
    )
    contact = outing.contacts_met.get().contact
    client_for(member).post(
        reverse("distribution:outing_person_move_up", args=["los-angeles", outing.pk, contact.pk])
    )
    contact.refresh_from_db()
    assert contact.stage.position > friend.position


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"starts_at": _local(timezone.now() + timedelta(hours=2))},
            "This time is in the future: an outing is logged once it has happened.",
        ),
        ({"friends_count": "-1"}, "This cannot be below zero: type 0 if there were none."),
        ({"money-0-amount": "-5"}, "Money cannot be below zero: type what was collected"),
        ({"met-1-due_on": "3000-01-01"}, "A next step is due within two years"),
        ({"met-0-name": ""}, "Give this person a name or a nickname, like R."),
        ({"met-1-due_on": ""}, "A next step needs a day: when will you do it?"),
    ],
)
def test_bad_input_is_refused_in_plain_words_and_the_form_kept(
    issue, los_angeles, member, change, message
):
    data = _story_1(issue) | change
    data[f"copies_{issue.pk}_en"] = "30"
    response = client_for(member).post(
        reverse("distribution:outing_new", args=["los-angeles"]), data
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert 'value="Palestine march"' in body
    assert 'name="met-1-name" value="R"' in body
    assert not Outing.objects.exists()


def test_negative_copies_get_a_plain_message(issue, los_angeles, member):
    data = _story_1(issue) | {f"copies_{issue.pk}_es": "-10"}
    body = (
        client_for(member)
        .post(reverse("distribution:outing_new", args=["los-angeles"]), data)
        .content.decode()
    )
    assert "This cannot be below zero: type 0 if there were none." in body
    assert "Ensure this value" not in body


def test_a_contact_already_known_is_linked_once_and_only_in_its_collective(
    issue, los_angeles, detroit, member
):
    from iskra.core.errors import DomainError
    from iskra.distribution import services
    from iskra.people.services import contact_create

    outing = factories.outing(member, los_angeles, issue)
    known = contact_create(actor=None, collective=los_angeles, display_name="M")
    for _ in range(2):
        services.outing_link_contact(actor=member, outing=outing, contact=known)
    assert outing.contacts_met.get().contact == known
    stranger = contact_create(actor=None, collective=detroit, display_name="D")
    with pytest.raises(DomainError):
        services.outing_link_contact(actor=member, outing=outing, contact=stranger)
