"""Synthetic books for benchmarks: `POSTINGS_PER_CONTACT` postings per contact (ten million
for the default 100,000 contacts) over five years in the bench collectives' books: income
and expenses against cash or bank, and one transaction in ten a transfer from a collective
to its parent (four legs, eliminated in consolidation). Rows are written with COPY on
PostgreSQL and executemany on SQLite; the data is balanced by construction, so the
database's balance trigger is left out of the load (see below)."""

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import connection, transaction

from iskra.core.bulk import write_rows
from iskra.finance import services
from iskra.finance.models import Account, Posting, Transaction
from iskra.network.models import Collective

POSTINGS_PER_CONTACT = 100
DAYS = 5 * 365
BATCH = 20_000  # postings per database transaction
INCOME = ["dues", "paper-sales", "donations", "fund-drives"]
EXPENSE = ["printing", "rent", "travel", "postage"]
TX_COLUMNS = [
    "id",
    "collective_id",
    "kind",
    "date",
    "description",
    "currency",
    "source_type",
    "donor",
    "sealed",
    "created_at",
]
LEG_COLUMNS = [
    "transaction_id",
    "account_id",
    "collective_id",
    "date",
    "category",
    "kind",
    "currency",
    "amount_minor",
    "base_minor",
    "counterparty_id",
]
KINDS = (
    {code: "income" for code in INCOME}
    | {code: "expense" for code in EXPENSE}
    | {
        "cash": "asset",
        "bank": "asset",
        "in-transit": "asset",
        "transfers-in": "income",
        "transfers-out": "expense",
    }
)


def _bench_collectives() -> list[Collective]:
    return list(Collective.objects.filter(slug__startswith="bench-").order_by("path"))


def generate(*, contacts: int, rng: random.Random, out: Any, postings: int | None = None) -> None:
    wanted = postings if postings is not None else POSTINGS_PER_CONTACT * contacts
    collectives = _bench_collectives()
    if not collectives:
        out.write("no bench collectives: run the network dataset first\n")
        return
    for collective in collectives:
        services.books_open(collective=collective, currency="USD")
    ids = [collective.pk for collective in collectives]
    have = Posting.objects.filter(collective_id__in=ids).count()
    if have >= wanted:
        out.write(f"{have} postings already generated\n")
        return
    accounts = {
        (collective_id, code): pk
        for pk, collective_id, code in Account.objects.filter(collective_id__in=ids).values_list(
            "pk", "collective_id", "code"
        )
    }
    parents = {c.pk: c.parent_id for c in collectives if c.parent_id in set(ids)}
    ops = connection.ops
    today = date.today()
    days = [ops.adapt_datefield_value(today - timedelta(days=offset)) for offset in range(DAYS)]
    now = ops.adapt_datetimefield_value(datetime.now(UTC))
    made = have
    while made < wanted:
        with transaction.atomic():
            _without_balance_trigger(True)
            first_id = (
                Transaction.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            ) + 1
            records: list[tuple[Any, ...]] = []
            legs: list[tuple[Any, ...]] = []
            number = first_id
            while len(legs) < min(BATCH, wanted - made):
                collective_id = rng.choice(ids)
                day = days[rng.randrange(DAYS)]
                cents = rng.randrange(100, 50_000)
                if collective_id in parents and rng.random() < 0.1:
                    parent = parents[collective_id]
                    records.append(
                        (
                            number,
                            collective_id,
                            "transfer",
                            day,
                            "Bench transfer",
                            "USD",
                            "",
                            "",
                            True,
                            now,
                        )
                    )
                    for owner, code, sign, other in (
                        (collective_id, "transfers-out", 1, parent),
                        (collective_id, "cash", -1, None),
                        (parent, "in-transit", 1, collective_id),
                        (parent, "transfers-in", -1, collective_id),
                    ):
                        legs.append(
                            (
                                number,
                                accounts[(owner, code)],
                                owner,
                                day,
                                code,
                                KINDS[code],
                                "USD",
                                sign * cents,
                                sign * cents,
                                other,
                            )
                        )
                else:
                    income = rng.random() < 0.6
                    code = rng.choice(INCOME if income else EXPENSE)
                    money_code = "cash" if rng.random() < 0.7 else "bank"
                    sign = -1 if income else 1
                    records.append(
                        (
                            number,
                            collective_id,
                            "manual",
                            day,
                            f"Bench {code}",
                            "USD",
                            "",
                            "",
                            True,
                            now,
                        )
                    )
                    legs.append(
                        (
                            number,
                            accounts[(collective_id, code)],
                            collective_id,
                            day,
                            code,
                            KINDS[code],
                            "USD",
                            sign * cents,
                            sign * cents,
                            None,
                        )
                    )
                    legs.append(
                        (
                            number,
                            accounts[(collective_id, money_code)],
                            collective_id,
                            day,
                            money_code,
                            "asset",
                            "USD",
                            -sign * cents,
                            -sign * cents,
                            None,
                        )
                    )
                number += 1
            # SQLite checks the legs of a transaction when it is sealed: the legs go in
            # first, then their sealed transactions (foreign keys are checked at commit).
            write_rows(Posting._meta.db_table, LEG_COLUMNS, legs)
            write_rows(Transaction._meta.db_table, TX_COLUMNS, records)
            _without_balance_trigger(False)
        made += len(legs)
        if made % (BATCH * 25) < BATCH:
            out.write(f"  {made} postings\n")
    _after_load()
    out.write(f"{made} postings over {len(ids)} collectives' books\n")


def _without_balance_trigger(disable: bool) -> None:
    """PostgreSQL would queue one deferred balance check per row of a bulk load; the
    generated transactions balance by construction, so the trigger is off during it."""
    if connection.vendor != "postgresql":
        return
    state = "DISABLE" if disable else "ENABLE"
    with connection.cursor() as cursor:
        # Checks already queued (balance, foreign keys) run now: a table with pending trigger
        # events cannot be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"ALTER TABLE finance_posting {state} TRIGGER finance_posting_balance")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _after_load() -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        table = Transaction._meta.db_table
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        )
        tables = f"{Transaction._meta.db_table}, {Posting._meta.db_table}"
        cursor.execute(
            f"ANALYZE {tables}" if connection.in_atomic_block else f"VACUUM ANALYZE {tables}"
        )
