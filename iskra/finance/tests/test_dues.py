"""Dues: pledges change the future only; arrears per member and month; the wage is sealed."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection

from iskra.core.errors import DomainError
from iskra.finance import queries, services
from iskra.finance.models import DuesPayment, DuesPledge


def test_arrears_per_member_and_month(los_angeles, member, treasurer, today):
    start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    pledge = DuesPledge.objects.create(
        collective=los_angeles,
        member=member,
        kind="fixed",
        amount_minor=2000,
        monthly_minor=2000,
        currency="USD",
        starts_on=start,
    )
    assert pledge.monthly == Decimal("20.00")
    services.dues_payment_record(
        actor=treasurer, collective=los_angeles, member=member, amount="20", month=start
    )
    dues = queries.member_dues(los_angeles, member)
    assert [(month.month, month.owed) for month in dues.months] == [
        (today.replace(day=1), Decimal("20.00")),
        (start, Decimal("0.00")),
    ]
    assert dues.arrears == Decimal("20.00")


def test_changing_a_pledge_changes_the_future_never_the_past(los_angeles, member, today):
    last = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    DuesPledge.objects.create(
        collective=los_angeles,
        member=member,
        kind="fixed",
        amount_minor=1000,
        monthly_minor=1000,
        currency="USD",
        starts_on=last,
    )
    services.dues_pledge_set(
        actor=member, collective=los_angeles, member=member, kind="fixed", amount="25"
    )
    dues = queries.member_dues(los_angeles, member)
    assert [month.pledged for month in dues.months] == [Decimal("25.00"), Decimal("10.00")]
    services.dues_pledge_set(
        actor=member, collective=los_angeles, member=member, kind="fixed", amount="30"
    )
    assert DuesPledge.objects.filter(member=member).count() == 2
    with pytest.raises(DomainError, match="never the past"):
        services.dues_pledge_set(
            actor=member,
            collective=los_angeles,
            member=member,
            kind="fixed",
            amount="5",
            starts_on=last,
        )


def test_a_rate_of_the_wage_is_stored_encrypted(los_angeles, member):
    pledge = services.dues_pledge_set(
        actor=member,
        collective=los_angeles,
        member=member,
        kind="rate",
        rate_percent="3",
        wage="3187.00",
    )
    assert pledge.monthly == Decimal("95.61")
    assert DuesPledge.objects.get(pk=pledge.pk).wage == "3187.00"
    with connection.cursor() as cursor:
        cursor.execute("SELECT wage FROM finance_duespledge WHERE id = %s", [pledge.pk])
        raw = bytes(cursor.fetchone()[0])
    assert b"3187" not in raw


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "cannot be negative"),
        ("5.001", "at most 2 decimals"),
        ("0", "more than zero"),
        ("five", "must be a number"),
    ],
)
def test_bad_payments_are_refused(los_angeles, member, treasurer, amount, message):
    with pytest.raises(DomainError, match=message):
        services.dues_payment_record(
            actor=treasurer, collective=los_angeles, member=member, amount=amount
        )
    assert not DuesPayment.objects.exists()


def test_a_member_cannot_record_payments_or_set_anothers_pledge(los_angeles, member, organizer):
    with pytest.raises(DomainError, match="treasurer"):
        services.dues_payment_record(
            actor=member, collective=los_angeles, member=member, amount="5"
        )
    with pytest.raises(DomainError, match="treasurer"):
        services.dues_pledge_set(
            actor=organizer, collective=los_angeles, member=member, kind="fixed", amount="5"
        )
