from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from iskra.core.errors import DomainError
from iskra.distribution import queries, services
from iskra.distribution.models import OutingMoney
from iskra.distribution.tests import factories


def test_money_totals_are_exact_per_currency(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles, copies=100)
    outing = services.outing_log(
        actor=member,
        collective=los_angeles,
        starts_at=timezone.now(),
        place="Plaza",
        kind="march",
        lines=[
            services.LineInput(issue=issue, copies=1, money=amount, currency=currency)  # type: ignore[arg-type]
            for amount, currency in [("0.10", "USD"), ("0.20", "usd"), ("0.05", "MXN")]
        ],
        money=[services.MoneyInput(amount=Decimal("0.10"), currency="usd")],
    )
    totals = queries.money_totals(outing)
    assert totals == {"MXN": Decimal("0.05"), "USD": Decimal("0.40")}
    assert str(totals["USD"]) == "0.40"
    assert sorted(queries.outing_money_lines(outing)) == [
        (Decimal("0.05"), "MXN", "sale"),
        (Decimal("0.10"), "USD", "donation"),
        (Decimal("0.10"), "USD", "sale"),
        (Decimal("0.20"), "USD", "sale"),
    ]


def test_money_lines_are_counted_in_the_monthly_report_by_currency(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles, copies=100)
    services.outing_log(
        actor=member,
        collective=los_angeles,
        starts_at=timezone.now(),
        place="Plaza",
        kind="march",
        lines=[services.LineInput(issue=issue, copies=3, money=Decimal("1.50"))],
        money=[
            services.MoneyInput(amount=Decimal("12"), kind="donation"),
            services.MoneyInput(amount=Decimal("4.25"), currency="MXN", kind="sale"),
        ],
    )
    today = timezone.localdate()
    (month,) = queries.monthly_report(
        los_angeles, since=today.replace(day=1), until=today + timedelta(days=1)
    )
    assert month.money == {"MXN": Decimal("4.25"), "USD": Decimal("13.50")}


def test_negative_money_or_an_unknown_kind_is_refused(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles, copies=100)
    for entry in (
        services.MoneyInput(amount=Decimal("-1")),
        services.MoneyInput(amount=Decimal("1"), kind="bribe"),
        services.MoneyInput(amount=Decimal("1"), currency="dollars"),
    ):
        with pytest.raises(DomainError):
            factories.outing(member, los_angeles, issue, money=[entry])
    assert not OutingMoney.objects.exists()


def test_money_per_copy_in_the_issue_report(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles, copies=100)
    services.outing_log(
        actor=member,
        collective=los_angeles,
        starts_at=timezone.now(),
        place="Plaza",
        kind="march",
        lines=[services.LineInput(issue=issue, copies=3, money=Decimal("1.00"))],
    )
    (row,) = queries.issue_report(issue, [los_angeles])
    assert row.money_per_copy() == {"USD": Decimal("0.33")}
    assert row.stock.left == 97
