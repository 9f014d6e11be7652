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


def outing_money(outing: Any) -> list[OutingMoney]:
    """The money collected on an outing. Today each line of copies carries what was
    collected for that issue, counted as paper sales; outing donations are anonymous."""
    if outing.pk is None:
        return []
    return [
        OutingMoney(
            amount=Decimal(line.money),
            currency=line.currency,
            category="paper-sales",
            issue_id=line.issue_id,
        )
        for line in outing.lines.all()
        if line.money
    ]
