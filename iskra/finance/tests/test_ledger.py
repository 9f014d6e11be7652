"""A transaction balances in each currency, or nothing is stored."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from iskra.core.errors import DomainError
from iskra.finance import services
from iskra.finance.models import Account, Books, Posting, Transaction
from iskra.finance.services import Leg, account


def _record(collective, legs, **kwargs):
    return services.transaction_record(
        actor=None,
        collective=collective,
        on=kwargs.pop("on", None) or _today(),
        description="Test",
        legs=legs,
        **kwargs,
    )


def _today():
    from django.utils import timezone

    return timezone.localdate()


def test_every_collective_gets_books_and_the_default_chart(los_angeles, international):
    assert Books.objects.get(collective=los_angeles).currency == "USD"
    codes = set(Account.objects.filter(collective=los_angeles).values_list("code", flat=True))
    assert {"cash", "bank", "dues", "paper-sales", "printing", "owed-to", "owed-by"} <= codes
    assert Books.objects.get(collective=international).currency == "USD"


def test_a_balanced_transaction_is_stored_with_its_legs(los_angeles):
    record = _record(
        los_angeles,
        [
            Leg(account(los_angeles, "cash"), Decimal("12.50")),
            Leg(account(los_angeles, "donations"), Decimal("-12.50")),
        ],
    )
    assert record.sealed
    assert sorted(record.legs.values_list("amount_minor", flat=True)) == [-1250, 1250]


@pytest.mark.parametrize(
    ("legs", "kwargs", "message"),
    [
        ([("cash", "10.00"), ("donations", "-9.99")], {}, "do not balance"),
        ([("cash", "10.001"), ("donations", "-10.001")], {}, "at most 2 decimals"),
        ([("cash", "10"), ("donations", "-10")], {"currency": "XYZ"}, "not a known currency"),
        ([("cash", "abc"), ("donations", "-10")], {}, "must be a number"),
        ([("cash", "10")], {}, "at least two legs"),
        ([("cash", "10"), ("donations", "-10")], {"currency": "EUR"}, "exchange rate"),
    ],
)
def test_bad_transactions_are_refused_and_nothing_is_stored(los_angeles, legs, kwargs, message):
    before = (Transaction.objects.count(), Posting.objects.count())
    with pytest.raises(DomainError, match=message):
        _record(
            los_angeles,
            [Leg(account(los_angeles, code), amount) for code, amount in legs],
            **kwargs,
        )
    assert (Transaction.objects.count(), Posting.objects.count()) == before


def test_a_foreign_currency_transaction_stores_its_rate_and_the_books_amount(los_angeles):
    record = _record(
        los_angeles,
        [
            Leg(account(los_angeles, "cash"), Decimal("100")),
            Leg(account(los_angeles, "donations"), Decimal("-100")),
        ],
        currency="EUR",
        exchange_rate=Decimal("1.08"),
    )
    assert record.exchange_rate == Decimal("1.08")
    assert sorted(record.legs.values_list("currency", "amount_minor", "base_minor")) == [
        ("EUR", -10000, -10800),
        ("EUR", 10000, 10800),
    ]


def test_a_currency_without_minor_units_refuses_decimals(los_angeles):
    with pytest.raises(DomainError, match="at most 0 decimals"):
        _record(
            los_angeles,
            [
                Leg(account(los_angeles, "cash"), Decimal("100.5"), "JPY"),
                Leg(account(los_angeles, "donations"), Decimal("-100.5"), "JPY"),
            ],
            currency="JPY",
            exchange_rate=Decimal("0.0067"),
        )


def test_the_database_refuses_unbalanced_legs_written_around_the_service(los_angeles):
    record = _record(
        los_angeles,
        [
            Leg(account(los_angeles, "cash"), Decimal("5")),
            Leg(account(los_angeles, "donations"), Decimal("-5")),
        ],
    )
    cash = account(los_angeles, "cash")
    refused = IntegrityError if connection.vendor == "postgresql" else Exception
    with pytest.raises(refused), transaction.atomic():
        Posting.objects.create(
            transaction=record,
            account=cash,
            collective=los_angeles,
            date=record.date,
            category="cash",
            kind="asset",
            currency="USD",
            amount_minor=1,
            base_minor=1,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert record.legs.count() == 2


def test_the_database_refuses_to_seal_unbalanced_legs(los_angeles):
    cash = account(los_angeles, "cash")
    with pytest.raises(Exception, match="balance"), transaction.atomic():
        record = Transaction.objects.create(
            collective=los_angeles, date=_today(), description="x", currency="USD"
        )
        Posting.objects.create(
            transaction=record,
            account=cash,
            collective=los_angeles,
            date=record.date,
            category="cash",
            kind="asset",
            currency="USD",
            amount_minor=7,
            base_minor=7,
        )
        Transaction.objects.filter(pk=record.pk).update(sealed=True)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    assert not Transaction.objects.filter(description="x").exists()


def test_a_correction_reverses_every_leg(los_angeles):
    record = _record(
        los_angeles,
        [
            Leg(account(los_angeles, "printing"), Decimal("80")),
            Leg(account(los_angeles, "cash"), Decimal("-80")),
        ],
    )
    reversal = services.transaction_reverse(actor=None, transaction=record)
    assert reversal.reverses == record
    assert (
        sum(Posting.objects.filter(account__code="cash").values_list("amount_minor", flat=True))
        == 0
    )
    with pytest.raises(DomainError, match="corrected already"):
        services.transaction_reverse(actor=None, transaction=record)


def test_a_member_cannot_write_the_books(los_angeles, member, treasurer):
    legs = [
        Leg(account(los_angeles, "cash"), Decimal("1")),
        Leg(account(los_angeles, "donations"), Decimal("-1")),
    ]
    with pytest.raises(DomainError, match="treasurer"):
        services.transaction_record(
            actor=member, collective=los_angeles, on=_today(), description="x", legs=legs
        )
    services.transaction_record(
        actor=treasurer, collective=los_angeles, on=_today(), description="x", legs=legs
    )


def test_the_treasurer_adds_an_account_under_the_chart(los_angeles, treasurer):
    added = services.account_add(
        actor=treasurer,
        collective=los_angeles,
        name="Leaflets",
        parent=account(los_angeles, "printing"),
    )
    assert added.category == "printing"
    assert str(added) == "Leaflets"
    with pytest.raises(DomainError, match="already"):
        services.account_add(
            actor=treasurer,
            collective=los_angeles,
            name="Leaflets",
            parent=account(los_angeles, "printing"),
        )
