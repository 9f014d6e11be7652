from decimal import Decimal

from django.utils import timezone

from iskra.distribution import queries, services
from iskra.distribution.models import OutingLine
from iskra.distribution.tests import factories


def test_money_totals_are_exact_per_currency(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles, copies=100)
    for amount, currency in [("0.10", "USD"), ("0.20", "usd"), ("0.05", "MXN"), ("0.10", "USD")]:
        services.outing_log(
            actor=member,
            collective=los_angeles,
            starts_at=timezone.now(),
            place="Plaza",
            kind="march",
            lines=[services.LineInput(issue=issue, copies=1, money=amount, currency=currency)],  # type: ignore[arg-type]
        )
    totals = queries.money_totals(OutingLine.objects.all())
    assert totals == {"MXN": Decimal("0.05"), "USD": Decimal("0.40")}
    assert str(totals["USD"]) == "0.40"


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
