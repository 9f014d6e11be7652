"""The interface the reports app calls: period_summary, consolidated, internal money out."""

from datetime import timedelta
from decimal import Decimal

from iskra.finance import queries, services
from iskra.finance.models import DuesPledge


def _income(collective, on, code, amount, treasurer):
    services.simple_record(
        actor=treasurer,
        collective=collective,
        on=on,
        description=code,
        amount=amount,
        debit="cash",
        credit=code,
    )


def test_a_transfer_between_consolidated_collectives_is_not_counted_twice(
    usa, los_angeles, detroit, treasurer, today
):
    _income(los_angeles, today, "dues", "100.00", treasurer)
    _income(detroit, today, "paper-sales", "40.00", treasurer)
    services.transfer_send(
        actor=treasurer, sender=los_angeles, receiver=usa, amount="60.00", on=today
    )
    start, end = today.replace(day=1), today
    summary = queries.period_summary(collectives=[usa, los_angeles, detroit], start=start, end=end)
    assert summary.currency == "USD"
    assert summary.income_by_category == {
        "dues": Decimal("100.00"),
        "paper-sales": Decimal("40.00"),
    }
    assert summary.expenses_by_category == {}
    assert summary.internal_transfers_eliminated
    assert summary.eliminated_count == 2
    assert summary.label("paper-sales") == "Paper sales"
    alone = queries.period_summary(collectives=[los_angeles], start=start, end=end)
    assert alone.expenses_by_category == {"transfers-out": Decimal("60.00")}
    centre = queries.period_summary(collectives=[usa], start=start, end=end)
    assert centre.income_by_category == {"transfers-in": Decimal("60.00")}


def test_the_period_bounds_are_inclusive_and_respected(los_angeles, treasurer, today, last_month):
    _income(los_angeles, last_month, "donations", "5.00", treasurer)
    _income(los_angeles, today, "donations", "7.00", treasurer)
    summary = queries.period_summary(collectives=[los_angeles], start=today, end=today)
    assert summary.income_by_category == {"donations": Decimal("7.00")}
    both = queries.period_summary(collectives=[los_angeles], start=last_month, end=today)
    assert both.income == Decimal("12.00")


def test_dues_paid_against_pledged(los_angeles, treasurer, member, today):
    services.dues_pledge_set(
        actor=member, collective=los_angeles, member=member, kind=DuesPledge.Kind.FIXED, amount="20"
    )
    services.dues_payment_record(
        actor=treasurer, collective=los_angeles, member=member, amount="15", on=today
    )
    summary = queries.period_summary(
        collectives=[los_angeles], start=today.replace(day=1), end=today
    )
    assert summary.dues_pledged == Decimal("20.00")
    assert summary.dues_paid == Decimal("15.00")
    assert summary.income_by_category == {"dues": Decimal("15.00")}


def test_books_in_another_currency_are_summed_apart(usa, treasurer, today, international):
    from iskra.network.services import collective_create

    joburg = collective_create(
        actor=None, name="Johannesburg", slug="jhb", kind="city", parent=international, country="ZA"
    )
    services.simple_record(
        actor=None,
        collective=joburg,
        on=today,
        description="d",
        amount="300",
        debit="cash",
        credit="dues",
    )
    _income(usa, today, "dues", "10", treasurer)
    summary = queries.period_summary(
        collectives=[usa, joburg], start=today - timedelta(days=1), end=today
    )
    assert summary.income_by_category == {"dues": Decimal("10.00")}
    assert summary.other_currencies["ZAR"].income_by_category == {"dues": Decimal("300.00")}
