"""Property: whatever legs are offered, a stored transaction sums to zero per currency, and
a refused one leaves nothing behind."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iskra.core.errors import DomainError
from iskra.finance import services
from iskra.finance.models import Posting, Transaction
from iskra.finance.services import Leg, account

CODES = ["cash", "bank", "dues", "donations", "printing", "rent"]
leg_strategy = st.tuples(
    st.sampled_from(CODES),
    st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False),
    st.sampled_from(["USD", "EUR"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(legs=st.lists(leg_strategy, min_size=0, max_size=6), balance=st.booleans())
def test_stored_transactions_always_balance(los_angeles, legs, balance):
    offered = [Leg(account(los_angeles, code), amount, currency) for code, amount, currency in legs]
    if balance and offered:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for leg in offered:
            totals[leg.currency] += leg.amount
        for currency, total in totals.items():
            offered.append(Leg(account(los_angeles, "cash"), -total, currency))
    before = Transaction.objects.count()
    try:
        record = services.transaction_record(
            actor=None,
            collective=los_angeles,
            on=timezone.localdate(),
            description="p",
            legs=offered,
            exchange_rate=Decimal("1.1"),
        )
    except DomainError:
        assert Transaction.objects.count() == before
        return
    sums = record.legs.values("currency").annotate(total=Sum("amount_minor"))
    assert all(row["total"] == 0 for row in sums)
    assert record.legs.count() >= 2
    assert Posting.objects.filter(transaction__sealed=False).count() == 0
