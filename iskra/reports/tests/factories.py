"""Builders for report tests: a past month with outings in it."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from iskra.distribution.tests import factories as distribution
from iskra.network.models import Collective
from iskra.reports.periods import Period, month


def past_month(months_back: int = 2) -> Period:
    period = month(timezone.localdate())
    for _step in range(months_back):
        period = period.previous()
    return period


def outing_on(actor: Any, collective: Collective, issue: Any, day: date, copies: int) -> Any:
    starts_at = datetime.combine(day, time(12, 0), tzinfo=collective.zone)
    return distribution.outing(actor, collective, issue, copies=copies, starts_at=starts_at)


def paper_for(usa: Collective, *holders: Collective) -> Any:
    issue = distribution.printed_issue(distribution.publication(usa), copies=5000)
    for holder in holders:
        distribution.bundle(issue, holder, 1000)
    return issue


def a_day_in(period: Period, offset: int = 3) -> date:
    return period.start + timedelta(days=offset)
