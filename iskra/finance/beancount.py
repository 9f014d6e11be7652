"""The books in Beancount's plain-text format (`iskra export_ledger`).

Accounts are `<Root>:<Collective>:<Category>` (`Assets:Los-Angeles:Cash`); every leg keeps
its own currency, so each transaction balances per currency as it does in the database,
and the exchange rate of a foreign-currency transaction is kept as metadata. Each
collective's legs balance by themselves, so exporting part of the tree stays balanced;
with a start date the earlier balances open the file as one entry per collective."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Sum

from iskra.finance import money
from iskra.finance.models import Account, Posting, Transaction
from iskra.network.models import Collective

ROOTS = {
    "asset": "Assets",
    "liability": "Liabilities",
    "equity": "Equity",
    "income": "Income",
    "expense": "Expenses",
}


def _component(text: str) -> str:
    parts = [part for part in text.replace("_", "-").split("-") if part]
    name = "-".join(part[:1].upper() + part[1:] for part in parts) or "X"
    return name if name[0].isalnum() else f"X{name}"


def account_name(account: Account, collective: Collective) -> str:
    return f"{ROOTS[account.kind]}:{_component(collective.slug)}:{_component(account.code)}"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "").replace('"', "'") + '"'


def export(
    collectives: list[Collective], *, start: date | None = None, end: date | None = None
) -> Iterator[str]:
    ids = [collective.pk for collective in collectives]
    by_id = {collective.pk: collective for collective in collectives}
    accounts = list(Account.objects.filter(collective_id__in=ids))
    names = {
        account.pk: account_name(account, by_id[account.collective_id]) for account in accounts
    }
    postings = Posting.objects.filter(collective_id__in=ids)
    if end is not None:
        postings = postings.filter(date__lte=end)
    first = postings.order_by("date").values_list("date", flat=True).first()
    opened_on = min(filter(None, [first, start])) if (first or start) else date.today()
    yield ";; Iskra books, exported for Beancount\n"
    yield f'option "title" {_quote(", ".join(c.name for c in collectives))}\n\n'
    for account in sorted(accounts, key=lambda item: names[item.pk]):
        yield f"{opened_on.isoformat()} open {names[account.pk]}\n"
    yield "\n"
    if start is not None:
        yield from _opening(postings.filter(date__lt=start), names, start)
        postings = postings.filter(date__gte=start)
    legs: dict[int, list[Posting]] = defaultdict(list)
    for posting in postings.order_by("transaction_id", "pk").iterator(chunk_size=5000):
        legs[posting.transaction_id].append(posting)
    records = Transaction.objects.filter(pk__in=list(legs)).order_by("date", "pk")
    for record in records.iterator(chunk_size=2000):
        yield f"{record.date.isoformat()} * {_quote(record.description)}\n"
        yield f'  iskra_id: "{record.pk}"\n'
        yield f'  kind: "{record.kind}"\n'
        if record.exchange_rate is not None:
            yield f'  exchange_rate: "{record.exchange_rate.normalize()}"\n'
        for posting in legs[record.pk]:
            amount = money.from_minor(posting.amount_minor, posting.currency)
            yield f"  {names[posting.account_id]}  {amount} {posting.currency}\n"
        yield "\n"


def _opening(earlier: Any, names: dict[int, str], start: date) -> Iterator[str]:
    sums = (
        earlier.values("account_id", "currency")
        .annotate(total=Sum("amount_minor"))
        .order_by("account_id")
    )
    rows = [row for row in sums if row["total"]]
    if not rows:
        return
    yield f'{start.isoformat()} * "Balances before {start.isoformat()}"\n'
    for row in rows:
        amount = money.from_minor(row["total"], row["currency"])
        yield f"  {names[row['account_id']]}  {amount} {row['currency']}\n"
    yield "\n"
