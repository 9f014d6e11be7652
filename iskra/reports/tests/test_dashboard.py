from datetime import timedelta

from django.utils import timezone

from conftest import client_for
from iskra.reports.tests.factories import outing_on, paper_for


def test_the_collective_page_shows_this_month_so_far_against_the_last(
    organizer, member, los_angeles, usa
):
    today = timezone.localdate(timezone=los_angeles.zone)
    issue = paper_for(usa, los_angeles)
    outing_on(member, los_angeles, issue, today, copies=17)
    outing_on(member, los_angeles, issue, today.replace(day=1) - timedelta(days=40), copies=3)
    page = client_for(organizer).get("/c/los-angeles/").content.decode()
    assert 'id="report-dashboard"' in page
    assert "<td>17</td>" in page


def test_the_dashboard_is_not_shown_without_aggregates(detroit_member, los_angeles, detroit):
    page = client_for(detroit_member).get("/c/detroit/").content.decode()
    assert 'id="report-dashboard"' in page
    assert client_for(detroit_member).get("/c/los-angeles/").status_code == 404
