"""How an outing's money reaches the books: the one place that reads it (the outing form
may change; adapt `outing_money` and the postings follow)."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class OutingMoney:
    amount: Decimal
    currency: str
    category: str  # a category code of the chart: "paper-sales" or "donations"
    issue_id: int | None = None


CATEGORY_OF_KIND = {"donation": "donations", "sale": "paper-sales"}


def outing_money(outing: Any) -> list[OutingMoney]:
    """The money collected on an outing: each money line of the form (donations or sales,
    with its currency), and what a line of copies carries for its issue (paper sales).
    Outing donations are anonymous amounts."""
    if outing.pk is None:
        return []
    collected = [
        OutingMoney(
            amount=Decimal(entry.amount),
            currency=entry.currency,
            category=CATEGORY_OF_KIND[entry.kind],
        )
        for entry in outing.money_lines.all()
    ]
    collected += [
        OutingMoney(
            amount=Decimal(line.money),
            currency=line.currency,
            category="paper-sales",
            issue_id=line.issue_id,
        )
        for line in outing.lines.all()
        if line.money
    ]
    return collected
