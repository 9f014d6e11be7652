"""The USA's roll-up consolidates its cities' submitted snapshots, says who is missing, and
reminds them."""

import pytest
from django.core import mail

from conftest import client_for
from iskra.core.errors import DomainError
from iskra.network.models import Role
from iskra.network.services import collective_create, membership_create
from iskra.press.models import Issue
from iskra.reports import queries, services
from iskra.reports.models import Reminder
from iskra.reports.tests.factories import a_day_in, outing_on, paper_for, past_month


@pytest.fixture
def chicago(usa):
    return collective_create(
        actor=None, name="Chicago", slug="chicago", kind="city", parent=usa, languages=["en"]
    )


@pytest.fixture
def submitted(organizer, member, detroit_member, los_angeles, detroit, usa, chicago):
    period = past_month()
    issue = paper_for(usa, los_angeles, detroit)
    outing_on(member, los_angeles, issue, a_day_in(period), copies=40)
    outing_on(detroit_member, detroit, issue, a_day_in(period), copies=15)
    for city in (los_angeles, detroit):
        report = services.report_open(actor=None, collective=city, period=period)
        services.report_submit(actor=None, report=report)
    return period


def test_the_rollup_sums_the_submitted_snapshots_and_names_who_is_missing(submitted, usa, chicago):
    rollup = queries.rollup(usa, submitted)
    assert rollup.reported == 2 and len(rollup.expected) == 3
    assert rollup.missing == [chicago]
    assert rollup.totals["figures"]["copies"] == 55
    assert rollup.totals["figures"]["outings"] == 2


def test_a_draft_is_not_counted_as_reported(submitted, usa, chicago):
    services.report_open(actor=None, collective=chicago, period=submitted)
    rollup = queries.rollup(usa, submitted)
    assert rollup.drafts == [chicago] and rollup.missing == []
    assert rollup.reported == 2


def test_later_data_does_not_change_the_rollup(submitted, usa, los_angeles, member):
    issue = Issue.objects.get()
    outing_on(member, los_angeles, issue, a_day_in(submitted, 9), copies=300)
    assert queries.rollup(usa, submitted).totals["figures"]["copies"] == 55


def test_the_centre_sees_the_totals_and_who_is_missing_but_no_names(
    submitted, centre, usa, chicago
):
    response = client_for(centre).get(f"/reports/usa/{submitted.code}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "2 of 3 collectives reported" in body
    assert "Chicago" in body and "Remind Chicago" in body
    assert "alice" not in body and "bob" not in body and "dora" not in body


def test_a_reminder_mails_the_missing_collectives_organizers(submitted, centre, chicago, usa):
    organizer = membership_create(
        actor=None,
        user=_user("carl", "carl@example.org"),
        collective=chicago,
        role=Role.ORGANIZER,
    )
    response = client_for(centre).post(f"/reports/usa/{submitted.code}/remind/chicago/")
    assert response.status_code == 302
    assert Reminder.objects.get().collective == chicago
    assert mail.outbox[0].to == [organizer.user.email]
    assert submitted.code in mail.outbox[0].subject


def test_a_collective_that_reported_is_not_reminded(submitted, los_angeles):
    with pytest.raises(DomainError, match="submitted its report already"):
        services.reminder_send(actor=None, collective=los_angeles, period=submitted)
    assert not Reminder.objects.exists()


def test_a_member_of_another_collective_cannot_remind(submitted, detroit_member):
    response = client_for(detroit_member).post(f"/reports/usa/{submitted.code}/remind/chicago/")
    assert response.status_code == 404
    assert not Reminder.objects.exists()


def _user(username, email):
    from conftest import make_user

    user = make_user(username)
    user.email = email
    user.save(update_fields=["email"])
    return user


def test_a_member_sees_the_groups_below_but_no_remind_button(db, detroit, detroit_plant):
    from conftest import make_user

    period = past_month()
    reader = make_user("dmitri")
    membership_create(actor=None, user=reader, collective=detroit, role=Role.MEMBER)
    body = client_for(reader).get(f"/reports/detroit/{period.code}/").content.decode()
    assert "0 of 1 collective reported" in body and "Riverside plant group" in body
    assert "Remind" not in body
