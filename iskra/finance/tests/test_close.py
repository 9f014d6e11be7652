"""Month close: locked months, corrections in an open month."""

from decimal import Decimal

import pytest

from iskra.audit.models import LogEntry
from iskra.core.errors import DomainError
from iskra.finance import services
from iskra.finance.models import Posting, Transaction


def test_a_closed_month_refuses_postings_and_corrections_go_to_an_open_month(
    los_angeles, treasurer, last_month, today
):
    record = services.simple_record(
        actor=treasurer,
        collective=los_angeles,
        on=last_month,
        description="Rent",
        amount="300",
        debit="rent",
        credit="bank",
    )
    services.month_close(actor=treasurer, collective=los_angeles, month=last_month)
    before = Posting.objects.count()
    with pytest.raises(DomainError, match="is closed"):
        services.simple_record(
            actor=treasurer,
            collective=los_angeles,
            on=last_month,
            description="Late",
            amount="1",
            debit="cash",
            credit="dues",
        )
    assert Posting.objects.count() == before
    reversal = services.transaction_reverse(actor=treasurer, transaction=record)
    assert reversal.date.month == today.month
    assert LogEntry.objects.filter(action="finance.month.closed").count() == 1
    with pytest.raises(DomainError, match="closed already"):
        services.month_close(actor=treasurer, collective=los_angeles, month=last_month)


def test_only_a_treasurer_closes_and_not_a_future_month(los_angeles, organizer, treasurer, today):
    with pytest.raises(DomainError, match="treasurer"):
        services.month_close(actor=organizer, collective=los_angeles, month=today)
    with pytest.raises(DomainError, match="after it has begun"):
        services.month_close(
            actor=treasurer, collective=los_angeles, month=today.replace(year=today.year + 1)
        )


def test_a_transfer_is_in_transit_until_the_receiver_confirms(usa, los_angeles, treasurer, today):
    transfer = services.transfer_send(
        actor=treasurer, sender=los_angeles, receiver=usa, amount="60", on=today
    )
    assert transfer.state == "in_transit"
    in_transit = Posting.objects.filter(collective=usa, category="in-transit")
    assert sum(in_transit.values_list("amount_minor", flat=True)) == 6000
    services.transfer_confirm(actor=treasurer, transfer=transfer, on=today)
    assert sum(in_transit.values_list("amount_minor", flat=True)) == 0
    cash = Posting.objects.filter(collective=usa, category="cash")
    assert sum(cash.values_list("amount_minor", flat=True)) == 6000
    with pytest.raises(DomainError, match="confirmed already"):
        services.transfer_confirm(actor=treasurer, transfer=transfer)
    with pytest.raises(DomainError, match="more than zero|cannot be negative"):
        services.transfer_send(actor=treasurer, sender=los_angeles, receiver=usa, amount="-5")
    assert Transaction.objects.filter(kind="transfer").count() == 1
    assert Decimal(transfer.amount) == Decimal("60.00")
