"""Reads of the finance app: balances, the period summary (consolidated, internal money
eliminated), dues and arrears, fund drives, transfers. Callers narrow the collectives
through the access scope first (see views.py)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.utils import timezone

from iskra.finance import money
from iskra.finance.labels import category_label
from iskra.finance.models import (
    Account,
    Books,
    ClosedMonth,
    DuesPayment,
    DuesPledge,
    FundDrive,
    FundPayment,
    FundPledge,
    Posting,
    Transaction,
    Transfer,
)
from iskra.network.models import Collective

INTERNAL_CATEGORIES = frozenset({"transfers-in", "transfers-out", "in-transit"})


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def months_between(start: date, end: date) -> list[date]:
    months = []
    current = month_start(start)
    while current <= end:
        months.append(current)
        current = next_month(current)
    return months


def books_currency(collective: Collective) -> str:
    books = Books.objects.filter(collective=collective).first()
    return books.currency if books else money.default_currency(collective.country)


# The period summary: the interface the reports app calls


@dataclass
class CurrencyTotals:
    income_by_category: dict[str, Decimal] = field(default_factory=dict)
    expenses_by_category: dict[str, Decimal] = field(default_factory=dict)
    dues_paid: Decimal = Decimal(0)
    dues_pledged: Decimal = Decimal(0)


@dataclass
class PeriodSummary:
    """Money of a period, consolidated over the given collectives.

    The amounts are in `currency` (the books' currency of the first collective); collectives
    that keep their books in another currency are summed apart in `other_currencies`.
    Category keys are the chart's stable codes (`"dues"`, `"paper-sales"`, `"printing"`...);
    `label(code)` gives the translated name. Money between two of the given collectives
    (transfers, bundles charged) is left out, so it is never counted twice:
    `internal_transfers_eliminated` is then True and `eliminated_count` says how many legs
    were dropped."""

    currency: str
    income_by_category: dict[str, Decimal]
    expenses_by_category: dict[str, Decimal]
    dues_paid: Decimal
    dues_pledged: Decimal
    internal_transfers_eliminated: bool
    start: date
    end: date
    eliminated_count: int = 0
    other_currencies: dict[str, CurrencyTotals] = field(default_factory=dict)

    @staticmethod
    def label(code: str) -> str:
        return category_label(code)

    @property
    def income(self) -> Decimal:
        return sum(self.income_by_category.values(), Decimal(0))

    @property
    def expenses(self) -> Decimal:
        return sum(self.expenses_by_category.values(), Decimal(0))

    @property
    def net(self) -> Decimal:
        return self.income - self.expenses


def _internal(collective_ids: list[int]) -> Q:
    return Q(counterparty_id__in=collective_ids)


def period_summary(*, collectives: list[Collective], start: date, end: date) -> PeriodSummary:
    """Income and expenses by category, dues paid and pledged, for `start`..`end` (both
    included), consolidated over `collectives` with the money between them eliminated."""
    ids = [collective.pk for collective in collectives]
    currencies = dict(
        Books.objects.filter(collective_id__in=ids).values_list("collective_id", "currency")
    )
    main = currencies.get(ids[0], "USD") if ids else "USD"
    totals: dict[str, CurrencyTotals] = defaultdict(CurrencyTotals)
    in_period = Posting.objects.filter(
        collective_id__in=ids, date__gte=start, date__lte=end, kind__in=["income", "expense"]
    )
    rows = (
        in_period.exclude(_internal(ids))
        .values("collective_id", "kind", "category")
        .annotate(total=Sum("base_minor"))
        .order_by()
    )
    for row in rows:
        currency = currencies.get(row["collective_id"], main)
        amount = money.from_minor(row["total"], currency)
        bucket = totals[currency]
        if row["kind"] == "income":
            target = bucket.income_by_category
            amount = -amount  # income is credited
        else:
            target = bucket.expenses_by_category
        target[row["category"]] = target.get(row["category"], Decimal(0)) + amount
    eliminated = in_period.filter(_internal(ids)).count() if len(ids) > 1 else 0
    paid = (
        DuesPayment.objects.filter(
            collective_id__in=ids, transaction__date__gte=start, transaction__date__lte=end
        )
        .values("currency")
        .annotate(total=Sum("amount_minor"))
        .order_by()
    )
    for row in paid:
        totals[row["currency"]].dues_paid += money.from_minor(row["total"], row["currency"])
    for currency, pledged_minor in _pledged(ids, start, end).items():
        totals[currency].dues_pledged += money.from_minor(pledged_minor, currency)
    head = totals.pop(main, CurrencyTotals())
    return PeriodSummary(
        currency=main,
        income_by_category=head.income_by_category,
        expenses_by_category=head.expenses_by_category,
        dues_paid=head.dues_paid,
        dues_pledged=head.dues_pledged,
        internal_transfers_eliminated=True,
        start=start,
        end=end,
        eliminated_count=eliminated,
        other_currencies=dict(totals),
    )


def _pledged(collective_ids: list[int], start: date, end: date) -> dict[str, int]:
    """What was pledged for the months that begin in `start`..`end`, each month at the
    pledge in force then."""
    months = [month for month in months_between(start, end) if month >= start]
    pledges = (
        DuesPledge.objects.filter(collective_id__in=collective_ids, starts_on__lte=end)
        .order_by("member_id", "collective_id", "starts_on", "pk")
        .values_list("member_id", "collective_id", "starts_on", "monthly_minor", "currency")
    )
    by_member: dict[tuple[int, int], list[tuple[date, int, str]]] = defaultdict(list)
    for member_id, collective_id, starts_on, monthly, currency in pledges:
        by_member[(member_id, collective_id)].append((starts_on, monthly, currency))
    out: dict[str, int] = defaultdict(int)
    for history in by_member.values():
        for month in months:
            current = [entry for entry in history if entry[0] <= month]
            if current:
                _starts, monthly, currency = current[-1]
                out[currency] += monthly
    return out


# Balances


@dataclass
class Balance:
    account: Account
    label: str
    amount: Decimal
    currency: str


def balances(collective: Collective, *, on: date | None = None) -> list[Balance]:
    """Every account of the books with its balance (debit positive for assets and expenses,
    credit shown positive for liabilities, equity and income), in the books' currency."""
    currency = books_currency(collective)
    postings = Posting.objects.filter(collective=collective)
    if on is not None:
        postings = postings.filter(date__lte=on)
    sums = dict(
        postings.values("account_id")
        .annotate(total=Sum("base_minor"))
        .order_by()
        .values_list("account_id", "total")
    )
    out = []
    for account in Account.objects.filter(collective=collective).select_related("parent"):
        total = sums.get(account.pk, 0)
        if account.kind in ("liability", "equity", "income"):
            total = -total
        out.append(Balance(account, str(account), money.from_minor(total, currency), currency))
    order = {"asset": 0, "liability": 1, "equity": 2, "income": 3, "expense": 4}
    out.sort(key=lambda balance: (order[balance.account.kind], balance.account.code))
    return out


def cash_position(collective_ids: list[int], on: date) -> dict[str, Decimal]:
    """Money held (cash, bank, in transit) by the collectives on `on`, per currency."""
    rows = (
        Posting.objects.filter(
            collective_id__in=collective_ids,
            date__lte=on,
            category__in=["cash", "bank", "in-transit"],
        )
        .values("currency")
        .annotate(total=Sum("amount_minor"))
        .order_by()
    )
    return {row["currency"]: money.from_minor(row["total"], row["currency"]) for row in rows}


def recent_transactions(collective: Collective, *, limit: int = 30) -> list[Transaction]:
    """The latest transactions with a leg in these books (a transfer received included),
    found from the legs' (collective, date) index."""
    ids = list(
        Posting.objects.filter(collective=collective)
        .order_by("-date", "-transaction_id")
        .values_list("transaction_id", flat=True)[: limit * 4]
    )
    found = Transaction.objects.filter(pk__in=set(ids)).select_related("member")
    return sorted(found, key=lambda record: (record.date, record.pk), reverse=True)[:limit]


def closed_months(collective: Collective) -> list[date]:
    return list(ClosedMonth.objects.filter(collective=collective).values_list("month", flat=True))


# Dues


@dataclass
class MonthDues:
    month: date
    pledged: Decimal
    paid: Decimal

    @property
    def owed(self) -> Decimal:
        return max(self.pledged - self.paid, Decimal(0))


@dataclass
class MemberDues:
    member: Any
    currency: str
    months: list[MonthDues]
    pledge: DuesPledge | None

    @property
    def arrears(self) -> Decimal:
        return sum((month.owed for month in self.months), Decimal(0))


def member_dues(collective: Collective, member: Any, *, until: date | None = None) -> MemberDues:
    return dues_table(collective, until=until, member=member)[0]


def dues_table(
    collective: Collective, *, until: date | None = None, member: Any = None
) -> list[MemberDues]:
    """Per member and month since their first pledge: pledged, paid, owed."""
    until = month_start(until or timezone.localdate())
    currency = books_currency(collective)
    pledges = (
        DuesPledge.objects.filter(collective=collective).select_related("member").defer("wage")
    )
    payments = DuesPayment.objects.filter(collective=collective, month__lte=until)
    if member is not None:
        pledges = pledges.filter(member=member)
        payments = payments.filter(member=member)
    history: dict[int, list[DuesPledge]] = defaultdict(list)
    members: dict[int, Any] = {}
    for pledge in pledges.order_by("starts_on", "pk"):
        history[pledge.member_id].append(pledge)
        members[pledge.member_id] = pledge.member
    paid: dict[tuple[int, date], int] = defaultdict(int)
    for member_id, month, amount in payments.values_list("member_id", "month", "amount_minor"):
        paid[(member_id, month)] += amount
    if member is not None and member.pk not in members:
        members[member.pk] = member
    table = []
    for member_id, person in members.items():
        entries = history.get(member_id, [])
        first = entries[0].starts_on if entries else until
        paid_months = [month for (who, month) in paid if who == member_id]
        first = min([first, *paid_months])
        months = []
        for month in months_between(first, until):
            current = [pledge for pledge in entries if pledge.starts_on <= month]
            pledged = current[-1].monthly_minor if current else 0
            months.append(
                MonthDues(
                    month,
                    money.from_minor(pledged, currency),
                    money.from_minor(paid.get((member_id, month), 0), currency),
                )
            )
        table.append(
            MemberDues(person, currency, list(reversed(months)), entries[-1] if entries else None)
        )
    table.sort(key=lambda dues: str(dues.member))
    return table


# Fund drives and transfers


@dataclass
class DriveProgress:
    drive: FundDrive
    pledged: Decimal
    paid: Decimal

    @property
    def percent(self) -> int:
        if not self.drive.target_minor:
            return 0
        return int(self.paid * 100 / self.drive.target)


def drives(collective_ids: list[int]) -> list[DriveProgress]:
    found = list(FundDrive.objects.filter(collective_id__in=collective_ids))
    pledged = dict(
        FundPledge.objects.filter(drive__in=found)
        .values("drive_id")
        .annotate(total=Sum("amount_minor"))
        .order_by()
        .values_list("drive_id", "total")
    )
    paid = dict(
        FundPayment.objects.filter(drive__in=found, transaction__reversed_by__isnull=True)
        .values("drive_id")
        .annotate(total=Sum("amount_minor"))
        .order_by()
        .values_list("drive_id", "total")
    )
    return [
        DriveProgress(
            drive,
            money.from_minor(pledged.get(drive.pk, 0), drive.currency),
            money.from_minor(paid.get(drive.pk, 0), drive.currency),
        )
        for drive in found
    ]


def transfers_for(collective: Collective) -> list[Transfer]:
    return list(
        Transfer.objects.filter(Q(sender=collective) | Q(receiver=collective)).select_related(
            "sender", "receiver"
        )[:50]
    )


def paper_sales_by_issue(
    collective_ids: list[int], start: date, end: date
) -> list[tuple[Any, Decimal, str]]:
    from iskra.press.models import Issue

    rows = (
        Posting.objects.filter(
            collective_id__in=collective_ids,
            date__gte=start,
            date__lte=end,
            category="paper-sales",
            issue__isnull=False,
        )
        .exclude(_internal(collective_ids))
        .values("issue_id", "currency")
        .annotate(total=Sum("amount_minor"))
        .order_by()
    )
    issues = Issue.objects.in_bulk([row["issue_id"] for row in rows])
    return [
        (issues[row["issue_id"]], money.from_minor(-row["total"], row["currency"]), row["currency"])
        for row in rows
        if row["issue_id"] in issues
    ]
