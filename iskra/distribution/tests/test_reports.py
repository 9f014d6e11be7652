from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from iskra.distribution import queries, services
from iskra.distribution.tests import factories


def test_the_monthly_report_adds_up_copies_money_outings_and_people_met(
    usa, los_angeles, detroit_plant, member
):
    issue = factories.stocked_paper(usa, los_angeles, copies=500)
    today = timezone.localdate()
    factories.outing(member, los_angeles, issue, copies=40)
    factories.outing(
        member,
        los_angeles,
        issue,
        copies=60,
        contacts_met=[services.ContactMet(display_name="R")],
    )
    since = today.replace(day=1) - timedelta(days=40)
    rows = queries.monthly_report(
        los_angeles, since=since, until=today + timedelta(days=1), below=True
    )
    latest = rows[-1]
    assert (latest.copies, latest.outings, latest.contacts) == (100, 2, 1)
    assert latest.money == {"USD": Decimal("10.50")}
    assert queries.monthly_report(detroit_plant, since=since, until=today, below=True) == []


def test_people_met_per_hundred_copies_by_kind_of_place(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles, copies=500)
    factories.outing(
        member,
        los_angeles,
        issue,
        copies=200,
        kind="factory_gate",
        contacts_met=[services.ContactMet(display_name="A"), services.ContactMet(display_name="B")],
    )
    factories.outing(member, los_angeles, issue, copies=50, kind="march")
    rows = {
        row.kind: row
        for row in queries.places_report(
            los_angeles, since=timezone.localdate() - timedelta(days=30)
        )
    }
    assert rows["factory_gate"].per_hundred == Decimal("1.0")
    assert rows["march"].per_hundred == Decimal("0.0")


def test_the_issue_report_shows_each_collective_in_the_chain(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles, copies=100)
    factories.outing(member, los_angeles, issue, copies=25)
    rows = {
        row.collective.slug: row.stock for row in queries.issue_report(issue, [usa, los_angeles])
    }
    assert (rows["usa"].printed, rows["usa"].sent, rows["usa"].left) == (200, 100, 100)
    assert (rows["los-angeles"].received, rows["los-angeles"].left) == (100, 75)
