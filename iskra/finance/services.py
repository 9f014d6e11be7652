"""Writes of the finance app. Every change is a service: keyword-only arguments,
`transaction.atomic`, an audit entry, a DomainError on refusal (nothing is stored then).

A transaction's legs sum to zero in each currency: checked here before anything is written,
and again by the database (a trigger, see migrations/0002_balance_trigger.py)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction as db_transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from iskra.audit.services import log_action
from iskra.core.errors import DomainError
from iskra.finance import money
from iskra.finance.labels import DEFAULT_CHART
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
from iskra.network.scope import Capacity, scope_for


def _is_user(actor: Any) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def require_treasurer(actor: Any, collective: Collective | int) -> None:
    """Only the finance capacity writes the books by hand (automatic postings pass None)."""
    if actor is not None and not scope_for(actor).can(Capacity.FINANCE, collective):
        raise DomainError(_("Only the treasurer of this collective may do this."))


def month_start(day: date) -> date:
    return day.replace(day=1)


# Books and the chart of accounts


def books_open(*, collective: Collective, currency: str = "") -> Books:
    """The collective's books with the default chart of accounts (idempotent)."""
    currency = money.check_currency(currency or money.default_currency(collective.country))
    books, _created = Books.objects.get_or_create(
        collective=collective, defaults={"currency": currency}
    )
    existing = set(Account.objects.filter(collective=collective).values_list("code", flat=True))
    Account.objects.bulk_create(
        [
            Account(collective=collective, code=code, kind=kind, is_default=True)
            for code, kind, _name in DEFAULT_CHART
            if code not in existing
        ]
    )
    return books


def books_of(collective: Collective) -> Books:
    books = Books.objects.filter(collective=collective).first()
    return books or books_open(collective=collective)


def account_add(*, actor: Any, collective: Collective, name: str, parent: Account) -> Account:
    """A sub-account the treasurer adds under one of the chart's (e.g. "Printing: leaflets");
    reports count it in its parent's category."""
    require_treasurer(actor, collective)
    name = " ".join(name.split())[:80]
    if not name:
        raise DomainError(_("Give the account a name."))
    if parent.collective_id != collective.pk:
        raise DomainError(_("That account is not in these books."))
    code = f"{parent.code}-{slugify(name)}"[:40] or parent.code
    if Account.objects.filter(collective=collective, code=code).exists():
        raise DomainError(_("There is an account with that name already."))
    with db_transaction.atomic():
        account = Account.objects.create(
            collective=collective, code=code, kind=parent.kind, name=name, parent=parent
        )
        log_action(
            "finance.account.added",
            actor=actor,
            target=account,
            collective=collective,
            details={"code": code, "parent": parent.code},
        )
    return account


def account(collective: Collective, code: str) -> Account:
    try:
        return Account.objects.select_related("parent").get(collective=collective, code=code)
    except Account.DoesNotExist:
        books_open(collective=collective)
        return Account.objects.select_related("parent").get(collective=collective, code=code)


# Transactions


@dataclass
class Leg:
    """One leg: debit positive, credit negative, in `currency` (the transaction's if empty)."""

    account: Account
    amount: Decimal
    currency: str = ""
    counterparty: Collective | None = None
    issue_id: int | None = None


def is_closed(collective: Collective | int, day: date) -> bool:
    collective_id = collective if isinstance(collective, int) else collective.pk
    return ClosedMonth.objects.filter(collective_id=collective_id, month=month_start(day)).exists()


def first_open_day(collective: Collective, day: date) -> date:
    """`day` if its month is open, else today: corrections go into an open month."""
    return day if not is_closed(collective, day) else timezone.localdate()


def transaction_record(
    *,
    actor: Any,
    collective: Collective,
    on: date,
    description: str,
    legs: list[Leg],
    currency: str = "",
    exchange_rate: Decimal | None = None,
    kind: str = Transaction.Kind.MANUAL,
    source: tuple[str, int] | None = None,
    member: Any = None,
    donor: str = "",
    reverses: Transaction | None = None,
    check_access: bool = True,
) -> Transaction:
    """Record one balanced transaction. Refused, with nothing stored, when the legs do not sum
    to zero in each currency, a leg falls in a closed month, a currency is unknown, or an
    amount has more decimals than its currency allows."""
    if check_access:
        require_treasurer(actor, collective)
    description = " ".join(description.split())[:200]
    if not description:
        raise DomainError(_("Say what the money was for."))
    currency = money.check_currency(currency or books_of(collective).currency)
    if exchange_rate is not None and (not exchange_rate.is_finite() or exchange_rate <= 0):
        raise DomainError(_("An exchange rate is a positive number."))
    if len(legs) < 2:
        raise DomainError(_("A transaction has at least two legs."))
    totals: dict[str, int] = defaultdict(int)
    rows = []
    bases: dict[int, str] = {}
    for leg in legs:
        leg_currency = money.check_currency(leg.currency or currency)
        amount = money.parse(leg.amount, leg_currency, allow_negative=True)
        minor = money.to_minor(amount, leg_currency)
        if minor == 0:
            continue
        leg_collective_id = leg.account.collective_id
        if leg_collective_id not in bases:
            bases[leg_collective_id] = books_of(leg.account.collective).currency
        base_currency = bases[leg_collective_id]
        if leg_currency == base_currency:
            base_minor = minor
        elif exchange_rate is None:
            raise DomainError(
                _("These books are kept in %(books)s: give the exchange rate for %(currency)s.")
                % {"books": base_currency, "currency": leg_currency}
            )
        else:
            base_minor = money.convert_minor(minor, leg_currency, base_currency, exchange_rate)
        totals[leg_currency] += minor
        rows.append((leg, leg_currency, minor, base_minor))
    unbalanced = {code: total for code, total in totals.items() if total != 0}
    if unbalanced:
        code, total = sorted(unbalanced.items())[0]
        raise DomainError(
            _("The legs do not balance: %(currency)s is off by %(amount)s.")
            % {"currency": code, "amount": money.fmt(total, code, minor=True)}
        )
    if len(rows) < 2:
        raise DomainError(_("A transaction has at least two legs."))
    closed = {
        leg_collective_id: True for leg_collective_id in bases if is_closed(leg_collective_id, on)
    }
    if closed:
        raise DomainError(
            _("%(month)s is closed: record a correction in an open month instead.")
            % {"month": on.strftime("%Y-%m")}
        )
    with db_transaction.atomic():
        record = Transaction.objects.create(
            collective=collective,
            kind=kind,
            date=on,
            description=description,
            currency=currency,
            exchange_rate=exchange_rate,
            reverses=reverses,
            source_type=source[0] if source else "",
            source_id=source[1] if source else None,
            member=member if _is_user(member) else None,
            donor=donor.strip()[:80],
            created_by=actor if _is_user(actor) else None,
        )
        Posting.objects.bulk_create(
            [
                Posting(
                    transaction=record,
                    account=leg.account,
                    collective_id=leg.account.collective_id,
                    date=on,
                    category=leg.account.category,
                    kind=leg.account.kind,
                    currency=leg_currency,
                    amount_minor=minor,
                    base_minor=base_minor,
                    counterparty=leg.counterparty,
                    issue_id=leg.issue_id,
                )
                for leg, leg_currency, minor, base_minor in rows
            ]
        )
        Transaction.objects.filter(pk=record.pk).update(sealed=True)
        record.sealed = True
        log_action(
            "finance.transaction.recorded",
            actor=actor,
            target=record,
            collective=collective,
            details={"kind": kind, "legs": len(rows), "date": on.isoformat()},
        )
    return record


def transaction_reverse(
    *, actor: Any, transaction: Transaction, on: date | None = None, check_access: bool = True
) -> Transaction:
    """A correction: the same legs with the opposite sign, dated in an open month."""
    if hasattr(transaction, "reversed_by"):
        raise DomainError(_("This transaction has been corrected already."))
    if transaction.kind == Transaction.Kind.REVERSAL:
        raise DomainError(_("A correction is not corrected again: record a new transaction."))
    day = on or first_open_day(transaction.collective, timezone.localdate())
    legs = [
        Leg(
            account=posting.account,
            amount=-posting.amount,
            currency=posting.currency,
            counterparty=posting.counterparty,
            issue_id=posting.issue_id,
        )
        for posting in transaction.legs.select_related("account__parent", "account__collective")
    ]
    return transaction_record(
        actor=actor,
        collective=transaction.collective,
        on=day,
        description=_("Correction of: %(description)s") % {"description": transaction.description},
        legs=legs,
        currency=transaction.currency,
        exchange_rate=transaction.exchange_rate,
        kind=Transaction.Kind.REVERSAL,
        source=(transaction.source_type, transaction.source_id) if transaction.source_id else None,
        member=transaction.member,
        reverses=transaction,
        check_access=check_access,
    )


def simple_record(
    *,
    actor: Any,
    collective: Collective,
    on: date,
    description: str,
    amount: Any,
    debit: str,
    credit: str,
    currency: str = "",
    exchange_rate: Decimal | None = None,
    donor: str = "",
) -> Transaction:
    """Income or expense typed on a phone: an amount from one account into another."""
    currency = money.check_currency(currency or books_of(collective).currency)
    value = money.parse(amount, currency)
    if value == 0:
        raise DomainError(_("The amount cannot be zero."))
    return transaction_record(
        actor=actor,
        collective=collective,
        on=on,
        description=description,
        legs=[
            Leg(account=account(collective, debit), amount=value),
            Leg(account=account(collective, credit), amount=-value),
        ],
        currency=currency,
        exchange_rate=exchange_rate,
        donor=donor,
    )


# Automatic postings ("nothing typed twice")


def _live_postings(source_type: str, source_id: int) -> list[Transaction]:
    return list(
        Transaction.objects.filter(source_type=source_type, source_id=source_id)
        .exclude(kind=Transaction.Kind.REVERSAL)
        .filter(reversed_by__isnull=True)
        .prefetch_related("legs")
    )


def _signature(legs: list[Leg]) -> list[tuple[int, str, str, int | None]]:
    return sorted((leg.account.pk, str(leg.amount), leg.currency, leg.issue_id) for leg in legs)


def _posted_signature(record: Transaction) -> list[tuple[int, str, str, int | None]]:
    return sorted(
        (posting.account_id, str(posting.amount), posting.currency, posting.issue_id)
        for posting in record.legs.all()
    )


def _sync_source(
    *,
    actor: Any,
    collective: Collective,
    source: tuple[str, int],
    on: date,
    description: str,
    legs: list[Leg],
    kind: str,
    currency: str,
    exchange_rate: Decimal | None = None,
) -> Transaction | None:
    """Make the books hold exactly `legs` for `source`: unchanged legs stay, changed ones are
    reversed (in an open month) and posted anew."""
    live = _live_postings(*source)
    if len(live) == 1 and legs and _posted_signature(live[0]) == _signature(legs):
        return live[0]
    for record in live:
        transaction_reverse(actor=actor, transaction=record, check_access=False)
    if not legs:
        return None
    return transaction_record(
        actor=actor,
        collective=collective,
        on=first_open_day(collective, on),
        description=description,
        legs=legs,
        currency=currency,
        exchange_rate=exchange_rate,
        kind=kind,
        source=source,
        check_access=False,
    )


def _latest_rate(collective: Collective, currency: str) -> Decimal | None:
    return (
        Transaction.objects.filter(
            collective=collective, currency=currency, exchange_rate__isnull=False
        )
        .order_by("-date", "-pk")
        .values_list("exchange_rate", flat=True)
        .first()
    )


def outing_post(*, actor: Any, outing: Any) -> list[Transaction]:
    """Post the outing's money to its collective's books, or correct what was posted.
    Called by the distribution services when an outing is logged, changed or deleted (a
    deleted outing has no money left, so its postings are reversed)."""
    from iskra.finance.outings import outing_money

    collective = outing.collective
    books = books_of(collective)
    by_currency: dict[str, list[Any]] = defaultdict(list)
    for line in outing_money(outing):
        by_currency[line.currency].append(line)
    posted = []
    currencies = set(by_currency) | {
        record.currency for record in _live_postings("distribution.outing", outing.pk)
    }
    for currency in sorted(currencies):
        lines = by_currency.get(currency, [])
        rate = None
        if currency != books.currency and lines:
            rate = _latest_rate(collective, currency)
            if rate is None:
                # No rate known: the outing is kept and the treasurer is told, through the
                # audit log and the books page, to record this money by hand.
                log_action(
                    "finance.outing.not_posted",
                    actor=actor,
                    target=outing,
                    collective=collective,
                    details={"currency": currency, "reason": "no exchange rate"},
                )
                continue
        legs = []
        total = Decimal(0)
        for line in lines:
            total += line.amount
            legs.append(
                Leg(
                    account=account(collective, line.category),
                    amount=-line.amount,
                    currency=currency,
                    issue_id=line.issue_id,
                )
            )
        if total:
            legs.append(Leg(account=account(collective, "cash"), amount=total, currency=currency))
        else:
            legs = []
        record = _sync_source(
            actor=actor,
            collective=collective,
            source=("distribution.outing", outing.pk),
            on=outing.day,
            description=_("Outing: %(place)s") % {"place": outing.place},
            legs=legs,
            kind=Transaction.Kind.OUTING,
            currency=currency,
            exchange_rate=rate,
        )
        if record is not None:
            posted.append(record)
    return posted


def outing_unpost(*, actor: Any, outing_id: int) -> list[Transaction]:
    """Reverse what an outing posted (for an outing being deleted)."""
    return [
        transaction_reverse(actor=actor, transaction=record, check_access=False)
        for record in _live_postings("distribution.outing", outing_id)
    ]


def print_run_post(*, actor: Any, run: Any) -> Transaction | None:
    """The printer's bill: printing expense at the publishing collective, paid from cash."""
    collective = run.issue.publication.collective
    currency = money.check_currency(run.currency)
    cost = money.parse(run.cost, currency)
    rate = None
    if currency != books_of(collective).currency and cost:
        rate = _latest_rate(collective, currency)
        if rate is None:
            # As for outings: the print run is kept, the treasurer records the bill by hand.
            log_action(
                "finance.print_run.not_posted",
                actor=actor,
                target=run.issue,
                collective=collective,
                details={"currency": currency, "reason": "no exchange rate"},
            )
            return None
    legs = (
        [
            Leg(account=account(collective, "printing"), amount=cost, issue_id=run.issue_id),
            Leg(account=account(collective, "cash"), amount=-cost),
        ]
        if cost
        else []
    )
    return _sync_source(
        actor=actor,
        collective=collective,
        source=("press.printrun", run.pk),
        on=run.printed_on,
        description=_("Printing: %(issue)s, %(copies)s copies")
        % {"issue": run.issue, "copies": run.copies},
        legs=legs,
        kind=Transaction.Kind.PRINT_RUN,
        currency=currency,
        exchange_rate=rate,
    )


def bundle_charge(
    *, actor: Any, bundle: Any, price: Any, exchange_rate: Decimal | None = None
) -> Transaction | None:
    """The price of a bundle sent down: the sender is owed it (paper sales), the receiver
    owes it (papers from other collectives). Both books, one balanced transaction."""
    sender, receiver = bundle.source, bundle.collective
    require_treasurer(actor, sender)
    currency = books_of(sender).currency
    value = money.parse(price, currency)
    receiver_currency = books_of(receiver).currency
    legs = []
    if value:
        legs = [
            Leg(account=account(sender, "owed-by"), amount=value, counterparty=receiver),
            Leg(
                account=account(sender, "paper-sales"),
                amount=-value,
                counterparty=receiver,
                issue_id=bundle.issue_id,
            ),
            Leg(
                account=account(receiver, "papers-bought"),
                amount=value,
                counterparty=sender,
                issue_id=bundle.issue_id,
            ),
            Leg(account=account(receiver, "owed-to"), amount=-value, counterparty=sender),
        ]
        if receiver_currency != currency and exchange_rate is None:
            raise DomainError(
                _("%(receiver)s keeps its books in %(currency)s: give the exchange rate.")
                % {"receiver": receiver.name, "currency": receiver_currency}
            )
    record = _sync_source(
        actor=actor,
        collective=sender,
        source=("distribution.bundle", bundle.pk),
        on=bundle.sent_on,
        description=_("Bundle: %(copies)s copies of %(issue)s to %(receiver)s")
        % {"copies": bundle.copies, "issue": bundle.issue, "receiver": receiver.name},
        legs=legs,
        kind=Transaction.Kind.BUNDLE,
        currency=currency,
        exchange_rate=exchange_rate,
    )
    log_action(
        "finance.bundle.charged",
        actor=actor,
        target=bundle,
        collective=sender,
        details={"price": str(value), "currency": currency},
    )
    return record


# Dues


def dues_pledge_set(
    *,
    actor: Any,
    collective: Collective,
    member: Any,
    kind: str,
    amount: Any = None,
    rate_percent: Any = None,
    wage: Any = None,
    starts_on: date | None = None,
) -> DuesPledge:
    """A pledge from a month on (this month by default). Earlier months keep their pledge;
    a second change in the same month replaces that month's pledge."""
    if _is_user(actor) and actor.pk != member.pk:
        require_treasurer(actor, collective)
    currency = books_of(collective).currency
    start = month_start(starts_on or timezone.localdate())
    if start < month_start(timezone.localdate()):
        raise DomainError(_("A pledge changes the future, never the past: start this month."))
    wage_text = ""
    rate = None
    if kind == DuesPledge.Kind.FIXED:
        monthly = money.parse(amount, currency)
        if monthly == 0:
            raise DomainError(_("A pledge is more than zero."))
    elif kind == DuesPledge.Kind.RATE:
        try:
            rate = Decimal(str(rate_percent))
        except ArithmeticError:
            raise DomainError(_("The share of the wage is a number, like 3 for 3%.")) from None
        if not rate.is_finite() or not 0 < rate <= 100:
            raise DomainError(_("The share of the wage is between 0 and 100%."))
        wage_value = money.parse(wage, currency)
        wage_text = str(wage_value)
        places = Decimal(1).scaleb(-money.places(currency))
        monthly = (wage_value * rate / 100).quantize(places)
    else:
        raise DomainError(_("Unknown kind of pledge."))
    with db_transaction.atomic():
        DuesPledge.objects.filter(collective=collective, member=member, starts_on=start).delete()
        pledge = DuesPledge.objects.create(
            collective=collective,
            member=member,
            kind=kind,
            amount_minor=money.to_minor(monthly, currency) if kind == "fixed" else 0,
            rate_percent=rate,
            wage=wage_text,
            monthly_minor=money.to_minor(monthly, currency),
            currency=currency,
            starts_on=start,
            created_by=actor if _is_user(actor) else None,
        )
        log_action(
            "finance.pledge.set",
            actor=actor,
            target=pledge,
            collective=collective,
            details={"member": member.pk, "kind": kind, "from": start.isoformat()},
        )
    return pledge


def dues_payment_record(
    *,
    actor: Any,
    collective: Collective,
    member: Any,
    amount: Any,
    month: date | None = None,
    method: str = DuesPayment.Method.CASH,
    on: date | None = None,
) -> DuesPayment:
    require_treasurer(actor, collective)
    if method not in DuesPayment.Method.values:
        raise DomainError(_("Unknown way of paying."))
    currency = books_of(collective).currency
    value = money.parse(amount, currency)
    if value == 0:
        raise DomainError(_("A payment is more than zero."))
    day = on or timezone.localdate()
    paid_for = month_start(month or day)
    asset = "bank" if method == DuesPayment.Method.BANK else "cash"
    with db_transaction.atomic():
        record = transaction_record(
            actor=actor,
            collective=collective,
            on=day,
            description=_("Dues for %(month)s") % {"month": paid_for.strftime("%Y-%m")},
            legs=[
                Leg(account=account(collective, asset), amount=value),
                Leg(account=account(collective, "dues"), amount=-value),
            ],
            kind=Transaction.Kind.DUES,
            member=member,
        )
        payment = DuesPayment.objects.create(
            collective=collective,
            member=member,
            month=paid_for,
            amount_minor=money.to_minor(value, currency),
            currency=currency,
            method=method,
            transaction=record,
        )
        log_action(
            "finance.dues.paid",
            actor=actor,
            target=payment,
            collective=collective,
            details={"member": member.pk, "month": paid_for.isoformat(), "method": method},
        )
    return payment


# Fund drives


def fund_drive_create(
    *, actor: Any, collective: Collective, name: str, target: Any, starts_on: date, ends_on: date
) -> FundDrive:
    require_treasurer(actor, collective)
    name = " ".join(name.split())[:120]
    if not name:
        raise DomainError(_("Give the fund drive a name."))
    if ends_on < starts_on:
        raise DomainError(_("A fund drive ends after it starts."))
    currency = books_of(collective).currency
    value = money.parse(target, currency)
    if value == 0:
        raise DomainError(_("A fund drive has a target above zero."))
    with db_transaction.atomic():
        drive = FundDrive.objects.create(
            collective=collective,
            name=name,
            target_minor=money.to_minor(value, currency),
            currency=currency,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        log_action("finance.drive.created", actor=actor, target=drive, collective=collective)
    return drive


def fund_pledge_add(
    *, actor: Any, drive: FundDrive, amount: Any, donor: str = "", member: Any = None
) -> FundPledge:
    require_treasurer(actor, drive.collective)
    value = money.parse(amount, drive.currency)
    if value == 0:
        raise DomainError(_("A pledge is more than zero."))
    with db_transaction.atomic():
        pledge = FundPledge.objects.create(
            drive=drive,
            member=member if _is_user(member) else None,
            donor=donor.strip()[:80],
            amount_minor=money.to_minor(value, drive.currency),
        )
        log_action("finance.drive.pledged", actor=actor, target=drive, collective=drive.collective)
    return pledge


def fund_payment_record(
    *, actor: Any, drive: FundDrive, amount: Any, on: date | None = None, donor: str = ""
) -> FundPayment:
    require_treasurer(actor, drive.collective)
    value = money.parse(amount, drive.currency)
    if value == 0:
        raise DomainError(_("A payment is more than zero."))
    collective = drive.collective
    with db_transaction.atomic():
        record = transaction_record(
            actor=actor,
            collective=collective,
            on=on or timezone.localdate(),
            description=_("Fund drive: %(name)s") % {"name": drive.name},
            legs=[
                Leg(account=account(collective, "cash"), amount=value),
                Leg(account=account(collective, "fund-drives"), amount=-value),
            ],
            kind=Transaction.Kind.FUND_DRIVE,
            donor=donor,
        )
        payment = FundPayment.objects.create(
            drive=drive, amount_minor=money.to_minor(value, drive.currency), transaction=record
        )
        log_action("finance.drive.paid", actor=actor, target=drive, collective=collective)
    return payment


# Transfers up and down the tree


def transfer_send(
    *,
    actor: Any,
    sender: Collective,
    receiver: Collective,
    amount: Any,
    on: date | None = None,
    exchange_rate: Decimal | None = None,
) -> Transfer:
    """One balanced transaction with legs in both books: the sender's cash goes out, the
    receiver holds it as money in transit until its treasurer confirms."""
    require_treasurer(actor, sender)
    if sender.pk == receiver.pk:
        raise DomainError(_("A collective cannot send money to itself."))
    currency = books_of(sender).currency
    value = money.parse(amount, currency)
    if value == 0:
        raise DomainError(_("A transfer is more than zero."))
    day = on or timezone.localdate()
    receiver_currency = books_of(receiver).currency
    received = value
    if receiver_currency != currency:
        if exchange_rate is None:
            raise DomainError(
                _("%(receiver)s keeps its books in %(currency)s: give the exchange rate.")
                % {"receiver": receiver.name, "currency": receiver_currency}
            )
        received = money.from_minor(
            money.convert_minor(
                money.to_minor(value, currency), currency, receiver_currency, exchange_rate
            ),
            receiver_currency,
        )
    with db_transaction.atomic():
        record = transaction_record(
            actor=actor,
            collective=sender,
            on=day,
            description=_("Transfer from %(sender)s to %(receiver)s")
            % {"sender": sender.name, "receiver": receiver.name},
            legs=[
                Leg(account=account(sender, "transfers-out"), amount=value, counterparty=receiver),
                Leg(account=account(sender, "cash"), amount=-value),
                Leg(
                    account=account(receiver, "in-transit"),
                    amount=received,
                    currency=receiver_currency,
                    counterparty=sender,
                ),
                Leg(
                    account=account(receiver, "transfers-in"),
                    amount=-received,
                    currency=receiver_currency,
                    counterparty=sender,
                ),
            ],
            currency=currency,
            exchange_rate=exchange_rate,
            kind=Transaction.Kind.TRANSFER,
        )
        transfer = Transfer.objects.create(
            sender=sender,
            receiver=receiver,
            amount_minor=money.to_minor(value, currency),
            currency=currency,
            sent_on=day,
            transaction=record,
        )
        log_action(
            "finance.transfer.sent",
            actor=actor,
            target=transfer,
            collective=sender,
            details={"to": receiver.slug, "amount": str(value), "currency": currency},
        )
    return transfer


def transfer_confirm(*, actor: Any, transfer: Transfer, on: date | None = None) -> Transfer:
    """The receiving treasurer has the money: it moves from in transit to cash."""
    receiver = transfer.receiver
    require_treasurer(actor, receiver)
    if transfer.state != Transfer.State.IN_TRANSIT:
        raise DomainError(_("This transfer has been confirmed already."))
    leg = transfer.transaction.legs.get(account__collective=receiver, account__code="in-transit")
    day = on or timezone.localdate()
    if day < transfer.sent_on:
        raise DomainError(_("Money cannot arrive before it was sent."))
    with db_transaction.atomic():
        record = transaction_record(
            actor=actor,
            collective=receiver,
            on=day,
            description=_("Transfer from %(sender)s received") % {"sender": transfer.sender.name},
            legs=[
                Leg(account=account(receiver, "cash"), amount=leg.amount, currency=leg.currency),
                Leg(
                    account=account(receiver, "in-transit"),
                    amount=-leg.amount,
                    currency=leg.currency,
                    counterparty=transfer.sender,
                ),
            ],
            currency=leg.currency,
            kind=Transaction.Kind.TRANSFER_RECEIVED,
        )
        transfer.state = Transfer.State.RECEIVED
        transfer.received_transaction = record
        transfer.received_on = day
        transfer.confirmed_by = actor if _is_user(actor) else None
        transfer.save(
            update_fields=["state", "received_transaction", "received_on", "confirmed_by"]
        )
        log_action("finance.transfer.confirmed", actor=actor, target=transfer, collective=receiver)
    return transfer


# Month close


def month_close(*, actor: Any, collective: Collective, month: date) -> ClosedMonth:
    """Lock a month: nothing is posted into it afterwards; corrections go into an open
    month as reversing entries."""
    require_treasurer(actor, collective)
    first = month_start(month)
    if first > month_start(timezone.localdate()):
        raise DomainError(_("A month is closed after it has begun."))
    if ClosedMonth.objects.filter(collective=collective, month=first).exists():
        raise DomainError(_("%(month)s is closed already.") % {"month": first.strftime("%Y-%m")})
    with db_transaction.atomic():
        closed = ClosedMonth.objects.create(
            collective=collective, month=first, closed_by=actor if _is_user(actor) else None
        )
        log_action(
            "finance.month.closed",
            actor=actor,
            target=closed,
            collective=collective,
            details={"month": first.isoformat()},
        )
    return closed
