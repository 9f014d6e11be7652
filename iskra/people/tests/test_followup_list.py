"""Finding 6 of issue 9: the follow-up list shows overdue, today, this week and later, a page
at a time; nothing due in the future is hidden."""

from datetime import UTC, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from iskra.people import queries, services
from iskra.people.models import FollowUp


def _followups(contact, member, days):
    today = timezone.localdate(timezone.now(), contact.collective.zone)
    for offset in days:
        services.followup_create(
            actor=member,
            contact=contact,
            action=f"Step in {offset} days",
            due_on=today + timedelta(days=offset),
            assignee=member,
        )


def test_a_follow_up_weeks_away_is_listed_under_later(m_contact, member):
    _followups(m_contact, member, [-3, 0, 4, 40])
    board = queries.my_followups(member)
    assert [len(board.overdue), len(board.today), len(board.week), len(board.later)] == [1, 1, 1, 1]
    assert (board.due_now, board.due_week, board.due_later) == (2, 1, 1)
    content = client_for(member).get(reverse("people:followups")).content.decode()
    assert "Later" in content and "Step in 40 days" in content
    assert "2 due now · 1 later this week · 1 after this week" in content


def test_the_november_follow_up_can_be_watched_arriving(m_contact, member):
    services.followup_create(
        actor=member,
        contact=m_contact,
        action="Ask R to help with the paper",
        due_on=datetime(2026, 11, 6).date(),
        assignee=member,
    )
    board = queries.my_followups(member, now=datetime(2026, 10, 6, 20, 0, tzinfo=UTC))
    assert [f.action for f in board.later] == ["Ask R to help with the paper"]


def test_many_follow_ups_come_a_page_at_a_time_and_none_is_lost(m_contact, member):
    _followups(m_contact, member, range(0, 130))
    client = client_for(member)
    seen = []
    for number in (1, 2, 3):
        response = client.get(reverse("people:followups"), {"page": number})
        seen += [f.pk for f in response.context["page"]]
    assert sorted(seen) == sorted(FollowUp.objects.values_list("pk", flat=True))
    assert len(seen) == 130 and b"Page 3 of 3" in response.content


def test_the_home_page_counts_every_open_follow_up(m_contact, member):
    _followups(m_contact, member, [-1, 2, 90])
    content = client_for(member).get(reverse("home")).content.decode()
    assert "1 due now" in content and "1 later this week" in content
